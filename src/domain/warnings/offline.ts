// 离线 (issue #4 §1): a sensor silent for longer than its reporting interval. A sensor that never reported counts
// from its registration. Pure: the scheduled check and the sensor list both judge by this.
export function isSilent(lastReadingAt: string | null, registeredAt: string, intervalSeconds: number, now: Date): boolean {
  const since = Date.parse(lastReadingAt ?? registeredAt);
  return now.getTime() - since > intervalSeconds * 1000;
}
