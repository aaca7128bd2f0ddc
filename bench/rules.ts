// Warning-rule engine throughput: 1 000 rain gauges × 1 000 readings (5-minute rainfall with storms; 0.3 % of readings
// delivered 5–15 min late, 0.2 % delivered twice) evaluated against the 暴雨 template (3 h / 6 h / 12 h sums, hysteresis
// 2 mm, hold 60 min). Three implementations compute the same levels:
//   ours  — src/domain/warnings/rules (compiled rule set, bucketed ring buffers), readings/s over the full stream;
//   loop  — a hand-written loop for exactly this rule (the limit): per-gauge ring, three running sums, the same
//           hysteresis/hold/duplicate/late handling, integer tenths of a mm;
//   node-red — the same rule as a Node-RED 4 flow run embedded headless in this process (function nodes keeping the
//           windows and levels in node context, a switch node on the level), fed through the runtime; measured on a
//           sample of gauges (the full million would take minutes) — said so in the output.
// All three must produce identical transitions (the loop on every gauge, Node-RED on its sample) or the benchmark fails.
// Also shown, not goals: ours with 1-minute buckets (the engine's default), and ours on its general path (a second
// rule on every rain series, so the one-rule fused path does not apply).
// Goals: ours/node-red ≥ 50, ours/loop ≥ 0.5 (medians of alternating runs; the fastest runs are printed too).
//   npm run bench:rules   [BENCH_SENSORS=1000 BENCH_READINGS=1000000 BENCH_RUNS=9 BENCH_NR_SENSORS=50 BENCH_BUCKET_MINUTES=5]
import { emit, envInt, goalLine, machineLine, median, round, run, tempDir } from './lib';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindTemplate, compileRuleSet, createEngineState, ingest, RAINSTORM, ROAD_ICING, type Reading, type RuleSet, type Transition } from '../src/domain/warnings/rules';
import { mulberry32 } from '../src/server/testing/random';

const SENSORS = envInt('BENCH_SENSORS', 1000);
const READINGS = envInt('BENCH_READINGS', 1_000_000);
const RUNS = envInt('BENCH_RUNS', 9);
const NR_SENSORS = Math.min(SENSORS, envInt('BENCH_NR_SENSORS', 50));
const BUCKET_MINUTES = envInt('BENCH_BUCKET_MINUTES', 5);
const GOAL_PEER = 50;
const GOAL_LOOP = 0.5;
const STEP_MS = 5 * 60_000;
const START = Date.parse('2026-07-01T00:00:00.000Z');

// ---------- deterministic synthetic rainfall ----------


/** Readings in arrival order: time-major over the gauges, some late, some twice. */
function generate(): Reading[] {
  const steps = Math.ceil(READINGS / SENSORS);
  const rnd = mulberry32(0x5eed_4a1d);
  const ids = Array.from({ length: SENSORS }, (_, i) => `rg-${String(i).padStart(4, '0')}`);
  // Per gauge: the current storm (steps left, mm per 5 min at its peak).
  const stormLeft = new Int32Array(SENSORS);
  const stormLen = new Int32Array(SENSORS);
  const stormPeak = new Float64Array(SENSORS);
  const delayed = new Map<number, Reading[]>();
  const out: Reading[] = [];
  for (let s = 0; s < steps && out.length < READINGS; s++) {
    for (const r of delayed.get(s) ?? []) out.push(r);
    delayed.delete(s);
    const at = START + (s + 1) * STEP_MS;
    for (let i = 0; i < SENSORS && out.length < READINGS; i++) {
      if (stormLeft[i] === 0 && rnd() < 1 / 240) {
        stormLen[i] = stormLeft[i] = 6 + Math.floor(rnd() * 48); // 30 min – 4.5 h
        stormPeak[i] = 0.5 + rnd() ** 2 * 9; // mostly moderate, sometimes violent
      }
      let mm = 0;
      if (stormLeft[i]! > 0) {
        const phase = 1 - stormLeft[i]! / stormLen[i]!; // 0 → 1 through the storm
        mm = stormPeak[i]! * Math.sin(Math.PI * phase) * (0.6 + 0.8 * rnd());
        stormLeft[i]!--;
      } else if (rnd() < 0.05) mm = rnd() * 0.5; // drizzle
      const r: Reading = { sensorId: ids[i]!, kind: 'rainfall', at, value: Math.round(mm * 10) / 10 };
      const x = rnd();
      if (x < 0.003) {
        const when = s + 1 + Math.floor(rnd() * 3); // 5–15 min late
        (delayed.get(when) ?? delayed.set(when, []).get(when)!).push(r);
        continue;
      }
      out.push(r);
      if (x < 0.005) (delayed.get(s + 1) ?? delayed.set(s + 1, []).get(s + 1)!).push({ ...r }); // delivered again
    }
  }
  return out.slice(0, READINGS);
}

