// 预警: drafted by a person or a rule, approved and issued by those who may, updated as data move, lifted
// or expired; every step on the timeline; acknowledged (签收) by the people responsible. A warning is
// visible in its own jurisdiction's subtree and to the jurisdictions it was issued for.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { WarningCreate } from '../../../contracts/monitoring';
import { ancestorPaths, isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import { capToWarning, gbtIdentifier, toGbt35965, warningToCap, type CapAlert } from '../../../domain/warnings/cap';
import { broadcastScript, smsText, WARNING_TO_INCIDENT_TYPE } from '../../../domain/warnings/dissemination';
import { findIncidentType } from '../../../domain/incidents/types';
import { IncidentCreate } from '../../../contracts/incidents';
import type { IncidentService } from '../incidents/incidents.service';
import type { WarningFacts } from '../../../domain/plans/matching';
import { findWarningType, WARNING_LEVEL_LABELS, type WarningLevel, type WarningStatus } from '../../../domain/warnings/model';
import type { Db, Tx } from '../../db';
import type { WarningRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction, notifyLeads, type Outbox } from '../../events/outbox';
import { conflict, invalid, notFound } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';
import { parseCap, parseCapFeed, serializeCap, serializeGbt35965 } from '../cap/cap-xml';

type Create = z.output<typeof WarningCreate>;
export type WarningHook = (tx: Tx, row: WarningRow, change: string) => Promise<void>;
type Row = WarningRow & { jurisdiction_name: string };

const STATUS_ZH: Record<WarningStatus, string> = { draft: '草稿', approved: '已审核', issued: '已发布', lifted: '已解除', expired: '已过期' };

/** GB/T 35965.1 identifier ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N (REFERENCE.md §5.3); N breaks ties within a second. */
export const warningIdentifier = (jurisdictionCode: string, at: Date, n: number) => gbtIdentifier(jurisdictionCode.slice(0, 6), '000', at.toISOString(), n % 10);

export interface RuleWarningInput {
  ruleId: string;
  sensorId: string;
  typeCode: string;
  /** null: the level fell away (the warning is lifted). */
  level: WarningLevel | null;
  basis: string;
  jurisdictionCode: string;
  areaDesc: string;
  autoIssue: boolean;
  at: string;
}

export class WarningService {
  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly clock: () => Date = () => new Date(),
    private readonly incidents?: IncidentService,
  ) {}

  private base(db: Db | Tx) {
    return db.selectFrom('warnings as w').innerJoin('jurisdictions as j', 'j.code', 'w.jurisdiction_code').selectAll('w').select('j.name as jurisdiction_name');
  }

  /** Own subtree, plus warnings issued above (a county's warning reaches its townships); drafts stay with their authors' area. */
  private visible(db: Db | Tx, p: Principal) {
    const r = subtreeRange(p.scopePath);
    return this.base(db).where((eb) => eb.or([
      eb.and([eb('w.scope_path', '>=', r.from), eb('w.scope_path', '<', r.to)]),
      eb.and([eb('w.scope_path', 'in', ancestorPaths(p.scopePath)), eb('w.status', 'in', ['issued', 'lifted', 'expired'])]),
    ]));
  }

  private async dtos(p: Principal | null, rows: Row[]) {
    const acks = rows.length
      ? await this.db
          .selectFrom('warning_acks as a')
          .innerJoin('users as u', 'u.id', 'a.user_id')
          .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
          .select(['a.warning_id', 'a.user_id', 'a.at', 'u.display_name', 'o.name as org_name'])
          .where('a.warning_id', 'in', rows.map((r) => r.id))
          .orderBy('a.at')
          .execute()
      : [];
    return rows.map((r) => {
      const type = findWarningType(r.type_code);
      const mine = acks.filter((a) => a.warning_id === r.id);
      return {
        id: r.id, typeCode: r.type_code, typeLabel: type?.zh ?? r.type_code, category: r.category as 'natural', level: r.level as WarningLevel,
        levelLabel: WARNING_LEVEL_LABELS[r.level as WarningLevel]?.zh ?? r.level, status: r.status as WarningStatus, origin: r.origin as 'rule',
        onset: r.onset, expires: r.expires, areaDesc: r.area_desc, jurisdictionCodes: JSON.parse(r.jurisdiction_codes) as string[],
        headline: r.headline, description: r.description, instruction: r.instruction, issuer: r.issuer, issuedAt: r.issued_at, liftedAt: r.lifted_at,
        basis: r.basis, sensorId: r.sensor_id, ruleId: r.rule_id, incidentId: r.incident_id, identifier: r.identifier, jurisdictionName: r.jurisdiction_name,
        acks: mine.map((a) => ({ userName: a.display_name, organisationName: a.org_name, at: a.at })),
        ackedByMe: p !== null && mine.some((a) => a.user_id === p.userId),
        escalated: Boolean(r.escalated_at) && mine.length === 0,
        channels: (() => {
          const c = { typeCode: r.type_code, level: r.level as WarningLevel, headline: r.headline, areaDesc: r.area_desc, instruction: r.instruction, issuer: r.issuer, issuedAt: r.issued_at, onset: r.onset };
          return { sms: smsText(c), broadcast: broadcastScript(c) };
        })(),
        createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
      };
    });
  }

  async list(p: Principal, f: { status?: WarningStatus | 'active' } = {}) {
    let q = this.visible(this.db, p);
    if (f.status === 'active') q = q.where('w.status', '=', 'issued');
    else if (f.status) q = q.where('w.status', '=', f.status);
    return this.dtos(p, await q.orderBy('w.created_at', 'desc').limit(500).execute());
  }

  async get(p: Principal, id: string) {
    const r = await this.visible(this.db, p).where('w.id', '=', id).executeTakeFirst();
    if (!r) throw notFound('预警');
    return (await this.dtos(p, [r]))[0]!;
  }

  /** Issued warnings for the public page and feed (no login). */
  async publicActive() {
    const rows = await this.base(this.db).where('w.status', '=', 'issued').orderBy('w.issued_at', 'desc').limit(200).execute();
    return this.dtos(null, rows);
  }

  async publicOne(id: string) {
    const r = await this.base(this.db).where('w.id', '=', id).where('w.status', 'in', ['issued', 'lifted', 'expired']).executeTakeFirst();
    return r ?? null;
  }

  private readonly hooks: WarningHook[] = [];

  /** Called inside the transaction of every change (e.g. webhook deliveries are queued with the change itself). */
  onChange(hook: WarningHook) {
    this.hooks.push(hook);
  }

  /** Screens refetch on the signal; once public, it also reaches the users below the issuer. */
  private async changed(out: Outbox, id: string, change: string) {
    const row = await out.tx.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const published = ['issue', 'lift', 'expired', 'updated', 'ack', 'imported', 'escalated'].includes(change);
    out.live({ name: 'warning', scopePath: row.scope_path, payload: { id, change }, ...(published ? { reachesBelow: true } : {}) });
    for (const hook of this.hooks) await hook(out.tx, row, change);
  }

  /**
   * The scheduled check: an issued warning that nobody has signed for after `minutes` is escalated once — on the
   * timeline, red on the board, and as a notice to the commanders and duty officers of the issuing jurisdiction.
   */
  async escalateUnacknowledged(minutes: number): Promise<number> {
    const now = this.clock();
    const before = new Date(now.getTime() - minutes * 60_000).toISOString();
    const due = await this.db.selectFrom('warnings as w').selectAll('w').where('w.status', '=', 'issued').where('w.escalated_at', 'is', null)
      .where('w.issued_at', '<=', before)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('warning_acks as a').select('a.warning_id').whereRef('a.warning_id', '=', 'w.id'))))
      .limit(200).execute();
    const at = now.toISOString();
    for (const r of due)
      await inTransaction(this.db, this.bus, async (out) => {
        const res = await out.tx.updateTable('warnings').set({ escalated_at: at }).where('id', '=', r.id).where('escalated_at', 'is', null).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        const text = `预警“${r.headline}”发布已超过 ${minutes} 分钟，仍无人签收`;
        await out.append({ incidentId: r.incident_id, type: 'warning.escalated', actor: null, jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path, summary: text, data: { warningId: r.id } });
        await notifyLeads(out, r.scope_path, text, r.incident_id, at);
        await this.changed(out, r.id, 'escalated');
      });
    return due.length;
  }

  private async insert(out: Outbox, row: WarningRow) {
    // The identifier's last digit breaks ties within one second.
    for (let n = 0; ; n++) {
      const identifier = warningIdentifier(row.jurisdiction_code, new Date(row.created_at), n);
      const taken = await out.tx.selectFrom('warnings').select('id').where('identifier', '=', identifier).executeTakeFirst();
      if (!taken || n >= 9) {
        row.identifier = taken ? `${identifier}-${row.id.slice(-6)}` : identifier;
        break;
      }
    }
    await out.tx.insertInto('warnings').values(row).execute();
  }

  async create(p: Principal, input: Create) {
    const id = uuidv7();
    const at = this.clock().toISOString();
    const type = findWarningType(input.typeCode)!;
    await inTransaction(this.db, this.bus, async (out) => {
      for (const [i, code] of input.jurisdictionCodes.entries()) await JurisdictionService.inScope(out.tx, p, code, `jurisdictionCodes.${i}`);
      const own = await JurisdictionService.inScope(out.tx, p, p.jurisdictionCode);
      const row: WarningRow = {
        id, type_code: type.code, category: type.category, level: input.level, status: 'draft', origin: 'person', onset: new Date(input.onset).toISOString(),
        expires: input.expires ? new Date(input.expires).toISOString() : null, area_desc: input.areaDesc, jurisdiction_codes: JSON.stringify(input.jurisdictionCodes),
        headline: input.headline, description: input.description, instruction: input.instruction, issuer: input.issuer || p.organisationName,
        issued_at: null, lifted_at: null, rule_id: null, sensor_id: null, incident_id: null, identifier: '', cap: null, basis: '',
        jurisdiction_code: own.code, scope_path: own.path, created_by: p.name, created_at: at, updated_at: at, version: 1,
      };
      await this.insert(out, row);
      await out.append({ incidentId: null, type: 'warning.drafted', actor: { id: p.userId, name: p.name }, jurisdictionCode: own.code, scopePath: own.path,
        summary: `${p.name} 起草${type.zh}${WARNING_LEVEL_LABELS[input.level].zh}预警：${input.headline}`, data: { warningId: id } });
      await this.changed(out, row.id, 'drafted');
    });
    return this.get(p, id);
  }

  /** approve: draft → approved; issue: draft|approved → issued (an approver issuing a draft approves it too); lift: issued → lifted. */
  async transition(p: Principal, id: string, action: 'approve' | 'issue' | 'lift', note = '') {
    const at = this.clock().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const r = await this.visible(out.tx, p).where('w.id', '=', id).executeTakeFirst();
      if (!r || !isWithinScope(r.scope_path, p.scopePath)) throw notFound('预警');
      const allowed: Record<typeof action, WarningStatus[]> = { approve: ['draft'], issue: ['draft', 'approved'], lift: ['issued'] };
      if (!allowed[action].includes(r.status as WarningStatus))
        throw conflict(`预警当前为“${STATUS_ZH[r.status as WarningStatus]}”，不能${{ approve: '审核', issue: '发布', lift: '解除' }[action]}`, [], 'bad_status');
      const next: Partial<WarningRow> =
        action === 'approve' ? { status: 'approved' } : action === 'issue' ? { status: 'issued', issued_at: at } : { status: 'lifted', lifted_at: at };
      const res = await out.tx.updateTable('warnings').set({ ...next, updated_at: at, version: r.version + 1 }).where('id', '=', id).where('version', '=', r.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('预警已被他人更新，请刷新', [], 'stale_version');
      const what = `${findWarningType(r.type_code)?.zh ?? ''}${WARNING_LEVEL_LABELS[r.level as WarningLevel]?.zh ?? ''}预警`;
      const verb = { approve: '审核通过', issue: '发布', lift: '解除' }[action];
      await out.append({ incidentId: r.incident_id, type: `warning.${action === 'approve' ? 'approved' : action === 'issue' ? 'issued' : 'lifted'}`, actor: { id: p.userId, name: p.name },
        jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path, summary: `${p.name} ${verb}${what}：${r.headline}${note ? `（${note}）` : ''}`, data: { warningId: id } });
      await this.changed(out, r.id, action);
    });
    return this.get(p, id);
  }

  async ack(p: Principal, id: string) {
    const at = this.clock().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const r = await this.visible(out.tx, p).where('w.id', '=', id).executeTakeFirst();
      if (!r) throw notFound('预警');
      if (r.status !== 'issued') throw conflict('只有已发布的预警需要签收', [], 'bad_status');
      const seen = await out.tx.selectFrom('warning_acks').select('at').where('warning_id', '=', id).where('user_id', '=', p.userId).executeTakeFirst();
      if (seen) throw conflict('您已签收该预警', [], 'already_acked');
      await out.tx.insertInto('warning_acks').values({ warning_id: id, user_id: p.userId, organisation_id: p.organisationId, at }).execute();
      await out.append({ incidentId: r.incident_id, type: 'warning.acked', actor: { id: p.userId, name: p.name }, jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path,
        summary: `${p.name}（${p.organisationName}）签收预警：${r.headline}`, data: { warningId: id } });
      await this.changed(out, r.id, 'ack');
    });
    return this.get(p, id);
  }

  /** A CAP 1.2 document from another issuer becomes a warning in the importer's area; its fields are kept whole. */
  async importCap(p: Principal, xml: string) {
    return this.importAlert(parseCap(xml), { jurisdictionCode: p.jurisdictionCode, actor: { id: p.userId, name: p.name }, scope: p });
  }

  /**
   * Polls CAP feeds (Atom/RSS): each new alert they link is fetched and filed under `jurisdictionCode`. Feeds and
   * alerts are read with a time and size limit; one bad entry is logged and skipped, the rest still come in.
   */
  async pollFeeds(urls: string[], jurisdictionCode: string, log: (msg: string, err?: unknown) => void = () => undefined, get: typeof fetch = fetch) {
    let imported = 0;
    const read = async (url: string) => {
      const res = await get(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow', headers: { accept: 'application/atom+xml, application/rss+xml, application/xml, text/xml' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      if (text.length > 5 * 1024 * 1024) throw new Error('document larger than 5 MB');
      return text;
    };
    for (const url of urls) {
      let entries: ReturnType<typeof parseCapFeed>;
      try {
        entries = parseCapFeed(await read(url), url);
      } catch (err) {
        log(`CAP feed ${url} unreadable`, err);
        continue;
      }
      for (const e of entries) {
        if (this.seenFeedEntries.has(e.capUrl)) continue;
        try {
          const alert = parseCap(await read(e.capUrl));
          const known = await this.db.selectFrom('warnings').select('id').where('identifier', '=', alert.identifier).executeTakeFirst();
          if (!known) {
            await this.importAlert(alert, { jurisdictionCode, actor: null, scope: null });
            imported++;
          }
          this.seenFeedEntries.add(e.capUrl);
        } catch (err) {
          log(`CAP alert ${e.capUrl} not imported`, err);
        }
      }
    }
    return imported;
  }

  /** Feed entries already taken (their alerts are also unique by identifier in the database). */
  private readonly seenFeedEntries = new Set<string>();

  private async importAlert(alert: CapAlert, by: { jurisdictionCode: string; actor: { id: string; name: string } | null; scope: Principal | null }) {
    const w = capToWarning(alert);
    const at = this.clock().toISOString();
    const id = uuidv7();
    const type = findWarningType(w.typeCode ?? 'other') ?? findWarningType('other')!;
    await inTransaction(this.db, this.bus, async (out) => {
      const seen = await out.tx.selectFrom('warnings').select('id').where('identifier', '=', alert.identifier).executeTakeFirst();
      if (seen) throw conflict(`该预警（${alert.identifier}）已导入`, [{ path: 'identifier', message: seen.id }], 'duplicate_alert');
      const own = by.scope
        ? await JurisdictionService.inScope(out.tx, by.scope, by.jurisdictionCode)
        : await out.tx.selectFrom('jurisdictions').select(['code', 'path']).where('code', '=', by.jurisdictionCode).executeTakeFirstOrThrow();
      const row: WarningRow = {
        id, type_code: type.code, category: w.category ?? type.category, level: w.level ?? 'blue', status: w.status ?? 'issued', origin: 'cap_import',
        onset: w.onset ?? at, expires: w.expires ?? null, area_desc: w.areaDesc ?? '', jurisdiction_codes: JSON.stringify(w.jurisdictionCodes ?? []),
        headline: w.headline || alert.identifier, description: w.description ?? '', instruction: w.instruction ?? '', issuer: w.issuer ?? alert.sender,
        issued_at: w.issuedAt ?? null, lifted_at: w.status === 'lifted' ? at : null, rule_id: null, sensor_id: null, incident_id: null,
        identifier: alert.identifier, cap: JSON.stringify(alert), basis: w.level ? '' : 'CAP 未给出可识别的严重程度，按蓝色（四级）显示',
        jurisdiction_code: own.code, scope_path: own.path, created_by: by.actor?.name ?? 'CAP 订阅', created_at: at, updated_at: at, version: 1,
      };
      await out.tx.insertInto('warnings').values(row).execute();
      await out.append({ incidentId: null, type: 'warning.imported', actor: by.actor, jurisdictionCode: own.code, scopePath: own.path,
        summary: `${by.actor ? `${by.actor.name} 导入` : '订阅接收'} CAP 预警：${row.headline}（${alert.sender}）`, data: { warningId: id, identifier: alert.identifier } });
      await this.changed(out, row.id, 'imported');
    });
    return { warningId: id };
  }

  /** The CAP alert of a warning: an imported one as it came, ours built from its fields. */
  private capOf(r: WarningRow): CapAlert {
    if (r.cap) return JSON.parse(r.cap) as CapAlert;
    return warningToCap({
      id: r.id, typeCode: r.type_code, category: r.category as 'natural', level: r.level as WarningLevel, status: r.status as WarningStatus, origin: r.origin as 'rule',
      onset: r.onset, expires: r.expires, areaDesc: r.area_desc, jurisdictionCodes: JSON.parse(r.jurisdiction_codes) as string[], headline: r.headline,
      description: r.description, instruction: r.instruction, issuer: r.issuer, issuedAt: r.issued_at,
      identifier: r.identifier, sender: `${r.identifier.slice(0, 14)}@shouwang`, senderName: r.issuer, sent: r.issued_at ?? r.updated_at,
      msgType: r.status === 'lifted' ? 'Cancel' : r.version > 1 && r.status === 'issued' && r.issued_at !== r.updated_at ? 'Update' : 'Alert',
    });
  }

  async capXml(p: Principal, id: string, profile: 'cap' | 'gbt' = 'cap') {
    const r = await this.visible(this.db, p).where('w.id', '=', id).executeTakeFirst();
    if (!r) throw notFound('预警');
    return this.render(r, profile);
  }

  /** Public CAP of an issued (or since lifted/expired) warning; null when there is none to show. */
  async publicCapXml(id: string, profile: 'cap' | 'gbt') {
    const r = await this.publicOne(id);
    return r ? this.render(r, profile) : null;
  }

  private render(r: WarningRow, profile: 'cap' | 'gbt') {
    const alert = this.capOf(r);
    return profile === 'cap' ? serializeCap(alert) : serializeGbt35965(toGbt35965(alert, { senderName: r.issuer }));
  }

  /**
   * A warning becomes an incident (or joins one): the incident starts from the warning's facts, both timelines
   * say so, and the incident's plan suggestions follow from its type.
   */
  async toIncident(p: Principal, id: string, input: { incidentId?: string; typeCode?: string }) {
    const w = await this.get(p, id);
    if (w.incidentId) throw conflict('该预警已关联事件', [{ path: 'incidentId', message: w.incidentId }], 'already_linked');
    if (!this.incidents) throw new Error('incidents service not wired');
    let incidentId = input.incidentId;
    if (incidentId) await this.incidents.get(p, incidentId); // in scope, else 404
    else {
      const typeCode = input.typeCode ?? WARNING_TO_INCIDENT_TYPE[w.typeCode];
      const type = typeCode ? findIncidentType(typeCode) : undefined;
      if (!type) throw invalid([{ path: 'typeCode', message: '请选择事件类型（该预警类型无法自动对应）' }]);
      const code = w.jurisdictionCodes.find((c) => c.startsWith(p.jurisdictionCode)) ?? p.jurisdictionCode;
      const now = this.clock();
      const created = await this.incidents.create(p, IncidentCreate.parse({
        category: type.category, typeCode: type.code, title: w.headline, description: [w.description, w.basis && `依据：${w.basis}`].filter(Boolean).join('\n'),
        occurredAt: (Date.parse(w.onset) > now.getTime() ? now : new Date(w.onset)).toISOString(), location: { address: w.areaDesc.slice(0, 200) },
        jurisdictionCode: code, impact: {},
      }));
      incidentId = created.id;
    }
    await inTransaction(this.db, this.bus, async (out) => {
      const r = await out.tx.selectFrom('warnings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await out.tx.updateTable('warnings').set({ incident_id: incidentId!, updated_at: this.clock().toISOString(), version: r.version + 1 }).where('id', '=', id).execute();
      const inc = await out.tx.selectFrom('incidents').select(['jurisdiction_code', 'scope_path']).where('id', '=', incidentId!).executeTakeFirstOrThrow();
      await out.append({ incidentId: incidentId!, type: 'warning.linked', actor: { id: p.userId, name: p.name }, jurisdictionCode: inc.jurisdiction_code, scopePath: inc.scope_path,
        summary: `${p.name} 将预警“${r.headline}”关联到本事件`, data: { warningId: id } });
      await this.changed(out, r.id, 'updated');
    });
    return this.get(p, id);
  }

  /** What plan matching needs of a warning: its type, colour and the paths of the places it covers. */
  async planFacts(p: Principal, id: string): Promise<WarningFacts> {
    const w = await this.get(p, id);
    const codes = w.jurisdictionCodes.length ? w.jurisdictionCodes : [p.jurisdictionCode];
    const paths = (await this.db.selectFrom('jurisdictions').select('path').where('code', 'in', codes).execute()).map((j) => j.path);
    return { typeCode: w.typeCode, typeLabel: w.typeLabel, level: w.level, jurisdictionPaths: paths };
  }

  /** The scheduled check: issued warnings past their end time become 已过期. */
  async expireDue(): Promise<number> {
    const at = this.clock().toISOString();
    const due = await this.db.selectFrom('warnings').selectAll().where('status', '=', 'issued').where('expires', 'is not', null).where('expires', '<=', at).limit(500).execute();
    for (const r of due)
      await inTransaction(this.db, this.bus, async (out) => {
        const res = await out.tx.updateTable('warnings').set({ status: 'expired', updated_at: at, version: r.version + 1 }).where('id', '=', r.id).where('version', '=', r.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        await out.append({ incidentId: r.incident_id, type: 'warning.expired', actor: null, jurisdictionCode: r.jurisdiction_code, scopePath: r.scope_path, summary: `预警到期：${r.headline}`, data: { warningId: r.id } });
        await this.changed(out, r.id, 'expired');
      });
    return due.length;
  }

  /**
   * A rule's level for a sensor changed: open a warning (draft, or issued when the rule says so), change the
   * level of the open one (upgrade or downgrade), or lift it when the level falls away.
   */
  async fromRule(input: RuleWarningInput) {
    const type = findWarningType(input.typeCode);
    if (!type) throw invalid([{ path: 'typeCode', message: `未知的预警类型：${input.typeCode}` }]);
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await out.tx.selectFrom('jurisdictions').select(['code', 'path', 'name']).where('code', '=', input.jurisdictionCode).executeTakeFirstOrThrow();
      const open = await out.tx.selectFrom('warnings').selectAll().where('rule_id', '=', input.ruleId).where('sensor_id', '=', input.sensorId)
        .where('status', 'in', ['draft', 'approved', 'issued']).executeTakeFirst();
      const base = { incidentId: null, actor: null, jurisdictionCode: j.code, scopePath: j.path, at: input.at };
      if (!input.level) {
        if (!open) return;
        const status = open.status === 'issued' ? 'lifted' : 'expired';
        await out.tx.updateTable('warnings').set({ status, lifted_at: input.at, updated_at: input.at, basis: input.basis, version: open.version + 1 }).where('id', '=', open.id).execute();
        await out.append({ ...base, type: open.status === 'issued' ? 'warning.lifted' : 'warning.expired', summary: `监测值回落，${open.status === 'issued' ? '解除' : '撤销草稿'}预警：${open.headline}（${input.basis}）`, data: { warningId: open.id } });
        return await this.changed(out, open.id, 'lift');
      }
      const headline = `${j.name}${type.zh}${WARNING_LEVEL_LABELS[input.level].zh}预警`;
      if (open) {
        if (open.level === input.level) return;
        const up = WARNING_LEVEL_LABELS[input.level].rank < WARNING_LEVEL_LABELS[open.level as WarningLevel].rank;
        await out.tx.updateTable('warnings').set({ level: input.level, headline, basis: input.basis, updated_at: input.at, version: open.version + 1 }).where('id', '=', open.id).execute();
        await out.append({ ...base, type: 'warning.updated', summary: `预警${up ? '升级' : '降级'}为${WARNING_LEVEL_LABELS[input.level].zh}：${input.basis}`, data: { warningId: open.id, from: open.level, to: input.level } });
        return await this.changed(out, open.id, 'updated');
      }
      const row: WarningRow = {
        id: uuidv7(), type_code: type.code, category: type.category, level: input.level, status: input.autoIssue ? 'issued' : 'draft', origin: 'rule',
        onset: input.at, expires: null, area_desc: input.areaDesc, jurisdiction_codes: JSON.stringify([j.code]), headline,
        description: `${input.basis}。`, instruction: '请相关单位加强监测巡查，做好防范应对准备。', issuer: `${j.name}（自动监测预警）`,
        issued_at: input.autoIssue ? input.at : null, lifted_at: null, rule_id: input.ruleId, sensor_id: input.sensorId, incident_id: null, identifier: '', cap: null,
        basis: input.basis, jurisdiction_code: j.code, scope_path: j.path, created_by: '预警规则', created_at: input.at, updated_at: input.at, version: 1,
      };
      await this.insert(out, row);
      await out.append({ ...base, type: input.autoIssue ? 'warning.issued' : 'warning.drafted',
        summary: `${input.autoIssue ? '自动发布' : '生成待审核的'}${headline}：${input.basis}`, data: { warningId: row.id, ruleId: input.ruleId, sensorId: input.sensorId } });
      await this.changed(out, row.id, input.autoIssue ? 'issue' : 'drafted');
    });
  }
}
