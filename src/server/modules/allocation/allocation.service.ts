// 优化调配: the approved, not yet covered item requests in the caller's area against the stock of its depots (less
// what is already ordered and not yet gone), solved exactly (solver.ts, HiGHS in worker threads) beside the greedy
// nearest-first allocation. The proposal is kept as shown; accepting it (as proposed or as edited) creates the
// dispatch orders in one transaction.
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Demand, Supply } from '../../../domain/resources/allocation';
import { AllocationInputError } from '../../../domain/resources/allocation';
import type { Priority } from '../../../domain/resources/requests';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import type { UtcInstant } from '../../../domain/shared/time';
import type { Db } from '../../db';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { AppError, conflict, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import type { RequestService } from '../resources/requests.service';
import { AllocationSolveError, AllocationSolver, type AllocationProposal } from './solver';

export const ProposeBody = z.object({
  /** Only these requests (default: every approved, uncovered item request in the caller's area). */
  requestIds: z.array(z.string().min(1).max(64)).max(5000).optional(),
}).strict();

export const AcceptBody = z.object({
  /** The allocation as edited by the person; omitted: as proposed. */
  allocations: z.array(z.object({ requestId: z.string().min(1).max(64), depotId: z.string().min(1).max(64), quantity: z.int().min(1) }).strict()).max(50_000).optional(),
}).strict();

export class AllocationService {
  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly requests: RequestService,
    private readonly clock: () => Date = () => new Date(),
    /** Its worker threads stay up between proposals; the app closes it (app.ts). */
    readonly solver = new AllocationSolver(),
  ) {}

  async propose(p: Principal, input: z.output<typeof ProposeBody>) {
    const open = (await this.requests.open(p, input.requestIds)).filter((r) => r.kind === 'item' && r.itemId && r.location && r.outstanding > 0);
    const demands: Demand[] = open.map((r) => ({
      requestId: r.id, location: r.location!, itemId: r.itemId!, quantity: r.outstanding, priority: r.priority as Priority, neededBy: r.neededBy as UtcInstant | null,
    }));
    const itemIds = [...new Set(demands.map((d) => d.itemId))];
    const range = subtreeRange(p.scopePath);
    const stock = itemIds.length
      ? await this.db.selectFrom('stock as s').innerJoin('depots as d', 'd.id', 's.depot_id')
        .select((eb) => ['s.depot_id', 's.item_id', 'd.lat', 'd.lon', eb.fn.sum<number>('s.quantity').as('quantity')])
        .where('s.item_id', 'in', itemIds).where('s.scope_path', '>=', range.from).where('s.scope_path', '<', range.to)
        .where('d.lat', 'is not', null).where('d.lon', 'is not', null).groupBy(['s.depot_id', 's.item_id', 'd.lat', 'd.lon']).execute()
      : [];
    // Ordered and not yet departed: still on the shelf, but promised.
    const promised = itemIds.length
      ? await this.db.selectFrom('dispatch_orders as o').innerJoin('resource_requests as r', 'r.id', 'o.request_id')
        .select((eb) => ['o.depot_id', 'r.item_id', eb.fn.sum<number>('o.quantity').as('quantity')])
        .where('o.status', '=', 'ordered').where('o.depot_id', 'is not', null).where('r.item_id', 'in', itemIds).groupBy(['o.depot_id', 'r.item_id']).execute()
      : [];
    const held = (depot: string, item: string) => Number(promised.find((x) => x.depot_id === depot && x.item_id === item)?.quantity ?? 0);
    const supplies: Supply[] = stock.map((s) => ({ depotId: s.depot_id, itemId: s.item_id, location: { lat: s.lat!, lon: s.lon! }, available: Math.max(0, Number(s.quantity) - held(s.depot_id, s.item_id)) }))
      .filter((s) => s.available > 0);
    const problem = { now: this.clock().toISOString() as UtcInstant, supplies, demands };
    let proposal: AllocationProposal;
    try {
      proposal = await this.solver.propose(problem);
    } catch (e) {
      if (e instanceof AllocationInputError || e instanceof AllocationSolveError) throw invalid([{ path: '', message: e.message }], e.message);
      throw e;
    }
    const id = uuidv7();
    await this.db.insertInto('allocation_proposals').values({
      id, problem: JSON.stringify(problem), result: JSON.stringify(proposal), created_by: p.name, created_at: problem.now, accepted_at: null, scope_path: p.scopePath,
    }).execute();
    const requests = new Map(open.map((r) => [r.id, `${r.description} → ${r.destination}`]));
    const depotIds = [...new Set(supplies.map((s) => s.depotId))];
    const depots = new Map(depotIds.length ? (await this.db.selectFrom('depots').select(['id', 'name']).where('id', 'in', depotIds).execute()).map((d) => [d.id, d.name]) : []);
    const named = <T extends { requestId: string; depotId?: string }>(x: T) => ({ ...x, request: requests.get(x.requestId) ?? '', depot: x.depotId ? (depots.get(x.depotId) ?? '') : null });
    return {
      id, allocations: proposal.allocations.map(named), unmet: proposal.unmet.map(named), cost: proposal.cost, greedyCost: proposal.greedyCost,
      greedy: { allocations: proposal.greedy.allocations.map(named), unmet: proposal.greedy.unmet.map(named), cost: proposal.greedy.cost },
      saving: proposal.greedyCost - proposal.cost, requests: demands.length, depots: depotIds.length, ms: Math.round(proposal.stats.ms),
    };
  }

  /** Dispatch orders for the proposal (or the person's edit of it), all or none. */
  async accept(p: Principal, id: string, input: z.output<typeof AcceptBody>) {
    const row = await this.db.selectFrom('allocation_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !isWithinScope(row.scope_path, p.scopePath)) throw notFound('调配方案');
    const proposal = JSON.parse(row.result) as AllocationProposal;
    const lines = input.allocations ?? proposal.allocations.map((a) => ({ requestId: a.requestId, depotId: a.depotId, quantity: a.quantity }));
    if (!lines.length) throw invalid([{ path: 'allocations', message: '方案中没有可下达的调拨' }]);
    const orders: string[] = [];
    await inTransaction(this.db, this.bus, async (out) => {
      const taken = await out.tx.updateTable('allocation_proposals').set({ accepted_at: this.clock().toISOString() }).where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) throw conflict('该调配方案已采纳');
      for (const [i, l] of lines.entries()) {
        try {
          orders.push(await this.requests.order(out, p, l.requestId, { depotId: l.depotId, teamId: null, batch: '', quantity: l.quantity }, id));
        } catch (e) {
          // Say which line of the proposal could not be ordered; nothing of it is kept.
          if (e instanceof AppError) throw new AppError(e.kind, e.code, `第 ${i + 1} 条调拨：${e.message}`, e.fields.map((f) => ({ path: `allocations.${i}.${f.path}`, message: f.message })));
          throw e;
        }
      }
    });
    return { id, orders: orders.length };
  }
}
