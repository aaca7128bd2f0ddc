// 预警规则 bound to sensors, and the engine that runs them on every durable batch of readings: a level change
// opens, upgrades, downgrades or lifts the rule's warning (WarningService.fromRule). The engine state lives in
// memory; on start, on every rule change and on a takeover it is rebuilt from the stored readings of the longest
// window without replaying the past transitions, and the open warnings are then brought in line with the levels it
// gives now (reconcile). With several nodes on PostgreSQL one node evaluates (rules-lease.ts): the others hand it
// their readings.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { WarningRuleCreate } from '../../../contracts/monitoring';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import {
  bindTemplate, compileRuleSet, createEngineState, findTemplate, ingestMany, RULE_TEMPLATES,
  advanceTo, currentLevels, type EngineState, type Reading, type RuleBinding, type SubjectSpec, type Transition,
} from '../../../domain/warnings/rules';
import { findWarningType, WARNING_LEVEL_LABELS, type WarningLevel } from '../../../domain/warnings/model';
import type { Db } from '../../db';
import type { WarningRuleRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';
import type { StoredReading } from '../sensors/sensors.service';
import type { WarningService } from './warnings.service';

/**
 * What a rule reads, as stored in `warning_rules.sensor_ids` (JSON): sensor ids and sites. A site's key is its first
 * sensor in the template's order, so its warnings are keyed (rule, that sensor) like a single sensor's.
 */
type Subjects = SubjectSpec[];
const subjectSensors = (subjects: Subjects) => subjects.flatMap((x) => (typeof x === 'string' ? [x] : Object.values(x.sensors) as string[]));

/** How far back the engine is warmed up on start: the longest window any template uses (3 days of 高温). */
const WARM_UP_MS = 4 * 86_400_000;

interface SensorInfo { kind: string; jurisdictionCode: string; name: string; jurisdictionName: string }

export class WarningRuleService {
  private state: EngineState | null = null;
  private rules = new Map<string, WarningRuleRow>();
  private sensors = new Map<string, SensorInfo>();
  /** Batches, reloads and takeovers run one after another so transitions keep their order. */
  private queue: Promise<void> = Promise.resolve();
  /** Whether this node evaluates (single node: always; several: the lease holder). */
  private evaluating: boolean;
  /** Tells the other nodes that the rules changed (several nodes). */
  private announce: () => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly warnings: WarningService,
    private readonly clock: () => Date = () => new Date(),
    opts: { evaluating?: boolean } = {},
  ) {
    this.evaluating = opts.evaluating ?? true;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  /** Several nodes: the lease makes this node the evaluator (rebuild, then reconcile) or takes that away. */
  setEvaluating(on: boolean): Promise<void> {
    return this.enqueue(async () => {
      this.evaluating = on;
      this.state = null;
      if (on) await this.reconcile();
    });
  }

  onRulesChanged(announce: () => void) {
    this.announce = announce;
  }

  /** The rules changed (here or, announced, on another node): the evaluator rebuilds and reconciles. */
  rulesChanged(): Promise<void> {
    return this.enqueue(async () => {
      if (this.evaluating) await this.reconcile();
    });
  }

  templates() {
    return RULE_TEMPLATES.map((t) => ({ id: t.id, typeCode: t.typeCode, name: t.name, sensorKinds: t.sensorKinds, source: t.source, unverified: t.unverified, notes: t.notes, levels: t.levels, hysteresis: t.hysteresis, holdMinutes: t.holdMinutes }));
  }

  private binding(row: Pick<WarningRuleRow, 'id' | 'name' | 'template' | 'definition' | 'sensor_ids'>) {
    const t = findTemplate(row.template);
    if (!t) return { ok: false as const, errors: [{ path: 'template', message: `未知的规则模板：${row.template}` }] };
    return bindTemplate(t, JSON.parse(row.definition) as unknown, { ruleId: row.id, name: row.name, target: { kind: 'subjects', subjects: JSON.parse(row.sensor_ids) as Subjects } });
  }

  async list(p: Principal) {
    const r = subtreeRange(p.scopePath);
    const rows = await this.db.selectFrom('warning_rules').selectAll().where('scope_path', '>=', r.from).where('scope_path', '<', r.to).orderBy('created_at', 'desc').execute();
    return rows.map((x) => {
      const subjects = JSON.parse(x.sensor_ids) as Subjects;
      return {
        id: x.id, name: x.name, template: x.template, typeCode: x.type_code,
        sensorIds: subjects.filter((v): v is string => typeof v === 'string'),
        sites: subjects.filter((v) => typeof v !== 'string').map((v) => ({ siteKey: v.siteKey, sensors: v.sensors as Record<string, string> })),
        overrides: JSON.parse(x.definition) as Record<string, unknown>, autoIssue: x.auto_issue === 1, enabled: x.enabled === 1,
        jurisdictionCode: x.jurisdiction_code, createdBy: x.created_by, createdAt: x.created_at,
      };
    });
  }

  async create(p: Principal, input: z.output<typeof WarningRuleCreate>) {
    const t = findTemplate(input.template);
    if (!t) throw invalid([{ path: 'template', message: `未知的规则模板：${input.template}（可用：${RULE_TEMPLATES.map((x) => x.id).join('、')}）` }]);
    const id = uuidv7();
    const name = input.name ?? t.name;
    const ids = [...input.sensorIds, ...input.sites.flatMap((x) => Object.values(x.sensors))];
    const sensors = await this.db.selectFrom('sensors').select(['id', 'kind', 'scope_path']).where('id', 'in', ids).execute();
    const check = (sid: string, path: string, kinds: readonly string[]) => {
      const s = sensors.find((x) => x.id === sid);
      if (!s || !isWithinScope(s.scope_path, p.scopePath)) throw invalid([{ path, message: `未知的设备：${sid}` }]);
      if (!kinds.includes(s.kind)) throw invalid([{ path, message: `此处应为${kinds.join('、')}设备，该设备类型为 ${s.kind}` }]);
    };
    input.sensorIds.forEach((sid, i) => check(sid, `sensorIds.${i}`, t.sensorKinds));
    input.sites.forEach((site, i) => {
      const entries = Object.entries(site.sensors);
      if (!entries.length) throw invalid([{ path: `sites.${i}.sensors`, message: '站点至少包含一个设备' }]);
      for (const [kind, sid] of entries) {
        if (!t.sensorKinds.includes(kind as never)) throw invalid([{ path: `sites.${i}.sensors.${kind}`, message: `该规则不读取 ${kind}（读取：${t.sensorKinds.join('、')}）` }]);
        check(sid, `sites.${i}.sensors.${kind}`, [kind]);
      }
    });
    const subjects: Subjects = [
      ...input.sensorIds,
      ...input.sites.map((site) => {
        const sensors = Object.fromEntries(t.sensorKinds.filter((k) => site.sensors[k]).map((k) => [k, site.sensors[k]!]));
        return { siteKey: Object.values(sensors)[0]!, sensors };
      }),
    ];
    const bound = bindTemplate(t, input.overrides, { ruleId: id, name, target: { kind: 'subjects', subjects } });
    if (!bound.ok) throw invalid(bound.errors.map((e) => ({ path: `overrides.${e.path}`, message: e.message })));
    if (!findWarningType(t.typeCode)) throw invalid([{ path: 'template', message: `模板的预警类型未知：${t.typeCode}` }]);
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await JurisdictionService.inScope(out.tx, p, input.jurisdictionCode);
      await out.tx.insertInto('warning_rules').values({
        id, name, template: t.id, type_code: t.typeCode, definition: JSON.stringify(input.overrides), sensor_ids: JSON.stringify(subjects),
        auto_issue: input.autoIssue ? 1 : 0, enabled: 1, jurisdiction_code: j.code, scope_path: j.path, created_by: p.name, created_at: this.clock().toISOString(),
      }).execute();
      await out.append({ incidentId: null, type: 'warning_rule.created', actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path,
        summary: `${p.name} 设置预警规则：${name}（${ids.length} 个设备${input.autoIssue ? '，自动发布' : '，生成草稿待审核'}）`, data: { ruleId: id } });
    });
    await this.rulesChanged();
    this.announce();
    const created = (await this.list(p)).find((r) => r.id === id);
    if (!created) throw notFound('预警规则');
    return created;
  }

  /** A rule switched off is kept (its warnings point to it) but no longer evaluated; its open warnings stay until lifted. */
  async setEnabled(p: Principal, id: string, enabled: boolean) {
    const r = subtreeRange(p.scopePath);
    const rule = await this.db.selectFrom('warning_rules').select(['id', 'name', 'enabled', 'jurisdiction_code', 'scope_path']).where('id', '=', id)
      .where('scope_path', '>=', r.from).where('scope_path', '<', r.to).executeTakeFirst();
    if (!rule) throw notFound('预警规则');
    if ((rule.enabled === 1) !== enabled) {
      await inTransaction(this.db, this.bus, async (out) => {
        await out.tx.updateTable('warning_rules').set({ enabled: enabled ? 1 : 0 }).where('id', '=', id).execute();
        await out.append({ incidentId: null, type: enabled ? 'warning_rule.enabled' : 'warning_rule.disabled', actor: { id: p.userId, name: p.name },
          jurisdictionCode: rule.jurisdiction_code, scopePath: rule.scope_path,
          summary: enabled ? `${p.name} 启用预警规则：${rule.name}` : `${p.name} 停用预警规则：${rule.name}（其未解除的预警需人工解除）`, data: { ruleId: id } });
      });
      await this.rulesChanged();
      this.announce();
    }
    return (await this.list(p)).find((x) => x.id === id)!;
  }

  /** Rebuilds the engine from the enabled rules and warms it up on the stored readings, without announcing. */
  private async reload() {
    const rows = await this.db.selectFrom('warning_rules').selectAll().where('enabled', '=', 1).execute();
    const bindings: RuleBinding[] = [];
    this.rules = new Map();
    for (const r of rows) {
      const b = this.binding(r);
      if (b.ok) {
        bindings.push(b.value);
        this.rules.set(r.id, r);
      }
    }
    const compiled = compileRuleSet(bindings);
    if (!compiled.ok) throw new Error(`warning rules do not compile: ${compiled.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    const state = createEngineState(compiled.value);
    const ids = [...new Set(rows.flatMap((r) => subjectSensors(JSON.parse(r.sensor_ids) as Subjects)))];
    this.sensors = new Map();
    if (ids.length) {
      const infos = await this.db.selectFrom('sensors as s').innerJoin('jurisdictions as j', 'j.code', 's.jurisdiction_code')
        .select(['s.id', 's.kind', 's.jurisdiction_code', 's.name', 'j.name as j_name']).where('s.id', 'in', ids).execute();
      for (const s of infos) this.sensors.set(s.id, { kind: s.kind, jurisdictionCode: s.jurisdiction_code, name: s.name, jurisdictionName: s.j_name });
      const from = new Date(this.clock().getTime() - WARM_UP_MS).toISOString();
      const past = await this.db.selectFrom('readings').select(['sensor_id', 'at', 'value']).where('sensor_id', 'in', ids).where('at', '>=', from).orderBy('at').execute();
      ingestMany(state, past.map((r) => this.reading({ sensorId: r.sensor_id, at: r.at, value: Number(r.value) })).filter((r): r is Reading => r !== null));
    }
    this.state = state;
  }

  private reading(r: StoredReading): Reading | null {
    const s = this.sensors.get(r.sensorId);
    return s ? { sensorId: r.sensorId, kind: s.kind, at: Date.parse(r.at), value: r.value } : null;
  }

  /** The sensors' sink: new durable readings → level changes → warnings. */
  onReadings = (readings: StoredReading[]): Promise<void> =>
    this.enqueue(async () => {
      if (!this.evaluating) return;
      // The first batch after a start: a change the last run stored readings for but did not live to write is written.
      if (!this.state) await this.reconcile();
      const mine = readings.map((r) => this.reading(r)).filter((r): r is Reading => r !== null);
      if (!mine.length) return;
      mine.sort((a, b) => a.at - b.at);
      // Each (rule, sensor) warning takes its transitions in order; different warnings are written side by side,
      // so a downpour over many gauges shares commits instead of queueing one commit per warning.
      const perWarning = new Map<string, Transition[]>();
      for (const t of ingestMany(this.state!, mine)) {
        const key = `${t.ruleId}\u0000${t.siteKey ?? t.sensorId ?? ''}`;
        const list = perWarning.get(key);
        if (list) list.push(t);
        else perWarning.set(key, [t]);
      }
      await Promise.all([...perWarning.values()].map(async (ts) => {
        for (const t of ts) await this.apply(t.ruleId, t.siteKey ?? t.sensorId, t.to, t.basis, t.at);
      }));
    });

  /**
   * Rebuild from the stored readings, then bring the open rule warnings in line with the levels the data give now:
   * a change the previous evaluator did not live to write, or the level of a rule just set or switched on.
   */
  private async reconcile() {
    await this.reload();
    const clock = this.clock();
    advanceTo(this.state!, clock.getTime()); // levels whose windows have passed since the last reading fall away
    const now = clock.toISOString();
    const want = new Map<string, WarningLevel>();
    for (const c of currentLevels(this.state!)) {
      const subject = c.siteKey ?? c.sensorId;
      if (subject) want.set(`${c.ruleId}\u0000${subject}`, c.level);
    }
    const open = await this.db.selectFrom('warnings').select(['rule_id', 'sensor_id', 'level']).where('origin', '=', 'rule')
      .where('status', 'in', ['draft', 'approved', 'issued']).execute();
    const have = new Map(open.filter((w) => w.rule_id && w.sensor_id && this.rules.has(w.rule_id)).map((w) => [`${w.rule_id}\u0000${w.sensor_id}`, w.level]));
    for (const [key, level] of want)
      if (have.get(key) !== level) {
        const [ruleId, subject] = key.split('\u0000') as [string, string];
        await this.apply(ruleId, subject, level, `接管规则计算时按监测数据核对：当前应为${WARNING_LEVEL_LABELS[level].zh}`, now);
      }
    for (const key of have.keys())
      if (!want.has(key)) {
        const [ruleId, subject] = key.split('\u0000') as [string, string];
        await this.apply(ruleId, subject, null, '接管规则计算时按监测数据核对：已不满足预警条件', now);
      }
  }

  /** A site's warning is keyed by the site (its first sensor), whichever of its sensors moved the level. */
  private async apply(ruleId: string, subject: string | null, level: WarningLevel | null, basis: string, at: string) {
    const rule = this.rules.get(ruleId);
    const s = subject ? this.sensors.get(subject) : undefined;
    if (!rule || !subject || !s) return;
    await this.warnings.fromRule({
      ruleId, sensorId: subject, typeCode: rule.type_code, level, basis, jurisdictionCode: s.jurisdictionCode,
      areaDesc: `${s.jurisdictionName}（${s.name}周边）`, autoIssue: rule.auto_issue === 1, at,
    });
  }
}
