// Local rules change the clocks and the grading inside the jurisdiction that sets them, and nowhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('local rules (%s)', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let duty: Record<string, string>;
  beforeAll(async () => {
    t = await testApp(dialect);
    admin = await t.login('county_admin');
    duty = await t.login('county_duty');
  });
  afterAll(() => t.close());

  const dueOfInitial = async (headers: Record<string, string>, jurisdictionCode: string, impact?: object) => {
    const created = await t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: incidentBody({ jurisdictionCode, ...(impact ? { impact } : {}) }) });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    const reports = (await t.app.inject({ url: `/api/incidents/${body.id}/reports`, headers })).json();
    const initial = reports.find((r: { key: string }) => r.key === 'initial:county');
    return { minutes: (Date.parse(initial.dueAt) - Date.parse(body.reportedAt)) / 60_000, incident: body };
  };

  it('shows the national defaults until a jurisdiction changes them', async () => {
    const view = (await t.app.inject({ url: '/api/rules', headers: duty })).json();
    expect(view).toMatchObject({ jurisdictionCode: '511826', own: {}, inherited: [] });
    expect(view.effective.reporting.byCategory.accident.initialHours).toBe(1);
    expect((await dueOfInitial(duty, '511826001')).minutes).toBe(60);
  });

  it('a county admin sets a stricter limit and another grading choice for the county only', async () => {
    const put = await t.app.inject({
      method: 'PUT', url: '/api/rules/511826', headers: admin,
      payload: { reporting: { byCategory: { accident: { initialHours: 0.5 } } }, grading: { missingCountsAsDeaths: false } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().effective.reporting.byCategory.accident.initialHours).toBe(0.5);
    expect((await dueOfInitial(duty, '511826001')).minutes).toBe(30); // township inherits from its county
    const graded = await dueOfInitial(duty, '511826001', { deaths: 1, missing: 5, seriousInjuries: 0, directLossYuan: 0 });
    expect(graded.incident.grade).toBe('IV'); // missing not counted here any more
    const townView = (await t.app.inject({ url: '/api/rules?jurisdiction=511826001', headers: duty })).json();
    expect(townView.inherited.map((l: { jurisdictionCode: string }) => l.jurisdictionCode)).toEqual(['511826']);
  });

  it('only admins may change rules, only inside their scope, and bad values are refused', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: duty, payload: {} })).statusCode).toBe(403);
    const above = await t.app.inject({ method: 'PUT', url: '/api/rules/511800', headers: admin, payload: {} });
    expect(above.statusCode).toBe(400);
    expect(above.json().error.fields[0].path).toBe('jurisdiction');
    const bad = await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: admin, payload: { reporting: { byCategory: { accident: { initialHours: -1, bogus: 1 } } } } });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('reporting.byCategory.accident.initialHours');
    // Nothing changed by the refused request.
    expect((await t.app.inject({ url: '/api/rules', headers: duty })).json().effective.reporting.byCategory.accident.initialHours).toBe(0.5);
    // {} goes back to the defaults.
    const reset = await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: admin, payload: {} });
    expect(reset.json().effective.reporting.byCategory.accident.initialHours).toBe(1);
  });

  it('local rules may be stricter than what they inherit, never looser', async () => {
    const put = (code: string, payload: object) => t.app.inject({ method: 'PUT', url: `/api/rules/${code}`, headers: admin, payload });
    const initial = (h: number) => ({ reporting: { byCategory: { accident: { initialHours: h } } } });
    const loose = await put('511826', initial(48)); // 493号令 第九条: 1 h
    expect(loose.statusCode).toBe(400);
    expect(loose.json().error.fields).toEqual([{ path: 'reporting.byCategory.accident.initialHours', message: '不得宽于上级规定的 1 小时（本地规则只能更严格）' }]);
    const lower = await put('511826', { reporting: { byCategory: { accident: { reachByGrade: { III: 'city' }, supplementaryWindowDaysByType: { fire: 5 } }, public_health: { hopHours: { national: 2 } } } } });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'reporting.byCategory.accident.reachByGrade.III', 'reporting.byCategory.accident.supplementaryWindowDaysByType.fire', 'reporting.byCategory.public_health.hopHours.national',
    ]);
    // Defaults no statute fixes may be set either way by local regulation (江西: 市→省 3 h; a slower 续报 cadence).
    const local = await put('511826', { reporting: { byCategory: { natural: { hopHours: { province: 3 } }, accident: { followUpEveryHours: { II: null } } }, finalDueHours: 48 } });
    expect(local.statusCode, local.body).toBe(200);
    // …and then bind the townships below like any ancestor's setting.
    const below = await put('511826001', { reporting: { byCategory: { natural: { hopHours: { province: 4 } } } } });
    expect(below.json().error.fields).toEqual([{ path: 'reporting.byCategory.natural.hopHours.province', message: '不得宽于上级规定的 3 小时（本地规则只能更严格）' }]);
    expect((await put('511826', initial(0.5))).statusCode).toBe(200);
    // A township cannot undo its county's stricter limit, but may tighten it further.
    const undo = await put('511826001', initial(1));
    expect(undo.statusCode).toBe(400);
    expect(undo.json().error.fields[0]).toEqual({ path: 'reporting.byCategory.accident.initialHours', message: '不得宽于上级规定的 0.5 小时（本地规则只能更严格）' });
    expect((await t.app.inject({ url: '/api/rules?jurisdiction=511826001', headers: duty })).json().own).toEqual({}); // nothing stored
    expect((await put('511826001', initial(0.25))).statusCode).toBe(200);
    // The county relaxing its own earlier rule back to the national value is allowed.
    expect((await put('511826', initial(1))).statusCode).toBe(200);
    await put('511826001', {});
    await put('511826', {});
  });

  it('a county tightening after its township set its own: the stricter applies there, and the township is told which of its values do not', async () => {
    const put = (code: string, payload: object) => t.app.inject({ method: 'PUT', url: `/api/rules/${code}`, headers: admin, payload });
    const initial = (h: number) => ({ reporting: { byCategory: { accident: { initialHours: h } } } });
    expect((await put('511826001', initial(0.75))).statusCode).toBe(200); // stricter than 493号令's 1 h: fine
    expect((await put('511826', initial(0.5))).statusCode).toBe(200); // the county tightens later
    const town = (await t.app.inject({ url: '/api/rules?jurisdiction=511826001', headers: duty })).json();
    expect(town.own).toEqual(initial(0.75)); // kept as the township stored it…
    expect(town.effective.reporting.byCategory.accident.initialHours).toBe(0.5); // …but the county's 0.5 h applies
    expect(town.notApplied).toEqual([{ path: 'reporting.byCategory.accident.initialHours', message: '不得宽于上级规定的 0.5 小时（本地规则只能更严格）' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: duty, payload: incidentBody({ jurisdictionCode: '511826001' }) });
    const initialDue = (await t.app.inject({ url: `/api/incidents/${res.json().id}/reports`, headers: duty })).json().find((r: { key: string }) => r.key === 'initial:county');
    expect(Date.parse(initialDue.dueAt) - Date.parse(res.json().reportedAt)).toBe(30 * 60_000);
    expect((await t.app.inject({ url: '/api/rules?jurisdiction=511826', headers: duty })).json().notApplied).toEqual([]);
    await put('511826001', {});
    await put('511826', {});
  });
});

