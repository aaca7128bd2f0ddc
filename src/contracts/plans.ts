// Plans, responses and tasks over HTTP. PlanContent mirrors domain/plans/model.ts; its cross-field rules
// (unique keys, tasks naming roles that exist, types that belong to their category) give one error per field.
import { z } from 'zod';
import { CATEGORIES, GRADES } from '../domain/incidents/model';
import { findIncidentType } from '../domain/incidents/types';
import { COMPARATORS, PLAN_KINDS, PLAN_OWNER_TYPES, WARNING_LEVELS } from '../domain/plans/model';
import { Id } from './common';

const text = (max: number, label = '内容') => z.string(`${label}须为文字`).trim().max(max, `${label}不超过 ${max} 字`);
const required = (max: number, label: string) => text(max, label).min(1, `请填写${label}`);
const key = z.string('须为文字').trim().regex(/^[A-Za-z0-9_.-]{1,40}$/, '代码须为 1–40 位字母、数字、_ . -');
const IsoDate = z.iso.date('须为日期，如 2026-11-29');

export const FigureCondition = z.object({
  measure: required(40, '指标'),
  op: z.enum(COMPARATORS, '比较符须为 >= > <= < = 之一'),
  value: z.number('须为数字').finite('须为有限数字'),
  unit: text(10, '单位').optional(),
}).strict();

export const PlanTriggers = z.object({
  categories: z.array(z.enum(CATEGORIES, '未知的事件类别')).max(4).default([]),
  typeCodes: z.array(z.string().max(40)).max(50).default([]),
  minGrade: z.enum(GRADES, '等级须为 I、II、III、IV 之一').nullable().default(null),
  jurisdictionCodes: z.array(z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码须为 6、9 或 12 位数字')).max(200).default([]),
  warning: z.object({ types: z.array(z.string().max(40)).max(50), minLevel: z.enum(WARNING_LEVELS, '预警级别须为 red/orange/yellow/blue') }).strict().nullable().default(null),
  conditions: z.array(FigureCondition).max(20).default([]),
}).strict().superRefine((t, ctx) => {
  t.typeCodes.forEach((code, i) => {
    const type = findIncidentType(code);
    if (!type) ctx.addIssue({ code: 'custom', path: ['typeCodes', i], message: `未知的事件类型代码：${code}` });
    else if (t.categories.length && !t.categories.includes(type.category))
      ctx.addIssue({ code: 'custom', path: ['typeCodes', i], message: `事件类型 ${code} 不属于所选类别` });
  });
});

const Filler = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('organisation'), organisationId: Id, name: required(100, '单位名称') }).strict(),
  z.object({ kind: z.literal('person'), userId: Id.nullable().default(null), name: required(50, '姓名'), phone: text(30, '电话').nullable().optional() }).strict(),
], { error: '担任者须为单位（organisation）或个人（person）' });

const CommandRole = z.object({
  key, title: required(50, '岗位名称'), parentKey: key.nullable().default(null), duties: text(2000, '职责').default(''), filledBy: Filler.nullable().default(null),
}).strict();

const TaskTemplate = z.object({
  key, title: required(1000, '任务名称'), roleKey: key.nullable().default(null),
  offsetMinutes: z.int('完成时限须为整数分钟').min(0, '完成时限不能为负').max(30 * 24 * 60, '完成时限不超过 30 天'),
  checklist: z.array(required(200, '检查项')).max(50).default([]),
  feedbackRequired: z.boolean().default(true),
}).strict();

const NotifyTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), roleKey: key }).strict(),
  z.object({ kind: z.literal('organisation'), organisationId: Id, name: required(100, '单位名称') }).strict(),
  z.object({ kind: z.literal('user'), userId: Id, name: required(50, '姓名') }).strict(),
], { error: '通知对象须为岗位、单位或用户' });

const ResourceNeed = z.object({
  kind: z.enum(['item', 'team'], '须为物资（item）或队伍（team）'), type: required(100, '物资或队伍类型'),
  quantity: z.number('数量须为数字').positive('数量须大于 0').max(1e9), unit: required(10, '单位'),
}).strict();

const unique = <T>(items: T[], keyOf: (t: T) => string, path: (i: number) => PropertyKey[], what: string, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const k = keyOf(it);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: path(i), message: `${what}重复：${k}` });
    seen.add(k);
  });
};

