import { describe, expect, it } from 'vitest';
import { upgradeNotice } from './upgrade';

describe('upgrade notice', () => {
  const at = '2026-11-29T03:00:00.000Z';
  it('none when nothing is flagged', () => {
    expect(upgradeNotice({ upgradeFlaggedAt: null, upgradeCause: null, grade: 'III', computedGrade: 'III' })).toBeNull();
  });
  it('says a person raised it, not the figures, after a manual raise', () => {
    expect(upgradeNotice({ upgradeFlaggedAt: at, upgradeCause: 'manual', grade: 'II', computedGrade: 'IV' })).toBe('manual');
  });
  it('says the figures raised it when the rules grade is in force', () => {
    expect(upgradeNotice({ upgradeFlaggedAt: at, upgradeCause: 'figures', grade: 'II', computedGrade: 'II' })).toBe('figures');
  });
  it('asks for a decision when the figures call for more than the grade set by hand', () => {
    expect(upgradeNotice({ upgradeFlaggedAt: at, upgradeCause: 'figures', grade: 'III', computedGrade: 'II' })).toBe('hidden');
  });
});
