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
});
