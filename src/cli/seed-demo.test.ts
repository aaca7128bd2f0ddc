// The demo county seed: every role can log in, ~50 incidents with real timelines, all inside 芦山县,
// and a second run adds nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/access/permissions';
import { CATEGORIES } from '../domain/incidents/model';
import { migrate, openDatabase, type DbHandle } from '../server/db';
import { DEMO_COUNTY, DEMO_USERS, hasAnyUser, seedDemo } from './seed-demo';

describe('seed-demo (SQLite)', () => {
  const file = path.join(os.tmpdir(), `shouwang-seed-${randomUUID()}.db`);
  let h: DbHandle;
  let seedMs = 0;
  const logs: string[] = [];

  beforeAll(async () => {
    h = openDatabase({ kind: 'sqlite', file });
    await migrate(h);
    expect(await hasAnyUser(h.db)).toBe(false);
    const t0 = Date.now();
    await seedDemo(h.db, (m) => logs.push(m));
    seedMs = Date.now() - t0;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  });

  const countyPath = async () =>
    (await h.db.selectFrom('jurisdictions').select('path').where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow()).path;

  it('finishes quickly and reports what it did', () => {
    expect(seedMs).toBeLessThan(20_000);
    expect(logs.some((l) => l.includes('事件'))).toBe(true);
  });

  it('creates a user for every role, listed in DEMO_USERS', async () => {
    expect(await hasAnyUser(h.db)).toBe(true);
    const users = await h.db.selectFrom('users').select(['username', 'roles']).execute();
    const roles = new Set(users.flatMap((u) => JSON.parse(u.roles) as Role[]));
    for (const r of ROLES) expect(roles, r).toContain(r);
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    expect(DEMO_USERS.find((u) => u.username === 'county_duty')).toMatchObject({ roleLabel: '值班员', where: '芦山县应急管理局' });
  });

  it('puts city_duty at 雅安市 (511800) and the town and village users under the county', async () => {
    const rows = await h.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code')
      .select(['u.username', 'o.name as org', 'j.code', 'j.level', 'j.path'])
      .execute();
    const by = new Map(rows.map((r) => [r.username, r]));
    expect(by.get('city_duty')).toMatchObject({ code: '511800', level: 'city', org: '雅安市应急管理局' });
    const cp = await countyPath();
    expect(by.get('town_a_duty')?.level).toBe('township');
    expect(by.get('town_b_duty')?.level).toBe('township');
    expect(by.get('village_reporter')?.level).toBe('village');
    for (const u of DEMO_USERS) {
      const r = by.get(u.username);
      expect(r?.code, u.username).toBe(u.jurisdiction);
      expect(r?.org, u.username).toBe(u.org);
      if (u.username !== 'city_duty') expect(r?.path.startsWith(cp), u.username).toBe(true);
    }
    const team = await h.db.selectFrom('organisations').select('kind').where('name', '=', '芦山县综合应急救援大队').executeTakeFirst();
    expect(team?.kind).toBe('team');
  });

  it('places the county and its divisions on the map', async () => {
    const cp = await countyPath();
    const missing = await h.db.selectFrom('jurisdictions').select('code').where('path', 'like', `${cp}%`).where('lat', 'is', null).execute();
    expect(missing).toEqual([]);
    const c = await h.db.selectFrom('jurisdictions').select(['lat', 'lon']).where('code', '=', DEMO_COUNTY).executeTakeFirstOrThrow();
    expect(c.lat).toBeCloseTo(30.15, 1);
    expect(c.lon).toBeCloseTo(102.93, 1);
  });

  it('creates ~50 incidents in all four categories, all inside the county', async () => {
    const rows = await h.db.selectFrom('incidents').select(['category', 'grade', 'grade_mode', 'scope_path', 'status', 'reported_at']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(CATEGORIES));
    const cp = await countyPath();
    for (const r of rows) expect(r.scope_path.startsWith(cp)).toBe(true);
    const social = rows.filter((r) => r.category === 'social_safety');
    expect(social.length).toBeGreaterThan(0);
    for (const r of social) expect([r.grade, r.grade_mode]).toEqual([null, 'ungraded']);
    // Spread over the past ~120 days, most closed, a handful still open.
    const oldest = Math.min(...rows.map((r) => Date.parse(r.reported_at)));
    expect(Date.now() - oldest).toBeGreaterThan(90 * 86_400_000);
    expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.status !== 'closed').length).toBeGreaterThanOrEqual(5);
  });

  it('gives every incident a timeline, with an upgrade, a grade override and overdue reports', async () => {
    const counts = await h.db
      .selectFrom('incidents as i')
      .leftJoin('events as e', 'e.incident_id', 'i.id')
      .select(['i.id', (eb) => eb.fn.count<number>('e.id').as('n')])
      .groupBy('i.id')
      .execute();
    for (const c of counts) expect(Number(c.n)).toBeGreaterThanOrEqual(2);
    const types = new Set((await h.db.selectFrom('events').select('type').distinct().execute()).map((e) => e.type));
    for (const t of ['incident.created', 'incident.upgrade_flagged', 'incident.grade_overridden', 'incident.impact_changed', 'incident.status_changed', 'report.filed', 'report.overdue'])
      expect(types, t).toContain(t);
    const inc = await h.db.selectFrom('incidents').select(['grade', 'category', 'overdue_reports', 'override_reason', 'deaths', 'missing']).execute();
    expect(inc.some((r) => r.grade === 'III')).toBe(true);
    expect(inc.some((r) => r.category === 'natural' && r.grade !== null && r.override_reason)).toBe(true);
    expect(inc.some((r) => r.overdue_reports > 0)).toBe(true);
    // Unknown figures stay null, known zeros stay 0.
    expect(inc.some((r) => r.deaths === null)).toBe(true);
    expect(inc.some((r) => r.deaths === 0)).toBe(true);
    const late = await h.db.selectFrom('events').select('id').where('type', '=', 'report.overdue').execute();
    expect(late.length).toBeGreaterThan(0);
  });

  it('does not duplicate anything when run again', async () => {
    const count = async () => ({
      jurisdictions: Number((await h.db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      organisations: Number((await h.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      users: Number((await h.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      incidents: Number((await h.db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      events: Number((await h.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      reports: Number((await h.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    });
    const before = await count();
    const second: string[] = [];
    await seedDemo(h.db, (m) => second.push(m));
    expect(await count()).toEqual(before);
    expect(second.join('\n')).toContain('跳过');
  });
});
