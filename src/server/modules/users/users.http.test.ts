// User administration in scope: edit name, phone, roles and organisation; an admin password reset or a
// disable ends every session AND API token of that user; another township's users are 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyAndTownAdmins, DIALECTS, testApp, type TestApp } from '../../testing/harness';
import { AuthService } from '../auth/auth.service';

type Headers = Record<string, string>;

describe.each(DIALECTS)('PATCH /api/users/:id (%s)', (dialect) => {
  let t: TestApp;
  let county: Headers, townAdmin: Headers;
  let orgB: string, county_org: string;
  const idOf = async (username: string) => (await t.db.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow()).id;
  const row = (id: string) => t.db.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const patch = (h: Headers, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: h, payload });

  beforeAll(async () => {
    t = await testApp(dialect);
    const admins = await countyAndTownAdmins(t);
    ({ county, townAdmin } = admins);
    const orgOf = admins.orgOf;
    orgB = orgOf('511826106');
    county_org = orgOf('511826');
  });
  afterAll(() => t.close());

  it('edits display name, phone, roles and organisation, with an audit event', async () => {
    const id = await idOf('village_reporter');
    const from = (await row(id)).organisation_id;
    const res = await patch(county, id, { displayName: '王村报', phone: '13800000000', roles: ['reporter', 'viewer'], organisationId: orgB });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '王村报', phone: '13800000000', roles: ['reporter', 'viewer'], organisationId: orgB, jurisdictionCode: '511826106' });
    const ev = (await t.db.db.selectFrom('events').selectAll().where('type', '=', 'user.updated').execute()).find((e) => JSON.parse(e.data).userId === id)!;
    expect(ev.summary).toContain('调至 龙门镇应急办');
    expect(JSON.parse(ev.data)).toMatchObject({ organisationId: orgB, fromOrganisationId: from });
  });

  it('a township admin gets 404 for another township’s user and 400 for an organisation outside their scope', async () => {
    const b = await idOf('town_b');
    const before = await row(b);
    expect((await patch(townAdmin, b, { displayName: '被篡改' })).statusCode).toBe(404);
    expect((await patch(townAdmin, b, { password: 'another-password-1' })).statusCode).toBe(404);
    const a = await idOf('town_a');
    const beforeA = await row(a);
    for (const target of [orgB, county_org, 'no-such-org']) {
      const res = await patch(townAdmin, a, { organisationId: target, displayName: '改了名' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([{ path: 'organisationId', message: '单位不存在或不在您的管辖范围内' }]);
    }
    const bad = await patch(townAdmin, a, { roles: ['boss'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toEqual({ path: 'roles.0', message: '未知角色' });
    expect(await row(b)).toEqual(before);
    expect(await row(a)).toEqual(beforeA);
    expect((await patch(townAdmin, a, { phone: '0835-0000001' })).statusCode).toBe(200);
  });

  it('an admin password reset ends the user’s sessions and API tokens', async () => {
    const id = await idOf('county_viewer');
    const session = await t.login('county_viewer');
    const token = await new AuthService(t.db.db, 12).createApiToken(id, 'GIS 同步');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/incidents', headers: bearer })).statusCode).toBe(200);
    const res = await patch(county, id, { password: 'a-brand-new-password' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: session })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/incidents', headers: bearer })).statusCode).toBe(401);
    expect(await t.db.db.selectFrom('api_tokens').select('name').where('user_id', '=', id).execute()).toEqual([]);
    const ev = (await t.db.db.selectFrom('events').selectAll().where('type', '=', 'user.updated').execute()).filter((e) => JSON.parse(e.data).userId === id);
    expect(JSON.parse(ev.at(-1)!.data)).toMatchObject({ fields: ['password'], sessionsRevoked: true, tokensRevoked: 1 });
    expect((await t.login('county_viewer', 'a-brand-new-password')).cookie).toBeTruthy();
  });

  it('disabling revokes API tokens for good: enabling again does not bring them back', async () => {
    const id = await idOf('county_commander');
    const token = await new AuthService(t.db.db, 12).createApiToken(id, '值班机器人');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await patch(county, id, { disabled: true })).statusCode).toBe(200);
    expect((await patch(county, id, { disabled: false })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/incidents', headers: bearer })).statusCode).toBe(401);
  });
});
