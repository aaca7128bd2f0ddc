// Distance and estimated travel time between two points: the great-circle distance (haversine, mean Earth radius)
// times a road factor, at an average speed. Both factors are local settings (configurable defaults, not official
// figures); a road graph may replace this later.
export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface TravelSettings {
  /** Road distance ÷ straight-line distance. */
  roadFactor: number;
  /** Average speed on the road, km/h. */
  speedKmh: number;
}

/** Engineering defaults: 1.3 is a common detour index for county road networks; 40 km/h a mixed urban/rural speed. */
export const DEFAULT_TRAVEL: TravelSettings = { roadFactor: 1.3, speedKmh: 40 };

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine, with each point's cosine of latitude given (a matrix computes it once per point). */
function haversineKm(a: GeoPoint, cosA: number, b: GeoPoint, cosB: number): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + cosA * cosB * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const cosLat = (g: GeoPoint) => Math.cos(rad(g.lat));

export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  return haversineKm(a, cosLat(a), b, cosLat(b));
}

/**
 * greatCircleKm from every point of `from` to every point of `to`, km[t × from.length + f]: the same haversine with
 * each point's cosine of latitude computed once (identical results, less trigonometry).
 */
export function greatCircleMatrix(from: readonly GeoPoint[], to: readonly GeoPoint[]): Float64Array {
  const cosFrom = Float64Array.from(from, cosLat);
  const km = new Float64Array(from.length * to.length);
  for (let t = 0, k = 0; t < to.length; t++) {
    const b = to[t]!;
    const cosB = cosLat(b);
    for (let f = 0; f < from.length; f++) km[k++] = haversineKm(from[f]!, cosFrom[f]!, b, cosB);
  }
  return km;
}

/** Road km and minutes from a to b. */
export function travel(a: GeoPoint, b: GeoPoint, s: TravelSettings = DEFAULT_TRAVEL): { km: number; minutes: number } {
  const km = greatCircleKm(a, b) * s.roadFactor;
  return { km, minutes: (km / s.speedKmh) * 60 };
}
