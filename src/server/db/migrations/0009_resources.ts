// Frozen history. Emergency resources (issue #5): the item catalogue, depots with stock by item and batch, the
// append-only ledger of movements (stock changes only through it; quantity never below zero, also enforced here),
// teams, experts, equipment and shelters, all scoped by jurisdiction; an incident's resource requests and the
// dispatch orders that meet them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const pathCol = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('depots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('depots_scope').on('depots').column('scope_path').execute();

  // One row per depot, item and batch ('' when the item is not kept by batch); the ledger keeps it.
  await db.schema
    .createTable('stock')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('depot_id', 'text', (c) => c.notNull().references('depots.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expiry_noticed_at', 'text') // 临期 announced once
    .addUniqueConstraint('stock_depot_item_batch', ['depot_id', 'item_id', 'batch'])
    .execute();
  await db.schema.createIndex('stock_item').on('stock').columns(['item_id', 'depot_id']).execute();
  await db.schema.createIndex('stock_scope').on('stock').column('scope_path').execute();

  // A depot's minimum of an item (储备定额); `low_since` while below it, so it is announced once.
  await db.schema
    .createTable('stock_minimums')
    .addColumn('depot_id', 'text', (c) => c.notNull().references('depots.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('minimum', 'integer', (c) => c.notNull().check(sql`minimum >= 0`))
    .addColumn('low_since', 'text')
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_minimums_pk', ['depot_id', 'item_id'])
    .execute();

  // 入库 in / 出库 out / 调拨 transfer / 报损 loss / 归还 return: who, why, which incident. Never updated or deleted.
  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('from_depot_id', 'text', (c) => c.references('depots.id'))
    .addColumn('to_depot_id', 'text', (c) => c.references('depots.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_movements_scope_at').on('stock_movements').columns(['scope_path', 'at']).execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull()) // JSON array
    .addColumn('equipment', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_scope').on('teams').column('scope_path').execute();

  await db.schema
    .createTable('experts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('employer', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('experts_scope').on('experts').column('scope_path').execute();

  await db.schema
    .createTable('equipment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // vehicle | machine | device
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('depot_id', 'text', (c) => c.references('depots.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equipment_scope').on('equipment').column('scope_path').execute();

  await db.schema
    .createTable('shelters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('occupancy', 'integer', (c) => c.notNull())
    .addColumn('area_m2', 'double precision')
    .addColumn('facilities', 'text', (c) => c.notNull()) // JSON array
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shelters_scope').on('shelters').column('scope_path').execute();

  // 物资/队伍需求 of an incident: what, how much, where to, how urgent, by when.
  await db.schema
    .createTable('resource_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('response_id', 'text', (c) => c.references('responses.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // item | team
    .addColumn('item_id', 'text', (c) => c.references('items.id'))
    .addColumn('team_kind', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('needed_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resource_requests_incident').on('resource_requests').columns(['incident_id', 'created_at']).execute();
  await db.schema.createIndex('resource_requests_scope_status').on('resource_requests').columns(['scope_path', 'status']).execute();

  // 调拨单: which depot or team meets how much of a request; ordered → in transit → received (→ returned).
  await db.schema
    .createTable('dispatch_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('resource_requests.id'))
    .addColumn('depot_id', 'text', (c) => c.references('depots.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('eta_minutes', 'double precision')
    .addColumn('allocation_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dispatch_orders_request').on('dispatch_orders').column('request_id').execute();

  // An optimiser proposal as it was shown (input and result), until accepted into dispatch orders.
  await db.schema
    .createTable('allocation_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem', 'text', (c) => c.notNull()) // JSON
    .addColumn('result', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('scope_path', pathCol, (c) => c.notNull())
    .execute();
}
