// Incidents: intake, grading, lifecycle and the reporting clocks. Every change is written together
// with its timeline event (inTransaction), then sent live to those whose scope covers it.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { computeGrade, isUpgrade, type GradingResult } from '../../../domain/incidents/grading';
import { canTransition, STATUS_LABELS, REPORT_KIND_LABELS } from '../../../domain/incidents/lifecycle';
import type { Category, Grade, Impact, IncidentStatus, ReportKind } from '../../../domain/incidents/model';
import { IMPACT_FIELDS } from '../../../domain/incidents/model';
import { requiredReports, type ReportingRules, type RequiredReport, type RecipientLevel } from '../../../domain/incidents/reporting';
import { findIncidentType, GRADE_LABELS, INCIDENT_TYPES } from '../../../domain/incidents/types';
import { formatBeijing } from '../../../domain/shared/time';
import { can, type Role } from '../../../domain/access/permissions';
import { ancestorPaths, isWithinScope, levelOfCode } from '../../../domain/shared/jurisdiction';
import type { IncidentCreate, IncidentListQuery, IncidentPatch, ReportFile } from '../../../contracts/incidents';
import type { Db, Tx } from '../../db';
import type { IncidentRow, ReportRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { eventDto, inTransaction, notifyUsers, type Actor, type Outbox } from '../../events/outbox';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';
import { OrganisationService } from '../organisations/organisations.service';
import { incidentsRepository, type IncidentWithNames } from './incidents.repository';
import { RulesService } from '../rules/rules.service';

type CreateInput = z.output<typeof IncidentCreate>;
type PatchInput = z.output<typeof IncidentPatch>;
type ReportInput = z.output<typeof ReportFile>;
type ListInput = z.output<typeof IncidentListQuery>;

/** How far in the future an occurred-at may lie (clock skew of field devices). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const CASUALTY_FIELDS = ['deaths', 'missing', 'seriousInjuries'] as const;

const impactOf = (r: IncidentRow): Impact => ({
  deaths: r.deaths, missing: r.missing, seriousInjuries: r.serious_injuries, minorInjuries: r.minor_injuries,
  directLossYuan: r.direct_loss_yuan === null ? null : Number(r.direct_loss_yuan), affected: r.affected, evacuated: r.evacuated,
});
const impactColumns = (i: Impact) => ({
  deaths: i.deaths, missing: i.missing, serious_injuries: i.seriousInjuries, minor_injuries: i.minorInjuries,
  direct_loss_yuan: i.directLossYuan, affected: i.affected, evacuated: i.evacuated,
});
const IMPACT_LABELS: Record<keyof Impact, string> = {
  deaths: '死亡', missing: '下落不明', seriousInjuries: '重伤', minorInjuries: '轻伤',
  directLossYuan: '直接经济损失(元)', affected: '受影响', evacuated: '转移安置',
};
const fmt = (v: number | null) => (v === null ? '未知' : String(v));
const gradeText = (g: Grade | null) => (g ? `${GRADE_LABELS[g].zh}（${GRADE_LABELS[g].roman}）` : '未定级');

export function incidentDto(r: IncidentWithNames) {
  const grade = (r.grade as Grade | null) ?? null;
  return {
    id: r.id,
    category: r.category as Category,
    typeCode: r.type_code,
    title: r.title,
    description: r.description,
    occurredAt: r.occurred_at,
    reportedAt: r.reported_at,
    location: r.lat === null && !r.address ? null : { lat: r.lat, lon: r.lon, address: r.address },
    jurisdictionCode: r.jurisdiction_code,
    jurisdictionName: r.jurisdiction_name,
    reportingOrganisation: r.reporting_org_id ? { id: r.reporting_org_id, name: r.org_name ?? '' } : null,
    impact: impactOf(r),
    status: r.status as IncidentStatus,
    overdueReports: r.overdue_reports,
    isDrill: r.is_drill === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    grade,
    gradeLabel: r.grade_mode === 'ungraded' ? '不分级' : grade ? GRADE_LABELS[grade].zh : null,
    computedGrade: (r.computed_grade as Grade | null) ?? null,
    gradeMode: r.grade_mode as 'computed' | 'manual' | 'ungraded',
    gradeProvisional: r.grade_provisional === 1,
    gradeOverride:
      r.override_grade && r.override_at
        ? { grade: r.override_grade as Grade, reason: r.override_reason ?? '', by: r.override_by ?? '', at: r.override_at }
        : null,
    gradeBasis: JSON.parse(r.grade_basis) as { measure: string; value: number; grade: Grade; rule: string }[],
    upgradeFlaggedAt: r.upgrade_flagged_at,
    // A person's raise sets the override and the flag in one change, at one instant.
    upgradeCause: r.upgrade_flagged_at === null ? null : r.override_at === r.upgrade_flagged_at ? ('manual' as const) : ('figures' as const),
  };
}
export type IncidentDto = ReturnType<typeof incidentDto>;

function reportDto(r: ReportRow, filedByName: string) {
  return {
    id: r.id, incidentId: r.incident_id, kind: r.kind as ReportKind, requirementKey: r.requirement_key,
    recipientLevel: r.recipient_level as RecipientLevel | null, recipient: r.recipient, unitProfile: r.unit_profile,
    timeAndPlace: r.time_and_place, briefHistory: r.brief_history, measuresTaken: r.measures_taken, other: r.other,
    impactSnapshot: JSON.parse(r.impact_snapshot) as Impact, gradeSnapshot: r.grade_snapshot as Grade | null,
    filedAt: r.filed_at, filedBy: { id: r.filed_by, name: filedByName },
  };
}

const encodeCursor = (r: { occurred_at: string; id: string }) => Buffer.from(`${r.occurred_at}|${r.id}`).toString('base64url');
function decodeCursor(c: string) {
  const [occurredAt, id] = Buffer.from(c, 'base64url').toString().split('|');
  if (!occurredAt || !id) throw invalid([{ path: 'cursor', message: '分页游标无效' }]);
  return { occurredAt, id };
}

const normalise = (at: string) => new Date(at).toISOString();

export interface IncidentServiceOptions {
  clock?: () => Date;
}

export class IncidentService {
  private readonly now: () => Date;
  private readonly rules: RulesService;

  /** Grading and reporting follow the rules in force where the incident is (national defaults + local settings). */
  constructor(private readonly db: Db, private readonly bus: Bus, opts: IncidentServiceOptions & { rules?: RulesService } = {}) {
    this.now = opts.clock ?? (() => new Date());
    this.rules = opts.rules ?? new RulesService(db, bus);
    this.rules.onChanged((out, scopePath) => this.rulesChanged(out, scopePath));
  }

  types() {
    return INCIDENT_TYPES.map((t) => ({ code: t.code, category: t.category, zh: t.zh, en: t.en, grading: t.grading }));
  }

  async list(p: Principal, q: ListInput) {
    let scopePath = p.scopePath;
    if (q.jurisdiction) scopePath = (await JurisdictionService.inScope(this.db, p, q.jurisdiction, 'jurisdiction')).path;
    const rows = await incidentsRepository(this.db).list({
      scopePath,
      category: q.category,
      grade: q.grade,
      status: q.status,
      from: q.from && normalise(q.from),
      to: q.to && normalise(q.to),
      q: q.q,
      limit: q.limit + 1,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(incidentDto), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  }

  async get(p: Principal, id: string): Promise<IncidentDto> {
    const r = await incidentsRepository(this.db).get(id, p.scopePath);
    if (!r) throw notFound('事件');
    return incidentDto(r);
  }

  async create(p: Principal, input: CreateInput, idempotencyKey?: string): Promise<IncidentDto> {
    const now = this.now();
    const nowIso = now.toISOString();
    const occurredAt = normalise(input.occurredAt);
    if (Date.parse(occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS)
      throw invalid([{ path: 'occurredAt', message: '发生时间不能晚于当前时间' }]);
    const requestHash = idempotencyKey ? createHash('sha256').update(JSON.stringify(input)).digest('hex') : '';

    const duplicate = (seen: { incident_id: string; request_hash: string }) =>
      conflict(
        seen.request_hash === requestHash ? `重复提交：该事件已登记（编号 ${seen.incident_id}）` : '幂等键已用于另一份不同的提交',
        [{ path: 'idempotencyKey', message: seen.incident_id }], 'duplicate_submission');

    const id = uuidv7();
    const dto = await inTransaction(this.db, this.bus, async (out) => {
      const repo = incidentsRepository(out.tx);
      if (idempotencyKey) {
        const seen = await repo.idempotency(p.userId, idempotencyKey);
        if (seen) throw duplicate(seen);
      }
      const j = await JurisdictionService.inScope(out.tx, p, input.jurisdictionCode);
      const reporter = await this.reportingOrganisation(out.tx, p, input.reportingOrganisationId);
      const rules = await this.rules.forPath(out.tx, j.path);
      const g = computeGrade({ category: input.category, typeCode: input.typeCode, impact: input.impact }, rules.grading);
      const row: IncidentRow = {
        id, category: input.category, type_code: input.typeCode, title: input.title, description: input.description,
        occurred_at: occurredAt, reported_at: nowIso,
        lat: input.location?.lat ?? null, lon: input.location?.lon ?? null, address: input.location?.address ?? '',
        jurisdiction_code: j.code, scope_path: j.path, reporting_org_id: reporter.id,
        ...impactColumns(input.impact),
        casualty_changes: '[]', status: 'reported', closed_at: null,
        ...gradeColumns(g),
        override_grade: null, override_reason: null, override_by: null, override_at: null,
        graded_at: g.grade ? nowIso : null, upgrade_flagged_at: null,
        overdue_reports: 0, next_due_at: null, is_drill: 0, version: 1,
        created_by: p.userId, created_at: nowIso, updated_at: nowIso,
      };
      Object.assign(row, clockColumns(row, [], nowIso, rules.reporting));
      await repo.insert(row);
      if (idempotencyKey)
        await repo.saveIdempotency({ user_id: p.userId, key: idempotencyKey, incident_id: id, request_hash: requestHash, created_at: nowIso });
      const actor = actorOf(p);
      const base = { incidentId: id, actor, jurisdictionCode: j.code, scopePath: j.path, at: nowIso };
      await out.append({ ...base, type: 'incident.created', summary: `${p.name} 接报：${input.title}（${j.name}）${reporter.id === p.organisationId ? '' : `，报告单位：${reporter.name}`}`, data: { title: input.title, category: input.category, typeCode: input.typeCode, impact: input.impact } });
      await out.append({ ...base, type: 'incident.graded', summary: gradingSummary(g), data: { grade: g.grade, mode: g.mode, article: g.article, basis: 'basis' in g ? g.basis : [] } });
      // The new row is known in full: announce it without reading it back.
      return this.announce(out, { ...row, jurisdiction_name: j.name, org_name: reporter.name });
    }).catch(async (e: unknown) => {
      // Two submissions with one key at the same moment both pass the check above (PostgreSQL: neither sees the other's
      // uncommitted key); the key's primary key lets one in, and the other gets the answer a later duplicate gets.
      if (!idempotencyKey || !incidentsRepository(this.db).isDuplicateKey(e)) throw e;
      const seen = await incidentsRepository(this.db).idempotency(p.userId, idempotencyKey);
      throw seen ? duplicate(seen) : e;
    });
    return dto;
  }

  /** The reporting unit: the caller's own, or one named in their subtree (else a field error, as out of scope). */
  private async reportingOrganisation(tx: Tx, p: Principal, id: string | undefined): Promise<{ id: string; name: string }> {
    if (id === undefined || id === p.organisationId) return { id: p.organisationId, name: p.organisationName };
    const o = await OrganisationService.inScope(tx, p, id, 'reportingOrganisationId', '报告单位');
    return { id: o.id, name: o.name };
  }

  async patch(p: Principal, id: string, input: PatchInput): Promise<IncidentDto> {
    const nowIso = this.now().toISOString();
    const needs = (action: Parameters<typeof can>[1]) => {
      if (!can(p.roles, action)) throw forbidden();
    };
    const edits = (['title', 'description', 'typeCode', 'occurredAt', 'location', 'impact'] as const).some((k) => input[k] !== undefined);
    if (edits) needs('incident.update');
    if (input.status !== undefined) needs('incident.transition');
    if (input.grade !== undefined) needs('incident.grade_override');

    return inTransaction(this.db, this.bus, async (out) => {
      const repo = incidentsRepository(out.tx);
      const cur = await repo.get(id, p.scopePath);
      if (!cur) throw notFound('事件');
      const actor = actorOf(p);
      const base = { incidentId: id, actor, jurisdictionCode: cur.jurisdiction_code, scopePath: cur.scope_path, at: nowIso };
      const { jurisdiction_name: _jn, org_name: _on, ...curRow } = cur;
      const next: IncidentRow = { ...curRow, updated_at: nowIso };
      const events: Parameters<Outbox['append']>[0][] = [];

      if (input.typeCode !== undefined && input.typeCode !== cur.type_code) {
        const t = findIncidentType(input.typeCode);
        if (!t || t.category !== cur.category) throw invalid([{ path: 'typeCode', message: '事件类型不属于该事件的类别' }]);
        next.type_code = input.typeCode;
      }
      if (input.occurredAt !== undefined) {
        const at = normalise(input.occurredAt);
        if (Date.parse(at) > Date.parse(nowIso) + FUTURE_TOLERANCE_MS) throw invalid([{ path: 'occurredAt', message: '发生时间不能晚于当前时间' }]);
        next.occurred_at = at;
      }
      if (input.title !== undefined) next.title = input.title;
      if (input.description !== undefined) next.description = input.description;
      if (input.location !== undefined) {
        next.lat = input.location?.lat ?? null; next.lon = input.location?.lon ?? null; next.address = input.location?.address ?? '';
      }
      const changedFields = (['title', 'description', 'typeCode', 'occurredAt', 'location'] as const).filter((k) => input[k] !== undefined);
      if (changedFields.length) events.push({ ...base, type: 'incident.updated', summary: `${p.name} 修改了事件信息`, data: { fields: changedFields } });

      // Impact figures: record what changed; casualty changes open 补报 requirements (493号令 第十三条).
      if (input.impact) {
        const before = impactOf(cur);
        const after: Impact = { ...before };
        for (const k of IMPACT_FIELDS) if (input.impact[k] !== undefined) after[k] = input.impact[k] as number | null;
        const changed = IMPACT_FIELDS.filter((k) => after[k] !== before[k]);
        if (changed.length) {
          Object.assign(next, impactColumns(after));
          if (changed.some((k) => (CASUALTY_FIELDS as readonly string[]).includes(k)))
            next.casualty_changes = JSON.stringify([...(JSON.parse(cur.casualty_changes) as string[]), nowIso]);
          events.push({
            ...base, type: 'incident.impact_changed',
            summary: `${p.name} 更新伤亡损失：${changed.map((k) => `${IMPACT_LABELS[k]} ${fmt(before[k])}→${fmt(after[k])}`).join('，')}`,
            data: { before, after, changed },
          });
        }
      }

      // Grade: recompute from the (new) figures; a person's grade, when set, is the one in force (shown).
      const rules = await this.rules.forPath(out.tx, cur.scope_path);
      const g = computeGrade({ category: next.category as Category, typeCode: next.type_code, impact: impactOf(next) }, rules.grading);
      Object.assign(next, gradeColumns(g));
      const chosen = input.grade;
      const decided = chosen !== undefined;
      if (decided) {
        if (g.mode === 'ungraded') throw invalid([{ path: 'grade', message: '社会安全事件不分级（突发事件应对法 第三条）' }]);
        const reason = input.gradeReason ?? '';
        if (chosen === null) {
          Object.assign(next, { override_grade: null, override_reason: null, override_by: null, override_at: null });
          events.push({ ...base, type: 'incident.grade_override_cleared', summary: `${p.name} 取消人工定级，恢复按规则定级，理由：${reason}`, data: { reason, previous: cur.override_grade, computedGrade: g.grade } });
        } else {
          Object.assign(next, { override_grade: chosen, override_reason: reason, override_by: p.name, override_at: nowIso });
          events.push({
            ...base, type: 'incident.grade_overridden',
            summary: `${p.name} 人工定级为${gradeText(chosen)}，理由：${reason}`,
            data: { grade: chosen, reason, computedGrade: g.grade },
          });
        }
      }
      next.grade = g.mode === 'ungraded' ? null : ((next.override_grade as Grade | null) ?? g.grade);
      const oldGrade = cur.grade as Grade | null;
      const newGrade = next.grade as Grade | null;
      const oldComputed = cur.computed_grade as Grade | null;
      const computed = g.grade;
      if (newGrade !== oldGrade) next.graded_at = nowIso;
      // Every change of the rules' grade is a grading decision on the timeline, even while a person's grade is in force.
      if (computed !== oldComputed) {
        const held = next.override_grade as Grade | null;
        events.push({
          ...base, type: 'incident.graded',
          summary: `按规则重新定级：${gradeText(oldComputed)} → ${gradeText(computed)}${held ? `（现行人工定级${gradeText(held)}）` : ''}`,
          data: { from: oldComputed, to: computed, shown: newGrade, basis: 'basis' in g ? g.basis : [] },
        });
      }
      if (decided) {
        // A person's grade settles a pending upgrade notice (they have seen it). Raising the grade above both the
        // grade in force and the rules' grade is a notice of its own, so the others report at the new grade.
        const raised = oldGrade !== null && isUpgrade(oldGrade, newGrade) && (computed === null || isUpgrade(computed, newGrade));
        next.upgrade_flagged_at = raised ? nowIso : null;
        if (raised)
          events.push({ ...base, type: 'incident.upgrade_flagged', summary: `${p.name} 人工上调事件等级：${gradeText(oldGrade)} → ${gradeText(newGrade)}，请按新等级续报`, data: { from: oldGrade, to: newGrade, cause: 'manual' } });
        else if (cur.upgrade_flagged_at)
          events.push({ ...base, type: 'incident.upgrade_acknowledged', summary: `${p.name} 已确认事件等级（${gradeText(newGrade)}），等级上调提示解除`, data: { grade: newGrade } });
      } else if (computed !== oldComputed && oldGrade !== null && isUpgrade(oldGrade, computed)) {
        // The first grade of an ungraded incident is not an upgrade; the rules' grade rising above the one in force is.
        next.upgrade_flagged_at = nowIso;
        events.push({
          ...base, type: 'incident.upgrade_flagged',
          summary: newGrade === computed
            ? `事件等级上调：${gradeText(oldGrade)} → ${gradeText(computed)}，请按新等级续报`
            : `按最新数字应定为${gradeText(computed)}，高于现行人工定级${gradeText(oldGrade)}，请确认定级`,
          data: { from: oldGrade, to: computed, cause: 'figures' },
        });
      }

      if (input.status !== undefined && input.status !== cur.status) {
        const from = cur.status as IncidentStatus;
        if (!canTransition(from, input.status))
          throw invalid([{ path: 'status', message: `不能从“${STATUS_LABELS[from].zh}”变为“${STATUS_LABELS[input.status].zh}”` }]);
        next.status = input.status;
        next.closed_at = input.status === 'closed' ? nowIso : null;
        const reopen = from === 'closed';
        events.push({
          ...base, type: 'incident.status_changed',
          summary: `${p.name} ${reopen ? '重新打开事件' : '变更状态'}：${STATUS_LABELS[from].zh} → ${STATUS_LABELS[input.status].zh}${input.note ? `（${input.note}）` : ''}`,
          data: { from, to: input.status, note: input.note ?? null },
        });
      }

      if (!events.length) return incidentDto(cur);
      const filed = await repo.reports(id);
      Object.assign(next, clockColumns(next, filed, nowIso, rules.reporting));
      const { id: _id, version, ...changes } = next;
      if (!(await repo.update(id, version, changes))) throw conflict('该事件刚被他人修改，请刷新后重试');
      for (const e of events) await out.append(e);
      return this.publish(out, id, cur.scope_path);
    });
  }

  /** For the multi-node relay: the current state of an incident another node changed. */
  async liveIncident(id: string, scopePath: string) {
    const r = await incidentsRepository(this.db).get(id, scopePath);
    return r ? incidentDto(r) : null;
  }

  /** For the multi-node relay: a timeline event another node appended. */
  async liveEvent(id: string) {
    const r = await incidentsRepository(this.db).event(id);
    return r ? eventDto(r) : null;
  }

  async events(p: Principal, id: string) {
    await this.get(p, id);
    return (await incidentsRepository(this.db).events(id)).map(eventDto);
  }

  async requiredReports(p: Principal, id: string): Promise<RequiredReport[]> {
    const repo = incidentsRepository(this.db);
    const cur = await repo.get(id, p.scopePath);
    if (!cur) throw notFound('事件');
    return clock(cur, await repo.reports(id), this.now().toISOString(), (await this.rules.forPath(this.db, cur.scope_path)).reporting);
  }

  async filedReports(p: Principal, id: string) {
    await this.get(p, id);
    const repo = incidentsRepository(this.db);
    const rows = await repo.reports(id);
    return Promise.all(rows.map(async (r) => reportDto(r, (await repo.userName(r.filed_by))?.display_name ?? '')));
  }

  /** Files a 初报/续报/核报/补报/终报 with the 493号令 第十二条 content and a snapshot of the figures. */
  async fileReport(p: Principal, id: string, input: ReportInput) {
    const nowIso = this.now().toISOString();
    return inTransaction(this.db, this.bus, async (out) => {
      const repo = incidentsRepository(out.tx);
      const cur = await repo.get(id, p.scopePath);
      if (!cur) throw notFound('事件');
      const rules = await this.rules.forPath(out.tx, cur.scope_path);
      if (input.requirementKey) {
        const req = clock(cur, await repo.reports(id), nowIso, rules.reporting).find((r) => r.key === input.requirementKey);
        if (!req) throw invalid([{ path: 'requirementKey', message: '没有这项报告要求' }]);
        if (req.kind !== input.kind) throw invalid([{ path: 'kind', message: `该要求应报送${REPORT_KIND_LABELS[req.kind].zh}` }]);
      }
      const row: ReportRow = {
        id: uuidv7(), incident_id: id, kind: input.kind, requirement_key: input.requirementKey,
        recipient_level: input.recipientLevel, recipient: input.recipient, unit_profile: input.unitProfile,
        time_and_place: input.timeAndPlace, brief_history: input.briefHistory, measures_taken: input.measuresTaken,
        other: input.other, impact_snapshot: JSON.stringify(impactOf(cur)), grade_snapshot: cur.grade,
        filed_at: nowIso, filed_by: p.userId,
      };
      await repo.insertReport(row);
      const filed = await repo.reports(id);
      const columns = clockColumns(cur, filed, nowIso, rules.reporting);
      // A report filed after an upgrade is made at the new grade (its snapshot says so): the upgrade notice is answered.
      // Not while a person's lower grade hides the rules' higher one: that notice asks for a grading decision.
      const hidden = cur.grade !== null && cur.computed_grade !== null && isUpgrade(cur.grade as Grade, cur.computed_grade as Grade);
      const answersUpgrade = cur.upgrade_flagged_at !== null && cur.upgrade_flagged_at <= nowIso && !hidden;
      const changes = { ...columns, updated_at: nowIso, ...(answersUpgrade ? { upgrade_flagged_at: null } : {}) };
      if (!(await repo.update(id, cur.version, changes))) throw conflict('该事件刚被他人修改，请重试');
      await out.append({
        incidentId: id, actor: actorOf(p), jurisdictionCode: cur.jurisdiction_code, scopePath: cur.scope_path, at: nowIso,
        type: 'report.filed',
        summary: `${p.name} 报送${REPORT_KIND_LABELS[input.kind].zh}${input.recipient ? `至${input.recipient}` : ''}${answersUpgrade ? `（按上调后的等级${gradeText(cur.grade as Grade | null)}报告）` : ''}`,
        data: { reportId: row.id, kind: input.kind, requirementKey: input.requirementKey, recipientLevel: input.recipientLevel, answersUpgrade },
      });
      await this.publish(out, id, cur.scope_path);
      return reportDto(row, p.name);
    });
  }

  /**
   * The scheduled check: puts each newly overdue report on the timeline once, refreshes the overdue
   * count and the next due time, and tells the responsible users live and in their notifications.
   * Returns how many it announced.
   */
  async checkOverdue(limit = 500): Promise<number> {
    const nowIso = this.now().toISOString();
    let announced = 0;
    for (const cur of await incidentsRepository(this.db).dueBy(nowIso, limit)) {
      announced += await inTransaction(this.db, this.bus, async (out) =>
        this.refreshClock(out, cur, (await this.rules.forPath(out.tx, cur.scope_path)).reporting, nowIso));
    }
    return announced;
  }

  /** Local rules changed at `scopePath`: the clocks below follow them in the same transaction (a stricter limit may be passed already). */
  private async rulesChanged(out: Outbox, scopePath: string): Promise<void> {
    const nowIso = this.now().toISOString();
    for (const cur of await incidentsRepository(out.tx).withClocks(scopePath))
      await this.refreshClock(out, cur, (await this.rules.forPath(out.tx, cur.scope_path)).reporting, nowIso);
  }

  private async refreshClock(out: Outbox, cur: IncidentRow, rules: ReportingRules, nowIso: string): Promise<number> {
    const repo = incidentsRepository(out.tx);
    const list = clock(cur, await repo.reports(cur.id), nowIso, rules);
    const noticed = new Set((await repo.overdueNoticed(cur.id)).map((n) => n.requirement_key));
    const fresh = list.filter((r) => r.status === 'overdue' && !noticed.has(r.key));
    for (const r of fresh) {
      await repo.noticeOverdue({ incident_id: cur.id, requirement_key: r.key, noticed_at: nowIso });
      await out.append({
        incidentId: cur.id, actor: null, jurisdictionCode: cur.jurisdiction_code, scopePath: cur.scope_path, at: nowIso,
        type: 'report.overdue', summary: `${r.labelZh}已超时（应于 ${r.dueAt ? formatBeijing(r.dueAt) : '—'} 前报送，${r.article}）`,
        data: { requirementKey: r.key, kind: r.kind, dueAt: r.dueAt, title: cur.title },
      });
    }
    if (fresh.length) await this.notifyResponsible(out, cur, `事件“${cur.title}”${fresh.map((r) => r.labelZh).join('、')}已超时，请尽快报送`, nowIso);
    const columns = clockColumnsOf(list);
    if (fresh.length || columns.overdue_reports !== cur.overdue_reports || columns.next_due_at !== cur.next_due_at) {
      await repo.update(cur.id, cur.version, columns);
      await this.publish(out, cur.id, cur.scope_path);
    }
    return fresh.length;
  }

  /**
   * 迟报 concerns those who must report: the commanders and duty officers from the incident's jurisdiction up to its
   * county (突发事件应对法 第十七条: the county answers for events in its area and reports up; 493号令 第九条: the unit
   * reports to county-level departments), and whoever took the report in, if they may file. In the bell, and live.
   */
  private async notifyResponsible(out: Outbox, cur: IncidentRow, text: string, at: string): Promise<void> {
    const paths: string[] = [];
    for (const path of ancestorPaths(cur.scope_path)) {
      paths.push(path);
      const level = levelOfCode(path.split('/').filter(Boolean).pop() ?? '');
      if (level !== 'township' && level !== 'village') break;
    }
    const users = await incidentsRepository(out.tx).activeUsers(paths, cur.created_by);
    const responsible = users.filter((u) => {
      const roles = JSON.parse(u.roles) as Role[];
      const lead = paths.includes(u.scope_path) && roles.some((r) => r === 'commander' || r === 'duty_officer');
      return lead || (u.id === cur.created_by && isWithinScope(cur.scope_path, u.scope_path) && can(roles, 'report.file'));
    });
    // Quiet: the overdue alert (report.overdue on the timeline) already says it on every screen in scope.
    await notifyUsers(out, responsible.map((u) => u.id), { scopePath: cur.scope_path, text, incidentId: cur.id, at, quiet: true });
  }

  private async publish(out: Outbox, id: string, scopePath: string): Promise<IncidentDto> {
    const fresh = await incidentsRepository(out.tx).get(id, scopePath);
    if (!fresh) throw new Error('incident vanished inside its own transaction');
    return this.announce(out, fresh);
  }

  private announce(out: Outbox, r: IncidentWithNames): IncidentDto {
    const dto = incidentDto(r);
    out.live({ name: 'incident', scopePath: r.scope_path, payload: dto });
    return dto;
  }
}

const actorOf = (p: Principal): Actor => ({ id: p.userId, name: p.name });

function gradeColumns(g: GradingResult) {
  return {
    grade: g.grade,
    computed_grade: g.grade,
    grade_mode: g.mode,
    grade_provisional: g.mode === 'computed' && g.provisional ? 1 : 0,
    grade_basis: JSON.stringify(g.mode === 'computed' ? g.basis : []),
  };
}

function gradingSummary(g: GradingResult): string {
  if (g.mode === 'ungraded') return '社会安全事件不分级（突发事件应对法 第三条）';
  if (g.mode === 'manual') return `该类事件需人工定级（${g.article}）`;
  if (!g.grade) return `伤亡和损失均未知，暂未定级（${g.article}）`;
  return `按${g.article}定为${gradeText(g.grade)}${g.provisional ? '（部分数据未知，暂定）' : ''}：${g.basis.map((b) => b.rule).join('；')}`;
}

function clock(r: IncidentRow, filed: ReportRow[], nowIso: string, rules: ReportingRules): RequiredReport[] {
  return requiredReports(
    {
      category: r.category as Category, typeCode: r.type_code, grade: r.grade as Grade | null,
      occurredAt: r.occurred_at, reportedAt: r.reported_at, status: r.status as IncidentStatus, closedAt: r.closed_at,
      casualtyChanges: JSON.parse(r.casualty_changes) as string[], gradedAt: r.graded_at,
    },
    filed.map((f) => ({ kind: f.kind as ReportKind, recipientLevel: f.recipient_level as RecipientLevel | null, filedAt: f.filed_at, requirementKey: f.requirement_key })),
    nowIso,
    rules,
  );
}

/** Denormalised clock state on the incident row: the board shows overdue counts, the check finds work by next_due_at. */
function clockColumns(r: IncidentRow, filed: ReportRow[], nowIso: string, rules: ReportingRules) {
  return clockColumnsOf(clock(r, filed, nowIso, rules));
}
function clockColumnsOf(list: RequiredReport[]) {
  const pending = list.filter((x) => x.status === 'pending' && x.dueAt).map((x) => x.dueAt as string).sort();
  return { overdue_reports: list.filter((x) => x.status === 'overdue').length, next_due_at: pending[0] ?? null };
}
