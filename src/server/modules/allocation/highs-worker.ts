// An allocation worker thread (started by solver.ts through worker-entry.mjs): solves whole items, each by the
// domain's column generation (solveItem) with HiGHS in this thread, so pricing and solving never touch the server's
// event loop and no LP crosses a thread per pricing round.
//
// Messages in:  { op: 'problem', key, minutes, nDepots }          the proposal's travel minutes (points × depots)
//               { op: 'item', id, key, spec, options }            solve one item of that proposal
//               { op: 'forget', key }                             the proposal is done
// Replies:      { id, ok: true, solution, ms } (ms: inside HiGHS) | { id, ok: false, message }
import loadHighs from 'highs';
import { parentPort, workerData } from 'node:worker_threads';
import { solveItem, withTrips, type ItemSpec, type LpResult, type OpenLp, type OptimiseOptions } from '../../../domain/resources/allocation';

export type WorkerMessage =
  | { op: 'problem'; key: number; minutes: Float64Array; nDepots: number }
  | { op: 'item'; id: number; key: number; spec: ItemSpec; options: OptimiseOptions }
  | { op: 'forget'; key: number };

const port = parentPort!;
const highs = await loadHighs(workerData?.wasmModule ? { wasmModule: workerData.wasmModule as WebAssembly.Module } : {});
const statusName = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name]));
const problems = new Map<number, { minutes: Float64Array; nDepots: number }>();

// Simplex: a basic optimum is a vertex, hence integral for a transportation problem (interior point is not). The
// matrix is all ones and the LPs are warm-started, so neither presolve nor scaling earns its time; row-wise PRICE
// (strategy 1) is about 10 % faster here than the default hyper-sparse switching (measured on bench/allocation.ts).
const BASE = { output_flag: false, solver: 'simplex', presolve: 'off', simplex_scale_strategy: 0, simplex_price_strategy: 1 } as const;
// A given feasible basis, or the last optimal one with columns added, is primal feasible but not dual feasible:
// primal simplex goes on from it, where dual simplex (HiGHS's choice for a cold start) would first repair the duals.
const PRIMAL = { simplex_strategy: 4 } as const;

let solverMs = 0;

const openLp: OpenLp = (lp, basis) => {
  const model = highs.createModel(lp);
  model.options.set(BASE);
  let basisRefused = false;
  if (basis) {
    try {
      model.setBasis(basis);
      model.options.set(PRIMAL);
    } catch {
      basisRefused = true; // a basis HiGHS refuses: solve from scratch, and say so
    }
  }
  const run = (): LpResult => {
    const t0 = performance.now();
    model.run();
    solverMs += performance.now() - t0;
    const status = statusName[model.getModelStatus()] ?? 'unknown';
    if (status !== 'optimal') return { status, objective: NaN, colValue: [], rowDual: [], basisRefused };
    const { colValue, rowDual } = model.getSolution();
    return { status, objective: model.getObjectiveValue(), colValue, rowDual, basisRefused };
  };
  return {
    solve(columns) {
      if (columns) {
        model.addCols(columns);
        model.options.set(PRIMAL);
      }
      return run();
    },
    close: () => model.dispose(),
  };
};

port.on('message', (msg: WorkerMessage) => {
  if (msg.op === 'problem') {
    problems.set(msg.key, { minutes: msg.minutes, nDepots: msg.nDepots });
    return;
  }
  if (msg.op === 'forget') {
    problems.delete(msg.key);
    return;
  }
  try {
    const problem = problems.get(msg.key);
    if (!problem) throw new Error(`no problem ${msg.key}`);
    solverMs = 0;
    const solution = solveItem(withTrips(msg.spec, problem.minutes, problem.nDepots), openLp, msg.options);
    port.postMessage({ id: msg.id, ok: true, solution, ms: solverMs });
  } catch (err) {
    port.postMessage({ id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
