import { describe, expect, it } from 'vitest';
import { computeGrade, DEFAULT_GRADING_CONFIG, gradeRank, isUpgrade, type GradingResult } from './grading';
import { UNKNOWN_IMPACT, type Impact } from './model';

const ZERO: Impact = { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 0, directLossYuan: 0, affected: 0, evacuated: 0 };

function grade(impact: Partial<Impact>, typeCode = 'production_safety') {
  const r = computeGrade({ category: 'accident', typeCode, impact: { ...ZERO, ...impact } });
  if (r.mode !== 'computed') throw new Error(`expected computed, got ${r.mode}`);
  return r;
}

describe('computeGrade: 493号令 第三条 boundaries (以上含本数、以下不含本数)', () => {
  it.each([
    [2, 'IV'], [3, 'III'], [9, 'III'], [10, 'II'], [29, 'II'], [30, 'I'],
  ] as const)('deaths %i → %s', (deaths, g) => {
    expect(grade({ deaths }).grade).toBe(g);
  });

  it.each([
    [9, 'IV'], [10, 'III'], [49, 'III'], [50, 'II'], [99, 'II'], [100, 'I'],
  ] as const)('serious injuries %i → %s', (seriousInjuries, g) => {
    expect(grade({ seriousInjuries }).grade).toBe(g);
  });

  it.each([
    [9_999_999, 'IV'], [10_000_000, 'III'], [49_999_999, 'III'], [50_000_000, 'II'], [99_999_999, 'II'], [100_000_000, 'I'],
  ] as const)('direct loss %i 元 → %s', (directLossYuan, g) => {
    expect(grade({ directLossYuan }).grade).toBe(g);
  });

  it('all zeros → Ⅳ, not provisional', () => {
    const r = grade({});
    expect(r).toMatchObject({ grade: 'IV', provisional: false, article: '生产安全事故报告和调查处理条例 第三条' });
    expect(r.basis).toHaveLength(3);
  });
});

describe('computeGrade: unknown vs zero', () => {
  it('all unknown → grade null, provisional', () => {
    const r = computeGrade({ category: 'accident', typeCode: 'fire', impact: UNKNOWN_IMPACT });
    expect(r).toMatchObject({ mode: 'computed', grade: null, provisional: true, basis: [] });
  });

  it('one measure known → that grade, provisional', () => {
    const r = computeGrade({ category: 'accident', typeCode: 'fire', impact: { ...UNKNOWN_IMPACT, seriousInjuries: 12 } });
    expect(r).toMatchObject({ mode: 'computed', grade: 'III', provisional: true });
    expect(r.mode === 'computed' && r.basis.map((b) => b.measure)).toEqual(['seriousInjuries']);
  });

  it('unknown missing keeps the deaths measure provisional', () => {
    expect(grade({ deaths: 0, missing: null })).toMatchObject({ grade: 'IV', provisional: true });
  });

  it('a Ⅰ grade is never provisional: nothing can raise it', () => {
    expect(grade({ deaths: 30, seriousInjuries: null, directLossYuan: null })).toMatchObject({ grade: 'I', provisional: false });
  });

  it('rejects negative figures', () => {
    expect(() => grade({ deaths: -1 })).toThrow(RangeError);
  });
});

describe('computeGrade: highest measure wins, basis highest first', () => {
  it('loss Ⅱ beats deaths Ⅳ and injuries Ⅲ', () => {
    const r = grade({ deaths: 1, seriousInjuries: 10, directLossYuan: 60_000_000 });
    expect(r.grade).toBe('II');
    expect(r.basis.map((b) => [b.measure, b.grade])).toEqual([
      ['directLossYuan', 'II'], ['seriousInjuries', 'III'], ['deaths', 'IV'],
    ]);
    expect(r.basis[0]?.rule).toBe('直接经济损失 6000 万元，5000 万元以上 1 亿元以下为重大');
  });

  it('rule text for deaths follows the brief', () => {
    const r = grade({ deaths: 12, missing: 0 });
    expect(r.basis[0]?.rule).toBe('死亡 12 人（含下落不明 0 人），10 人以上 30 人以下为重大');
  });

  it('rule text at the bottom and top bands', () => {
    expect(grade({ seriousInjuries: 100 }).basis[0]?.rule).toBe('重伤（含急性工业中毒）100 人，100 人以上为特别重大');
    expect(grade({}).basis.find((b) => b.measure === 'directLossYuan')?.rule).toBe('直接经济损失 0 元，1000 万元以下为一般');
  });
});

