// Responses (应急响应) activated from plans: the command structure, tasks with due times and notifications,
// raising/lowering and lifting — every step on the incident timeline, every change live to those in scope.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { ActivateBody, ResponsePatch, TaskProgressBody } from '../../../contracts/plans';
import { can } from '../../../domain/access/permissions';
import { ActivationError, activate, changeLevel, checkLift, type PlannedNotice, type PlannedTask } from '../../../domain/plans/activation';
import type { CommandRole, PlanContent, ResourceNeed } from '../../../domain/plans/model';
import { canTransition, STATUS_LABELS } from '../../../domain/incidents/lifecycle';
import type { IncidentStatus } from '../../../domain/incidents/model';
import { formatBeijing } from '../../../domain/shared/time';
import type { Db, Tx } from '../../db';
import type { IncidentRow, NotificationRow, ResponseRow, TaskRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction, type Outbox } from '../../events/outbox';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { incidentDto, type IncidentDto } from '../incidents/incidents.service';
import { incidentsRepository } from '../incidents/incidents.repository';
import { plansRepository } from '../plans/plans.repository';
import type { PlanService } from '../plans/plans.service';
import { responsesRepository, type ResponseWithNames } from './responses.repository';

type Activate = z.output<typeof ActivateBody>;
type Patch = z.output<typeof ResponsePatch>;
type Progress = z.output<typeof TaskProgressBody>;

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf', txt: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp4: 'video/mp4', m4a: 'audio/mp4', mp3: 'audio/mpeg',
};
const TASK_STATUS_ZH: Record<string, string> = { pending: '待签收', signed: '已签收', in_progress: '处置中', done: '已完成' };

const levelsOf = (c: PlanContent) => c.levels.map((l) => ({ key: l.key, name: l.name, rank: l.rank })).sort((a, b) => a.rank - b.rank);

/** What a hook hears when a level is activated or raised to (inside its transaction): e.g. the level's resource needs become requests. */
export interface ActivatedLevel {
  /** Raising comes to the same hooks, since the raised level's needs add to what the response already has. */
  reason: 'activated' | 'raised';
  out: Outbox;
  actor: { id: string; name: string };
  incident: IncidentRow;
  responseId: string;
  planTitle: string;
  level: { key: string; name: string; rank: number; resources: ResourceNeed[] };
  at: string;
}

export class ResponseService {
  private readonly activated: ((a: ActivatedLevel) => Promise<void>)[] = [];

  /** Called inside the activation's (or raising's) transaction, so what the hook writes commits or fails with it. */
  onActivated(hook: (a: ActivatedLevel) => Promise<void>) {
    this.activated.push(hook);
  }

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly plans: PlanService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async incident(db: Db | Tx, p: Principal, id: string) {
    const r = await incidentsRepository(db).get(id, p.scopePath);
    if (!r) throw notFound('事件');
    return r;
  }

  async suggestions(p: Principal, incidentId: string) {
    const i = incidentDto(await this.incident(this.db, p, incidentId));
    const active = await responsesRepository(this.db).list(p.scopePath, { incidentId, status: 'active' });
    const row = await this.incident(this.db, p, incidentId);
    return this.plans.suggestions(p, {
      id: i.id, category: i.category, typeCode: i.typeCode, grade: i.grade, jurisdictionPath: row.scope_path, impact: i.impact,
    }, new Set(active.map((a) => a.plan_id)));
  }

  // ---- reading ----

  private dto(r: ResponseWithNames, tasks: TaskRow[], now: string) {
    const content = JSON.parse(r.version_content) as PlanContent;
    const level = content.levels.find((l) => l.key === r.level_key);
    const mine = tasks.filter((t) => t.response_id === r.id);
    const count = (s: string) => mine.filter((t) => t.status === s).length;
    return {
      id: r.id, incidentId: r.incident_id, incidentTitle: r.incident_title, planId: r.plan_id, planTitle: r.plan_title, versionLabel: r.version_label,
      levelKey: r.level_key, levelName: level?.name ?? r.level_key, status: r.status as 'active' | 'lifted',
      activatedAt: r.activated_at, activatedBy: r.activated_by, expectedDurationHours: r.expected_duration_hours, measures: r.measures,
      liftedAt: r.lifted_at, liftConditions: content.liftConditions, conditionsMet: JSON.parse(r.conditions_met) as string[],
      roles: JSON.parse(r.roles) as CommandRole[], resources: level?.resources ?? [], levels: levelsOf(content),
      taskCounts: {
        pending: count('pending'), signed: count('signed'), in_progress: count('in_progress'), done: count('done'),
        overdue: mine.filter((t) => t.status !== 'done' && t.due_at < now).length,
      },
      jurisdictionName: r.jurisdiction_name, version: r.version,
    };
  }

  async list(p: Principal, f: { status?: 'active' | 'lifted'; incidentId?: string }) {
    const rows = await responsesRepository(this.db).list(p.scopePath, f);
    const tasks = await responsesRepository(this.db).tasksOf(rows.map((r) => r.id));
    const now = this.clock().toISOString();
    return rows.map((r) => this.dto(r, tasks, now));
  }

  async get(p: Principal, id: string) {
    const r = await responsesRepository(this.db).get(id, p.scopePath);
    if (!r) throw notFound('应急响应');
    return this.dto(r, await responsesRepository(this.db).tasksOf([id]), this.clock().toISOString());
  }

  /** Who may sign and report on a task: its assignee; a commander for tasks nobody in the system holds. */
  private canAct(p: Principal, t: TaskRow) {
    if (!can(p.roles, 'task.work')) return false;
    if (t.assignee_kind === 'user') return t.assignee_id === p.userId;
    if (t.assignee_kind === 'organisation') return t.assignee_id === p.organisationId;
    return can(p.roles, 'response.activate');
  }

  private async taskDtos(p: Principal, rows: TaskRow[]) {
    const repo = responsesRepository(this.db);
    const progress = await repo.progressOf(rows.map((t) => t.id));
    const files = await repo.attachmentsOf(progress.map((x) => x.id));
    const titles = new Map(
      rows.length ? (await this.db.selectFrom('incidents').select(['id', 'title']).where('id', 'in', [...new Set(rows.map((t) => t.incident_id))]).execute()).map((i) => [i.id, i.title]) : [],
    );
    const now = this.clock().toISOString();
    return rows.map((t) => ({
      id: t.id, responseId: t.response_id, incidentId: t.incident_id, incidentTitle: titles.get(t.incident_id) ?? '', levelKey: t.level_key, title: t.title,
      roleTitle: t.role_title,
      assignee: t.assignee_kind ? { kind: t.assignee_kind as 'user', id: t.assignee_id, name: t.assignee_name ?? '' } : null,
      dueAt: t.due_at, status: t.status as 'pending', overdue: t.status !== 'done' && t.due_at < now,
      checklist: JSON.parse(t.checklist) as string[], feedbackRequired: t.feedback_required === 1,
      signedAt: t.signed_at, signedBy: t.signed_by, doneAt: t.done_at, mine: this.canAct(p, t),
      progress: progress.filter((x) => x.task_id === t.id).map((x) => ({
        id: x.id, at: x.at, by: x.by_name, text: x.text, status: x.status as 'done',
        attachments: files.filter((f) => f.progress_id === x.id).map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size) })),
      })),
      version: t.version,
    }));
  }

  async tasks(p: Principal, responseId: string) {
    await this.get(p, responseId);
    return this.taskDtos(p, await responsesRepository(this.db).tasksOf([responseId]));
  }

  async myTasks(p: Principal) {
    return this.taskDtos(p, await responsesRepository(this.db).openTasksFor(p.userId, p.organisationId, p.scopePath));
  }

  // ---- changing ----

  private taskRows(r: { id: string; incident_id: string; scope_path: string }, tasks: PlannedTask[], at: string): TaskRow[] {
    return tasks.map((t) => ({
      id: uuidv7(), response_id: r.id, incident_id: r.incident_id, template_key: t.templateKey, level_key: t.levelKey, title: t.title,
      role_title: t.roleTitle,
      assignee_kind: t.assignee ? (t.assignee.kind === 'organisation' ? 'organisation' : t.assignee.userId ? 'user' : 'person') : null,
      assignee_id: t.assignee ? (t.assignee.kind === 'organisation' ? t.assignee.organisationId : t.assignee.userId) : null,
      assignee_name: t.assignee?.name ?? null,
      due_at: t.dueAt, status: 'pending', checklist: JSON.stringify(t.checklist), feedback_required: t.feedbackRequired ? 1 : 0,
      signed_at: null, signed_by: null, done_at: null, scope_path: r.scope_path, created_at: at, updated_at: at, version: 1,
    }));
  }

  /** Notices become notifications for every active user they reach; people outside the system are listed on the timeline. */
  private async notify(tx: Tx, out: Outbox, notices: PlannedNotice[], base: { incidentId: string; responseId: string; scopePath: string; at: string }, text: string) {
    const repo = responsesRepository(tx);
    const orgIds = notices.flatMap((n) => (n.to.kind === 'organisation' ? [n.to.organisationId] : []));
    const userIds = notices.flatMap((n) => (n.to.kind === 'person' && n.to.userId ? [n.to.userId] : []));
    const recipients = new Set([...(await repo.usersOfOrganisations(orgIds)).map((u) => u.id), ...(await repo.activeUsers(userIds)).map((u) => u.id)]);
    const rows: NotificationRow[] = [...recipients].map((userId) => ({
      id: uuidv7(), user_id: userId, incident_id: base.incidentId, response_id: base.responseId, task_id: null, text, created_at: base.at, read_at: null,
    }));
    await repo.insertNotifications(rows);
    for (const n of rows) out.live({ name: 'notification', scopePath: base.scopePath, payload: { id: n.id, text, incidentId: base.incidentId, responseId: base.responseId, at: base.at }, userIds: [n.user_id] });
    const offline = notices.filter((n) => n.to.kind === 'person' && !(n.to.userId && recipients.has(n.to.userId))).map((n) => n.to.name);
    return { reached: rows.length, offline };
  }

  private signal(out: Outbox, r: { id: string; incident_id: string; scope_path: string }, change: string, taskId: string | null = null) {
    out.live({ name: 'response', scopePath: r.scope_path, payload: { id: r.id, incidentId: r.incident_id, taskId, change } });
  }

  async activate(p: Principal, incidentId: string, input: Activate) {
    const at = this.clock().toISOString();
    const id = uuidv7();
    await inTransaction(this.db, this.bus, async (out) => {
      const inc = await this.incident(out.tx, p, incidentId);
      // A plan is usable when it belongs to the incident's jurisdiction or one above it, and is visible to the caller.
      const plan = await plansRepository(out.tx).get(input.planId, p.scopePath);
      if (!plan || !inc.scope_path.startsWith(plan.scope_path)) throw notFound('预案');
      if (!plan.current_version_id) throw conflict('预案尚未发布，不能启动', [{ path: 'planId', message: '请先发布预案' }], 'not_issued');
      const version = (await plansRepository(out.tx).version(plan.current_version_id))!;
      const content = JSON.parse(version.content) as PlanContent;
      const already = await responsesRepository(out.tx).list(p.scopePath, { incidentId, status: 'active' });
      if (already.some((a) => a.plan_id === plan.id))
        throw conflict('该预案已对本事件启动，请调整级别而不是重复启动', [{ path: 'planId', message: '已启动' }], 'already_active');
      let planned;
      try {
        planned = activate(content, input.level, at);
      } catch (e) {
        if (e instanceof ActivationError) throw invalid([{ path: e.field, message: e.message }]);
        throw e;
      }
      const row: ResponseRow = {
        id, incident_id: incidentId, plan_id: plan.id, plan_version_id: version.id, level_key: planned.level.key, status: 'active',
        roles: JSON.stringify(planned.roles), activated_at: at, activated_by: p.name, expected_duration_hours: input.expectedDurationHours,
        measures: input.measures, lifted_at: null, conditions_met: '[]', jurisdiction_code: inc.jurisdiction_code, scope_path: inc.scope_path, version: 1,
      };
      const repo = responsesRepository(out.tx);
      await repo.insert(row);
      await repo.insertTasks(this.taskRows(row, planned.tasks, at));
      const base = { incidentId, actor: { id: p.userId, name: p.name }, jurisdictionCode: inc.jurisdiction_code, scopePath: inc.scope_path, at };
      const sent = await this.notify(out.tx, out, planned.notices, { incidentId, responseId: id, scopePath: inc.scope_path, at },
        `《${content.title}》${planned.level.name}已启动：${inc.title}`);
      const duration = input.expectedDurationHours ? `，预计持续 ${input.expectedDurationHours} 小时` : '';
      await out.append({
        ...base, type: 'response.activated',
        summary: `${p.name} 启动《${content.title}》${planned.level.name}${duration}；创建任务 ${planned.tasks.length} 项，通知 ${sent.reached} 人${sent.offline.length ? `，需线下通知：${sent.offline.join('、')}` : ''}`,
        data: { responseId: id, planId: plan.id, versionId: version.id, level: planned.level.key, measures: input.measures, expectedDurationHours: input.expectedDurationHours, note: input.note },
      });
      for (const hook of this.activated)
        await hook({ reason: 'activated', out, actor: base.actor, incident: inc, responseId: id, planTitle: content.title, level: planned.level, at });
      await this.enterResponding(out, inc.id, p, at);
      this.signal(out, row, 'activated');
    });
    return this.get(p, id);
  }

  /** Activation puts the incident in 处置中 when its lifecycle allows it. */
  private async enterResponding(out: Outbox, incidentId: string, p: Principal, at: string) {
    const cur = await incidentsRepository(out.tx).get(incidentId, p.scopePath);
    if (!cur || !canTransition(cur.status as IncidentStatus, 'responding')) return;
    if (!(await incidentsRepository(out.tx).update(cur.id, cur.version, { status: 'responding', updated_at: at }))) return;
    await out.append({
      incidentId, actor: { id: p.userId, name: p.name }, jurisdictionCode: cur.jurisdiction_code, scopePath: cur.scope_path, at,
      type: 'incident.status', summary: `状态：${STATUS_LABELS[cur.status as IncidentStatus].zh} → ${STATUS_LABELS.responding.zh}（启动应急响应）`,
      data: { from: cur.status, to: 'responding' },
    });
    const fresh = await incidentsRepository(out.tx).get(incidentId, p.scopePath);
    if (fresh) out.live({ name: 'incident', scopePath: fresh.scope_path, payload: incidentDto(fresh) });
  }

  async patch(p: Principal, id: string, input: Patch) {
    const at = this.clock().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const repo = responsesRepository(out.tx);
      const r = await repo.get(id, p.scopePath);
      if (!r) throw notFound('应急响应');
      if (r.status !== 'active') throw conflict('该响应已解除', [], 'lifted');
      const content = JSON.parse(r.version_content) as PlanContent;
      const base = { incidentId: r.incident_id, actor: { id: p.userId, name: p.name }, jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path, at };
      const from = content.levels.find((l) => l.key === r.level_key);
      if (input.action === 'change_level') {
        if (input.level === r.level_key) throw invalid([{ path: 'level', message: '与当前级别相同' }]);
        const existing = await repo.tasksOf([id]);
        let planned;
        try {
          planned = changeLevel(content, JSON.parse(r.roles) as CommandRole[], input.level, new Set(existing.map((t) => t.template_key)), at);
        } catch (e) {
          if (e instanceof ActivationError) throw invalid([{ path: e.field, message: e.message }]);
          throw e;
        }
        if (!(await repo.update(id, r.version, { level_key: planned.level.key, roles: JSON.stringify(planned.roles) }))) throw conflict('响应已被他人调整，请刷新', [], 'stale_version');
        await repo.insertTasks(this.taskRows(r, planned.tasks, at));
        const raised = (from?.rank ?? 99) > planned.level.rank;
        const sent = await this.notify(out.tx, out, planned.notices, { incidentId: r.incident_id, responseId: id, scopePath: r.scope_path, at },
          `《${content.title}》响应${raised ? '提升' : '降低'}为${planned.level.name}：${r.incident_title}`);
        await out.append({
          ...base, type: 'response.level_changed',
          summary: `${p.name} 将《${content.title}》响应由${from?.name ?? r.level_key}${raised ? '提升' : '降低'}为${planned.level.name}；新增任务 ${planned.tasks.length} 项，通知 ${sent.reached} 人${input.note ? `。${input.note}` : ''}`,
          data: { responseId: id, from: r.level_key, to: planned.level.key, addedTasks: planned.tasks.length },
        });
        // Lowering calls no hook: nothing is cancelled by itself, people decide what to send back.
        if (raised) {
          const inc = await this.incident(out.tx, p, r.incident_id);
          for (const hook of this.activated)
            await hook({ reason: 'raised', out, actor: base.actor, incident: inc, responseId: id, planTitle: content.title, level: planned.level, at });
        }
        this.signal(out, r, 'level');
        return;
      }
      const ok = checkLift(content, input.conditionsMet, input.note);
      if (!ok.ok) throw invalid([{ path: ok.field, message: ok.message }]);
      if (!(await repo.update(id, r.version, { status: 'lifted', lifted_at: at, conditions_met: JSON.stringify(input.conditionsMet) }))) throw conflict('响应已被他人调整，请刷新', [], 'stale_version');
      await out.append({
        ...base, type: 'response.lifted',
        summary: `${p.name} 解除《${content.title}》${from?.name ?? ''}：${input.conditionsMet.length ? `已满足 ${input.conditionsMet.join('；')}` : ''}${input.note ? `${input.conditionsMet.length ? '。' : ''}${input.note}` : ''}`,
        data: { responseId: id, conditionsMet: input.conditionsMet, note: input.note },
      });
      this.signal(out, r, 'lifted');
    });
    return this.get(p, id);
  }

  private async actionableTask(tx: Tx, p: Principal, taskId: string) {
    const t = await responsesRepository(tx).task(taskId, p.scopePath);
    if (!t) throw notFound('任务');
    if (!this.canAct(p, t)) throw forbidden(`这项任务由${t.assignee_name ?? '他人'}负责，您不能签收或反馈`);
    const r = await responsesRepository(tx).get(t.response_id, p.scopePath);
    if (!r || r.status !== 'active') throw conflict('该响应已解除，任务不能再变更', [], 'lifted');
    return { t, r };
  }

  async sign(p: Principal, taskId: string) {
    const at = this.clock().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const { t, r } = await this.actionableTask(out.tx, p, taskId);
      if (t.status !== 'pending') throw conflict(`任务已${TASK_STATUS_ZH[t.status] ?? t.status}，无需再签收`, [], 'already_signed');
      if (!(await responsesRepository(out.tx).updateTask(t.id, t.version, { status: 'signed', signed_at: at, signed_by: p.name, updated_at: at })))
        throw conflict('任务已被他人更新，请刷新', [], 'stale_version');
      await out.append({
        incidentId: t.incident_id, actor: { id: p.userId, name: p.name }, jurisdictionCode: r.jurisdiction_code, scopePath: t.scope_path, at,
        type: 'task.signed', summary: `${p.name} 签收任务：${t.title}`, data: { taskId: t.id, responseId: t.response_id },
      });
      this.signal(out, r, 'task', t.id);
    });
    return (await this.taskDtos(p, [(await responsesRepository(this.db).task(taskId, p.scopePath))!]))[0]!;
  }

  async progress(p: Principal, taskId: string, input: Progress) {
    const at = this.clock().toISOString();
    const files = input.attachments.map((a, i) => {
      const ext = a.filename.split('.').pop()?.toLowerCase() ?? '';
      const mime = MIME[ext];
      if (!mime) throw invalid([{ path: `attachments[${i}].filename`, message: `不支持的附件类型：.${ext}（可用：${Object.keys(MIME).join('、')}）` }]);
      const content = Buffer.from(a.contentBase64, 'base64');
      if (!content.length) throw invalid([{ path: `attachments[${i}].contentBase64`, message: '附件为空或不是 Base64 编码' }]);
      if (content.length > MAX_ATTACHMENT_BYTES) throw invalid([{ path: `attachments[${i}]`, message: '附件不超过 10 MB' }]);
      return { filename: a.filename, mime, content };
    });
    await inTransaction(this.db, this.bus, async (out) => {
      const { t, r } = await this.actionableTask(out.tx, p, taskId);
      if (t.status === 'done') throw conflict('任务已完成', [], 'done');
      const repo = responsesRepository(out.tx);
      const progressId = uuidv7();
      await repo.insertProgress({ id: progressId, task_id: t.id, at, by_id: p.userId, by_name: p.name, text: input.text, status: input.status });
      for (const f of files)
        await repo.insertAttachment({
          id: uuidv7(), progress_id: progressId, filename: f.filename, mime: f.mime, size: f.content.length,
          sha256: createHash('sha256').update(f.content).digest('hex'), content: f.content, scope_path: t.scope_path, created_at: at,
        });
      const signed = t.status === 'pending' ? { signed_at: at, signed_by: p.name } : {};
      if (!(await repo.updateTask(t.id, t.version, { ...signed, status: input.status, done_at: input.status === 'done' ? at : null, updated_at: at })))
        throw conflict('任务已被他人更新，请刷新', [], 'stale_version');
      await out.append({
        incidentId: t.incident_id, actor: { id: p.userId, name: p.name }, jurisdictionCode: r.jurisdiction_code, scopePath: t.scope_path, at,
        type: input.status === 'done' ? 'task.done' : 'task.progress',
        summary: `${p.name} ${input.status === 'done' ? '完成' : '反馈'}任务“${t.title}”：${input.text}${files.length ? `（附件 ${files.length} 个）` : ''}`,
        data: { taskId: t.id, responseId: t.response_id, status: input.status },
      });
      this.signal(out, r, 'task', t.id);
    });
    return (await this.taskDtos(p, [(await responsesRepository(this.db).task(taskId, p.scopePath))!]))[0]!;
  }

  /**
   * The scheduled check: each open task past its due time is put on the incident timeline once, and its
   * assignees (the users of the organisation, or the user) are notified; boards already show it red.
   */
  async checkOverdueTasks(limit = 500): Promise<number> {
    const at = this.clock().toISOString();
    let announced = 0;
    for (const t of await responsesRepository(this.db).overdueUnnoticed(at, limit)) {
      announced += await inTransaction(this.db, this.bus, async (out) => {
        const repo = responsesRepository(out.tx);
        if (!(await repo.noticeOverdue(t.id, at))) return 0; // another node got there first
        const who = t.assignee_name ?? '未指定负责人';
        const text = `任务“${t.title}”已逾期（应于 ${formatBeijing(t.due_at)} 前完成，负责：${who}）`;
        await out.append({
          incidentId: t.incident_id, actor: null, jurisdictionCode: t.jurisdiction_code, scopePath: t.scope_path, at,
          type: 'task.overdue', summary: text, data: { taskId: t.id, responseId: t.response_id, dueAt: t.due_at },
        });
        const userIds =
          t.assignee_kind === 'organisation' && t.assignee_id ? (await repo.usersOfOrganisations([t.assignee_id])).map((u) => u.id)
            : t.assignee_kind === 'user' && t.assignee_id ? (await repo.activeUsers([t.assignee_id])).map((u) => u.id) : [];
        const rows: NotificationRow[] = userIds.map((userId) => ({ id: uuidv7(), user_id: userId, incident_id: t.incident_id, response_id: t.response_id, task_id: t.id, text, created_at: at, read_at: null }));
        await repo.insertNotifications(rows);
        for (const n of rows) out.live({ name: 'notification', scopePath: t.scope_path, payload: { id: n.id, text, incidentId: t.incident_id, responseId: t.response_id, at }, userIds: [n.user_id] });
        this.signal(out, { id: t.response_id, incident_id: t.incident_id, scope_path: t.scope_path }, 'task', t.id);
        return 1;
      });
    }
    return announced;
  }

  async attachment(p: Principal, id: string) {
    const a = await responsesRepository(this.db).attachment(id, p.scopePath);
    if (!a) throw notFound('附件');
    return { filename: a.filename, mime: a.mime, content: Buffer.from(a.content) };
  }

  async notifications(p: Principal) {
    return (await responsesRepository(this.db).notificationsFor(p.userId)).map((n) => ({
      id: n.id, text: n.text, incidentId: n.incident_id, responseId: n.response_id, at: n.created_at, read: n.read_at !== null,
    }));
  }

  async markNotificationsRead(p: Principal) {
    await responsesRepository(this.db).markRead(p.userId, this.clock().toISOString());
    return { ok: true as const };
  }

  /** Everything a situation report needs, gathered in one place (see domain/responses/sitrep). */
  async sitrepFacts(p: Principal, incidentId: string): Promise<{ incident: IncidentDto; responses: ReturnType<ResponseService['dto']>[]; tasks: Awaited<ReturnType<ResponseService['taskDtos']>> }> {
    const incident = incidentDto(await this.incident(this.db, p, incidentId));
    const rows = await responsesRepository(this.db).list(p.scopePath, { incidentId });
    const tasks = await responsesRepository(this.db).tasksOf(rows.map((r) => r.id));
    const now = this.clock().toISOString();
    return { incident, responses: rows.map((r) => this.dto(r, tasks, now)), tasks: await this.taskDtos(p, tasks) };
  }
}
