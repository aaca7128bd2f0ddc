// Conditions → closures over one subject's series (compiled once per subject and rule), and the zh-CN text that
// explains a level change ("3小时累计雨量 52.4 mm ≥ 50 mm"). Thresholds are compared in fixed point (windows.ts).
import { METRICS, type Comparison, type Condition, type LeafCondition, type MetricCode } from './model';
import { beijingDay, fromFixedPoint, SCALE, toFixedPoint, type Series, type SeriesLayout } from './windows';

export const MINUTE_MS = 60_000;

/** What a compiled condition reads: the subject's evaluation time and its series by metric. */
export interface ConditionContext {
  evalAt: number;
  readonly bucketMs: number;
  series(metric: string): Series;
}

export type Test = () => boolean;

export const leaves = (c: Condition): LeafCondition[] => (c.kind === 'all' || c.kind === 'any' ? c.of.flatMap(leaves) : [c]);

/** Threshold in fixed point, moved by the hysteresis in the "keep holding" direction when `relaxed`. */
function effectiveThreshold(leaf: LeafCondition, ruleHysteresis: number, relaxed: boolean): number {
  const t = toFixedPoint(leaf.threshold);
  if (!relaxed) return t;
  const h = toFixedPoint(leaf.hysteresis ?? ruleHysteresis);
  return leaf.op === '>=' || leaf.op === '>' ? t - h : t + h;
}

function compare(op: Comparison, t: number): (x: number) => boolean {
  switch (op) {
    case '>=':
      return (x) => x >= t;
    case '>':
      return (x) => x > t;
    case '<=':
      return (x) => x <= t;
    case '<':
      return (x) => x < t;
  }
}

const buckets = (minutes: number, bucketMs: number) => Math.round((minutes * MINUTE_MS) / bucketMs);

/** The value a leaf looks at (fixed point; NaN when there is no data). Not used for sustained / daily runs. */
function probe(leaf: LeafCondition, ctx: ConditionContext): () => number {
  const ser = ctx.series(leaf.metric);
  switch (leaf.kind) {
    case 'latest':
      return () => ser.latestValue;
    case 'window': {
      const j = ser.window(buckets(leaf.minutes, ctx.bucketMs));
      switch (leaf.agg) {
        case 'sum':
          // Increments (rain, snow): an empty window fell nothing. Other quantities: no data.
          return METRICS[leaf.metric].increment ? () => ser.agg[2 * j]! : () => (ser.agg[2 * j + 1] === 0 ? NaN : ser.agg[2 * j]!);
        case 'mean':
          return () => (ser.agg[2 * j + 1] === 0 ? NaN : ser.agg[2 * j]! / ser.agg[2 * j + 1]!);
        case 'max':
          return () => ser.windowMax(j);
        case 'min':
          return () => ser.windowMin(j);
      }
      break;
    }
    case 'change': {
      const len = buckets(leaf.minutes, ctx.bucketMs);
      const sign = leaf.direction === 'rise' ? 1 : -1;
      if (leaf.reference === 'ago') {
        const tol = buckets(leaf.toleranceMinutes ?? 60, ctx.bucketMs);
        return () => sign * (ser.latestValue - ser.valueAt(ser.head - len, tol));
      }
      const j = ser.window(len);
      return sign === 1 ? () => ser.latestValue - ser.windowMin(j) : () => ser.windowMax(j) - ser.latestValue;
    }
    default:
      return () => ser.latestValue;
  }
}

/** Start of the run of readings satisfying the leaf (NaN if the newest does not). */
function sustainedStart(leaf: LeafCondition & { kind: 'sustained' }, ctx: ConditionContext, t: number): () => number {
  const ser = ctx.series(leaf.metric);
  const maxB = buckets(leaf.minutes, ctx.bucketMs) + 1;
  let pass: (mx: number, mn: number) => boolean;
  switch (leaf.op) {
    case '>=':
      pass = (_mx, mn) => mn >= t;
      break;
    case '>':
      pass = (_mx, mn) => mn > t;
      break;
    case '<=':
      pass = (mx) => mx <= t;
      break;
    case '<':
      pass = (mx) => mx < t;
      break;
  }
  return () => ser.runStart(pass, maxB);
}

