// Jurisdiction boundaries for the tile-free map (issue #2 §7: many installations have no internet).
// The installation brings its own GeoJSON — from the 自然资源 bureau, a 天地图 export or DataV.GeoAtlas —
// and `shouwang import-boundaries` matches its features to the division codes already imported, gives
// each matched jurisdiction a label point inside its area, and keeps a simplified outline for display.
import { area } from '@turf/area';
import { simplify } from '@turf/simplify';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { z } from 'zod';
import type { Db } from '../../db';
import { transact } from '../../db/transact';
import { invalid } from '../../errors';

/** Property names that carry the division code in the files people have, tried in this order. */
export const CODE_PROPERTIES = ['code', 'adcode', 'gb', 'xzqdm', 'XZQDM', 'CODE', 'ADCODE', 'GB', '区划代码', '行政区划代码'];

/** About 5 m at these latitudes: finer than the map ever draws a township or village edge. */
const SIMPLIFY_TOLERANCE_DEG = 0.00005;
const DECIMALS = 5;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(lonLat).min(4, '多边形的环至少需要 4 个点');
const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const Feature = z.object({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() });
const Collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/**
 * 6, 9 or 12 digits as our tree stores them: 统计用区划代码 writes every level with 12 digits
 * (511826000000 is the county, 511826001000 a township), DataV writes counties as numbers.
 */
export function divisionCode(raw: unknown): string | null {
  const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d{6}(\d{3}){0,2}$/.test(s)) return null;
  if (s.length === 12 && s.endsWith('000000')) return s.slice(0, 6);
  if (s.length === 12 && s.endsWith('000')) return s.slice(0, 9);
  return s;
}

/**
 * Where the name goes: the point of the largest part farthest from its edges (polylabel), so it is inside
 * the area even for a crescent-shaped township or a county with a lake cut out, unlike the centroid.
 */
function labelPoint(g: Polygon | MultiPolygon): [number, number] {
  const parts: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const largest = parts.reduce((a, b) => (area({ type: 'Polygon', coordinates: b }) > area({ type: 'Polygon', coordinates: a }) ? b : a));
  const [lon, lat] = polylabel(largest as [number, number][][], 0.0001);
  return [lon!, lat!];
}

const round = (x: number) => Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;
const roundCoords = (c: unknown): unknown => (typeof c === 'number' ? round(c) : (c as unknown[]).map(roundCoords));

export interface BoundaryImport {
  /** Jurisdictions given a boundary and a label point. */
  matched: number;
  /** Codes in the file that are not in the tree (import the divisions first, or the file is for elsewhere). */
  unknown: string[];
  /** Features with no code we could read, by their index in the file. */
  withoutCode: number[];
}

/**
 * Reads a GeoJSON FeatureCollection and stores what matches, all or nothing. A file in projected metres
 * (Gauss–Krüger) or with broken geometry is refused whole, naming the feature, and nothing changes.
 */
export async function importBoundaries(db: Db, text: string, opts: { codeProperty?: string; now?: () => Date } = {}): Promise<BoundaryImport> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid([{ path: 'file', message: '不是有效的 GeoJSON（JSON 解析失败）' }]);
  }
  const fc = Collection.safeParse(json);
  if (!fc.success) throw invalid([{ path: 'file', message: '须为 GeoJSON FeatureCollection' }]);

  const props = opts.codeProperty ? [opts.codeProperty] : CODE_PROPERTIES;
  const parsed: { code: string; geometry: Polygon | MultiPolygon }[] = [];
  const withoutCode: number[] = [];
  fc.data.features.forEach((raw, i) => {
    const f = Feature.safeParse(raw);
    if (!f.success) throw invalid([{ path: `features.${i}`, message: '须为 GeoJSON Feature' }]);
    const key = props.find((k) => f.data.properties?.[k] !== undefined);
    const code = key ? divisionCode(f.data.properties![key]) : null;
    if (!code) return void withoutCode.push(i);
    const g = Geometry.safeParse(f.data.geometry);
    if (!g.success) {
      const projected = JSON.stringify(f.data.geometry ?? null).match(/-?\d{5,}(\.\d+)?/);
      throw invalid([{
        path: `features.${i}.geometry`,
        message: projected
          ? `行政区划 ${code} 的坐标不是经纬度（像是投影坐标，单位米）：请先转换为 WGS84/CGCS2000 经纬度`
          : `行政区划 ${code} 的边界须为 Polygon 或 MultiPolygon 经纬度坐标`,
      }]);
    }
    parsed.push({ code, geometry: g.data as Polygon | MultiPolygon });
  });

  const now = (opts.now ?? (() => new Date()))().toISOString();
  return transact(db, async (tx) => {
    const codes = [...new Set(parsed.map((p) => p.code))];
    const known = new Set<string>();
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await tx.selectFrom('jurisdictions').select('code').where('code', 'in', codes.slice(i, i + 500)).execute();
      for (const r of rows) known.add(r.code);
    }
    let matched = 0;
    for (const { code, geometry } of parsed) {
      if (!known.has(code)) continue;
      const shape = simplify(geometry, { tolerance: SIMPLIFY_TOLERANCE_DEG, highQuality: false, mutate: false });
      const [lon, lat] = labelPoint(shape);
      const stored = JSON.stringify({ type: shape.type, coordinates: roundCoords(shape.coordinates) });
      await tx.updateTable('jurisdictions').set({ lat: round(lat), lon: round(lon) }).where('code', '=', code).execute();
      await tx
        .insertInto('jurisdiction_boundaries')
        .values({ code, geometry: stored, updated_at: now })
        .onConflict((oc) => oc.column('code').doUpdateSet({ geometry: stored, updated_at: now }))
        .execute();
      matched++;
    }
    return { matched, unknown: codes.filter((c) => !known.has(c)), withoutCode };
  });
}
