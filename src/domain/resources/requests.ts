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