/** Daily values of the run ending on `endDay`, oldest first (fixed point, NaN for days without data). */
function dailyValues(ser: Series, leaf: LeafCondition & { kind: 'daily_run' }, endDay: number): number[] {
  const out: number[] = [];
  for (let d = endDay - leaf.days + 1; d <= endDay; d++) out.push(ser.dayValue(d, leaf.agg));
  return out;
}

/** Whether today's partial max/min already settles the comparison (a max only rises, a min only falls). */
const todaySettles = (leaf: LeafCondition & { kind: 'daily_run' }) =>
  (leaf.agg === 'max' && (leaf.op === '>=' || leaf.op === '>')) || (leaf.agg === 'min' && (leaf.op === '<=' || leaf.op === '<'));

/** The run end that counts now: today when it settles and qualifies, else yesterday. */
function dailyRunEnd(ser: Series, leaf: LeafCondition & { kind: 'daily_run' }, at: number, test: (x: number) => boolean): number {
  const today = beijingDay(at);
  return todaySettles(leaf) && test(ser.dayValue(today, leaf.agg)) ? today : today - 1;
}

function compileLeaf(leaf: LeafCondition, ctx: ConditionContext, ruleHysteresis: number, relaxed: boolean): Test {
  const t = effectiveThreshold(leaf, ruleHysteresis, relaxed);
  const test = compare(leaf.op, t);
  if (leaf.kind === 'window' && leaf.agg === 'sum') {
    // Rainfall rules: one comparison on a running sum (increments: an empty window fell 0 mm; else: no data).
    const ser = ctx.series(leaf.metric);
    const j = ser.window(buckets(leaf.minutes, ctx.bucketMs));
    const any = METRICS[leaf.metric].increment ? -1 : 0;
    switch (leaf.op) {
      case '>=':
        return () => ser.agg[2 * j + 1] !== any && ser.agg[2 * j]! >= t;
      case '>':
        return () => ser.agg[2 * j + 1] !== any && ser.agg[2 * j]! > t;
      case '<=':
        return () => ser.agg[2 * j + 1] !== any && ser.agg[2 * j]! <= t;
      case '<':
        return () => ser.agg[2 * j + 1] !== any && ser.agg[2 * j]! < t;
    }
  }
  if (leaf.kind === 'sustained') {
    const start = sustainedStart(leaf, ctx, t);
    const need = leaf.minutes * MINUTE_MS;
    return () => ctx.evalAt - start() >= need;
  }
  if (leaf.kind === 'daily_run') {
    const ser = ctx.series(leaf.metric);
    return () => dailyValues(ser, leaf, dailyRunEnd(ser, leaf, ctx.evalAt, test)).every(test);
  }
  const p = probe(leaf, ctx);
  return () => test(p());
}

/** A condition as a test; `relaxed` uses the thresholds moved by the hysteresis (the "keep the level" test). */
export function compileCondition(c: Condition, ctx: ConditionContext, ruleHysteresis: number, relaxed: boolean): Test {
  if (c.kind !== 'all' && c.kind !== 'any') return compileLeaf(c, ctx, ruleHysteresis, relaxed);
  const fs = c.of.map((x) => compileCondition(x, ctx, ruleHysteresis, relaxed));
  if (fs.length === 1) return fs[0]!;
  if (c.kind === 'all') {
    if (fs.length === 2) {
      const [a, b] = fs as [Test, Test];
      return () => a() && b();
    }
    return () => {
      for (const f of fs) if (!f()) return false;
      return true;
    };
  }
  if (fs.length === 2) {
    const [a, b] = fs as [Test, Test];
    return () => a() || b();
  }
  return () => {
    for (const f of fs) if (f()) return true;
    return false;
  };
}

/**
 * Rules whose every level is one condition on the latest value, a window sum or a window mean of one quantity (暴雨,
 * 暴雪, 大雾, 霾, PM2.5, gas) are evaluated from typed arrays instead of closures: per level the kind, the window,
 * the comparison and the two thresholds (enter, and relaxed by the hysteresis to stay). A program does not depend on
 * the subject, so all subjects of a rule share one.
 */
