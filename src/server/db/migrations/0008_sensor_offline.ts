// Frozen history. When a sensor was reported 离线 (null while on line), so that it is reported once, and its return.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sensors').addColumn('offline_since', 'text').execute();
}
