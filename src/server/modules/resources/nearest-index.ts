// Nearest resources to a point (issue 5 §5): teams, depots, shelters… with straight-line km, road km and minutes.
// In memory, no database: the resources service feeds it (replaceAll at start, upsert/remove on every change).
//
// Layout. One kdbush tree per kind rather than one tree with a kind predicate: a predicate only drops points, the
// search still walks every tree node nearer than the first match, so a rare kind (experts, ~1 %) would cost about as
// much as a search of everything. Inside a kind, resources are stored in scope-path order, so every jurisdiction
// subtree is one contiguous position range [lo, hi) (the same range as subtreeRange over the paths). The scope is
// applied while searching, never after: a small range (≤ scanMax) is scanned outright, which is cheaper than a tree
// walk; a larger one gets a tree of its own, built on first use and kept in a per-kind LRU (at most twice the kind's
// size in points). A township caller thus gets the nearest of its township even when a million others are nearer.
//
// Updates. kdbush trees are static, and rebuilding a million points takes seconds, so "dirty → rebuild on the next
// query" would make every query after a change pay that. Instead a change masks the built copy (a stale flag per
// position, skipped by the searches) and puts the new version, if any, in `pending`: a small unindexed map scanned
// and merged on every query. When masked + pending pass `rebuildAfter`, the next query compacts (rebuilds from the
// live data): a burst of changes costs one rebuild, and a quiet index costs nothing. Ids are found through an
// open-addressing table of positions (typed array) rather than a Map: a Map of a million ids costs about a second
// to build and tens of MB, paid again at each compaction; a Set of changed ids checked during the search instead
// would cost a cache miss per visited point (~0.4 µs each, measured) while changes are pending.
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import {
  cosLat, DEFAULT_TRAVEL, EARTH_RADIUS_KM, greatCircleKm, haversine as hav, kmOfHaversine, RAD, travel, type GeoPoint, type TravelSettings,
} from '../../../domain/resources/travel';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import { RESOURCE_KINDS, type ResourceKind } from '../../../domain/resources/model';

export { RESOURCE_KINDS, type ResourceKind };

export interface LocatedResource {
  id: string;
  kind: ResourceKind;
  lat: number;
  lon: number;
  /** Materialised path of the owning jurisdiction, e.g. '/100000/510000/511800/511826/511826001/'. */
  scopePath: string;
}

export interface NearestQuery {
  /** One kind or several; every kind when absent. */
  kind?: ResourceKind | readonly ResourceKind[];
  limit: number;
  /** The caller's scope: only resources whose path starts with it are considered. */
  scopePath: string;
  /** Upper bound on road km (the `km` of a hit). */
  maxKm?: number;
  /** This query's road factor and speed (e.g. a jurisdiction's own settings); the index's otherwise. */
  travel?: TravelSettings;
}

export interface NearestHit {
  id: string;
  kind: ResourceKind;
  /** Road km: straightKm × road factor. */
  km: number;
  minutes: number;
  straightKm: number;
}

export interface NearestIndexOptions {
  travel?: TravelSettings;
  /** Compact when masked + pending entries exceed this; by default max(1 024, size / 256). */
  rebuildAfter?: number;
  /** Scope ranges up to this many points are scanned instead of searched in a tree. */
  scanMax?: number;
  /** kdbush leaf size. */
  nodeSize?: number;
}

// From `npm run bench:nearest` (1 M resources, docs/benchmarks.md): county scopes took p50 42 / 48 / 70 µs with
// scanMax 256 / 1 024 / 4 096, townships 13 µs with each; leaf sizes 16, 32 and 64 queried alike, 64 built fastest.
const DEFAULT_SCAN_MAX = 1024;
const DEFAULT_NODE_SIZE = 64;
const KINDS = new Set<string>(RESOURCE_KINDS);

interface Candidate {
  id: string;
  kind: ResourceKind;
  lat: number;
  lon: number;
}

interface Pending extends LocatedResource {
  cosLat: number;
}

/** Resources of one kind column by column: a compaction rebuilds from the old arrays without an object each. */
interface Columns {
  ids: string[];
  lat: number[];
  lon: number[];
  paths: string[];
}
const emptyColumns = (): Columns => ({ ids: [], lat: [], lon: [], paths: [] });

/** One resource onto its kind's columns. */
function append(byKind: Map<ResourceKind, Columns>, r: LocatedResource) {
  const c = byKind.get(r.kind) ?? byKind.set(r.kind, emptyColumns()).get(r.kind)!;
  c.ids.push(r.id);
  c.lat.push(r.lat);
  c.lon.push(r.lon);
  c.paths.push(r.scopePath);
}

