// The warning-rule engine: bound rules evaluated on a stream of readings, emitting level transitions.
//
//   const rs = compileRuleSet([bindTemplate(RAINSTORM, {}).value], { bucketMinutes: 1 });   // Result: errors or a rule set
//   const st = createEngineState(rs.value);
//   for (const r of readings) for (const t of ingest(st, r)) …;            // t: { ruleId, from, to, at, basis, … }
//   advanceTo(st, Date.now());                                             // time passing: windows empty, levels fall
//
// Pure and deterministic (no clock, no I/O): the caller owns the state object and passes times in. Evaluation time is
// the subject's newest reading time (late readings land in their own buckets and re-evaluate at that time), or the `now`
// given to advanceTo, whichever is later. Per reading the work is O(1) in the windows (windows.ts).
//
// Two paths, one semantics (the tests hold them against a brute-force reference):
//  * general: Series.add (duplicates, late readings, any aggregate), then every rule reading the series, each as a
//    typed-array program (latest/sum/mean levels) or as compiled closures (max/min, changes, runs, combinations);
//  * fused: a sensor whose kind feeds one series of sums read by one simple rule (a rain gauge under 暴雨) takes its
//    in-order readings in one pass over one array — ring step, window sums, level — with no calls and no other
//    per-sensor object touched. It falls back to the general path for anything else (late, duplicate, first reading).
// Level changes are rare; their zh-CN explanations are built then.
import {
  addLeafNeeds,
  compileCondition,
  compileSimple,
  leafText,
  leaves,
  levelFunction,
  MINUTE_MS,
  reportCondition,
  reportSimple,
  simpleHolds,
  sumChecks,
  type ConditionContext,
  type ConditionReport,
  type LeafText,
  type SimpleProgram,
  type Test,
} from './conditions';
import {
  isMetricCode,
  LEVELS_ASCENDING,
  LEVEL_BY_RANK,
  LEVEL_RANK,
  LEVEL_ZH,
  type BindingTarget,
  type FieldError,
  type LeafCondition,
  type MetricCode,
  type Reading,
  type Result,
  type RuleBinding,
  type SiteSpec,
  type Transition,
  type WarningLevel,
  type WarningRule,
} from './model';
import { validateBindings } from './validate';
import { DUPLICATE, EVAL_AT, EVAL_BUCKET, HEAD, HEAD_SLOT, LATEST_AT, LATEST_VALUE, RANK, Series, SINCE, toFixedPoint, TOO_OLD, type SeriesLayout } from './windows';

export interface EngineOptions {
  /** Bucket width of the windows, minutes (default 1). Every window must be a multiple of it. */
  bucketMinutes?: number;
}

interface CompiledBinding {
  readonly index: number;
  readonly rule: WarningRule;
  readonly target: BindingTarget;
  readonly metrics: ReadonlySet<string>;
  readonly holdMs: number;
  readonly areaKey: string | null;
  /** Per rank, the explanation texts of a simple rule's leaf: [entering, keeping] (made on first use). */
  texts: ([LeafText, LeafText] | null)[] | null;
}

/** Validated bindings, indexed for the engine. Share it between states (it only caches explanation texts). */
export interface RuleSet {
  readonly bindings: readonly CompiledBinding[];
  readonly bucketMs: number;
  /** Bindings for every sensor (target 'all'). */
  readonly everySensor: readonly number[];
  /** Sensor id → bindings that name it as its own subject. */
  readonly bySensor: ReadonlyMap<string, readonly number[]>;
  readonly sites: ReadonlyMap<string, { readonly spec: SiteSpec; readonly bindings: readonly number[] }>;
  /** Sensor id → the sites it feeds, with the metric it gives each. */
  readonly siteFeeds: ReadonlyMap<string, readonly { siteKey: string; metric: MetricCode }[]>;
}

const MAX_ABS_VALUE = 1e9;
/** Reading times must be after 1970 (times are kept signed in the rings) and before the end of ECMAScript time. */
const MAX_TIME = 8.64e15;

