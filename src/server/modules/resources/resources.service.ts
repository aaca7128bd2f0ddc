// The resource registers: the item catalogue (shared by every jurisdiction), and depots, teams, experts, equipment
// and shelters, each in a jurisdiction and seen only within the caller's subtree. Entries are registered, changed
// field by field and deleted — a delete only while nothing that is history or still under way refers to them — each
// with its event on the timeline of its jurisdiction (an item's on the caller's own).
import { sql, type SelectQueryBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { OCCUPANCY_RULE, type DepotCreate, type EquipmentCreate, type ExpertCreate, type ItemCreate, type ShelterCreate, type TeamCreate } from '../../../contracts/resources';
import type { ResourceNeed } from '../../../domain/plans/model';
import { EQUIPMENT_STATUSES, ITEM_CATEGORIES, SHELTER_STATUSES, TEAM_KINDS, TEAM_STATUSES, type ItemCategory } from '../../../domain/resources/model';
import { matchNeed, type OrderStatus } from '../../../domain/resources/requests';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import { isSqlite, type Db, type Tx } from '../../db';
import type { Database } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { conflict, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';

type ScopedTable = 'depots' | 'teams' | 'experts' | 'equipment' | 'shelters';
export type Register = 'items' | ScopedTable;
export const REGISTER_LABELS: Record<Register, string> = { items: '物资', depots: '仓库', teams: '救援队伍', experts: '专家', equipment: '装备', shelters: '避难场所' };

/** Each register's API fields as created; a change gives some of them. */
export interface RegisterFields {
  items: z.output<typeof ItemCreate>; depots: z.output<typeof DepotCreate>; teams: z.output<typeof TeamCreate>;
  experts: z.output<typeof ExpertCreate>; equipment: z.output<typeof EquipmentCreate>; shelters: z.output<typeof ShelterCreate>;
}
type Row = Record<string, unknown> & { id: string; name: string; jurisdiction_code?: string; scope_path?: string };

const loc = (r: { lat: number | null; lon: number | null }) => (r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon });
const place = (l: { lat: number; lon: number } | null | undefined) => (l === undefined ? {} : { lat: l?.lat ?? null, lon: l?.lon ?? null });
const json = (a: string[] | undefined) => (a === undefined ? undefined : JSON.stringify(a));
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

/** The columns of each register from its API fields; a field a change leaves out comes out undefined and is not written. */
const COLUMNS: { [T in Register]: (v: Partial<RegisterFields[T]>) => Partial<Database[T]> } = {
  items: (v) => ({ code: v.code, name: v.name, category: v.category, unit: v.unit, spec: v.spec }),
  depots: (v) => ({
    name: v.name, address: v.address, ...place(v.location), organisation_id: v.organisationId, contact_name: v.contactName, contact_phone: v.contactPhone,
  }),
  teams: (v) => ({
    name: v.name, kind: v.kind, headcount: v.headcount, skills: json(v.skills), equipment: v.equipment, status: v.status, ...place(v.location),
    contact_name: v.contactName, contact_phone: v.contactPhone, organisation_id: v.organisationId,
  }),
  experts: (v) => ({ name: v.name, field: v.field, title: v.title, employer: v.employer, phone: v.phone }),
  equipment: (v) => ({ name: v.name, kind: v.kind, model: v.model, plate: v.plate, status: v.status, depot_id: v.depotId, team_id: v.teamId, ...place(v.location) }),
  shelters: (v) => ({
    name: v.name, kind: v.kind, capacity: v.capacity, occupancy: v.occupancy, area_m2: v.areaM2, facilities: json(v.facilities), address: v.address,
    ...place(v.location), status: v.status,
  }),
};

// How a change is said on the timeline: the field's name, with old and new value where short (a count, a status).
const COLUMN_NAMES: Record<string, string> = {
  code: '编码', name: '名称', category: '类别', unit: '计量单位', spec: '规格型号', address: '地址', lat: '位置', lon: '位置', jurisdiction_code: '行政区划',
  organisation_id: '所属单位', contact_name: '联系人', contact_phone: '联系电话', kind: '类型', headcount: '人数', skills: '专长', equipment: '主要装备',
  status: '状态', field: '专业领域', title: '职称', employer: '工作单位', phone: '电话', model: '型号', plate: '车牌号', depot_id: '所在仓库',
  team_id: '所属队伍', capacity: '容纳人数', occupancy: '现有人数', area_m2: '面积', facilities: '设施',
};
const STATUS_NAMES: Partial<Record<Register, Record<string, { zh: string }>>> = { teams: TEAM_STATUSES, equipment: EQUIPMENT_STATUSES, shelters: SHELTER_STATUSES };
const COUNTS = new Set(['headcount', 'capacity', 'occupancy']);
const said = (table: Register, col: string, from: unknown, to: unknown) => {
  const status = (s: unknown) => STATUS_NAMES[table]?.[String(s)]?.zh ?? String(s);
  if (col === 'status') return `状态 ${status(from)} → ${status(to)}`;
  return COUNTS.has(col) ? `${COLUMN_NAMES[col]} ${String(from)} → ${String(to)}` : (COLUMN_NAMES[col] ?? col);
};

/** A dispatch order that is over (returned or cancelled); the others are under way: ordered, on the road, on site. */
const ORDERS_OVER: OrderStatus[] = ['returned', 'cancelled'];
const tally = async <TB extends keyof Database, O>(q: SelectQueryBuilder<Database, TB, O>) => Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

export class ResourceService {
  private readonly hooks: (() => void)[] = [];

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly clock: () => Date = () => new Date()) {}

  /** Called after a register changed on this node (the nearest index reloads). */
  onChange(hook: () => void) {
    this.hooks.push(hook);
  }

  /** A register changed here (one entry, or an import). */
  changed() {
    for (const h of this.hooks) h();
  }

  /** A register's entries as the caller sees them. */
  list(p: Principal, table: Register): Promise<{ id: string }[]> {
    const lists = { items: () => this.items(), depots: () => this.depots(p), teams: () => this.teams(p), experts: () => this.experts(p), equipment: () => this.equipment(p), shelters: () => this.shelters(p) };
    return lists[table]();
  }

  /** Registers an entry — in a jurisdiction of the caller's subtree, but the catalogue's items — with its event. */
  async create<T extends Register>(p: Principal, table: T, v: RegisterFields[T]) {
    const id = uuidv7();
    await inTransaction(this.db, this.bus, async (out) => {
      const row: Row = { id, name: v.name, ...defined(this.columns(table, v)), created_at: this.clock().toISOString() };
      const code = (v as { jurisdictionCode?: string }).jurisdictionCode;
      if (code !== undefined) Object.assign(row, await this.placeIn(out.tx, p, code));
      await this.check(out.tx, p, row, row);
      await out.tx.insertInto(table).values(row as never).execute();
      await out.append({ ...this.event(p, table, row, 'created'), summary: `${p.name} 登记${REGISTER_LABELS[table]}：${row.name}`, data: { id } });
    });
    this.changed();
    return this.one(await this.list(p, table), id);
  }

  /**
   * Changes the fields given of an entry — a move to another jurisdiction only within the caller's subtree — checked as
   * create checks them, with an event saying what changed (none when nothing did).
   */
  async update<T extends Register>(p: Principal, table: T, id: string, v: Partial<RegisterFields[T]>) {
    const did = await inTransaction(this.db, this.bus, async (out) => {
      const cur = await this.entry(out.tx, p, table, id);
      const set = defined(this.columns(table, v));
      const code = (v as { jurisdictionCode?: string }).jurisdictionCode;
      if (code !== undefined) Object.assign(set, await this.placeIn(out.tx, p, code));
      const write = Object.fromEntries(Object.entries(set).filter(([k, x]) => x !== cur[k]));
      if (!Object.keys(write).length) return false;
      const row = { ...cur, ...write };
      await this.check(out.tx, p, write, row);
      await out.tx.updateTable(table as 'depots').set(write).where('id', '=', id).execute();
      const what = [...new Set(Object.keys(write).filter((k) => k !== 'scope_path').map((k) => said(table, k, cur[k], write[k])))];
      await out.append({
        ...this.event(p, table, row, 'updated'), summary: `${p.name} 修改${REGISTER_LABELS[table]}：${cur.name}（${what.join('；')}）`,
        data: { id, changes: Object.fromEntries(Object.keys(write).map((k) => [k, [cur[k], write[k]]])) },
      });
      return true;
    });
    if (did) this.changed();
    return this.one(await this.list(p, table), id);
  }

  /**
   * Deletes an entry unless something refers to it that is history or still under way (409 in_use, saying what); what
   * only the entry itself kept — its empty stock lines, its minimums — goes with it. Checked and deleted in one transaction.
   */
  async remove(p: Principal, table: Register, id: string) {
    await inTransaction(this.db, this.bus, async (out) => {
      const cur = await this.entry(out.tx, p, table, id);
      const uses = await this.uses(out.tx, table, id);
      if (uses.length) throw conflict(`${REGISTER_LABELS[table]}“${cur.name}”${uses.join('、')}，不能删除`, [], 'in_use');
      if (table === 'items' || table === 'depots') {
        const ref = table === 'items' ? 'item_id' : 'depot_id';
        await out.tx.deleteFrom('stock').where(ref, '=', id).execute();
        await out.tx.deleteFrom('stock_minimums').where(ref, '=', id).execute();
      }
      await out.tx.deleteFrom(table as 'depots').where('id', '=', id).execute();
      await out.append({ ...this.event(p, table, cur, 'deleted'), summary: `${p.name} 删除${REGISTER_LABELS[table]}：${cur.name}`, data: { id } });
    });
    this.changed();
  }

  /** An entry's jurisdiction (of the caller's subtree) and the scope path it is seen by, from the jurisdictions table. */
  private async placeIn(tx: Tx, p: Principal, code: string) {
    const j = await JurisdictionService.inScope(tx, p, code);
    return { jurisdiction_code: j.code, scope_path: j.path };
  }

  private columns<T extends Register>(table: T, v: Partial<RegisterFields[T]>) {
    return (COLUMNS[table] as (v: Partial<RegisterFields[T]>) => Record<string, unknown>)(v);
  }

  /** An entry's event goes on its jurisdiction's timeline; an item, shared by all, on the caller's own. */
  private event(p: Principal, table: Register, row: Row, what: 'created' | 'updated' | 'deleted') {
    return {
      incidentId: null, type: `resource.${table}.${what}`, actor: { id: p.userId, name: p.name },
      jurisdictionCode: row.jurisdiction_code ?? p.jurisdictionCode, scopePath: row.scope_path ?? p.scopePath,
    };
  }

  /**
   * The entry to change or delete; outside the caller's subtree it does not exist (404: nothing is said of it). On
   * PostgreSQL the row stays locked to the end of the transaction, so two changes of one entry (a shelter's occupancy
   * against its capacity) and a delete against a new reference to it come one after the other; SQLite has one writer.
   */
  private async entry(tx: Tx, p: Principal, table: Register, id: string): Promise<Row> {
    const q = tx.selectFrom(table as 'depots').selectAll().where('id', '=', id);
    const row = (await (isSqlite(tx) ? q : q.forUpdate()).executeTakeFirst()) as Row | undefined;
    if (!row || (row.scope_path !== undefined && !isWithinScope(row.scope_path, p.scopePath))) throw notFound(REGISTER_LABELS[table]);
    return row;
  }

  /**
   * What the fields alone cannot say, against the entry as it will be: a unique item code, references within the
   * caller's scope, a shelter's occupancy within its capacity. `set` is what is written (all of a new entry).
   */
  private async check(tx: Tx, p: Principal, set: Record<string, unknown>, row: Row) {
    if (typeof set.code === 'string' && (await tx.selectFrom('items').select('id').where('code', '=', set.code).where('id', '!=', row.id).executeTakeFirst()))
      throw conflict('物资编码已存在', [{ path: 'code', message: '编码重复' }]);
    await this.inScopeRef(tx, p, 'organisations', set.organisation_id, 'organisationId');
    await this.inScopeRef(tx, p, 'depots', set.depot_id, 'depotId');
    await this.inScopeRef(tx, p, 'teams', set.team_id, 'teamId');
    if ((set.capacity !== undefined || set.occupancy !== undefined) && Number(row.occupancy) > Number(row.capacity)) throw invalid([{ ...OCCUPANCY_RULE }]);
  }

  private async inScopeRef(tx: Tx, p: Principal, table: 'depots' | 'teams' | 'organisations', id: unknown, path: string) {
    if (typeof id !== 'string') return;
    const r = await tx.selectFrom(table).select('scope_path').where('id', '=', id).executeTakeFirst();
    if (!r || !isWithinScope(r.scope_path, p.scopePath)) throw invalid([{ path, message: '不存在或不在管辖范围内' }]);
  }

  /** What refers to an entry and keeps it: the stock it holds, the ledger, requests and dispatch orders, equipment kept there. */
  private async uses(tx: Tx, table: Register, id: string): Promise<string[]> {
    const refs: Record<Register, [string, () => Promise<number>][]> = {
      items: [
        ['尚有库存 {n} 项', () => tally(tx.selectFrom('stock').where('item_id', '=', id).where('quantity', '>', 0))],
        ['已有出入库台账 {n} 条', () => tally(tx.selectFrom('stock_movements').where('item_id', '=', id))],
        ['已有资源需求 {n} 条', () => tally(tx.selectFrom('resource_requests').where('item_id', '=', id))],
      ],
      depots: [
        ['尚有库存 {n} 项', () => tally(tx.selectFrom('stock').where('depot_id', '=', id).where('quantity', '>', 0))],
        ['已有出入库台账 {n} 条', () => tally(tx.selectFrom('stock_movements').where((eb) => eb.or([eb('from_depot_id', '=', id), eb('to_depot_id', '=', id)])))],
        ['已有调拨单 {n} 张', () => tally(tx.selectFrom('dispatch_orders').where('depot_id', '=', id))],
        ['存放有装备 {n} 件', () => tally(tx.selectFrom('equipment').where('depot_id', '=', id))],
      ],
      teams: [
        ['有未完成的调拨单 {n} 张', () => tally(tx.selectFrom('dispatch_orders').where('team_id', '=', id).where('status', 'not in', ORDERS_OVER))],
        // Finished orders are the record of what the team did: kept, like a depot's ledger.
        ['已有调拨记录 {n} 张', () => tally(tx.selectFrom('dispatch_orders').where('team_id', '=', id).where('status', 'in', ORDERS_OVER))],
        ['配属有装备 {n} 件', () => tally(tx.selectFrom('equipment').where('team_id', '=', id))],
      ],
      experts: [], equipment: [], shelters: [],
    };
    const found: string[] = [];
    for (const [say, count] of refs[table]) {
      const n = await count();
      if (n > 0) found.push(say.replace('{n}', String(n)));
    }
    return found;
  }

  // ── items ──
  async items() {
    const rows = await this.db.selectFrom('items').selectAll().orderBy('category').orderBy('code').execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, category: r.category as ItemCategory, categoryLabel: ITEM_CATEGORIES[r.category as ItemCategory]?.zh ?? r.category, unit: r.unit, spec: r.spec, createdAt: r.created_at }));
  }

  // ── scoped registers ──
  private async scoped<T extends ScopedTable>(p: Principal, table: T) {
    const r = subtreeRange(p.scopePath);
    // Typed as depots: every register has the same name, jurisdiction and scope columns this query reads.
    return this.db.selectFrom(`${table} as x` as 'depots as x').innerJoin('jurisdictions as j', 'j.code', 'x.jurisdiction_code')
      .selectAll('x').select('j.name as j_name').where('x.scope_path', '>=', r.from).where('x.scope_path', '<', r.to)
      .orderBy('x.scope_path').orderBy('x.name').limit(5000).execute() as unknown as Promise<(Database[T] & { j_name: string })[]>;
  }

  async depots(p: Principal) {
    return (await this.scoped(p, 'depots')).map((r) => ({
      id: r.id, name: r.name, address: r.address, location: loc(r), jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name,
      organisationId: r.organisation_id, contactName: r.contact_name, contactPhone: r.contact_phone, createdAt: r.created_at,
    }));
  }

  async teams(p: Principal) {
    return (await this.scoped(p, 'teams')).map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'professional', headcount: r.headcount, skills: JSON.parse(r.skills) as string[], equipment: r.equipment,
      status: r.status as 'standby', location: loc(r), contactName: r.contact_name, contactPhone: r.contact_phone, jurisdictionCode: r.jurisdiction_code,
      jurisdictionName: r.j_name, organisationId: r.organisation_id, createdAt: r.created_at,
    }));
  }

  async experts(p: Principal) {
    return (await this.scoped(p, 'experts')).map((r) => ({
      id: r.id, name: r.name, field: r.field, title: r.title, employer: r.employer, phone: r.phone, jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, createdAt: r.created_at,
    }));
  }

  async equipment(p: Principal) {
    return (await this.scoped(p, 'equipment')).map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'vehicle', model: r.model, plate: r.plate, status: r.status as 'available', depotId: r.depot_id, teamId: r.team_id,
      location: loc(r), jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, createdAt: r.created_at,
    }));
  }

  async shelters(p: Principal) {
    return (await this.scoped(p, 'shelters')).map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'fixed', capacity: r.capacity, occupancy: r.occupancy, areaM2: r.area_m2, facilities: JSON.parse(r.facilities) as string[],
      address: r.address, status: r.status as 'open', location: loc(r), jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, createdAt: r.created_at,
    }));
  }

  /**
   * 资源缺口: each need of a plan level against what the plan's area holds — an item's stock in its depots, a team
   * kind's teams on standby. A need that names nothing in the catalogue is all gap, said so.
   */
  async gaps(scopePath: string, needs: readonly ResourceNeed[]) {
    const r = subtreeRange(scopePath);
    const items = await this.db.selectFrom('items').select(['id', 'code', 'name']).execute();
    const out = [];
    for (const need of needs) {
      const { item, teamKind } = matchNeed(need, items);
      let held: number | null = null;
      if (item)
        held = Number((await this.db.selectFrom('stock').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('n'))
          .where('item_id', '=', item.id).where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirstOrThrow()).n);
      if (teamKind)
        held = Number((await this.db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', teamKind).where('status', '=', 'standby').where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirstOrThrow()).n);
      out.push({
        kind: need.kind, type: need.type, unit: need.unit, required: need.quantity, held, gap: Math.max(0, need.quantity - (held ?? 0)),
        matched: item ? { itemId: item.id, name: item.name } : teamKind ? { teamKind, name: TEAM_KINDS[teamKind].zh } : null,
        note: held === null ? '未对应资源目录，无法核对' : null,
      });
    }
    return out;
  }

  private one<T extends { id: string }>(rows: T[], id: string): T {
    const r = rows.find((x) => x.id === id);
    if (!r) throw notFound();
    return r;
  }
}