describe('computeGrade: missing people', () => {
  it('counted with deaths by default (2 dead + 1 missing → Ⅲ)', () => {
    const r = grade({ deaths: 2, missing: 1 });
    expect(DEFAULT_GRADING_CONFIG.missingCountsAsDeaths).toBe(true);
    expect(r.grade).toBe('III');
    expect(r.basis[0]).toMatchObject({ measure: 'deaths', value: 3 });
  });

  it('not counted when configured off', () => {
    const r = computeGrade(
      { category: 'accident', typeCode: 'production_safety', impact: { ...ZERO, deaths: 2, missing: 1 } },
      { ...DEFAULT_GRADING_CONFIG, missingCountsAsDeaths: false },
    );
    expect(r).toMatchObject({ mode: 'computed', grade: 'IV', provisional: false });
  });

  it('missing known while deaths unknown still sets a lower bound', () => {
    const r = computeGrade({ category: 'accident', typeCode: 'road_traffic', impact: { ...UNKNOWN_IMPACT, missing: 4 } });
    expect(r).toMatchObject({ grade: 'III', provisional: true });
  });
});

describe('computeGrade: modes', () => {
  it('social_safety is ungraded (突发事件应对法 第三条)', () => {
    const r: GradingResult = computeGrade({ category: 'social_safety', typeCode: 'mass_incident', impact: { ...ZERO, deaths: 40 } });
    expect(r).toEqual({ mode: 'ungraded', grade: null, article: expect.stringContaining('第三条') });
  });

  it.each([
    ['natural', 'flood'], ['public_health', 'infectious_disease'],
    ['accident', 'environmental_pollution'], ['accident', 'nuclear_radiation'], ['accident', 'unknown_code'],
  ] as const)('%s/%s is graded manually', (category, typeCode) => {
    expect(computeGrade({ category, typeCode, impact: { ...ZERO, deaths: 40 } })).toMatchObject({
      mode: 'manual', grade: null, reasonRequired: true,
    });
  });

  it.each(['production_safety', 'road_traffic', 'fire', 'hazardous_chemicals', 'public_facility'])('%s is computed', (typeCode) => {
    expect(grade({ deaths: 40 }, typeCode).grade).toBe('I');
  });

  it('the 493 type list is configurable', () => {
    const config = { ...DEFAULT_GRADING_CONFIG, productionSafetyTypes: ['production_safety'] };
    expect(computeGrade({ category: 'accident', typeCode: 'fire', impact: ZERO }, config).mode).toBe('manual');
  });
});

describe('gradeRank / isUpgrade', () => {
  it('ranks Ⅰ highest', () => {
    expect(['I', 'II', 'III', 'IV'].map((g) => gradeRank(g as 'I'))).toEqual([4, 3, 2, 1]);
  });

  it('detects upgrades only', () => {
    expect(isUpgrade('IV', 'III')).toBe(true);
    expect(isUpgrade('II', 'I')).toBe(true);
    expect(isUpgrade('III', 'III')).toBe(false);
    expect(isUpgrade('II', 'IV')).toBe(false);
    expect(isUpgrade(null, 'IV')).toBe(true);
    expect(isUpgrade('IV', null)).toBe(false);
    expect(isUpgrade(null, null)).toBe(false);
  });
});