// ---------- (a) the hand-written loop: the same rule, nothing generic ----------

interface LoopTransition {
  sensorId: string;
  from: number;
  to: number;
  at: number;
}

/** 暴雨 in integer tenths of a mm: red 3h ≥ 1000, orange 3h ≥ 500, yellow 6h ≥ 500, blue 12h ≥ 500; hysteresis 20, hold 60 min. */
function handLoop(readings: readonly Reading[], out: LoopTransition[]): void {
  const N = 144; // 12 h of 5-minute buckets
  const HOLD = 60 * 60_000;
  interface G {
    vals: Int32Array;
    ts: Float64Array;
    head: number;
    newest: number;
    s3: number;
    s6: number;
    s12: number;
    level: number;
    since: number;
  }
  const gauges = new Map<string, G>();
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    let g = gauges.get(r.sensorId);
    if (g === undefined) {
      g = { vals: new Int32Array(N), ts: new Float64Array(N).fill(-1), head: -1, newest: -Infinity, s3: 0, s6: 0, s12: 0, level: 0, since: -Infinity };
      gauges.set(r.sensorId, g);
    }
    const at = r.at;
    const v = Math.round(r.value * 10);
    const b = Math.ceil(at / STEP_MS);
    const vals = g.vals;
    if (at > g.newest) {
      if (g.head < 0 || b - g.head >= N) {
        vals.fill(0);
        g.ts.fill(-1);
        g.s3 = g.s6 = g.s12 = 0;
      } else {
        for (let k = g.head + 1; k <= b; k++) {
          g.s3 -= vals[(k - 36) % N]!;
          g.s6 -= vals[(k - 72) % N]!;
          g.s12 -= vals[k % N]!; // bucket k − 144 shares the slot of k
          vals[k % N] = 0;
          g.ts[k % N] = -1;
        }
      }
      if (b > g.head) g.head = b;
      g.newest = at;
    } else {
      if (b <= g.head - N) continue; // too old
      if (g.ts[b % N] === at) continue; // duplicate
    }
    vals[b % N] = vals[b % N]! + v;
    g.ts[b % N] = at;
    const head = g.head;
    if (b > head - 36) g.s3 += v;
    if (b > head - 72) g.s6 += v;
    g.s12 += v;
    const T = g.newest;
    const s3 = g.s3;
    const target = s3 >= 1000 ? 4 : s3 >= 500 ? 3 : g.s6 >= 500 ? 2 : g.s12 >= 500 ? 1 : 0;
    const cur = g.level;
    if (target === cur) continue;
    let next = target;
    if (target < cur) {
      if (T < g.since + HOLD) continue;
      for (let lv = cur; lv > target; lv--) {
        if (lv === 4 ? s3 >= 980 : lv === 3 ? s3 >= 480 : lv === 2 ? g.s6 >= 480 : g.s12 >= 480) {
          next = lv;
          break;
        }
      }
      if (next === cur) continue;
    }
    out.push({ sensorId: r.sensorId, from: cur, to: next, at: T });
    g.level = next;
    g.since = T;
  }
}

// ---------- (b) Node-RED ----------

