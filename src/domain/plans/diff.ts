// Differences between two versions of a plan, as readable paths ("levels[1].tasks[0].title").
import diff from 'microdiff';
import type { PlanContent } from './model';

export interface PlanChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  before: unknown;
  after: unknown;
}

const pathText = (p: (string | number)[]) => p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

export function diffPlans(a: PlanContent, b: PlanContent): PlanChange[] {
  return diff(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>).map((d) => ({
    kind: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
    path: pathText(d.path),
    before: d.type === 'CREATE' ? null : d.oldValue,
    after: d.type === 'REMOVE' ? null : d.value,
  }));
}
