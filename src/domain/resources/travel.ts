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

export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road km and minutes from a to b. */
export function travel(a: GeoPoint, b: GeoPoint, s: TravelSettings = DEFAULT_TRAVEL): { km: number; minutes: number } {
  const km = greatCircleKm(a, b) * s.roadFactor;
  return { km, minutes: (km / s.speedKmh) * 60 };
}