export interface SimpleProgram {
  /** Per rank 0–4: 0 none, 1 latest, 2 sum of increments, 3 sum (needs data), 4 mean. */
  readonly kind: Uint8Array;
  /** Per rank: 2 × window index (position of its sum in Series.agg). */
  readonly aggAt: Int32Array;
  /** Per rank: 1 ≥, 2 >, 3 ≤, 4 <. */
  readonly op: Uint8Array;
  readonly enter: Float64Array;
  readonly stay: Float64Array;
}

const OP_CODE: Record<Comparison, number> = { '>=': 1, '>': 2, '<=': 3, '<': 4 };

/**
 * The simple program of a rule's levels (index = rank), or null when a level needs the general path. `windowIndex`
 * gives the position of a window (minutes) in the series layout of the metric.
 */
export function compileSimple(
  levels: readonly (Condition | undefined)[],
  windowIndex: (metric: string, len: number) => number,
  bucketMs: number,
  ruleHysteresis: number,
): { metric: string; prog: SimpleProgram } | null {
  let metric: string | null = null;
  for (const c of levels) {
    if (c === undefined) continue;
    if (c.kind === 'latest' || (c.kind === 'window' && (c.agg === 'sum' || c.agg === 'mean'))) {
      if (metric !== null && metric !== c.metric) return null;
      metric = c.metric;
    } else return null;
  }
  if (metric === null) return null;
  const prog = { kind: new Uint8Array(5), aggAt: new Int32Array(5), op: new Uint8Array(5), enter: new Float64Array(5), stay: new Float64Array(5) };
  levels.forEach((c, r) => {
    if (c === undefined || (c.kind !== 'latest' && c.kind !== 'window')) return;
    if (c.kind === 'latest') prog.kind[r] = 1;
    else {
      prog.kind[r] = c.agg === 'mean' ? 4 : METRICS[c.metric].increment ? 2 : 3;
      prog.aggAt[r] = 2 * windowIndex(c.metric, buckets(c.minutes, bucketMs));
    }
    prog.op[r] = OP_CODE[c.op];
    prog.enter[r] = effectiveThreshold(c, ruleHysteresis, false);
    prog.stay[r] = effectiveThreshold(c, ruleHysteresis, true);
  });
  return { metric, prog };
}

/**
 * The entering level of a simple program as one function of the series array (a shared buffer and the series' offset
 * in it) and its latest value: the highest rank
 * whose condition holds, 0 for none. Sums of increments compared with ≥ (暴雨, 暴雪) get a chain of four comparisons
 * on captured constants; other programs a loop.
 */
/**
 * For programs whose every level is a sum of increments compared with ≥ (暴雨, 暴雪): the four checks, highest rank
 * first, as (rank, position in the series array, threshold); missing levels never hold. Null for other programs.
 */
export function sumChecks(p: SimpleProgram): { r: number; i: number; t: number }[] | null {
  const ranks = [4, 3, 2, 1].filter((r) => p.kind[r] !== 0);
  if (ranks.length === 0 || !ranks.every((r) => p.kind[r] === 2 && p.op[r] === 1)) return null;
  return [0, 1, 2, 3].map((i) => {
    const r = ranks[i];
    return r === undefined ? { r: 0, i: 0, t: Infinity } : { r, i: p.aggAt[r]!, t: p.enter[r]! };
  });
}

export function levelFunction(p: SimpleProgram): (buf: Float64Array, base: number, latest: number) => number {
  const checks = sumChecks(p);
  if (checks !== null) {
    const [a, b, c, d] = checks as [{ r: number; i: number; t: number }, { r: number; i: number; t: number }, { r: number; i: number; t: number }, { r: number; i: number; t: number }];
    const [ra, ia, ta, rb, ib, tb, rc, ic, tc, rd, id, td] = [a.r, a.i, a.t, b.r, b.i, b.t, c.r, c.i, c.t, d.r, d.i, d.t];
    return (buf, o) => (buf[o + ia]! >= ta ? ra : buf[o + ib]! >= tb ? rb : buf[o + ic]! >= tc ? rc : buf[o + id]! >= td ? rd : 0);
  }
  const { kind, aggAt, op, enter } = p;
  return (buf, o, latest) => {
    for (let r = 4; r > 0; r--) {
      const kd = kind[r]!;
      if (kd === 0) continue;
      let x = kd === 1 ? latest : buf[o + aggAt[r]!]!;
      if (kd >= 3) {
        const c = buf[o + aggAt[r]! + 1]!;
        if (c === 0) continue;
        if (kd === 4) x /= c;
      }
      const t = enter[r]!;
      const cmp = op[r]!;
      if (cmp === 1 ? x >= t : cmp === 2 ? x > t : cmp === 3 ? x <= t : x < t) return r;
    }
    return 0;
  };
}

