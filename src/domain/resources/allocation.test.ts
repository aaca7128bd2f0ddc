import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AllocationInputError,
  allArcs,
  greedy,
  interpret,
  itemLp,
  itemProblems,
  optimise,
  prepare,
  type AllocationProblem,
  type Demand,
  type LpModel,
  type OpenLp,
  type Supply,
} from './allocation';
import { greatCircleKm } from './travel';

// Places on the equator with a speed that makes one degree of longitude exactly one minute: trips are hand-countable.
const DEG_KM = greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 });
const LINE = { roadFactor: 1, speedKmh: DEG_KM * 60 };
const at = (x: number) => ({ lat: 0, lon: x });
const NOW = '2026-07-01T08:00:00.000Z';
const minutesFromNow = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();
const depot = (depotId: string, x: number, available: number, itemId = 'water'): Supply => ({ depotId, location: at(x), itemId, available });
const need = (requestId: string, x: number, quantity: number, priority: Demand['priority'], more: Partial<Demand> = {}): Demand => ({
  requestId,
  location: at(x),
  itemId: 'water',
  quantity,
  priority,
  ...more,
});
const problem = (supplies: Supply[], demands: Demand[]): AllocationProblem => ({ now: NOW, supplies, demands, travel: LINE });

let highs: Awaited<ReturnType<typeof loadHighs>>;
beforeAll(async () => {
  highs = await loadHighs();
});

/** HiGHS in this thread (the server uses a worker; solver.test.ts covers that path). */
const inProcess: OpenLp = (model, basis) => {
  const m = highs.createModel(model);
  m.options.set({ output_flag: false, solver: 'simplex' });
  if (basis) {
    m.setBasis(basis); // as the worker does: primal simplex from the greedy basis
    m.options.set({ simplex_strategy: 4 });
  }
  return {
    solve(columns) {
      if (columns) m.addCols(columns);
      m.run();
      const { colValue, rowDual } = m.getSolution();
      return { status: m.getModelStatus() === highs.constants.modelStatus.optimal ? 'optimal' : String(m.getModelStatus()), objective: m.getObjectiveValue(), colValue, rowDual };
    },
    close: () => m.dispose(),
  };
};
const solveDirect = (model: LpModel) =>
  highs.withModel(model, (m) => {
    m.options.set({ output_flag: false });
    m.run();
    return m.getObjectiveValue();
  });

const best = (pr: AllocationProblem, o?: { nearest?: number; perDemand?: number }) => optimise(prepare(pr), inProcess, o).result;
const brief = (r: { allocations: { requestId: string; depotId: string; quantity: number }[] }) => r.allocations.map((a) => `${a.requestId}←${a.depotId}×${a.quantity}`);

