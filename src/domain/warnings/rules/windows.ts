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
// Layout: a reading touches few cache lines — one array holding the window aggregates and the scalars (head, newest
// reading), then the ring of bucket sums (window evictions read only sums, 8 buckets per cache line), then the ring of
// [first reading time, count] pairs; plus the window lengths, shared by all series of the same layout. With a thousand
// sensors read in turn, every extra cache line per sensor is a cache miss per reading.
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
}

export class Series {
  /** Ring length (buckets), bucket width (ms). */
  readonly n: number;
  readonly w: number;
  /**
   * agg[2j] = sum and agg[2j + 1] = count of window j (fixed point); at H the scalars head, headSlot, latestAt,
   * latestValue (one cache line with the aggregates); from A = H + 4 on, the ring of bucket sums (allocated with the
   * first reading: until then agg holds the aggregates and scalars only).
   */
  agg: Float64Array;
  readonly H: number;
  readonly A: number;
  /** From C = A + n on (once allocated): the ring of [time of the bucket's first reading, count] pairs. */
  readonly C: number;
  /** Whether the rings are allocated (with the first reading). */
  ready = false;
  bmax: Float64Array | null = null;
  bmin: Float64Array | null = null;
  /** Absolute bucket → all reading times, for buckets holding more than one reading (duplicate checks). */
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
  /** Whether agg[2j + 1] (window counts) is kept. */
  readonly counted: boolean;
  /** Sums only: no counts, extremes or days (the fast paths of add and of the engine). */
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
    this.A = this.H + 4;
    this.C = this.A + this.n;
    this.agg = new Float64Array(this.A);
    this.agg[this.H] = -Infinity;
    this.agg[this.H + 2] = -Infinity;
    this.agg[this.H + 3] = NaN;
    this.wext = Uint8Array.from(layout.windows.map((x) => (x.extremes ? 1 : 0)));
    this.wmax = new Float64Array(nw).fill(-Infinity);
    this.wmin = new Float64Array(nw).fill(Infinity);
    this.wdirty = new Uint8Array(nw);
    this.dayLen = layout.days;
  }

  /** Absolute index of the newest bucket the ring has advanced to, and its slot (bucket k sits at headSlot − (head − k), wrapped). */
  get head(): number {
    return this.agg[this.H]!;
  }
  set head(b: number) {
    this.agg[this.H] = b;
  }
  get headSlot(): number {
    return this.agg[this.H + 1]!;
  }
  set headSlot(s: number) {
    this.agg[this.H + 1] = s;
  }
  /** Time of the newest reading, and its value (fixed point; NaN before the first reading). */
  get latestAt(): number {
    return this.agg[this.H + 2]!;
  }
  set latestAt(t: number) {
    this.agg[this.H + 2] = t;
  }
  get latestValue(): number {
    return this.agg[this.H + 3]!;
  }
  set latestValue(v: number) {
    this.agg[this.H + 3] = v;
  }

  /** Index of the window of `len` buckets (it must be in the layout). */
  window(len: number): number {
    const j = this.wlen.indexOf(len);
    if (j < 0) throw new Error(`series ${this.metric}: no window of ${len} buckets in its layout`);
    return j;
  }

  private allocate() {
    const n = this.n;
    const agg = new Float64Array(this.A + 3 * n);
    agg.set(this.agg);
    this.agg = agg;
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
    this.wmax.fill(-Infinity);
    this.wmin.fill(Infinity);
    this.wdirty.fill(0);
  }

  /** Moves the ring forward to bucket `b`: the buckets that leave each window are subtracted from it. */
  advance(b: number): void {
    const head = this.head;
    if (b <= head) return;
    if (!this.ready || b - head >= this.n) {
      if (this.ready) this.clearRing();
      this.head = b;
      this.headSlot = 0;
      return;
    }
    const agg = this.agg;
    const A = this.A;
    const C = this.C;
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
        if (counted) {
          const c = agg[C + 2 * s + 1]!;
          if (c !== 0) {
            agg[2 * j + 1] = agg[2 * j + 1]! - c;
            if (this.wext[j] === 1) {
              if (this.bmax![s]! >= this.wmax[j]!) this.wdirty[j] = this.wdirty[j]! | 1;
              if (this.bmin![s]! <= this.wmin[j]!) this.wdirty[j] = this.wdirty[j]! | 2;
            }
          }
        }
      }
      const c = agg[C + 2 * hs + 1]!;
      if (c !== 0) {
        if (c > 1) this.spill!.delete(k - n);
        agg[A + hs] = 0;
        agg[C + 2 * hs + 1] = 0;
      }
    }
    this.head = b;
    this.headSlot = hs;
  }

  /** Adds a reading (value in fixed point). Duplicates (same reading time) and readings older than the ring are refused. */
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
    const s = this.slot(b);
    const c = this.agg[this.C + 2 * s + 1]!;
    if (c === 1 && this.agg[this.C + 2 * s] === at) return DUPLICATE;
    if (c > 1 && this.spill!.get(b)!.includes(at)) return DUPLICATE;
    this.put(b, at, v);
    return ADDED;
  }

  private put(b: number, at: number, v: number) {
    const s = this.slot(b);
    const agg = this.agg;
    const A = this.A;
    const C = this.C;
    const c = agg[C + 2 * s + 1]!;
    if (c === 0) {
      agg[A + s] = v;
      agg[C + 2 * s] = at;
      if (this.extremes) {
        this.bmax![s] = v;
        this.bmin![s] = v;
      }
    } else {
      if (c === 1) (this.spill ??= new Map()).set(b, [agg[C + 2 * s]!, at]);
      else this.spill!.get(b)!.push(at);
      agg[A + s] = agg[A + s]! + v;
      if (this.extremes) {
        if (v > this.bmax![s]!) this.bmax![s] = v;
        if (v < this.bmin![s]!) this.bmin![s] = v;
      }
    }
    agg[C + 2 * s + 1] = c + 1;
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
    return this.agg[this.C + 2 * this.slot(k) + 1]!;
  }

  windowMax(j: number): number {
    if ((this.wdirty[j]! & 1) !== 0) {
      let m = -Infinity;
      if (this.ready)
        for (let k = this.head - this.wlen[j]! + 1; k <= this.head; k++) {
          const s = this.slot(k);
          if (this.count(k) !== 0 && this.bmax![s]! > m) m = this.bmax![s]!;
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
          if (this.count(k) !== 0 && this.bmin![s]! < m) m = this.bmin![s]!;
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
    if (this.count(k) === 1) return this.agg[this.C + 2 * this.slot(k)]!;
    let m = Infinity;
    for (const t of this.spill!.get(k)!) if (t < m) m = t;
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