/** Whether level `r` of a simple program holds on `ser` with thresholds `thr` (prog.enter or prog.stay). */
export function simpleHolds(p: SimpleProgram, ser: Series, r: number, thr: Float64Array): boolean {
  const kind = p.kind[r]!;
  if (kind === 0) return false;
  let x: number;
  if (kind === 1) x = ser.latestValue;
  else {
    const agg = ser.agg;
    const i = p.aggAt[r]!;
    x = agg[i]!;
    if (kind !== 2) {
      const c = agg[i + 1]!;
      if (c === 0) return false;
      if (kind === 4) x /= c;
    }
  }
  const t = thr[r]!;
  switch (p.op[r]) {
    case 1:
      return x >= t;
    case 2:
      return x > t;
    case 3:
      return x <= t;
    default:
      return x < t;
  }
}

// ---------- what a series must keep ----------

/** Adds what `leaf` needs to a layout being built for its metric. */
export function addLeafNeeds(layout: SeriesLayout, leaf: LeafCondition) {
  const w = layout.bucketMs;
  const want = (len: number, extremes: boolean) => {
    const have = layout.windows.find((x) => x.len === len);
    if (have) have.extremes ||= extremes;
    else layout.windows.push({ len, extremes });
    layout.ringLen = Math.max(layout.ringLen, len);
  };
  switch (leaf.kind) {
    case 'latest':
      break;
    case 'window':
      want(buckets(leaf.minutes, w), leaf.agg === 'max' || leaf.agg === 'min');
      if (leaf.agg !== 'sum' || !METRICS[leaf.metric].increment) layout.counts = true;
      break;
    case 'change':
      if (leaf.reference === 'extreme') want(buckets(leaf.minutes, w), true);
      else layout.ringLen = Math.max(layout.ringLen, buckets(leaf.minutes, w) + buckets(leaf.toleranceMinutes ?? 60, w) + 1);
      break;
    case 'sustained':
      layout.bucketExtremes = true;
      layout.ringLen = Math.max(layout.ringLen, buckets(leaf.minutes, w) + 2);
      break;
    case 'daily_run':
      layout.days = Math.max(layout.days, leaf.days + 1);
      break;
  }
}

// ---------- explanations (zh-CN) ----------

const SYMBOL: Record<Comparison, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const NEGATED: Record<Comparison, Comparison> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=' };

/** A number for people: at most two decimals, no trailing zeros. */
export const fmt = (n: number) => String(Number(n.toFixed(2)));