/** Compiles and checks bindings. Bad input gives errors with field paths (zh-CN), never an exception. */
export function compileRuleSet(bindings: readonly RuleBinding[], options: EngineOptions = {}): Result<RuleSet> {
  const bucketMinutes = options.bucketMinutes ?? 1;
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1 || bucketMinutes > 60)
    return { ok: false, errors: [{ path: 'options.bucketMinutes', message: '时间桶宽度应为 1–60 的整数（分钟）' }] };
  const bucketMs = bucketMinutes * MINUTE_MS;
  const errors: FieldError[] = validateBindings(bindings, bucketMs);
  if (errors.length > 0) return { ok: false, errors };

  const compiled: CompiledBinding[] = [];
  const everySensor: number[] = [];
  const bySensor = new Map<string, number[]>();
  const sites = new Map<string, { spec: SiteSpec; bindings: number[] }>();
  const siteFeeds = new Map<string, { siteKey: string; metric: MetricCode }[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const a = m.get(k);
    if (a) {
      if (!a.includes(v)) a.push(v);
    } else m.set(k, [v]);
  };
  bindings.forEach((b, index) => {
    const metrics = new Set<string>(Object.values(b.rule.levels).flatMap((c) => (c ? leaves(c).map((l) => l.metric) : [])));
    compiled.push({
      index,
      rule: b.rule,
      target: b.target,
      metrics,
      holdMs: b.rule.holdMinutes * MINUTE_MS,
      areaKey: b.target.kind === 'area' ? b.target.areaKey : null,
      texts: null,
    });
    if (b.target.kind === 'all') {
      everySensor.push(index);
      return;
    }
    for (const s of b.target.kind === 'area' ? b.target.members : b.target.subjects) {
      if (typeof s === 'string') {
        push(bySensor, s, index);
        continue;
      }
      const site = sites.get(s.siteKey) ?? { spec: s, bindings: [] };
      if (!site.bindings.includes(index)) site.bindings.push(index);
      sites.set(s.siteKey, site);
      for (const [metric, sensorId] of Object.entries(s.sensors)) {
        const list = siteFeeds.get(sensorId!) ?? [];
        if (!list.some((x) => x.siteKey === s.siteKey && x.metric === metric)) list.push({ siteKey: s.siteKey, metric: metric as MetricCode });
        siteFeeds.set(sensorId!, list);
      }
    }
  });
  return { ok: true, value: { bindings: compiled, bucketMs, everySensor, bySensor, sites, siteFeeds } };
}

// ---------- state ----------

class Subject implements ConditionContext {
  /** evalAt and evalBucket (the bucket of evalAt) live in `clock` at `ci`: its own array, or hosted by a fused series. */
  clock: Float64Array = Float64Array.of(-Infinity, -Infinity);
  ci = 0;
  hosted = false;
  get evalAt(): number {
    return this.clock[this.ci]!;
  }
  set evalAt(t: number) {
    this.clock[this.ci] = t;
  }
  get evalBucket(): number {
    return this.clock[this.ci + 1]!;
  }
  set evalBucket(b: number) {
    this.clock[this.ci + 1] = b;
  }
  readonly byMetric = new Map<string, Series>();
  readonly slots: RuleSlot[] = [];
  constructor(
    readonly kind: 'sensor' | 'site',
    readonly key: string,
    readonly bucketMs: number,
    private readonly layouts: (metric: string) => SeriesLayout,
  ) {}
  series(metric: string): Series {
    let s = this.byMetric.get(metric);
    if (s === undefined) {
      s = new Series(metric, this.layouts(metric));
      this.byMetric.set(metric, s);
    }
    return s;
  }
}

interface AreaState {
  readonly key: string;
  readonly binding: CompiledBinding;
  /** How many members are at each rank (index 1–4). */
  readonly counts: number[];
  rank: number;
  since: number;
}

/** One rule on one subject. */
class RuleSlot {
  /** rank (0 none … 4 red) and since live in `st` at `si`: its own array, or hosted by a fused series. */
  st: Float64Array = Float64Array.of(0, -Infinity);
  si = 0;
  hosted = false;
  get rank(): number {
    return this.st[this.si]!;
  }
  set rank(r: number) {
    this.st[this.si] = r;
  }
  get since(): number {
    return this.st[this.si + 1]!;
  }
  set since(t: number) {
    this.st[this.si + 1] = t;
  }
  constructor(
    readonly binding: CompiledBinding,
    readonly subject: Subject,
    /** Index = rank; null where the rule has no such level. */
    readonly enter: readonly (Test | null)[],
    readonly stay: readonly (Test | null)[],
    readonly series: Series[],
    /** Set for rules simple enough for the typed-array path (then enter/stay are unused): the program and its series. */
    readonly prog: SimpleProgram | null,
    readonly ser0: Series,
    readonly area: AreaState | null,
  ) {}
}

/** A sensor's route for one reading kind: the series it feeds and the rules reading it (series null: ignored). */
interface Feed {
  readonly metric: string;
  readonly series: Series | null;
  readonly subject: Subject | null;
  readonly slots: readonly RuleSlot[];
}

interface SensorEntry {
  // Hot fields first: the fused path reads these (one cache line).
  /**
   * Once armed (the series has its arrays and hosts its subject's clock and its rule's level): the shared buffer its
   * array is carved from (one array object for many sensors, so no per-sensor array header to fetch) and its offset.
   */
  fBuf: Float64Array | null;
  fBase: number;
  fKind: string | null;
  /**
   * Copies of the series' head bucket and slot (small integers): the fused path computes its addresses from these
   * without waiting for the array, and checks them against it (a general-path step in between just fails the check).
   */
  fHead: number;
  fHs: number;
  /** Layout constants and level function, shared by every sensor of the same layout and rule. */
  fPlan: FusedPlan | null;
  readonly id: string;
  /** Newest reading time seen by the general path (any kind); see lastSeen. */
  lastAt: number;
  readonly feeds: Feed[];
  /** The fused path: readings of kind `fKind` feed exactly one plain series (sums only) read by one simple rule. */
  fSer: Series | null;
  fSubj: Subject | null;
  fSlot: RuleSlot | null;
}

