// Cold start and idle memory of the server as operators run it: spawn `node bin/shouwang.js serve` with a
// fresh data directory (so start-up includes creating and migrating the database) and a free port, poll
// /api/health every 20 ms, time spawn → first 200; then leave it idle ~3 s and read its VmRSS.
// bin/shouwang.js registers tsx in-process, so the spawned PID is the server itself. 3 runs, median.
// (tsx's transform cache in os.tmpdir() is warm after the first run; an empty one measured the same, ±0.1 s.)
// Goals: start < 5 s, idle RSS < 300 MB.
//   npm run bench:start   (builds the web app first, so dist/web is served as in production)
//   npx tsx bench/start.ts   (without the build; the server starts API-only when dist/web is missing)
import { emit, goalLine, machineLine, median, round, run, tempDir } from './lib';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GOAL_START_MS = 5000;
const GOAL_RSS_MB = 300;
const RUNS = 3;
const POLL_MS = 20;
const IDLE_MS = 3000;
const START_TIMEOUT_MS = 30_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function health(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', timeout: 1000, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS / VmHWM of a process, in MiB. */
function memOf(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function once(label: string) {
  const tmp = tempDir('start');
  const port = await freePort();
  // The benchmark may itself run under tsx; the child must start exactly as an operator's would.
  const env: NodeJS.ProcessEnv = { ...process.env, SHOUWANG_DATA_DIR: path.join(tmp.dir, 'data'), SHOUWANG_PORT: String(port), SHOUWANG_HOST: '127.0.0.1' };
  delete env.NODE_OPTIONS;
  let output = '';
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/shouwang.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  try {
    let startMs = NaN;
    while (performance.now() - t0 < START_TIMEOUT_MS) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${output}`);
      const s = await health(port);
      if (s === 200) {
        startMs = performance.now() - t0;
        break;
      }
      await sleep(POLL_MS);
    }
    if (Number.isNaN(startMs)) throw new Error(`no 200 from /api/health within ${START_TIMEOUT_MS} ms:\n${output}`);
    const cmd = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    await sleep(IDLE_MS);
    if (child.exitCode !== null) throw new Error(`server exited while idle:\n${output}`);
    const mem = memOf(child.pid!);
    console.log(`${label}: first 200 after ${round(startMs, 0)} ms; idle RSS ${round(mem.rssMb, 1)} MB (peak ${round(mem.hwmMb, 1)} MB) — pid ${child.pid} \`${cmd}\``);
    return { startMs, ...mem };
  } finally {
    await stop(child);
    tmp.cleanup();
  }
}

async function main() {
  const web = fs.existsSync(path.join(ROOT, 'dist/web/index.html'));
  console.log(`bench:start — spawn \`node bin/shouwang.js serve\` (fresh SHOUWANG_DATA_DIR, free SHOUWANG_PORT) → first 200 from /api/health (poll ${POLL_MS} ms); then ${IDLE_MS} ms idle → VmRSS. ${RUNS} runs, median.`);
  console.log(machineLine());
  console.log(web ? 'dist/web present: the server registers the built web app, as in production' : 'dist/web MISSING: the server starts API-only (run `npm run build` first for the production figure)');
  const runs = [];
  for (let i = 1; i <= RUNS; i++) runs.push(await once(`run ${i}`));
  const startMs = median(runs.map((r) => r.startMs));
  const rssMb = median(runs.map((r) => r.rssMb));
  console.log(`median: start ${round(startMs, 0)} ms (goal < ${GOAL_START_MS} ms), idle RSS ${round(rssMb, 1)} MB (goal < ${GOAL_RSS_MB} MB)`);
  goalLine(`cold start < ${GOAL_START_MS} ms`, startMs < GOAL_START_MS, `median ${round(startMs, 0)} ms of ${runs.map((r) => round(r.startMs, 0)).join(', ')}`);
  goalLine(`idle RSS < ${GOAL_RSS_MB} MB`, rssMb < GOAL_RSS_MB, `median ${round(rssMb, 1)} MB of ${runs.map((r) => round(r.rssMb, 1)).join(', ')}`);
  emit({ bench: 'start', value: round(startMs, 0), unit: 'ms', peer: GOAL_START_MS, ratio: round(startMs / GOAL_START_MS, 3), rssMb: round(rssMb, 1), web });
}

run(main);
