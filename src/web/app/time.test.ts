import { describe, expect, it } from 'vitest';
import { formatTime, fromWall, toWall, wallToApiInstant } from './time';

describe('Asia/Shanghai display and pickers', () => {
  it('shows instants in Asia/Shanghai whatever the device zone', () => {
    expect(formatTime('2026-11-29T03:00:00.000Z')).toBe('2026-11-29 11:00');
    expect(formatTime(null)).toBe('—');
  });

  it('round-trips a picker value through the wall clock', () => {
    const wall = toWall('2026-11-29T03:00:00.000Z');
    expect(wall.format('YYYY-MM-DD HH:mm')).toBe('2026-11-29 11:00');
    expect(fromWall(wall).toISOString()).toBe('2026-11-29T03:00:00.000Z');
    expect(wallToApiInstant(wall)).toBe('2026-11-29T11:00:00+08:00');
  });
});