export function durationZh(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`;
}

const info = (m: MetricCode) => METRICS[m];

/** "3小时累计雨量", "24小时内最低气温", "24小时气温下降", "能见度". */
export function leafName(leaf: LeafCondition): string {
  const m = info(leaf.metric);
  switch (leaf.kind) {
    case 'latest':
    case 'sustained':
      return m.zh;
    case 'window':
      switch (leaf.agg) {
        case 'sum':
          return `${durationZh(leaf.minutes)}累计${m.zh}`;
        case 'mean':
          return `${durationZh(leaf.minutes)}平均${m.zh}`;
        case 'max':
          return `${durationZh(leaf.minutes)}内${m.hi}${m.zh}`;
        case 'min':
          return `${durationZh(leaf.minutes)}内${m.lo}${m.zh}`;
      }
      break;
    case 'change':
      return `${durationZh(leaf.minutes)}${leaf.reference === 'extreme' ? '内' : ''}${m.zh}${leaf.direction === 'rise' ? '上升' : '下降'}`;
    case 'daily_run':
      return `日${leaf.agg === 'max' ? m.hi : m.lo}${m.zh}`;
  }
  return m.zh;
}

/** The condition as people read it, without values: "3小时累计雨量 ≥ 50 mm". */
export function describeCondition(c: Condition): string {
  if (c.kind === 'all' || c.kind === 'any') return c.of.map(describeCondition).join(c.kind === 'all' ? '，且' : '，或');
  const u = info(c.metric).unit;
  const th = `${SYMBOL[c.op]} ${fmt(c.threshold)} ${u}`.trimEnd();
  if (c.kind === 'sustained') return `${leafName(c)}持续${durationZh(c.minutes)} ${th}`;
  if (c.kind === 'daily_run') return `${leafName(c)}连续${c.days}天 ${th}`;
  return `${leafName(c)} ${th}`;
}

export interface LeafReport {
  holds: boolean;
  /** Value in the metric's unit; null without data. */
  value: number | null;
  text: string;
}

export interface ConditionReport {
  holds: boolean;
  /** The leaves that decide: for a holding condition those that hold, for a failing one those that fail. */
  deciding: LeafReport[];
}

/** The fixed parts of a leaf's explanation, made once per leaf, hysteresis and mode. */
export interface LeafText {
  name: string;
  unit: string;
  /** Threshold in fixed point, and as people read it (with the 回差 spelled out when relaxed). */
  t: number;
  thText: string;
  /** "≥" when it holds, "<" when it does not. */
  holdsSym: string;
  failsSym: string;
}
const leafTexts = new WeakMap<LeafCondition, Map<string, LeafText>>();

export function leafText(leaf: LeafCondition, ruleHysteresis: number, relaxed: boolean): LeafText {
  let m = leafTexts.get(leaf);
  if (m === undefined) leafTexts.set(leaf, (m = new Map()));
  const key = `${ruleHysteresis}|${relaxed ? 1 : 0}`;
  let lt = m.get(key);
  if (lt === undefined) {
    const u = info(leaf.metric).unit;
    const unit = (x: number) => `${fmt(x)} ${u}`.trimEnd();
    const t = effectiveThreshold(leaf, ruleHysteresis, relaxed);
    const h = leaf.hysteresis ?? ruleHysteresis;
    lt = {
      name: leafName(leaf),
      unit: u,
      t,
      thText:
        relaxed && h > 0 ? `${unit(fromFixedPoint(t))}（${unit(leaf.threshold)} ${leaf.op === '>=' || leaf.op === '>' ? '减' : '加'}回差 ${unit(h)}）` : unit(fromFixedPoint(t)),
      holdsSym: SYMBOL[leaf.op],
      failsSym: SYMBOL[NEGATED[leaf.op]],
    };
    m.set(key, lt);
  }
  return lt;
}

/** The value a latest/window/change leaf looks at now (fixed point; NaN without data); no closures. */
function valueNow(leaf: LeafCondition, ctx: ConditionContext): number {
  const ser = ctx.series(leaf.metric);
  switch (leaf.kind) {
    case 'latest':
      return ser.latestValue;
    case 'window': {
      const j = ser.window(buckets(leaf.minutes, ctx.bucketMs));
      const sum = ser.agg[2 * j]!;
      const cnt = ser.agg[2 * j + 1]!;
      switch (leaf.agg) {
        case 'sum':
          return METRICS[leaf.metric].increment || cnt !== 0 ? sum : NaN;
        case 'mean':
          return cnt === 0 ? NaN : sum / cnt;
        case 'max':
          return ser.windowMax(j);
        case 'min':
          return ser.windowMin(j);
      }
      break;
    }
  }
  return probe(leaf, ctx)();
}

/** A number in the metric's unit for people: at most two decimals. */
const fmtFixed = (x: number) => String(Math.round(x / (SCALE / 100)) / 100);

function reportLeaf(leaf: LeafCondition, ctx: ConditionContext, ruleHysteresis: number, relaxed: boolean): LeafReport {
  if (leaf.kind !== 'daily_run' && leaf.kind !== 'sustained') {
    const lt = leafText(leaf, ruleHysteresis, relaxed);
    const x = valueNow(leaf, ctx);
    if (Number.isNaN(x)) return { holds: false, value: null, text: `${lt.name} 无数据` };
    const t = lt.t;
    const holds = leaf.op === '>=' ? x >= t : leaf.op === '>' ? x > t : leaf.op === '<=' ? x <= t : x < t;
    const shown = fmtFixed(x);
    return { holds, value: Number(shown), text: `${lt.name} ${shown} ${lt.unit} ${holds ? lt.holdsSym : lt.failsSym} ${lt.thText}` };
  }
  const u = info(leaf.metric).unit;
  const unit = (x: number) => `${fmt(x)} ${u}`.trimEnd();
  const tFixed = effectiveThreshold(leaf, ruleHysteresis, relaxed);
  const test = compare(leaf.op, tFixed);
  const thText = leafText(leaf, ruleHysteresis, relaxed).thText;
  const name = leafName(leaf);
  const ser = ctx.series(leaf.metric);

  if (leaf.kind === 'daily_run') {
    const end = dailyRunEnd(ser, leaf, ctx.evalAt, test);
    const vals = dailyValues(ser, leaf, end);
    const holds = vals.every(test);
    const shown = vals.map((v) => (Number.isNaN(v) ? '无数据' : fmt(fromFixedPoint(v)))).join('、');
    const newest = vals[vals.length - 1];
    return {
      holds,
      value: newest === undefined || Number.isNaN(newest) ? null : fromFixedPoint(newest),
      text: `${name}${holds ? '' : '未'}连续${leaf.days}天 ${SYMBOL[leaf.op]} ${thText}：${shown} ${u}`.trimEnd(),
    };
  }
  if (leaf.kind === 'sustained') {
    const start = sustainedStart(leaf, ctx, tFixed)();
    const latest = ser.latestValue;
    const value = Number.isNaN(latest) ? null : fromFixedPoint(latest);
    const ranMin = Number.isNaN(start) ? 0 : Math.floor((ctx.evalAt - start) / MINUTE_MS);
    const holds = !Number.isNaN(start) && ctx.evalAt - start >= leaf.minutes * MINUTE_MS;
    if (value === null) return { holds: false, value, text: `${name} 无数据` };
    if (Number.isNaN(start)) return { holds, value, text: `${name} ${unit(value)} ${SYMBOL[NEGATED[leaf.op]]} ${thText}` };
    return {
      holds,
      value,
      text: `${name} ${SYMBOL[leaf.op]} ${thText} 已持续 ${durationZh(ranMin)}${holds ? ' ≥ ' : '，不足 '}${durationZh(leaf.minutes)}（当前 ${unit(value)}）`,
    };
  }
  return { holds: false, value: null, text: name };
}

/**
 * The explanation of level r of a simple program (one leaf per level) straight from the series array: the same text
 * as reportCondition, without its look-ups and allocations (transitions are frequent enough in storms to matter).
 */
export function reportSimple(lt: LeafText, op: Comparison, p: SimpleProgram, ser: Series, r: number): LeafReport {
  const kd = p.kind[r]!;
  let x: number;
  if (kd === 1) x = ser.latestValue;
  else {
    const i = p.aggAt[r]!;
    x = ser.agg[i]!;
    if (kd !== 2) {
      const c = ser.agg[i + 1]!;
      x = c === 0 ? NaN : kd === 4 ? x / c : x;
    }
  }
  if (Number.isNaN(x)) return { holds: false, value: null, text: `${lt.name} 无数据` };
  const t = lt.t;
  const holds = op === '>=' ? x >= t : op === '>' ? x > t : op === '<=' ? x <= t : x < t;
  const value = Math.round(x / (SCALE / 100)) / 100;
  return { holds, value, text: `${lt.name} ${value} ${lt.unit} ${holds ? lt.holdsSym : lt.failsSym} ${lt.thText}` };
}

/** Evaluates a condition again, keeping the texts (slow path: only when a level changes). */
export function reportCondition(c: Condition, ctx: ConditionContext, ruleHysteresis: number, relaxed: boolean): ConditionReport {
  if (c.kind !== 'all' && c.kind !== 'any') {
    const r = reportLeaf(c, ctx, ruleHysteresis, relaxed);
    return { holds: r.holds, deciding: [r] };
  }
  const parts = c.of.map((x) => reportCondition(x, ctx, ruleHysteresis, relaxed));
  const holds = c.kind === 'all' ? parts.every((p) => p.holds) : parts.some((p) => p.holds);
  // all: holding → every part explains it; failing → the failing parts. any: holding → the holding parts; failing → all.
  return { holds, deciding: parts.filter((p) => p.holds === holds).flatMap((p) => p.deciding) };
}

