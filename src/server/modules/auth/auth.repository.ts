import type { Db } from '../../db';
import type { Role } from '../../../domain/access/permissions';
import type { Principal } from './principal';

const principalQuery = (db: Db) =>
  db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.password_hash', 'u.disabled',
      'o.id as org_id', 'o.name as org_name', 'j.code as j_code', 'j.name as j_name', 'j.level as j_level', 'j.path as j_path',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof principalQuery>['executeTakeFirstOrThrow']>>;

const toPrincipal = (r: Row): Principal => ({
  userId: r.id,
  username: r.username,
  name: r.display_name,
  roles: JSON.parse(r.roles) as Role[],
  organisationId: r.org_id,
  organisationName: r.org_name,
  jurisdictionCode: r.j_code,
  jurisdictionName: r.j_name,
  jurisdictionLevel: r.j_level,
  scopePath: r.j_path,
});

export const authRepository = (db: Db) => ({
  async userForLogin(username: string) {
    const r = await principalQuery(db).where('u.username', '=', username).executeTakeFirst();
    return r ? { principal: toPrincipal(r), passwordHash: r.password_hash, disabled: r.disabled === 1 } : undefined;
  },
  async bySession(tokenHash: string, now: string) {
    const r = await principalQuery(db)
      .innerJoin('sessions as s', 's.user_id', 'u.id')
      .select('s.csrf_token')
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .where('u.disabled', '=', 0)
      .executeTakeFirst();
    return r ? { principal: toPrincipal(r), csrfToken: r.csrf_token } : undefined;
  },
  async byApiToken(tokenHash: string) {
    const r = await principalQuery(db)
      .innerJoin('api_tokens as t', 't.user_id', 'u.id')
      .where('t.token_hash', '=', tokenHash)
      .where('u.disabled', '=', 0)
      .executeTakeFirst();
    return r ? toPrincipal(r) : undefined;
  },
  async createSession(row: { token_hash: string; user_id: string; csrf_token: string; created_at: string; expires_at: string }) {
    await db.insertInto('sessions').values(row).execute();
    // Housekeeping: expired sessions are of no use to anyone.
    await db.deleteFrom('sessions').where('expires_at', '<', row.created_at).execute();
  },
  async deleteSession(tokenHash: string) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
  async createApiToken(row: { token_hash: string; user_id: string; name: string; created_at: string }) {
    await db.insertInto('api_tokens').values(row).execute();
  },
});