/** The best k candidates so far, ascending by (haversine, id): ties go to the smaller id, so scans are order-free. */
class TopK {
  readonly keys: number[] = [];
  readonly items: Candidate[] = [];
  constructor(
    readonly k: number,
    private readonly bound: number,
  ) {}

  /** Straight km of the k-th best so far (a bound for later searches), Infinity until there are k. */
  worstKm(): number {
    const n = this.keys.length;
    return n < this.k ? Infinity : kmOfHaversine(this.keys[n - 1]!);
  }

  accepts(h: number, id: string): boolean {
    if (h > this.bound) return false;
    const n = this.keys.length;
    if (n < this.k) return true;
    const worst = this.keys[n - 1]!;
    return h < worst || (h === worst && id < this.items[n - 1]!.id);
  }

  /** Only after accepts(h, c.id). */
  add(h: number, c: Candidate): void {
    if (this.keys.length === this.k) {
      this.keys.pop();
      this.items.pop();
    }
    let i = this.keys.length;
    while (i > 0 && (h < this.keys[i - 1]! || (h === this.keys[i - 1]! && c.id < this.items[i - 1]!.id))) i--;
    this.keys.splice(i, 0, h);
    this.items.splice(i, 0, c);
  }
}

/** 32-bit FNV-1a: spreads ids over the position table. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function lowerBound(sorted: readonly string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The resources of one kind, frozen at the last build, ordered by scope path. */
class KindBucket {
  readonly size: number;
  readonly ids: string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly cosLat: Float64Array;
  /** Distinct scope paths, ascending; path i owns positions [starts[i], starts[i + 1]). */
  readonly paths: string[];
  readonly starts: Int32Array;
  readonly stale: Uint8Array;
  staleCount = 0;
  /** Open addressing, linear probing, load ≤ ½: slot → position + 1 (0 = empty). */
  private readonly slots: Int32Array;
  private readonly tree: KDBush;
  private readonly subtrees = new Map<string, KDBush>();
  private subtreePoints = 0;

  constructor(
    readonly kind: ResourceKind,
    cols: Columns,
    private readonly nodeSize: number,
  ) {
    const n = (this.size = cols.ids.length);
    // A counting sort on the path: a few thousand distinct paths, so O(n + p log p) instead of sorting n strings.
    // Runs of one path (a compaction's input, or rows read in path order) skip the Map.
    const groupOf = new Int32Array(n);
    const groups = new Map<string, number>();
    const names: string[] = [];
    const counts: number[] = [];
    let last = '';
    let g = -1;
    for (let k = 0; k < n; k++) {
      const path = cols.paths[k]!;
      if (path !== last) {
        g = groups.get(path) ?? groups.set(path, names.push(path) - 1).get(path)!;
        counts[g] ??= 0;
        last = path;
      }
      groupOf[k] = g;
      counts[g]!++;
    }
    const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1)); // the order of lowerBound
    this.paths = order.map((i) => names[i]!);
    this.starts = new Int32Array(order.length + 1);
    const next = new Int32Array(order.length); // next free position of each group
    let pos = 0;
    order.forEach((grp, r) => {
      this.starts[r] = next[grp] = pos;
      pos += counts[grp]!;
    });
    this.starts[order.length] = n;
    this.ids = new Array<string>(n);
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.cosLat = new Float64Array(n);
    this.stale = new Uint8Array(n);
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(2 * n + 2)));
    const mask = this.slots.length - 1;
    for (let k = 0; k < n; k++) {
      const i = next[groupOf[k]!]!++;
      const id = cols.ids[k]!;
      let j = hashId(id) & mask;
      while (this.slots[j] !== 0) j = (j + 1) & mask;
      this.slots[j] = i + 1;
      this.ids[i] = id;
      this.lat[i] = cols.lat[k]!;
      this.lon[i] = cols.lon[k]!;
      this.cosLat[i] = cosLat(cols.lat[k]!);
    }
    this.tree = this.buildTree(0, n);
  }

  private buildTree(lo: number, hi: number): KDBush {
    const t = new KDBush(hi - lo, this.nodeSize);
    for (let i = lo; i < hi; i++) t.add(this.lon[i]!, this.lat[i]!);
    return t.finish();
  }

  /** Tree of positions [lo, hi), least recently used ones dropped beyond 2 × size points. */
  private subtree(lo: number, hi: number): KDBush {
    const key = `${lo}:${hi}`;
    let t = this.subtrees.get(key);
    this.subtrees.delete(key);
    if (t === undefined) {
      t = this.buildTree(lo, hi);
      this.subtreePoints += hi - lo;
      for (const [k, old] of this.subtrees) {
        if (this.subtreePoints <= 2 * this.size) break;
        this.subtrees.delete(k);
        this.subtreePoints -= old.numItems;
      }
    }
    this.subtrees.set(key, t);
    return t;
  }

  /** Masks every live copy of `id` (one, unless ids were repeated); how many. */
  mask(id: string): number {
    const mask = this.slots.length - 1;
    let n = 0;
    for (let j = hashId(id) & mask; this.slots[j] !== 0; j = (j + 1) & mask) {
      const i = this.slots[j]! - 1;
      if (this.ids[i] === id && this.stale[i] === 0) {
        this.stale[i] = 1;
        n++;
      }
    }
    this.staleCount += n;
    return n;
  }

  candidate(i: number): Candidate {
    return { id: this.ids[i]!, kind: this.kind, lat: this.lat[i]!, lon: this.lon[i]! };
  }

  /** Offers the nearest live points of the scope range [from, to) to `top`. */
  collect(p: GeoPoint, cosP: number, from: string, to: string, top: TopK, maxStraightKm: number, scanMax: number): void {
    const lo = this.starts[lowerBound(this.paths, from)]!;
    const hi = this.starts[lowerBound(this.paths, to)]!;
    const { ids, lat, lon, cosLat, stale } = this;
    if (hi - lo <= scanMax) {
      for (let i = lo; i < hi; i++) {
        if (stale[i] !== 0) continue;
        const h = hav(p.lat, p.lon, cosP, lat[i]!, lon[i]!, cosLat[i]!);
        if (top.accepts(h, ids[i]!)) top.add(h, this.candidate(i));
      }
      return;
    }
    const tree = lo === 0 && hi === this.size ? this.tree : this.subtree(lo, hi);
    // What earlier kinds already found bounds this search: with several kinds, later trees stop early.
    // geokdbush ranks by its own haversine (radius 6371, a hair under ours), so its distance cut is a superset
    // (with slack for rounding); past half the globe its haversine bound stops growing, so none is passed there.
    const bound = Math.min(maxStraightKm, top.worstKm()) * (1 + 1e-9);
    const live = this.staleCount === 0 ? undefined : (j: number) => stale[lo + j] === 0;
    for (const j of around(tree, p.lon, p.lat, top.k, bound < 20_000 ? bound : Infinity, live)) {
      const i = lo + j;
      const h = hav(p.lat, p.lon, cosP, lat[i]!, lon[i]!, cosLat[i]!);
      if (top.accepts(h, ids[i]!)) top.add(h, this.candidate(i));
    }
  }
}

