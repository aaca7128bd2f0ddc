import { describe, expect, it } from 'vitest';
import { exampleProductionSafetyPlan } from '../../../domain/plans/examples';
import type { PlanContent } from '../../../domain/plans/model';
import { bracketPathToName, blankContent, locate, nextKey, toPlanContent } from './content';

describe('plan editor content', () => {
  it('gives fresh keys', () => {
    expect(nextKey('role', [])).toBe('role1');
    expect(nextKey('role', ['role2', 'x'])).toBe('role3');
    expect(nextKey('L', ['L3', 'L1', 'L2'])).toBe('L4');
  });

  it('keeps a complete plan as it is', () => {
    const plan = exampleProductionSafetyPlan();
    expect(toPlanContent(plan)).toEqual(plan);
    const blank = blankContent('某镇应急预案', 'township', 'Ⅰ级响应');
    expect(toPlanContent(blank)).toEqual(blank);
  });

  it('turns what a form leaves behind into what the API wants', () => {
    const plan = exampleProductionSafetyPlan();
    const raw = structuredClone(plan) as unknown as Record<string, unknown>;
    const level = (raw.levels as Record<string, unknown>[])[0]!;
    (level.tasks as Record<string, unknown>[])[0]!.roleKey = undefined;
    (level.tasks as Record<string, unknown>[])[0]!.checklist = ['时间地点', '  ', undefined];
    (level.roles as Record<string, unknown>[])[0]!.filledBy = { kind: 'person', userId: undefined, name: ' 李局长 ', phone: '' };
    (level.startConditions as Record<string, unknown>).minGrade = '';
    (raw.triggers as Record<string, unknown>).conditions = [{ measure: 'deaths', op: '>=', value: 3, unit: ' ' }];
    const out = toPlanContent(raw as unknown as PlanContent);
    const l0 = out.levels[0]!;
    expect(l0.tasks[0]!.roleKey).toBeNull();
    expect(l0.tasks[0]!.checklist).toEqual(['时间地点']);
    expect(l0.roles[0]!.filledBy).toEqual({ kind: 'person', userId: null, name: '李局长', phone: null });
    expect(l0.startConditions.minGrade).toBeNull();
    expect(out.triggers.conditions).toEqual([{ measure: 'deaths', op: '>=', value: 3 }]);
  });

  it('finds where a field lives', () => {
    expect(locate(['content', 'levels', 2, 'tasks', 1, 'roleKey'])).toEqual({ tab: 'levels', level: 2 });
    expect(locate(['content', 'triggers', 'conditions', 0, 'value'])).toEqual({ tab: 'triggers', level: null });
    expect(locate(['content', 'liftConditions', 0])).toEqual({ tab: 'lift', level: null });
    expect(locate(['content', 'title'])).toEqual({ tab: 'basic', level: null });
    expect(bracketPathToName('levels[1].roles[0]')).toEqual(['content', 'levels', 1, 'roles', 0]);
  });
});
