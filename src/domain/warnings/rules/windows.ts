// Per-series state of the rule engine: a ring of time buckets sized to the longest window the bound rules need,
// running aggregates per window (O(1) per reading: a reading adds to its bucket and to every window it falls in;
// advancing time subtracts the buckets that leave), and a small ring of Beijing calendar days for daily runs.
//
// Buckets are right-closed: bucket k holds readings with (k − 1)·w < t ≤ k·w. A window of D minutes at evaluation
// time T holds the D/w buckets ending with T's bucket, i.e. (T − D, T] exactly when T falls on a bucket boundary
// (readings on whole minutes with 1-minute buckets); otherwise its old edge is rounded to the bucket (less than w short).
//
// Values are kept in fixed point (1/10 000 of their unit) so that sums of 0.1 mm tips are exact: 500 × 0.1 mm is
// 50 mm, not 49.99999999999986, and "≥ 50 mm" compares exactly.
//
// Layout: a reading touches few cache lines. Each series has one array: the window aggregates and its scalars (head,
// newest reading; and, when the engine lets it host them, its subject's clock and its rule's level), then the ring of
// bucket sums (evictions read only sums, 8 buckets per cache line), then the ring of bucket times (0 empty, t the time
// of the bucket's only reading, −t the first of several, all of them in `spill`). The arrays of a layout's series are
// carved from shared buffers (Arena), the window lengths are shared. With a thousand sensors read in turn, every extra
// cache line per sensor is a cache miss per reading.
import { DAY_MS, HOUR_MS } from '../../shared/time';

export const SCALE = 10_000;
export const toFixedPoint = (v: number) => Math.round(v * SCALE);
export const fromFixedPoint = (n: number) => n / SCALE;

/** Beijing calendar day number (UTC+8, no daylight saving) of an epoch-ms instant. */
export const beijingDay = (at: number) => Math.floor((at + 8 * HOUR_MS) / DAY_MS);

export const ADDED = 0;
export const DUPLICATE = 1;
export const TOO_OLD = 2;
/** Older than the bucket ring but inside the day ring: counted for daily max/min only (both idempotent). */
export const ADDED_DAYS_ONLY = 3;
export type AddResult = typeof ADDED | typeof DUPLICATE | typeof TOO_OLD | typeof ADDED_DAYS_ONLY;

/** What a series must keep, gathered from every bound rule that reads it. */
export interface SeriesLayout {
  /** Bucket width, ms. */
  bucketMs: number;
  /** Ring length in buckets (≥ 1): the horizon for windows, 'ago' look-ups, sustained scans and duplicate checks. */
  ringLen: number;
  /** Window lengths in buckets, each with or without max/min. */
  windows: { len: number; extremes: boolean }[];
  /** Per-bucket max/min (for window max/min, sustained conditions). */
  bucketExtremes: boolean;
  /** Whether windows count their readings (means, "no data" checks); sums of increments need not. */
  counts: boolean;
  /** Day ring length (0 = none). */
  days: number;
  /** Window lengths as an array shared by the series of this layout (filled in by the first). */
  wlen?: Int32Array;
  /** Where the series of this layout take their arrays from (filled in by the first). */
  arena?: Arena;
  /** Which windows keep max/min, shared likewise. */
  wext?: Uint8Array;
}

/**
 * Hands out the arrays of the series of one layout from shared buffers, 64 series per buffer, so that sensors'
 * rings sit next to each other in memory instead of scattered over the heap (fewer cache and TLB misses when a
 * thousand sensors report in turn). Arrays are never given back: a series lives as long as its engine state.
 */
export class Arena {
  private chunk: Float64Array | null = null;
  private used = 0;
  constructor(
    private readonly doubles: number,
    private readonly perBuffer = 64,
  ) {}
  /** A series' array, and the shared array it is carved from with its offset there. */
  take(): { view: Float64Array; chunk: Float64Array; base: number } {
    if (this.chunk === null || this.used === this.perBuffer) {
      this.chunk = new Float64Array(this.doubles * this.perBuffer);
      this.used = 0;
    }
    const base = this.used++ * this.doubles;
    return { view: this.chunk.subarray(base, base + this.doubles), chunk: this.chunk, base };
  }
}

/** Offsets of the scalars after the window aggregates (at H = 2 × windows). */
export const HEAD = 0;
export const HEAD_SLOT = 1;
export const LATEST_AT = 2;
export const LATEST_VALUE = 3;
/** Hosted for the engine: its subject's evaluation time and bucket, its rule's rank and since. */
export const EVAL_AT = 4;
export const EVAL_BUCKET = 5;
export const RANK = 6;
export const SINCE = 7;
const SCALARS = 8;

