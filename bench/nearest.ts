// Nearest-resource queries (issue 5 §5): the 10 nearest resources to a point among 1 000 000, through
// src/server/modules/resources/nearest-index.ts (one kdbush tree per kind, scope ranges, overlay for changes).
// Data: deterministic, a Sichuan-sized region (26.0–34.3° N, 97.4–108.5° E) with 20 cities × 8 counties × 12
// townships; resources clustered around township seats (some spread over the county, some held by the county
// itself); kinds 45 % equipment, 25 % teams, 15 % shelters, 14 % depots, 1 % experts.
// Queries: limit 10 from points near towns (75 %) or anywhere in the region; province, city, county or township scope,
// some with a kind (experts included), township callers sometimes asking far from their township.
// Each query list runs twice: the first pass is cold (JIT, and the per-scope trees built on first use), the second is
// the figure: p99 of the warm pass. A sample of queries is checked against brute force, or the benchmark fails.
// Also shown: each query's best of 3 warm passes (the machine's scheduling noise removed), the same queries with a
// full overlay of changes (just below the compaction threshold), and a compaction.
//   npm run bench:nearest   [BENCH_RESOURCES=1000000 BENCH_QUERIES=20000 BENCH_CHECK=100 BENCH_UPDATES=1900
//                            BENCH_SCAN_MAX=… BENCH_NODE_SIZE=…]
import { emit, envInt, goalLine, machineLine, percentile, round, run, sortedCopy } from './lib';
import { greatCircleKm, type GeoPoint } from '../src/domain/resources/travel';
import { isWithinScope } from '../src/domain/shared/jurisdiction';
import { NearestIndex, RESOURCE_KINDS, type LocatedResource, type NearestQuery, type ResourceKind } from '../src/server/modules/resources/nearest-index';
import { mulberry32 } from '../src/server/testing/random';

const RESOURCES = envInt('BENCH_RESOURCES', 1_000_000);
const QUERIES = envInt('BENCH_QUERIES', 20_000);
const CHECK = envInt('BENCH_CHECK', 100);
const UPDATES = envInt('BENCH_UPDATES', 1900);
const SCAN_MAX = process.env.BENCH_SCAN_MAX ? envInt('BENCH_SCAN_MAX', 1024) : undefined;
const NODE_SIZE = process.env.BENCH_NODE_SIZE ? envInt('BENCH_NODE_SIZE', 32) : undefined;
const GOAL_MS = 1;
const LIMIT = 10;
const REGION = { minLat: 26.0, maxLat: 34.3, minLon: 97.4, maxLon: 108.5 };
const PROVINCE = '/100000/510000/';


const rnd = mulberry32(0x5eed_0005);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const clampLat = (x: number) => Math.min(REGION.maxLat, Math.max(REGION.minLat, x));
const clampLon = (x: number) => Math.min(REGION.maxLon, Math.max(REGION.minLon, x));
const pad = (n: number) => String(n).padStart(2, '0');

interface Place extends GeoPoint {
  path: string;
}
interface Town extends Place {
  county: Place;
  city: Place;
  weight: number;
}

/** 20 cities (most in the eastern basin, as people live), 8 counties each, 12 townships each. */
function divisions(): Town[] {
  const towns: Town[] = [];
  for (let c = 1; c <= 20; c++) {
    const east = rnd() < 0.7;
    const city: Place = {
      lat: east ? 28 + rnd() * 4.5 : REGION.minLat + rnd() * (REGION.maxLat - REGION.minLat),
      lon: east ? 103 + rnd() * 5.5 : REGION.minLon + rnd() * 5.6,
      path: `${PROVINCE}51${pad(c)}00/`,
    };
    for (let k = 1; k <= 8; k++) {
      const code = `51${pad(c)}${pad(k)}`;
      const county: Place = { lat: clampLat(city.lat + (rnd() - 0.5) * 1.2), lon: clampLon(city.lon + (rnd() - 0.5) * 1.2), path: `${city.path}${code}/` };
      for (let t = 1; t <= 12; t++) {
        const lat = clampLat(county.lat + (rnd() - 0.5) * 0.3);
        const lon = clampLon(county.lon + (rnd() - 0.5) * 0.3);
        towns.push({ lat, lon, path: `${county.path}${code}${String(t).padStart(3, '0')}/`, county, city, weight: 0.3 + rnd() * 2.7 });
      }
    }
  }
  return towns;
}

function resources(towns: Town[]): LocatedResource[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const t of towns) cumulative.push((total += t.weight));
  const pickTown = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return towns[lo]!;
  };
  const kindOf = (x: number): ResourceKind => (x < 0.45 ? 'equipment' : x < 0.7 ? 'team' : x < 0.85 ? 'shelter' : x < 0.99 ? 'depot' : 'expert');
  const out: LocatedResource[] = new Array(RESOURCES);
  for (let i = 0; i < RESOURCES; i++) {
    const town = pickTown();
    const spread = rnd() < 0.15; // out in the county rather than at the township seat
    const lat = spread ? town.county.lat + (rnd() - 0.5) * 0.6 : town.lat + gauss() * 0.02;
    const lon = spread ? town.county.lon + (rnd() - 0.5) * 0.6 : town.lon + gauss() * 0.02;
    out[i] = { id: `r${i}`, kind: kindOf(rnd()), lat: clampLat(lat), lon: clampLon(lon), scopePath: rnd() < 0.12 ? town.county.path : town.path };
  }
  return out;
}

