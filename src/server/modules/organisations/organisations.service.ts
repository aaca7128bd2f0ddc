import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import type { z } from 'zod';
import type { OrganisationCreate, OrganisationPatch } from '../../../contracts/admin';
import type { Db, Tx } from '../../db';
import type { OrganisationRow } from '../../db/schema';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { conflict, invalid, notFound } from '../../errors';
import type { AccessSignals } from '../auth/access-ended';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';

/** What may refer to an organisation, said the way the refusal names it. JSON columns are matched on the id text. */
const REFERENCES: { table: string; column: string; label: string; json?: boolean; where?: [string, string] }[] = [
  { table: 'users', column: 'organisation_id', label: '用户' },
  { table: 'incidents', column: 'reporting_org_id', label: '事件（报送单位）' },
  { table: 'plans', column: 'organisation_id', label: '应急预案' },
  { table: 'plans', column: 'draft', label: '应急预案（草稿中的职责或通知对象）', json: true },
  { table: 'plan_versions', column: 'content', label: '已发布的预案版本', json: true },
  { table: 'responses', column: 'roles', label: '应急响应的指挥角色', json: true },
  { table: 'tasks', column: 'assignee_id', label: '处置任务', where: ['assignee_kind', 'organisation'] },
  { table: 'warning_acks', column: 'organisation_id', label: '预警签收记录' },
  { table: 'sensors', column: 'organisation_id', label: '监测设备' },
  { table: 'depots', column: 'organisation_id', label: '物资仓库' },
  { table: 'teams', column: 'organisation_id', label: '救援队伍' },
];

export class OrganisationService {
  constructor(private readonly db: Db, private readonly bus: Bus, private readonly access?: AccessSignals) {}

  /** An organisation the caller may name (in their subtree), or a field error on `field` saying what it is for. */
  static async inScope(db: Db | Tx, p: Principal, id: string, field: string, what: '单位' | '报告单位' = '单位'): Promise<OrganisationRow> {
    const o = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!o || !isWithinScope(o.scope_path, p.scopePath)) throw invalid([{ path: field, message: `${what}不存在或不在您的管辖范围内` }]);
    return o;
  }

  async list(p: Principal, id?: string) {
    let q = this.db
      .selectFrom('organisations as o')
      .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['o.id', 'o.name', 'o.kind', 'o.jurisdiction_code', 'o.contact_phone', 'j.name as j_name'])
      .where('o.scope_path', '>=', subtreeRange(p.scopePath).from)
      .where('o.scope_path', '<', subtreeRange(p.scopePath).to);
    if (id) q = q.where('o.id', '=', id);
    const rows = await q
      .orderBy('o.scope_path')
      .orderBy('o.name')
      .execute();
    return rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind as 'government', jurisdictionCode: r.jurisdiction_code,
      jurisdictionName: r.j_name, contactPhone: r.contact_phone,
    }));
  }

  async create(p: Principal, input: z.output<typeof OrganisationCreate>) {
    const id = uuidv7();
    const now = new Date().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await JurisdictionService.inScope(out.tx, p, input.jurisdictionCode);
      const dup = await out.tx.selectFrom('organisations').select('id').where('jurisdiction_code', '=', j.code).where('name', '=', input.name).executeTakeFirst();
      if (dup) throw conflict('该辖区已有同名单位', [{ path: 'name', message: '名称重复' }]);
      await out.tx.insertInto('organisations').values({
        id, name: input.name, kind: input.kind, jurisdiction_code: j.code, scope_path: j.path, contact_phone: input.contactPhone, created_at: now,
      }).execute();
      await out.append({
        incidentId: null, type: 'organisation.created', actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path,
        summary: `${p.name} 新建单位：${input.name}`, data: { organisationId: id },
      });
    });
    return (await this.list(p)).find((o) => o.id === id)!;
  }

  async patch(p: Principal, id: string, input: z.output<typeof OrganisationPatch>) {
    const [cur] = await this.list(p, id);
    if (!cur) throw notFound('单位');
    const fields = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== undefined && input[k] !== cur[k]);
    if (fields.length === 0) return cur;
    let moved: string[] = [];
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await JurisdictionService.inScope(out.tx, p, input.jurisdictionCode ?? cur.jurisdictionCode);
      const name = input.name ?? cur.name;
      const dup = await out.tx.selectFrom('organisations').select('id').where('jurisdiction_code', '=', j.code).where('name', '=', name)
        .where('id', '<>', id).executeTakeFirst();
      if (dup) throw conflict('该辖区已有同名单位', [{ path: 'name', message: '名称重复' }]);
      await out.tx.updateTable('organisations').set({
        name, kind: input.kind ?? cur.kind, contact_phone: input.contactPhone ?? cur.contactPhone, jurisdiction_code: j.code, scope_path: j.path,
      }).where('id', '=', id).execute();
      // Its users' scope moves with the organisation.
      if (j.code !== cur.jurisdictionCode)
        moved = (await out.tx.selectFrom('users').select('id').where('organisation_id', '=', id).execute()).map((u) => u.id);
      await out.append({
        incidentId: null, type: 'organisation.updated', actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path,
        summary: `${p.name} 修改单位：${cur.name}${name !== cur.name ? ` → ${name}` : ''}${j.code !== cur.jurisdictionCode ? `（辖区 ${cur.jurisdictionName} → ${j.name}）` : ''}`,
        data: { organisationId: id, fields, ...(j.code !== cur.jurisdictionCode && { fromJurisdictionCode: cur.jurisdictionCode }) },
      });
    });
    // Live streams of its users reopen with the new scope.
    this.access?.ended({ userIds: moved });
    return (await this.list(p, id))[0]!;
  }

  /** Deletes an organisation nothing refers to; otherwise 409 naming what still does. */
  async remove(p: Principal, id: string) {
    const [cur] = await this.list(p, id);
    if (!cur) throw notFound('单位');
    await inTransaction(this.db, this.bus, async (out) => {
      const used = await referencesTo(out.tx, id);
      if (used.length > 0)
        throw conflict(`仍有${used.join('、')}关联该单位，不能删除；请先调整或删除这些记录`, [{ path: 'id', message: `被引用：${used.join('、')}` }], 'in_use');
      await out.tx.deleteFrom('organisations').where('id', '=', id).execute();
      const j = await out.tx.selectFrom('jurisdictions').select('path').where('code', '=', cur.jurisdictionCode).executeTakeFirstOrThrow();
      await out.append({
        incidentId: null, type: 'organisation.deleted', actor: { id: p.userId, name: p.name }, jurisdictionCode: cur.jurisdictionCode, scopePath: j.path,
        summary: `${p.name} 删除单位：${cur.name}`, data: { organisationId: id, name: cur.name },
      });
    });
  }
}

/** Labels of the kinds of record that refer to the organisation. */
async function referencesTo(tx: Tx, id: string): Promise<string[]> {
  const labels: string[] = [];
  for (const r of REFERENCES) {
    // Tables and columns come from the constant list above, never from input.
    const match = r.json ? sql`like ${`%${id}%`}` : sql`= ${id}`;
    const also = r.where ? sql` and ${sql.ref(r.where[0])} = ${r.where[1]}` : sql``;
    const hit = await sql`select 1 as x from ${sql.table(r.table)} where ${sql.ref(r.column)} ${match}${also} limit 1`.execute(tx);
    if (hit.rows.length > 0) labels.push(r.label);
  }
  return labels;
}
