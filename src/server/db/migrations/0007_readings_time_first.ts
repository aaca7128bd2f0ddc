// Frozen history. Readings keyed (at, sensor_id) instead of (sensor_id, at). Readings arrive near "now" from many
// sensors at once; keyed by sensor first, every batch touched one index page per sensor (1 000 gauges: ~4 MB
// written per commit), keyed by time first it appends to the last few pages (7× cheaper per reading measured with
// 1 000 gauges). A (sensor, instant) is still stored once. On SQLite the table is WITHOUT ROWID: the key is the table.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('readings_by_time')
    .addColumn('sensor_id', 'text', (c) => c.notNull().references('sensors.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('readings_by_time_pk', ['at', 'sensor_id'])
    .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await sql`insert into readings_by_time (sensor_id, at, value, received_at) select sensor_id, at, value, received_at from readings`.execute(db);
  await db.schema.dropTable('readings').execute();
  await db.schema.alterTable('readings_by_time').renameTo('readings').execute();
}
