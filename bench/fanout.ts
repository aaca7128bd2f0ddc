// SSE fan-out (issue #4): N clients hold GET /api/stream open; a commander issues a warning; each client's latency runs
// from just before the issue request is sent until it reads the `event: warning` message with that id and change
// "issue". Every round issues a new warning; all latencies of all rounds go into one distribution. Goal: p99 < 500 ms.
//   npm run bench:fanout   [BENCH_CLIENTS=5000 BENCH_ROUNDS=5 BENCH_WORKERS=1 BENCH_ROUND_TIMEOUT_MS=30000]
// The server runs on this (main) thread as it ships; the SSE clients run on worker threads (node:http) so their
// parsing does not share the server's event loop. One client thread by default: on 2 cores a second one competes with
// the server for a core (real clients are elsewhere), and one keeps up: a round's p99 lands a median 21 ms after the
// server's last socket write.
// All threads read the same clock: performance.timeOrigin + performance.now().
import { emit, envInt, goalLine, machineLine, median, percentile, round, run, sortedCopy, tempDir } from './lib';
import http from 'node:http';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../src/server/config';
import { migrate, openDatabase } from '../src/server/db';
import { Bus, type LiveMessage } from '../src/server/events/bus';
import { buildApp } from '../src/server/http/app';
import { AuthService } from '../src/server/modules/auth/auth.service';
import { seedFixtures } from '../src/server/testing/harness';

const GOAL_MS = 500;
const CLIENTS = envInt('BENCH_CLIENTS', 5000);
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const WORKERS = Math.min(CLIENTS, envInt('BENCH_WORKERS', 1));
const ROUND_TIMEOUT_MS = envInt('BENCH_ROUND_TIMEOUT_MS', 30_000);
/** Connections opened at once per worker: more would overflow the listen backlog (511) with SYNs. */
const CONNECT_LANES = 64;

const now = () => performance.timeOrigin + performance.now();

/**
 * The live bus the app would build, plus what the clients cannot see: when the server fans out. `publish` runs every
 * subscriber's filter and `res.write`, which only queues into the corked socket; node:http uncorks each response on
 * the next tick, so the actual socket writes end when a tick queued after the last subscriber runs.
 */
class TimedBus extends Bus {
  subscribers = 0;
  /** warning id → [publish start, publish end, socket writes end] of its "issue" message. */
  readonly issuePublish = new Map<string, [number, number, number]>();
  override subscribe(fn: (m: LiveMessage) => void) {
    this.subscribers++;
    const off = super.subscribe(fn);
    return () => {
      this.subscribers--;
      off();
    };
  }
  override publish(m: LiveMessage) {
    const start = now();
    super.publish(m);
    const p = m.payload as { id?: string; change?: string };
    if (m.name !== 'warning' || p.change !== 'issue' || !p.id) return;
    const times: [number, number, number] = [start, now(), NaN];
    this.issuePublish.set(p.id, times);
    process.nextTick(() => (times[2] = now()));
  }
}

// Plain JavaScript, evaluated as the worker's script (no loader needed in the worker). Each worker holds its share of
// the connections, stamps every chunk on arrival (before parsing, so parsing earlier chunks is all that delays a stamp)
// and reports, per warning id, the time each of its connections read the "issue" message (NaN = not received).
const WORKER = String.raw`
const { parentPort, workerData: o } = require('node:worker_threads');
const http = require('node:http');
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const reqs = [];
const rounds = new Map();  // warning id -> { times: Float64Array (per connection), count, sent }
let dropped = 0;
function roundOf(id) {
  let r = rounds.get(id);
  if (!r) rounds.set(id, (r = { times: new Float64Array(o.count).fill(NaN), count: 0, sent: false }));
  return r;
}
function report(id) {
  const r = roundOf(id);
  if (r.sent) return;
  r.sent = true;
  parentPort.postMessage({ type: 'round', id, times: r.times, dropped });
}
function open(i) {
  return new Promise((resolve, reject) => {
    let buf = '';
    let connected = false;
    const req = http.request({ host: '127.0.0.1', port: o.port, path: '/api/stream', agent, headers: { authorization: 'Bearer ' + o.token, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { res.resume(); return reject(new Error('GET /api/stream answered ' + res.statusCode)); }
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const t = now();
        buf += chunk;
        for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!connected && block.includes(': connected')) { connected = true; resolve(); continue; }
          if (!block.startsWith('event: warning\n')) continue;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6));
          if (data.change !== 'issue') continue;
          const r = roundOf(data.id);
          if (!Number.isNaN(r.times[i])) continue;
          r.times[i] = t;
          if (++r.count === o.count) report(data.id);
        }
      });
      res.on('error', reject);  // after ": connected" a no-op; the 'close' below counts the drop
      res.on('close', () => { if (connected) dropped++; else reject(new Error('stream closed before ": connected"')); });
    });
    req.on('error', reject);
    req.end();
    reqs.push(req);
  });
}
parentPort.on('message', (m) => {
  if (m.type === 'flush') report(m.id);
  if (m.type === 'close') { for (const r of reqs) r.destroy(); agent.destroy(); parentPort.close(); }
});
(async () => {
  const t0 = now();
  let next = 0, failed = 0, firstError = null;
  const lane = async () => {
    while (next < o.count) {
      const i = next++;
      try { await open(i); } catch (e) { failed++; if (firstError === null) firstError = String(e); }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.lanes, o.count) }, lane));
  parentPort.postMessage({ type: 'connected', ms: now() - t0, failed, firstError });
})();
`;