export const ResponseLevel = z.object({
  key, name: required(30, '级别名称'), rank: z.int('级别序号须为整数').min(1, '级别序号从 1（最高）开始').max(10),
  startConditions: z.object({
    text: text(4000, '启动条件').default(''), minGrade: z.enum(GRADES).nullable().default(null), conditions: z.array(FigureCondition).max(20).default([]),
  }).strict(),
  roles: z.array(CommandRole).max(100).default([]),
  tasks: z.array(TaskTemplate).max(500).default([]),
  notify: z.array(NotifyTarget).max(200).default([]),
  resources: z.array(ResourceNeed).max(200).default([]),
}).strict().superRefine((l, ctx) => {
  unique(l.roles, (r) => r.key, (i) => ['roles', i, 'key'], '岗位代码', ctx);
  unique(l.tasks, (t) => t.key, (i) => ['tasks', i, 'key'], '任务代码', ctx);
  const roles = new Set(l.roles.map((r) => r.key));
  l.roles.forEach((r, i) => {
    if (r.parentKey !== null && !roles.has(r.parentKey)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'parentKey'], message: `上级岗位不存在：${r.parentKey}` });
  });
  l.tasks.forEach((t, i) => {
    if (t.roleKey !== null && !roles.has(t.roleKey)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'roleKey'], message: `责任岗位不存在：${t.roleKey}` });
  });
  l.notify.forEach((n, i) => {
    if (n.kind === 'role' && !roles.has(n.roleKey)) ctx.addIssue({ code: 'custom', path: ['notify', i, 'roleKey'], message: `通知岗位不存在：${n.roleKey}` });
  });
});

type Section = { number: string; heading: string; text: string; children: Section[] };
const PlanSection: z.ZodType<Section> = z.lazy(() =>
  z.object({ number: text(20, '编号').default(''), heading: text(200, '标题').default(''), text: text(200_000, '正文').default(''), children: z.array(PlanSection).max(500).default([]) }).strict(),
) as z.ZodType<Section>;

export const PlanContent = z.object({
  title: required(200, '预案名称'),
  kind: z.enum(PLAN_KINDS, '预案类型须为 comprehensive/specific/onsite/card'),
  ownerType: z.enum(PLAN_OWNER_TYPES, '编制主体须为 government/township/enterprise/enterprise_high_risk'),
  scope: text(4000, '适用范围').default(''),
  triggers: PlanTriggers,
  levels: z.array(ResponseLevel).max(10, '响应级别不超过 10 个'),
  liftConditions: z.array(required(500, '解除条件')).max(50).default([]),
  sections: z.array(PlanSection).max(500).default([]),
}).strict().superRefine((p, ctx) => {
  unique(p.levels, (l) => l.key, (i) => ['levels', i, 'key'], '级别代码', ctx);
  unique(p.levels, (l) => String(l.rank), (i) => ['levels', i, 'rank'], '级别序号', ctx);
});

export const PlanMeta = z.object({
  jurisdictionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码须为 6、9 或 12 位数字'),
  organisationId: Id.nullable().default(null),
});

export const PlanCreate = PlanMeta.extend({ content: PlanContent }).strict();
export const PlanUpdate = z.object({ content: PlanContent, version: z.int().min(1) }).strict();
export const PlanIssue = z.object({
  versionLabel: required(40, '版本号'),
  issuedOn: IsoDate,
  approver: required(50, '批准人（主要负责人）'),
}).strict();
export const PlanRecord = z.object({ kind: z.enum(['filing', 'drill', 'evaluation'], '须为 filing/drill/evaluation'), on: IsoDate, note: text(2000, '说明').default('') }).strict();

const Obligation = z.object({ kind: z.enum(['filing', 'drill', 'evaluation']), dueOn: z.string(), status: z.enum(['done', 'ok', 'due_soon', 'overdue']), lastOn: z.string().nullable(), basis: z.string() });
const ElementCheck = z.object({ clause: z.string(), name: z.string(), present: z.boolean(), foundIn: z.string().nullable(), optional: z.boolean().optional() });

export const PlanSummary = z.object({
  id: z.string(), title: z.string(), kind: z.enum(PLAN_KINDS), ownerType: z.enum(PLAN_OWNER_TYPES),
  jurisdictionCode: z.string(), jurisdictionName: z.string(), organisationName: z.string().nullable(),
  status: z.enum(['draft', 'issued']), hasDraft: z.boolean(),
  currentVersion: z.object({ id: z.string(), no: z.int(), label: z.string(), issuedOn: z.string(), approver: z.string() }).nullable(),
  obligations: z.array(Obligation), health: z.enum(['done', 'ok', 'due_soon', 'overdue', 'not_issued']),
  editable: z.boolean(), updatedAt: z.string(), version: z.int(),
});
export const PlanDetail = PlanSummary.extend({
  draft: z.unknown().nullable(),
  current: z.unknown().nullable(),
  elements: z.array(ElementCheck), elements88: z.array(ElementCheck),
  versions: z.array(z.object({ id: z.string(), no: z.int(), label: z.string(), issuedOn: z.string(), approver: z.string(), issuedBy: z.string(), createdAt: z.string() })),
  records: z.array(z.object({ id: z.string(), kind: z.enum(['filing', 'drill', 'evaluation']), on: z.string(), note: z.string(), by: z.string() })),
});
export const PlanDiff = z.object({ from: z.int(), to: z.int(), changes: z.array(z.object({ kind: z.enum(['added', 'removed', 'changed']), path: z.string(), before: z.unknown(), after: z.unknown() })) });
export const Gap = z.object({ kind: z.string(), message: z.string(), path: z.string() });