interface BenchQuery {
  type: string;
  p: GeoPoint;
  q: NearestQuery;
}

function queries(towns: Town[], n: number): BenchQuery[] {
  const out: BenchQuery[] = [];
  const anyTown = () => towns[Math.floor(rnd() * towns.length)]!;
  const near = (pl: GeoPoint): GeoPoint => ({ lat: clampLat(pl.lat + gauss() * 0.05), lon: clampLon(pl.lon + gauss() * 0.05) });
  const anywhere = (): GeoPoint => ({ lat: REGION.minLat + rnd() * (REGION.maxLat - REGION.minLat), lon: REGION.minLon + rnd() * (REGION.maxLon - REGION.minLon) });
  const somePoint = () => (rnd() < 0.75 ? near(anyTown()) : anywhere());
  const someKind = () => (rnd() < 0.5 ? undefined : RESOURCE_KINDS[Math.floor(rnd() * RESOURCE_KINDS.length)]);
  for (let i = 0; i < n; i++) {
    const x = rnd();
    const town = anyTown();
    if (x < 0.35) out.push({ type: 'province, all kinds', p: somePoint(), q: { limit: LIMIT, scopePath: PROVINCE } });
    else if (x < 0.55) {
      const kind = rnd() < 0.25 ? 'expert' : RESOURCE_KINDS[Math.floor(rnd() * 4)]!;
      out.push({ type: kind === 'expert' ? 'province, experts (1 %)' : 'province, one kind', p: somePoint(), q: { kind, limit: LIMIT, scopePath: PROVINCE } });
    } else if (x < 0.7) out.push({ type: 'city', p: near(town.city), q: { kind: someKind(), limit: LIMIT, scopePath: town.city.path } });
    else if (x < 0.85) out.push({ type: 'county', p: rnd() < 0.8 ? near(town.county) : somePoint(), q: { kind: someKind(), limit: LIMIT, scopePath: town.county.path } });
    else if (rnd() < 0.8) out.push({ type: 'township', p: near(town), q: { kind: someKind(), limit: LIMIT, scopePath: town.path } });
    else out.push({ type: 'township, far from it', p: anywhere(), q: { kind: someKind(), limit: LIMIT, scopePath: town.path } });
  }
  return out;
}

/** Every resource of the query's kinds and scope measured; the best `limit` by (straight km, id). */
function bruteForce(items: readonly LocatedResource[], { p, q }: BenchQuery): string[] {
  const kinds = q.kind === undefined ? RESOURCE_KINDS : typeof q.kind === 'string' ? [q.kind] : q.kind;
  const best: { id: string; d: number }[] = [];
  const before = (a: { id: string; d: number }, b: { id: string; d: number }) => a.d < b.d || (a.d === b.d && a.id < b.id);
  for (const r of items) {
    if (!kinds.includes(r.kind) || !isWithinScope(r.scopePath, q.scopePath)) continue;
    const h = { id: r.id, d: greatCircleKm(p, r) };
    if (best.length === q.limit && !before(h, best[best.length - 1]!)) continue;
    if (best.length === q.limit) best.pop();
    let i = best.length;
    while (i > 0 && before(h, best[i - 1]!)) i--;
    best.splice(i, 0, h);
  }
  return best.map((h) => h.id);
}

function timeAll(index: NearestIndex, list: readonly BenchQuery[]): Float64Array {
  const ms = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const { p, q } = list[i]!;
    const t0 = performance.now();
    index.nearest(p, q);
    ms[i] = performance.now() - t0;
  }
  return ms;
}

const pct = (ms: ArrayLike<number>) => {
  const s = sortedCopy(ms);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
};
const fmt = (x: number) => `${round(x * 1000, 0)} µs`;

