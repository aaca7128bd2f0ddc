import { describe, expect, it } from 'vitest';
import { formatBeijing } from './time';

describe('formatBeijing', () => {
  it('shows UTC instants in Beijing time, across midnight', () => {
    expect(formatBeijing('2026-11-29T04:25:53.465Z')).toBe('2026-11-29 12:25');
    expect(formatBeijing('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
  });
});