/** What the fused path needs besides the series array: the same for all sensors of a layout and rule. */
interface FusedPlan {
  readonly w: number;
  readonly n: number;
  readonly H: number;
  readonly A: number;
  readonly T: number;
  /** Number of windows (≤ 4) and their lengths in buckets. */
  readonly nw: number;
  readonly L0: number;
  readonly L1: number;
  readonly L2: number;
  readonly L3: number;
  readonly level: (buf: Float64Array, base: number, latest: number) => number;
  /** Sums compared with ≥ (sumChecks): the four (rank, position, threshold) inline, no call. */
  readonly sumGe: boolean;
  readonly ra: number;
  readonly ia: number;
  readonly ta: number;
  readonly rb: number;
  readonly ib: number;
  readonly tb: number;
  readonly rc: number;
  readonly ic: number;
  readonly tc: number;
  readonly rd: number;
  readonly id: number;
  readonly td: number;
}

/** Newest reading time of a sensor: the general path's, or its fused series' newest. */
function lastSeen(e: SensorEntry): number {
  const buf = e.fBuf;
  return buf === null ? e.lastAt : Math.max(e.lastAt, buf[e.fBase + e.fPlan!.H + LATEST_AT]!);
}

export interface EngineStats {
  readings: number;
  accepted: number;
  duplicates: number;
  /** Older than every window needs (dropped). */
  tooOld: number;
  /** Value not finite or |value| > 1e9, or time not after 1970. */
  rejected: number;
  /** Of a kind no bound rule reads for that sensor. */
  ignored: number;
}

export interface EngineState {
  readonly ruleSet: RuleSet;
  readonly sensors: Map<string, SensorEntry>;
  readonly subjects: Map<string, Subject>;
  /** Index = binding index; null for bindings that are not areas. */
  readonly areas: (AreaState | null)[];
  readonly stats: EngineStats;
  readonly layoutCache: Map<string, SeriesLayout>;
  readonly programs: Map<string, SimpleProgram>;
  readonly levelFns: Map<SimpleProgram, (buf: Float64Array, base: number, latest: number) => number>;
  readonly plans: Map<string, SubjectPlan>;
  readonly fusedPlans: Map<SimpleProgram, Map<Int32Array, FusedPlan>>;
}

export function createEngineState(ruleSet: RuleSet): EngineState {
  return {
    ruleSet,
    sensors: new Map(),
    subjects: new Map(),
    areas: ruleSet.bindings.map((b) => (b.areaKey === null ? null : { key: b.areaKey, binding: b, counts: [0, 0, 0, 0, 0], rank: 0, since: -Infinity })),
    stats: { readings: 0, accepted: 0, duplicates: 0, tooOld: 0, rejected: 0, ignored: 0 },
    layoutCache: new Map(),
    programs: new Map(),
    levelFns: new Map(),
    plans: new Map(),
    fusedPlans: new Map(),
  };
}

function layoutFor(state: EngineState, bindings: readonly number[], metric: string): SeriesLayout {
  const key = `${bindings.join(',')}|${metric}`;
  let l = state.layoutCache.get(key);
  if (l === undefined) {
    l = { bucketMs: state.ruleSet.bucketMs, ringLen: 1, windows: [], bucketExtremes: false, counts: false, days: 0 };
    for (const i of bindings)
      for (const c of Object.values(state.ruleSet.bindings[i]!.rule.levels))
        if (c) for (const leaf of leaves(c)) if (leaf.metric === metric) addLeafNeeds(l, leaf);
    state.layoutCache.set(key, l);
  }
  return l;
}

/** What every subject with the same bindings shares: per binding its metrics and simple program (or null). */
interface SubjectPlan {
  readonly slots: readonly { readonly metrics: readonly string[]; readonly prog: SimpleProgram | null; readonly simpleMetric: string | null }[];
}

const NO_TESTS: readonly (Test | null)[] = Object.freeze([null, null, null, null, null]);

function planFor(state: EngineState, bindings: readonly number[]): SubjectPlan {
  const key = bindings.join(',');
  let plan = state.plans.get(key);
  if (plan === undefined) {
    const rs = state.ruleSet;
    plan = {
      slots: bindings.map((i) => {
        const rule = rs.bindings[i]!.rule;
        const simple = compileSimple(
          [undefined, rule.levels.blue, rule.levels.yellow, rule.levels.orange, rule.levels.red],
          (metric, len) => layoutFor(state, bindings, metric).windows.findIndex((w) => w.len === len),
          rs.bucketMs,
          rule.hysteresis,
        );
        return { metrics: [...rs.bindings[i]!.metrics], prog: simple && internProgram(state, simple.prog), simpleMetric: simple && simple.metric };
      }),
    };
    state.plans.set(key, plan);
  }
  return plan;
}

