// Shared helpers of the benchmarks: the result line, percentiles, temp dirs, machine facts.
// Each benchmark prints human-readable lines, then as its LAST line exactly one JSON object:
//   {"bench":NAME,"value":N,"unit":U,"peer":P,"ratio":R[, extra fields]}
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The test harness announces skipped PostgreSQL suites unless told it already has; benchmarks are not tests.
process.env.SHOUWANG_PG_NOTICE_SHOWN ??= '1';

export interface BenchResult {
  bench: string;
  value: number;
  unit: string;
  peer: number;
  ratio: number;
  [extra: string]: string | number | boolean;
}

/** A positive whole-number knob from the environment (BENCH_…), or its default. */
export const envInt = (name: string, dflt: number) => {
  const v = Math.floor(Number(process.env[name]));
  return Number.isFinite(v) && v > 0 ? v : dflt;
};

export const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const sortedCopy = (xs: ArrayLike<number>) => Float64Array.from(xs).sort();

export const median = (xs: number[]) => percentile(sortedCopy(xs), 50);

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown cpu';
  const memGb = round(os.totalmem() / 2 ** 30, 1);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const busy = os.loadavg()[0]! > 0.5 * os.cpus().length;
  return (
    `machine: ${os.cpus().length} × ${cpu}, ${memGb} GB RAM, ${os.platform()} ${os.release()}, node ${process.version}, ${new Date().toISOString()}, load avg ${load}` +
    (busy ? '\nWARNING: the machine is already busy (load average above half the cores); figures will be lower and noisier than on an idle machine' : '')
  );
}

/** A fresh temp directory, removed by `cleanup()` (also on Ctrl-C). */
export function tempDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shouwang-bench-${prefix}-`));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  return {
    dir,
    cleanup: () => {
      process.off('SIGINT', onSignal);
      cleanup();
    },
  };
}

/**
 * CPU time (ms) used so far by this process's main thread, from /proc (Linux; NaN elsewhere). Unlike wall
 * time it barely moves when other processes compete for the cores, so it is the steadier cost figure.
 */
export function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15, in clock ticks (100 Hz on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

export function goalLine(what: string, ok: boolean, detail: string) {
  console.log(ok ? `GOAL MET: ${what} — ${detail}` : `GOAL MISSED: ${what} — ${detail}`);
}

/** Prints the machine-readable result as the last line of output. */
export function emit(r: BenchResult) {
  console.log(JSON.stringify(r));
}

/** Runs a benchmark's main; a failure of the benchmark itself (not a missed goal) exits 1. */
export function run(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('BENCHMARK FAILED:', err);
      process.exit(1);
    },
  );
}
