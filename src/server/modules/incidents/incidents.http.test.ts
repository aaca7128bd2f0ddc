import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('incidents over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let duty: Record<string, string>;
  beforeAll(async () => {
    t = await testApp(dialect);
    duty = await t.login('county_duty');
  });
  afterAll(() => t.close());

  const post = (payload: unknown, headers: Record<string, string> = duty) => t.app.inject({ method: 'POST', url: '/api/incidents', payload: payload as object, headers });
  // "Stores nothing" covers the timeline and the idempotency record too, not only the incident row.
  const count = () => storedRows(t);

  it('creates an incident and grades it by 493号令 第三条: 12 deaths → 重大 Ⅱ', async () => {
    const res = await post(incidentBody({ impact: { deaths: 12, seriousInjuries: 3, directLossYuan: null } }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ grade: 'II', gradeLabel: '重大', gradeMode: 'computed', gradeProvisional: true, status: 'reported' });
    expect(body.impact).toMatchObject({ deaths: 12, directLossYuan: null, affected: null });
    const events = (await t.app.inject({ url: `/api/incidents/${body.id}/events`, headers: duty })).json();
    expect(events.map((e: { type: string }) => e.type)).toEqual(['incident.created', 'incident.graded']);
    expect(events[1].summary).toContain('重大');
    const reports = (await t.app.inject({ url: `/api/incidents/${body.id}/reports`, headers: duty })).json();
    const initial = reports.find((r: { key: string }) => r.key === 'initial:county');
    expect(initial).toMatchObject({ kind: 'initial', status: 'pending' });
    expect(Date.parse(initial.dueAt) - Date.parse(body.reportedAt)).toBe(3_600_000);
    // 重大 goes up to the national level.
    expect(reports.filter((r: { kind: string }) => r.kind === 'initial').map((r: { recipientLevel: string }) => r.recipientLevel)).toEqual(['county', 'city', 'province', 'national']);
  });

  it('records the unit that reported it when the duty room takes a call for another, within its subtree only', async () => {
    const orgOf = async (code: string) => (await t.db.db.selectFrom('organisations').select('id').where('jurisdiction_code', '=', code).executeTakeFirstOrThrow()).id;
    const townA = await orgOf('511826001');
    const res = await post(incidentBody({ title: '芦阳街道来电：厂房起火', reportingOrganisationId: townA }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().reportingOrganisation).toEqual({ id: townA, name: '芦阳街道应急办' });
    const events = (await t.app.inject({ url: `/api/incidents/${res.json().id}/events`, headers: duty })).json();
    expect(events[0].summary).toContain('报告单位：芦阳街道应急办');
    expect((await t.app.inject({ url: `/api/incidents/${res.json().id}`, headers: duty })).json().reportingOrganisation.name).toBe('芦阳街道应急办');
    // Without it, the caller's own organisation; another county's unit, or an unknown id, is a field error and stores nothing.
    expect((await post(incidentBody())).json().reportingOrganisation.name).toBe('芦山县应急办');
    const before = await count();
    for (const id of [await orgOf('511803'), 'no-such-organisation']) {
      const bad = await post(incidentBody({ reportingOrganisationId: id }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([{ path: 'reportingOrganisationId', message: '报告单位不存在或不在您的管辖范围内' }]);
    }
    expect(await count()).toBe(before);
  });

  it('does not grade social-safety incidents (突发事件应对法 第三条)', async () => {
    const res = await post(incidentBody({ category: 'social_safety', typeCode: 'mass_incident', impact: { deaths: 40 } }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ grade: null, gradeLabel: '不分级', gradeMode: 'ungraded' });
  });

  it('accepts an address without coordinates', async () => {
    const res = await post(incidentBody({ location: { address: '龙门镇古城村三组' } }));
    expect(res.statusCode).toBe(201);
    expect(res.json().location).toEqual({ lat: null, lon: null, address: '龙门镇古城村三组' });
  });

  it('keeps unknown distinct from 0', async () => {
    const unknown = (await post(incidentBody({ impact: {} }))).json();
    expect(unknown).toMatchObject({ grade: null, gradeLabel: null });
    const zero = (await post(incidentBody({ impact: { deaths: 0, missing: 0, seriousInjuries: 0, directLossYuan: 0 } }))).json();
    expect(zero).toMatchObject({ grade: 'IV', gradeProvisional: false });
  });

  it('recomputes the grade when figures change and flags an upgrade on the timeline', async () => {
    const created = (await post(incidentBody({ impact: { deaths: 1, seriousInjuries: 0, directLossYuan: 0 } }))).json();
    expect(created.grade).toBe('IV');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${created.id}`, headers: duty, payload: { impact: { deaths: 3 } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ grade: 'III', gradeLabel: '较大' });
    // Only the figure sent changes; the others keep their known values.
    expect(res.json().impact).toMatchObject({ deaths: 3, seriousInjuries: 0, directLossYuan: 0, missing: null });
    expect(res.json().upgradeFlaggedAt).toBeTruthy();
    const types = (await t.app.inject({ url: `/api/incidents/${created.id}/events`, headers: duty })).json().map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['incident.impact_changed', 'incident.graded', 'incident.upgrade_flagged']));
    // A casualty change opens a 补报 requirement (493号令 第十三条).
    const reports = (await t.app.inject({ url: `/api/incidents/${created.id}/reports`, headers: duty })).json();
    expect(reports.some((r: { kind: string }) => r.kind === 'supplementary')).toBe(true);
  });

  it('lets a commander override the grade only with a reason; duty officers cannot', async () => {
    const created = (await post(incidentBody())).json();
    const commander = await t.login('county_commander');
    const noReason = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${created.id}`, headers: commander, payload: { grade: 'III' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ path: 'gradeReason', message: '人工定级须说明理由' }]);
    const byDuty = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${created.id}`, headers: duty, payload: { grade: 'III', gradeReason: '社会影响大' } });
    expect(byDuty.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${created.id}`, headers: commander, payload: { grade: 'III', gradeReason: '社会影响大' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ grade: 'III', computedGrade: 'IV', gradeOverride: { grade: 'III', reason: '社会影响大' } });
  });

  it('walks the lifecycle and refuses impossible transitions', async () => {
    const created = (await post(incidentBody())).json();
    const patch = (status: string) => t.app.inject({ method: 'PATCH', url: `/api/incidents/${created.id}`, headers: duty, payload: { status } });
    expect((await patch('verified')).statusCode).toBe(200);
    expect((await patch('responding')).statusCode).toBe(200);
    const back = await patch('reported');
    expect(back.statusCode).toBe(400);
    expect(back.json().error.fields[0].path).toBe('status');
    expect((await patch('closed')).json().status).toBe('closed');
    expect((await patch('responding')).json().status).toBe('responding'); // reopen
  });

  it('files the initial report and the clock shows it filed', async () => {
    const created = (await post(incidentBody())).json();
    const res = await t.app.inject({
      method: 'POST', url: `/api/incidents/${created.id}/reports`, headers: duty,
      payload: { kind: 'initial', requirementKey: 'initial:county', recipientLevel: 'county', recipient: '芦山县应急管理局', timeAndPlace: '今日 10 时，芦阳街道', briefHistory: '起重作业中吊物坠落' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'initial', impactSnapshot: { minorInjuries: 1 }, gradeSnapshot: 'IV' });
    const reports = (await t.app.inject({ url: `/api/incidents/${created.id}/reports`, headers: duty })).json();
    expect(reports.find((r: { key: string }) => r.key === 'initial:county').status).toBe('filed');
    const missing = await t.app.inject({ method: 'POST', url: `/api/incidents/${created.id}/reports`, headers: duty, payload: { kind: 'initial', timeAndPlace: '', briefHistory: '' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['timeAndPlace', 'briefHistory']);
  });

  it('lists newest first with filters and a cursor', async () => {
    const first = await t.app.inject({ url: '/api/incidents?limit=2', headers: duty });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeTruthy();
    const second = (await t.app.inject({ url: `/api/incidents?limit=2&cursor=${page.nextCursor}`, headers: duty })).json();
    expect(second.items[0].id).not.toBe(page.items[1].id);
    const ungraded = (await t.app.inject({ url: '/api/incidents?category=social_safety', headers: duty })).json();
    expect(ungraded.items.every((i: { category: string }) => i.category === 'social_safety')).toBe(true);
    expect(ungraded.items.length).toBeGreaterThan(0);
    const bII = (await t.app.inject({ url: '/api/incidents?grade=II', headers: duty })).json();
    expect(bII.items.every((i: { grade: string }) => i.grade === 'II')).toBe(true);
  });

  describe('bad input gets a clear 4xx and stores nothing', () => {
    const cases: [string, () => Promise<{ statusCode: number; json: () => { error: { message: string; fields: { path: string }[] } } }>, number, string?][] = [
      ['malformed JSON', () => t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...duty, 'content-type': 'application/json' }, payload: '{"title": ' }), 400],
      ['wrong types', () => post(incidentBody({ title: 42 })), 400, 'title'],
      ['negative casualties', () => post(incidentBody({ impact: { deaths: -1 } })), 400, 'impact.deaths'],
      ['fractional casualties', () => post(incidentBody({ impact: { seriousInjuries: 2.5 } })), 400, 'impact.seriousInjuries'],
      ['occurred-at in the future', () => post(incidentBody({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() })), 400, 'occurredAt'],
      ['occurred-at without offset', () => post(incidentBody({ occurredAt: '2026-01-01 10:00' })), 400, 'occurredAt'],
      ['unknown category', () => post(incidentBody({ category: 'alien' })), 400, 'category'],
      ['unknown type code', () => post(incidentBody({ typeCode: 'volcano' })), 400, 'typeCode'],
      ['type of another category', () => post(incidentBody({ typeCode: 'earthquake' })), 400, 'typeCode'],
      ['jurisdiction outside scope', () => post(incidentBody({ jurisdictionCode: '511803' })), 400, 'jurisdictionCode'],
      ['unknown jurisdiction', () => post(incidentBody({ jurisdictionCode: '999999' })), 400, 'jurisdictionCode'],
      ['invalid coordinates', () => post(incidentBody({ location: { lat: 95, lon: 200 } })), 400, 'location.lat'],
      ['latitude without longitude', () => post(incidentBody({ location: { lat: 30.1, address: '古城村' } })), 400, 'location.lon'],
      ['an empty location', () => post(incidentBody({ location: { address: '' } })), 400, 'location.address'],
      ['unknown field', () => post(incidentBody({ secret: 1 })), 400],
      ['oversized body', () => post(incidentBody({ description: 'x'.repeat(2 * 1024 * 1024) })), 413],
    ];
    it.each(cases)('%s', async (_name, send, status, field) => {
      const before = await count();
      const res = await send();
      expect(res.statusCode).toBe(status);
      const err = res.json().error;
      expect(err.message).toMatch(/[\u4e00-\u9fff]/); // zh-CN by default
      if (field) expect(err.fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('a duplicate submission with the same idempotency key is refused and stored once', async () => {
      const headers = { ...duty, 'idempotency-key': 'form-1234-abcd' };
      const body = incidentBody({ title: '重复提交测试' });
      expect((await post(body, headers)).statusCode).toBe(201);
      const before = await count();
      const again = await post(body, headers);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain('重复提交');
      expect(await count()).toBe(before);
      const other = await post(incidentBody({ title: '另一事件' }), headers);
      expect(other.statusCode).toBe(409);
      expect(await count()).toBe(before);
    });

    it('answers in English when asked', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...duty, 'accept-language': 'en' }, payload: incidentBody({ impact: { deaths: 'many' } }) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('Invalid input; see the fields');
    });
  });

  it('stores no incident, event or idempotency key, so the form can be corrected and resent under the same key', async () => {
    const headers = { ...duty, 'idempotency-key': 'form-retry-5678' };
    const post = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: payload as object });
    const before = await storedRows(t);
    // Refused by the schema, by the clock check before the transaction, and inside the transaction (scope).
    for (const bad of [
      incidentBody({ impact: { deaths: -1 } }),
      incidentBody({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }),
      incidentBody({ jurisdictionCode: '511803' }),
      incidentBody({ typeCode: 'earthquake' }),
    ]) {
      const res = await post(bad);
      expect(res.statusCode, res.body).toBe(400);
      expect(await storedRows(t)).toBe(before);
    }
    const ok = await post(incidentBody({ title: '改正后重新提交' }));
    expect(ok.statusCode, ok.body).toBe(201);
    const [incidents, events, keys] = (await storedRows(t)).match(/\d+/g)!.map(Number);
    const [incidents0, events0, keys0] = before.match(/\d+/g)!.map(Number);
    expect([incidents! - incidents0!, keys! - keys0!]).toEqual([1, 1]);
    expect(events!).toBeGreaterThan(events0!);
  });
});

/** Rows in every table a submission writes, as one comparable string ("incidents=3 events=6 idempotency_keys=1"). */
async function storedRows(t: TestApp) {
  const n = async (table: 'incidents' | 'events' | 'idempotency_keys') =>
    Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return `incidents=${await n('incidents')} events=${await n('events')} idempotency_keys=${await n('idempotency_keys')}`;
}
