import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AllocationInputError, type AllocationProblem, type Demand, type Supply } from '../../../domain/resources/allocation';
import { greatCircleKm } from '../../../domain/resources/travel';
import { AllocationSolveError, AllocationSolver, type SolveOptions } from './solver';

/** One proposal on workers started for it and stopped after it. */
async function proposeAllocation(problem: AllocationProblem, options: SolveOptions & { workers?: number } = {}) {
  const { workers, ...rest } = options;
  const solver = new AllocationSolver({ workers, exercise: false });
  try {
    return await solver.propose(problem, rest);
  } finally {
    await solver.close();
  }
}

// One minute per degree of longitude along the equator, as in the domain tests.
const LINE = { roadFactor: 1, speedKmh: greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }) * 60 };
const NOW = '2026-07-01T08:00:00.000Z';
const depot = (depotId: string, x: number, available: number): Supply => ({ depotId, location: { lat: 0, lon: x }, itemId: 'water', available });
const need = (requestId: string, x: number, quantity: number, priority: Demand['priority']): Demand => ({ requestId, location: { lat: 0, lon: x }, itemId: 'water', quantity, priority });
// Greedy serves the urgent R1 from A (4 min) and sends B to R2 (9): 13. The optimum crosses them: 6 + 1 = 7.
const CROSSING: AllocationProblem = { now: NOW, travel: LINE, supplies: [depot('A', 0, 1), depot('B', 10, 1)], demands: [need('R1', 4, 1, 2), need('R2', 1, 1, 3)] };

/** A seeded problem big enough to take a while: 60 depots × 40 requests × 4 items around one county. */
function county(seed: number): AllocationProblem {
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const at = () => ({ lat: 30 + rnd() * 0.4, lon: 103 + rnd() * 0.4 });
  const supplies: Supply[] = [];
  const demands: Demand[] = [];
  for (let i = 0; i < 60; i++) {
    const location = at();
    for (let k = 0; k < 4; k++) supplies.push({ depotId: `D${i}`, location, itemId: `I${k}`, available: Math.floor(rnd() * 15) });
  }
  for (let j = 0; j < 40; j++) {
    const location = at();
    for (let k = 0; k < 4; k++) demands.push({ requestId: `R${j}`, location, itemId: `I${k}`, quantity: 1 + Math.floor(rnd() * 25), priority: (1 + (j % 4)) as Demand['priority'] });
  }
  return { now: NOW, supplies, demands };
}

describe('allocation solver (HiGHS in worker threads)', () => {
  it('proposes the optimum beside the greedy allocation', async () => {
    const r = await proposeAllocation(CROSSING, { workers: 1 });
    expect(r.allocations.map((a) => `${a.requestId}←${a.depotId}×${a.quantity}`)).toEqual(['R1←B×1', 'R2←A×1']);
    expect(r.unmet).toEqual([]);
    expect(r.cost).toBeCloseTo(7, 6);
    expect(r.greedyCost).toBeCloseTo(13, 6);
    expect(r.greedy.allocations.map((a) => a.depotId)).toEqual(['A', 'B']);
    expect(r.stats).toMatchObject({ items: 1, workers: 1, coldStarts: 0 });
  });

  it('gives the same answer on one worker or several', async () => {
    const one = await proposeAllocation(county(3), { workers: 1 });
    const three = await proposeAllocation(county(3), { workers: 3 });
    expect(three.stats.workers).toBe(3);
    expect(three.stats.coldStarts).toBe(0);
    expect(one.unmet.length).toBeGreaterThan(0);
    const { stats: _a, ...a } = one;
    const { stats: _b, ...b } = three;
    expect(b).toEqual(a);
    expect(one.greedyCost).toBeGreaterThan(one.cost);
  });

  it('stops at the timeout with a clear message, and the next solve works', async () => {
    await expect(proposeAllocation(county(5), { timeoutMs: 1 })).rejects.toThrow(new AllocationSolveError('调配方案求解超时（超过 0.001 秒），请减少需求或仓库后重试'));
    expect((await proposeAllocation(CROSSING)).cost).toBeCloseTo(7, 6);
  });

  it('keeps its workers between proposals, stops them after a quiet spell and starts them again when needed', async () => {
    const solver = new AllocationSolver({ workers: 2, idleMs: 500 });
    try {
      expect(await solver.running()).toBe(0);
      await solver.warm();
      expect(await solver.running()).toBe(2);
      // Two proposals at once take turns on the same workers and give the same answer.
      const [a, b] = await Promise.all([solver.propose(county(3)), solver.propose(county(3))]);
      expect(b.allocations).toEqual(a.allocations);
      expect(await solver.running()).toBe(2);
      await new Promise((r) => setTimeout(r, 1200));
      expect(await solver.running()).toBe(0);
      expect((await solver.propose(CROSSING)).cost).toBeCloseTo(7, 6);
      expect(await solver.running()).toBe(2);
    } finally {
      await solver.close();
    }
    expect(await solver.running()).toBe(0);
  });

  it('refuses bad input before starting any worker, and needs none when nothing is requested', async () => {
    await expect(proposeAllocation({ ...CROSSING, demands: [need('R1', 4, -1, 2)] })).rejects.toBeInstanceOf(AllocationInputError);
    const none = await proposeAllocation({ ...CROSSING, demands: [] });
    expect(none).toMatchObject({ allocations: [], unmet: [], cost: 0, greedyCost: 0, stats: { workers: 0 } });
  });

  it('works when started like bin/shouwang.js (tsx registered in-process; each worker registers its own)', async () => {
    const solver = path.join(path.dirname(fileURLToPath(import.meta.url)), 'solver.ts');
    const script = `
      import { register } from 'tsx/esm/api';
      register();
      const { AllocationSolver } = await import(${JSON.stringify(solver)});
      const solver = new AllocationSolver({ workers: 2 });
      const r = await solver.propose(${JSON.stringify(CROSSING)});
      await solver.close();
      console.log(JSON.stringify({ cost: r.cost, greedyCost: r.greedyCost }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: path.resolve(path.dirname(solver), '../../../..') });
    const out = JSON.parse(stdout.trim()) as { cost: number; greedyCost: number };
    expect(out.cost).toBeCloseTo(7, 6);
    expect(out.greedyCost).toBeCloseTo(13, 6);
  });
});
