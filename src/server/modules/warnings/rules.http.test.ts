// Warning rules bound to sensors: readings over HTTP raise a warning by the national 暴雨 criteria, upgrade it,
// and bad rules are refused field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('warning rules (%s)', (dialect) => {
  let t: TestApp;
  let duty: Record<string, string>;
  let rain: { id: string; token: string };
  let wind: { id: string; token: string };
  const start = Date.parse('2026-11-29T00:00:00Z');
  const now = new Date(start + 3 * 3600_000);
  const at = (min: number) => new Date(start + min * 60_000).toISOString();

  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
    duty = await t.login('county_duty');
    const mk = async (kind: string) => (await t.app.inject({ method: 'POST', url: '/api/sensors', headers: duty, payload: { name: `龙门镇${kind}站`, kind, jurisdictionCode: '511826106' } })).json();
    rain = await mk('rainfall');
    wind = await mk('wind_speed');
  });
  afterAll(() => t.close());

  const send = (readings: { at: string; value: number }[]) =>
    t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${rain.token}`, 'content-type': 'application/json' }, payload: readings });
  const ruleWarnings = async () => (await t.app.inject({ url: '/api/warnings', headers: duty })).json().filter((w: { origin: string }) => w.origin === 'rule');

  it('refuses rules that do not fit: unknown template, wrong sensor kind, bad overrides', async () => {
    const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/warning-rules', headers: duty, payload: payload as object });
    expect((await post({ template: 'nope', sensorIds: [rain.id], jurisdictionCode: '511826' })).json().error.fields[0].path).toBe('template');
    expect((await post({ template: 'cma.rainstorm', sensorIds: [wind.id], jurisdictionCode: '511826' })).json().error.fields[0].path).toBe('sensorIds.0');
    const bad = await post({ template: 'cma.rainstorm', sensorIds: [rain.id], jurisdictionCode: '511826', overrides: { levels: { red: { threshold: 'lots' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toMatch(/^overrides\.levels\.red/);
    expect((await t.app.inject({ url: '/api/warning-rules/templates', headers: duty })).json().map((x: { id: string }) => x.id)).toContain('cma.rainstorm');
  });

  it('55 mm in an hour raises an orange rainstorm warning, issued by the rule; 110 mm makes it red', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/warning-rules', headers: duty, payload: { template: 'cma.rainstorm', sensorIds: [rain.id], jurisdictionCode: '511826', autoIssue: true } });
    expect(r.statusCode).toBe(201);
    // 5-minute gauge increments: 12 × 4.6 mm = 55.2 mm between 01:00 and 02:00.
    expect((await send(Array.from({ length: 12 }, (_, i) => ({ at: at(65 + i * 5), value: 4.6 })))).json().accepted).toBe(12);
    let ws = await ruleWarnings();
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({ typeCode: 'rainstorm', level: 'orange', status: 'issued', jurisdictionName: '龙门镇' });
    expect(ws[0].basis).toMatch(/3小时.*≥ 50/);
    // A replay changes nothing.
    expect((await send(Array.from({ length: 12 }, (_, i) => ({ at: at(65 + i * 5), value: 4.6 })))).json().duplicates).toBe(12);
    expect(await ruleWarnings()).toHaveLength(1);
    await send(Array.from({ length: 11 }, (_, i) => ({ at: at(125 + i * 5), value: 5 })));
    ws = await ruleWarnings();
    expect(ws).toHaveLength(1);
    expect(ws[0].level).toBe('red');
    const events = (await t.db.db.selectFrom('events').select('summary').where('type', '=', 'warning.updated').execute()).map((e) => e.summary);
    expect(events.some((s) => s.startsWith('预警升级为红色'))).toBe(true);
  });

  it('reads a site as one: temperature and wind from two sensors raise one 寒潮 warning', async () => {
    const mk = async (kind: string) => (await t.app.inject({ method: 'POST', url: '/api/sensors', headers: duty, payload: { name: `龙门镇${kind}`, kind, jurisdictionCode: '511826106' } })).json();
    const temp = await mk('temperature');
    const gust = await mk('wind_speed');
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/warning-rules', headers: duty, payload });
    const wrongKind = await post({ template: 'cma.cold_wave', sites: [{ sensors: { temperature: rain.id, wind_speed: gust.id } }], jurisdictionCode: '511826' });
    expect(wrongKind.json().error.fields[0].path).toBe('sites.0.sensors.temperature');
    const unread = await post({ template: 'cma.cold_wave', sites: [{ sensors: { rainfall: rain.id } }], jurisdictionCode: '511826' });
    expect(unread.json().error.fields[0].path).toBe('sites.0.sensors.rainfall');
    expect((await post({ template: 'cma.cold_wave', jurisdictionCode: '511826' })).json().error.fields[0].path).toBe('sensorIds');

    const r = await post({ template: 'cma.cold_wave', sites: [{ sensors: { wind_speed: gust.id, temperature: temp.id } }], jurisdictionCode: '511826', autoIssue: true });
    expect(r.statusCode).toBe(201);
    expect(r.json().sites).toEqual([{ siteKey: temp.id, sensors: { temperature: temp.id, wind_speed: gust.id } }]);
    const ingest = (token: string, readings: object[]) =>
      t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: readings });
    // 24 h: 14 °C → 3 °C (a drop of 11, minimum ≤ 4) with mean wind 11 m/s (force 6): yellow.
    await ingest(temp.token, [{ at: at(180 - 1440), value: 14 }, { at: at(180), value: 3 }]);
    const before = (await ruleWarnings()).length;
    await ingest(gust.token, [{ at: at(175), value: 11 }]);
    await ingest(gust.token, [{ at: at(179), value: 12 }]);
    const cold = (await ruleWarnings()).filter((w: { typeCode: string }) => w.typeCode === 'cold_wave');
    expect((await ruleWarnings()).length).toBe(before + 1);
    expect(cold).toHaveLength(1);
    expect(cold[0]).toMatchObject({ level: 'yellow', status: 'issued' });
  });

  it('a rule switched off stops reading; out of scope it is not found', async () => {
    const g = (await t.app.inject({ method: 'POST', url: '/api/sensors', headers: duty, payload: { name: '芦阳雨量站', kind: 'rainfall', jurisdictionCode: '511826001' } })).json();
    const rule = (await t.app.inject({ method: 'POST', url: '/api/warning-rules', headers: duty, payload: { template: 'cma.rainstorm', sensorIds: [g.id], jurisdictionCode: '511826001', autoIssue: true } })).json();
    const patch = (body: object, headers = duty) => t.app.inject({ method: 'PATCH', url: `/api/warning-rules/${rule.id}`, headers, payload: body });
    expect((await patch({ enabled: 'no' })).statusCode).toBe(400);
    expect((await patch({ enabled: false }, await t.login('town_b'))).statusCode).toBe(404); // 龙门镇 does not see 芦阳街道's rule
    expect((await patch({ enabled: false })).json()).toMatchObject({ id: rule.id, enabled: false });
    const before = (await ruleWarnings()).length;
    await t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' }, payload: [{ at: at(170), value: 120 }] });
    expect((await ruleWarnings()).length).toBe(before);
    // Switched on again, it reads what is stored: 120 mm in the last 3 hours is red at once.
    expect((await patch({ enabled: true })).json().enabled).toBe(true);
    await t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' }, payload: [{ at: at(175), value: 0 }] });
    const mine = (await ruleWarnings()).filter((w: { jurisdictionName: string }) => w.jurisdictionName === '芦阳街道');
    expect(mine).toHaveLength(1);
    expect(mine[0].level).toBe('red');
  });
});
