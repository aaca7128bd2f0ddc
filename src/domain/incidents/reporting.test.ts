import { describe, expect, it } from 'vitest';
import { addMs, DAY_MS, HOUR_MS } from '../shared/time';
import type { Grade } from './model';
import {
  DEFAULT_REPORTING_RULES, overdueReports, requiredReports,
  type FiledReportRef, type ReportingInput, type RequiredReport,
} from './reporting';

const T0 = '2026-11-29T00:00:00.000Z'; // occurred
const R0 = '2026-11-29T00:30:00.000Z'; // 接报
const at = (hours: number): string => addMs(R0, hours * HOUR_MS);

function input(over: Partial<ReportingInput> = {}): ReportingInput {
  return {
    category: 'accident', typeCode: 'production_safety', grade: 'IV', occurredAt: T0, reportedAt: R0,
    status: 'responding', closedAt: null, casualtyChanges: [], ...over,
  };
}
const keys = (list: RequiredReport[]) => list.map((r) => r.key);
const byKey = (list: RequiredReport[], key: string) => {
  const r = list.find((x) => x.key === key);
  if (!r) throw new Error(`no ${key} in ${keys(list).join(', ')}`);
  return r;
};
const filedInitial = (level: FiledReportRef['recipientLevel'], filedAt: string, requirementKey: string | null = null): FiledReportRef =>
  ({ kind: 'initial', recipientLevel: level, filedAt, requirementKey });

describe('initial report chain', () => {
  it('county report is due 1 h after 接报 (493号令 第九条)', () => {
    const r = byKey(requiredReports(input(), [], R0), 'initial:county');
    expect(r).toMatchObject({ kind: 'initial', recipientLevel: 'county', dueAt: at(1), status: 'pending', filedAt: null });
    expect(r.article).toContain('第九条');
  });

  it.each<[Grade | null, string[]]>([
    [null, ['initial:county', 'initial:city']],
    ['IV', ['initial:county', 'initial:city']],
    ['III', ['initial:county', 'initial:city', 'initial:province']],
    ['II', ['initial:county', 'initial:city', 'initial:province', 'initial:national']],
    ['I', ['initial:county', 'initial:city', 'initial:province', 'initial:national']],
  ])('grade %s reaches %j', (grade, expected) => {
    const list = requiredReports(input({ grade }), [], R0).filter((r) => r.kind === 'initial');
    expect(keys(list)).toEqual(expected);
  });

  it('each hop is due 2 h after the previous hop (cumulative)', () => {
    const list = requiredReports(input({ grade: 'I' }), [], R0);
    expect(['county', 'city', 'province', 'national'].map((l) => byKey(list, `initial:${l}`).dueAt)).toEqual([at(1), at(3), at(5), at(7)]);
  });

  it('an upgrade does not make higher hops retroactively overdue (gradedAt)', () => {
    const gradedAt = at(48);
    const list = requiredReports(input({ grade: 'II', gradedAt }), [], at(49));
    expect(byKey(list, 'initial:city').dueAt).toBe(at(3));
    expect(byKey(list, 'initial:province')).toMatchObject({ dueAt: at(50), status: 'pending' });
    expect(byKey(list, 'initial:national').dueAt).toBe(at(52));
  });

  it('public health: 2 h to county, 1 h province → national (突发公共卫生事件应急条例 第十九、二十条)', () => {
    const list = requiredReports(input({ category: 'public_health', typeCode: 'infectious_disease', grade: null }), [], R0);
    expect(list.filter((r) => r.kind === 'initial').map((r) => r.dueAt)).toEqual([at(2), at(4), at(6), at(7)]);
  });

  it('social safety (ungraded) goes county → city with default limits', () => {
    const list = requiredReports(input({ category: 'social_safety', typeCode: 'mass_incident', grade: null }), [], R0);
    expect(list.map((r) => [r.key, r.dueAt])).toEqual([['initial:county', at(1)], ['initial:city', at(3)]]);
  });
});

