import { v7 as uuidv7 } from 'uuid';
import { subtreeRange } from '../../../domain/shared/jurisdiction';
import type { z } from 'zod';
import type { OrganisationCreate } from '../../../contracts/admin';
import type { Db } from '../../db';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { conflict } from '../../errors';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';

export class OrganisationService {
  constructor(private readonly db: Db, private readonly bus: Bus) {}

  async list(p: Principal) {
    const rows = await this.db
      .selectFrom('organisations as o')
      .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['o.id', 'o.name', 'o.kind', 'o.jurisdiction_code', 'o.contact_phone', 'j.name as j_name'])
      .where('o.scope_path', '>=', subtreeRange(p.scopePath).from)
      .where('o.scope_path', '<', subtreeRange(p.scopePath).to)
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
}