type FromWorker =
  | { type: 'connected'; ms: number; failed: number; firstError: string | null }
  | { type: 'round'; id: string; times: Float64Array; dropped: number };

/** The SSE clients, spread over worker threads. */
async function openClients(port: number, token: string) {
  const waiters = new Map<string, ((m: FromWorker) => void)[]>();
  const keyOf = (m: FromWorker) => (m.type === 'round' ? `round:${m.id}` : m.type);
  const workers = Array.from({ length: WORKERS }, (_, w) => {
    const count = Math.floor(CLIENTS / WORKERS) + (w < CLIENTS % WORKERS ? 1 : 0);
    const worker = new Worker(WORKER, { eval: true, workerData: { port, token, count, lanes: CONNECT_LANES } });
    worker.on('message', (m: FromWorker) => waiters.get(keyOf(m))?.shift()?.(m));
    return worker;
  });
  // A crashed worker fails whatever is being waited for instead of hanging the benchmark.
  const crashed = new Promise<never>((_, reject) => workers.forEach((w) => w.once('error', reject)));
  crashed.catch(() => {});
  /** One message of this kind from every worker. */
  const fromAll = <T extends FromWorker>(key: string) =>
    Promise.race([crashed, Promise.all(workers.map(() => new Promise<T>((resolve) => {
      const list = waiters.get(key) ?? [];
      list.push(resolve as (m: FromWorker) => void);
      waiters.set(key, list);
    })))]);
  const close = () =>
    Promise.all(workers.map((w) => new Promise((resolve) => {
      w.once('exit', resolve);
      w.postMessage({ type: 'close' });
    })));

  const t0 = now();
  const connected = await fromAll<Extract<FromWorker, { type: 'connected' }>>('connected');
  const connectMs = now() - t0;
  const failed = connected.reduce((n, c) => n + c.failed, 0);
  if (failed) {
    await close();
    throw new Error(`${failed} of ${CLIENTS} SSE connections failed; first: ${connected.find((c) => c.firstError)?.firstError}`);
  }
  return {
    connectMs,
    /** Receive times of warning `id` per client (NaN = missed), once all have it or the round timeout passes. */
    async receiveTimes(id: string): Promise<{ times: number[]; dropped: number }> {
      const all = fromAll<Extract<FromWorker, { type: 'round' }>>(`round:${id}`);
      const timer = setTimeout(() => workers.forEach((w) => w.postMessage({ type: 'flush', id })), ROUND_TIMEOUT_MS);
      const parts = await all;
      clearTimeout(timer);
      return { times: parts.flatMap((p) => Array.from(p.times)), dropped: parts.reduce((n, p) => n + p.dropped, 0) };
    },
    close,
  };
}