function subjectFor(state: EngineState, kind: 'sensor' | 'site', key: string, bindings: readonly number[]): Subject {
  const mapKey = `${kind}:${key}`;
  const existing = state.subjects.get(mapKey);
  if (existing !== undefined) return existing;
  const s = new Subject(kind, key, state.ruleSet.bucketMs, (metric) => layoutFor(state, bindings, metric));
  const plan = planFor(state, bindings);
  bindings.forEach((i, n) => {
    const binding = state.ruleSet.bindings[i]!;
    const rule = binding.rule;
    const p = plan.slots[n]!;
    let enter = NO_TESTS;
    let stay = NO_TESTS;
    if (p.prog === null) {
      // Closures only for rules the typed-array path cannot evaluate.
      const en: (Test | null)[] = [null, null, null, null, null];
      const st: (Test | null)[] = [null, null, null, null, null];
      for (const level of LEVELS_ASCENDING) {
        const c = rule.levels[level];
        if (!c) continue;
        en[LEVEL_RANK[level]] = compileCondition(c, s, rule.hysteresis, false);
        st[LEVEL_RANK[level]] = compileCondition(c, s, rule.hysteresis, true);
      }
      enter = en;
      stay = st;
    }
    s.slots.push(
      new RuleSlot(binding, s, enter, stay, p.metrics.map((m) => s.series(m)), p.prog, s.series(p.simpleMetric ?? p.metrics[0]!), state.areas[i] ?? null),
    );
  });
  state.subjects.set(mapKey, s);
  return s;
}

function feedsFor(state: EngineState, e: SensorEntry, kind: string): Feed[] {
  const rs = state.ruleSet;
  const out: Feed[] = [];
  if (isMetricCode(kind)) {
    const own = [...rs.everySensor, ...(rs.bySensor.get(e.id) ?? [])];
    if (own.some((i) => rs.bindings[i]!.metrics.has(kind))) {
      const subj = subjectFor(state, 'sensor', e.id, own);
      out.push({ metric: kind, series: subj.series(kind), subject: subj, slots: subj.slots.filter((s) => s.binding.metrics.has(kind)) });
    }
    for (const sf of rs.siteFeeds.get(e.id) ?? []) {
      if (sf.metric !== kind) continue;
      const site = rs.sites.get(sf.siteKey)!;
      if (!site.bindings.some((i) => rs.bindings[i]!.metrics.has(kind))) continue;
      const subj = subjectFor(state, 'site', sf.siteKey, site.bindings);
      out.push({ metric: kind, series: subj.series(kind), subject: subj, slots: subj.slots.filter((s) => s.binding.metrics.has(kind)) });
    }
  }
  if (out.length === 0) out.push({ metric: kind, series: null, subject: null, slots: [] });
  e.feeds.push(...out);
  const only = out.length === 1 ? out[0]! : null;
  const slot = only?.slots.length === 1 ? only.slots[0]! : null;
  if (e.fKind === null && only !== null && only.series !== null && only.series.plain && slot !== null && slot.prog !== null && slot.series.length === 1 && slot.ser0 === only.series) {
    e.fKind = kind;
    e.fSer = only.series;
    e.fSubj = only.subject;
    e.fSlot = slot;
  }
  return out;
}

/**
 * Arms the fused path of a sensor whose series now has its arrays: the series hosts its subject's clock and its rule's
 * level (unless another series already hosts them: then the general path stays).
 */
function armFused(state: EngineState, e: SensorEntry, ser: Series) {
  const subj = e.fSubj!;
  const slot = e.fSlot!;
  if (subj.hosted || slot.hosted || ser.wlen.length > 4) {
    e.fSer = null;
    return;
  }
  const agg = ser.agg;
  const H = ser.H;
  agg[H + EVAL_AT] = subj.evalAt;
  agg[H + EVAL_BUCKET] = subj.evalBucket;
  subj.clock = agg;
  subj.ci = H + EVAL_AT;
  subj.hosted = true;
  agg[H + RANK] = slot.rank;
  agg[H + SINCE] = slot.since;
  slot.st = agg;
  slot.si = H + RANK;
  slot.hosted = true;
  e.fBuf = ser.chunk;
  e.fBase = ser.base;
  e.fPlan = fusedPlanOf(state, ser, slot.prog!);
  e.fHead = ser.head | 0;
  e.fHs = ser.headSlot;
}

/** The fused plan of a layout and program, made once. */
function fusedPlanOf(state: EngineState, ser: Series, prog: SimpleProgram): FusedPlan {
  // Series of one layout share their window-length array: it stands for the layout.
  let byLayout = state.fusedPlans.get(prog);
  if (byLayout === undefined) state.fusedPlans.set(prog, (byLayout = new Map()));
  let plan = byLayout.get(ser.wlen);
  if (plan === undefined) {
    plan = {
      w: ser.w,
      n: ser.n,
      H: ser.H,
      A: ser.A,
      T: ser.T,
      nw: ser.wlen.length,
      L0: ser.wlen[0] ?? 0,
      L1: ser.wlen[1] ?? 0,
      L2: ser.wlen[2] ?? 0,
      L3: ser.wlen[3] ?? 0,
      level: levelFnOf(state, prog),
      ...sumPlan(prog),
    };
    byLayout.set(ser.wlen, plan);
  }
  return plan;
}

