// MQTT ingestion: readings published to Mosquitto → Shouwang's subscription → stored (SQLite, synchronous=FULL)
// → 暴雨 rules → warnings stored and announced. Three phases on one private Mosquitto:
//   1. raw: the same messages through Mosquitto to a bare mqtt.js subscriber (the peer, messages/s);
//   2. ours: the same messages into Shouwang, timed until every reading and every expected warning is stored;
//   3. latency: readings at a steady BENCH_RATE msg/s, some of them heavy rain; reading → `warning` event p99.
// Goals: ours ≥ 0.5 × raw; p99 < 100 ms at 20 000 msg/s.
//   npm run bench:mqtt   [BENCH_MESSAGES=200000 BENCH_SENSORS=1000 BENCH_RATE=20000 BENCH_SECONDS=10 BENCH_SPIKES=300 BENCH_MQTT_URL=mqtt://…]
// A private Mosquitto (/usr/sbin/mosquitto, a free port, unlimited queues) is started so that no message is dropped
// by the broker's default queue limits and nothing else on the machine's broker interferes; BENCH_MQTT_URL uses an
// existing broker instead. The publisher runs on its own thread, so it does not share the server's event loop.
import { emit, envInt, goalLine, machineLine, percentile, round, run, sortedCopy, tempDir } from './lib';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import mqtt from 'mqtt';
import { loadConfig } from '../src/server/config';
import { migrate, openDatabase } from '../src/server/db';
import { buildApp } from '../src/server/http/app';
import { authRepository } from '../src/server/modules/auth/auth.repository';
import { startBrokerSubscription } from '../src/server/modules/sensors/mqtt';
import { seedFixtures } from '../src/server/testing/harness';

const MESSAGES = envInt('BENCH_MESSAGES', 200_000);
const SENSORS = envInt('BENCH_SENSORS', 1000);
const RATE = envInt('BENCH_RATE', 20_000);
const SECONDS = envInt('BENCH_SECONDS', 10);
const SPIKES = Math.min(envInt('BENCH_SPIKES', 300), Math.floor(SENSORS / 2));
/** In the throughput phase the last reading of this many gauges is a downpour: the run ends when their warnings are stored. */
const BURST_WARNINGS = Math.min(100, Math.floor(SENSORS / 4));
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 100;
const HEAVY_RAIN_MM = 120; // ≥ 100 mm in 3 h: red at once

