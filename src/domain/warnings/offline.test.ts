import { describe, expect, it } from 'vitest';
import { isSilent } from './offline';

describe('离线: silent for longer than the reporting interval', () => {
  const now = new Date('2026-11-29T08:00:00Z');
  it('is on line up to the interval, off line after it', () => {
    expect(isSilent('2026-11-29T07:55:00Z', '2026-01-01T00:00:00Z', 300, now)).toBe(false); // exactly 5 min
    expect(isSilent('2026-11-29T07:54:59Z', '2026-01-01T00:00:00Z', 300, now)).toBe(true);
  });
  it('counts a sensor that never reported from its registration', () => {
    expect(isSilent(null, '2026-11-29T07:58:00Z', 300, now)).toBe(false);
    expect(isSilent(null, '2026-11-29T07:50:00Z', 300, now)).toBe(true);
  });
});
