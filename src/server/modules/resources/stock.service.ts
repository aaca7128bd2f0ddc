// Stock and its ledger. Stock changes only by a movement (入库/出库/调拨/报损/归还), written with its timeline event
// in one transaction. The giving depot's quantity is lowered by a conditional UPDATE (… where quantity >= n): when
// two dispatchers take the last units at the same moment, one of them finds nothing left — on SQLite (one writer)
// and on PostgreSQL (the row lock makes the second UPDATE re-read the first one's result) alike. A CHECK keeps
// quantity ≥ 0 as the last guard.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { MovementCreate, StockQuery } from '../../../contracts/resources';
import { checkMovement, movementEffects, MOVEMENT_KINDS, type MovementKind } from '../../../domain/resources/ledger';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db, Tx } from '../../db';
import type { Bus } from '../../events/bus';
import { transact } from '../../db/transact';
import { inTransaction, notifyLeads, type Outbox } from '../../events/outbox';
import { conflict, invalid } from '../../errors';
import type { Principal } from '../auth/principal';

/** Units into a depot's line of an item and batch (created on first receipt). */
export interface StockLine { depotId: string; itemId: string; batch: string; expiresOn: string | null; quantity: number; scopePath: string }

/**
 * Adds to stock lines, creating the missing ones; a line's expiry is kept unless a new one is given. Several lines at
 * once go in statements of 500 (an import's 50 000 rows one by one took seconds); each line (depot, item, batch) at
 * most once per call, as one statement may not update a row twice.
 */
export async function addStock(tx: Tx, lines: readonly StockLine[], at: string, onChunk?: (done: number) => Promise<void>) {
  for (let i = 0; i < lines.length; i += 500) {
    const chunk = lines.slice(i, i + 500);
    await tx.insertInto('stock').values(chunk.map((l) => ({
      id: uuidv7(), depot_id: l.depotId, item_id: l.itemId, batch: l.batch, expires_on: l.expiresOn, quantity: l.quantity, scope_path: l.scopePath, updated_at: at,
    }))).onConflict((oc) => oc.columns(['depot_id', 'item_id', 'batch']).doUpdateSet((eb) => ({
      quantity: eb('stock.quantity', '+', eb.ref('excluded.quantity')),
      updated_at: at,
      expires_on: eb.fn.coalesce(eb.ref('excluded.expires_on'), eb.ref('stock.expires_on')),
    }))).execute();
    await onChunk?.(i + chunk.length);
  }
}

export class StockService {
  constructor(private readonly db: Db, private readonly bus: Bus, private readonly clock: () => Date = () => new Date()) {}

  async list(p: Principal, q: z.output<typeof StockQuery>) {
    const r = subtreeRange(p.scopePath);
    let query = this.db.selectFrom('stock as s').innerJoin('depots as d', 'd.id', 's.depot_id').innerJoin('items as i', 'i.id', 's.item_id')
      .leftJoin('stock_minimums as mn', (j) => j.onRef('mn.depot_id', '=', 's.depot_id').onRef('mn.item_id', '=', 's.item_id'))
      .select(['s.id', 's.depot_id', 'd.name as depot_name', 's.item_id', 'i.code', 'i.name as item_name', 'i.unit', 's.batch', 's.expires_on', 's.quantity', 's.updated_at',
        'mn.minimum', 'mn.low_since'])
      .where('s.scope_path', '>=', r.from).where('s.scope_path', '<', r.to);
    if (q.depotId) query = query.where('s.depot_id', '=', q.depotId);
    if (q.itemId) query = query.where('s.item_id', '=', q.itemId);
    if (q.expiringWithinDays !== undefined) {
      const until = new Date(this.clock().getTime() + q.expiringWithinDays * 86_400_000).toISOString().slice(0, 10);
      query = query.where('s.expires_on', 'is not', null).where('s.expires_on', '<=', until).where('s.quantity', '>', 0);
    }
    const rows = await query.orderBy('d.name').orderBy('i.code').orderBy('s.batch').limit(5000).execute();
    return rows.map((x) => ({
      id: x.id, depotId: x.depot_id, depotName: x.depot_name, itemId: x.item_id, itemCode: x.code, itemName: x.item_name, unit: x.unit,
      batch: x.batch, expiresOn: x.expires_on, quantity: x.quantity, updatedAt: x.updated_at, minimum: x.minimum, belowMinimum: x.low_since !== null,
    }));
  }

