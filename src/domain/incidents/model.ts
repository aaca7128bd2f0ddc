// Core vocabulary of 突发事件. Names follow docs/GLOSSARY.md.
import type { UtcInstant } from '../shared/time';

/** 突发事件应对法 第二条: the four categories. */
export const CATEGORIES = ['natural', 'accident', 'public_health', 'social_safety'] as const;
export type Category = (typeof CATEGORIES)[number];

/** 突发事件应对法 第三条: 特别重大/重大/较大/一般 = Ⅰ/Ⅱ/Ⅲ/Ⅳ. Not for social_safety. */
export const GRADES = ['I', 'II', 'III', 'IV'] as const;
export type Grade = (typeof GRADES)[number];

/** Impact figures; `null` means unknown, which is not the same as 0. */
export interface Impact {
  deaths: number | null;
  missing: number | null;
  /** 重伤, including 急性工业中毒 (493号令 第三条). */
  seriousInjuries: number | null;
  minorInjuries: number | null;
  directLossYuan: number | null;
  affected: number | null;
  evacuated: number | null;
}

export const IMPACT_FIELDS = [
  'deaths', 'missing', 'seriousInjuries', 'minorInjuries', 'directLossYuan', 'affected', 'evacuated',
] as const satisfies readonly (keyof Impact)[];

export const UNKNOWN_IMPACT: Impact = {
  deaths: null, missing: null, seriousInjuries: null, minorInjuries: null,
  directLossYuan: null, affected: null, evacuated: null,
};

/** Incident lifecycle 接报 → 核实 → 处置中 → 恢复 → 结束. */
export const STATUSES = ['reported', 'verified', 'responding', 'recovering', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/** 信息报告 kinds (493号令 第九–十三条). */
export const REPORT_KINDS = ['initial', 'follow_up', 'verification', 'supplementary', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface GradingInput {
  category: Category;
  typeCode: string;
  impact: Impact;
}

export type { UtcInstant };
