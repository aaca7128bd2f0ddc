import { describe, expect, it } from 'vitest';
import { greatCircleKm, travel, type GeoPoint, type TravelSettings } from '../../../domain/resources/travel';
import { isWithinScope } from '../../../domain/shared/jurisdiction';
import { NearestIndex, RESOURCE_KINDS, type LocatedResource, type NearestHit, type NearestQuery, type ResourceKind } from './nearest-index';
import { mulberry32 } from '../../testing/random';


const PROVINCE = '/100000/510000/';
const county = (c: number) => `${PROVINCE}5118${String(20 + c)}/`;
const township = (c: number, t: number) => `${county(c)}5118${String(20 + c)}00${t}/`;
const SCOPES = [PROVINCE, county(1), county(2), township(1, 1), township(1, 2), township(2, 1), township(3, 3), '/100000/520000/'];

/** Random resources around a few towns near 芦山 (kinds weighted so that experts are rare). */
function randomResources(n: number, seed: number, prefix = 'r'): LocatedResource[] {
  const rnd = mulberry32(seed);
  const kinds: ResourceKind[] = ['equipment', 'equipment', 'equipment', 'team', 'team', 'depot', 'shelter', 'shelter'];
  return Array.from({ length: n }, (_, i) => {
    const c = 1 + Math.floor(rnd() * 3);
    const t = 1 + Math.floor(rnd() * 3);
    const scopePath = rnd() < 0.15 ? county(c) : township(c, t);
    return {
      id: `${prefix}${String(i).padStart(6, '0')}`,
      kind: rnd() < 0.02 ? 'expert' : kinds[Math.floor(rnd() * kinds.length)]!,
      lat: 30 + c * 0.2 + (rnd() - 0.5) * 0.6,
      lon: 102.8 + t * 0.15 + (rnd() - 0.5) * 0.6,
      scopePath,
    };
  });
}

function bruteForce(items: Iterable<LocatedResource>, p: GeoPoint, q: NearestQuery, s: TravelSettings): NearestHit[] {
  const kinds = q.kind === undefined ? RESOURCE_KINDS : typeof q.kind === 'string' ? [q.kind] : q.kind;
  return [...items]
    .filter((r) => kinds.includes(r.kind) && isWithinScope(r.scopePath, q.scopePath))
    .map((r) => ({ id: r.id, kind: r.kind, ...travel(p, r, s), straightKm: greatCircleKm(p, r) }))
    .filter((h) => q.maxKm === undefined || h.km <= q.maxKm)
    .sort((a, b) => a.straightKm - b.straightKm || (a.id < b.id ? -1 : 1))
    .slice(0, q.limit);
}

const S: TravelSettings = { roadFactor: 1.3, speedKmh: 40 };

function randomQuery(rnd: () => number): { p: GeoPoint; q: NearestQuery } {
  const kindRoll = rnd();
  return {
    p: { lat: 29.9 + rnd() * 1.0, lon: 102.6 + rnd() * 1.0 },
    q: {
      kind: kindRoll < 0.4 ? undefined : kindRoll < 0.9 ? RESOURCE_KINDS[Math.floor(rnd() * 5)] : ['team', 'shelter'],
      scopePath: SCOPES[Math.floor(rnd() * SCOPES.length)]!,
      limit: [1, 5, 10, 50][Math.floor(rnd() * 4)]!,
      maxKm: rnd() < 0.3 ? 5 + rnd() * 40 : undefined,
    },
  };
}

function expectSame(got: NearestHit[], want: NearestHit[]) {
  expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
  got.forEach((h, i) => {
    expect(h.straightKm).toBeCloseTo(want[i]!.straightKm, 9);
    expect(h.km).toBeCloseTo(want[i]!.km, 9);
    expect(h.minutes).toBeCloseTo(want[i]!.minutes, 9);
    expect(h.kind).toBe(want[i]!.kind);
  });
}

