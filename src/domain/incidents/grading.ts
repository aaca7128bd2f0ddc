// Incident grading (事件分级). Automatic only for 生产安全事故 (493号令); other graded categories are
// graded by a person under the relevant specific plan; 社会安全事件 are not graded at all.
import type { Grade, GradingInput } from './model';
import { GRADE_LABELS, INCIDENT_TYPES } from './types';

export interface GradingConfig {
  /**
   * Count 下落不明 (missing) together with deaths. 493号令 第十二条(四) reports missing people with
   * the casualties, and treating the missing as possibly dead is the cautious choice: it never
   * grades too low while a search is under way. Configurable because 第三条 itself counts only 死亡.
   */
  missingCountsAsDeaths: boolean;
  /** Type codes graded by the 493号令 第三条 table (only within category 'accident'). */
  productionSafetyTypes: readonly string[];
}

export const DEFAULT_GRADING_CONFIG: GradingConfig = {
  missingCountsAsDeaths: true,
  productionSafetyTypes: INCIDENT_TYPES.filter((t) => t.grading === 'production_safety_493').map((t) => t.code),
};

export type GradingMeasure = 'deaths' | 'seriousInjuries' | 'directLossYuan';

export interface GradeBasis {
  measure: GradingMeasure;
  value: number;
  grade: Grade;
  /** zh text, e.g. "死亡 12 人（含下落不明 0 人），10 人以上 30 人以下为重大". */
  rule: string;
}

export type GradingResult =
  | { mode: 'computed'; grade: Grade | null; provisional: boolean; basis: GradeBasis[]; article: string }
  | { mode: 'manual'; grade: null; reasonRequired: true; article: string }
  | { mode: 'ungraded'; grade: null; article: string };

export const ARTICLE_493_GRADES = '生产安全事故报告和调查处理条例 第三条';
export const ARTICLE_MANUAL_GRADES = '突发事件应对法 第三条（分级标准由国务院或者国务院确定的部门制定，按专项应急预案确定）';
export const ARTICLE_UNGRADED = '突发事件应对法 第三条（社会安全事件不分级）';

/**
 * Lower bound of each band, per measure. "以上含本数、以下不含本数", so a value belongs to the first
 * (most severe) band whose minimum it reaches; Ⅳ is everything below Ⅲ.
 */
// 生产安全事故报告和调查处理条例 第三条第一款（一）至（四）及第三款
export const PRODUCTION_SAFETY_GRADE_TABLE: readonly {
  grade: Grade;
  deaths: number;
  seriousInjuries: number; // 重伤，包括急性工业中毒
  directLossYuan: number;
}[] = [
  { grade: 'I', deaths: 30, seriousInjuries: 100, directLossYuan: 100_000_000 },
  { grade: 'II', deaths: 10, seriousInjuries: 50, directLossYuan: 50_000_000 },
  { grade: 'III', deaths: 3, seriousInjuries: 10, directLossYuan: 10_000_000 },
  { grade: 'IV', deaths: 0, seriousInjuries: 0, directLossYuan: 0 },
];

const GRADE_RANK: Record<Grade, number> = { I: 4, II: 3, III: 2, IV: 1 };

export function gradeRank(g: Grade): number {
  return GRADE_RANK[g];
}

/** True when `to` is strictly more severe than `from`; "not yet graded" (null) ranks below Ⅳ. */
export function isUpgrade(from: Grade | null, to: Grade | null): boolean {
  if (to === null) return false;
  return from === null || gradeRank(to) > gradeRank(from);
}

export function gradeForMeasure(measure: GradingMeasure, value: number): Grade {
  for (const band of PRODUCTION_SAFETY_GRADE_TABLE) {
    if (value >= band[measure]) return band.grade;
  }
  return 'IV';
}

function trimNumber(n: number): string {
  return String(Number(n.toFixed(4)));
}

/** Money in the wording of the regulation: 1 亿元, 5000 万元, 999.9999 万元, 800 元. */
export function formatYuanZh(yuan: number): string {
  if (yuan >= 100_000_000) return `${trimNumber(yuan / 100_000_000)} 亿元`;
  if (yuan >= 10_000) return `${trimNumber(yuan / 10_000)} 万元`;
  return `${trimNumber(yuan)} 元`;
}

