import { z } from 'zod';
import { CATEGORIES, GRADES, REPORT_KINDS, STATUSES } from '../domain/incidents/model';
import { findIncidentType } from '../domain/incidents/types';
import { Instant } from './common';

// Casualty counts: whole, non-negative people; null = unknown (not 0).
const count = z
  .int('须为非负整数（人数），未知请留空')
  .min(0, '不能为负数')
  .max(100_000_000, '数值过大')
  .nullable();

const money = z.int('须为非负整数（元），未知请留空').min(0, '不能为负数').max(1e15, '数值过大').nullable();

/** A change of some figures: only the figures named are changed (no defaults here). */
export const ImpactPatch = z
  .object({ deaths: count, missing: count, seriousInjuries: count, minorInjuries: count, directLossYuan: money, affected: count, evacuated: count })
  .partial()
  .strict();

/** Figures at intake: a figure left out is unknown (null). */
export const ImpactInput = z
  .object({
    deaths: count.default(null),
    missing: count.default(null),
    seriousInjuries: count.default(null),
    minorInjuries: count.default(null),
    directLossYuan: money.default(null),
    affected: count.default(null),
    evacuated: count.default(null),
  })
  .strict();
export const Impact = z.object({
  deaths: z.number().nullable(), missing: z.number().nullable(), seriousInjuries: z.number().nullable(),
  minorInjuries: z.number().nullable(), directLossYuan: z.number().nullable(), affected: z.number().nullable(),
  evacuated: z.number().nullable(),
});

/** WGS84 point and/or address text: a village officer often knows the place but not its coordinates. */
export const Location = z
  .object({
    lat: z.number('须为数字').min(-90, '纬度须在 -90 到 90 之间').max(90, '纬度须在 -90 到 90 之间').nullable().default(null),
    lon: z.number('须为数字').min(-180, '经度须在 -180 到 180 之间').max(180, '经度须在 -180 到 180 之间').nullable().default(null),
    address: z.string().trim().max(200, '地址不超过 200 字').default(''),
  })
  .superRefine((l, ctx) => {
    if ((l.lat === null) !== (l.lon === null))
      ctx.addIssue({ code: 'custom', path: [l.lat === null ? 'lat' : 'lon'], message: '经纬度须同时填写或同时留空' });
    else if (l.lat === null && !l.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '请填写地址或经纬度' });
  });

const typeMatchesCategory = (v: { category?: string; typeCode?: string }, ctx: z.RefinementCtx) => {
  if (v.typeCode === undefined) return;
  const t = findIncidentType(v.typeCode);
  if (!t) ctx.addIssue({ code: 'custom', path: ['typeCode'], message: `未知的事件类型代码：${v.typeCode}` });
  else if (v.category !== undefined && t.category !== v.category)
    ctx.addIssue({ code: 'custom', path: ['typeCode'], message: `事件类型 ${v.typeCode} 不属于所选类别` });
};

export const IncidentCreate = z
  .object({
    category: z.enum(CATEGORIES, '须为 natural、accident、public_health 或 social_safety'),
    typeCode: z.string().min(1, '请选择事件类型').max(64),
    title: z.string().trim().min(2, '标题至少 2 个字').max(120, '标题不超过 120 字'),
    description: z.string().trim().max(10_000, '描述不超过 10000 字').default(''),
    occurredAt: Instant,
    location: Location.nullable().default(null),
    jurisdictionCode: z.string().regex(/^\d{6}(\d{3}){0,2}$/, '须为行政区划代码'),
    /** The unit that reported it (an enterprise phoning the duty room); default: the caller's own organisation. */
    reportingOrganisationId: z.string().min(1).max(64).optional(),
    impact: ImpactInput.default({
      deaths: null, missing: null, seriousInjuries: null, minorInjuries: null, directLossYuan: null, affected: null, evacuated: null,
    }),
  })
  .strict()
  .superRefine(typeMatchesCategory);
export type IncidentCreate = z.input<typeof IncidentCreate>;

export const IncidentPatch = z
  .object({
    title: z.string().trim().min(2, '标题至少 2 个字').max(120, '标题不超过 120 字').optional(),
    description: z.string().trim().max(10_000).optional(),
    typeCode: z.string().min(1).max(64).optional(),
    occurredAt: Instant.optional(),
    location: Location.nullable().optional(),
    impact: ImpactPatch.optional(),
    status: z.enum(STATUSES).optional(),
    /** A person's grade (override of the computed one, or the grade of a type graded by hand); null clears it. */
    grade: z.enum(GRADES).nullable().optional(),
    gradeReason: z.string().trim().min(2, '请说明定级理由').max(500).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Setting and clearing a person's grade are both grading decisions: each goes on the timeline with its reason.
    if (v.grade !== undefined && !v.gradeReason)
      ctx.addIssue({ code: 'custom', path: ['gradeReason'], message: v.grade === null ? '取消人工定级须说明理由' : '人工定级须说明理由' });
    typeMatchesCategory(v, ctx);
  });
