import { describe, expect, it } from 'vitest';
import { effectiveRules, looserThanInherited, overriddenSettings, statutoryFloor, DEFAULT_RULES } from './rule-settings';
import { requiredReports } from './reporting';
import { computeGrade } from './grading';

describe('local rule settings', () => {
  it('keeps the national defaults when nobody changes anything', () => {
    expect(effectiveRules([])).toEqual(DEFAULT_RULES);
  });

  it('lets the deepest jurisdiction win, field by field', () => {
    // 江西: 市→省 within 3 h for 自然灾害 (no statute of its own); a city of it asks 县→市 within 1 h.
    const province = { reporting: { byCategory: { natural: { hopHours: { city: 2, province: 3 } } } } };
    const city = { reporting: { byCategory: { natural: { hopHours: { city: 1 } } } }, grading: { missingCountsAsDeaths: false } };
    const r = effectiveRules([province, city]);
    expect(r.reporting.byCategory.natural.hopHours).toEqual({ city: 1, province: 3, national: 2 });
    expect(r.reporting.byCategory.natural.initialHours).toBe(1); // untouched default
    expect(r.reporting.byCategory.accident).toEqual(DEFAULT_RULES.reporting.byCategory.accident);
    expect(r.grading.missingCountsAsDeaths).toBe(false);
    expect(DEFAULT_RULES.reporting.byCategory.natural.hopHours.city).toBe(2); // defaults not mutated
  });

  it('never applies a value looser than the statute or an ancestor requires, even one stored before the ancestor tightened', () => {
    const county = { reporting: { byCategory: { accident: { initialHours: 0.5 } } } };
    const township = { reporting: { byCategory: { accident: { initialHours: 0.75, hopHours: { city: 1 } } } } }; // set when 1 h was the rule
    const r = effectiveRules([county, township]);
    expect(r.reporting.byCategory.accident.initialHours).toBe(0.5); // the county's, not the township's stale 0.75
    expect(r.reporting.byCategory.accident.hopHours.city).toBe(1); // the township's stricter value still applies
    expect(overriddenSettings([county], township).map((o) => o.path)).toEqual(['reporting.byCategory.accident.initialHours']);
    // 493号令 第九条 holds whatever a stored setting says.
    expect(effectiveRules([{ reporting: { byCategory: { accident: { initialHours: 3 } } } }]).reporting.byCategory.accident.initialHours).toBe(1);
  });

  it('changes the due times the clocks compute and the grade', () => {
    const strict = effectiveRules([{ reporting: { byCategory: { accident: { initialHours: 0.5 } } } }]);
    const input = {
      category: 'accident' as const, typeCode: 'production_safety', grade: 'IV' as const, occurredAt: '2026-11-29T00:00:00.000Z',
      reportedAt: '2026-11-29T00:10:00.000Z', status: 'reported' as const, closedAt: null, casualtyChanges: [],
    };
    const due = requiredReports(input, [], '2026-11-29T00:11:00.000Z', strict.reporting).find((r) => r.key === 'initial:county')!.dueAt;
    expect(due).toBe('2026-11-29T00:40:00.000Z');
    const impact = { deaths: 1, missing: 2, seriousInjuries: 0, minorInjuries: 0, directLossYuan: 0, affected: null, evacuated: null };
    expect(computeGrade({ category: 'accident', typeCode: 'production_safety', impact }).grade).toBe('III');
    const noMissing = effectiveRules([{ grading: { missingCountsAsDeaths: false } }]);
    expect(computeGrade({ category: 'accident', typeCode: 'production_safety', impact }, noMissing.grading).grade).toBe('IV');
  });

  it('finds the values looser than those inherited, by path', () => {
    const county = effectiveRules([{ reporting: { byCategory: { accident: { initialHours: 0.5 } } } }]);
    expect(looserThanInherited(county, { reporting: { byCategory: { accident: { initialHours: 1, hopHours: { city: 1 } } } } })).toEqual([
      { path: 'reporting.byCategory.accident.initialHours', message: '不得宽于上级规定的 0.5 小时（本地规则只能更严格）' },
    ]);
    const floor = statutoryFloor(DEFAULT_RULES);
    expect(looserThanInherited(floor, {
      reporting: { byCategory: { accident: { supplementaryWindowDays: 20, supplementaryWindowDaysByType: { fire: 5, road_traffic: 10 }, followUpEveryHours: { IV: 24 } } } },
    }).map((l) => l.path)).toEqual(['reporting.byCategory.accident.supplementaryWindowDays', 'reporting.byCategory.accident.supplementaryWindowDaysByType.fire']);
    expect(looserThanInherited(floor, { grading: { missingCountsAsDeaths: false } })).toEqual([]);
  });

  it('holds local rules to the statutes only: 493号令 for accidents, 突发公共卫生事件应急条例 for public health', () => {
    const floor = statutoryFloor(DEFAULT_RULES);
    const paths = (s: Parameters<typeof looserThanInherited>[1]) => looserThanInherited(floor, s).map((l) => l.path);
    expect(paths({ reporting: { byCategory: { accident: { initialHours: 2, hopHours: { province: 3 } } } } })).toEqual([
      'reporting.byCategory.accident.initialHours', 'reporting.byCategory.accident.hopHours.province',
    ]);
    expect(paths({ reporting: { byCategory: { public_health: { initialHours: 3, reachByGrade: { IV: 'province' } } } } })).toEqual([
      'reporting.byCategory.public_health.initialHours', 'reporting.byCategory.public_health.reachByGrade.IV',
    ]);
    // 江西 突发事件应对条例: 市→省 within 3 h; 自然灾害 has no statute of its own, so the 2 h default may be loosened.
    expect(paths({ reporting: { byCategory: { natural: { initialHours: 2, hopHours: { province: 3 }, reachByGrade: { IV: 'county' } } }, supplementaryDueHours: 72, finalDueHours: 72 } })).toEqual([]);
    // The 续报 cadence is a default everywhere, the 公共卫生 补报 window borrowed.
    expect(paths({ reporting: { byCategory: { accident: { followUpEveryHours: { I: 24 } }, public_health: { supplementaryWindowDays: 10 } } } })).toEqual([]);
  });
});