/** The flow's function nodes: the same rule as a Node-RED user would write it (node context, plain arrays). */
const NR_WINDOWS = `
const r = msg.payload;
let g = context.get(r.sensorId);
if (g === undefined) {
  g = { vals: new Array(144).fill(0), ts: new Array(144).fill(-1), head: -1, newest: -Infinity, s3: 0, s6: 0, s12: 0 };
  context.set(r.sensorId, g);
}
const N = 144, STEP = 300000;
const v = Math.round(r.value * 10);
const b = Math.ceil(r.at / STEP);
msg.accepted = false;
if (r.at > g.newest) {
  if (g.head < 0 || b - g.head >= N) {
    g.vals.fill(0); g.ts.fill(-1); g.s3 = g.s6 = g.s12 = 0;
  } else {
    for (let k = g.head + 1; k <= b; k++) {
      g.s3 -= g.vals[(k - 36) % N]; g.s6 -= g.vals[(k - 72) % N]; g.s12 -= g.vals[k % N];
      g.vals[k % N] = 0; g.ts[k % N] = -1;
    }
  }
  if (b > g.head) g.head = b;
  g.newest = r.at;
} else if (b <= g.head - N || g.ts[b % N] === r.at) {
  return msg; // too old or a duplicate: passed on unchanged
}
g.vals[b % N] += v; g.ts[b % N] = r.at;
if (b > g.head - 36) g.s3 += v;
if (b > g.head - 72) g.s6 += v;
g.s12 += v;
msg.accepted = true;
msg.sums = { s3: g.s3, s6: g.s6, s12: g.s12, at: g.newest };
return msg;
`;
const NR_LEVELS = `
const NAMES = ['none', 'blue', 'yellow', 'orange', 'red'];
const id = msg.payload.sensorId;
let st = context.get(id);
if (st === undefined) { st = { level: 0, since: -Infinity }; context.set(id, st); }
if (msg.accepted) {
  const { s3, s6, s12, at } = msg.sums;
  const target = s3 >= 1000 ? 4 : s3 >= 500 ? 3 : s6 >= 500 ? 2 : s12 >= 500 ? 1 : 0;
  let next = st.level;
  if (target > st.level) next = target;
  else if (target < st.level && at >= st.since + 3600000) {
    next = target;
    for (let lv = st.level; lv > target; lv--) {
      const keep = lv === 4 ? s3 >= 980 : lv === 3 ? s3 >= 480 : lv === 2 ? s6 >= 480 : s12 >= 480;
      if (keep) { next = lv; break; }
    }
  }
  if (next !== st.level) {
    msg.transition = { sensorId: id, from: st.level, to: next, at };
    st.level = next; st.since = at;
  }
}
msg.level = NAMES[st.level];
return msg;
`;

interface NodeRedApi {
  init(server: http.Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  nodes: { getNode(id: string): { receive(msg: unknown): void } | null };
}

async function nodeRed(sample: readonly Reading[]): Promise<{ perSecond: number; transitions: LoopTransition[]; ms: number; startMs: number }> {
  const tmp = tempDir('rules-nodered');
  const require = createRequire(import.meta.url);
  const RED = require('node-red') as NodeRedApi;
  let received = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((res) => (resolveDone = res));
  const transitions: LoopTransition[] = [];
  const sink = (msg: { transition?: LoopTransition }) => {
    if (msg.transition) transitions.push(msg.transition);
    if (++received === sample.length) resolveDone();
  };
  const tab = 'tab1';
  const flow = [
    { id: tab, type: 'tab', label: '暴雨预警' },
    { id: 'n-windows', type: 'function', z: tab, name: '雨量窗口（3/6/12 小时）', func: NR_WINDOWS, outputs: 1, wires: [['n-levels']] },
    { id: 'n-levels', type: 'function', z: tab, name: '级别（回差、保持）', func: NR_LEVELS, outputs: 1, wires: [['n-switch']] },
    {
      id: 'n-switch',
      type: 'switch',
      z: tab,
      name: '按级别分流',
      property: 'level',
      propertyType: 'msg',
      rules: ['red', 'orange', 'yellow', 'blue', 'none'].map((v) => ({ t: 'eq', v, vt: 'str' })),
      checkall: 'false',
      outputs: 5,
      wires: [['n-collect'], ['n-collect'], ['n-collect'], ['n-collect'], ['n-collect']],
    },
    { id: 'n-collect', type: 'function', z: tab, name: '汇总', func: "global.get('sink')(msg);\nreturn null;", outputs: 1, wires: [[]] },
  ];
  fs.writeFileSync(path.join(tmp.dir, 'flows.json'), JSON.stringify(flow));
  const t0 = performance.now();
  RED.init(http.createServer(), {
    httpAdminRoot: false,
    httpNodeRoot: false,
    userDir: tmp.dir,
    flowFile: 'flows.json',
    credentialSecret: false,
    functionGlobalContext: { sink },
    logging: { console: { level: 'error', metrics: false, audit: false } },
    diagnostics: { enabled: false, ui: false },
    telemetry: { enabled: false },
  });
  try {
    await RED.start();
    // Flows start asynchronously after start() resolves; wait for the entry node.
    let entry = RED.nodes.getNode('n-windows');
    for (let i = 0; entry === null && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      entry = RED.nodes.getNode('n-windows');
    }
    if (entry === null) throw new Error('Node-RED flow did not start');
    const startMs = performance.now() - t0;
    const t1 = performance.now();
    const CHUNK = 1000;
    for (let i = 0; i < sample.length; i += CHUNK) {
      for (let j = i; j < Math.min(sample.length, i + CHUNK); j++) entry.receive({ payload: sample[j] });
      await new Promise((r) => setImmediate(r));
    }
    await done;
    const ms = performance.now() - t1;
    return { perSecond: (sample.length / ms) * 1000, transitions, ms, startMs };
  } finally {
    await RED.stop();
    tmp.cleanup();
  }
}

// ---------- ours ----------

function ours(ruleSet: RuleSet, readings: readonly Reading[], out: Transition[] | null): void {
  const st = createEngineState(ruleSet);
  for (let i = 0; i < readings.length; i++) {
    const t = ingest(st, readings[i]!);
    if (t.length !== 0 && out !== null) for (const x of t) out.push(x);
  }
}

const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;
const key = (t: LoopTransition) => `${t.sensorId} ${t.from}→${t.to} @${t.at}`;
const fromEngine = (t: Transition): LoopTransition => ({ sensorId: t.sensorId!, from: t.from ? RANK[t.from] : 0, to: t.to ? RANK[t.to] : 0, at: t.atMs });

function firstDifference(a: readonly string[], b: readonly string[]): string | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `#${i}: ${a[i] ?? '(none)'} vs ${b[i] ?? '(none)'}`;
  return null;
}

