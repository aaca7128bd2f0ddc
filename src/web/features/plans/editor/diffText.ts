// Readable words for plan diff paths ("levels[1].tasks[0].title" → 响应级别 2 › 任务 1 › 名称) and values.
import type { MessageKey, TFunction } from '../../../app/i18n';
import type { Comparator } from '../../../../domain/plans/model';
import { COMPARATOR_TEXT, MEASURE_KEYS } from '../labels';

const FIELD_KEYS: Record<string, MessageKey> = {
  title: 'plans.diff.f.title',
  kind: 'plans.diff.f.kind',
  ownerType: 'plans.diff.f.ownerType',
  scope: 'plans.diff.f.scope',
  triggers: 'plans.diff.f.triggers',
  categories: 'plans.diff.f.categories',
  typeCodes: 'plans.diff.f.typeCodes',
  minGrade: 'plans.diff.f.minGrade',
  jurisdictionCodes: 'plans.diff.f.jurisdictionCodes',
  warning: 'plans.diff.f.warning',
  conditions: 'plans.diff.f.conditions',
  levels: 'plans.diff.f.levels',
  name: 'plans.diff.f.name',
  rank: 'plans.diff.f.rank',
  key: 'plans.diff.f.key',
  startConditions: 'plans.diff.f.startConditions',
  text: 'plans.diff.f.text',
  roles: 'plans.diff.f.roles',
  parentKey: 'plans.diff.f.parentKey',
  duties: 'plans.diff.f.duties',
  filledBy: 'plans.diff.f.filledBy',
  tasks: 'plans.diff.f.tasks',
  roleKey: 'plans.diff.f.roleKey',
  offsetMinutes: 'plans.diff.f.offsetMinutes',
  checklist: 'plans.diff.f.checklist',
  feedbackRequired: 'plans.diff.f.feedbackRequired',
  notify: 'plans.diff.f.notify',
  resources: 'plans.diff.f.resources',
  quantity: 'plans.diff.f.quantity',
  unit: 'plans.diff.f.unit',
  type: 'plans.diff.f.type',
  measure: 'plans.diff.f.measure',
  op: 'plans.diff.f.op',
  value: 'plans.diff.f.value',
  liftConditions: 'plans.diff.f.liftConditions',
  sections: 'plans.diff.f.sections',
  heading: 'plans.diff.f.heading',
  number: 'plans.diff.f.number',
  children: 'plans.diff.f.children',
  organisationId: 'plans.diff.f.organisation',
  userId: 'plans.diff.f.user',
  phone: 'plans.diff.f.phone',
};

/**
 * "levels[1].tasks[0].title" (diff, gap paths) or "content.levels.1.tasks.0.title" (API field errors) →
 * "响应级别 2 › 任务 1 › 名称".
 */
export function pathText(path: string, t: TFunction): string {
  const parts: string[] = [];
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[2] ?? m[1]!).filter((s, i) => !(i === 0 && s === 'content'));
  for (const seg of segments) {
    if (/^\d+$/.test(seg)) {
      const prev = parts.pop() ?? '';
      parts.push(`${prev} ${Number(seg) + 1}`.trim());
    } else {
      const k = FIELD_KEYS[seg];
      parts.push(k ? t(k) : seg);
    }
  }
  return parts.join(' › ');
}

/** A value from a plan as short text: names and titles for objects, lists joined, 是/否 for flags. */
export function valueText(v: unknown, t: TFunction): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('plans.common.yes') : t('plans.common.no');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, t)).join('、') : '—';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['title', 'name', 'heading', 'text', 'type', 'measure', 'roleKey'] as const) {
      if (typeof o[k] === 'string' && o[k]) {
        if (k === 'measure') {
          const m = MEASURE_KEYS[o.measure as keyof typeof MEASURE_KEYS];
          const op = COMPARATOR_TEXT[o.op as Comparator] ?? String(o.op ?? '');
          return `${m ? t(m) : (o.measure as string)} ${op} ${String(o.value ?? '')}${typeof o.unit === 'string' ? o.unit : ''}`;
        }
        if (k === 'type' && 'quantity' in o) return `${o.type as string} ${String(o.quantity)}${String(o.unit ?? '')}`;
        return o[k] as string;
      }
    }
    return Object.entries(o)
      .map(([k, x]) => `${FIELD_KEYS[k] ? t(FIELD_KEYS[k]) : k}：${valueText(x, t)}`)
      .join('；');
  }
  return String(v);
}