describe('status: pending / overdue / filed / filed_late', () => {
  it('overdue once now passes the due time unfiled', () => {
    const list = requiredReports(input(), [], at(1.5));
    expect(byKey(list, 'initial:county').status).toBe('overdue');
    expect(byKey(list, 'initial:city').status).toBe('pending');
    expect(keys(overdueReports(list))).toEqual(['initial:county']);
  });

  it('filed on time, and exactly at the deadline', () => {
    const list = requiredReports(input(), [filedInitial('county', at(0.5)), filedInitial('city', at(3))], at(10));
    expect(byKey(list, 'initial:county')).toMatchObject({ status: 'filed', filedAt: at(0.5) });
    expect(byKey(list, 'initial:city')).toMatchObject({ status: 'filed', filedAt: at(3) });
    expect(overdueReports(list)).toEqual([]);
  });

  it('filed late', () => {
    const list = requiredReports(input(), [filedInitial('county', at(2))], at(10));
    expect(byKey(list, 'initial:county')).toMatchObject({ status: 'filed_late', filedAt: at(2) });
  });

  it('matching by level: a city report does not satisfy the county requirement', () => {
    const list = requiredReports(input(), [filedInitial('city', at(0.5))], at(2));
    expect(byKey(list, 'initial:county').status).toBe('overdue');
    expect(byKey(list, 'initial:city').status).toBe('filed');
  });

  it('an explicit requirementKey wins over time order', () => {
    const filed = [filedInitial('county', at(0.2)), filedInitial('county', at(0.1), 'initial:county')];
    const list = requiredReports(input(), filed, at(2));
    expect(byKey(list, 'initial:county').filedAt).toBe(at(0.1));
  });

  it('one filed report satisfies only one requirement', () => {
    const changes = [at(5), at(6)];
    const filed: FiledReportRef[] = [{ kind: 'supplementary', recipientLevel: 'county', filedAt: at(7), requirementKey: null }];
    const list = requiredReports(input({ casualtyChanges: changes }), filed, at(40));
    const supp = list.filter((r) => r.kind === 'supplementary');
    expect(supp.map((r) => r.status)).toEqual(['filed', 'overdue']);
  });
});

describe('补报 window (493号令 第十三条)', () => {
  const day8 = addMs(T0, 8 * DAY_MS);
  it('a casualty change on day 8 needs no 补报 for fire or road traffic', () => {
    for (const typeCode of ['fire', 'road_traffic']) {
      const list = requiredReports(input({ typeCode, casualtyChanges: [day8] }), [], day8);
      expect(list.filter((r) => r.kind === 'supplementary')).toEqual([]);
    }
  });

  it('but does for production safety, due 24 h after the change', () => {
    const list = requiredReports(input({ casualtyChanges: [day8] }), [], day8);
    expect(byKey(list, `supplementary:${day8}`)).toMatchObject({
      kind: 'supplementary', dueAt: addMs(day8, DAY_MS), status: 'pending', article: '生产安全事故报告和调查处理条例 第十三条',
    });
  });

  it('day 6 counts for fire; day 31 counts for nothing', () => {
    const day6 = addMs(T0, 6 * DAY_MS);
    const day31 = addMs(T0, 31 * DAY_MS);
    expect(keys(requiredReports(input({ typeCode: 'fire', casualtyChanges: [day6] }), [], day6))).toContain(`supplementary:${day6}`);
    expect(requiredReports(input({ casualtyChanges: [day31] }), [], day31).filter((r) => r.kind === 'supplementary')).toEqual([]);
  });

  it('changes at or before 接报 are part of the initial report; duplicates collapse', () => {
    const list = requiredReports(input({ casualtyChanges: [R0, at(2), at(2)] }), [], at(3));
    expect(list.filter((r) => r.kind === 'supplementary').map((r) => r.key)).toEqual([`supplementary:${at(2)}`]);
  });

  it('the window and due hours are configurable', () => {
    const rules = {
      ...DEFAULT_REPORTING_RULES,
      supplementaryDueHours: 6,
      byCategory: {
        ...DEFAULT_REPORTING_RULES.byCategory,
        accident: { ...DEFAULT_REPORTING_RULES.byCategory.accident, supplementaryWindowDaysByType: {} },
      },
    };
    const list = requiredReports(input({ typeCode: 'fire', casualtyChanges: [day8] }), [], day8, rules);
    expect(byKey(list, `supplementary:${day8}`).dueAt).toBe(addMs(day8, 6 * HOUR_MS));
  });
});

