// API tokens as a list people can see and revoke: one's own, or (with user.manage) those of the users in
// one's subtree. Only the hash of a token is stored; its id is the first 16 hex digits of that hash.
import { sql } from 'kysely';
import { can } from '../../../domain/access/permissions';
import { isWithinScope } from '../../../domain/shared/jurisdiction';
import type { Db } from '../../db';
import type { Bus } from '../../events/bus';
import { inTransaction } from '../../events/outbox';
import { AppError, notFound } from '../../errors';
import type { AccessSignals } from './access-ended';
import type { Principal } from './principal';

const ID_LENGTH = 16;
export const tokenId = (tokenHash: string) => tokenHash.slice(0, ID_LENGTH);

export class TokenService {
  constructor(private readonly db: Db, private readonly bus: Bus, private readonly access?: AccessSignals) {}

  private owner(userId: string) {
    return this.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.display_name', 'o.jurisdiction_code', 'o.scope_path'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
  }

  /** Whose tokens the caller may see: their own, or an in-scope user's with user.manage; anyone else is 404. */
  private async visibleOwner(p: Principal, userId: string) {
    const u = await this.owner(userId);
    if (!u || (u.id !== p.userId && !(can(p.roles, 'user.manage') && isWithinScope(u.scope_path, p.scopePath)))) throw notFound('用户');
    return u;
  }

  async list(p: Principal, userId = p.userId) {
    await this.visibleOwner(p, userId);
    const rows = await this.db.selectFrom('api_tokens').select(['token_hash', 'user_id', 'name', 'created_at'])
      .where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ id: tokenId(r.token_hash), userId: r.user_id, name: r.name, createdAt: r.created_at }));
  }

  async revoke(p: Principal, id: string) {
    // The id is validated as 16 hex digits by the route, so it carries no LIKE wildcards.
    const row = await this.db.selectFrom('api_tokens').select(['token_hash', 'user_id', 'name'])
      .where(sql<string>`substr(token_hash, 1, ${ID_LENGTH})`, '=', id).executeTakeFirst();
    if (!row) throw notFound('令牌');
    // Someone else's token is as unknown as a token that does not exist; a database failure stays what it is.
    const u = await this.visibleOwner(p, row.user_id).catch((e: unknown) => {
      throw e instanceof AppError && e.kind === 'not_found' ? notFound('令牌') : e;
    });
    await inTransaction(this.db, this.bus, async (out) => {
      await out.tx.deleteFrom('api_tokens').where('token_hash', '=', row.token_hash).execute();
      await out.append({
        incidentId: null, type: 'token.revoked', actor: { id: p.userId, name: p.name }, jurisdictionCode: u.jurisdiction_code, scopePath: u.scope_path,
        summary: `${p.name} 吊销了 ${u.display_name} 的 API 令牌：${row.name}`, data: { userId: u.id, tokenId: id },
      });
    });
    this.access?.ended({ credentialHashes: [row.token_hash] });
  }
}