function checked(r: LocatedResource): LocatedResource {
  if (typeof r.id !== 'string' || r.id === '') throw new RangeError('resource id must be a non-empty string');
  if (!KINDS.has(r.kind)) throw new RangeError(`resource ${r.id}: unknown kind ${String(r.kind)}`);
  if (!(Math.abs(r.lat) <= 90 && Math.abs(r.lon) <= 180)) throw new RangeError(`resource ${r.id}: lat/lon out of range`);
  if (typeof r.scopePath !== 'string' || !r.scopePath.startsWith('/')) throw new RangeError(`resource ${r.id}: scopePath must start with '/'`);
  return r;
}

export class NearestIndex {
  private buckets: KindBucket[] = []; // largest first: its hits give the tightest bound for the others
  private built = 0;
  private masked = 0;
  private pending = new Map<string, Pending>();
  private readonly travel: TravelSettings;
  private readonly scanMax: number;
  private readonly nodeSize: number;
  private readonly rebuildAfter: number | undefined;

  constructor(items: Iterable<LocatedResource> = [], options: NearestIndexOptions = {}) {
    this.travel = options.travel ?? DEFAULT_TRAVEL;
    this.scanMax = options.scanMax ?? DEFAULT_SCAN_MAX;
    this.nodeSize = options.nodeSize ?? DEFAULT_NODE_SIZE;
    this.rebuildAfter = options.rebuildAfter;
    this.replaceAll(items);
  }

  /** Live resources. */
  get size(): number {
    return this.built - this.masked + this.pending.size;
  }

  /** Masked + pending entries: the part not served by the trees, folded in by the next compaction. */
  get overlay(): number {
    return this.masked + this.pending.size;
  }

  /**
   * Everything anew (bulk build). Ids must be unique: they are primary keys upstream, and checking a million of them
   * would cost about as much as the build (a repeated id is served twice until its next upsert or removal).
   * Throws on an invalid resource, leaving the index as it was.
   */
  replaceAll(items: Iterable<LocatedResource>): void {
    const byKind = new Map<ResourceKind, Columns>();
    for (const r of items) {
      checked(r);
      append(byKind, r);
    }
    this.build(byKind);
  }