  /** A depot's minimum of an item (储备定额); below it, the scheduled check announces it once. */
  async setMinimum(p: Principal, v: { depotId: string; itemId: string; minimum: number }) {
    const d = await this.db.selectFrom('depots').select(['scope_path']).where('id', '=', v.depotId).executeTakeFirst();
    if (!d || !isWithinScope(d.scope_path, p.scopePath)) throw invalid([{ path: 'depotId', message: '仓库不存在或不在管辖范围内' }]);
    if (!(await this.db.selectFrom('items').select('id').where('id', '=', v.itemId).executeTakeFirst())) throw invalid([{ path: 'itemId', message: '未知的物资' }]);
    await transact(this.db, (tx) => tx.insertInto('stock_minimums').values({ depot_id: v.depotId, item_id: v.itemId, minimum: v.minimum, low_since: null, scope_path: d.scope_path })
      .onConflict((oc) => oc.columns(['depot_id', 'item_id']).doUpdateSet({ minimum: v.minimum })).execute());
    return { ...v };
  }

  /**
   * The scheduled check: a depot below its minimum of an item (所有批次合计) is announced once, and again only after
   * it was restocked; a batch expiring within `days` is announced once. Both on the timeline and to the duty staff.
   */
  async checkNotices(days: number): Promise<{ low: number; expiring: number }> {
    const now = this.clock();
    const at = now.toISOString();
    const totals = await this.db.selectFrom('stock_minimums as mn').innerJoin('depots as d', 'd.id', 'mn.depot_id').innerJoin('items as i', 'i.id', 'mn.item_id')
      .leftJoin('stock as s', (j) => j.onRef('s.depot_id', '=', 'mn.depot_id').onRef('s.item_id', '=', 'mn.item_id'))
      .select((eb) => ['mn.depot_id', 'mn.item_id', 'mn.minimum', 'mn.low_since', 'd.name as depot', 'd.jurisdiction_code', 'd.scope_path', 'i.name as item', 'i.unit',
        eb.fn.coalesce(eb.fn.sum<number>('s.quantity'), eb.lit(0)).as('total')])
      .groupBy(['mn.depot_id', 'mn.item_id', 'mn.minimum', 'mn.low_since', 'd.name', 'd.jurisdiction_code', 'd.scope_path', 'i.name', 'i.unit']).execute();
    let low = 0;
    for (const t of totals) {
      const below = Number(t.total) < t.minimum;
      if (below === (t.low_since !== null)) continue;
      await inTransaction(this.db, this.bus, async (out) => {
        await out.tx.updateTable('stock_minimums').set({ low_since: below ? at : null }).where('depot_id', '=', t.depot_id).where('item_id', '=', t.item_id).execute();
        if (!below) return;
        const text = `库存不足：${t.depot} ${t.item} 现有 ${Number(t.total)} ${t.unit}，低于储备定额 ${t.minimum} ${t.unit}`;
        await out.append({ incidentId: null, type: 'stock.low', actor: null, jurisdictionCode: t.jurisdiction_code, scopePath: t.scope_path, summary: text, data: { depotId: t.depot_id, itemId: t.item_id } });
        await notifyLeads(out, t.scope_path, text, null, at);
        low++;
      });
    }
    const until = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const soon = await this.db.selectFrom('stock as s').innerJoin('depots as d', 'd.id', 's.depot_id').innerJoin('items as i', 'i.id', 's.item_id')
      .select(['s.id', 's.batch', 's.expires_on', 's.quantity', 'd.name as depot', 'd.jurisdiction_code', 'd.scope_path', 'i.name as item', 'i.unit'])
      .where('s.expires_on', 'is not', null).where('s.expires_on', '<=', until).where('s.quantity', '>', 0).where('s.expiry_noticed_at', 'is', null).limit(500).execute();
    for (const s of soon)
      await inTransaction(this.db, this.bus, async (out) => {
        await out.tx.updateTable('stock').set({ expiry_noticed_at: at }).where('id', '=', s.id).execute();
        const text = `物资临期：${s.depot} ${s.item}${s.batch ? `（批次 ${s.batch}）` : ''} ${s.quantity} ${s.unit}，有效期至 ${s.expires_on}`;
        await out.append({ incidentId: null, type: 'stock.expiring', actor: null, jurisdictionCode: s.jurisdiction_code, scopePath: s.scope_path, summary: text, data: { stockId: s.id } });
        await notifyLeads(out, s.scope_path, text, null, at);
      });
    return { low, expiring: soon.length };
  }

