// An incident's resource requests (物资/队伍需求) and the dispatch orders (调拨单) that meet them, as state machines.
import type { ResourceNeed } from '../plans/model';
import { TEAM_KINDS } from './model';

/** Urgency: 1 is the most urgent; the optimiser penalises unmet demand by it. Names are a local convention, not a national standard. */
export const PRIORITIES = {
  1: { zh: '特急', en: 'Immediate' },
  2: { zh: '紧急', en: 'Urgent' },
  3: { zh: '较急', en: 'Soon' },
  4: { zh: '一般', en: 'Routine' },
} as const;
export type Priority = keyof typeof PRIORITIES;

export const REQUEST_STATUSES = {
  requested: { zh: '待审批', en: 'Requested' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
  fulfilled: { zh: '已满足', en: 'Fulfilled' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

/** A rejected or cancelled request no longer asks for anything; the others count toward what has been requested. */
const stillAsks = (s: RequestStatus) => s !== 'rejected' && s !== 'cancelled';

export const ORDER_STATUSES = {
  ordered: { zh: '已下达', en: 'Ordered' },
  in_transit: { zh: '在途', en: 'In transit' },
  received: { zh: '已接收', en: 'Received' },
  returned: { zh: '已归还', en: 'Returned' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const;
export type OrderStatus = keyof typeof ORDER_STATUSES;

/** The actions on a dispatch order and the state each leads from and to. */
export const ORDER_ACTIONS = {
  depart: { from: ['ordered'], to: 'in_transit', zh: '发出' },
  receive: { from: ['in_transit'], to: 'received', zh: '接收' },
  return: { from: ['received'], to: 'returned', zh: '归还' },
  cancel: { from: ['ordered'], to: 'cancelled', zh: '取消' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus; zh: string }>;
export type OrderAction = keyof typeof ORDER_ACTIONS;

export const canOrder = (status: OrderStatus, action: OrderAction) => (ORDER_ACTIONS[action].from as readonly OrderStatus[]).includes(status);

/** Orders count toward a request unless cancelled; it is met when what was received reaches the quantity asked. */
export function requestProgress(quantity: number, orders: readonly { quantity: number; status: OrderStatus }[]) {
  const live = orders.filter((o) => o.status !== 'cancelled');
  const ordered = live.reduce((a, o) => a + o.quantity, 0);
  const received = live.filter((o) => o.status === 'received' || o.status === 'returned').reduce((a, o) => a + o.quantity, 0);
  return { ordered, received, outstanding: Math.max(0, quantity - ordered), met: received >= quantity };
}

/**
 * A plan level's resource needs become requests when the level is activated: urgency follows the level (Ⅰ级 特急 …
 * Ⅳ级 一般), and they are wanted within `withinMinutes` (a local default, not an official figure).
 */
export function priorityForLevel(rank: number): Priority {
  return Math.min(4, Math.max(1, Math.round(rank))) as Priority;
}
export const PLAN_NEEDS_WITHIN_MINUTES = 120;

/** What a plan's need names in the catalogue: an item by its code or name, a team kind by its code or label. */
export function matchNeed<I extends { code: string; name: string }>(need: ResourceNeed, items: readonly I[]): { item?: I; teamKind?: keyof typeof TEAM_KINDS } {
  const type = need.type.trim();
  if (need.kind === 'item') return { item: items.find((i) => i.code === type || i.name === type) };
  return { teamKind: (Object.keys(TEAM_KINDS) as (keyof typeof TEAM_KINDS)[]).find((k) => k === type || type.includes(TEAM_KINDS[k].zh)) };
}

/** What a request asks for, to compare a plan's needs with requests made: the catalogue item, the team kind, or the words as written. */
export function requestKey(r: { kind: string; itemId: string | null; teamKind: string | null; description: string }) {
  return r.itemId ? `item=${r.itemId}` : r.teamKind ? `team=${r.teamKind}` : `${r.kind}:${r.description.trim()}`;
}

/**
 * How much more of each need to request: its quantity beyond what the response already asks for under the same key
 * (see stillAsks), each request counted once even when two needs name the same thing. Raising a level asks only for this.
 */
export function beyondRequested(needs: readonly { key: string; quantity: number }[], requests: readonly { key: string; quantity: number; status: RequestStatus }[]): number[] {
  const held = new Map<string, number>();
  for (const r of requests) if (stillAsks(r.status)) held.set(r.key, (held.get(r.key) ?? 0) + r.quantity);
  return needs.map((n) => {
    const h = held.get(n.key) ?? 0;
    held.set(n.key, Math.max(0, h - n.quantity));
    return Math.max(0, n.quantity - h);
  });
}
