// An incident's resource requests (物资/队伍需求) and the dispatch orders (调拨单) that meet them. A request is
// approved by the commander; orders name a depot (or a team) and a quantity; an order leaving a depot is an 出库
// on the ledger, one coming back an 归还, so stock and orders never disagree. Every step is on the incident's
// timeline, and the incident's screens refetch on the live `response` signal.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { OrderCreate, RequestCreate } from '../../../contracts/resources';
import { TEAM_KINDS } from '../../../domain/resources/model';
import {
  beyondRequested, canOrder, matchNeed, ORDER_ACTIONS, PLAN_NEEDS_WITHIN_MINUTES, PRIORITIES, priorityForLevel, REQUEST_STATUSES, requestKey, requestProgress,
  type OrderAction, type OrderStatus, type Priority, type RequestStatus,
} from '../../../domain/resources/requests';
import { travel } from '../../../domain/resources/travel';
import { isWithinScope } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { ResourceRequestRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction, type Outbox } from '../../events/outbox';
import { conflict, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import type { ActivatedLevel } from '../responses/responses.service';
import { incidentsRepository } from '../incidents/incidents.repository';
import type { StockService } from './stock.service';

type OrderRow = { id: string; request_id: string; depot_id: string | null; depot_name: string | null; team_id: string | null; team_name: string | null; batch: string;
  quantity: number; status: string; eta_minutes: number | null; created_by: string; created_at: string; updated_at: string };

export class RequestService {
  constructor(private readonly db: Db, private readonly bus: Bus, private readonly stock: StockService, private readonly clock: () => Date = () => new Date()) {}

  private async incident(db: Db | Tx, p: Principal, id: string) {
    const inc = await incidentsRepository(db).get(id, p.scopePath);
    if (!inc) throw notFound('事件');
    return inc;
  }

  private orders(db: Db | Tx, requestIds: string[]) {
    if (!requestIds.length) return Promise.resolve([] as OrderRow[]);
    return db.selectFrom('dispatch_orders as o').leftJoin('depots as d', 'd.id', 'o.depot_id').leftJoin('teams as t', 't.id', 'o.team_id')
      .select(['o.id', 'o.request_id', 'o.depot_id', 'd.name as depot_name', 'o.team_id', 't.name as team_name', 'o.batch', 'o.quantity', 'o.status', 'o.eta_minutes',
        'o.created_by', 'o.created_at', 'o.updated_at'])
      .where('o.request_id', 'in', requestIds).orderBy('o.created_at').execute();
  }

  private dto(r: ResourceRequestRow, orders: OrderRow[]) {
    const mine = orders.filter((o) => o.request_id === r.id).map((o) => ({
      id: o.id, requestId: o.request_id, depotId: o.depot_id, depotName: o.depot_name, teamId: o.team_id, teamName: o.team_name, batch: o.batch, quantity: o.quantity,
      status: o.status as OrderStatus, etaMinutes: o.eta_minutes === null ? null : Number(o.eta_minutes), createdBy: o.created_by, createdAt: o.created_at, updatedAt: o.updated_at,
    }));
    const progress = requestProgress(r.quantity, mine);
    return {
      id: r.id, incidentId: r.incident_id, responseId: r.response_id, kind: r.kind as 'item', itemId: r.item_id, teamKind: r.team_kind, description: r.description,
      quantity: r.quantity, unit: r.unit, destination: r.destination, location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
      priority: r.priority, priorityLabel: PRIORITIES[r.priority as Priority]?.zh ?? String(r.priority), neededBy: r.needed_by, status: r.status as RequestStatus,
      statusLabel: REQUEST_STATUSES[r.status as RequestStatus].zh, note: r.note, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
      ordered: progress.ordered, received: progress.received, outstanding: progress.outstanding, orders: mine,
    };
  }

  async list(p: Principal, incidentId: string) {
    await this.incident(this.db, p, incidentId);
    const rows = await this.db.selectFrom('resource_requests').selectAll().where('incident_id', '=', incidentId).orderBy('priority').orderBy('created_at').execute();
    const orders = await this.orders(this.db, rows.map((r) => r.id));
    return rows.map((r) => this.dto(r, orders));
  }

  /** Open requests in the caller's area (the optimiser's demand). */
  async open(p: Principal, ids?: string[]) {
    let q = this.db.selectFrom('resource_requests').selectAll().where('status', '=', 'approved');
    if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
    const rows = (await q.execute()).filter((r) => isWithinScope(r.scope_path, p.scopePath));
    const orders = await this.orders(this.db, rows.map((r) => r.id));
    return rows.map((r) => this.dto(r, orders));
  }

  async get(p: Principal, id: string, db: Db | Tx = this.db) {
    return (await this.load(p, id, db)).request;
  }

  /** A request in the caller's area, with where it belongs (for the timeline and the live signal). */
  private async load(p: Principal, id: string, db: Db | Tx) {
    const r = await db.selectFrom('resource_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !isWithinScope(r.scope_path, p.scopePath)) throw notFound('资源需求');
    return { request: this.dto(r, await this.orders(db, [id])), place: { jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path } };
  }

  /**
   * Writes a request inside a transaction. From a plan, a need that names no catalogue item or team kind is kept as
   * written (`unit` given), for a person to match before anything can be ordered.
   */
  private async insert(out: Outbox, actor: { id: string; name: string } | null, incident: { id: string; jurisdiction_code: string; scope_path: string }, v: z.output<typeof RequestCreate>,
    responseId: string | null = null, unitAsWritten?: string) {
    let unit = unitAsWritten ?? '支';
    let what = v.description;
    if (v.kind === 'item' && v.itemId) {
      const item = await out.tx.selectFrom('items').select(['name', 'unit']).where('id', '=', v.itemId).executeTakeFirst();
      if (!item) throw invalid([{ path: 'itemId', message: '未知的物资' }]);
      unit = item.unit;
      what ||= item.name;
    } else if (v.kind === 'team' && v.teamKind) what ||= `${TEAM_KINDS[v.teamKind].zh}救援队伍`;
    const id = uuidv7();
    const at = this.clock().toISOString();
    await out.tx.insertInto('resource_requests').values({
      id, incident_id: incident.id, response_id: responseId, kind: v.kind, item_id: v.kind === 'item' ? v.itemId : null, team_kind: v.kind === 'team' ? v.teamKind : null,
      description: what, quantity: v.quantity, unit, destination: v.destination, lat: v.location?.lat ?? null, lon: v.location?.lon ?? null, priority: v.priority,
      needed_by: v.neededBy ? new Date(v.neededBy).toISOString() : null, status: 'requested', note: v.note, created_by: actor?.name ?? '应急预案',
      created_at: at, updated_at: at, jurisdiction_code: incident.jurisdiction_code, scope_path: incident.scope_path,
    }).execute();
    await out.append({ incidentId: incident.id, type: 'resource.requested', actor, jurisdictionCode: incident.jurisdiction_code, scopePath: incident.scope_path,
      summary: `提出需求：${what} ${v.quantity} ${unit}，送${v.destination}（${PRIORITIES[v.priority as Priority].zh}）`, data: { requestId: id } });
    this.signal(out, incident.scope_path, incident.id, id);
    return id;
  }

  /**
   * A plan level's resource needs (预案 resources) become requests of the incident when the level is activated: the
   * item by its catalogue code or name, the team by its kind; urgency from the level; wanted within a local default.
   * Raised to a level, the response asks only for what its needs go beyond the requests it already has.
   */
  fromPlan = async (a: ActivatedLevel) => {
    if (!a.level.resources.length) return;
    const items = await a.out.tx.selectFrom('items').select(['id', 'code', 'name']).execute();
    const neededBy = new Date(Date.parse(a.at) + PLAN_NEEDS_WITHIN_MINUTES * 60_000).toISOString();
    const location = a.incident.lat !== null && a.incident.lon !== null ? { lat: a.incident.lat, lon: a.incident.lon } : null;
    const needs = a.level.resources.map((need) => {
      const { item, teamKind } = matchNeed(need, items);
      const v = { kind: need.kind, itemId: item?.id ?? null, teamKind: teamKind ?? null, description: item || teamKind ? '' : need.type.trim() };
      return { need, v, key: requestKey(v), quantity: Math.max(1, Math.round(need.quantity)) };
    });
    const made = await a.out.tx.selectFrom('resource_requests').select(['kind', 'item_id', 'team_kind', 'description', 'quantity', 'status'])
      .where('response_id', '=', a.responseId).execute();
    const more = beyondRequested(needs, made.map((r) => ({
      key: requestKey({ kind: r.kind, itemId: r.item_id, teamKind: r.team_kind, description: r.description }), quantity: r.quantity, status: r.status as RequestStatus,
    })));
    for (const [i, { need, v }] of needs.entries()) {
      if (more[i]! <= 0) continue;
      await this.insert(a.out, a.actor, a.incident, {
        ...v, quantity: more[i]!, destination: a.incident.address || '事发地点', location, priority: priorityForLevel(a.level.rank), neededBy,
        note: `《${a.planTitle}》${a.level.name}${a.reason === 'raised' ? '提升所需（新增）' : '所需'}${v.itemId || v.teamKind ? '' : '（未对应资源目录，请核对后调拨）'}`,
      }, a.responseId, need.unit);
    }
  };

  private signal(out: Outbox, scopePath: string, incidentId: string, requestId: string) {
    out.live({ name: 'response', scopePath, payload: { id: requestId, incidentId, change: 'resources' } });
  }

  async create(p: Principal, incidentId: string, v: z.output<typeof RequestCreate>) {
    const id = await inTransaction(this.db, this.bus, async (out) => {
      const inc = await this.incident(out.tx, p, incidentId);
      // Without a point of its own, the request goes to the incident's location.
      const location = v.location ?? (inc.lat !== null && inc.lon !== null ? { lat: inc.lat, lon: inc.lon } : null);
      return this.insert(out, { id: p.userId, name: p.name }, inc, { ...v, location });
    });
    return this.get(p, id);
  }

  async decide(p: Principal, id: string, approve: boolean, note: string) {
    await inTransaction(this.db, this.bus, async (out) => {
      const { request: r, place } = await this.load(p, id, out.tx);
      if (r.status !== 'requested') throw conflict(`该需求${r.statusLabel}，不能再审批`);
      const res = await out.tx.updateTable('resource_requests').set({ status: approve ? 'approved' : 'rejected', updated_at: this.clock().toISOString(), ...(note ? { note } : {}) })
        .where('id', '=', id).where('status', '=', 'requested').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('该需求已被他人审批');
      await out.append({ incidentId: r.incidentId, type: approve ? 'resource.approved' : 'resource.rejected', actor: { id: p.userId, name: p.name },
        ...place, summary: `${approve ? '批准' : '未批准'}需求：${r.description} ${r.quantity} ${r.unit}${note ? `（${note}）` : ''}`, data: { requestId: id } });
      this.signal(out, place.scopePath, r.incidentId, id);
    });
    return this.get(p, id);
  }

  /** An order against an approved request, from a depot (items) or a team; its travel time estimated. */
  async order(out: Outbox, p: Principal, requestId: string, v: z.output<typeof OrderCreate>, allocationId: string | null = null) {
    const { request: r, place } = await this.load(p, requestId, out.tx);
    if (r.status !== 'approved') throw conflict(`该需求${r.statusLabel}，不能下达调拨单`);
    if (v.quantity > r.outstanding) throw invalid([{ path: 'quantity', message: `尚需 ${r.outstanding} ${r.unit}` }]);
    const source = v.depotId
      ? await out.tx.selectFrom('depots').select(['id', 'name', 'lat', 'lon', 'scope_path']).where('id', '=', v.depotId).executeTakeFirst()
      : await out.tx.selectFrom('teams').select(['id', 'name', 'lat', 'lon', 'scope_path', 'kind', 'status']).where('id', '=', v.teamId!).executeTakeFirst();
    const field = v.depotId ? 'depotId' : 'teamId';
    if (!source || !isWithinScope(source.scope_path, p.scopePath)) throw invalid([{ path: field, message: '不存在或不在管辖范围内' }]);
    if ((r.kind === 'item') !== !!v.depotId) throw invalid([{ path: field, message: r.kind === 'item' ? '物资需求应由仓库调拨' : '队伍需求应指派队伍' }]);
    if (r.kind === 'item' && !r.itemId) throw invalid([{ path: 'depotId', message: '该需求未对应物资目录，请先核对物资' }]);
    const eta = source.lat !== null && source.lon !== null && r.location ? travel({ lat: source.lat, lon: source.lon }, r.location).minutes : null;
    const id = uuidv7();
    const at = this.clock().toISOString();
    await out.tx.insertInto('dispatch_orders').values({
      id, request_id: requestId, depot_id: v.depotId, team_id: v.teamId, batch: v.batch, quantity: v.quantity, status: 'ordered', eta_minutes: eta,
      allocation_id: allocationId, created_by: p.name, created_at: at, updated_at: at, scope_path: place.scopePath,
    }).execute();
    await out.append({ incidentId: r.incidentId, type: 'resource.ordered', actor: { id: p.userId, name: p.name }, ...place,
      summary: `下达调拨单：${source.name} → ${r.destination}，${r.description} ${v.quantity} ${r.unit}${eta !== null ? `，预计 ${Math.round(eta)} 分钟` : ''}`, data: { requestId, orderId: id } });
    this.signal(out, place.scopePath, r.incidentId, requestId);
    return id;
  }

  async createOrder(p: Principal, requestId: string, v: z.output<typeof OrderCreate>) {
    await inTransaction(this.db, this.bus, (out) => this.order(out, p, requestId, v));
    return this.get(p, requestId);
  }

  /** Batches of a depot's item in order of expiry (none last), as much of each as the quantity needs. */
  private async firstExpiring(tx: Tx, depotId: string, itemId: string, quantity: number) {
    const lines = await tx.selectFrom('stock').select(['batch', 'expires_on', 'quantity']).where('depot_id', '=', depotId).where('item_id', '=', itemId).where('quantity', '>', 0).execute();
    lines.sort((a, b) => (a.expires_on ?? '9999').localeCompare(b.expires_on ?? '9999') || a.batch.localeCompare(b.batch));
    const takes: { batch: string; quantity: number }[] = [];
    let left = quantity;
    for (const l of lines) {
      if (left <= 0) break;
      const n = Math.min(left, l.quantity);
      takes.push({ batch: l.batch, quantity: n });
      left -= n;
    }
    if (left > 0) {
      const depot = await tx.selectFrom('depots').select('name').where('id', '=', depotId).executeTakeFirstOrThrow();
      throw conflict(`库存不足：${depot.name} 现有 ${quantity - left}，不足 ${quantity}`, [{ path: 'quantity', message: `最多 ${quantity - left}` }], 'insufficient_stock');
    }
    return takes;
  }

  /** 发出 (an 出库 from the depot; a team is 出动), 接收, 归还 (an 归还 to the depot; a team 休整), 取消. */
  async act(p: Principal, orderId: string, action: OrderAction) {
    const requestId = await inTransaction(this.db, this.bus, async (out) => {
      const o = await out.tx.selectFrom('dispatch_orders').selectAll().where('id', '=', orderId).executeTakeFirst();
      if (!o || !isWithinScope(o.scope_path, p.scopePath)) throw notFound('调拨单');
      const { request: r, place } = await this.load(p, o.request_id, out.tx);
      if (!canOrder(o.status as OrderStatus, action)) throw conflict(`调拨单${o.status === 'cancelled' ? '已取消' : '当前状态'}不能${ORDER_ACTIONS[action].zh}`);
      const at = this.clock().toISOString();
      const reason = `${r.description}：${r.destination}（事件需求）`;
      if (o.depot_id && r.itemId && action === 'depart') {
        // An order without a batch (from the optimiser) takes the earliest-expiring stock first (先到期先出).
        const takes = o.batch ? [{ batch: o.batch, quantity: o.quantity }] : await this.firstExpiring(out.tx, o.depot_id, r.itemId, o.quantity);
        for (const t of takes)
          await this.stock.apply(out, p, { kind: 'out', itemId: r.itemId, batch: t.batch, expiresOn: null, fromDepotId: o.depot_id, toDepotId: null, quantity: t.quantity, reason, incidentId: r.incidentId });
        if (!o.batch && takes.length) await out.tx.updateTable('dispatch_orders').set({ batch: takes[0]!.batch }).where('id', '=', orderId).execute();
      }
      if (o.depot_id && r.itemId && action === 'return')
        await this.stock.apply(out, p, { kind: 'return', itemId: r.itemId, batch: o.batch, expiresOn: null, fromDepotId: null, toDepotId: o.depot_id, quantity: o.quantity, reason, incidentId: r.incidentId });
      if (o.team_id && (action === 'depart' || action === 'return'))
        await out.tx.updateTable('teams').set({ status: action === 'depart' ? 'deployed' : 'resting' }).where('id', '=', o.team_id).execute();
      const res = await out.tx.updateTable('dispatch_orders').set({ status: ORDER_ACTIONS[action].to, updated_at: at }).where('id', '=', orderId).where('status', '=', o.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('调拨单已被他人处理');
      const after = await this.get(p, o.request_id, out.tx);
      if (after.status === 'approved' && after.received >= after.quantity)
        await out.tx.updateTable('resource_requests').set({ status: 'fulfilled', updated_at: at }).where('id', '=', o.request_id).execute();
      await out.append({ incidentId: r.incidentId, type: `resource.order.${action}`, actor: { id: p.userId, name: p.name }, ...place,
        summary: `调拨单${ORDER_ACTIONS[action].zh}：${r.description} ${o.quantity} ${r.unit}（${r.destination}）`, data: { requestId: o.request_id, orderId } });
      this.signal(out, place.scopePath, r.incidentId, o.request_id);
      return o.request_id;
    });
    return this.get(p, requestId);
  }
}