describe.each(DIALECTS)('a change of local rules reaches the open incidents at once (%s)', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let duty: Record<string, string>;
  let now = new Date('2026-11-29T02:00:00.000Z');
  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
    admin = await t.login('county_admin');
    duty = await t.login('county_duty');
  });
  afterAll(() => t.close());

  const create = async (jurisdictionCode: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: duty, payload: incidentBody({ jurisdictionCode, occurredAt: now.toISOString() }) });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; reportedAt: string };
  };
  const row = (id: string) => t.db.db.selectFrom('incidents').select(['next_due_at', 'overdue_reports']).where('id', '=', id).executeTakeFirstOrThrow();
  const minutes = (from: string, m: number) => new Date(Date.parse(from) + m * 60_000).toISOString();

  it('a stricter limit moves the due time and counts what it has made overdue, in the same change', async () => {
    const passed = await create('511826001'); // 40 min old when the county halves the hour
    now = new Date(now.getTime() + 35 * 60_000);
    const pending = await create('511826106'); // 5 min old
    const elsewhere = await create('511826'); // the county itself is in its own subtree too
    now = new Date(now.getTime() + 5 * 60_000);
    expect((await row(passed.id)).next_due_at).toBe(minutes(passed.reportedAt, 60));

    const put = await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: admin, payload: { reporting: { byCategory: { accident: { initialHours: 0.5 } } } } });
    expect(put.statusCode).toBe(200);
    // 初报 to the county is now overdue: counted, on the timeline, and the clock waits for the next hop (+2 h).
    expect(await row(passed.id)).toEqual({ overdue_reports: 1, next_due_at: minutes(passed.reportedAt, 150) });
    const events = (await t.app.inject({ url: `/api/incidents/${passed.id}/events`, headers: duty })).json() as { type: string; data: { requirementKey?: string } }[];
    expect(events.filter((e) => e.type === 'report.overdue').map((e) => e.data.requirementKey)).toEqual(['initial:county']);
    expect(await row(pending.id)).toEqual({ overdue_reports: 0, next_due_at: minutes(pending.reportedAt, 30) });
    expect((await row(elsewhere.id)).next_due_at).toBe(minutes(elsewhere.reportedAt, 30));
    // The scheduled check has nothing left to announce for it.
    expect(await t.services.incidents.checkOverdue()).toBe(0);
  });
});