function sumPlan(prog: SimpleProgram) {
  const c = sumChecks(prog);
  const x = (i: number) => c?.[i] ?? { r: 0, i: 0, t: Infinity };
  return {
    sumGe: c !== null,
    ra: x(0).r,
    ia: x(0).i,
    ta: x(0).t,
    rb: x(1).r,
    ib: x(1).i,
    tb: x(1).t,
    rc: x(2).r,
    ic: x(2).i,
    tc: x(2).t,
    rd: x(3).r,
    id: x(3).i,
    td: x(3).t,
  };
}

/** The level function of a program, made once per program. */
function levelFnOf(state: EngineState, p: SimpleProgram) {
  let f = state.levelFns.get(p);
  if (f === undefined) {
    f = levelFunction(p);
    state.levelFns.set(p, f);
  }
  return f;
}

function internProgram(state: EngineState, p: SimpleProgram): SimpleProgram {
  const key = [p.kind, p.aggAt, p.op, p.enter, p.stay].map((a) => a.join(',')).join('|');
  let have = state.programs.get(key);
  if (have === undefined) {
    have = p;
    state.programs.set(key, p);
  }
  return have;
}

// ---------- evaluation ----------

const NONE: readonly Transition[] = Object.freeze([]);

/** ISO text of an instant; transitions of many sensors share their reading time, so the last one is kept. */
let isoMs = NaN;
let isoText = '';
function iso(ms: number): string {
  if (ms !== isoMs) {
    isoText = new Date(ms).toISOString();
    isoMs = ms;
  }
  return isoText;
}

function conditionOf(slot: RuleSlot, rank: number) {
  return slot.binding.rule.levels[LEVEL_BY_RANK[rank]!]!;
}

/** The zh-CN reason of a change from `from` to `to` (ranks), and the value that decided. */
function explain(slot: RuleSlot, from: number, to: number): { basis: string; value: number | null } {
  if (slot.prog !== null) return explainSimple(slot, from, to);
  const h = slot.binding.rule.hysteresis;
  const subj = slot.subject;
  const texts = (r: ConditionReport) => r.deciding.map((d) => d.text).join('；');
  if (to > from) {
    const rep = reportCondition(conditionOf(slot, to), subj, h, false);
    return { basis: texts(rep), value: rep.deciding[0]?.value ?? null };
  }
  // Down: the level just above `to` no longer holds even with its hysteresis; say why, then what still holds.
  let above = to + 1;
  while (above < from && slot.binding.rule.levels[LEVEL_BY_RANK[above]!] === undefined) above++;
  const broke = reportCondition(conditionOf(slot, above), subj, h, true);
  if (to === 0) return { basis: texts(broke), value: broke.deciding[0]?.value ?? null };
  let still = reportCondition(conditionOf(slot, to), subj, h, false);
  if (!still.holds) still = reportCondition(conditionOf(slot, to), subj, h, true);
  return { basis: `${texts(broke)}；${texts(still)}`, value: broke.deciding[0]?.value ?? null };
}

/** explain() for simple programs (one leaf per level), read straight from the series array. */
function explainSimple(slot: RuleSlot, from: number, to: number): { basis: string; value: number | null } {
  const binding = slot.binding;
  const rule = binding.rule;
  const texts = (binding.texts ??= [0, 1, 2, 3, 4].map((r) => {
    const leaf = rule.levels[LEVEL_BY_RANK[r] ?? 'blue'] as LeafCondition | undefined;
    return r === 0 || leaf === undefined ? null : [leafText(leaf, rule.hysteresis, false), leafText(leaf, rule.hysteresis, true)];
  }));
  const p = slot.prog!;
  const ser = slot.ser0;
  const line = (r: number, relaxed: 0 | 1) => reportSimple(texts[r]![relaxed], (rule.levels[LEVEL_BY_RANK[r]!] as LeafCondition).op, p, ser, r);
  if (to > from) {
    const rep = line(to, 0);
    return { basis: rep.text, value: rep.value };
  }
  let above = to + 1;
  while (above < from && p.kind[above] === 0) above++;
  const broke = line(above, 1);
  if (to === 0) return { basis: broke.text, value: broke.value };
  let still = line(to, 0);
  if (!still.holds) still = line(to, 1);
  return { basis: `${broke.text}；${still.text}`, value: broke.value };
}

const levelName = (rank: number): WarningLevel | null => LEVEL_BY_RANK[rank] ?? null;

