import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { UserCreate, UserPatch } from '../../../contracts/admin';
import { subtreeRange } from '../../../domain/shared/jurisdiction';
import type { Db } from '../../db';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { OrganisationService } from '../organisations/organisations.service';
import { conflict, invalid, notFound } from '../../errors';
import type { AccessSignals } from '../auth/access-ended';
import type { Principal } from '../auth/principal';
import { hashPassword } from '../auth/passwords';

export class UserService {
  constructor(private readonly db: Db, private readonly bus: Bus, private readonly access?: AccessSignals) {}

  private query() {
    return this.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.organisation_id', 'u.phone', 'u.disabled', 'u.created_at', 'o.name as org_name', 'o.jurisdiction_code', 'o.scope_path']);
  }

  async list(p: Principal, id?: string) {
    const range = subtreeRange(p.scopePath);
    let q = this.query().where('o.scope_path', '>=', range.from).where('o.scope_path', '<', range.to);
    if (id) q = q.where('u.id', '=', id);
    const rows = await q.orderBy('u.username').execute();
    return rows.map((r) => ({
      id: r.id, username: r.username, displayName: r.display_name, roles: JSON.parse(r.roles) as 'admin'[],
      organisationId: r.organisation_id, organisationName: r.org_name, jurisdictionCode: r.jurisdiction_code,
      phone: r.phone, disabled: r.disabled === 1, createdAt: r.created_at,
    }));
  }

  async create(p: Principal, input: z.output<typeof UserCreate>) {
    const org = await OrganisationService.inScope(this.db, p, input.organisationId, 'organisationId');
    const id = uuidv7();
    const hash = await hashPassword(input.password);
    await inTransaction(this.db, this.bus, async (out) => {
      const dup = await out.tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (dup) throw conflict('用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
      await out.tx.insertInto('users').values({
        id, username: input.username, display_name: input.displayName, password_hash: hash, roles: JSON.stringify(input.roles),
        organisation_id: org.id, phone: input.phone, disabled: 0, created_at: new Date().toISOString(),
      }).execute();
      await out.append({
        incidentId: null, type: 'user.created', actor: { id: p.userId, name: p.name }, jurisdictionCode: org.jurisdiction_code, scopePath: org.scope_path,
        summary: `${p.name} 新建用户：${input.displayName}（${input.username}）`, data: { userId: id, roles: input.roles },
      });
    });
    return (await this.list(p, id))[0]!;
  }

  async patch(p: Principal, id: string, input: z.output<typeof UserPatch>) {
    const [cur] = await this.list(p, id);
    if (!cur) throw notFound('用户');
    if (id === p.userId && (input.disabled || (input.roles && !input.roles.includes('admin'))))
      throw invalid([{ path: input.disabled ? 'disabled' : 'roles', message: '不能停用自己或取消自己的管理员角色' }]);
    const org = input.organisationId === undefined || input.organisationId === cur.organisationId
      ? undefined
      : await OrganisationService.inScope(this.db, p, input.organisationId, 'organisationId');
    const hash = input.password ? await hashPassword(input.password) : undefined;
    // A disabled user or a new password ends every session and API token of that user.
    const revoke = Boolean(input.disabled || hash);
    let tokensRevoked = 0;
    await inTransaction(this.db, this.bus, async (out) => {
      await out.tx.updateTable('users').set({
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.roles !== undefined && { roles: JSON.stringify(input.roles) }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(org && { organisation_id: org.id }),
        ...(input.disabled !== undefined && { disabled: input.disabled ? 1 : 0 }),
        ...(hash && { password_hash: hash }),
      }).where('id', '=', id).execute();
      if (revoke) {
        await out.tx.deleteFrom('sessions').where('user_id', '=', id).execute();
        const del = await out.tx.deleteFrom('api_tokens').where('user_id', '=', id).executeTakeFirst();
        tokensRevoked = Number(del.numDeletedRows);
      }
      const j = await out.tx.selectFrom('jurisdictions').select('path').where('code', '=', cur.jurisdictionCode).executeTakeFirstOrThrow();
      await out.append({
        incidentId: null, type: 'user.updated', actor: { id: p.userId, name: p.name }, jurisdictionCode: cur.jurisdictionCode, scopePath: j.path,
        summary: `${p.name} 修改用户：${cur.displayName}${org ? `（调至 ${org.name}）` : ''}${revoke ? '，已注销其全部会话和 API 令牌' : ''}`,
        data: {
          userId: id, fields: Object.keys(input).filter((k) => k !== 'password').concat(hash ? ['password'] : []),
          ...(org && { organisationId: org.id, fromOrganisationId: cur.organisationId }),
          ...(revoke && { sessionsRevoked: true, tokensRevoked }),
        },
      });
    });
    // Open live streams follow: ended with the access, or reopened with the new roles or scope.
    // (The edit form sends the roles every time: only a real change counts.)
    const rolesChanged = input.roles !== undefined && (input.roles.length !== cur.roles.length || input.roles.some((r) => !(cur.roles as string[]).includes(r)));
    if (revoke || org || rolesChanged) this.access?.ended({ userIds: [id] });
    return (await this.list(p, id))[0]!;
  }
}