  async movements(p: Principal, q: { depotId?: string; itemId?: string; incidentId?: string }) {
    const r = subtreeRange(p.scopePath);
    let query = this.movementQuery(this.db).where('m.scope_path', '>=', r.from).where('m.scope_path', '<', r.to);
    if (q.depotId) query = query.where((eb) => eb.or([eb('m.from_depot_id', '=', q.depotId!), eb('m.to_depot_id', '=', q.depotId!)]));
    if (q.itemId) query = query.where('m.item_id', '=', q.itemId);
    if (q.incidentId) query = query.where('m.incident_id', '=', q.incidentId);
    return (await query.orderBy('m.at', 'desc').orderBy('m.id', 'desc').limit(1000).execute()).map(movementDto);
  }

  private movementQuery(db: Db | Tx) {
    return db.selectFrom('stock_movements as m').innerJoin('items as i', 'i.id', 'm.item_id')
      .leftJoin('depots as f', 'f.id', 'm.from_depot_id').leftJoin('depots as t', 't.id', 'm.to_depot_id')
      .select(['m.id', 'm.kind', 'm.item_id', 'i.name as item_name', 'i.unit', 'm.batch', 'm.from_depot_id', 'f.name as from_name', 'm.to_depot_id',
        't.name as to_name', 'm.quantity', 'm.reason', 'm.incident_id', 'm.actor_name', 'm.at']);
  }

  /** Records a movement; refused whole (nothing written) when a depot would go below zero. */
  async move(p: Principal, input: z.output<typeof MovementCreate>) {
    const id = await inTransaction(this.db, this.bus, (out) => this.apply(out, p, input));
    return movementDto((await this.movementQuery(this.db).where('m.id', '=', id).executeTakeFirstOrThrow()));
  }

