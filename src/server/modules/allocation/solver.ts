// The allocation proposal for the server: the formulation, column generation and reading are the domain's
// (src/domain/resources/allocation.ts). This thread only checks and prepares the problem and reads the answer; whole
// items are solved in worker threads (highs-worker.ts: pricing and HiGHS together), so a long solve never holds the
// event loop. The workers stay up between proposals (HiGHS's WebAssembly compiled and warm): they start when someone
// opens the optimiser (warm(), about 0.8 s) or at the first proposal, and stop after a quiet spell, so an idle server
// does not carry them (about 100 MB). A timeout terminates them, the only way to stop a synchronous WebAssembly solve;
// the next proposal starts new ones.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  combine,
  prepare,
  type AllocationProblem,
  type AllocationResult,
  type ItemSolution,
  type OptimiseOptions,
  type OptimiseStats,
  type Prepared,
} from '../../../domain/resources/allocation';
import type { WorkerMessage } from './highs-worker';

export interface SolveOptions extends OptimiseOptions {
  /** Default 30 s. */
  timeoutMs?: number;
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
class AllocationTimeout extends AllocationSolveError {}

let compiled: Promise<WebAssembly.Module> | undefined;
/** HiGHS's WebAssembly, compiled once per process and handed to every worker. */
function highsModule(): Promise<WebAssembly.Module> {
  const wasm = createRequire(import.meta.url).resolve('highs/runtime');
  compiled ??= fs.promises.readFile(wasm).then((bytes) => WebAssembly.compile(bytes));
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

type Reply = { id: number; ok: true; solution: ItemSolution; ms: number } | { id: number; ok: false; message: string };

/** Worker threads that solve items; one item at a time each. */
class Pool {
  private pending = new Map<number, { resolve: (r: { solution: ItemSolution; ms: number }) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private nextKey = 0;
  failure: Error | undefined;
  /** warm() has run its made-up proposal on these workers. */
  exercised = false;

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m);
        else p.reject(new AllocationSolveError(`线性规划求解出错：${m.message}`));
      });
      w.on('error', (err) => this.fail(new AllocationSolveError(`求解线程出错：${err.message}`)));
      w.on('exit', () => this.fail(new AllocationSolveError('求解线程已停止')));
    }
    this.idle();
  }

  static async start(n: number): Promise<Pool> {
    const wasmModule = await highsModule();
    // execArgv []: the parent's flags (tsx's loader, --eval's --input-type) are not for the worker; it registers its own.
    const workers = Array.from({ length: n }, () => new Worker(ENTRY, { workerData: { wasmModule }, execArgv: [] }));
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
    return new Pool(workers);
  }

  get size() {
    return this.workers.length;
  }

  /** Idle workers do not keep the process alive; busy ones do (a script awaiting a proposal must not exit). */
  private idle() {
    for (const w of this.workers) w.unref();
  }

  private fail(err: Error) {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  private call(w: Worker, msg: WorkerMessage & { op: 'item' }) {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<{ solution: ItemSolution; ms: number }>((resolve, reject) => {
      this.pending.set(msg.id, { resolve, reject });
      w.postMessage(msg);
    });
  }

  /** Every item of p solved (parallel to p.items), the largest first so that the workers finish together. */
  async solve(p: Prepared, options: OptimiseOptions): Promise<{ solved: ItemSolution[]; solverMs: number }> {
    const key = this.nextKey++;
    // One copy of the trips for all workers.
    const minutes = new Float64Array(new SharedArrayBuffer(p.minutes.byteLength));
    minutes.set(p.minutes);
    const order = p.items.map((_, i) => i).sort((a, b) => size(p, b) - size(p, a) || a - b);
    const solved: ItemSolution[] = new Array(p.items.length);
    let solverMs = 0;
    let next = 0;
    for (const w of this.workers) w.ref();
    try {
      await Promise.all(
        this.workers.map(async (w) => {
          w.postMessage({ op: 'problem', key, minutes, nDepots: p.depots.length } satisfies WorkerMessage);
          for (let k = next++; k < order.length; k = next++) {
            const i = order[k]!;
            const r = await this.call(w, { op: 'item', id: this.nextId++, key, spec: p.items[i]!, options });
            solved[i] = r.solution;
            solverMs += r.ms;
          }
        }),
      );
    } finally {
      if (!this.failure) for (const w of this.workers) w.postMessage({ op: 'forget', key } satisfies WorkerMessage);
      this.idle();
    }
    return { solved, solverMs };
  }

  async terminate(reason: Error) {
    this.fail(reason);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const size = (p: Prepared, i: number) => p.items[i]!.depot.length * p.items[i]!.demand.length;

const defaultWorkers = () => Math.min(4, os.availableParallelism());

export interface SolverOptions {
  /** Threads solving items; default one per core, at most 4. */
  workers?: number;
  /** The workers stop after this long without a proposal; default 15 minutes. */
  idleMs?: number;
  /**
   * warm() solves a made-up proposal, two items per worker: V8 first runs WebAssembly and JavaScript unoptimised and
   * optimises what runs hot, so without it the first real proposal ran about 1.5 × slower. Default true.
   */
  exercise?: boolean;
}

/**
 * The optimal allocation (exact optimum of the LP, see the domain) and the greedy one beside it, one proposal at a
 * time (each uses every worker). Bad input throws the domain's AllocationInputError; a solve that fails or runs out of
 * time throws AllocationSolveError.
 */
export class AllocationSolver {
  private pool: Promise<Pool> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  private readonly workers: number;
  private readonly idleMs: number;
  private readonly exercise: boolean;

  constructor(options: SolverOptions = {}) {
    this.workers = options.workers ?? defaultWorkers();
    this.idleMs = options.idleMs ?? 15 * 60_000;
    this.exercise = options.exercise ?? true;
  }

  /** Starts the workers now rather than at the first proposal (and exercises them, see SolverOptions). */
  async warm(): Promise<void> {
    this.hold();
    try {
      const pool = await this.started();
      if (this.exercise && !pool.exercised) {
        pool.exercised = true;
        await this.propose(madeUp(2 * this.workers));
      }
    } finally {
      this.rest();
    }
  }

  /** One task more: no quiet spell runs while any is under way. */
  private hold() {
    this.busy++;
    clearTimeout(this.idleTimer);
  }

  /** One task less; when none is left, the quiet spell starts. */
  private rest() {
    clearTimeout(this.idleTimer);
    if (--this.busy > 0) return;
    this.idleTimer = setTimeout(() => {
      if (this.busy === 0) void this.stop(new AllocationSolveError('求解线程空闲，已停止'));
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private started(): Promise<Pool> {
    const current = this.pool;
    if (current) return current.then((p) => (p.failure ? this.restart(current) : p));
    return this.restart(undefined);
  }

  private restart(old: Promise<Pool> | undefined): Promise<Pool> {
    if (this.pool !== old) return this.started(); // someone else restarted it meanwhile
    const fresh = Pool.start(this.workers);
    this.pool = fresh;
    fresh.catch(() => {
      if (this.pool === fresh) this.pool = undefined;
    });
    return fresh;
  }

  propose(problem: AllocationProblem, options: SolveOptions = {}): Promise<AllocationProposal> {
    this.hold();
    const turn = this.queue.then(() => this.run(problem, options)).finally(() => this.rest());
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async run(problem: AllocationProblem, options: SolveOptions): Promise<AllocationProposal> {
    const t0 = performance.now();
    const { timeoutMs = 30_000, ...optimiseOptions } = options;
    const p = prepare(problem);
    const finish = (solved: ItemSolution[], solverMs: number, workers: number): AllocationProposal => {
      const { result, greedy, stats } = combine(p, solved);
      return { ...result, greedyCost: greedy.cost, greedy, stats: { ...stats, ms: performance.now() - t0, solverMs, workers } };
    };
    if (p.items.length === 0) return finish([], 0, 0); // nothing requested: no worker needed
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AllocationTimeout(`调配方案求解超时（超过 ${timeoutMs / 1000} 秒），请减少需求或仓库后重试`)), timeoutMs);
    });
    const attempt = this.started().then(async (pool) => ({ pool, ...(await pool.solve(p, optimiseOptions)) }));
    attempt.catch(() => {}); // after a timeout nobody awaits it; its rejection is expected
    try {
      const { pool, solved, solverMs } = await Promise.race([attempt, expired]);
      return finish(solved, solverMs, pool.size);
    } catch (err) {
      if (err instanceof AllocationTimeout) await this.stop(err);
      if (err instanceof AllocationSolveError) throw err;
      throw new AllocationSolveError(`调配方案求解失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private async stop(reason: Error) {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.then((p) => p.terminate(reason), () => {});
  }

  /** Stops the workers (server shutdown). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.stop(new AllocationSolveError('求解已结束'));
  }

  /** Workers running now (0 before the first use and after a quiet spell). */
  async running(): Promise<number> {
    const pool = await this.pool?.catch(() => undefined);
    return pool && !pool.failure ? pool.size : 0;
  }
}

/** The warm-up's proposal: 400 depots and 300 requests per item in a county-sized square, from a fixed seed. */
function madeUp(items: number): AllocationProblem {
  let seed = 20260701;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const at = () => ({ lat: 30 + rnd() * 1.2, lon: 102.5 + rnd() * 1.2 });
  const supplies: AllocationProblem['supplies'][number][] = [];
  const demands: AllocationProblem['demands'][number][] = [];
  for (let i = 0; i < 400; i++) {
    const location = at();
    for (let k = 0; k < items; k++) supplies.push({ depotId: `D${i}`, location, itemId: `I${k}`, available: Math.floor(rnd() * 40) });
  }
  for (let j = 0; j < 300; j++) {
    const location = at();
    for (let k = 0; k < items; k++) {
      const priority = (1 + Math.floor(rnd() * 4)) as 1 | 2 | 3 | 4;
      const neededBy = rnd() < 0.3 ? new Date(Date.UTC(2026, 0, 1, 2 + Math.floor(rnd() * 5))).toISOString() : null;
      demands.push({ requestId: `R${j}`, location, itemId: `I${k}`, quantity: 1 + Math.floor(rnd() * 60), priority, neededBy });
    }
  }
  return { now: '2026-01-01T00:00:00.000Z' as AllocationProblem['now'], supplies, demands };
}