  /** Adds or replaces one resource (new place, kind or scope); seen by the next query. */
  upsert(item: LocatedResource): void {
    const { id, kind, lat, lon, scopePath } = checked(item);
    this.mask(id);
    // A copy: later edits of the caller's object do not leak in.
    this.pending.set(id, { id, kind, lat, lon, scopePath, cosLat: cosLat(lat) });
  }

  /** Removes one resource; false when it was not there. Seen by the next query. */
  remove(id: string): boolean {
    const wasPending = this.pending.delete(id); // then its built copy, if any, is already masked
    return this.mask(id) > 0 || wasPending;
  }

  /** Rebuilds the trees from the live data, emptying the overlay. Also run by a query once the overlay is large. */
  compact(): void {
    const byKind = new Map<ResourceKind, Columns>();
    for (const b of this.buckets) {
      const c = emptyColumns();
      for (let p = 0; p < b.paths.length; p++) {
        for (let i = b.starts[p]!; i < b.starts[p + 1]!; i++) {
          if (b.stale[i] !== 0) continue;
          c.ids.push(b.ids[i]!);
          c.lat.push(b.lat[i]!);
          c.lon.push(b.lon[i]!);
          c.paths.push(b.paths[p]!);
        }
      }
      byKind.set(b.kind, c);
    }
    for (const r of this.pending.values()) append(byKind, r);
    this.build(byKind);
  }

  /**
   * The `limit` nearest resources of the wanted kinds inside `scopePath`, nearest first, equal distances by id
   * (except that where several points at exactly the same distance straddle a tree search's cut, the tree picks).
   */
  nearest(point: GeoPoint, q: NearestQuery): NearestHit[] {
    if (!(Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180)) throw new RangeError('point: lat/lon out of range');
    if (!Number.isInteger(q.limit) || q.limit < 0) throw new RangeError('limit must be a whole number ≥ 0');
    if (q.maxKm !== undefined && !(q.maxKm >= 0)) throw new RangeError('maxKm must be ≥ 0');
    if (typeof q.scopePath !== 'string' || !q.scopePath.startsWith('/')) throw new RangeError("scopePath must start with '/'");
    const s = q.travel ?? this.travel;
    if (!(s.roadFactor > 0 && s.speedKmh > 0)) throw new RangeError('travel settings must be positive');
    if (q.limit === 0) return [];
    if (this.overlay > (this.rebuildAfter ?? Math.max(1024, this.built >> 8))) this.compact();

    const kinds: readonly ResourceKind[] = q.kind === undefined ? RESOURCE_KINDS : typeof q.kind === 'string' ? [q.kind] : q.kind;
    const maxStraightKm = q.maxKm === undefined ? Infinity : q.maxKm / s.roadFactor;
    // The haversine term of maxStraightKm, with slack for rounding: the exact cut is made on km below.
    const half = maxStraightKm / (2 * EARTH_RADIUS_KM);
    const top = new TopK(q.limit, half >= Math.PI / 2 ? Infinity : Math.sin(half) ** 2 * (1 + 1e-9) + 1e-18);
    const cosP = cosLat(point.lat);
    const { from, to } = subtreeRange(q.scopePath);
    for (const b of this.buckets) {
      if (kinds.includes(b.kind)) b.collect(point, cosP, from, to, top, maxStraightKm, this.scanMax);
    }
    // Pending last: the trees' hits bound them, so most are dismissed on latitude alone (R·|Δlat| ≤ distance).
    const latBound = (Math.min(maxStraightKm, top.worstKm()) / (EARTH_RADIUS_KM * RAD)) * (1 + 1e-9);
    for (const r of this.pending.values()) {
      if (Math.abs(r.lat - point.lat) > latBound || !kinds.includes(r.kind) || !isWithinScope(r.scopePath, q.scopePath)) continue;
      const h = hav(point.lat, point.lon, cosP, r.lat, r.lon, r.cosLat);
      if (top.accepts(h, r.id)) top.add(h, r);
    }

    const hits: NearestHit[] = [];
    for (const c of top.items) {
      const t = travel(point, c, s);
      if (q.maxKm === undefined || t.km <= q.maxKm) hits.push({ id: c.id, kind: c.kind, km: t.km, minutes: t.minutes, straightKm: greatCircleKm(point, c) });
    }
    return hits.sort((a, b) => a.straightKm - b.straightKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private build(byKind: Map<ResourceKind, Columns>): void {
    this.buckets = [...byKind]
      .filter(([, c]) => c.ids.length > 0)
      .map(([kind, c]) => new KindBucket(kind, c, this.nodeSize))
      .sort((a, b) => b.size - a.size);
    this.built = this.buckets.reduce((n, b) => n + b.size, 0);
    this.masked = 0;
    this.pending = new Map();
  }

  private mask(id: string): number {
    let n = 0;
    for (const b of this.buckets) n += b.mask(id);
    this.masked += n;
    return n;
  }
}
