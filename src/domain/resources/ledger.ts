// The stock ledger: stock changes only through movements. Each kind says which depot gives and which receives;
// a movement is applied as its effects on (depot, item, batch) quantities, and none may go below zero.
import type { FieldError } from '../shared/field-error';

export const MOVEMENT_KINDS = {
  in: { zh: '入库', en: 'Receipt', from: false, to: true },
  out: { zh: '出库', en: 'Issue', from: true, to: false },
  transfer: { zh: '调拨', en: 'Transfer', from: true, to: true },
  loss: { zh: '报损', en: 'Write-off', from: true, to: false },
  return: { zh: '归还', en: 'Return', from: false, to: true },
} as const;
export type MovementKind = keyof typeof MOVEMENT_KINDS;

export interface Movement {
  kind: MovementKind;
  itemId: string;
  batch: string;
  fromDepotId: string | null;
  toDepotId: string | null;
  quantity: number;
  reason: string;
  incidentId: string | null;
}

/** What is wrong with a movement before any stock is looked at (field paths as in the API). */
export function checkMovement(m: Movement): FieldError[] {
  const k = MOVEMENT_KINDS[m.kind];
  const errors: FieldError[] = [];
  if (!Number.isInteger(m.quantity) || m.quantity <= 0) errors.push({ path: 'quantity', message: '数量须为正整数' });
  if (k.from && !m.fromDepotId) errors.push({ path: 'fromDepotId', message: `${k.zh}须注明调出仓库` });
  if (!k.from && m.fromDepotId) errors.push({ path: 'fromDepotId', message: `${k.zh}没有调出仓库` });
  if (k.to && !m.toDepotId) errors.push({ path: 'toDepotId', message: `${k.zh}须注明调入仓库` });
  if (!k.to && m.toDepotId) errors.push({ path: 'toDepotId', message: `${k.zh}没有调入仓库` });
  if (m.kind === 'transfer' && m.fromDepotId && m.fromDepotId === m.toDepotId) errors.push({ path: 'toDepotId', message: '调入仓库须不同于调出仓库' });
  if (!m.reason.trim()) errors.push({ path: 'reason', message: '请填写事由' });
  return errors;
}

/** The changes of stock a movement makes: the giving depot first (it is the one that may run short). */
export function movementEffects(m: Movement): { depotId: string; delta: number }[] {
  const out: { depotId: string; delta: number }[] = [];
  if (m.fromDepotId) out.push({ depotId: m.fromDepotId, delta: -m.quantity });
  if (m.toDepotId) out.push({ depotId: m.toDepotId, delta: m.quantity });
  return out;
}

/**
 * Applies movements in order to opening balances keyed `depot|item|batch`; a movement that would take any balance
 * below zero is refused whole (returned in `refused`) and changes nothing. The reference for the stored ledger.
 */
export function replay(movements: readonly Movement[], opening: ReadonlyMap<string, number> = new Map()) {
  const balances = new Map(opening);
  const refused: number[] = [];
  movements.forEach((m, i) => {
    const effects = movementEffects(m).map((e) => ({ key: `${e.depotId}|${m.itemId}|${m.batch}`, delta: e.delta }));
    if (checkMovement(m).length || effects.some((e) => (balances.get(e.key) ?? 0) + e.delta < 0)) return refused.push(i);
    for (const e of effects) balances.set(e.key, (balances.get(e.key) ?? 0) + e.delta);
  });
  return { balances, refused };
}
