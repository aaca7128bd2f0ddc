// API tokens can be listed (never their secret) and revoked: by their owner, or by an admin whose
// subtree holds the owner; a revoked token answers 401 at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PASSWORD, testApp, type TestApp } from '../../testing/harness';
import { AuthService } from './auth.service';
import { sha256 } from './passwords';

type Headers = Record<string, string>;

describe.each(DIALECTS)('GET and DELETE /api/auth/tokens (%s)', (dialect) => {
  let t: TestApp;
  let county: Headers, townAdmin: Headers;
  const idOf = async (username: string) => (await t.db.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const issue = async (username: string, name: string) => new AuthService(t.db.db, 12).createApiToken(await idOf(username), name);

  beforeAll(async () => {
    t = await testApp(dialect);
    county = await t.login('county_admin');
    const orgs = (await t.app.inject({ url: '/api/organisations', headers: county })).json() as { id: string; jurisdictionCode: string }[];
    await t.app.inject({
      method: 'POST', url: '/api/users', headers: county,
      payload: { username: 'town_a_admin', displayName: '芦阳管理员', password: PASSWORD, roles: ['admin'], organisationId: orgs.find((o) => o.jurisdictionCode === '511826001')!.id },
    });
    townAdmin = await t.login('town_a_admin');
  });
  afterAll(() => t.close());

  it('lists the caller’s own tokens without the secret or its hash', async () => {
    const token = await issue('town_a', '气象站同步');
    const bearer = { authorization: `Bearer ${token}` };
    const res = await t.app.inject({ url: '/api/auth/tokens', headers: bearer });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; name: string; createdAt: string; userId: string }[];
    expect(list).toEqual([{ id: sha256(token).slice(0, 16), userId: await idOf('town_a'), name: '气象站同步', createdAt: expect.any(String) }]);
    expect(res.body).not.toContain(token);
    expect(res.body).not.toContain(sha256(token));
  });

  it('an admin sees and revokes a user’s token in scope; the token then answers 401', async () => {
    const token = await issue('town_b', '大屏');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/incidents', headers: bearer })).statusCode).toBe(200);
    const list = (await t.app.inject({ url: `/api/auth/tokens?userId=${await idOf('town_b')}`, headers: county })).json() as { id: string }[];
    expect(list).toHaveLength(1);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${list[0]!.id}`, headers: county });
    expect(del.statusCode, del.body).toBe(200);
    const after = await t.app.inject({ url: '/api/incidents', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe('API 令牌无效或已停用');
    const ev = await t.db.db.selectFrom('events').selectAll().where('type', '=', 'token.revoked').execute();
    expect(ev.map((e) => e.summary)).toContain('county_admin 吊销了 town_b 的 API 令牌：大屏');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${list[0]!.id}`, headers: county })).statusCode).toBe(404);
  });

  it('a user revokes their own token; nobody else’s outside their scope or rights (404)', async () => {
    const mine = await issue('county_duty', '我的脚本');
    const theirs = await issue('town_b', '龙门镇脚本');
    const duty = await t.login('county_duty');
    const theirId = sha256(theirs).slice(0, 16);
    // A non-admin, and an admin of another township, cannot see or revoke town B's token.
    for (const h of [duty, townAdmin]) {
      expect((await t.app.inject({ url: `/api/auth/tokens?userId=${await idOf('town_b')}`, headers: h })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${theirId}`, headers: h })).statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: '/api/incidents', headers: { authorization: `Bearer ${theirs}` } })).statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'DELETE', url: '/api/auth/tokens/not-an-id', headers: duty });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'id', message: '令牌编号格式不正确' }]);
    const own = await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${sha256(mine).slice(0, 16)}`, headers: duty });
    expect(own.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/incidents', headers: { authorization: `Bearer ${mine}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/tokens' })).statusCode).toBe(401);
  });
});