describe('NearestIndex', () => {
  const items = randomResources(12_000, 42);

  // scanMax 0: every scope searched in a tree (sub-trees for partial scopes); Infinity: every scope scanned.
  it.each([0, undefined, Infinity])('matches brute force on random data (scanMax %s)', (scanMax) => {
    const index = new NearestIndex(items, { travel: S, scanMax });
    const rnd = mulberry32(7);
    for (let n = 0; n < 200; n++) {
      const { p, q } = randomQuery(rnd);
      const got = index.nearest(p, q);
      expectSame(got, bruteForce(items, p, q, S));
      for (let i = 1; i < got.length; i++) expect(got[i]!.straightKm).toBeGreaterThanOrEqual(got[i - 1]!.straightKm);
    }
  });

  it('computes road km and minutes from the travel settings, per query when given', () => {
    const index = new NearestIndex([{ id: 'a', kind: 'team', lat: 0, lon: 1, scopePath: PROVINCE }], { travel: S });
    const [hit] = index.nearest({ lat: 0, lon: 0 }, { limit: 1, scopePath: PROVINCE });
    expect(hit!.straightKm).toBeCloseTo(111.2, 1);
    expect(hit!.km).toBeCloseTo(111.2 * 1.3, 1);
    expect(hit!.minutes).toBeCloseTo(((111.2 * 1.3) / 40) * 60, 0);
    const [other] = index.nearest({ lat: 0, lon: 0 }, { limit: 1, scopePath: PROVINCE, travel: { roadFactor: 1, speedKmh: 60 } });
    expect(other!.km).toBeCloseTo(other!.straightKm, 9);
    expect(other!.minutes).toBeCloseTo(other!.straightKm, 9);
  });

  it("gives a township caller its own township's resources, even when a thousand others are nearer", () => {
    const here = { lat: 30.5, lon: 103.5 };
    const crowd = Array.from({ length: 5000 }, (_, i) => ({
      id: `other${i}`,
      kind: 'team' as const,
      lat: here.lat + (i % 100) * 1e-4,
      lon: here.lon + Math.floor(i / 100) * 1e-4,
      scopePath: i % 2 ? township(1, 1) : county(1), // the neighbour township, and the county itself
    }));
    const own = [
      { id: 'own-far', kind: 'team' as const, lat: 31.5, lon: 103.5, scopePath: township(1, 2) },
      { id: 'own-near', kind: 'team' as const, lat: 31.0, lon: 103.5, scopePath: township(1, 2) },
      { id: 'own-village', kind: 'team' as const, lat: 31.2, lon: 103.5, scopePath: `${township(1, 2)}511821002001/` },
    ];
    for (const scanMax of [0, undefined]) {
      const index = new NearestIndex([...crowd, ...own], { scanMax });
      const hits = index.nearest(here, { limit: 10, scopePath: township(1, 2) });
      expect(hits.map((h) => h.id)).toEqual(['own-near', 'own-village', 'own-far']);
      // The county sees its own and its townships' resources: the crowd first.
      expect(index.nearest(here, { limit: 10, scopePath: county(1) })).toHaveLength(10);
      expect(index.nearest(here, { limit: 10, scopePath: county(1) }).every((h) => h.id.startsWith('other'))).toBe(true);
      expect(index.nearest(here, { limit: 10, scopePath: county(9) })).toEqual([]);
    }
  });

  it('filters by kind, also a rare kind and several kinds', () => {
    const index = new NearestIndex(items, { travel: S });
    const p = { lat: 30.4, lon: 103.1 };
    const experts = index.nearest(p, { kind: 'expert', limit: 10, scopePath: PROVINCE });
    expect(experts).toHaveLength(10);
    expect(experts.every((h) => h.kind === 'expert')).toBe(true);
    const mixed = index.nearest(p, { kind: ['depot', 'shelter'], limit: 30, scopePath: PROVINCE });
    expect(new Set(mixed.map((h) => h.kind))).toEqual(new Set(['depot', 'shelter']));
    expectSame(mixed, bruteForce(items, p, { kind: ['depot', 'shelter'], limit: 30, scopePath: PROVINCE }, S));
  });

  it('honours limit', () => {
    const index = new NearestIndex(items);
    const p = { lat: 30.4, lon: 103.1 };
    expect(index.nearest(p, { limit: 0, scopePath: PROVINCE })).toEqual([]);
    expect(index.nearest(p, { limit: 1, scopePath: PROVINCE })).toHaveLength(1);
    expect(index.nearest(p, { limit: 10, scopePath: PROVINCE })).toHaveLength(10);
    const total = items.filter((r) => r.kind === 'expert').length;
    expect(index.nearest(p, { kind: 'expert', limit: 100_000, scopePath: PROVINCE })).toHaveLength(total);
    expect(() => index.nearest(p, { limit: -1, scopePath: PROVINCE })).toThrow(RangeError);
    expect(() => index.nearest(p, { limit: 1.5, scopePath: PROVINCE })).toThrow(RangeError);
  });

  it('honours maxKm in road km', () => {
    const base = { kind: 'depot' as const, lat: 30, scopePath: PROVINCE };
    // 0.1° of longitude at 30° N ≈ 9.64 km straight, ≈ 12.5 km by road (× 1.3).
    const index = new NearestIndex([{ ...base, id: 'a', lon: 103 }, { ...base, id: 'b', lon: 103.1 }, { ...base, id: 'c', lon: 103.3 }], { travel: S });
    const p = { lat: 30, lon: 103 };
    const b = travel(p, { lat: 30, lon: 103.1 }, S).km;
    expect(index.nearest(p, { limit: 10, scopePath: PROVINCE, maxKm: b }).map((h) => h.id)).toEqual(['a', 'b']);
    expect(index.nearest(p, { limit: 10, scopePath: PROVINCE, maxKm: b - 0.001 }).map((h) => h.id)).toEqual(['a']);
    expect(index.nearest(p, { limit: 10, scopePath: PROVINCE, maxKm: 0 }).map((h) => h.id)).toEqual(['a']);
    expect(index.nearest(p, { limit: 10, scopePath: PROVINCE, maxKm: 50_000 })).toHaveLength(3);
    expect(index.nearest(p, { limit: 10, scopePath: PROVINCE, maxKm: 10 }).every((h) => h.km <= 10)).toBe(true);
  });

  // scanMax 0 also runs the masked (stale) points through the tree searches' predicate.
  it.each([0, undefined])('shows upserts and removals in the next query, across compactions (scanMax %s)', (scanMax) => {
    const live = new Map(randomResources(3000, 3).map((r) => [r.id, r]));
    const index = new NearestIndex(live.values(), { travel: S, rebuildAfter: 50, scanMax });
    const fresh = randomResources(2000, 4, 'n');
    const rnd = mulberry32(11);
    let compacted = 0;
    for (let step = 0; step < 400; step++) {
      const roll = rnd();
      const ids = [...live.keys()];
      if (roll < 0.3 && ids.length > 0) {
        const id = ids[Math.floor(rnd() * ids.length)]!;
        expect(index.remove(id)).toBe(true);
        live.delete(id);
      } else if (roll < 0.7 && ids.length > 0) {
        // Move an existing one, possibly to another kind and scope.
        const moved = { ...fresh[Math.floor(rnd() * fresh.length)]!, id: ids[Math.floor(rnd() * ids.length)]! };
        index.upsert(moved);
        live.set(moved.id, moved);
      } else {
        const added = fresh[step]!;
        index.upsert(added);
        live.set(added.id, added);
      }
      const before = index.overlay;
      const { p, q } = randomQuery(rnd);
      expectSame(index.nearest(p, q), bruteForce(live.values(), p, q, S));
      if (index.overlay < before) compacted++;
      expect(index.size).toBe(live.size);
    }
    expect(compacted).toBeGreaterThan(3);
    expect(index.remove('no-such-id')).toBe(false);
    expect(index.nearest({ lat: 30.4, lon: 103.1 }, { limit: 5000, scopePath: '/' })).toHaveLength(live.size);
  });

  it('does not keep a reference to the upserted object', () => {
    const index = new NearestIndex();
    const r: LocatedResource = { id: 'x', kind: 'shelter', lat: 30, lon: 103, scopePath: PROVINCE };
    index.upsert(r);
    r.scopePath = '/100000/520000/';
    expect(index.nearest({ lat: 30, lon: 103 }, { limit: 1, scopePath: PROVINCE }).map((h) => h.id)).toEqual(['x']);
  });

  it('answers an empty index, and a scope or kind with nothing in it', () => {
    const empty = new NearestIndex();
    expect(empty.size).toBe(0);
    expect(empty.nearest({ lat: 30, lon: 103 }, { limit: 10, scopePath: '/100000/' })).toEqual([]);
    empty.replaceAll([]);
    expect(empty.nearest({ lat: 30, lon: 103 }, { kind: 'team', limit: 10, scopePath: '/100000/' })).toEqual([]);
    const index = new NearestIndex(items.filter((r) => r.kind !== 'expert'));
    expect(index.nearest({ lat: 30, lon: 103 }, { kind: 'expert', limit: 10, scopePath: PROVINCE })).toEqual([]);
    expect(index.nearest({ lat: 30, lon: 103 }, { limit: 10, scopePath: '/100000/520000/' })).toEqual([]);
  });

  it('masks every copy of a repeated id on its next upsert or removal', () => {
    const r: LocatedResource = { id: 'twice', kind: 'team', lat: 30, lon: 103, scopePath: PROVINCE };
    const index = new NearestIndex([r, { ...r, kind: 'depot', lon: 103.01 }]);
    index.upsert({ ...r, lon: 103.5 });
    expect(index.nearest(r, { limit: 10, scopePath: PROVINCE }).map((h) => [h.id, h.kind])).toEqual([['twice', 'team']]);
    expect(index.remove('twice')).toBe(true);
    expect(index.nearest(r, { limit: 10, scopePath: PROVINCE })).toEqual([]);
  });

  it('rejects invalid resources, leaving the index as it was', () => {
    const index = new NearestIndex(items.slice(0, 10));
    const ok = items[0]!;
    expect(() => index.replaceAll([ok, { ...ok, lon: 200 }])).toThrow(/lat/);
    expect(() => index.upsert({ ...ok, kind: 'truck' as ResourceKind })).toThrow(/kind/);
    expect(() => index.upsert({ ...ok, lat: Number.NaN })).toThrow(/lat/);
    expect(() => index.upsert({ ...ok, scopePath: '510000' })).toThrow(/scopePath/);
    expect(index.nearest(ok, { limit: 20, scopePath: '/' })).toHaveLength(10);
  });
});