function changeLevel(slot: RuleSlot, from: number, to: number, at: number, sensorId: string | null, out: Transition[] | null): Transition[] | null {
  slot.rank = to;
  slot.since = at;
  const subj = slot.subject;
  const rule = slot.binding.rule;
  const area = slot.area;
  if (area === null) {
    const { basis, value } = explain(slot, from, to);
    (out ??= []).push({
      ruleId: rule.id,
      typeCode: rule.typeCode,
      sensorId: subj.kind === 'sensor' ? subj.key : sensorId,
      siteKey: subj.kind === 'site' ? subj.key : null,
      areaKey: null,
      from: levelName(from),
      to: levelName(to),
      at: iso(at),
      atMs: at,
      value,
      basis,
    });
    return out;
  }
  // Area: the highest level among its members.
  if (from > 0) area.counts[from]!--;
  if (to > 0) area.counts[to]!++;
  let areaRank = 0;
  for (let r = 4; r > 0; r--)
    if (area.counts[r]! > 0) {
      areaRank = r;
      break;
    }
  if (areaRank === area.rank) return out;
  const areaFrom = area.rank;
  area.rank = areaRank;
  area.since = at;
  const { basis, value } = explain(slot, from, to);
  const member = subj.kind === 'sensor' ? `传感器 ${subj.key}` : `站点 ${subj.key}`;
  const rest = areaRank > 0 && areaRank < areaFrom ? `；区域内 ${area.counts[areaRank]} 个监测点为${LEVEL_ZH[LEVEL_BY_RANK[areaRank]!]}` : '';
  (out ??= []).push({
    ruleId: rule.id,
    typeCode: rule.typeCode,
    sensorId: subj.kind === 'sensor' ? subj.key : sensorId,
    siteKey: subj.kind === 'site' ? subj.key : null,
    areaKey: area.key,
    from: levelName(areaFrom),
    to: levelName(areaRank),
    at: iso(at),
    atMs: at,
    value,
    basis: `${member}：${basis}${rest}`,
  });
  return out;
}

/**
 * One rule on one subject at time T: the target is the highest level whose condition holds. Up at once; down only
 * after the hold time, and only as far as the conditions relaxed by their hysteresis allow.
 */
function evalSlot(slot: RuleSlot, at: number, b: number, sensorId: string | null, out: Transition[] | null): Transition[] | null {
  const ss = slot.series;
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i]!;
    if (s.head < b) s.advance(b);
  }
  const prog = slot.prog;
  const ser0 = slot.ser0;
  let target = 0;
  if (prog !== null) {
    for (let r = 4; r > 0; r--)
      if (simpleHolds(prog, ser0, r, prog.enter)) {
        target = r;
        break;
      }
  } else {
    const enter = slot.enter;
    for (let r = 4; r > 0; r--) {
      const f = enter[r];
      if (f && f()) {
        target = r;
        break;
      }
    }
  }
  const cur = slot.rank;
  if (target === cur) return out;
  if (target > cur) return changeLevel(slot, cur, target, at, sensorId, out);
  return settle(slot, cur, target, at, sensorId, out);
}

/** Below the current level: down only after the hold time, and only as far as the relaxed conditions allow. */
function settle(slot: RuleSlot, cur: number, target: number, at: number, sensorId: string | null, out: Transition[] | null): Transition[] | null {
  if (at < slot.since + slot.binding.holdMs) return out;
  const prog = slot.prog;
  let next = target;
  for (let r = cur; r > target; r--) {
    const f = slot.stay[r];
    if (prog !== null ? simpleHolds(prog, slot.ser0, r, prog.stay) : f && f()) {
      next = r;
      break;
    }
  }
  return next === cur ? out : changeLevel(slot, cur, next, at, sensorId, out);
}

/** Adds a reading to one feed and evaluates the rules reading it; DUPLICATE / TOO_OLD when refused. */
function feedReading(f: Feed, at: number, v: number, sensorId: string, out: Transition[] | null): number | Transition[] | null {
  const ser = f.series!;
  const res = ser.add(at, v);
  if (res === DUPLICATE || res === TOO_OLD) return res;
  const subj = f.subject!;
  if (at > subj.evalAt) {
    // A reading newer than the evaluation time has just moved its series to its own bucket.
    subj.evalAt = at;
    subj.evalBucket = ser.head;
  }
  const t = subj.evalAt;
  const b = subj.evalBucket;
  const slots = f.slots;
  for (let i = 0; i < slots.length; i++) out = evalSlot(slots[i]!, t, b, sensorId, out);
  return out;
}

/**
 * Takes one reading; returns the transitions it causes (usually none: a shared empty array). A duplicate (same sensor,
 * kind and reading time) or a reading older than every window is counted in `state.stats` and changes nothing.
 */