describe('allocation optimiser (domain)', () => {
  it('finds the hand-computed optimum of a 2 × 2 transportation problem', async () => {
    // A(0) holds 3, B(10) holds 4; R1 at 3 needs 4, R2 at 8 needs 3. Trips: A→R1 3, A→R2 8, B→R1 7, B→R2 2.
    // B has 4: 3 to R2 (6) and 1 to R1 (7); A's 3 to R1 (9). Total 22; any other split moves a unit onto a longer trip.
    const r = best(problem([depot('A', 0, 3), depot('B', 10, 4)], [need('R1', 3, 4, 2), need('R2', 8, 3, 2)]));
    expect(brief(r)).toEqual(['R1←A×3', 'R1←B×1', 'R2←B×3']);
    expect(r.unmet).toEqual([]);
    expect(r.cost).toBeCloseTo(22, 6);
    expect(r.allocations[0]).toMatchObject({ itemId: 'water', minutes: expect.closeTo(3, 6), km: expect.closeTo(3 * DEG_KM, 6) });
  });

  it('beats greedy nearest-first where the urgent request takes the depot the other one needed', async () => {
    // A(0) and B(10) hold 1 each. Greedy serves the more urgent R1 at 4 from A (4), leaving R2 at 1 to B (9): 13.
    // The optimum sends B to R1 (6) and A to R2 (1): 7. Both serve everyone; only travel differs.
    const p = prepare(problem([depot('A', 0, 1), depot('B', 10, 1)], [need('R1', 4, 1, 2), need('R2', 1, 1, 3)]));
    const g = greedy(p);
    const o = optimise(p, inProcess).result;
    expect(brief(g)).toEqual(['R1←A×1', 'R2←B×1']);
    expect(g.cost).toBeCloseTo(13, 6);
    expect(brief(o)).toEqual(['R1←B×1', 'R2←A×1']);
    expect(o.cost).toBeCloseTo(7, 6);
  });

  it('serves the urgent request when supply is short, and says why the other goes without', async () => {
    // A(0) holds 5. R2 (特急) at 3 needs 3, R1 (一般) at 1 needs 5: R2 gets its 3 though R1 is nearer.
    const pr = problem([depot('A', 0, 5)], [need('R1', 1, 5, 4), need('R2', 3, 3, 1)]);
    const p = prepare(pr);
    const r = optimise(p, inProcess).result;
    expect(brief(r)).toEqual(['R1←A×2', 'R2←A×3']);
    expect(r.unmet).toEqual([{ requestId: 'R1', itemId: 'water', quantity: 3, code: 'short', reason: '库存不足：能在需求时限前送达的 1 个仓库库存已全部调配' }]);
    expect(r.penaltyCost).toBe(3 * 1 * p.unit);
    expect(r.cost).toBeCloseTo(2 + 9 + 3 * p.unit, 6);
    // Penalties follow the rule: above the longest trip, and levels further apart than any trip.
    expect(p.unit).toBeGreaterThan(3);
  });

  it('excludes depots that cannot arrive before needed-by, with reasons', async () => {
    // R1 at 8 must have its water within 4 min: A(0) is 8 min away, B(5) is 3, though A has far more.
    // R2 at 20 within 5 min: the nearest depot B is 15 min away. R3's deadline has passed. Nobody holds rope.
    const r = best(
      problem(
        [depot('A', 0, 100), depot('B', 5, 1)],
        [
          need('R1', 8, 2, 1, { neededBy: minutesFromNow(4) }),
          need('R2', 20, 1, 1, { neededBy: minutesFromNow(5) }),
          need('R3', 1, 1, 1, { neededBy: minutesFromNow(-10) }),
          need('R4', 1, 1, 2, { itemId: 'rope' }),
        ],
      ),
    );
    expect(brief(r)).toEqual(['R1←B×1']);
    expect(r.unmet).toEqual([
      { requestId: 'R1', itemId: 'water', quantity: 1, code: 'short', reason: '库存不足：能在需求时限前送达的 1 个仓库库存已全部调配（另有 1 个仓库无法按时送达）' },
      { requestId: 'R2', itemId: 'water', quantity: 1, code: 'too_late', reason: '无法在需求时限前送达：最近的有库存仓库需 15 分钟，距时限仅 5 分钟' },
      { requestId: 'R3', itemId: 'water', quantity: 1, code: 'too_late', reason: '无法在需求时限前送达：需求时限已过' },
      { requestId: 'R4', itemId: 'rope', quantity: 1, code: 'no_stock', reason: '库存不足：没有仓库存有该物资' },
    ]);
  });

  it('reaches the optimum of the full LP solved directly, also from a poor start', async () => {
    const pr = randomProblem(7, { depots: 40, requests: 30, items: 3 });
    const p = prepare(pr);
    const full = itemProblems(p).reduce((sum, it) => sum + solveDirect(itemLp(it, allArcs(it))), 0);
    for (const o of [{}, { nearest: 1, perDemand: 1 }]) {
      const { result, objective, stats } = optimise(p, inProcess, o);
      expect(Math.abs(objective - full) / full).toBeLessThan(1e-9);
      expect(Math.abs(result.cost - full) / full).toBeLessThan(1e-9);
      expect(stats.columns).toBeLessThan(stats.fullColumns);
      expect(stats.coldStarts).toBe(0); // every item started from the greedy allocation's basis
    }
    expect(optimise(p, inProcess, { nearest: 1, perDemand: 1 }).stats.maxRounds).toBeGreaterThan(2);
    expect(greedy(p).cost).toBeGreaterThanOrEqual(full - 1e-6);
  });

  it('is deterministic: the same input twice, or in another order, gives the identical answer', async () => {
    const pr = randomProblem(11, { depots: 30, requests: 25, items: 2 });
    const a = best(pr);
    const b = best(pr);
    const shuffled = { ...pr, supplies: [...pr.supplies].reverse(), demands: [...pr.demands].reverse() };
    expect(b).toEqual(a);
    expect(best(shuffled)).toEqual(a);
    expect(greedy(prepare(shuffled))).toEqual(greedy(prepare(pr)));
  });

  it('refuses a fractional solution rather than rounding it silently', () => {
    const p = prepare(problem([depot('A', 0, 2)], [need('R1', 1, 1, 1)]));
    expect(() => interpret(p, [{ arcs: { supply: [0], demand: [0] }, flow: [0.5] }])).toThrow('不是整数');
    expect(() => interpret(p, [{ arcs: { supply: [0], demand: [0] }, flow: [1] }])).not.toThrow();
  });

  it('rejects bad input with every problem listed', () => {
    const bad = problem(
      [depot('A', 0, -1), { ...depot('A', 1, 1), itemId: 'rope' }],
      [need('R1', 1, 1.5, 1), need('R1', 1, 1, 1), { ...need('R2', 1, 1, 1), priority: 5 as 1, neededBy: 'soon' }],
    );
    try {
      prepare({ ...bad, weights: { 1: 10, 2: 10, 3: 2, 4: 1 } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AllocationInputError);
      expect((err as AllocationInputError).errors.map((e) => e.path)).toEqual([
        'weights',
        'supplies[0].available',
        'supplies[1].location',
        'demands[0].quantity',
        'demands[1]',
        'demands[2].priority',
        'demands[2].neededBy',
      ]);
    }
  });
});

/** A seeded county-sized problem (about 50 km across) with short items and deadlines: for the generic checks. */
function randomProblem(seed: number, n: { depots: number; requests: number; items: number }): AllocationProblem {
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const near = () => ({ lat: 30 + rnd() * 0.45, lon: 103 + rnd() * 0.5 });
  const supplies: Supply[] = [];
  const demands: Demand[] = [];
  for (let i = 0; i < n.depots; i++) {
    const location = near();
    for (let k = 0; k < n.items; k++) if (rnd() < 0.6) supplies.push({ depotId: `D${i}`, location, itemId: `I${k}`, available: Math.floor(rnd() * 12) });
  }
  for (let j = 0; j < n.requests; j++) {
    const location = near();
    for (let k = 0; k < n.items; k++) {
      const neededBy = rnd() < 0.3 ? minutesFromNow(20 + rnd() * 60) : null;
      demands.push({ requestId: `R${j}`, location, itemId: `I${k}`, quantity: 1 + Math.floor(rnd() * 10), priority: (1 + Math.floor(rnd() * 4)) as Demand['priority'], neededBy });
    }
  }
  return { now: NOW, supplies, demands };
}