const NONE_F64 = new Float64Array(0);
const NONE_U8 = new Uint8Array(0);

export class Series {
  /** Ring length (buckets), bucket width (ms). */
  readonly n: number;
  readonly w: number;
  /**
   * agg[2j] = sum and agg[2j + 1] = count of window j (fixed point); at H the scalars (HEAD …); from A the ring of bucket
   * sums; from T the ring of bucket times. Until the first reading agg holds the aggregates and scalars only.
   */
  agg: Float64Array;
  readonly H: number;
  readonly A: number;
  readonly T: number;
  /** Whether the rings are allocated (with the first reading). */
  ready = false;
  /** Once allocated: the shared array agg is a view of, and agg's offset in it (agg[i] is chunk[base + i]). */
  chunk: Float64Array | null = null;
  base = 0;
  bmax: Float64Array | null = null;
  bmin: Float64Array | null = null;
  /** Absolute bucket → all reading times, for buckets holding more than one reading. */
  spill: Map<number, number[]> | null = null;
  /** Window lengths in buckets (shared by every series of the layout). */
  readonly wlen: Int32Array;
  /** Per window: 1 if it keeps max/min; its max/min, valid unless the dirty bit (1 max, 2 min) is set. */
  readonly wext: Uint8Array;
  readonly wmax: Float64Array;
  readonly wmin: Float64Array;
  readonly wdirty: Uint8Array;
  readonly dayLen: number;
  /** Day ring: day number, max, min per slot. */
  days: Float64Array | null = null;
  private readonly extremes: boolean;
  private readonly arena: Arena;
  /** Whether agg[2j + 1] (window counts) is kept. */
  readonly counted: boolean;
  /** Sums only: no counts, extremes or days (the fast paths of the engine). */
  readonly plain: boolean;

  constructor(
    readonly metric: string,
    layout: SeriesLayout,
  ) {
    this.n = Math.max(1, layout.ringLen);
    this.w = layout.bucketMs;
    this.extremes = layout.bucketExtremes || layout.windows.some((x) => x.extremes);
    this.counted = layout.counts || this.extremes;
    this.plain = !this.counted && layout.days === 0;
    const nw = layout.windows.length;
    this.wlen = layout.wlen ??= Int32Array.from(layout.windows.map((x) => x.len));
    this.H = 2 * nw;
    this.A = this.H + SCALARS;
    this.T = this.A + this.n;
    this.arena = layout.arena ??= new Arena(this.A + 2 * this.n);
    this.agg = new Float64Array(this.A);
    const H = this.H;
    this.agg[H + HEAD] = -Infinity;
    this.agg[H + LATEST_AT] = -Infinity;
    this.agg[H + LATEST_VALUE] = NaN;
    this.agg[H + EVAL_AT] = -Infinity;
    this.agg[H + EVAL_BUCKET] = -Infinity;
    this.agg[H + SINCE] = -Infinity;
    this.wext = layout.wext ??= Uint8Array.from(layout.windows.map((x) => (x.extremes ? 1 : 0)));
    // Only windows with max/min use these; plain series share empty ones.
    this.wmax = this.extremes ? new Float64Array(nw).fill(-Infinity) : NONE_F64;
    this.wmin = this.extremes ? new Float64Array(nw).fill(Infinity) : NONE_F64;
    this.wdirty = this.extremes ? new Uint8Array(nw) : NONE_U8;
    this.dayLen = layout.days;
  }

  /** Absolute index of the newest bucket the ring has advanced to, and its slot (bucket k sits at headSlot − (head − k), wrapped). */
  get head(): number {
    return this.agg[this.H + HEAD]!;
  }
  set head(b: number) {
    this.agg[this.H + HEAD] = b;
  }
  get headSlot(): number {
    return this.agg[this.H + HEAD_SLOT]!;
  }
  set headSlot(s: number) {
    this.agg[this.H + HEAD_SLOT] = s;
  }
  /** Time of the newest reading, and its value (fixed point; NaN before the first reading). */
  get latestAt(): number {
    return this.agg[this.H + LATEST_AT]!;
  }
  set latestAt(t: number) {
    this.agg[this.H + LATEST_AT] = t;
  }
  get latestValue(): number {
    return this.agg[this.H + LATEST_VALUE]!;
  }
  set latestValue(v: number) {
    this.agg[this.H + LATEST_VALUE] = v;
  }

  /** Index of the window of `len` buckets (it must be in the layout). */
  window(len: number): number {
    const j = this.wlen.indexOf(len);
    if (j < 0) throw new Error(`series ${this.metric}: no window of ${len} buckets in its layout`);
    return j;
  }