export function ingest(state: EngineState, r: Reading): readonly Transition[] {
  const stats = state.stats;
  stats.readings++;
  const at = r.at;
  const value = r.value;
  if (!(value >= -MAX_ABS_VALUE && value <= MAX_ABS_VALUE) || !(at > 0 && at < MAX_TIME)) {
    stats.rejected++;
    return NONE;
  }
  let e = state.sensors.get(r.sensorId);
  if (e === undefined) {
    e = { fBuf: null, fBase: 0, fKind: null, fHead: 0, fHs: 0, fPlan: null, id: r.sensorId, lastAt: -Infinity, feeds: [], fSer: null, fSubj: null, fSlot: null };
    state.sensors.set(r.sensorId, e);
  }
  const kind = r.kind;
  const v = toFixedPoint(value);
  const buf = e.fBuf;
  if (buf !== null && kind === e.fKind) {
    // Fused path: an in-order reading into a new bucket of a plain series read by one simple rule. The same steps
    // as Series.add + evalSlot on one array (no calls, numbers stay unboxed, no other per-sensor object touched).
    const P = e.fPlan!;
    const o = e.fBase;
    const H = o + P.H;
    const head = e.fHead;
    const b = Math.ceil(at / P.w);
    const n = P.n;
    if (b > head && b - head < n && at > buf[H + EVAL_AT]! && buf[H + HEAD] === head) {
      const A = o + P.A;
      const T = o + P.T;
      const nw = P.nw;
      const L0 = P.L0;
      const L1 = P.L1;
      const L2 = P.L2;
      const L3 = P.L3;
      const bi = b | 0;
      let hs = e.fHs;
      for (let k = head + 1; k <= bi; k++) {
        if (++hs === n) hs = 0;
        // The buckets k − len leave the windows (unrolled: at most four windows; an empty bucket's sum is 0).
        if (nw > 0) {
          let s = hs - L0;
          if (s < 0) s += n;
          buf[o] = buf[o]! - buf[A + s]!;
          if (nw > 1) {
            s = hs - L1;
            if (s < 0) s += n;
            buf[o + 2] = buf[o + 2]! - buf[A + s]!;
            if (nw > 2) {
              s = hs - L2;
              if (s < 0) s += n;
              buf[o + 4] = buf[o + 4]! - buf[A + s]!;
              if (nw > 3) {
                s = hs - L3;
                if (s < 0) s += n;
                buf[o + 6] = buf[o + 6]! - buf[A + s]!;
              }
            }
          }
        }
        if (buf[T + hs]! < 0) e.fSer!.spill!.delete(k - n);
        buf[A + hs] = 0; // buckets skipped over are empty
        buf[T + hs] = 0;
      }
      buf[A + hs] = v;
      buf[T + hs] = at;
      if (nw > 0) {
        buf[o] = buf[o]! + v;
        if (nw > 1) {
          buf[o + 2] = buf[o + 2]! + v;
          if (nw > 2) {
            buf[o + 4] = buf[o + 4]! + v;
            if (nw > 3) buf[o + 6] = buf[o + 6]! + v;
          }
        }
      }
      buf[H + HEAD] = b;
      buf[H + HEAD_SLOT] = hs;
      e.fHead = bi;
      e.fHs = hs;
      buf[H + LATEST_AT] = at;
      buf[H + LATEST_VALUE] = v;
      buf[H + EVAL_AT] = at;
      buf[H + EVAL_BUCKET] = b;
      stats.accepted++;
      const target = P.sumGe
        ? buf[o + P.ia]! >= P.ta
          ? P.ra
          : buf[o + P.ib]! >= P.tb
            ? P.rb
            : buf[o + P.ic]! >= P.tc
              ? P.rc
              : buf[o + P.id]! >= P.td
                ? P.rd
                : 0
        : P.level(buf, o, v);
      const cur = buf[H + RANK]!;
      if (target === cur) return NONE;
      const slot = e.fSlot!;
      const out = target > cur ? changeLevel(slot, cur, target, at, r.sensorId, null) : settle(slot, cur, target, at, r.sensorId, null);
      return out ?? NONE;
    }
  }
  if (at > e.lastAt) e.lastAt = at;
  const out = ingestGeneral(state, e, r, at, v);
  const fs = e.fSer;
  if (fs !== null) {
    if (e.fBuf !== null) {
      // Back in step with the series after a step of the general path.
      e.fHead = fs.head | 0;
      e.fHs = fs.headSlot;
    } else if (fs.ready) armFused(state, e, fs);
  }
  return out;
}

/** Every reading the fused path does not take: late, duplicate, first of its sensor, several feeds or rules. */
function ingestGeneral(state: EngineState, e: SensorEntry, r: Reading, at: number, v: number): readonly Transition[] {
  const stats = state.stats;
  const kind = r.kind;
  let feeds: readonly Feed[] = e.feeds;
  if (feeds.length === 1) {
    // A sensor measuring one quantity, feeding one subject.
    const f = feeds[0]!;
    if (f.metric === kind) {
      if (f.series === null) {
        stats.ignored++;
        return NONE;
      }
      const res = feedReading(f, at, v, r.sensorId, null);
      if (res === DUPLICATE) stats.duplicates++;
      else if (res === TOO_OLD) stats.tooOld++;
      else {
        stats.accepted++;
        if (res !== null && typeof res !== 'number') return res;
      }
      return NONE;
    }
  }
  let out: Transition[] | null = null;
  let status = -1; // -1 none matched yet; 0 counted; DUPLICATE / TOO_OLD
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < feeds.length; i++) {
      const f = feeds[i]!;
      if (f.metric !== kind) continue;
      if (f.series === null) {
        stats.ignored++;
        return NONE;
      }
      const res = feedReading(f, at, v, r.sensorId, out);
      if (typeof res === 'number') {
        if (status !== 0) status = res;
      } else {
        status = 0;
        out = res;
      }
    }
    if (status !== -1) break;
    feeds = feedsFor(state, e, kind);
  }
  if (status === 0) stats.accepted++;
  else if (status === DUPLICATE) stats.duplicates++;
  else if (status === TOO_OLD) stats.tooOld++;
  return out ?? NONE;
}