function formatAmount(measure: GradingMeasure, v: number): string {
  return measure === 'directLossYuan' ? formatYuanZh(v) : `${v} 人`;
}

/** Band wording, e.g. "10 人以上 30 人以下为重大", built from the table so text and logic agree. */
export function bandRuleZh(measure: GradingMeasure, grade: Grade): string {
  const i = PRODUCTION_SAFETY_GRADE_TABLE.findIndex((b) => b.grade === grade);
  const band = PRODUCTION_SAFETY_GRADE_TABLE[i];
  const upper = PRODUCTION_SAFETY_GRADE_TABLE[i - 1];
  if (!band) throw new RangeError(`unknown grade ${grade}`);
  const name = GRADE_LABELS[grade].zh;
  if (!upper) return `${formatAmount(measure, band[measure])}以上为${name}`;
  if (band[measure] === 0) return `${formatAmount(measure, upper[measure])}以下为${name}`;
  return `${formatAmount(measure, band[measure])}以上 ${formatAmount(measure, upper[measure])}以下为${name}`;
}

function checkCount(name: string, v: number | null): void {
  if (v !== null && (!Number.isFinite(v) || v < 0)) throw new RangeError(`${name} must be a non-negative number, got ${v}`);
}

interface Measured {
  measure: GradingMeasure;
  /** Sum of the known parts; null when every part is unknown. */
  value: number | null;
  /** Some part is unknown, so the true value may be higher. */
  incomplete: boolean;
  describe: (v: number) => string;
}

export function computeGrade(input: GradingInput, config: GradingConfig = DEFAULT_GRADING_CONFIG): GradingResult {
  if (input.category === 'social_safety') return { mode: 'ungraded', grade: null, article: ARTICLE_UNGRADED };
  // 493号令 第二条: the table covers 生产安全事故 only, which are always 事故灾难.
  if (input.category !== 'accident' || !config.productionSafetyTypes.includes(input.typeCode)) {
    return { mode: 'manual', grade: null, reasonRequired: true, article: ARTICLE_MANUAL_GRADES };
  }

  const { deaths, missing, seriousInjuries, directLossYuan } = input.impact;
  checkCount('deaths', deaths);
  checkCount('missing', missing);
  checkCount('seriousInjuries', seriousInjuries);
  checkCount('directLossYuan', directLossYuan);

  const countMissing = config.missingCountsAsDeaths;
  const deathParts = countMissing ? [deaths, missing] : [deaths];
  const deathKnown = deathParts.filter((v): v is number => v !== null);

  const measures: Measured[] = [
    {
      measure: 'deaths',
      value: deathKnown.length === 0 ? null : deathKnown.reduce((a, b) => a + b, 0),
      incomplete: deathKnown.length < deathParts.length,
      describe: (v) => {
        if (!countMissing) return `死亡 ${v} 人`;
        if (deaths === null) return `死亡及下落不明至少 ${v} 人（死亡人数未知，下落不明 ${missing} 人）`;
        if (missing === null) return `死亡 ${v} 人（下落不明人数未知）`;
        return `死亡 ${v} 人（含下落不明 ${missing} 人）`;
      },
    },
    {
      measure: 'seriousInjuries',
      value: seriousInjuries,
      incomplete: seriousInjuries === null,
      describe: (v) => `重伤（含急性工业中毒）${v} 人`,
    },
    {
      measure: 'directLossYuan',
      value: directLossYuan,
      incomplete: directLossYuan === null,
      describe: (v) => `直接经济损失 ${formatYuanZh(v)}`,
    },
  ];

  const basis: GradeBasis[] = [];
  for (const m of measures) {
    if (m.value === null) continue;
    const grade = gradeForMeasure(m.measure, m.value);
    basis.push({ measure: m.measure, value: m.value, grade, rule: `${m.describe(m.value)}，${bandRuleZh(m.measure, grade)}` });
  }
  // Stable sort: ties keep the order deaths, serious injuries, loss.
  basis.sort((a, b) => gradeRank(b.grade) - gradeRank(a.grade));

  const grade = basis[0]?.grade ?? null;
  // An unknown can only raise the grade later, and nothing is above Ⅰ.
  const provisional = measures.some((m) => m.incomplete) && grade !== 'I';
  return { mode: 'computed', grade, provisional, basis, article: ARTICLE_493_GRADES };
}