  private allocate() {
    const n = this.n;
    const { view: agg, chunk, base } = this.arena.take();
    agg.set(this.agg);
    this.agg = agg;
    this.chunk = chunk;
    this.base = base;
    this.ready = true;
    if (this.extremes) {
      this.bmax = new Float64Array(n);
      this.bmin = new Float64Array(n);
    }
  }

  private clearRing() {
    this.agg.fill(0, 0, this.H);
    this.agg.fill(0, this.A);
    this.spill?.clear();
    if (!this.extremes) return;
    this.wmax.fill(-Infinity);
    this.wmin.fill(Infinity);
    this.wdirty.fill(0);
  }

  /** Readings in the bucket of slot s (absolute bucket k), decoded from its time. */
  private countAt(s: number, k: number): number {
    const t = this.agg[this.T + s]!;
    return t === 0 ? 0 : t > 0 ? 1 : this.spill!.get(k)!.length;
  }

  /** Moves the ring forward to bucket `b`: the buckets that leave each window are subtracted from it. */
  advance(b: number): void {
    const head = this.head;
    if (b <= head) return;
    if (!this.ready || b - head >= this.n) {
      if (this.ready && head !== -Infinity) this.clearRing(); // (fresh rings are zero already)
      this.head = b;
      this.headSlot = 0;
      return;
    }
    const agg = this.agg;
    const A = this.A;
    const T = this.T;
    const n = this.n;
    const wlen = this.wlen;
    const nw = wlen.length;
    const counted = this.counted;
    // Small-integer slot arithmetic only: `%` on bucket numbers (doubles) would cost more than all the rest.
    let hs = this.headSlot;
    for (let k = head + 1; k <= b; k++) {
      if (++hs === n) hs = 0; // the slot of bucket k
      for (let j = 0; j < nw; j++) {
        let s = hs - wlen[j]!; // the slot of bucket k − len, which leaves window j (an empty bucket's sum is 0)
        if (s < 0) s += n;
        agg[2 * j] = agg[2 * j]! - agg[A + s]!;
        if (counted && agg[T + s] !== 0) {
          agg[2 * j + 1] = agg[2 * j + 1]! - this.countAt(s, k - wlen[j]!);
          if (this.wext[j] === 1) {
            if (this.bmax![s]! >= this.wmax[j]!) this.wdirty[j] = this.wdirty[j]! | 1;
            if (this.bmin![s]! <= this.wmin[j]!) this.wdirty[j] = this.wdirty[j]! | 2;
          }
        }
      }
      if (agg[T + hs]! < 0) this.spill!.delete(k - n);
      agg[A + hs] = 0;
      agg[T + hs] = 0;
    }
    this.head = b;
    this.headSlot = hs;
  }

  /** Adds a reading (value in fixed point; time > 0). Duplicates and readings older than the ring are refused. */
  add(at: number, v: number): AddResult {
    const b = Math.ceil(at / this.w);
    if (at > this.latestAt) {
      // Newer than every reading kept: cannot be a duplicate. The newest value counts for 'latest' even when time
      // has already moved past the ring (advanceTo).
      if (!this.ready) this.allocate();
      if (b > this.head) this.advance(b);
      this.latestAt = at;
      this.latestValue = v;
      if (b > this.head - this.n) this.put(b, at, v);
      else this.putDay(at, v);
      return ADDED;
    }
    if (at === this.latestAt) return DUPLICATE;
    if (b <= this.head - this.n) {
      if (this.dayLen === 0) return TOO_OLD;
      return this.putDay(at, v) ? ADDED_DAYS_ONLY : TOO_OLD;
    }
    const t = this.agg[this.T + this.slot(b)]!;
    if (t === at) return DUPLICATE;
    if (t < 0 && this.spill!.get(b)!.includes(at)) return DUPLICATE;
    this.put(b, at, v);
    return ADDED;
  }

  private put(b: number, at: number, v: number) {
    const s = this.slot(b);
    const agg = this.agg;
    const A = this.A;
    const T = this.T;
    const t = agg[T + s]!;
    if (t === 0) {
      agg[A + s] = v;
      agg[T + s] = at;
      if (this.extremes) {
        this.bmax![s] = v;
        this.bmin![s] = v;
      }
    } else {
      if (t > 0) {
        (this.spill ??= new Map()).set(b, [t, at]);
        agg[T + s] = -t;
      } else this.spill!.get(b)!.push(at);
      agg[A + s] = agg[A + s]! + v;
      if (this.extremes) {
        if (v > this.bmax![s]!) this.bmax![s] = v;
        if (v < this.bmin![s]!) this.bmin![s] = v;
      }
    }
    const head = this.head;
    const wlen = this.wlen;
    const counted = this.counted;
    for (let j = 0; j < wlen.length; j++) {
      if (b > head - wlen[j]!) {
        agg[2 * j] = agg[2 * j]! + v;
        if (counted) agg[2 * j + 1] = agg[2 * j + 1]! + 1;
        if (this.wext[j] === 1) {
          if (v > this.wmax[j]!) this.wmax[j] = v;
          if (v < this.wmin[j]!) this.wmin[j] = v;
        }
      }
    }
    if (this.dayLen !== 0) this.putDay(at, v);
  }

