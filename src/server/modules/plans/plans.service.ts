// Plans: drafts people edit, immutable issued versions, filing/drill/evaluation records and the plan
// health they give, import from documents and YAML/JSON, and which plans an incident calls for.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { PlanCreate, PlanIssue, PlanRecord, PlanUpdate } from '../../../contracts/plans';
import { can } from '../../../domain/access/permissions';
import { gapCheck } from '../../../domain/plans/activation';
import { diffPlans } from '../../../domain/plans/diff';
import { checkElements, ORDER88_ELEMENTS } from '../../../domain/plans/elements';
import { matchPlan, matchWarning, type IncidentFacts, type PlanCandidate, type PlanMatch, type WarningFacts } from '../../../domain/plans/matching';
import type { Filler, PlanContent } from '../../../domain/plans/model';
import { planObligations, worstStatus, type PlanObligationRules } from '../../../domain/plans/obligations';
import { isWithinScope } from '../../../domain/shared/jurisdiction';
import { HOUR_MS } from '../../../domain/shared/time';
import type { Db } from '../../db';
import type { PlanVersionRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';
import { RulesService } from '../rules/rules.service';
import { plansRepository, type PlanWithNames } from './plans.repository';
import { importPlanDocument } from './plan-document';
import { toPlanContent } from '../../../domain/plans/document';
import { parsePlanYaml, planToYaml } from './plan-yaml';

type Create = z.output<typeof PlanCreate>;
type Update = z.output<typeof PlanUpdate>;
type Issue = z.output<typeof PlanIssue>;
type Record_ = z.output<typeof PlanRecord>;

/** Today's date in Beijing, which is what 备案/演练 dates mean. */
export const beijingDate = (now: Date) => new Date(now.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);

export class PlanService {
  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly opts: { clock?: () => Date; rules?: RulesService } = {},
  ) {}

  /** Obligation rules in force where each plan is (national defaults + local settings), one lookup per place. */
  private async obligationRules(paths: string[]): Promise<Map<string, PlanObligationRules>> {
    const rules = this.opts.rules ?? new RulesService(this.db, this.bus);
    const out = new Map<string, PlanObligationRules>();
    for (const path of new Set(paths)) out.set(path, (await rules.forPath(this.db, path)).plans);
    return out;
  }

  private now() {
    return this.opts.clock?.() ?? new Date();
  }

  private async summaries(p: Principal, rows: PlanWithNames[]) {
    const repo = plansRepository(this.db);
    const versions = new Map((await repo.versionsById(rows.flatMap((r) => (r.current_version_id ? [r.current_version_id] : [])))).map((v) => [v.id, v]));
    const records = await repo.records(rows.map((r) => r.id));
    const rules = await this.obligationRules(rows.map((r) => r.scope_path));
    const today = beijingDate(this.now());
    return rows.map((r) => {
      const cur = r.current_version_id ? versions.get(r.current_version_id) ?? null : null;
      const mine = records.filter((x) => x.plan_id === r.id);
      const on = (kind: string) => mine.filter((x) => x.kind === kind).map((x) => x.on_date);
      const obligations = cur
        ? planObligations({
            kind: r.kind as PlanContent['kind'], ownerType: r.owner_type as PlanContent['ownerType'], issuedOn: cur.issued_on,
            filedOn: on('filing')[0] ?? null, drills: on('drill'), evaluations: on('evaluation'),
          }, today, rules.get(r.scope_path)!)
        : [];
      return {
        id: r.id, title: r.title, kind: r.kind as PlanContent['kind'], ownerType: r.owner_type as PlanContent['ownerType'],
        jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.jurisdiction_name, organisationName: r.org_name,
        status: (cur ? 'issued' : 'draft') as 'issued' | 'draft', hasDraft: r.draft !== null,
        currentVersion: cur ? { id: cur.id, no: cur.no, label: cur.label, issuedOn: cur.issued_on, approver: cur.approver } : null,
        obligations, health: cur ? worstStatus(obligations) : ('not_issued' as const),
        editable: isWithinScope(r.scope_path, p.scopePath) && can(p.roles, 'plan.manage'),
        updatedAt: r.updated_at, version: r.version,
      };
    });
  }

  async list(p: Principal, q: { q?: string; kind?: string; health?: string } = {}) {
    let rows = await plansRepository(this.db).visible(p.scopePath);
    if (q.kind) rows = rows.filter((r) => r.kind === q.kind);
    if (q.q) rows = rows.filter((r) => r.title.includes(q.q!));
    const out = await this.summaries(p, rows);
    return q.health ? out.filter((s) => s.health === q.health) : out;
  }

  private async row(p: Principal, id: string) {
    const r = await plansRepository(this.db).get(id, p.scopePath);
    if (!r) throw notFound('预案');
    return r;
  }

  async get(p: Principal, id: string) {
    const r = await this.row(p, id);
    const repo = plansRepository(this.db);
    const [summary] = await this.summaries(p, [r]);
    const versions = await repo.versions(id);
    const current = versions.find((v) => v.id === r.current_version_id);
    const draft = r.draft ? (JSON.parse(r.draft) as PlanContent) : null;
    const shown = draft ?? (current ? (JSON.parse(current.content) as PlanContent) : null);
    const records = await repo.records([id]);
    return {
      ...summary!,
      draft, current: current ? (JSON.parse(current.content) as PlanContent) : null,
      elements: shown ? checkElements(shown.kind, shown.sections) : [],
      elements88: shown ? checkElements(shown.kind, shown.sections, ORDER88_ELEMENTS) : [],
      versions: versions.map((v) => ({ id: v.id, no: v.no, label: v.label, issuedOn: v.issued_on, approver: v.approver, issuedBy: v.issued_by, createdAt: v.created_at })),
      records: records.map((x) => ({ id: x.id, kind: x.kind as 'drill', on: x.on_date, note: x.note, by: x.by_name })),
    };
  }

  /** The organisations a plan names must be visible to its author (no filling roles with strangers). */
  private async checkFillers(p: Principal, c: PlanContent) {
    const ids = new Set<string>();
    c.levels.forEach((l) => {
      l.roles.forEach((r) => r.filledBy?.kind === 'organisation' && ids.add(r.filledBy.organisationId));
      l.notify.forEach((n) => n.kind === 'organisation' && ids.add(n.organisationId));
    });
    if (!ids.size) return;
    const known = await this.db.selectFrom('organisations').select(['id', 'scope_path']).where('id', 'in', [...ids]).execute();
    const ok = new Set(known.filter((o) => isWithinScope(o.scope_path, p.scopePath) || isWithinScope(p.scopePath, o.scope_path)).map((o) => o.id));
    const bad = [...ids].filter((id) => !ok.has(id));
    if (bad.length) throw invalid([{ path: 'content.levels', message: `未知或不在管辖范围内的单位：${bad.join('、')}` }]);
  }

  async create(p: Principal, input: Create) {
    const id = uuidv7();
    const at = this.now().toISOString();
    await this.checkFillers(p, input.content);
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await JurisdictionService.inScope(out.tx, p, input.jurisdictionCode);
      if (input.organisationId) {
        const o = await out.tx.selectFrom('organisations').select(['id', 'scope_path']).where('id', '=', input.organisationId).executeTakeFirst();
        if (!o || !isWithinScope(o.scope_path, p.scopePath)) throw invalid([{ path: 'organisationId', message: '单位不存在或不在管辖范围内' }]);
      }
      await plansRepository(out.tx).insert({
        id, title: input.content.title, kind: input.content.kind, owner_type: input.content.ownerType, jurisdiction_code: j.code, scope_path: j.path,
        organisation_id: input.organisationId, draft: JSON.stringify(input.content), current_version_id: null,
        created_by: p.userId, created_at: at, updated_at: at, version: 1,
      });
      await out.append({ incidentId: null, type: 'plan.created', actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path, summary: `${p.name} 新建预案草稿：${input.content.title}`, data: { planId: id } });
    });
    return this.get(p, id);
  }

  private async editable(p: Principal, id: string) {
    const r = await this.row(p, id);
    if (!isWithinScope(r.scope_path, p.scopePath)) throw forbidden('上级单位的预案只能查看和使用，不能修改');
    return r;
  }

  async update(p: Principal, id: string, input: Update) {
    const r = await this.editable(p, id);
    await this.checkFillers(p, input.content);
    const ok = await plansRepository(this.db).update(id, input.version, {
      draft: JSON.stringify(input.content), title: input.content.title, kind: input.content.kind, owner_type: input.content.ownerType, updated_at: this.now().toISOString(),
    });
    if (!ok) throw conflict('预案已被他人修改，请刷新后再编辑', [{ path: 'version', message: `当前版本 ${r.version}` }], 'stale_version');
    return this.get(p, id);
  }

  /** 发布: the draft becomes an immutable numbered version signed off by the 主要负责人 (88号令 第二十四条). */
  async issue(p: Principal, id: string, input: Issue) {
    const r = await this.editable(p, id);
    if (!r.draft) throw conflict('没有待发布的草稿：请先修改预案', [], 'no_draft');
    const content = JSON.parse(r.draft) as PlanContent;
    if (!content.levels.length) throw invalid([{ path: 'content.levels', message: '发布前至少需要一个响应级别' }]);
    const at = this.now().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const repo = plansRepository(out.tx);
      const no = ((await repo.versions(id))[0]?.no ?? 0) + 1;
      const versionId = uuidv7();
      await repo.insertVersion({ id: versionId, plan_id: id, no, label: input.versionLabel, content: r.draft!, issued_on: input.issuedOn, approver: input.approver, issued_by: p.name, created_at: at });
      if (!(await repo.update(id, r.version, { draft: null, current_version_id: versionId, updated_at: at })))
        throw conflict('预案已被他人修改，请刷新后再发布', [], 'stale_version');
      await out.append({
        incidentId: null, type: 'plan.issued', actor: { id: p.userId, name: p.name }, jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path,
        summary: `${p.name} 发布预案《${content.title}》${input.versionLabel}（批准人：${input.approver}）`, data: { planId: id, versionId, no },
      });
    });
    return this.get(p, id);
  }

  async addRecord(p: Principal, id: string, input: Record_) {
    const r = await this.editable(p, id);
    if (!r.current_version_id) throw conflict('预案尚未发布，不能登记备案、演练或评估', [], 'not_issued');
    if (input.on > beijingDate(this.now())) throw invalid([{ path: 'on', message: '日期不能晚于今天' }]);
    const label = { filing: '备案', drill: '演练', evaluation: '评估' }[input.kind];
    await inTransaction(this.db, this.bus, async (out) => {
      await plansRepository(out.tx).insertRecord({ id: uuidv7(), plan_id: id, kind: input.kind, on_date: input.on, note: input.note, by_name: p.name, created_at: this.now().toISOString() });
      await out.append({ incidentId: null, type: `plan.${input.kind}`, actor: { id: p.userId, name: p.name }, jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path, summary: `${p.name} 登记预案《${r.title}》${label}：${input.on}`, data: { planId: id } });
    });
    return this.get(p, id);
  }

  /** A level's resource needs and the plan's area (the resource gap check compares them with what the area holds). */
  async levelNeeds(p: Principal, id: string, levelKey: string, which: number | 'draft' | 'current' = 'current') {
    const r = await this.row(p, id);
    const level = (await this.contentOf(p, id, which)).content.levels.find((l) => l.key === levelKey);
    if (!level) throw invalid([{ path: 'level', message: `预案没有响应级别 ${levelKey}` }]);
    return { scopePath: r.scope_path, level: { key: level.key, name: level.name }, needs: level.resources };
  }

  private async contentOf(p: Principal, id: string, which: number | 'draft' | 'current'): Promise<{ content: PlanContent; version: PlanVersionRow | null }> {
    const r = await this.row(p, id);
    if (which === 'draft') {
      if (!r.draft) throw notFound('草稿');
      return { content: JSON.parse(r.draft) as PlanContent, version: null };
    }
    const versions = await plansRepository(this.db).versions(id);
    const v = which === 'current' ? versions.find((x) => x.id === r.current_version_id) : versions.find((x) => x.no === which);
    if (!v) throw notFound('预案版本');
    return { content: JSON.parse(v.content) as PlanContent, version: v };
  }

  async diff(p: Principal, id: string, from: number, to: number | 'draft') {
    const a = await this.contentOf(p, id, from);
    const b = await this.contentOf(p, id, to);
    return { from, to: to === 'draft' ? 0 : to, changes: diffPlans(a.content, b.content) };
  }

  async exportYaml(p: Principal, id: string, which: number | 'draft' | 'current') {
    const { content } = await this.contentOf(p, id, which);
    return { filename: `${content.title}.yaml`, text: planToYaml(content) };
  }

  /** 缺口检查 of one level: who fills what, who can be reached. */
  async gaps(p: Principal, id: string, levelKey: string, which: number | 'draft' | 'current' = 'current') {
    const { content } = await this.contentOf(p, id, which);
    const orgIds = new Set<string>();
    const userIds = new Set<string>();
    const note = (f: Filler | null) => {
      if (f?.kind === 'organisation') orgIds.add(f.organisationId);
      else if (f?.kind === 'person' && f.userId) userIds.add(f.userId);
    };
    for (const l of content.levels) {
      l.roles.forEach((r) => note(r.filledBy));
      l.notify.forEach((n) => (n.kind === 'organisation' ? orgIds.add(n.organisationId) : n.kind === 'user' ? userIds.add(n.userId) : undefined));
    }
    const repo = plansRepository(this.db);
    const orgs = await repo.organisationReach([...orgIds]);
    const users = await repo.activeUsers([...userIds]);
    try {
      return gapCheck(content, levelKey, {
        organisations: new Map(orgs.map((o) => [o.id, { name: o.name, contactPhone: o.contact_phone || null, users: Number(o.users) }])),
        activeUserIds: new Set(users.map((u) => u.id)),
      });
    } catch {
      throw notFound('响应级别');
    }
  }

  /** A document (.docx/.md/.txt) becomes a draft to review; a YAML/JSON plan is validated line by line. */
  async importFile(filename: string, bytes: Buffer) {
    if (/\.(ya?ml|json)$/i.test(filename)) {
      const content = parsePlanYaml(bytes.toString('utf8'));
      return {
        title: content.title, kind: content.kind, format: 'yaml', structured: true, draft: content,
        levels: content.levels.map((l) => ({ name: l.name, rank: l.rank, minGrade: l.startConditions.minGrade, conditions: l.startConditions.text ? [l.startConditions.text] : [], actions: l.tasks.map((t) => t.title) })),
        organisations: [], liftConditions: content.liftConditions, unrecognised: [], notes: [],
      };
    }
    const imported = await importPlanDocument(filename, bytes);
    return {
      title: imported.title, kind: imported.kind, format: filename.split('.').pop()?.toLowerCase() ?? '', structured: false,
      levels: imported.levels, organisations: imported.organisations, liftConditions: imported.liftConditions,
      unrecognised: imported.unrecognised, notes: imported.notes, draft: toPlanContent(imported),
    };
  }

  /** The plans an incident calls for (issued versions of its own and higher jurisdictions), matches first. */
  suggestions(_p: Principal, incident: IncidentFacts & { id: string }, activePlanIds: Set<string>) {
    return this.suggest(incident.jurisdictionPath, (c) => matchPlan(c, incident), activePlanIds);
  }

  /** The plans an issued warning calls for (their triggers name warnings of its type and colour). */
  warningSuggestions(warning: WarningFacts) {
    const path = warning.jurisdictionPaths[0];
    return path ? this.suggest(path, (c) => matchWarning(c, warning), new Set()) : Promise.resolve([]);
  }

  private async suggest(path: string, match: (c: PlanCandidate) => PlanMatch, activePlanIds: Set<string>) {
    const rows = await plansRepository(this.db).applicableTo(path);
    const versions = new Map((await plansRepository(this.db).versionsById(rows.map((r) => r.current_version_id!))).map((v) => [v.id, v]));
    const codes = [...new Set(rows.flatMap((r) => (JSON.parse(versions.get(r.current_version_id!)!.content) as PlanContent).triggers.jurisdictionCodes))];
    const covered = new Map(codes.length ? (await this.db.selectFrom('jurisdictions').select(['code', 'name', 'path']).where('code', 'in', codes).execute()).map((j) => [j.code, j]) : []);
    const out = rows.map((r) => {
      const v = versions.get(r.current_version_id!)!;
      const content = JSON.parse(v.content) as PlanContent;
      const m = match({
        content, owner: { path: r.scope_path, name: r.jurisdiction_name },
        covered: content.triggers.jurisdictionCodes.flatMap((c) => { const j = covered.get(c); return j ? [{ path: j.path, name: j.name }] : []; }),
      });
      return {
        planId: r.id, planTitle: content.title, versionId: v.id, versionLabel: v.label, jurisdictionName: r.jurisdiction_name,
        matches: m.matches, reasons: m.reasons, unmet: m.unmet, reasonText: (m.matches ? m.reasons : m.unmet).join('，'),
        suggestedLevel: m.suggestedLevel ? { key: m.suggestedLevel.key, name: m.suggestedLevel.name } : null,
        levels: content.levels.map((l) => ({ key: l.key, name: l.name, rank: l.rank })).sort((a, b) => a.rank - b.rank),
        active: activePlanIds.has(r.id),
      };
    });
    return out.sort((a, b) => Number(b.matches) - Number(a.matches) || a.planTitle.localeCompare(b.planTitle, 'zh'));
  }
}
