// One repository suite, run on SQLite and (when SHOUWANG_TEST_PG_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '../events/bus';
import { inTransaction } from '../events/outbox';
import { authRepository } from '../modules/auth/auth.repository';
import { IncidentService } from '../modules/incidents/incidents.service';
import { incidentsRepository } from '../modules/incidents/incidents.repository';
import { jurisdictionsRepository } from '../modules/jurisdictions/jurisdictions.repository';
import { DIALECTS, incidentBody, openTestDb, seedFixtures } from '../testing/harness';
import { IncidentCreate } from '../../contracts/incidents';

describe.each(DIALECTS)('repositories (%s)', (dialect) => {
  let h: Awaited<ReturnType<typeof openTestDb>>;
  let svc: IncidentService;
  let clock = new Date('2026-11-29T02:00:00Z');
  const bus = new Bus();
  const principal = async (u: string) => (await authRepository(h.db).userForLogin(u))!.principal;

  beforeAll(async () => {
    h = await openTestDb(dialect);
    await seedFixtures(h);
    svc = new IncidentService(h.db, bus, { clock: () => clock });
  });
  afterAll(() => h.drop());

  it('reads the jurisdiction tree by parent and by materialised path', async () => {
    const repo = jurisdictionsRepository(h.db);
    expect((await repo.children('511826')).map((c) => [c.code, Boolean(c.has_children)])).toEqual([['511826001', true], ['511826106', true]]);
    expect((await repo.byCode('511826001001'))!.path).toBe('/100000/510000/511800/511826/511826001/511826001001/');
  });

  it('stores every figure, null distinct from 0, and big money amounts exactly', async () => {
    const p = await principal('county_duty');
    const created = await svc.create(p, IncidentCreate.parse(incidentBody({
      occurredAt: '2026-11-29T09:30:00+08:00',
      impact: { deaths: 0, missing: null, seriousInjuries: 120, minorInjuries: 7, directLossYuan: 2_500_000_000, affected: 3000, evacuated: null },
    })));
    const read = await svc.get(p, created.id);
    expect(read.impact).toEqual({ deaths: 0, missing: null, seriousInjuries: 120, minorInjuries: 7, directLossYuan: 2_500_000_000, affected: 3000, evacuated: null });
    expect(read.occurredAt).toBe('2026-11-29T01:30:00.000Z'); // offsets normalised to UTC
    expect(read.grade).toBe('I');
  });

  it('scopes reads by subtree with a byte-range on the path (no sibling prefix leaks)', async () => {
    const townB = await principal('town_b');
    const townA = await principal('town_a');
    const inB = await svc.create(townB, IncidentCreate.parse(incidentBody({ jurisdictionCode: '511826106201', occurredAt: clock.toISOString() })));
    expect(await incidentsRepository(h.db).get(inB.id, townA.scopePath)).toBeUndefined();
    expect(await incidentsRepository(h.db).get(inB.id, townB.scopePath)).toBeTruthy();
    const county = await principal('county_duty');
    const listed = await incidentsRepository(h.db).list({ scopePath: county.scopePath, limit: 100 });
    expect(listed.map((r) => r.id)).toContain(inB.id);
    const mingshan = await principal('mingshan_duty');
    expect(await incidentsRepository(h.db).list({ scopePath: mingshan.scopePath, limit: 100 })).toEqual([]);
  });

  it('searches titles for a literal substring, ignoring case: % _ \\ are characters, not wildcards', async () => {
    const p = await principal('county_duty');
    const titles = ['降雨量 50% 超警', '降雨量 500 毫米', 'K_12 路段塌方', 'K312 路段塌方', 'C:\\temp 泄漏', 'LPG 储罐泄漏'];
    const ids = new Map<string, string>();
    for (const title of titles) ids.set(title, (await svc.create(p, IncidentCreate.parse(incidentBody({ title, occurredAt: clock.toISOString() })))).id);
    const found = async (q: string) =>
      (await incidentsRepository(h.db).list({ scopePath: p.scopePath, q, limit: 100 })).map((r) => r.title).filter((t) => ids.has(t)).sort();
    expect(await found('50%')).toEqual(['降雨量 50% 超警']);
    expect(await found('K_1')).toEqual(['K_12 路段塌方']);
    expect(await found('C:\\t')).toEqual(['C:\\temp 泄漏']);
    expect(await found('lpg')).toEqual(['LPG 储罐泄漏']);
    expect(await found('路段塌方')).toEqual(['K312 路段塌方', 'K_12 路段塌方']);
    expect(await found('%')).toEqual(['降雨量 50% 超警']);
  });

  it('writes state and its timeline event in one transaction: a failure leaves neither', async () => {
    const before = await h.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const published: unknown[] = [];
    const off = bus.subscribe((m) => published.push(m));
    await expect(
      inTransaction(h.db, bus, async (out) => {
        await out.append({ incidentId: null, type: 'test.event', actor: null, jurisdictionCode: '511826', scopePath: '/100000/', summary: 'x' });
        await out.tx.insertInto('jurisdictions').values({ code: '511826', name: 'dup', level: 'county', parent_code: null, path: '/x/', lat: null, lon: null }).execute();
      }),
    ).rejects.toThrow();
    off();
    const after = await h.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(published).toEqual([]); // nothing announced for a rolled-back change
  });

  it('concurrent writes commit together, and one that fails is undone alone (group commit on SQLite)', async () => {
    const count = async () => Number((await h.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'test.group').executeTakeFirstOrThrow()).n);
    const write = (i: number, fail: boolean) =>
      inTransaction(h.db, bus, async (out) => {
        await out.append({ incidentId: null, type: 'test.group', actor: null, jurisdictionCode: '511826', scopePath: '/100000/', summary: `w${i}` });
        if (fail) throw new Error(`write ${i} refused`);
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => write(i, i % 4 === 1)));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 4 === 1 ? 'rejected' : 'fulfilled')));
    expect(results[1]).toMatchObject({ status: 'rejected', reason: new Error('write 1 refused') });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 2 });
    expect(await count()).toBe(9);
    const summaries = (await h.db.selectFrom('events').select('summary').where('type', '=', 'test.group').execute()).map((r) => r.summary);
    expect(summaries.sort()).toEqual(['w0', 'w10', 'w11', 'w2', 'w3', 'w4', 'w6', 'w7', 'w8']);
  });

  it('rejects a concurrent edit with a stale version (optimistic locking)', async () => {
    const p = await principal('county_duty');
    const created = await svc.create(p, IncidentCreate.parse(incidentBody({ occurredAt: clock.toISOString() })));
    const repo = incidentsRepository(h.db);
    expect(await repo.update(created.id, created.version, { title: '第一次修改' })).toBe(true);
    expect(await repo.update(created.id, created.version, { title: '过期的修改' })).toBe(false);
    expect((await svc.get(p, created.id)).title).toBe('第一次修改');
  });

  it('the scheduled check announces each overdue report once and counts it on the incident', async () => {
    const p = await principal('county_duty');
    clock = new Date('2026-11-29T02:00:00Z');
    const created = await svc.create(p, IncidentCreate.parse(incidentBody({ occurredAt: '2026-11-29T01:50:00Z', title: '超时测试' })));
    expect(created.overdueReports).toBe(0);
    clock = new Date('2026-11-29T03:00:01Z'); // one hour and a second after 接报
    const live: { name: string; payload: { overdueReports?: number; type?: string } }[] = [];
    const off = bus.subscribe((m) => live.push(m as never));
    const announced = await svc.checkOverdue();
    expect(announced).toBeGreaterThanOrEqual(1);
    expect(await svc.checkOverdue()).toBe(0); // once only
    off();
    const after = await svc.get(p, created.id);
    expect(after.overdueReports).toBeGreaterThanOrEqual(1);
    const events = await svc.events(p, created.id);
    const overdue = events.filter((e) => e.type === 'report.overdue');
    expect(overdue.map((e) => e.data.requirementKey)).toContain('initial:county');
    expect(live.some((m) => m.name === 'timeline' && m.payload.type === 'report.overdue')).toBe(true);
    const reports = await svc.requiredReports(p, created.id);
    expect(reports.find((r) => r.key === 'initial:county')!.status).toBe('overdue');
  });
});
