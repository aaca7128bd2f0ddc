import { z } from 'zod';
import { CATEGORIES } from '../domain/incidents/model';
import { PLAN_KINDS, PLAN_OWNER_TYPES } from '../domain/plans/model';

const hours = z.number('须为数字（小时）').positive('须大于 0').max(24 * 90, '不超过 90 天');
const days = z.int('须为整数（天）').min(1, '至少 1 天').max(365, '不超过 365 天');
const level = z.enum(['county', 'city', 'province', 'national'], '须为 county、city、province 或 national');
const gradeKeys = <T extends z.ZodType>(t: T) =>
  z.object({ I: t, II: t, III: t, IV: t, ungraded: t }).partial().strict();

const CategoryRule = z
  .object({
    initialHours: hours,
    hopHours: z.object({ city: hours, province: hours, national: hours }).partial().strict(),
    reachByGrade: gradeKeys(level),
    followUpEveryHours: gradeKeys(hours.nullable()),
    supplementaryWindowDays: days,
    supplementaryWindowDaysByType: z.record(z.string().regex(/^[a-z_]+$/, '须为事件类型代码'), days),
    initialArticle: z.string().max(300),
    escalationArticle: z.string().max(300),
    followUpArticle: z.string().max(300),
    supplementaryArticle: z.string().max(300),
  })
  .partial()
  .strict();

const months = z.int('须为整数（月）').min(1, '至少 1 个月').max(120, '不超过 10 年').nullable();
const DrillByKind = z.object(Object.fromEntries(PLAN_KINDS.map((k) => [k, months])) as Record<(typeof PLAN_KINDS)[number], typeof months>).partial().strict();

/** What a jurisdiction changes of the national defaults (only the fields it names). */
export const RuleSettings = z
  .object({
    reporting: z
      .object({
        byCategory: z.object(Object.fromEntries(CATEGORIES.map((c) => [c, CategoryRule])) as Record<(typeof CATEGORIES)[number], typeof CategoryRule>).partial().strict(),
        supplementaryDueHours: hours,
        finalDueHours: hours,
        finalArticle: z.string().max(300),
      })
      .partial()
      .strict(),
    grading: z.object({ missingCountsAsDeaths: z.boolean('须为 true 或 false') }).partial().strict(),
    plans: z
      .object({
        filingWorkingDays: z.int('须为整数（工作日）').min(1).max(365).nullable(),
        drillMonths: z.object(Object.fromEntries(PLAN_OWNER_TYPES.map((o) => [o, DrillByKind])) as Record<(typeof PLAN_OWNER_TYPES)[number], typeof DrillByKind>).partial().strict(),
        evaluationMonths: z.object(Object.fromEntries(PLAN_OWNER_TYPES.map((o) => [o, months])) as Record<(typeof PLAN_OWNER_TYPES)[number], typeof months>).partial().strict(),
        dueSoonDays: z.int('须为整数（天）').min(0).max(365),
        holidays: z.array(z.iso.date('须为日期，如 2026-10-01')).max(400),
        workingWeekendDays: z.array(z.iso.date('须为日期，如 2026-10-10')).max(100),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type RuleSettings = z.infer<typeof RuleSettings>;

export const RulesView = z.object({
  jurisdictionCode: z.string(),
  /** This jurisdiction's own settings. */
  own: RuleSettings,
  /** Ancestors (root first) whose settings also apply, with what each set. */
  inherited: z.array(z.object({ jurisdictionCode: z.string(), name: z.string(), settings: RuleSettings })),
  /** Defaults merged with every layer: what the clocks and grading use here. */
  effective: z.object({ reporting: z.record(z.string(), z.unknown()), grading: z.record(z.string(), z.unknown()), plans: z.record(z.string(), z.unknown()) }),
  /** Own values that do not apply: looser than the statute or than what an ancestor has since required. */
  notApplied: z.array(z.object({ path: z.string(), message: z.string() })),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type RulesView = z.infer<typeof RulesView>;
