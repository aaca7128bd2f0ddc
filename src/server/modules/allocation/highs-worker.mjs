// A worker thread that only solves LPs with HiGHS: the formulation and its reading live in
// src/domain/resources/allocation.ts, and the calls come from solver.ts. Plain JavaScript on purpose: the server runs
// TypeScript through tsx registered in-process (bin/shouwang.js), and a Worker does not inherit that loader.
//
// Messages in:  { id, op: 'open', session, model, basis? }  a new LP (HiGHS ModelData), solved at once, from `basis`
//                                                          (column and row statuses) when given
//               { id, op: 'solve', session, columns } columns appended (HiGHS addCols data, optional), re-solved warm
//               { op: 'close', session }              frees the native model
// Replies:      { id, ok: true, result: { status, objective, colValue, rowDual, basisRefused, ms } } | { id, ok: false, message }
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';

// The module compiled once by the parent: no compile per worker, and V8 keeps its optimised code across workers.
const highs = await loadHighs(workerData?.wasmModule ? { wasmModule: workerData.wasmModule } : {});
const statusName = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name]));
const models = new Map();

// A given feasible basis, or the last optimal one with columns added, is primal feasible but not dual feasible:
// primal simplex goes on from it, where dual simplex (HiGHS's choice for a cold start) would first repair the duals.
const PRIMAL = { simplex_strategy: 4 };

function run(model) {
  const t0 = performance.now();
  model.run();
  const ms = performance.now() - t0;
  const status = statusName[model.getModelStatus()] ?? 'unknown';
  if (status !== 'optimal') return { status, objective: NaN, colValue: new Float64Array(0), rowDual: new Float64Array(0), ms };
  const { colValue, rowDual } = model.getSolution();
  return { status, objective: model.getObjectiveValue(), colValue, rowDual, ms };
}

parentPort.on('message', (msg) => {
  if (msg.op === 'close') {
    models.get(msg.session)?.dispose();
    models.delete(msg.session);
    return;
  }
  try {
    let model = models.get(msg.session);
    let cold = false;
    if (msg.op === 'open') {
      model = highs.createModel(msg.model);
      models.set(msg.session, model);
      // Simplex: a basic optimum is a vertex, hence integral for a transportation problem (interior point is not).
      model.options.set({ output_flag: false, solver: 'simplex' });
      if (msg.basis) {
        try {
          model.setBasis(msg.basis);
          model.options.set(PRIMAL);
        } catch {
          cold = true; // a basis HiGHS refuses: solve from scratch, and say so
        }
      }
    } else if (!model) throw new Error(`no open LP ${msg.session}`);
    else if (msg.columns) {
      model.addCols(msg.columns);
      model.options.set(PRIMAL);
    }
    const result = { ...run(model), basisRefused: cold };
    parentPort.postMessage({ id: msg.id, ok: true, result }, [result.colValue.buffer, result.rowDual.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });
