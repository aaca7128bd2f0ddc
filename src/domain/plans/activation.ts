// Activating a plan at a response level (突发事件应对法 第七十二条: 响应事项、级别、预计期限、应急处置措施)
// creates the response: the command structure with who fills each role, the tasks with due times, whom to
// notify and what resources are needed. Changing the level adds the new level's tasks and keeps what is
// done; lifting (第八十六条) records which conditions were met.
import { addMs, type UtcInstant } from '../shared/time';
import type { CommandRole, Filler, NotifyTarget, PlanContent, ResourceNeed, ResponseLevel } from './model';

export interface PlannedTask {
  templateKey: string;
  levelKey: string;
  title: string;
  roleKey: string | null;
  roleTitle: string | null;
  /** Who must sign for it: the filler of its role, or nobody yet. */
  assignee: Filler | null;
  dueAt: UtcInstant;
  checklist: string[];
  feedbackRequired: boolean;
}

/** A notification to send: an organisation (all its users), a user, or a named person outside the system. */
export interface PlannedNotice {
  to: Filler;
  reason: string;
}

export interface ResponsePlan {
  level: ResponseLevel;
  roles: CommandRole[];
  tasks: PlannedTask[];
  notices: PlannedNotice[];
  resources: ResourceNeed[];
}

export class ActivationError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function findLevel(content: PlanContent, levelKey: string): ResponseLevel {
  const l = content.levels.find((x) => x.key === levelKey);
  if (!l) throw new ActivationError('level', `预案中没有该响应级别：${levelKey}`);
  return l;
}

function noticesOf(level: ResponseLevel, roles: CommandRole[]): PlannedNotice[] {
  const out: PlannedNotice[] = [];
  const seen = new Set<string>();
  const add = (to: Filler, reason: string) => {
    const id = to.kind === 'organisation' ? `o:${to.organisationId}` : to.userId ? `u:${to.userId}` : `p:${to.name}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push({ to, reason });
    }
  };
  // Everyone who fills a role learns of the activation; then the plan's own notification list.
  for (const r of roles) if (r.filledBy) add(r.filledBy, `担任${r.title}`);
  for (const n of level.notify) {
    const to = notifyFiller(n, roles);
    if (to) add(to, '预案通知对象');
  }
  return out;
}

function notifyFiller(n: NotifyTarget, roles: CommandRole[]): Filler | null {
  if (n.kind === 'role') return roles.find((r) => r.key === n.roleKey)?.filledBy ?? null;
  if (n.kind === 'organisation') return { kind: 'organisation', organisationId: n.organisationId, name: n.name };
  return { kind: 'person', userId: n.userId, name: n.name };
}

function tasksOf(level: ResponseLevel, roles: CommandRole[], at: UtcInstant, skip: ReadonlySet<string>): PlannedTask[] {
  return level.tasks
    .filter((t) => !skip.has(t.key))
    .map((t) => {
      const role = t.roleKey ? roles.find((r) => r.key === t.roleKey) : undefined;
      return {
        templateKey: t.key, levelKey: level.key, title: t.title, roleKey: t.roleKey, roleTitle: role?.title ?? null,
        assignee: role?.filledBy ?? null, dueAt: addMs(at, t.offsetMinutes * 60_000), checklist: t.checklist,
        feedbackRequired: t.feedbackRequired,
      };
    });
}

/** The response a plan creates when activated at `levelKey` at time `at`. */
export function activate(content: PlanContent, levelKey: string, at: UtcInstant): ResponsePlan {
  const level = findLevel(content, levelKey);
  return { level, roles: level.roles, tasks: tasksOf(level, level.roles, at, new Set()), notices: noticesOf(level, level.roles), resources: level.resources };
}

/**
 * Raising or lowering: the new level's roles replace the old ones where keys match (others stay), and its
 * tasks are added unless a task from the same template already exists — done or not, nothing is undone.
 */
export function changeLevel(content: PlanContent, current: CommandRole[], newLevelKey: string, existingTemplateKeys: ReadonlySet<string>, at: UtcInstant): ResponsePlan {
  const level = findLevel(content, newLevelKey);
  const roles = [...current.filter((r) => !level.roles.some((n) => n.key === r.key)), ...level.roles];
  return { level, roles, tasks: tasksOf(level, roles, at, existingTemplateKeys), notices: noticesOf(level, level.roles), resources: level.resources };
}

/** Lifting: every stated condition must be confirmed or explained (突发事件应对法 第八十六条). */
export function checkLift(content: PlanContent, confirmed: string[], note: string): { ok: true } | { ok: false; field: string; message: string } {
  const missing = content.liftConditions.filter((c) => !confirmed.includes(c));
  if (missing.length && !note.trim())
    return { ok: false, field: 'conditionsMet', message: `尚有解除条件未确认：${missing.join('；')}。请确认或说明理由` };
  return { ok: true };
}

export type GapKind = 'role_unfilled' | 'task_without_role' | 'task_role_missing' | 'org_without_contact' | 'notice_reaches_nobody';

export interface Gap {
  kind: GapKind;
  message: string;
  /** Where in the plan, e.g. "levels[1].tasks[3]". */
  path: string;
}

export interface GapContext {
  /** Organisation id → its contact phone and how many active users it has. */
  organisations: ReadonlyMap<string, { name: string; contactPhone: string | null; users: number }>;
  /** Users that exist and are active. */
  activeUserIds: ReadonlySet<string>;
}

function reaches(f: Filler, ctx: GapContext): boolean {
  if (f.kind === 'organisation') return (ctx.organisations.get(f.organisationId)?.users ?? 0) > 0;
  return f.userId !== null && ctx.activeUserIds.has(f.userId);
}

/** 缺口检查 for one level: roles nobody fills, tasks nobody owns, organisations nobody can call, notices to nobody. */
export function gapCheck(content: PlanContent, levelKey: string, ctx: GapContext): Gap[] {
  const li = content.levels.findIndex((l) => l.key === levelKey);
  const level = findLevel(content, levelKey);
  const at = `levels[${li}]`;
  const gaps: Gap[] = [];
  level.roles.forEach((r, i) => {
    if (!r.filledBy) gaps.push({ kind: 'role_unfilled', path: `${at}.roles[${i}]`, message: `岗位“${r.title}”无人担任` });
    else if (r.filledBy.kind === 'organisation') {
      const o = ctx.organisations.get(r.filledBy.organisationId);
      if (!o?.contactPhone) gaps.push({ kind: 'org_without_contact', path: `${at}.roles[${i}]`, message: `单位“${r.filledBy.name}”（${r.title}）没有联系电话` });
    }
  });
  level.tasks.forEach((t, i) => {
    if (!t.roleKey) gaps.push({ kind: 'task_without_role', path: `${at}.tasks[${i}]`, message: `任务“${t.title}”没有责任岗位` });
    else if (!level.roles.some((r) => r.key === t.roleKey))
      gaps.push({ kind: 'task_role_missing', path: `${at}.tasks[${i}]`, message: `任务“${t.title}”的责任岗位在本级别中不存在` });
  });
  const notices = noticesOf(level, level.roles);
  level.notify.forEach((n, i) => {
    const f = notifyFiller(n, level.roles);
    if (!f) gaps.push({ kind: 'notice_reaches_nobody', path: `${at}.notify[${i}]`, message: '通知对象岗位无人担任，通知送达不到任何人' });
  });
  for (const n of notices)
    if (!reaches(n.to, ctx))
      gaps.push({
        kind: 'notice_reaches_nobody', path: at,
        message: n.to.kind === 'organisation' ? `单位“${n.to.name}”没有系统用户，通知送达不到任何人` : `“${n.to.name}”没有系统账号，只能线下通知`,
      });
  return gaps;
}