  /** A movement inside the caller's transaction (a dispatch order leaving or coming back); its id. */
  async apply(out: Outbox, p: Principal, input: z.output<typeof MovementCreate>): Promise<string> {
    const m = { ...input, batch: input.batch.trim() };
    const errors = checkMovement(m);
    if (errors.length) throw invalid(errors);
    const id = uuidv7();
    const at = this.clock().toISOString();
    const item = await out.tx.selectFrom('items').select(['id', 'name', 'unit']).where('id', '=', m.itemId).executeTakeFirst();
    if (!item) throw invalid([{ path: 'itemId', message: '未知的物资' }]);
    const depots = new Map<string, { id: string; name: string; scope_path: string; jurisdiction_code: string }>();
    for (const [field, depotId] of [['fromDepotId', m.fromDepotId], ['toDepotId', m.toDepotId]] as const) {
      if (!depotId) continue;
      const d = await out.tx.selectFrom('depots').select(['id', 'name', 'scope_path', 'jurisdiction_code']).where('id', '=', depotId).executeTakeFirst();
      if (!d || !isWithinScope(d.scope_path, p.scopePath)) throw invalid([{ path: field, message: '仓库不存在或不在管辖范围内' }]);
      depots.set(depotId, d);
    }
    if (m.incidentId) {
      const inc = await out.tx.selectFrom('incidents').select('scope_path').where('id', '=', m.incidentId).executeTakeFirst();
      if (!inc || !isWithinScope(inc.scope_path, p.scopePath)) throw invalid([{ path: 'incidentId', message: '事件不存在或不在管辖范围内' }]);
    }
    // A batch keeps its expiry wherever it goes: a transfer carries the giving depot's date.
    let expiresOn = m.expiresOn;
    for (const e of movementEffects(m)) {
      const d = depots.get(e.depotId)!;
      if (e.delta < 0) {
        const res = await out.tx.updateTable('stock').set((eb) => ({ quantity: eb('quantity', '+', e.delta), updated_at: at }))
          .where('depot_id', '=', e.depotId).where('item_id', '=', m.itemId).where('batch', '=', m.batch).where('quantity', '>=', -e.delta)
          .returning('expires_on').executeTakeFirst();
        if (res) expiresOn ??= res.expires_on;
        else {
          const have = await out.tx.selectFrom('stock').select('quantity').where('depot_id', '=', e.depotId).where('item_id', '=', m.itemId).where('batch', '=', m.batch).executeTakeFirst();
          throw conflict(`库存不足：${d.name} 现有${item.name} ${have?.quantity ?? 0} ${item.unit}${m.batch ? `（批次 ${m.batch}）` : ''}，不足 ${-e.delta} ${item.unit}`,
            [{ path: 'quantity', message: `最多 ${have?.quantity ?? 0} ${item.unit}` }], 'insufficient_stock');
        }
      } else {
        await addStock(out.tx, [{ depotId: e.depotId, itemId: m.itemId, batch: m.batch, expiresOn, quantity: e.delta, scopePath: d.scope_path }], at);
      }
    }
    // The movement belongs where its giving depot is (a receipt: where it is received).
    const home = depots.get(m.fromDepotId ?? m.toDepotId!)!;
    await out.tx.insertInto('stock_movements').values({
      id, kind: m.kind, item_id: m.itemId, batch: m.batch, from_depot_id: m.fromDepotId, to_depot_id: m.toDepotId, quantity: m.quantity,
      reason: m.reason, incident_id: m.incidentId, actor_id: p.userId, actor_name: p.name, at, scope_path: home.scope_path,
    }).execute();
    const route = [m.fromDepotId && depots.get(m.fromDepotId)!.name, m.toDepotId && depots.get(m.toDepotId)!.name].filter(Boolean).join(' → ');
    await out.append({
      incidentId: m.incidentId, type: `stock.${m.kind}`, actor: { id: p.userId, name: p.name }, jurisdictionCode: home.jurisdiction_code, scopePath: home.scope_path,
      summary: `${MOVEMENT_KINDS[m.kind as MovementKind].zh}：${item.name} ${m.quantity} ${item.unit}（${route}）${m.reason ? `，${m.reason}` : ''}`, data: { movementId: id }, at,
    });
    return id;
  }
}

type MovementJoin = {
  id: string; kind: string; item_id: string; item_name: string; unit: string; batch: string; from_depot_id: string | null; from_name: string | null;
  to_depot_id: string | null; to_name: string | null; quantity: number; reason: string; incident_id: string | null; actor_name: string; at: string;
};
const movementDto = (x: MovementJoin) => ({
  id: x.id, kind: x.kind as MovementKind, kindLabel: MOVEMENT_KINDS[x.kind as MovementKind].zh, itemId: x.item_id, itemName: x.item_name, unit: x.unit,
  batch: x.batch, fromDepotId: x.from_depot_id, fromDepotName: x.from_name, toDepotId: x.to_depot_id, toDepotName: x.to_name,
  quantity: x.quantity, reason: x.reason, incidentId: x.incident_id, actorName: x.actor_name, at: x.at,
});