async function main() {
  console.log(machineLine());
  const towns = divisions();
  let t0 = performance.now();
  const items = resources(towns);
  const counts = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, 0])) as Record<ResourceKind, number>;
  for (const r of items) counts[r.kind]++;
  console.log(
    `data: ${RESOURCES.toLocaleString('en')} resources in ${round(performance.now() - t0, 0)} ms, 20 cities × 8 counties × ${towns.length / 160} townships; ` +
      RESOURCE_KINDS.map((k) => `${k} ${counts[k].toLocaleString('en')}`).join(', '),
  );

  t0 = performance.now();
  const index = new NearestIndex(items, { scanMax: SCAN_MAX, nodeSize: NODE_SIZE });
  const buildMs = performance.now() - t0;
  console.log(`build: ${round(buildMs, 0)} ms (one kdbush tree per kind, paths counting-sorted; scanMax ${SCAN_MAX ?? 'default'}, nodeSize ${NODE_SIZE ?? 'default'})`);

  const list = queries(towns, QUERIES);
  const cold = pct(timeAll(index, list));
  console.log(`cold pass (JIT, per-scope trees built on first use): p50 ${fmt(cold.p50)}, p99 ${fmt(cold.p99)}, max ${round(cold.max, 1)} ms`);
  const warmMs = timeAll(index, list);
  const warm = pct(warmMs);
  console.log(`warm pass, ${QUERIES.toLocaleString('en')} queries of ${LIMIT} nearest: p50 ${fmt(warm.p50)}, p99 ${fmt(warm.p99)}, max ${round(warm.max, 2)} ms`);
  const byType = new Map<string, number[]>();
  list.forEach((b, i) => (byType.get(b.type) ?? byType.set(b.type, []).get(b.type)!).push(warmMs[i]!));
  for (const [type, ms] of byType) {
    const s = pct(ms);
    console.log(`  ${type.padEnd(26)} ${String(ms.length).padStart(6)} queries: p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}`);
  }
  // The same list twice more, keeping each query's fastest time: what a query costs when nothing preempts it.
  const best = Float64Array.from(warmMs);
  for (let r = 0; r < 2; r++) timeAll(index, list).forEach((ms, i) => (best[i] = Math.min(best[i]!, ms)));
  const bestOf3 = pct(best);
  console.log(`best of 3 passes per query (scheduling noise removed, not the figure): p50 ${fmt(bestOf3.p50)}, p99 ${fmt(bestOf3.p99)}, max ${round(bestOf3.max, 2)} ms`);
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(`RSS ${round(rssMb, 0)} MB (includes the ${RESOURCES.toLocaleString('en')} input objects kept for the brute-force check)`);

  // Brute force on an even sample; any difference fails the benchmark.
  t0 = performance.now();
  const step = Math.max(1, Math.floor(list.length / CHECK));
  let checked = 0;
  for (let i = 0; i < list.length && checked < CHECK; i += step, checked++) {
    const want = bruteForce(items, list[i]!);
    const got = index.nearest(list[i]!.p, list[i]!.q).map((h) => h.id);
    if (got.join() !== want.join()) throw new Error(`query ${i} (${list[i]!.type}) differs from brute force: ${got.join()} vs ${want.join()}`);
  }
  console.log(`checked ${checked} queries against brute force over all resources: identical (${round(performance.now() - t0, 0)} ms)`);

  // Changes: moves and new resources held in the overlay (just below the compaction threshold), then compaction.
  for (let u = 0; u < UPDATES; u++) {
    const town = towns[Math.floor(rnd() * towns.length)]!;
    const id = u % 2 ? `r${Math.floor(rnd() * RESOURCES)}` : `new${u}`;
    index.upsert({ id, kind: RESOURCE_KINDS[u % 5]!, lat: clampLat(town.lat + gauss() * 0.02), lon: clampLon(town.lon + gauss() * 0.02), scopePath: town.path });
  }
  const overlay = index.overlay;
  const sample = list.slice(0, Math.min(list.length, 5000));
  timeAll(index, sample);
  const overlayMs = timeAll(index, sample);
  const withOverlay = pct(overlayMs);
  if (index.overlay !== overlay) console.log('(the overlay was compacted during the run: lower BENCH_UPDATES)');
  console.log(`with ${UPDATES} upserts pending (overlay ${overlay} entries): p50 ${fmt(withOverlay.p50)}, p99 ${fmt(withOverlay.p99)} over ${sample.length} queries`);
  t0 = performance.now();
  index.compact();
  const compactMs = performance.now() - t0;
  console.log(`compaction (rebuild from live data, run by the next query past the threshold): ${round(compactMs, 0)} ms`);

  goalLine(`10-nearest among ${RESOURCES.toLocaleString('en')} resources < ${GOAL_MS} ms`, warm.p99 < GOAL_MS, `p99 ${round(warm.p99, 3)} ms (p50 ${round(warm.p50, 3)} ms), warm pass`);
  emit({
    bench: 'nearest',
    value: round(warm.p99, 3),
    unit: 'ms',
    peer: GOAL_MS,
    ratio: round(warm.p99 / GOAL_MS, 3),
    p50Ms: round(warm.p50, 3),
    p99Ms: round(warm.p99, 3),
    bestOf3P99Ms: round(bestOf3.p99, 3),
    coldP99Ms: round(cold.p99, 3),
    overlayP99Ms: round(withOverlay.p99, 3),
    buildMs: round(buildMs, 0),
    compactMs: round(compactMs, 0),
    resources: RESOURCES,
    queries: QUERIES,
    checked,
    rssMb: round(rssMb, 0),
  });
}

run(main);
