// Frozen history: never edit a migration that has shipped; add a new one.
// Portable subset: text ids, ISO-8601 UTC instants as text, 0/1 integers for booleans, JSON as text.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Subtree scoping compares materialised paths by byte range; PostgreSQL must not use a locale collation for that.
  const pathCol = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('jurisdictions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('path', pathCol, (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .execute();
  await db.schema.createIndex('jurisdictions_parent').on('jurisdictions').column('parent_code').execute();
  await db.schema.createIndex('jurisdictions_path').on('jurisdictions').column('path').execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_scope').on('organisations').column('scope_path').execute();
  await db.schema.createIndex('organisations_name').on('organisations').columns(['jurisdiction_code', 'name']).unique().execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('reporting_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('deaths', 'integer')
    .addColumn('missing', 'integer')
    .addColumn('serious_injuries', 'integer')
    .addColumn('minor_injuries', 'integer')
    .addColumn('direct_loss_yuan', money)
    .addColumn('affected', 'integer')
    .addColumn('evacuated', 'integer')
    .addColumn('casualty_changes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('grade', 'text')
    .addColumn('computed_grade', 'text')
    .addColumn('grade_mode', 'text', (c) => c.notNull())
    .addColumn('grade_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grade_basis', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('override_grade', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('override_by', 'text')
    .addColumn('override_at', 'text')
    .addColumn('graded_at', 'text')
    .addColumn('upgrade_flagged_at', 'text')
    .addColumn('overdue_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_due_at', 'text')
    .addColumn('is_drill', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The board lists newest first inside a jurisdiction subtree, optionally filtered.
  await db.schema.createIndex('incidents_board').on('incidents').columns(['occurred_at', 'id']).execute();
  await db.schema.createIndex('incidents_scope').on('incidents').columns(['scope_path', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_status').on('incidents').columns(['status', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_grade').on('incidents').columns(['grade', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_category').on('incidents').columns(['category', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_next_due').on('incidents').column('next_due_at').execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('requirement_key', 'text')
    .addColumn('recipient_level', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('unit_profile', 'text', (c) => c.notNull())
    .addColumn('time_and_place', 'text', (c) => c.notNull())
    .addColumn('brief_history', 'text', (c) => c.notNull())
    .addColumn('measures_taken', 'text', (c) => c.notNull())
    .addColumn('other', 'text', (c) => c.notNull())
    .addColumn('impact_snapshot', 'text', (c) => c.notNull())
    .addColumn('grade_snapshot', 'text')
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('reports_incident').on('reports').columns(['incident_id', 'filed_at']).execute();

  // Overdue notices already put on the timeline, so the scheduled check announces each once.
  await db.schema
    .createTable('report_overdue_notices')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('requirement_key', 'text', (c) => c.notNull())
    .addColumn('noticed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_overdue_notices_pk', ['incident_id', 'requirement_key'])
    .execute();

  // The one append-only timeline (outbox): UI, audit, sitreps and review all read it.
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_incident').on('events').columns(['incident_id', 'id']).execute();
}
