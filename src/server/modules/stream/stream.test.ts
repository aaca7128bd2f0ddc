// The live stream over a real socket: a change reaches subscribers whose scope covers it, and only them;
// a stream ends when its session or token does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentBody, openSse, openTestDb, PASSWORD, PG_URL, seedFixtures, testApp, type TestApp } from '../../testing/harness';
import { AuthService } from '../auth/auth.service';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { buildApp } from '../../http/app';

function openStream(base: string, cookieOrHeaders: string | Record<string, string>) {
  const s = openSse(`${base}/api/stream`, typeof cookieOrHeaders === 'string' ? { cookie: cookieOrHeaders } : cookieOrHeaders);
  const ready = s.ready.then((res) => {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
  });
  return { ...s, ready };
}

describe('GET /api/stream', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await testApp('sqlite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('delivers incident and timeline events to users in scope only', async () => {
    const county = await t.login('county_duty');
    const townA = await t.login('town_a');
    const townB = await t.login('town_b');
    const sCounty = openStream(base, county.cookie!);
    const sA = openStream(base, townA.cookie!);
    await Promise.all([sCounty.ready, sA.ready]);
    const res = await fetch(`${base}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...townB },
      body: JSON.stringify(incidentBody({ jurisdictionCode: '511826106', title: '龙门镇内涝', impact: { deaths: 12 } })),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    await new Promise((r) => setTimeout(r, 300));
    const text = sCounty.text();
    expect(text).toContain('event: incident');
    expect(text).toContain('event: timeline');
    expect(text).toContain(id);
    expect(text).toContain('"grade":"II"');
    expect(sA.text()).not.toContain(id);
    sCounty.close();
    sA.close();
  });
});

describe('a live stream ends with the access it was opened with', () => {
  let t: TestApp;
  let base: string;
  let admin: Record<string, string>;
  const idOf = async (username: string) => (await t.db.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  beforeAll(async () => {
    t = await testApp('sqlite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await t.login('county_admin');
  });
  afterAll(() => t.close());

  it('logout closes the streams of that session only', async () => {
    const s1 = await t.login('county_duty');
    const s2 = await t.login('county_duty');
    const a = openStream(base, s1.cookie!);
    const b = openStream(base, s2.cookie!);
    await Promise.all([a.ready, b.ready]);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s1 })).statusCode).toBe(200);
    await expect.poll(a.ended, { timeout: 2000 }).toBe(true);
    expect(a.text()).toContain('event: ended');
    expect(b.ended()).toBe(false);
    b.close();
  });

  it('disabling a user or resetting their password closes their streams', async () => {
    for (const [username, change] of [['town_a', { disabled: true }], ['town_b', { password: 'reset-by-admin-1' }]] as const) {
      const s = openStream(base, (await t.login(username)).cookie!);
      await s.ready;
      const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${await idOf(username)}`, headers: admin, payload: change });
      expect(res.statusCode, res.body).toBe(200);
      await expect.poll(s.ended, { timeout: 2000 }).toBe(true);
    }
  });

  it('revoking an API token closes the stream opened with it', async () => {
    const token = await new AuthService(t.db.db, 12).createApiToken(await idOf('county_viewer'), '大屏');
    const s = openStream(base, { authorization: `Bearer ${token}` });
    await s.ready;
    const [listed] = (await t.app.inject({ url: `/api/auth/tokens?userId=${await idOf('county_viewer')}`, headers: admin })).json() as { id: string }[];
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${listed!.id}`, headers: admin })).statusCode).toBe(200);
    await expect.poll(s.ended, { timeout: 2000 }).toBe(true);
  });
});

describe('a stream re-checks its session (changes made by another node, expiry)', () => {
  it('ends when its session row is gone without a signal on this node', async () => {
    const db = await openTestDb('sqlite');
    await seedFixtures(db);
    const { app } = await buildApp({ config: loadConfig({ SHOUWANG_LOG_LEVEL: 'silent' }), db, logger: false, streamRecheckMs: 100 });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county_duty', password: PASSWORD } });
      const cookie = login.cookies.find((c) => c.name === 'sw_session')!;
      const s = openStream(base, `sw_session=${cookie.value}`);
      await s.ready;
      await new Promise((r) => setTimeout(r, 300));
      expect(s.ended()).toBe(false);
      await db.db.deleteFrom('sessions').execute(); // as another node's logout would
      await expect.poll(s.ended, { timeout: 2000 }).toBe(true);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe.skipIf(!PG_URL)('two nodes on one PostgreSQL', () => {
  it('a change made through node A reaches a browser connected to node B', async () => {
    const a = await testApp('postgres');
    const dbB = openDatabase({ kind: 'postgres', url: PG_URL!, schema: a.db.schema });
    const b = await buildApp({ config: loadConfig({ SHOUWANG_LOG_LEVEL: 'silent' }), db: dbB, logger: false });
    try {
      const baseB = await b.app.listen({ port: 0, host: '127.0.0.1' });
      const county = await a.login('county_duty'); // sessions live in the shared database
      const stream = openStream(baseB, county.cookie!);
      await stream.ready;
      const res = await a.app.inject({ method: 'POST', url: '/api/incidents', headers: county, payload: incidentBody({ title: '跨节点推送测试' }) });
      expect(res.statusCode).toBe(201);
      await expect.poll(() => stream.text(), { timeout: 5000 }).toContain('跨节点推送测试');
      expect(stream.text()).toContain('event: timeline');
      stream.close();
    } finally {
      await b.app.close();
      await dbB.close();
      await a.close();
    }
  });
});
