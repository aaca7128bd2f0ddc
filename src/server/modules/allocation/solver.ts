// The allocation proposal for the server: the formulation, pricing and reading are the domain's
// (src/domain/resources/allocation.ts); every LP is solved by HiGHS in worker threads (highs-worker.mjs), so a long
// solve never holds the event loop. What stays on this thread is linear arithmetic over depots × requests in short
// slices between solves (bench/allocation.ts reports the longest). A timeout terminates the workers, the only way
// to stop a synchronous WebAssembly solve.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  optimise,
  prepare,
  type AllocationProblem,
  type AllocationResult,
  type LpBasis,
  type LpColumns,
  type LpModel,
  type LpResult,
  type OpenLp,
  type OptimiseOptions,
  type OptimiseStats,
} from '../../../domain/resources/allocation';

export interface SolveOptions extends OptimiseOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  /** Worker threads; items are spread over them. Default: one per core, at most 4. */
  workers?: number;
}

export interface AllocationProposal extends AllocationResult {
  greedyCost: number;
  /** The greedy nearest-first allocation, shown beside the proposal. */
  greedy: AllocationResult;
  /** ms: the whole proposal; solverMs: time inside HiGHS, summed over the workers. */
  stats: OptimiseStats & { ms: number; solverMs: number; workers: number };
}

/** The solve could not finish (timeout, solver failure); the message is for people, in zh-CN. */
export class AllocationSolveError extends Error {}

let compiled: Promise<WebAssembly.Module> | undefined;
/** HiGHS's WebAssembly, compiled once per process and handed to every worker. */
function highsModule(): Promise<WebAssembly.Module> {
  const wasm = createRequire(import.meta.url).resolve('highs/runtime');
  compiled ??= fs.promises.readFile(wasm).then((bytes) => WebAssembly.compile(bytes));
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

const WORKER_URL = new URL('./highs-worker.mjs', import.meta.url);

interface Pending {
  resolve: (r: LpResult) => void;
  reject: (e: Error) => void;
}

/** Worker threads serving LP sessions (one session stays on one worker: its model and basis live there). */
class LpWorkers {
  private pending = new Map<number, Pending>();
  private nextId = 0;
  private nextSession = 0;
  private failure: Error | undefined;
  solverMs = 0;

  private constructor(private workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: { id: number; ok: boolean; result?: LpResult & { ms: number }; message?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.solverMs += m.result?.ms ?? 0;
        if (m.ok) p.resolve(m.result!);
        else p.reject(new AllocationSolveError(`线性规划求解出错：${m.message}`));
      });
      w.on('error', (err) => this.fail(new AllocationSolveError(`求解线程出错：${err.message}`)));
      w.on('exit', () => this.fail(new AllocationSolveError('求解线程已停止')));
    }
  }

  static async start(n: number): Promise<LpWorkers> {
    const wasmModule = await highsModule();
    // execArgv []: the worker is plain JavaScript and needs none of the parent's flags (tsx's loader, --eval's
    // --input-type, which a file worker refuses).
    const workers = Array.from({ length: n }, () => new Worker(WORKER_URL, { workerData: { wasmModule }, execArgv: [] }));
    const ready = workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', (err) => reject(new AllocationSolveError(`求解线程无法启动：${err.message}`)));
          w.once('exit', (code) => reject(new AllocationSolveError(`求解线程无法启动（退出码 ${code}）`)));
        }),
    );
    try {
      await Promise.all(ready);
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    return new LpWorkers(workers);
  }

  private fail(err: Error) {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  private call(w: Worker, msg: object): Promise<LpResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...msg, id });
    });
  }

  openLp: OpenLp = (model: LpModel, basis?: LpBasis) => {
    const session = this.nextSession++;
    const w = this.workers[session % this.workers.length]!;
    let opened = false;
    return {
      solve: (columns?: LpColumns) => {
        if (opened) return this.call(w, { op: 'solve', session, columns });
        opened = true;
        return this.call(w, { op: 'open', session, model, basis });
      },
      close: () => {
        if (!this.failure) w.postMessage({ op: 'close', session });
      },
    };
  };

  async terminate(reason: Error) {
    this.fail(reason);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const defaultWorkers = () => Math.min(4, os.availableParallelism());

/**
 * The optimal allocation (exact optimum of the LP, see the domain) and the greedy one beside it. Bad input throws
 * the domain's AllocationInputError; a solve that fails or runs out of time throws AllocationSolveError.
 */
export async function proposeAllocation(problem: AllocationProblem, options: SolveOptions = {}): Promise<AllocationProposal> {
  const t0 = performance.now();
  const { timeoutMs = 30_000, workers: n = defaultWorkers(), ...optimiseOptions } = options;
  const p = prepare(problem);
  if (p.items.length === 0) {
    // Nothing requested: no LP, no worker.
    const { result, greedy, stats } = await optimise(p, () => {
      throw new Error('no LP to open');
    });
    return { ...result, greedyCost: greedy.cost, greedy, stats: { ...stats, ms: performance.now() - t0, solverMs: 0, workers: 0 } };
  }
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AllocationSolveError(`调配方案求解超时（超过 ${timeoutMs / 1000} 秒），请减少需求或仓库后重试`)), timeoutMs);
  });
  const count = Math.max(1, Math.min(n, p.items.length));
  let pool: LpWorkers | undefined;
  let over = false;
  const solved = (async () => {
    const started = await LpWorkers.start(count);
    if (over) {
      // The timeout came first: nobody waits for these workers.
      await started.terminate(new AllocationSolveError('求解已结束'));
      throw new AllocationSolveError('求解已结束');
    }
    pool = started;
    const out = await optimise(p, started.openLp, { concurrency: 2 * count, ...optimiseOptions });
    return { ...out, solverMs: started.solverMs };
  })();
  solved.catch(() => {}); // after a timeout nobody awaits it; its rejection is expected
  try {
    const { result, greedy, stats, solverMs } = await Promise.race([solved, expired]);
    return { ...result, greedyCost: greedy.cost, greedy, stats: { ...stats, ms: performance.now() - t0, solverMs, workers: count } };
  } catch (err) {
    if (err instanceof AllocationSolveError) throw err;
    throw new AllocationSolveError(`调配方案求解失败：${err instanceof Error ? err.message : String(err)}`);
  } finally {
    over = true;
    clearTimeout(timer);
    await (pool as LpWorkers | undefined)?.terminate(new AllocationSolveError('求解已结束'));
  }
}
