// Frozen history. Sensors and their readings (one row per sensor and instant: replays never count twice),
// warning rules bound to sensors, warnings with their lifecycle, and acknowledgements (签收).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pathCol = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('sensors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('last_reading_at', 'text')
    .addColumn('last_value', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sensors_scope').on('sensors').column('scope_path').execute();

  await db.schema
    .createTable('readings')
    .addColumn('sensor_id', 'text', (c) => c.notNull().references('sensors.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('readings_pk', ['sensor_id', 'at'])
    .execute();

  await db.schema
    .createTable('warning_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull()) // the rule as the engine reads it (JSON)
    .addColumn('sensor_ids', 'text', (c) => c.notNull()) // JSON array
    .addColumn('auto_issue', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warning_rules_scope').on('warning_rules').column('scope_path').execute();

  await db.schema
    .createTable('warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('onset', 'text', (c) => c.notNull())
    .addColumn('expires', 'text')
    .addColumn('area_desc', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_codes', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('instruction', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('rule_id', 'text')
    .addColumn('sensor_id', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('identifier', 'text', (c) => c.notNull().unique()) // CAP identifier
    .addColumn('cap', 'text') // the imported CAP alert as parsed (JSON), so export gives its fields back
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warnings_scope_status').on('warnings').columns(['status', 'scope_path']).execute();
  await db.schema.createIndex('warnings_rule_sensor').on('warnings').columns(['rule_id', 'sensor_id', 'status']).execute();

  await db.schema
    .createTable('warning_acks')
    .addColumn('warning_id', 'text', (c) => c.notNull().references('warnings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('warning_acks_pk', ['warning_id', 'user_id'])
    .execute();
}
