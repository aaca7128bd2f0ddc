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

export const EARTH_RADIUS_KM = 6371.0088;
export const RAD = Math.PI / 180;

/**
 * The haversine term of two points, each with its cosine of latitude given (computed once per point by whoever
 * measures many pairs). Monotonic in distance: ranking and bounding need no asin; kmOfHaversine turns it into km.
 */
export function haversine(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number): number {
  const a = Math.sin(((lat2 - lat1) * RAD) / 2);
  const b = Math.sin(((lon2 - lon1) * RAD) / 2);
  return a * a + cos1 * cos2 * b * b;
}

export const kmOfHaversine = (h: number) => 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
export const cosLat = (lat: number) => Math.cos(lat * RAD);

export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  return kmOfHaversine(haversine(a.lat, a.lon, cosLat(a.lat), b.lat, b.lon, cosLat(b.lat)));
}

/**
 * greatCircleKm from every point of `from` to every point of `to`, km[t × from.length + f]: the same haversine with
 * each point's cosine of latitude computed once (identical results, less trigonometry).
 */
export function greatCircleMatrix(from: readonly GeoPoint[], to: readonly GeoPoint[]): Float64Array {
  const cosFrom = Float64Array.from(from, (a) => cosLat(a.lat));
  const km = new Float64Array(from.length * to.length);
  for (let t = 0, k = 0; t < to.length; t++) {
    const b = to[t]!;
    const cosB = cosLat(b.lat);
    for (let f = 0; f < from.length; f++) {
      const a = from[f]!;
      km[k++] = kmOfHaversine(haversine(a.lat, a.lon, cosFrom[f]!, b.lat, b.lon, cosB));
    }
  }
  return km;
}

/** Road km and minutes from a to b. */
export function travel(a: GeoPoint, b: GeoPoint, s: TravelSettings = DEFAULT_TRAVEL): { km: number; minutes: number } {
  const km = greatCircleKm(a, b) * s.roadFactor;
  return { km, minutes: (km / s.speedKmh) * 60 };
}
