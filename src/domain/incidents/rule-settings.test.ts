import { describe, expect, it } from 'vitest';
import { effectiveRules, DEFAULT_RULES } from './rule-settings';
import { requiredReports } from './reporting';
import { computeGrade } from './grading';

describe('local rule settings', () => {
  it('keeps the national defaults when nobody changes anything', () => {
    expect(effectiveRules([])).toEqual(DEFAULT_RULES);
  });

  it('lets the deepest jurisdiction win, field by field', () => {
    const province = { reporting: { byCategory: { accident: { hopHours: { city: 2, province: 3 } } } } };
    const city = { reporting: { byCategory: { accident: { hopHours: { city: 1 } } } }, grading: { missingCountsAsDeaths: false } };
    const r = effectiveRules([province, city]);
    expect(r.reporting.byCategory.accident.hopHours).toEqual({ city: 1, province: 3, national: 2 });
    expect(r.reporting.byCategory.accident.initialHours).toBe(1); // untouched default
    expect(r.reporting.byCategory.natural).toEqual(DEFAULT_RULES.reporting.byCategory.natural);
    expect(r.grading.missingCountsAsDeaths).toBe(false);
    expect(DEFAULT_RULES.reporting.byCategory.accident.hopHours.city).toBe(2); // defaults not mutated
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
});
