// The ledger's invariant, by property: whatever movements are attempted, in any order, no balance is ever negative,
// every accepted movement is reflected exactly, and a refused one changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMovement, MOVEMENT_KINDS, replay, type Movement, type MovementKind } from './ledger';

const depots = ['A', 'B', 'C'];
const movement: fc.Arbitrary<Movement> = fc.record({
  kind: fc.constantFrom(...(Object.keys(MOVEMENT_KINDS) as MovementKind[])),
  from: fc.constantFrom(...depots),
  to: fc.constantFrom(...depots),
  quantity: fc.integer({ min: 1, max: 50 }),
  batch: fc.constantFrom('', '2026-01'),
}).map(({ kind, from, to, quantity, batch }) => ({
  kind, itemId: 'tent', batch, quantity, reason: '测试', incidentId: null,
  fromDepotId: MOVEMENT_KINDS[kind].from ? from : null,
  toDepotId: MOVEMENT_KINDS[kind].to ? to : null,
}));

describe('stock ledger', () => {
  it('never lets a balance go below zero, and a refused movement changes nothing', () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 60 }), (ms) => {
      const { balances, refused } = replay(ms);
      for (const v of balances.values()) expect(v).toBeGreaterThanOrEqual(0);
      // The balances equal the sum of the accepted movements' effects.
      const accepted = ms.filter((_, i) => !refused.includes(i));
      expect(replay(accepted).refused).toEqual([]);
      expect(replay(accepted).balances).toEqual(balances);
      // Total stock changes only by receipts, returns, issues and write-offs (a transfer moves, never creates).
      const total = [...balances.values()].reduce((a, b) => a + b, 0);
      const net = accepted.reduce((a, m) => a + (m.kind === 'in' || m.kind === 'return' ? m.quantity : m.kind === 'transfer' ? 0 : -m.quantity), 0);
      expect(total).toBe(net);
    }));
  });

  it('checks a movement field by field', () => {
    const base: Movement = { kind: 'transfer', itemId: 'tent', batch: '', fromDepotId: 'A', toDepotId: 'A', quantity: 0, reason: ' ', incidentId: null };
    expect(checkMovement(base).map((e) => e.path)).toEqual(['quantity', 'toDepotId', 'reason']);
    expect(checkMovement({ ...base, kind: 'in', fromDepotId: 'A', toDepotId: null, quantity: 2, reason: '采购' }).map((e) => e.message)).toEqual(['入库没有调出仓库', '入库须注明调入仓库']);
    expect(checkMovement({ ...base, kind: 'out', toDepotId: null, quantity: 1.5, reason: '发放' })).toEqual([{ path: 'quantity', message: '数量须为正整数' }]);
  });
});
