// Frozen history. A sensor's newest reading is read from `readings` (its primary key (sensor_id, at) makes that
// one index seek) instead of being copied onto the sensor with every batch: the copy cost one UPDATE per sensor
// per batch, the largest part of storing a reading.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sensors').dropColumn('last_reading_at').execute();
  await db.schema.alterTable('sensors').dropColumn('last_value').execute();
}