export type IncidentPatch = z.input<typeof IncidentPatch>;

export const GradeInfo = z.object({
  grade: z.enum(GRADES).nullable(),
  gradeLabel: z.string().nullable(),
  computedGrade: z.enum(GRADES).nullable(),
  gradeMode: z.enum(['computed', 'manual', 'ungraded']),
  gradeProvisional: z.boolean(),
  gradeOverride: z.object({ grade: z.enum(GRADES), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  gradeBasis: z.array(z.object({ measure: z.string(), value: z.number(), grade: z.enum(GRADES), rule: z.string() })),
  upgradeFlaggedAt: z.string().nullable(),
  /** What raised the grade: new figures (the rules' grade rose) or a person's grade; null when nothing is flagged. */
  upgradeCause: z.enum(['figures', 'manual']).nullable(),
});

export const Incident = z
  .object({
    id: z.string(),
    category: z.enum(CATEGORIES),
    typeCode: z.string(),
    title: z.string(),
    description: z.string(),
    occurredAt: z.string(),
    reportedAt: z.string(),
    location: z.object({ lat: z.number().nullable(), lon: z.number().nullable(), address: z.string() }).nullable(),
    jurisdictionCode: z.string(),
    jurisdictionName: z.string(),
    reportingOrganisation: z.object({ id: z.string(), name: z.string() }).nullable(),
    impact: Impact,
    status: z.enum(STATUSES),
    overdueReports: z.number(),
    isDrill: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .extend(GradeInfo.shape);
export type Incident = z.infer<typeof Incident>;

export const IncidentListQuery = z.object({
  category: z.enum(CATEGORIES).optional(),
  grade: z.enum([...GRADES, 'none']).optional(),
  status: z.enum([...STATUSES, 'open']).optional(),
  jurisdiction: z.string().regex(/^\d{6}(\d{3}){0,2}$/, '须为行政区划代码').optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type IncidentListQuery = z.input<typeof IncidentListQuery>;

export const IncidentEvent = z.object({
  id: z.string(),
  incidentId: z.string().nullable(),
  type: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  jurisdictionCode: z.string(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const RequiredReport = z.object({
  key: z.string(),
  kind: z.enum(REPORT_KINDS),
  recipientLevel: z.enum(['county', 'city', 'province', 'national']).nullable(),
  labelZh: z.string(),
  labelEn: z.string(),
  dueAt: z.string().nullable(),
  status: z.enum(['pending', 'overdue', 'filed', 'filed_late']),
  filedAt: z.string().nullable(),
  article: z.string(),
});
export type RequiredReport = z.infer<typeof RequiredReport>;

/** 493号令 第十二条: the content of an accident report, as a form. */
export const ReportFile = z
  .object({
    kind: z.enum(REPORT_KINDS),
    requirementKey: z.string().max(100).nullable().default(null),
    recipientLevel: z.enum(['county', 'city', 'province', 'national']).nullable().default(null),
    recipient: z.string().trim().max(200).default(''),
    unitProfile: z.string().trim().max(5000).default(''),
    timeAndPlace: z.string().trim().min(1, '请填写时间、地点、现场情况').max(5000),
    briefHistory: z.string().trim().min(1, '请填写简要经过').max(10_000),
    measuresTaken: z.string().trim().max(10_000).default(''),
    other: z.string().trim().max(10_000).default(''),
  })
  .strict();
export type ReportFile = z.input<typeof ReportFile>;

export const FiledReport = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: z.enum(REPORT_KINDS),
  requirementKey: z.string().nullable(),
  recipientLevel: z.enum(['county', 'city', 'province', 'national']).nullable(),
  recipient: z.string(),
  unitProfile: z.string(),
  timeAndPlace: z.string(),
  briefHistory: z.string(),
  measuresTaken: z.string(),
  other: z.string(),
  impactSnapshot: Impact,
  gradeSnapshot: z.enum(GRADES).nullable(),
  filedAt: z.string(),
  filedBy: z.object({ id: z.string(), name: z.string() }),
});
export type FiledReport = z.infer<typeof FiledReport>;

export const IncidentTypeInfo = z.object({
  code: z.string(),
  category: z.enum(CATEGORIES),
  zh: z.string(),
  en: z.string(),
  grading: z.string(),
});