/** One JSON request from this thread (the issuing client is a single request; it need not leave the server's loop). */
function postJson(port: number, url: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: url, method: 'POST', agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function main() {
  console.log(`bench:fanout — ${CLIENTS} SSE clients (GET /api/stream, node:http on ${WORKERS} worker thread(s)) receive an issued warning; ${ROUNDS} rounds, a new warning each. Goal: p99 < ${GOAL_MS} ms.`);
  console.log(machineLine());
  const tmp = tempDir('fanout');
  const h = openDatabase({ kind: 'sqlite', file: path.join(tmp.dir, 'fanout.db') });
  const bus = new TimedBus();
  let app: Awaited<ReturnType<typeof buildApp>>['app'] | null = null;
  let clients: Awaited<ReturnType<typeof openClients>> | null = null;
  try {
    await migrate(h);
    await seedFixtures(h);
    const auth = new AuthService(h.db, 12);
    const tokenOf = async (username: string) =>
      auth.createApiToken((await h.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id, 'bench-fanout');
    // The county drafts and issues; the watchers are a township's duty officer: a county warning reaches them only
    // once issued (reachesBelow), so they see exactly one warning message per round.
    const dutyToken = await tokenOf('county_duty');
    const commanderToken = await tokenOf('county_commander');
    const watcherToken = await tokenOf('town_a');

    ({ app } = await buildApp({ config: loadConfig({ SHOUWANG_LOG_LEVEL: 'silent' }), db: h, bus, logger: false }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;

    clients = await openClients(port, watcherToken);
    if (bus.subscribers !== CLIENTS) throw new Error(`server has ${bus.subscribers} stream subscribers, expected ${CLIENTS}`);
    console.log(`${CLIENTS} streams open in ${round(clients.connectMs, 0)} ms (${round(CLIENTS / (clients.connectMs / 1000), 0)} connections/s); RSS ${round(process.memoryUsage().rss / 2 ** 20, 0)} MB`);

    const latencies: number[] = [];
    let missed = 0;
    let dropped = 0;
    const writesDone: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const draft = await postJson(port, '/api/warnings', dutyToken, {
        typeCode: 'rainstorm', level: 'orange', onset: new Date().toISOString(), expires: null, areaDesc: '芦阳街道', jurisdictionCodes: ['511826001'],
        headline: `压测 芦山县暴雨橙色预警 第${r + 1}轮`, description: '未来3小时降雨量将达50毫米以上', instruction: '转移低洼地带群众',
      });
      if (draft.status !== 201) throw new Error(`create warning: ${draft.status} ${JSON.stringify(draft.json)}`);
      const id = String(draft.json.id);
      const received = clients.receiveTimes(id);
      const t0 = now();
      const issued = await postJson(port, `/api/warnings/${id}/issue`, commanderToken, {});
      const answeredMs = now() - t0;
      if (issued.status !== 200) throw new Error(`issue warning: ${issued.status} ${JSON.stringify(issued.json)}`);
      const { times, dropped: d } = await received;
      const got = times.filter((t) => !Number.isNaN(t)).map((t) => t - t0);
      latencies.push(...got);
      missed += times.length - got.length;
      dropped = d;
      const s = sortedCopy(got);
      const [pubStart, pubEnd, writesEnd] = bus.issuePublish.get(id) ?? [NaN, NaN, NaN];
      writesDone.push(writesEnd - t0);
      console.log(
        `round ${r + 1}: ${got.length}/${CLIENTS} received; p50 ${round(percentile(s, 50), 1)} ms, p99 ${round(percentile(s, 99), 1)} ms, max ${round(percentile(s, 100), 1)} ms` +
          ` | server: committed +${round(pubStart - t0, 1)}, ${bus.subscribers} subscribers filtered and queued +${round(pubEnd - t0, 1)},` +
          ` socket writes done +${round(writesEnd - t0, 1)}, issue answered +${round(answeredMs, 1)} ms`,
      );
    }

    const s = sortedCopy(latencies);
    const [p50, p95, p99, max] = [50, 95, 99, 100].map((p) => percentile(s, p)) as [number, number, number, number];
    // With a few rounds, the top 1 % of the pooled latencies is the tail of the slowest round.
    console.log(`all rounds: ${latencies.length} deliveries, p50 ${round(p50, 1)} ms, p95 ${round(p95, 1)} ms, p99 ${round(p99, 1)} ms, max ${round(max, 1)} ms; missed ${missed}; streams dropped ${dropped}; server socket writes done (median of rounds) +${round(median(writesDone), 1)} ms`);
    // A missed delivery is slower than any latency, so the p99 of the received ones cannot meet the goal alone.
    goalLine(`${CLIENTS} SSE clients receive an issued warning, p99 < ${GOAL_MS} ms`, p99 < GOAL_MS && missed === 0,
      `p99 ${round(p99, 1)} ms over ${ROUNDS} rounds${missed ? ` (of the received; ${missed} missed)` : ''}`);
    goalLine('every client receives every warning', missed === 0, `${missed} missed of ${CLIENTS * ROUNDS}`);
    emit({
      bench: 'fanout', value: round(p99, 1), unit: 'ms', peer: GOAL_MS, ratio: round(p99 / GOAL_MS, 3),
      clients: CLIENTS, rounds: ROUNDS, p50Ms: round(p50, 1), p95Ms: round(p95, 1), maxMs: round(max, 1), missed, connectMs: round(clients.connectMs, 0),
      writesDoneMs: round(median(writesDone), 1),
    });
  } finally {
    // Clients first: the server's close waits for its open (streaming) connections.
    await clients?.close();
    await app?.close();
    await h.close();
    tmp.cleanup();
  }
}

run(main);
