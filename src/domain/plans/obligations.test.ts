import { describe, expect, it } from 'vitest';
import { addMonths, addWorkingDays, DEFAULT_PLAN_OBLIGATION_RULES as R, planObligations, worstStatus } from './obligations';

describe('plan obligations (88号令 第二十六、三十三、三十五条; 708号令 第八条)', () => {
  it('filing is due 20 working days after issue, skipping weekends and configured holidays', () => {
    expect(addWorkingDays('2026-11-02', 20, R)).toBe('2026-11-30'); // Monday + 4 weeks
    expect(addWorkingDays('2026-09-28', 5, { holidays: ['2026-10-01', '2026-10-02'], workingWeekendDays: ['2026-10-10'] })).toBe('2026-10-07');
    expect(addWorkingDays('2026-10-08', 2, { holidays: [], workingWeekendDays: ['2026-10-10'] })).toBe('2026-10-10');
  });

  it('month arithmetic keeps to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2026-05-15', 36)).toBe('2029-05-15');
  });

  it('an enterprise on-site scheme is drilled every half year; overdue shows red', () => {
    const o = planObligations({ kind: 'onsite', ownerType: 'enterprise', issuedOn: '2026-01-10', filedOn: '2026-01-20', drills: ['2026-03-01'], evaluations: [] }, '2026-09-02');
    expect(o).toEqual([
      expect.objectContaining({ kind: 'filing', status: 'done', lastOn: '2026-01-20' }),
      expect.objectContaining({ kind: 'drill', dueOn: '2026-09-01', status: 'overdue', lastOn: '2026-03-01' }),
    ]);
    expect(worstStatus(o)).toBe('overdue');
  });

  it('a township plan is drilled every 2 years, a government plan evaluated every 3; filing due soon', () => {
    const o = planObligations({ kind: 'specific', ownerType: 'government', issuedOn: '2026-11-02', filedOn: null, drills: [], evaluations: [] }, '2026-11-10');
    expect(o.map((x) => [x.kind, x.dueOn, x.status])).toEqual([
      ['filing', '2026-11-30', 'due_soon'], ['drill', '2029-11-02', 'ok'], ['evaluation', '2029-11-02', 'ok'],
    ]);
    const t = planObligations({ kind: 'comprehensive', ownerType: 'township', issuedOn: '2024-01-01', filedOn: '2024-01-05', drills: [], evaluations: [] }, '2026-11-10');
    expect(t.find((x) => x.kind === 'drill')).toMatchObject({ dueOn: '2026-01-01', status: 'overdue' });
    expect(t.some((x) => x.kind === 'evaluation')).toBe(false);
  });
});