export const ImportedPlan = z.object({
  title: z.string(), kind: z.enum(PLAN_KINDS), format: z.string(),
  levels: z.array(z.object({ name: z.string(), rank: z.number(), minGrade: z.enum(GRADES).nullable(), conditions: z.array(z.string()), actions: z.array(z.string()) })),
  organisations: z.array(z.object({ name: z.string(), duties: z.array(z.string()) })),
  liftConditions: z.array(z.string()), unrecognised: z.array(z.string()), notes: z.array(z.string()),
  draft: z.unknown(),
  /** Set when the upload was YAML/JSON of a whole plan: field errors with line numbers come back as 400 instead. */
  structured: z.boolean(),
});
export const PlanImportBody = z.object({ filename: required(200, '文件名'), content: z.string().max(15_000_000, '内容过大') }).strict();

export const PlanSuggestion = z.object({
  planId: z.string(), planTitle: z.string(), versionId: z.string(), versionLabel: z.string(), jurisdictionName: z.string(),
  matches: z.boolean(), reasons: z.array(z.string()), unmet: z.array(z.string()),
  reasonText: z.string(), suggestedLevel: z.object({ key: z.string(), name: z.string() }).nullable(),
  levels: z.array(z.object({ key: z.string(), name: z.string(), rank: z.int() })), active: z.boolean(),
});

export const ActivateBody = z.object({
  planId: Id, level: key,
  expectedDurationHours: z.number('须为数字').positive('须大于 0').max(24 * 365).nullable().default(null),
  measures: text(4000, '应急处置措施').default(''),
  note: text(2000, '说明').default(''),
}).strict();

export const ResponsePatch = z.discriminatedUnion('action', [
  z.object({ action: z.literal('change_level'), level: key, note: text(2000, '说明').default('') }).strict(),
  z.object({ action: z.literal('lift'), conditionsMet: z.array(text(500)).max(50).default([]), note: text(2000, '说明').default('') }).strict(),
], { error: 'action 须为 change_level（调整级别）或 lift（解除）' });

export const TASK_STATUSES = ['pending', 'signed', 'in_progress', 'done'] as const;
export const Task = z.object({
  id: z.string(), responseId: z.string(), incidentId: z.string(), incidentTitle: z.string(), levelKey: z.string(), title: z.string(),
  roleTitle: z.string().nullable(), assignee: z.object({ kind: z.enum(['organisation', 'user', 'person']), id: z.string().nullable(), name: z.string() }).nullable(),
  dueAt: z.string(), status: z.enum(TASK_STATUSES), overdue: z.boolean(), checklist: z.array(z.string()), feedbackRequired: z.boolean(),
  signedAt: z.string().nullable(), signedBy: z.string().nullable(), doneAt: z.string().nullable(),
  mine: z.boolean(), progress: z.array(z.object({ id: z.string(), at: z.string(), by: z.string(), text: z.string(), status: z.enum(TASK_STATUSES), attachments: z.array(z.object({ id: z.string(), filename: z.string(), size: z.int() })) })),
  version: z.int(),
});
export const TaskProgressBody = z.object({
  text: text(4000, '进展').min(1, '请填写进展'),
  status: z.enum(['in_progress', 'done'], '状态须为 in_progress（处置中）或 done（已完成）').default('in_progress'),
  attachments: z.array(z.object({ filename: required(200, '文件名'), contentBase64: z.string().max(14_000_000, '附件不超过 10 MB') }).strict()).max(5, '一次最多 5 个附件').default([]),
}).strict();

export const ResponseDto = z.object({
  id: z.string(), incidentId: z.string(), incidentTitle: z.string(), planId: z.string(), planTitle: z.string(), versionLabel: z.string(),
  levelKey: z.string(), levelName: z.string(), status: z.enum(['active', 'lifted']),
  activatedAt: z.string(), activatedBy: z.string(), expectedDurationHours: z.number().nullable(), measures: z.string(),
  liftedAt: z.string().nullable(), liftConditions: z.array(z.string()), conditionsMet: z.array(z.string()),
  roles: z.array(z.object({ key: z.string(), title: z.string(), parentKey: z.string().nullable(), duties: z.string(), filledBy: z.unknown().nullable() })),
  resources: z.array(z.object({ kind: z.string(), type: z.string(), quantity: z.number(), unit: z.string() })),
  levels: z.array(z.object({ key: z.string(), name: z.string(), rank: z.int() })),
  taskCounts: z.object({ pending: z.int(), signed: z.int(), in_progress: z.int(), done: z.int(), overdue: z.int() }),
  jurisdictionName: z.string(), version: z.int(),
});
