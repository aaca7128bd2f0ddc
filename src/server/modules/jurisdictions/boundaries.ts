// Jurisdiction boundaries for the tile-free map (issue #2 §7: many installations have no internet).
// The installation brings its own GeoJSON — from the 自然资源 bureau, a 天地图 export or DataV.GeoAtlas —
// and `shouwang import-boundaries` matches its features to the division codes already imported, gives
// each matched jurisdiction a label point inside its area, and keeps a simplified outline for display.
import { area } from '@turf/area';
import { simplify } from '@turf/simplify';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { z } from 'zod';
import type { Db, Tx } from '../../db';
import { transact } from '../../db/transact';
import { invalid } from '../../errors';
import { isWithinScope } from '../../../domain/shared/jurisdiction';

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
  /** Codes outside the importer's subtree: left as they are. */
  outOfScope: string[];
}

export interface ParsedBoundaries {
  features: { code: string; geometry: Polygon | MultiPolygon }[];
  withoutCode: number[];
}

/**
 * Reads a GeoJSON FeatureCollection. A file in projected metres (Gauss–Krüger) or with broken geometry is
 * refused whole, naming the feature.
 */
export function parseBoundaries(text: string, codeProperty?: string): ParsedBoundaries {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid([{ path: 'file', message: '不是有效的 GeoJSON（JSON 解析失败）' }]);
  }
  const fc = Collection.safeParse(json);
  if (!fc.success) throw invalid([{ path: 'file', message: '须为 GeoJSON FeatureCollection' }]);

  const props = codeProperty ? [codeProperty] : CODE_PROPERTIES;
  const features: ParsedBoundaries['features'] = [];
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
    features.push({ code, geometry: g.data as Polygon | MultiPolygon });
  });
  return { features: mergeParts(features), withoutCode };
}

/** GIS exports often give a place in several rows (an enclave, an island): one outline per code, all its parts. */
function mergeParts(features: ParsedBoundaries['features']): ParsedBoundaries['features'] {
  const byCode = new Map<string, (Polygon | MultiPolygon)[]>();
  for (const f of features) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f.geometry]);
  return [...byCode].map(([code, [first, ...more]]) => ({
    code,
    geometry: more.length === 0 ? first! : {
      type: 'MultiPolygon' as const,
      coordinates: [first!, ...more].flatMap((g): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)),
    },
  }));
}

/** Stores what matches the tree (and, for an admin's upload, lies in their subtree) inside the caller's transaction. */
export async function applyBoundaries(tx: Tx, parsed: ParsedBoundaries, opts: { now: string; scopePath?: string }): Promise<BoundaryImport> {
  const codes = [...new Set(parsed.features.map((p) => p.code))];
  const known = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await tx.selectFrom('jurisdictions').select(['code', 'path']).where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) known.set(r.code, r.path);
  }
  const inScope = (code: string) => !opts.scopePath || isWithinScope(known.get(code)!, opts.scopePath);
  let matched = 0;
  for (const { code, geometry } of parsed.features) {
    if (!known.has(code) || !inScope(code)) continue;
    const shape = simplify(geometry, { tolerance: SIMPLIFY_TOLERANCE_DEG, highQuality: false, mutate: false });
    const [lon, lat] = labelPoint(shape);
    const stored = JSON.stringify({ type: shape.type, coordinates: roundCoords(shape.coordinates) });
    await tx.updateTable('jurisdictions').set({ lat: round(lat), lon: round(lon) }).where('code', '=', code).execute();
    await tx
      .insertInto('jurisdiction_boundaries')
      .values({ code, geometry: stored, updated_at: opts.now })
      .onConflict((oc) => oc.column('code').doUpdateSet({ geometry: stored, updated_at: opts.now }))
      .execute();
    matched++;
  }
  return { matched, unknown: codes.filter((c) => !known.has(c)), withoutCode: parsed.withoutCode, outOfScope: codes.filter((c) => known.has(c) && !inScope(c)) };
}

/** The operator's import (shouwang import-boundaries): the whole tree, all or nothing. */
export async function importBoundaries(db: Db, text: string, opts: { codeProperty?: string; now?: () => Date } = {}): Promise<BoundaryImport> {
  const parsed = parseBoundaries(text, opts.codeProperty);
  const now = (opts.now ?? (() => new Date()))().toISOString();
  return transact(db, (tx) => applyBoundaries(tx, parsed, { now }));
}
