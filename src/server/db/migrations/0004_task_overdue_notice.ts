// Frozen history. When the scheduled check announced a task as overdue (once per task).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('overdue_noticed_at', 'text').execute();
  await db.schema.createIndex('tasks_overdue_check').on('tasks').columns(['overdue_noticed_at', 'due_at']).execute();
}