describe('续报 cadence', () => {
  const followUps = (list: RequiredReport[]) => list.filter((r) => r.kind === 'follow_up');

  it('none for 一般 or ungraded', () => {
    expect(followUps(requiredReports(input({ grade: 'IV' }), [], at(100)))).toEqual([]);
    expect(followUps(requiredReports(input({ grade: null }), [], at(100)))).toEqual([]);
  });

  it('较大: once a day, up to one period ahead of now', () => {
    const list = followUps(requiredReports(input({ grade: 'III' }), [], at(30)));
    expect(list.map((r) => r.dueAt)).toEqual([at(24), at(48)]);
    expect(list.map((r) => r.status)).toEqual(['overdue', 'pending']);
    expect(list[0]?.key).toBe('follow_up:2026-11-30T00');
  });

  it('重大/特别重大: twice a day', () => {
    for (const grade of ['II', 'I'] as const) {
      const list = followUps(requiredReports(input({ grade }), [], at(1)));
      expect(list.map((r) => r.dueAt)).toEqual([at(12)]);
    }
    expect(followUps(requiredReports(input({ grade: 'II' }), [], at(25))).map((r) => r.dueAt)).toEqual([at(12), at(24), at(36)]);
  });

  it('keys stay stable when the cadence doubles', () => {
    const iii = followUps(requiredReports(input({ grade: 'III' }), [], at(36))).map((r) => r.key);
    const ii = followUps(requiredReports(input({ grade: 'II' }), [], at(36))).map((r) => r.key);
    expect(ii).toEqual(expect.arrayContaining(iii));
  });

  it('a follow-up filed in its period satisfies that slot only', () => {
    const filed: FiledReportRef[] = [{ kind: 'follow_up', recipientLevel: null, filedAt: at(11), requirementKey: null }];
    const list = followUps(requiredReports(input({ grade: 'II' }), filed, at(25)));
    expect(list.map((r) => r.status)).toEqual(['filed', 'overdue', 'pending']);
  });

  it('an early 续报 does not stop the clock: the next slot is owed while the incident is active', () => {
    const early: FiledReportRef[] = [{ kind: 'follow_up', recipientLevel: null, filedAt: at(1), requirementKey: null }];
    const list = followUps(requiredReports(input({ grade: 'II' }), early, at(1)));
    expect(list.map((r) => [r.dueAt, r.status])).toEqual([[at(12), 'filed'], [at(24), 'pending']]);
    // A second early filing counts for no later period (it is not in one), and the next slot stays owed.
    const two = [...early, { ...early[0]!, filedAt: at(2) }];
    expect(followUps(requiredReports(input({ grade: 'II' }), two, at(2))).map((r) => r.status)).toEqual(['filed', 'pending']);
    // The owed slot goes overdue when its time passes.
    expect(followUps(requiredReports(input({ grade: 'II' }), early, at(25))).map((r) => r.status)).toEqual(['filed', 'overdue', 'pending']);
  });

  it('stop once the incident is recovering or closed', () => {
    expect(followUps(requiredReports(input({ grade: 'I', status: 'recovering' }), [], at(30)))).toEqual([]);
    expect(followUps(requiredReports(input({ grade: 'I', status: 'closed', closedAt: at(29) }), [], at(30)))).toEqual([]);
  });

  it('an upgrade does not create retroactive follow-ups', () => {
    const list = followUps(requiredReports(input({ grade: 'II', gradedAt: at(30) }), [], at(31)));
    expect(list.map((r) => r.dueAt)).toEqual([at(36)]);
  });
});

describe('终报', () => {
  it('not required before closing', () => {
    expect(requiredReports(input(), [], at(5)).some((r) => r.kind === 'final')).toBe(false);
  });

  it('due 24 h after closing', () => {
    const list = requiredReports(input({ status: 'closed', closedAt: at(10) }), [], at(40));
    expect(byKey(list, 'final')).toMatchObject({ kind: 'final', dueAt: at(34), status: 'overdue' });
    const filed: FiledReportRef[] = [{ kind: 'final', recipientLevel: 'county', filedAt: at(20), requirementKey: null }];
    expect(byKey(requiredReports(input({ status: 'closed', closedAt: at(10) }), filed, at(40)), 'final').status).toBe('filed');
  });

  it('closed without a closing time: required, no deadline', () => {
    expect(byKey(requiredReports(input({ status: 'closed' }), [], at(400)), 'final')).toMatchObject({ dueAt: null, status: 'pending' });
  });
});

describe('ordering', () => {
  it('requirements come sorted by due time', () => {
    const list = requiredReports(input({ grade: 'I', casualtyChanges: [at(2)], status: 'closed', closedAt: at(4) }), [], at(5));
    const dues = list.map((r) => r.dueAt);
    expect(dues).toEqual([...dues].sort());
  });
});
