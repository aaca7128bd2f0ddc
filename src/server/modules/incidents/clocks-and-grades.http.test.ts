// Reporting clocks that keep running, grading decisions on the timeline, the upgrade notice, overdue notices to the
// people responsible, and duplicate submissions at the same moment — on both dialects, with a clock of our own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../events/bus';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

const HOUR = 3_600_000;

describe.each(DIALECTS)('reporting clocks and grading decisions (%s)', (dialect) => {
  let t: TestApp;
  let duty: Record<string, string>;
  let commander: Record<string, string>;
  let now = new Date('2026-11-29T02:00:00.000Z');
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
    duty = await t.login('county_duty');
    commander = await t.login('county_commander');
  });
  afterAll(() => t.close());

  const create = async (over: Record<string, unknown> = {}, headers = duty) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: incidentBody({ occurredAt: new Date(now.getTime() - 10 * 60_000).toISOString(), ...over }) });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const patch = (id: string, payload: object, headers = duty) => t.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers, payload });
  const file = (id: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/incidents/${id}/reports`, headers: duty, payload: { timeAndPlace: '芦阳街道', briefHistory: '经过', ...payload } });
  const events = async (id: string) => (await t.app.inject({ url: `/api/incidents/${id}/events`, headers: duty })).json() as { type: string; summary: string; data: Record<string, unknown> }[];
  const get = async (id: string) => (await t.app.inject({ url: `/api/incidents/${id}`, headers: duty })).json();
  const nextDue = async (id: string) => (await t.db.db.selectFrom('incidents').select('next_due_at').where('id', '=', id).executeTakeFirstOrThrow()).next_due_at;

  it('an early 续报 keeps the clock running: the next one goes overdue, on the timeline and on the board', async () => {
    const inc = await create({ impact: { deaths: 12 } }); // 重大: 续报 every 12 h
    const reported = Date.parse(inc.reportedAt);
    later(30 * 60_000);
    for (const level of ['county', 'city', 'province', 'national'])
      expect((await file(inc.id, { kind: 'initial', requirementKey: `initial:${level}`, recipientLevel: level })).statusCode).toBe(201);
    later(30 * 60_000);
    expect((await file(inc.id, { kind: 'follow_up' })).statusCode).toBe(201); // 11 h before the first slot is due
    expect(await nextDue(inc.id)).toBe(new Date(reported + 24 * HOUR).toISOString());

    now = new Date(reported + 24 * HOUR + 1000);
    expect(await t.services.incidents.checkOverdue()).toBeGreaterThanOrEqual(1);
    const overdue = (await events(inc.id)).filter((e) => e.type === 'report.overdue');
    expect(overdue.map((e) => e.data.kind)).toEqual(['follow_up']);
    expect((await get(inc.id)).overdueReports).toBe(1);
  });

  it('a rise of the rules grade above a grade set by hand goes on the timeline and is flagged', async () => {
    const inc = await create({ impact: { deaths: 1, seriousInjuries: 0, directLossYuan: 0 } });
    expect((await patch(inc.id, { grade: 'III', gradeReason: '社会影响大' }, commander)).json()).toMatchObject({ grade: 'III', computedGrade: 'IV', upgradeCause: 'manual' });
    later(60_000);
    const raised = (await patch(inc.id, { impact: { deaths: 12 } })).json();
    expect(raised).toMatchObject({ grade: 'III', computedGrade: 'II', upgradeCause: 'figures' });
    expect(raised.upgradeFlaggedAt).toBe(now.toISOString());
    const log = await events(inc.id);
    expect(log.find((e) => e.type === 'incident.graded' && e.data.to === 'II')).toMatchObject({ data: { from: 'IV', to: 'II', shown: 'III' } });
    expect(log.find((e) => e.type === 'incident.upgrade_flagged' && e.data.cause === 'figures')).toMatchObject({ data: { from: 'III', to: 'II', cause: 'figures' } });
    // A report at the grade set by hand does not answer it; the person's decision does.
    expect((await file(inc.id, { kind: 'follow_up' })).statusCode).toBe(201);
    expect((await get(inc.id)).upgradeFlaggedAt).toBe(raised.upgradeFlaggedAt);
    const confirmed = (await patch(inc.id, { grade: 'II', gradeReason: '按最新数字确认' }, commander)).json();
    expect(confirmed).toMatchObject({ grade: 'II', upgradeFlaggedAt: null, upgradeCause: null });
    expect((await events(inc.id)).map((e) => e.type)).toContain('incident.upgrade_acknowledged');
  });

  it('clearing a grade set by hand needs a reason, and the timeline keeps it', async () => {
    const inc = await create();
    await patch(inc.id, { grade: 'III', gradeReason: '社会影响大' }, commander);
    const bare = await patch(inc.id, { grade: null }, commander);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toEqual([{ path: 'gradeReason', message: '取消人工定级须说明理由' }]);
    expect((await get(inc.id)).gradeOverride).toMatchObject({ grade: 'III' }); // nothing changed
    const ok = await patch(inc.id, { grade: null, gradeReason: '核实后影响有限' }, commander);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ grade: 'IV', gradeOverride: null });
    const cleared = (await events(inc.id)).find((e) => e.type === 'incident.grade_override_cleared')!;
    expect(cleared.data.reason).toBe('核实后影响有限');
    expect(cleared.summary).toContain('核实后影响有限');
  });

  it('the upgrade notice says what raised the grade and goes away once a report is made at the new grade', async () => {
    const byHand = await create({ impact: { deaths: 1, seriousInjuries: 0, directLossYuan: 0 } });
    later(60_000);
    const raised = (await patch(byHand.id, { grade: 'II', gradeReason: '涉及危化品' }, commander)).json();
    expect(raised).toMatchObject({ grade: 'II', upgradeCause: 'manual' });
    expect(raised.upgradeFlaggedAt).toBeTruthy();
    later(60_000);
    expect((await file(byHand.id, { kind: 'follow_up' })).statusCode).toBe(201);
    expect((await get(byHand.id)).upgradeFlaggedAt).toBeNull();

    const byFigures = await create({ impact: { deaths: 1, seriousInjuries: 0, directLossYuan: 0 } });
    later(60_000);
    expect((await patch(byFigures.id, { impact: { deaths: 3 } })).json()).toMatchObject({ grade: 'III', upgradeCause: 'figures' });
    later(60_000);
    expect((await file(byFigures.id, { kind: 'supplementary' })).statusCode).toBe(201);
    expect((await get(byFigures.id)).upgradeFlaggedAt).toBeNull();
  });

  it('an overdue report reaches the people responsible in their notifications, and live', async () => {
    const reporter = await t.login('village_reporter');
    const inc = await create({ jurisdictionCode: '511826001001', title: '城东社区燃气泄漏' }, reporter);
    const live: LiveMessage[] = [];
    const off = t.bus.subscribe((m) => live.push(m));
    now = new Date(Date.parse(inc.reportedAt) + HOUR + 1000);
    expect(await t.services.incidents.checkOverdue()).toBeGreaterThanOrEqual(1);
    off();
    const bell = async (username: string) =>
      ((await t.app.inject({ url: '/api/notifications', headers: await t.login(username) })).json() as { text: string; incidentId: string | null }[]).filter((n) => n.incidentId === inc.id);
    // The village's reporter, the township's duty officer, the county's duty officer and commander (突发事件应对法 第十七条).
    for (const u of ['village_reporter', 'town_a', 'county_duty', 'county_commander']) {
      const got = await bell(u);
      expect(got, u).toHaveLength(1);
      expect(got[0]!.text).toContain('城东社区燃气泄漏');
      expect(got[0]!.text).toContain('已超时');
    }
    for (const u of ['county_admin', 'county_viewer', 'town_b', 'city_duty']) expect(await bell(u), u).toEqual([]);
    const notices = live.filter((m) => m.name === 'notification' && (m.payload as { incidentId: string }).incidentId === inc.id);
    expect(notices).toHaveLength(4);
    expect(notices.every((m) => m.userIds?.length === 1)).toBe(true);
    expect(live.some((m) => m.name === 'timeline' && (m.payload as { type: string }).type === 'report.overdue')).toBe(true); // the toast stays
  });

  it('duplicate submissions at the same moment: one is stored, the others get 409 duplicate_submission', async () => {
    const count = async () => Number((await t.db.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const headers = { ...duty, 'idempotency-key': `race-${dialect}-0001` };
    const body = incidentBody({ title: '并发重复提交', occurredAt: now.toISOString() });
    const results = await Promise.all(Array.from({ length: 4 }, () => t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: body })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.code).toBe('duplicate_submission');
      expect(r.json().error.message).toContain('重复提交');
    }
    expect(await count()).toBe(before + 1);
  });
});
