// Organisations are edited and deleted only inside the admin's subtree: another township's organisation is
// 404, a jurisdiction outside the subtree is a field error, and an organisation still referred to is 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyAndTownAdmins, DIALECTS, incidentBody, PASSWORD, testApp, type TestApp } from '../../testing/harness';

type Headers = Record<string, string>;

describe.each(DIALECTS)('PATCH and DELETE /api/organisations/:id (%s)', (dialect) => {
  let t: TestApp;
  let county: Headers, townAdmin: Headers;
  let orgA: string, orgB: string;
  const org = async (id: string) => t.db.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

  beforeAll(async () => {
    t = await testApp(dialect);
    const admins = await countyAndTownAdmins(t);
    ({ county, townAdmin } = admins);
    const orgOf = admins.orgOf;
    orgA = orgOf('511826001');
    orgB = orgOf('511826106');
  });
  afterAll(() => t.close());

  const create = async (h: Headers, body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: h, payload: { kind: 'department', ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('edits name, kind, phone and jurisdiction in scope, with an audit event', async () => {
    const id = await create(county, { name: '芦山县水利局', jurisdictionCode: '511826' });
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/organisations/${id}`, headers: county,
      payload: { name: '芦山县水利局（防汛办）', kind: 'government', contactPhone: '0835-6522110', jurisdictionCode: '511826001' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, name: '芦山县水利局（防汛办）', kind: 'government', contactPhone: '0835-6522110', jurisdictionCode: '511826001', jurisdictionName: '芦阳街道' });
    expect(await org(id)).toMatchObject({ scope_path: '/100000/510000/511800/511826/511826001/' });
    const ev = await t.db.db.selectFrom('events').selectAll().where('type', '=', 'organisation.updated').execute();
    expect(ev.find((e) => JSON.parse(e.data).organisationId === id)?.summary).toContain('芦山县水利局（防汛办）');
  });

  it('a township admin cannot see, edit or delete another township’s organisation (404), nor move its own out of scope', async () => {
    expect((await t.app.inject({ method: 'PATCH', url: `/api/organisations/${orgB}`, headers: townAdmin, payload: { name: '被篡改的单位' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organisations/${orgB}`, headers: townAdmin })).statusCode).toBe(404);
    const out = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${orgA}`, headers: townAdmin, payload: { jurisdictionCode: '511826106' } });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.fields).toEqual([{ path: 'jurisdictionCode', message: '该行政区划不在您的管辖范围内' }]);
    expect(await org(orgB)).toMatchObject({ name: '龙门镇应急办' });
    expect(await org(orgA)).toMatchObject({ jurisdiction_code: '511826001' });
    // Their own subtree they may edit.
    const own = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${orgA}`, headers: townAdmin, payload: { contactPhone: '0835-1234567' } });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('refuses bad input with the field and zh-CN message, changing nothing; duplicate names are 409', async () => {
    const id = await create(county, { name: '芦山县气象局', jurisdictionCode: '511826' });
    const before = await org(id);
    for (const [payload, path] of [
      [{ name: '气' }, 'name'], [{ kind: 'army' }, 'kind'], [{ jurisdictionCode: 'x' }, 'jurisdictionCode'], [{ owner: 'x' }, ''],
      [{ jurisdictionCode: '999999' }, 'jurisdictionCode'],
    ] as const) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: county, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
      expect(res.json().error.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const dup = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: county, payload: { name: '芦山县应急办' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('该辖区已有同名单位');
    expect(await org(id)).toEqual(before);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/organisations/nope', headers: county, payload: { name: '不存在的单位' } })).statusCode).toBe(404);
    // Only org.manage may edit.
    const duty = await t.login('county_duty');
    expect((await t.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: duty, payload: { name: '值班员改名' } })).statusCode).toBe(403);
  });

  it('deletes an unused organisation with an event; one still referred to is 409 with a zh-CN reason', async () => {
    const unused = await create(county, { name: '临时指挥部', jurisdictionCode: '511826' });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/organisations/${unused}`, headers: county });
    expect(del.statusCode, del.body).toBe(200);
    expect(await org(unused)).toBeUndefined();
    const ev = await t.db.db.selectFrom('events').selectAll().where('type', '=', 'organisation.deleted').execute();
    expect(ev.map((e) => e.summary)).toContain('county_admin 删除单位：临时指挥部');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organisations/${unused}`, headers: county })).statusCode).toBe(404);

    const withUsers = await t.app.inject({ method: 'DELETE', url: `/api/organisations/${orgB}`, headers: county });
    expect(withUsers.statusCode).toBe(409);
    expect(withUsers.json().error).toMatchObject({ code: 'in_use', message: expect.stringContaining('用户') });
    expect(await org(orgB)).toBeDefined();

    // An organisation that reported an incident, then lost its users, is still part of the record.
    const reporter = await create(county, { name: '芦阳街道派出所', jurisdictionCode: '511826001' });
    await t.app.inject({
      method: 'POST', url: '/api/users', headers: county,
      payload: { username: 'ly_police', displayName: '派出所值班', password: PASSWORD, roles: ['duty_officer'], organisationId: reporter },
    });
    const police = await t.login('ly_police');
    expect((await t.app.inject({ method: 'POST', url: '/api/incidents', headers: police, payload: incidentBody() })).statusCode).toBe(201);
    const uid = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'ly_police').executeTakeFirstOrThrow()).id;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${uid}`, headers: county, payload: { organisationId: orgA } })).statusCode).toBe(200);
    const used = await t.app.inject({ method: 'DELETE', url: `/api/organisations/${reporter}`, headers: county });
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toBe('仍有事件（报送单位）关联该单位，不能删除；请先调整或删除这些记录');
  });
});
