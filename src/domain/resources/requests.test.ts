import { describe, expect, it } from 'vitest';
import { beyondRequested, canOrder, priorityForLevel, requestKey, requestProgress } from './requests';

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
  it('asks on raising only for what goes beyond the requests that still stand', () => {
    const team = requestKey({ kind: 'team', itemId: null, teamKind: 'comprehensive', description: '综合性救援队伍' });
    const ambulance = requestKey({ kind: 'item', itemId: 'i1', teamKind: null, description: '救护车' });
    const written = requestKey({ kind: 'item', itemId: null, teamKind: null, description: ' 冲锋舟 ' });
    expect(new Set([team, ambulance, written, requestKey({ kind: 'team', itemId: null, teamKind: null, description: '冲锋舟' })]).size).toBe(4);
    expect(beyondRequested(
      [{ key: team, quantity: 3 }, { key: ambulance, quantity: 6 }, { key: written, quantity: 2 }, { key: written, quantity: 2 }],
      [{ key: team, quantity: 1, status: 'approved' }, { key: team, quantity: 1, status: 'fulfilled' }, { key: ambulance, quantity: 2, status: 'requested' },
        { key: ambulance, quantity: 4, status: 'rejected' }, { key: written, quantity: 3, status: 'requested' }, { key: team, quantity: 5, status: 'cancelled' }],
    )).toEqual([1, 4, 0, 1]);
    expect(beyondRequested([{ key: team, quantity: 1 }], [{ key: team, quantity: 3, status: 'requested' }])).toEqual([0]);
  });
});
