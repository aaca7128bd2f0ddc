// PlanContent helpers of the editor: blank plans and levels, fresh keys, and turning the form's store
// back into a complete PlanContent (the form's field names mirror PlanContent under `content`).
import type { Organisation } from '../../../contracts/admin';
import type {
  CommandRole, FigureCondition, Filler, NotifyTarget, PlanContent, PlanOwnerType, PlanSection, ResourceNeed, ResponseLevel, TaskTemplate,
} from '../../../domain/plans/model';

/** The first `prefix<n>` not in use; keys must match /^[A-Za-z0-9_.-]{1,40}$/. */
export function nextKey(prefix: string, used: readonly (string | undefined | null)[]): string {
  const taken = new Set(used);
  for (let n = used.length + 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function blankLevel(rank: number, key: string, name = ''): ResponseLevel {
  return { key, name, rank, startConditions: { text: '', minGrade: null, conditions: [] }, roles: [], tasks: [], notify: [], resources: [] };
}

export function blankRole(used: readonly string[]): CommandRole {
  return { key: nextKey('role', used), title: '', parentKey: null, duties: '', filledBy: null };
}

export function blankTask(used: readonly string[]): TaskTemplate {
  return { key: nextKey('task', used), title: '', roleKey: null, offsetMinutes: 60, checklist: [], feedbackRequired: true };
}

export function blankContent(title: string, ownerType: PlanOwnerType, firstLevelName: string): PlanContent {
  return {
    title, kind: 'specific', ownerType, scope: '',
    triggers: { categories: [], typeCodes: [], minGrade: null, jurisdictionCodes: [], warning: null, conditions: [] },
    levels: [blankLevel(1, 'L1', firstLevelName)],
    liftConditions: [],
    sections: [],
  };
}

/** Who usually owns a plan made for this jurisdiction or organisation (editable afterwards). */
export function guessOwnerType(jurisdictionCode: string, org: Organisation | undefined): PlanOwnerType {
  if (org?.kind === 'enterprise') return 'enterprise';
  return jurisdictionCode.length >= 9 ? 'township' : 'government';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const orNull = <T>(v: T | undefined | null | ''): T | null => (v === undefined || v === null || v === '' ? null : v);

function condition(c: Partial<FigureCondition>): FigureCondition {
  const unit = str(c.unit).trim();
  return { measure: str(c.measure).trim(), op: c.op ?? '>=', value: num(c.value), ...(unit ? { unit } : {}) };
}

function filler(f: Filler | null | undefined): Filler | null {
  if (!f) return null;
  if (f.kind === 'organisation') return { kind: 'organisation', organisationId: f.organisationId, name: f.name };
  const phone = str(f.phone).trim();
  return { kind: 'person', userId: f.userId ?? null, name: str(f.name).trim(), phone: phone || null };
}

function notify(n: NotifyTarget): NotifyTarget {
  if (n.kind === 'role') return { kind: 'role', roleKey: str(n.roleKey) };
  if (n.kind === 'organisation') return { kind: 'organisation', organisationId: n.organisationId, name: n.name };
  return { kind: 'user', userId: n.userId, name: n.name };
}

function level(l: Partial<ResponseLevel>): ResponseLevel {
  const sc: Partial<ResponseLevel['startConditions']> = l.startConditions ?? {};
  return {
    key: str(l.key).trim(),
    name: str(l.name),
    rank: num(l.rank),
    startConditions: { text: str(sc.text), minGrade: orNull(sc.minGrade), conditions: arr<FigureCondition>(sc.conditions).map(condition) },
    roles: arr<CommandRole>(l.roles).map((r) => ({
      key: str(r.key).trim(), title: str(r.title), parentKey: orNull(r.parentKey), duties: str(r.duties), filledBy: filler(r.filledBy),
    })),
    tasks: arr<TaskTemplate>(l.tasks).map((t) => ({
      key: str(t.key).trim(), title: str(t.title), roleKey: orNull(t.roleKey), offsetMinutes: num(t.offsetMinutes),
      checklist: arr<string>(t.checklist).map((c) => str(c).trim()).filter(Boolean), feedbackRequired: t.feedbackRequired !== false,
    })),
    notify: arr<NotifyTarget>(l.notify).filter(Boolean).map(notify),
    resources: arr<ResourceNeed>(l.resources).map((r) => ({ kind: r.kind === 'team' ? 'team' : 'item', type: str(r.type), quantity: num(r.quantity), unit: str(r.unit) })),
  };
}

/** The form's store (which may hold undefined and '' where the API wants null) → PlanContent. */
export function toPlanContent(raw: Partial<PlanContent> | undefined): PlanContent {
  const c = raw ?? {};
  const tr: Partial<PlanContent['triggers']> = c.triggers ?? {};
  return {
    title: str(c.title),
    kind: c.kind ?? 'specific',
    ownerType: c.ownerType ?? 'government',
    scope: str(c.scope),
    triggers: {
      categories: arr(tr.categories),
      typeCodes: arr(tr.typeCodes),
      minGrade: orNull(tr.minGrade),
      jurisdictionCodes: arr(tr.jurisdictionCodes),
      warning: tr.warning ?? null,
      conditions: arr<FigureCondition>(tr.conditions).map(condition),
    },
    levels: arr<ResponseLevel>(c.levels).map(level),
    liftConditions: arr<string>(c.liftConditions).map(str),
    sections: arr<PlanSection>(c.sections),
  };
}

/** The form's name path → where it lives in the editor: a section tab, and a level index for level fields. */
export function locate(name: readonly (string | number)[]): { tab: EditorTab; level: number | null } {
  const [, top, index] = name[0] === 'content' ? name : ['content', ...name];
  if (top === 'levels') return { tab: 'levels', level: typeof index === 'number' ? index : null };
  if (top === 'triggers') return { tab: 'triggers', level: null };
  if (top === 'liftConditions') return { tab: 'lift', level: null };
  if (top === 'sections') return { tab: 'structure', level: null };
  return { tab: 'basic', level: null };
}

export type EditorTab = 'basic' | 'triggers' | 'levels' | 'lift' | 'structure' | 'versions' | 'records' | 'gaps';

/** "levels[1].tasks[3]" (gap and diff paths) → ['content', 'levels', 1, 'tasks', 3]. */
export function bracketPathToName(path: string): (string | number)[] {
  const out: (string | number)[] = ['content'];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}