/** Takes readings in order; all transitions. */
export function ingestMany(state: EngineState, readings: Iterable<Reading>): Transition[] {
  const out: Transition[] = [];
  for (const r of readings) {
    const t = ingest(state, r);
    if (t.length > 0) out.push(...t);
  }
  return out;
}

/**
 * Moves every subject's evaluation time to `now` (epoch ms) if later: windows slide, rain that stopped falls out,
 * levels fall once their hold time is over. Call it on a timer; transitions caused by it have sensorId of the
 * subject (or null for sites).
 */
export function advanceTo(state: EngineState, now: number): Transition[] {
  let out: Transition[] | null = null;
  const b = Math.ceil(now / state.ruleSet.bucketMs);
  for (const subj of state.subjects.values()) {
    if (!(now > subj.evalAt)) continue;
    subj.evalAt = now;
    subj.evalBucket = b;
    for (const slot of subj.slots) out = evalSlot(slot, now, b, null, out);
  }
  return out ?? [];
}

export interface CurrentLevel {
  ruleId: string;
  typeCode: string;
  sensorId: string | null;
  siteKey: string | null;
  areaKey: string | null;
  level: WarningLevel;
  since: string;
}

/** Every subject and area now at a level (areas once, not their members). */
export function currentLevels(state: EngineState): CurrentLevel[] {
  const out: CurrentLevel[] = [];
  for (const subj of state.subjects.values())
    for (const slot of subj.slots)
      if (slot.rank > 0 && slot.area === null)
        out.push({
          ruleId: slot.binding.rule.id,
          typeCode: slot.binding.rule.typeCode,
          sensorId: subj.kind === 'sensor' ? subj.key : null,
          siteKey: subj.kind === 'site' ? subj.key : null,
          areaKey: null,
          level: LEVEL_BY_RANK[slot.rank]!,
          since: iso(slot.since),
        });
  for (const a of state.areas)
    if (a && a.rank > 0)
      out.push({ ruleId: a.binding.rule.id, typeCode: a.binding.rule.typeCode, sensorId: null, siteKey: null, areaKey: a.key, level: LEVEL_BY_RANK[a.rank]!, since: iso(a.since) });
  return out;
}

/** The level of one rule on a sensor, site or area (null: none). */
export function levelOf(state: EngineState, ruleId: string, subject: { sensorId: string } | { siteKey: string } | { areaKey: string }): WarningLevel | null {
  if ('areaKey' in subject) {
    const a = state.areas.find((x) => x !== null && x.key === subject.areaKey && x.binding.rule.id === ruleId);
    return a ? levelName(a.rank) : null;
  }
  const key = 'sensorId' in subject ? `sensor:${subject.sensorId}` : `site:${subject.siteKey}`;
  const slot = state.subjects.get(key)?.slots.find((s) => s.binding.rule.id === ruleId);
  return slot ? levelName(slot.rank) : null;
}

export interface OfflineSensor {
  sensorId: string;
  /** Newest reading time, null if it never reported. */
  lastReadingAt: string | null;
  /** Silence so far, ms (null if it never reported). */
  silentMs: number | null;
  intervalMs: number;
}

/**
 * 离线: sensors silent for longer than their reporting interval (now − newest reading time > interval).
 * `intervals`: sensor id → interval ms; sensors listed that never reported are offline too. `defaultIntervalMs`
 * applies to every other sensor the engine has seen. Longest silence first (never reported first of all).
 */
export function offlineSensors(state: EngineState, now: number, intervals: Readonly<Record<string, number>>, defaultIntervalMs?: number): OfflineSensor[] {
  const out: OfflineSensor[] = [];
  const judge = (id: string, intervalMs: number) => {
    const e = state.sensors.get(id);
    const last = e === undefined ? -Infinity : lastSeen(e);
    if (last === -Infinity) {
      out.push({ sensorId: id, lastReadingAt: null, silentMs: null, intervalMs });
      return;
    }
    const silent = now - last;
    if (silent > intervalMs) out.push({ sensorId: id, lastReadingAt: iso(last), silentMs: silent, intervalMs });
  };
  for (const [id, ms] of Object.entries(intervals)) if (Number.isFinite(ms) && ms > 0) judge(id, ms);
  if (defaultIntervalMs !== undefined && defaultIntervalMs > 0)
    for (const id of state.sensors.keys()) if (!Object.prototype.hasOwnProperty.call(intervals, id)) judge(id, defaultIntervalMs);
  return out.sort((a, b) => (b.silentMs ?? Infinity) - (a.silentMs ?? Infinity) || (a.sensorId < b.sensorId ? -1 : 1));
}
