/** An ISO-8601 UTC instant string, e.g. "2026-11-29T03:00:00.000Z". Stored as is; shown in Asia/Shanghai. */
export type UtcInstant = string;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function addMs(at: UtcInstant, ms: number): UtcInstant {
  return new Date(Date.parse(at) + ms).toISOString();
}

/** "2026-11-29 12:25" in Beijing time (UTC+8; China has no daylight saving), for text people read. */
export function formatBeijing(at: UtcInstant): string {
  return new Date(Date.parse(at) + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
}