function timeIt(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

async function main() {
  console.log(
    `bench:rules — ${SENSORS} rain gauges × ${READINGS.toLocaleString('en')} readings (5-minute rainfall with storms, 0.3 % late, 0.2 % twice) against the 暴雨 template (3/6/12 h sums, hysteresis 2 mm, hold 60 min). ` +
      `Ours vs a hand-written loop (the limit) vs a Node-RED ${NR_SENSORS}-gauge sample. Goals: ours/node-red ≥ ${GOAL_PEER}, ours/loop ≥ ${GOAL_LOOP}.`,
  );
  console.log(machineLine());
  const g0 = performance.now();
  const readings = generate();
  console.log(`generated ${readings.length.toLocaleString('en')} readings in ${round(performance.now() - g0, 0)} ms`);

  const binding = bindTemplate(RAINSTORM, {});
  if (!binding.ok) throw new Error(JSON.stringify(binding.errors));
  const compiled = compileRuleSet([binding.value], { bucketMinutes: BUCKET_MINUTES });
  const compiled1 = compileRuleSet([binding.value], { bucketMinutes: 1 });
  if (!compiled.ok || !compiled1.ok) throw new Error('rule set did not compile');
  const ruleSet = compiled.value;

  // Same levels: ours (both bucket widths) against the loop on every gauge. Only the keys are kept for later checks, so
  // the timed runs below do not carry the checking data in their heap.
  const sampleIds = new Set(Array.from({ length: NR_SENSORS }, (_, i) => `rg-${String(i).padStart(4, '0')}`));
  let ourKeys: string[];
  let expectedSample: string[];
  let transitionCount: number;
  {
    const ourT: Transition[] = [];
    ours(ruleSet, readings, ourT);
    const ourT1: Transition[] = [];
    ours(compiled1.value, readings, ourT1);
    const loopT: LoopTransition[] = [];
    handLoop(readings, loopT);
    ourKeys = ourT.map(fromEngine).map(key);
    const diffLoop = firstDifference(ourKeys, loopT.map(key)) ?? firstDifference(ourKeys, ourT1.map(fromEngine).map(key));
    if (diffLoop !== null) throw new Error(`ours and the loop disagree: ${diffLoop}`);
    expectedSample = ourT.map(fromEngine).filter((t) => sampleIds.has(t.sensorId)).map(key);
    transitionCount = ourT.length;
    const byTo = ourT.reduce<Record<string, number>>((m, t) => ((m[t.to ?? 'none'] = (m[t.to ?? 'none'] ?? 0) + 1), m), {});
    console.log(`same transitions from ours (${BUCKET_MINUTES}-min and 1-min buckets) and the loop on all ${SENSORS} gauges: ${ourT.length} (to ${Object.entries(byTo).map(([k, v]) => `${k} ${v}`).join(', ')}), e.g. ${ourT.find((t) => t.to === 'red')?.basis ?? ourT[0]?.basis}`);
  }

  // Throughput: alternate ours and the loop so machine noise hits both alike (one warm-up each).
  const oursMs: number[] = [];
  const loopMs: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const a = timeIt(() => ours(ruleSet, readings, null));
    const b = timeIt(() => handLoop(readings, []));
    if (i === 0) continue;
    oursMs.push(a);
    loopMs.push(b);
  }
  // The same engine with 1-minute buckets (its default), measured on its own: 5 ring steps per 5-minute reading.
  const ours1Ms: number[] = [];
  for (let i = 0; i < 4; i++) {
    const c = timeIt(() => ours(compiled1.value, readings, null));
    if (i > 0) ours1Ms.push(c);
  }
  // The general path: 暴雨 and 道路结冰 both bound to every gauge, so each rain series is read by two rules (the
  // fused one-rule path does not apply). Levels of 道路结冰 stay off: no road temperature sensor reports.
  const icing = bindTemplate(ROAD_ICING, {});
  const general = icing.ok ? compileRuleSet([binding.value, icing.value], { bucketMinutes: BUCKET_MINUTES }) : null;
  if (general === null || !general.ok) throw new Error('general-path rule set did not compile');
  const generalT: Transition[] = [];
  ours(general.value, readings, generalT);
  const diffGeneral = firstDifference(ourKeys, generalT.map(fromEngine).map(key));
  if (diffGeneral !== null) throw new Error(`the general path disagrees: ${diffGeneral}`);
  const generalMs: number[] = [];
  for (let i = 0; i < 4; i++) {
    const c = timeIt(() => ours(general.value, readings, null));
    if (i > 0) generalMs.push(c);
  }
  const oursRate = (readings.length / median(oursMs)) * 1000;
  const ours1Rate = (readings.length / median(ours1Ms)) * 1000;
  const loopRate = (readings.length / median(loopMs)) * 1000;
  console.log(`ours (${BUCKET_MINUTES}-min buckets): median ${round(median(oursMs), 1)} ms → ${Math.round(oursRate).toLocaleString('en')} readings/s over ${RUNS} runs (fastest ${round(Math.min(...oursMs), 1)} ms)`);
  console.log(`hand-written loop:     median ${round(median(loopMs), 1)} ms → ${Math.round(loopRate).toLocaleString('en')} readings/s (fastest ${round(Math.min(...loopMs), 1)} ms)`);
  console.log(`ours (1-min buckets):  median ${round(median(ours1Ms), 1)} ms → ${Math.round(ours1Rate).toLocaleString('en')} readings/s over 3 runs (not a goal; the default bucket width)`);
  const generalRate = (readings.length / median(generalMs)) * 1000;
  console.log(`ours, general path (暴雨 + 道路结冰 on every gauge, two rules per rain series): median ${round(median(generalMs), 1)} ms → ${Math.round(generalRate).toLocaleString('en')} readings/s over 3 runs (not a goal; same 暴雨 transitions)`);

  // Node-RED on a sample of gauges (all their readings, in arrival order).
  const sample = readings.filter((r) => sampleIds.has(r.sensorId));
  const nr = await nodeRed(sample);
  const expected = expectedSample;
  const diffNr = firstDifference(expected, nr.transitions.map(key));
  if (diffNr !== null) throw new Error(`ours and Node-RED disagree: ${diffNr}`);
  console.log(
    `node-red ${require_version()}: SAMPLE of ${NR_SENSORS} gauges = ${sample.length.toLocaleString('en')} readings in ${round(nr.ms, 0)} ms → ${Math.round(nr.perSecond).toLocaleString('en')} readings/s ` +
      `(start-up ${round(nr.startMs, 0)} ms not counted); same ${expected.length} transitions as ours on those gauges`,
  );

  const ratio = oursRate / nr.perSecond;
  const loopRatio = oursRate / loopRate;
  goalLine(`ours/node-red ≥ ${GOAL_PEER}`, ratio >= GOAL_PEER, `${round(ratio, 1)}× (${Math.round(oursRate).toLocaleString('en')} vs ${Math.round(nr.perSecond).toLocaleString('en')} readings/s)`);
  goalLine(`ours/loop ≥ ${GOAL_LOOP}`, loopRatio >= GOAL_LOOP, `${round(loopRatio, 2)} (${Math.round(oursRate).toLocaleString('en')} vs ${Math.round(loopRate).toLocaleString('en')} readings/s)`);
  emit({
    bench: 'rules',
    value: Math.round(oursRate),
    unit: 'readings/s',
    peer: Math.round(nr.perSecond),
    ratio: round(ratio, 1),
    loopRatio: round(loopRatio, 3),
    loop: Math.round(loopRate),
    ours1MinBuckets: Math.round(ours1Rate),
    oursGeneralPath: Math.round(generalRate),
    bucketMinutes: BUCKET_MINUTES,
    readings: readings.length,
    sensors: SENSORS,
    transitions: transitionCount,
    peerSampleReadings: sample.length,
    peerSampleSensors: NR_SENSORS,
    runs: RUNS,
  });
}

function require_version(): string {
  try {
    return (createRequire(import.meta.url)('node-red/package.json') as { version: string }).version;
  } catch {
    return '?';
  }
}

run(main);
