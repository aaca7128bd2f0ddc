import { describe, expect, it } from 'vitest';
import { canOrder, priorityForLevel, requestProgress } from './requests';

describe('resource requests and dispatch orders', () => {
  it('moves an order ordered → in transit → received → returned, or cancels it before it leaves', () => {
    expect(canOrder('ordered', 'depart')).toBe(true);
    expect(canOrder('ordered', 'receive')).toBe(false);
    expect(canOrder('in_transit', 'receive')).toBe(true);
    expect(canOrder('received', 'return')).toBe(true);
    expect(canOrder('in_transit', 'cancel')).toBe(false);
  });
  it('counts what is ordered and received; cancelled orders do not count', () => {
    expect(requestProgress(10, [{ quantity: 6, status: 'received' }, { quantity: 3, status: 'in_transit' }, { quantity: 5, status: 'cancelled' }]))
      .toEqual({ ordered: 9, received: 6, outstanding: 1, met: false });
    expect(requestProgress(4, [{ quantity: 4, status: 'returned' }]).met).toBe(true);
  });
  it('takes urgency from the plan level', () => {
    expect([1, 2, 3, 4, 5, 0].map(priorityForLevel)).toEqual([1, 2, 3, 4, 4, 1]);
  });
});
