// Every route is authenticated and scoped: township A cannot list, read or change township B's
// incidents while their county (and city) can; out-of-scope ids answer 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../testing/harness';
import { migrate, openDatabase } from '../db';
import { AuthService } from '../modules/auth/auth.service';

/**
 * Deliberately public /api routes, and why: health for load balancers and monitoring; login, which is how a
 * session starts; the OpenAPI document and its UI, which describe the API but hold no data.
 * (/public/* — active warnings, CAP, Atom — is outside /api and public by design.)
 */
const PUBLIC_API = new Set(['/api/health', '/api/auth/login', '/api/openapi.json']);
const isPublic = (url: string) => PUBLIC_API.has(url) || url === '/api/docs' || url.startsWith('/api/docs/');

/**
 * Every method + URL pattern of the app, read from Fastify's route tree (printRoutes with commonPrefix false):
 * each line is a path segment indented 4 characters a level, with its methods in brackets when it has handlers.
 */
function registeredRoutes(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, -]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter((x) => /^[A-Z]+$/.test(x))) out.push({ method, url });
  }
  return out;
}

describe.each(DIALECTS)('authentication and jurisdiction scope (%s)', (dialect) => {
  let t: TestApp;
  let townA: Record<string, string>, townB: Record<string, string>, county: Record<string, string>, city: Record<string, string>;
  let incidentB: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    townA = await t.login('town_a');
    townB = await t.login('town_b');
    county = await t.login('county_duty');
    city = await t.login('city_duty');
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: townB, payload: incidentBody({ jurisdictionCode: '511826106', title: '龙门镇山体滑坡' }) });
    expect(res.statusCode).toBe(201);
    incidentB = res.json().id;
  });
  afterAll(() => t.close());

  it('rejects anonymous callers on every registered /api route except the deliberately public ones', async () => {
    const routes = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    // The parser must have seen the whole app, or this test would pass vacuously.
    expect(routes.length).toBeGreaterThan(100);
    for (const r of ['GET /api/rules', 'PUT /api/rules/:code', 'POST /api/ingest/readings', 'GET /api/incidents/:id/sitrep.pdf', 'GET /public/warnings.json'])
      expect(routes.map((x) => `${x.method} ${x.url}`)).toContain(r);
    // Outside /api only the public warning pages (and, when built, the web app's static files) are served.
    expect(routes.filter((r) => !r.url.startsWith('/api/') && !r.url.startsWith('/public/'))).toEqual([]);

    const checked: string[] = [];
    for (const { method, url } of routes) {
      if (!url.startsWith('/api/') || isPublic(url)) continue;
      const concrete = url.replace(/:[A-Za-z]+/g, incidentB).replace(/\*$/, 'x');
      const res = await t.app.inject({ method: method as 'GET', url: concrete, payload: ['GET', 'HEAD', 'OPTIONS'].includes(method) ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      if (method !== 'HEAD') expect(res.json().error.message, `${method} ${url}`).toBe('请先登录');
      checked.push(`${method} ${url}`);
    }
    expect(checked.length).toBeGreaterThan(100);

    // The public ones answer without a session.
    const health = await t.app.inject({ url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    expect((await t.app.inject({ url: '/api/openapi.json' })).json().paths['/api/incidents']).toBeTruthy();
    expect((await t.app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password' } });
    expect(login.json().error.message).toBe('用户名或密码错误');
    expect((await t.app.inject({ url: '/public/warnings.json' })).statusCode).toBe(200);
  });

  it('township A cannot list, read or change township B’s incident', async () => {
    const list = (await t.app.inject({ url: '/api/incidents', headers: townA })).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(incidentB);
    for (const url of [`/api/incidents/${incidentB}`, `/api/incidents/${incidentB}/events`, `/api/incidents/${incidentB}/reports`]) {
      const res = await t.app.inject({ url, headers: townA });
      expect(res.statusCode, url).toBe(404);
    }
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incidentB}`, headers: townA, payload: { title: '被篡改的标题' } });
    expect(patch.statusCode).toBe(404);
    const file = await t.app.inject({ method: 'POST', url: `/api/incidents/${incidentB}/reports`, headers: townA, payload: { kind: 'initial', timeAndPlace: 'x', briefHistory: 'y' } });
    expect(file.statusCode).toBe(404);
    const filter = await t.app.inject({ url: '/api/incidents?jurisdiction=511826106', headers: townA });
    expect(filter.statusCode).toBe(400);
    const create = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: townA, payload: incidentBody({ jurisdictionCode: '511826106' }) });
    expect(create.statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/incidents/${incidentB}`, headers: townB })).json().title).toBe('龙门镇山体滑坡');
  });

  it('their county and city can, a neighbouring county cannot', async () => {
    for (const h of [county, city]) {
      const list = (await t.app.inject({ url: '/api/incidents', headers: h })).json();
      expect(list.items.map((i: { id: string }) => i.id)).toContain(incidentB);
    }
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${incidentB}`, headers: county, payload: { status: 'verified' } });
    expect(patch.statusCode).toBe(200);
    const mingshan = await t.login('mingshan_duty');
    expect((await t.app.inject({ url: `/api/incidents/${incidentB}`, headers: mingshan })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/jurisdictions?parent=511826', headers: mingshan })).statusCode).toBe(404);
    const children = (await t.app.inject({ url: '/api/jurisdictions?parent=511826', headers: county })).json();
    expect(children.map((c: { code: string }) => c.code)).toEqual(['511826001', '511826106']);
    expect(children[0]).toMatchObject({ name: '芦阳街道', level: 'township', hasChildren: true });
  });

  it('roles limit actions: a viewer reads but cannot create; only admins manage users', async () => {
    const viewer = await t.login('county_viewer');
    expect((await t.app.inject({ url: '/api/incidents', headers: viewer })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/incidents', headers: viewer, payload: incidentBody() })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/users', headers: county })).statusCode).toBe(403);
    const admin = await t.login('county_admin');
    const users = (await t.app.inject({ url: '/api/users', headers: admin })).json();
    expect(users.map((u: { username: string }) => u.username)).toContain('town_b');
    expect(users.map((u: { username: string }) => u.username)).not.toContain('city_duty'); // above the admin's scope
  });

  it('cookie-authenticated writes need the CSRF token; bearer tokens do not', async () => {
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { cookie: county.cookie! }, payload: incidentBody() });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const user = await t.db.db.selectFrom('users').select('id').where('username', '=', 'town_a').executeTakeFirstOrThrow();
    const token = await new AuthService(t.db.db, 12).createApiToken(user.id, 'test');
    const bearer = { authorization: `Bearer ${token}` };
    const created = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: bearer, payload: incidentBody() });
    expect(created.statusCode).toBe(201);
    expect((await t.app.inject({ url: `/api/incidents/${incidentB}`, headers: bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/incidents', headers: { authorization: 'Bearer swt_forged' } })).statusCode).toBe(401);
  });

  it('logout ends the session; wrong passwords are refused and rate-limited', async () => {
    const s = await t.login('county_viewer');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: s })).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county_viewer', password: 'wrong-password' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toBe('用户名或密码错误');
    const stored = await t.db.db.selectFrom('users').select('password_hash').where('username', '=', 'county_viewer').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('login rate limiting', () => {
  it('answers 429 after the configured number of attempts per minute', async () => {
    const h = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrate(h);
    const { buildApp } = await import('./app');
    const { loadConfig } = await import('../config');
    const { app } = await buildApp({ config: loadConfig({ SHOUWANG_LOGIN_ATTEMPTS_PER_MINUTE: '3', SHOUWANG_LOG_LEVEL: 'silent' }), db: h, logger: false });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await app.close();
    await h.close();
  });
});