  /** Daily max/min of Beijing days; false when the day is older than the day ring. */
  private putDay(at: number, v: number): boolean {
    if (this.dayLen === 0) return false;
    const days = (this.days ??= new Float64Array(this.dayLen * 3).fill(NaN));
    const d = beijingDay(at);
    const o = (((d % this.dayLen) + this.dayLen) % this.dayLen) * 3;
    const held = days[o]!;
    if (held === d) {
      if (v > days[o + 1]!) days[o + 1] = v;
      if (v < days[o + 2]!) days[o + 2] = v;
      return true;
    }
    if (held > d) return false;
    days[o] = d;
    days[o + 1] = v;
    days[o + 2] = v;
    return true;
  }

  // ---------- read side (after advance to the evaluation bucket) ----------

  windowCount(j: number): number {
    return this.agg[2 * j + 1]!;
  }

  private count(k: number): number {
    return this.countAt(this.slot(k), k);
  }

  windowMax(j: number): number {
    if ((this.wdirty[j]! & 1) !== 0) {
      let m = -Infinity;
      if (this.ready)
        for (let k = this.head - this.wlen[j]! + 1; k <= this.head; k++) {
          const s = this.slot(k);
          if (this.agg[this.T + s] !== 0 && this.bmax![s]! > m) m = this.bmax![s]!;
        }
      this.wmax[j] = m;
      this.wdirty[j] = this.wdirty[j]! & ~1;
    }
    return this.windowCount(j) === 0 ? NaN : this.wmax[j]!;
  }

  windowMin(j: number): number {
    if ((this.wdirty[j]! & 2) !== 0) {
      let m = Infinity;
      if (this.ready)
        for (let k = this.head - this.wlen[j]! + 1; k <= this.head; k++) {
          const s = this.slot(k);
          if (this.agg[this.T + s] !== 0 && this.bmin![s]! < m) m = this.bmin![s]!;
        }
      this.wmin[j] = m;
      this.wdirty[j] = this.wdirty[j]! & ~2;
    }
    return this.windowCount(j) === 0 ? NaN : this.wmin[j]!;
  }

  /** Slot of bucket k, for head − n < k ≤ head. */
  slot(k: number): number {
    const s = this.headSlot - (this.head - k);
    return s < 0 ? s + this.n : s;
  }

  /** Mean of the newest non-empty bucket in [b − tolerance, b] (fixed point), NaN if none is kept. */
  valueAt(b: number, toleranceBuckets: number): number {
    if (!this.ready) return NaN;
    for (let k = Math.min(b, this.head); k >= b - toleranceBuckets && k > this.head - this.n; k--) {
      const c = this.count(k);
      if (c !== 0) return this.agg[this.A + this.slot(k)]! / c;
    }
    return NaN;
  }

  /** Earliest reading time in bucket k (which must hold readings). */
  private earliestIn(k: number): number {
    const t = this.agg[this.T + this.slot(k)]!;
    if (t > 0) return t;
    let m = Infinity;
    for (const x of this.spill!.get(k)!) if (x < m) m = x;
    return m;
  }

  /**
   * Start time of the run of readings that all satisfy `pass(bucketMax, bucketMin)`, ending with the newest kept
   * reading; NaN when the newest bucket fails or nothing is kept. Scans back at most `maxBuckets` (+1) buckets.
   */
  runStart(pass: (bucketMax: number, bucketMin: number) => boolean, maxBuckets: number): number {
    if (!this.ready || !this.extremes) return NaN;
    let start = NaN;
    const stop = Math.max(this.head - this.n + 1, this.head - maxBuckets - 1);
    for (let k = this.head; k >= stop; k--) {
      if (this.count(k) === 0) continue;
      const s = this.slot(k);
      if (!pass(this.bmax![s]!, this.bmin![s]!)) return start;
      start = this.earliestIn(k);
    }
    return start;
  }

  /** Daily aggregate of Beijing day d (fixed point), NaN when no reading of that day is kept. */
  dayValue(d: number, agg: 'max' | 'min'): number {
    const days = this.days;
    if (days === null) return NaN;
    const o = (((d % this.dayLen) + this.dayLen) % this.dayLen) * 3;
    if (days[o] !== d) return NaN;
    return agg === 'max' ? days[o + 1]! : days[o + 2]!;
  }
}
