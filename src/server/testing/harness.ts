// Test harness: a real database (a temp SQLite file, or a fresh PostgreSQL schema when
// SHOUWANG_TEST_PG_URL is set), migrated, with a small jurisdiction tree and users of its own.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../domain/access/permissions';
import { loadConfig } from '../config';
import { migrate, openDatabase, type DbHandle, type Dialect } from '../db';
import { buildApp } from '../http/app';
import { hashPassword } from '../modules/auth/passwords';
import type { IncidentServiceOptions } from '../modules/incidents/incidents.service';

export const PG_URL = process.env.SHOUWANG_TEST_PG_URL;
/** Dialects to run database suites on: SQLite always, PostgreSQL when configured. */
export const DIALECTS: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!PG_URL && !process.env.SHOUWANG_PG_NOTICE_SHOWN) {
  process.env.SHOUWANG_PG_NOTICE_SHOWN = '1';
  console.warn('[tests] SHOUWANG_TEST_PG_URL not set: PostgreSQL cases skipped (CI sets it).');
}

/** An external MQTT broker (Mosquitto) for the MQTT suite; the embedded broker is always tested. */
export const MQTT_URL = process.env.SHOUWANG_TEST_MQTT_URL;

export async function openTestDb(dialect: Dialect): Promise<DbHandle & { drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-test-'));
    const h = openDatabase({ kind: 'sqlite', file: path.join(dir, 'test.db') });
    await migrate(h);
    return { ...h, drop: async () => { await h.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const h = openDatabase({ kind: 'postgres', url: PG_URL!, schema });
  // Kysely's migrator looks for its tables by listing the tables of every schema; another suite dropping its own
  // schema at that moment makes the listing fail (42P01). That race is between test suites only: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(h);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== '42P01' || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  return {
    ...h,
    drop: async () => {
      await h.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

// A tree of our own (real codes of 芦山县, but written here so tests need no package data):
// 全国 → 四川省 → 雅安市 → 芦山县 → 芦阳街道 (A) / 龙门镇 (B) → one village each; plus 名山区 beside 芦山县.
export const TREE = [
  ['100000', '全国', 'country', null],
  ['510000', '四川省', 'province', '100000'],
  ['511800', '雅安市', 'city', '510000'],
  ['511826', '芦山县', 'county', '511800'],
  ['511826001', '芦阳街道', 'township', '511826'],
  ['511826106', '龙门镇', 'township', '511826'],
  ['511826001001', '城东社区', 'village', '511826001'],
  ['511826106201', '古城村', 'village', '511826106'],
  ['511803', '名山区', 'county', '511800'],
] as const;

export const PASSWORD = 'correct-horse-battery';

export interface Fixture { username: string; roles: Role[]; jurisdiction: string }
export const USERS: Fixture[] = [
  { username: 'county_admin', roles: ['admin'], jurisdiction: '511826' },
  { username: 'county_duty', roles: ['duty_officer'], jurisdiction: '511826' },
  { username: 'county_commander', roles: ['commander'], jurisdiction: '511826' },
  { username: 'county_viewer', roles: ['viewer'], jurisdiction: '511826' },
  { username: 'town_a', roles: ['duty_officer'], jurisdiction: '511826001' },
  { username: 'town_b', roles: ['duty_officer'], jurisdiction: '511826106' },
  { username: 'village_reporter', roles: ['reporter'], jurisdiction: '511826001001' },
  { username: 'city_duty', roles: ['duty_officer'], jurisdiction: '511800' },
  { username: 'mingshan_duty', roles: ['duty_officer'], jurisdiction: '511803' },
];

let cachedHash: string | undefined;

export async function seedFixtures(h: DbHandle) {
  const paths = new Map<string, string>();
  for (const [code, name, level, parent] of TREE) {
    const p = `${parent ? paths.get(parent) : '/'}${code}/`;
    paths.set(code, p);
    await h.db.insertInto('jurisdictions').values({ code, name, level, parent_code: parent, path: p, lat: 30.15, lon: 102.93 }).execute();
  }
  cachedHash ??= await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const orgs = new Map<string, string>();
  for (const u of USERS) {
    let orgId = orgs.get(u.jurisdiction);
    if (!orgId) {
      orgId = uuidv7();
      orgs.set(u.jurisdiction, orgId);
      const name = TREE.find((t) => t[0] === u.jurisdiction)![1];
      await h.db.insertInto('organisations').values({
        id: orgId, name: `${name}应急办`, kind: 'government', jurisdiction_code: u.jurisdiction, scope_path: paths.get(u.jurisdiction)!, contact_phone: '', created_at: now,
      }).execute();
    }
    await h.db.insertInto('users').values({
      id: uuidv7(), username: u.username, display_name: u.username, password_hash: cachedHash, roles: JSON.stringify(u.roles),
      organisation_id: orgId, phone: '', disabled: 0, created_at: now,
    }).execute();
  }
}

export async function testApp(dialect: Dialect, incidents?: IncidentServiceOptions) {
  const db = await openTestDb(dialect);
  await seedFixtures(db);
  const config = loadConfig({ SHOUWANG_LOG_LEVEL: 'silent', SHOUWANG_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  const built = await buildApp({ config, db, incidents, logger: false });
  await built.app.ready();
  return {
    ...built,
    db,
    async close() {
      await built.app.close();
      await db.drop();
    },
    /** Logs in through the real route; returns headers for cookie + CSRF authenticated calls. */
    async login(username: string, password = PASSWORD) {
      const res = await built.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'sw_session')!;
      const csrf = (res.json() as { csrfToken: string }).csrfToken;
      return { cookie: `sw_session=${cookie.value}`, 'x-csrf-token': csrf };
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof testApp>>;

export const incidentBody = (over: Record<string, unknown> = {}) => ({
  category: 'accident',
  typeCode: 'production_safety',
  title: '某石材厂起重伤害事故',
  description: '测试',
  occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
  location: { lat: 30.15, lon: 102.93, address: '芦阳街道' },
  jurisdictionCode: '511826001',
  impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 1, directLossYuan: 100000, affected: null, evacuated: null },
  ...over,
});

/** A file as a browser uploads it: multipart/form-data with one `file` field (body and content-type for inject). */
export function multipartFile(filename: string, bytes: Buffer) {
  const boundary = '----shouwang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The county admin's headers, the fixture organisations by jurisdiction code, and an administrator of township A
 * (芦阳街道) only, created through the API and logged in: the pair the administration scope tests need.
 */
export async function countyAndTownAdmins(t: TestApp) {
  const county = await t.login('county_admin');
  const orgs = (await t.app.inject({ url: '/api/organisations', headers: county })).json() as { id: string; jurisdictionCode: string }[];
  const orgOf = (code: string) => orgs.find((o) => o.jurisdictionCode === code)!.id;
  const made = await t.app.inject({
    method: 'POST', url: '/api/users', headers: county,
    payload: { username: 'town_a_admin', displayName: '芦阳管理员', password: PASSWORD, roles: ['admin'], organisationId: orgOf('511826001') },
  });
  if (made.statusCode !== 201) throw new Error(`town_a_admin: ${made.statusCode} ${made.body}`);
  return { county, orgOf, townAdmin: await t.login('town_a_admin') };
}

/** A server-sent-events stream over a real socket: what has arrived so far, as text or as the parsed events of one name. */
export function openSse(url: string, headers: Record<string, string>) {
  const chunks: string[] = [];
  let req!: http.ClientRequest;
  let ended = false;
  const ready = new Promise<http.IncomingMessage>((resolve, reject) => {
    req = http.get(url, { headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => chunks.push(c));
      res.on('end', () => (ended = true));
      resolve(res);
    });
    req.on('error', reject);
  });
  const text = () => chunks.join('');
  const events = <T>(name: string) =>
    text().split('\n\n').filter((b) => b.startsWith(`event: ${name}\n`)).map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as T);
  return { ready, text, events, close: () => req.destroy(), ended: () => ended };
}
