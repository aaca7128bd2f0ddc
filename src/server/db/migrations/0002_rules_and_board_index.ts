// Frozen history. Local rule settings per jurisdiction, and an index for rare category × grade filters
// on the board (bench/board.ts: social_safety + grade=II read every row of one grade without it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rule_settings')
    .addColumn('jurisdiction_code', 'text', (c) => c.primaryKey().references('jurisdictions.code'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_category_grade').on('incidents').columns(['category', 'grade', 'occurred_at']).execute();
}