// The publisher thread (plain JavaScript, evaluated as the worker's script). Messages are built before the clock starts.
const PUBLISHER = String.raw`
const { parentPort, workerData: o } = require('node:worker_threads');
const mqtt = require('mqtt');
(async () => {
  const c = await mqtt.connectAsync(o.url, { reconnectPeriod: 0, clientId: 'bench-pub-' + process.pid + '-' + o.prefix });
  // mqtt.js leaves Nagle's algorithm on: one connection carrying 20 000 small messages a second would have them held
  // back for the peer's delayed ACK (tens of ms). A device sending a reading every few minutes never meets this.
  c.stream.setNoDelay(true);
  const topics = o.sensorIds.map((id) => o.prefix + '/sensors/' + id + '/readings');
  const S = topics.length;
  if (o.mode === 'burst') {
    // Reading n: gauge n % S, one second after that gauge's previous one; all in the past (no reading is "from the future").
    const payloads = new Array(o.messages);
    const last = Math.ceil(o.messages / S) - 1;
    for (let n = 0; n < o.messages; n++) {
      const round = Math.floor(n / S), g = n % S;
      const value = round === last && g < o.heavyGauges ? o.heavy : 0;
      payloads[n] = JSON.stringify({ at: new Date(o.base + round * 1000).toISOString(), value });
    }
    parentPort.postMessage({ ready: true });
    await new Promise((r) => parentPort.once('message', r));
    const t0 = performance.timeOrigin + performance.now();
    for (let n = 0; n < o.messages; n++) {
      c.publish(topics[n % S], payloads[n], { qos: 0 });
      if (n % 5000 === 4999) await new Promise((r) => setImmediate(r)); // let the socket drain
    }
    await c.endAsync();
    parentPort.postMessage({ done: true, t0, sent: o.messages });
  } else {
    // Paced: every millisecond tick, the messages due by now; gauge spikes[k] rains heavily at its planned time.
    const spikeAt = new Map(o.spikes.map((s) => [s.gauge, s.atMs]));
    parentPort.postMessage({ ready: true });
    await new Promise((r) => parentPort.once('message', r));
    const start = Date.now() + 50;
    const total = o.rate * o.seconds;
    let n = 0, lastAt = new Array(S).fill(0), late = 0;
    while (n < total) {
      const now = Date.now();
      const due = Math.min(total, Math.floor(((now - start) * o.rate) / 1000));
      if (due - n > o.rate / 10) late++;
      for (; n < due; n++) {
        const g = n % S;
        const at = Math.max(now, lastAt[g] + 1); // one reading per gauge per millisecond at most: (sensor, at) is the key
        lastAt[g] = at;
        const planned = spikeAt.get(g);
        let value = 0;
        if (planned !== undefined && at - start >= planned) { value = o.heavy; spikeAt.delete(g); }
        c.publish(topics[g], JSON.stringify({ at: new Date(at).toISOString(), value }), { qos: 0 });
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await c.endAsync();
    parentPort.postMessage({ done: true, sent: n, lateTicks: late, elapsedMs: Date.now() - start });
  }
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

type PublisherOptions =
  | { mode: 'burst'; url: string; prefix: string; sensorIds: string[]; messages: number; base: number; heavyGauges: number; heavy: number }
  | { mode: 'paced'; url: string; prefix: string; sensorIds: string[]; rate: number; seconds: number; spikes: { gauge: number; atMs: number }[]; heavy: number };

/** Starts a publisher thread; `go()` releases it once the consumer is ready, `done` resolves with its report. */
async function publisher(o: PublisherOptions) {
  const w = new Worker(PUBLISHER, { eval: true, workerData: o });
  const done = new Promise<{ t0?: number; sent: number; lateTicks?: number; elapsedMs?: number }>((resolve, reject) => {
    w.on('message', (m: { done?: boolean; error?: string; ready?: boolean }) => {
      if (m.error) reject(new Error(m.error));
      else if (m.done) resolve(m as never);
    });
    w.on('error', reject);
  });
  await new Promise<void>((resolve) => w.on('message', (m: { ready?: boolean }) => m.ready && resolve()));
  return { go: () => w.postMessage('go'), done: done.finally(() => void w.terminate()) };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function privateMosquitto(dir: string): Promise<{ url: string; proc: ChildProcess | null }> {
  if (process.env.BENCH_MQTT_URL) return { url: process.env.BENCH_MQTT_URL, proc: null };
  const bin = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => fs.existsSync(p));
  if (!bin) throw new Error('Mosquitto not found (apt install mosquitto), and BENCH_MQTT_URL not set');
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  // Unlimited queues and in-flight windows: a consumer that falls behind makes the broker buffer, never drop.
  fs.writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'max_queued_messages 0', 'max_inflight_messages 0',
    'set_tcp_nodelay true', 'log_dest none', ''].join('\n'));
  const proc = spawn(bin, ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 500 });
      await c.endAsync();
      return { url, proc };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  proc.kill();
  throw new Error(`the private Mosquitto did not start on port ${port}`);
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
};
const wall = () => performance.timeOrigin + performance.now();

async function main() {
  console.log(`bench:mqtt — ${MESSAGES} readings from ${SENSORS} rain gauges through Mosquitto: a bare subscriber vs Shouwang (stored, 暴雨 rules, warnings); then ${RATE} msg/s for ${SECONDS} s with ${SPIKES} downpours, reading → warning event latency. Goals: ratio ≥ ${GOAL_RATIO}, p99 < ${GOAL_P99_MS} ms.`);
  console.log(machineLine());
  const tmp = tempDir('mqtt');
  const broker = await privateMosquitto(tmp.dir);
  console.log(`broker: ${broker.url}${broker.proc ? ' (private Mosquitto, unlimited queues)' : ''}`);
  const h = openDatabase({ kind: 'sqlite', file: path.join(tmp.dir, 'mqtt.db') });
  try {
    await migrate(h);
    await seedFixtures(h);
    const config = loadConfig({ SHOUWANG_LOG_LEVEL: 'silent', SHOUWANG_DATA_DIR: tmp.dir });
    const { app, services, bus } = await buildApp({ config, db: h, logger: false });
    const duty = (await authRepository(h.db).userForLogin('county_duty'))!.principal;

    // 1 000 gauges in the county's townships, bound in rules of 500 (the API's limit), warnings issued directly.
    const towns = ['511826001', '511826106'];
    const sensors = await Promise.all(Array.from({ length: SENSORS }, (_, i) =>
      services.sensors.create(duty, { name: `雨量站 ${i + 1}`, kind: 'rainfall', unit: 'mm', location: null, jurisdictionCode: towns[i % towns.length]!, organisationId: null, intervalSeconds: 300 })));
    const ids = sensors.map((s) => s.id);
    for (let i = 0; i < ids.length; i += 500)
      await services.warningRules.create(duty, { template: 'cma.rainstorm', sensorIds: ids.slice(i, i + 500), sites: [], overrides: {}, autoIssue: true, jurisdictionCode: '511826' });

    // Every durable batch, after the rules ran on it; every issued warning, when it is announced.
    let stored = 0;
    services.sensors.onReadings((r) => void (stored += r.length));
    const gaugeOf = new Map<string, number>();
    const index = new Map(ids.map((id, i) => [id, i]));
    services.warnings.onChange(async (_tx, row, change) => {
      if (change === 'issue' && row.sensor_id) gaugeOf.set(row.id, index.get(row.sensor_id)!);
    });
    const announced = new Map<number, number>(); // gauge → wall time of its `warning` event
    bus.subscribe((m) => {
      const p = m.payload as { id: string; change: string };
      if (m.name === 'warning' && p.change === 'issue' && gaugeOf.has(p.id)) announced.set(gaugeOf.get(p.id)!, wall());
    });

    const base = Date.now() - (Math.ceil(MESSAGES / SENSORS) + 60) * 1000;
    const burst = { mode: 'burst' as const, url: broker.url, sensorIds: ids, messages: MESSAGES, base, heavyGauges: BURST_WARNINGS, heavy: HEAVY_RAIN_MM };

    // 1. The peer: Mosquitto to a bare subscriber that only counts. Measured before and after ours (the first run
    // also warms the publisher up); the better of the two is the peer.
    const rawRun = async (n: number) => {
      const raw = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, clientId: `bench-raw-${process.pid}-${n}` });
      await raw.subscribeAsync(`bench-raw${n}/sensors/+/readings`, { qos: 1 });
      let received = 0;
      let lastReceived = 0;
      raw.on('message', () => {
        received++;
        lastReceived = wall();
      });
      const p = await publisher({ ...burst, prefix: `bench-raw${n}` });
      p.go();
      const r = await p.done;
      await until(() => received >= MESSAGES, 120_000);
      await raw.endAsync();
      const seconds = (lastReceived - r.t0!) / 1000;
      console.log(`raw Mosquitto → subscriber (run ${n}): ${received}/${MESSAGES} messages in ${round(seconds, 2)} s = ${Math.round(received / seconds)} msg/s`);
      return received / seconds;
    };
    const raw1 = await rawRun(1);

    // 2. Ours: the same messages into Shouwang, until every reading and the expected warnings are stored.
    const sub = await startBrokerSubscription({ sensors: services.sensors, auth: services.auth, log: app.log }, broker.url);
    const p2 = await publisher({ ...burst, prefix: 'shouwang' });
    p2.go();
    const r2 = await p2.done;
    const complete = await until(() => stored >= MESSAGES && announced.size >= BURST_WARNINGS, 300_000);
    const oursSeconds = (Math.max(...announced.values(), wall()) - r2.t0!) / 1000;
    const oursRate = stored / oursSeconds;
    console.log(`Shouwang (stored + rules + warnings): ${stored}/${MESSAGES} readings, ${announced.size}/${BURST_WARNINGS} warnings in ${round(oursSeconds, 2)} s = ${Math.round(oursRate)} readings/s${complete ? '' : ' (INCOMPLETE: timed out)'}`);
    const rawRate = Math.max(raw1, await rawRun(2));
    const ratio = oursRate / rawRate;

    // 3. Latency at a steady rate: gauges that did not rain yet get a downpour at planned times through the run.
    announced.clear();
    const spikes = Array.from({ length: SPIKES }, (_, k) => ({ gauge: BURST_WARNINGS + k, atMs: 500 + Math.floor(((SECONDS * 1000 - 1500) * k) / SPIKES) }));
    const storedBefore = stored;
    const p3 = await publisher({ mode: 'paced', url: broker.url, prefix: 'shouwang', sensorIds: ids, rate: RATE, seconds: SECONDS, spikes, heavy: HEAVY_RAIN_MM });
    // The spike readings carry their publish time in `at`; the latency is from then to the warning's event.
    const spikeAt = new Map<number, number>();
    const readingsSink = (rs: { sensorId: string; at: string; value: number }[]) => {
      for (const r of rs) if (r.value === HEAVY_RAIN_MM) spikeAt.set(index.get(r.sensorId)!, Date.parse(r.at));
    };
    services.sensors.onReadings(readingsSink);
    p3.go();
    const r3 = await p3.done;
    await until(() => announced.size >= SPIKES, 30_000);
    await sub.close();
    const latencies = spikes.map((s) => (announced.get(s.gauge) ?? NaN) - (spikeAt.get(s.gauge) ?? NaN)).filter(Number.isFinite);
    const sorted = sortedCopy(latencies);
    const ms = (p: number) => round(percentile(sorted, p), 1);
    const achieved = r3.sent / (r3.elapsedMs! / 1000);
    console.log(`steady ${RATE} msg/s for ${SECONDS} s: sent ${r3.sent} (achieved ${Math.round(achieved)} msg/s, ${r3.lateTicks} late publisher ticks), stored ${stored - storedBefore}; ${latencies.length}/${SPIKES} warnings: reading → warning event p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms, max ${ms(100)} ms`);

    goalLine('throughput ratio', ratio >= GOAL_RATIO, `ours ${Math.round(oursRate)} / raw ${Math.round(rawRate)} = ${round(ratio, 3)} (goal ≥ ${GOAL_RATIO})`);
    goalLine('p99 latency', latencies.length === SPIKES && ms(99) < GOAL_P99_MS, `${ms(99)} ms at ${RATE} msg/s (goal < ${GOAL_P99_MS} ms; ${SPIKES - latencies.length} warnings missing)`);
    await app.close();
    emit({
      bench: 'mqtt', value: Math.round(oursRate), unit: 'readings/s', peer: Math.round(rawRate), ratio: round(ratio, 3),
      p99Ms: ms(99), p95Ms: ms(95), p50Ms: ms(50), maxMs: ms(100), rate: RATE, achievedRate: Math.round(achieved), seconds: SECONDS,
      warnings: latencies.length, spikes: SPIKES, messages: MESSAGES, sensors: SENSORS, stored: stored,
    });
  } finally {
    await h.close();
    broker.proc?.kill();
    tmp.cleanup();
  }
}

run(main);
