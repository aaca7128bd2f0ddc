// An incident's resource requests end to end: requested → approved → ordered from a depot → departed (an 出库 on
// the ledger) → received (the request is met) → returned (an 归还); a team is deployed and rests; refusals write nothing;
// a plan's level needs become requests when activated, and only what goes beyond them when raised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProductionSafetyPlan } from '../../../domain/plans/examples';
import type { LiveMessage } from '../../events/bus';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('resource requests and dispatch (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const req = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, payload?: object) => t.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });
  let incident: string;
  let pump: { id: string };
  let depot: { id: string };

  beforeAll(async () => {
    t = await testApp(dialect);
    for (const u of ['county_duty', 'county_commander', 'town_b', 'county_viewer']) as[u] = await t.login(u);
    incident = (await req('POST', '/api/incidents', 'county_duty', incidentBody({ jurisdictionCode: '511826001', location: { lat: 30.16, lon: 102.95 } }))).json().id;
    pump = (await req('POST', '/api/items', 'county_duty', { code: 'SB-02', name: '抽水泵', category: 'flood_drought', unit: '台' })).json();
    depot = (await req('POST', '/api/depots', 'county_duty', { name: '县储备库', jurisdictionCode: '511826', location: { lat: 30.15, lon: 102.93 } })).json();
    await req('POST', '/api/stock/movements', 'county_duty', { kind: 'in', itemId: pump.id, toDepotId: depot.id, quantity: 10, reason: '储备' });
  });
  afterAll(() => t.close());

  const stockOf = async () => (await req('GET', `/api/stock?depotId=${depot.id}&itemId=${pump.id}`, 'county_duty')).json()[0].quantity as number;

  it('takes a request from approval to delivery and back, on the ledger and the timeline', async () => {
    const bad = await req('POST', `/api/incidents/${incident}/resource-requests`, 'county_duty', { kind: 'item', quantity: 0, destination: '' });
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['destination', 'itemId', 'quantity']);
    expect((await req('POST', `/api/incidents/${incident}/resource-requests`, 'county_viewer', { kind: 'item', itemId: pump.id, quantity: 1, destination: 'x' })).statusCode).toBe(403);
    expect((await req('GET', `/api/incidents/${incident}/resource-requests`, 'town_b')).statusCode).toBe(404);

    const created = await req('POST', `/api/incidents/${incident}/resource-requests`, 'county_duty', { kind: 'item', itemId: pump.id, quantity: 4, destination: '城东社区低洼处', priority: 1 });
    expect(created.statusCode).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ status: 'requested', statusLabel: '待审批', unit: '台', description: '抽水泵', priorityLabel: '特急', location: { lat: 30.16, lon: 102.95 }, outstanding: 4 });
    // Orders wait for approval; approval is the commander's.
    expect((await req('POST', `/api/resource-requests/${r.id}/orders`, 'county_commander', { depotId: depot.id, quantity: 4 })).statusCode).toBe(409);
    expect((await req('POST', `/api/resource-requests/${r.id}/approve`, 'county_duty', {})).statusCode).toBe(403);
    expect((await req('POST', `/api/resource-requests/${r.id}/approve`, 'county_commander', { note: '同意' })).json().status).toBe('approved');
    expect((await req('POST', `/api/resource-requests/${r.id}/approve`, 'county_commander', {})).statusCode).toBe(409);

    expect((await req('POST', `/api/resource-requests/${r.id}/orders`, 'county_commander', { depotId: depot.id, quantity: 5 })).json().error.fields[0].message).toBe('尚需 4 台');
    const ordered = (await req('POST', `/api/resource-requests/${r.id}/orders`, 'county_commander', { depotId: depot.id, quantity: 4 })).json();
    const order = ordered.orders[0];
    expect(order).toMatchObject({ status: 'ordered', depotName: '县储备库', quantity: 4 });
    expect(order.etaMinutes).toBeGreaterThan(2);
    expect(ordered.outstanding).toBe(0);
    expect(await stockOf()).toBe(10); // nothing leaves before it departs

    expect((await req('POST', `/api/dispatch-orders/${order.id}/receive`, 'county_duty', {})).statusCode).toBe(409);
    expect((await req('POST', `/api/dispatch-orders/${order.id}/depart`, 'county_duty', {})).json().orders[0].status).toBe('in_transit');
    expect(await stockOf()).toBe(6);
    const met = (await req('POST', `/api/dispatch-orders/${order.id}/receive`, 'county_duty', {})).json();
    expect(met).toMatchObject({ status: 'fulfilled', received: 4 });
    expect((await req('POST', `/api/dispatch-orders/${order.id}/return`, 'county_duty', {})).json().orders[0].status).toBe('returned');
    expect(await stockOf()).toBe(10);
    const ledger = (await req('GET', `/api/stock/movements?incidentId=${incident}`, 'county_duty')).json().map((m: { kindLabel: string; quantity: number }) => `${m.kindLabel}${m.quantity}`);
    expect(ledger).toEqual(['归还4', '出库4']);
    const timeline = (await t.db.db.selectFrom('events').select('type').where('incident_id', '=', incident).where('type', 'like', 'resource.%').orderBy('at').orderBy('id').execute()).map((e) => e.type);
    expect(timeline).toEqual(['resource.requested', 'resource.approved', 'resource.ordered', 'resource.order.depart', 'resource.order.receive', 'resource.order.return']);
  });

  it('refuses a departure the depot cannot cover, and changes nothing', async () => {
    const r = (await req('POST', `/api/incidents/${incident}/resource-requests`, 'county_duty', { kind: 'item', itemId: pump.id, quantity: 20, destination: '龙门镇' })).json();
    await req('POST', `/api/resource-requests/${r.id}/approve`, 'county_commander', {});
    const o = (await req('POST', `/api/resource-requests/${r.id}/orders`, 'county_commander', { depotId: depot.id, quantity: 20 })).json().orders[0];
    const res = await req('POST', `/api/dispatch-orders/${o.id}/depart`, 'county_duty', {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('insufficient_stock');
    expect((await req('GET', `/api/incidents/${incident}/resource-requests`, 'county_duty')).json().find((x: { id: string }) => x.id === r.id).orders[0].status).toBe('ordered');
    expect(await stockOf()).toBe(10);
    expect((await req('POST', `/api/dispatch-orders/${o.id}/cancel`, 'county_duty', {})).json().outstanding).toBe(20);
  });

  it('sends a team, which is deployed and then rests', async () => {
    const team = (await req('POST', '/api/teams', 'county_duty', { name: '县水域救援队', kind: 'professional', headcount: 20, jurisdictionCode: '511826' })).json();
    const r = (await req('POST', `/api/incidents/${incident}/resource-requests`, 'county_duty', { kind: 'team', teamKind: 'professional', quantity: 1, destination: '城东社区' })).json();
    expect(r).toMatchObject({ description: '专业救援队伍', unit: '支' });
    await req('POST', `/api/resource-requests/${r.id}/approve`, 'county_commander', {});
    expect((await req('POST', `/api/resource-requests/${r.id}/orders`, 'county_commander', { depotId: depot.id, quantity: 1 })).json().error.fields[0].path).toBe('depotId');
    const o = (await req('POST', `/api/resource-requests/${r.id}/orders`, 'county_commander', { teamId: team.id, quantity: 1 })).json().orders[0];
    await req('POST', `/api/dispatch-orders/${o.id}/depart`, 'county_duty', {});
    expect((await req('GET', '/api/teams', 'county_duty')).json()[0].status).toBe('deployed');
    await req('POST', `/api/dispatch-orders/${o.id}/receive`, 'county_duty', {});
    await req('POST', `/api/dispatch-orders/${o.id}/return`, 'county_duty', {});
    expect((await req('GET', '/api/teams', 'county_duty')).json()[0].status).toBe('resting');
  });

  it('turns the resource needs of an activated plan level into requests of the incident', async () => {
    await req('POST', '/api/items', 'county_duty', { code: 'JHC-01', name: '救护车', category: 'medical', unit: '辆' });
    const plan = (await req('POST', '/api/plans', 'county_duty', { jurisdictionCode: '511826', content: exampleProductionSafetyPlan() })).json();
    await req('POST', `/api/plans/${plan.id}/versions`, 'county_duty', { versionLabel: '2026版', issuedOn: '2026-11-02', approver: '县长' });
    const inc = (await req('POST', '/api/incidents', 'county_duty', incidentBody({ jurisdictionCode: '511826001', location: { lat: 30.16, lon: 102.95 }, impact: { deaths: 12 } }))).json();
    const activated = await req('POST', `/api/incidents/${inc.id}/responses`, 'county_commander', { planId: plan.id, level: 'II', expectedDurationHours: 24, measures: '', note: '' });
    expect(activated.statusCode).toBe(201);
    const rs = (await req('GET', `/api/incidents/${inc.id}/resource-requests`, 'county_duty')).json();
    expect(rs.map((r: { kind: string; description: string; quantity: number; unit: string }) => `${r.kind}:${r.description}×${r.quantity}${r.unit}`).sort())
      .toEqual(['item:救护车×6辆', 'team:综合性救援队伍×3支']);
    // The plan's gap check: 6 ambulances needed, none held; 3 comprehensive teams needed, none on standby in the county.
    const gaps = (await req('GET', `/api/plans/${plan.id}/resource-gaps?level=II`, 'county_duty')).json();
    expect(gaps.map((g: { type: string; required: number; held: number; gap: number }) => `${g.type}:${g.required}-${g.held}=${g.gap}`).sort()).toEqual(['救护车:6-0=6', '综合性消防救援队伍:3-0=3']);
    await req('POST', '/api/teams', 'county_duty', { name: '县综合救援队', kind: 'comprehensive', headcount: 30, jurisdictionCode: '511826' });
    expect((await req('GET', `/api/plans/${plan.id}/resource-gaps?level=II`, 'county_duty')).json().find((g: { kind: string }) => g.kind === 'team').gap).toBe(2);
    expect((await req('GET', `/api/plans/${plan.id}/resource-gaps?level=IX`, 'county_duty')).statusCode).toBe(400);
    expect(rs.every((r: { responseId: string; priorityLabel: string; status: string; location: unknown }) =>
      r.responseId === activated.json().id && r.priorityLabel === '紧急' && r.status === 'requested' && r.location !== null)).toBe(true);
  });

  it('requests on raising only what the new level needs beyond what the response still asks for, and nothing on lowering', async () => {
    type Req = { id: string; kind: string; description: string; quantity: number; unit: string; priorityLabel: string; note: string; responseId: string };
    const items = (await req('GET', '/api/items', 'county_duty')).json() as { name: string }[];
    if (!items.some((i) => i.name === '救护车')) await req('POST', '/api/items', 'county_duty', { code: 'JHC-01', name: '救护车', category: 'medical', unit: '辆' });
    const content = exampleProductionSafetyPlan();
    // A need the catalogue does not hold is compared by its words.
    for (const l of content.levels) l.resources.push({ kind: 'item', type: '冲锋舟', quantity: l.rank <= 2 ? 4 : 1, unit: '艘' });
    const plan = (await req('POST', '/api/plans', 'county_duty', { jurisdictionCode: '511826', content })).json();
    await req('POST', `/api/plans/${plan.id}/versions`, 'county_duty', { versionLabel: '2026版', issuedOn: '2026-11-02', approver: '县长' });
    const inc = (await req('POST', '/api/incidents', 'county_duty', incidentBody())).json();
    const requests = async () => (await req('GET', `/api/incidents/${inc.id}/resource-requests`, 'county_duty')).json() as Req[];
    const listed = (rs: Req[]) => rs.map((r) => `${r.kind}:${r.description}×${r.quantity}${r.unit}`).sort();
    const change = (level: string) => req('PATCH', `/api/responses/${response}`, 'county_commander', { action: 'change_level', level });

    const response = (await req('POST', `/api/incidents/${inc.id}/responses`, 'county_commander', { planId: plan.id, level: 'III', expectedDurationHours: 24, measures: '', note: '' })).json().id as string;
    const first = await requests();
    expect(listed(first)).toEqual(['item:冲锋舟×1艘', 'item:救护车×2辆', 'team:综合性救援队伍×1支']);
    // A request that was not approved asks for nothing any more: raising asks for all of that need again.
    expect((await req('POST', `/api/resource-requests/${first.find((r) => r.description === '救护车')!.id}/reject`, 'county_commander', { note: '暂不需要' })).json().status).toBe('rejected');

    const live: LiveMessage[] = [];
    const stop = t.bus.subscribe((m) => live.push(m));
    expect((await change('II')).statusCode).toBe(200);
    stop();
    const raised = (await requests()).filter((r) => !first.some((f) => f.id === r.id));
    expect(listed(raised)).toEqual(['item:冲锋舟×3艘', 'item:救护车×6辆', 'team:综合性救援队伍×2支']);
    expect(raised.every((r) => r.responseId === response && r.priorityLabel === '紧急' && r.note.startsWith('《芦山县生产安全事故应急预案》Ⅱ级响应提升所需（新增）'))).toBe(true);
    expect(raised.find((r) => r.description === '冲锋舟')!.note).toContain('未对应资源目录');
    expect(live.filter((m) => m.name === 'response' && (m.payload as { change: string }).change === 'resources').map((m) => (m.payload as { id: string }).id).sort())
      .toEqual(raised.map((r) => r.id).sort());
    const timeline = async () => (await t.db.db.selectFrom('events').select('summary').where('incident_id', '=', inc.id).where('type', '=', 'resource.requested').execute())
      .map((e) => e.summary).sort();
    const onTimeline = ['提出需求：冲锋舟 1 艘，送芦阳街道（较急）', '提出需求：冲锋舟 3 艘，送芦阳街道（紧急）', '提出需求：救护车 2 辆，送芦阳街道（较急）',
      '提出需求：救护车 6 辆，送芦阳街道（紧急）', '提出需求：综合性救援队伍 1 支，送芦阳街道（较急）', '提出需求：综合性救援队伍 2 支，送芦阳街道（紧急）'];
    expect(await timeline()).toEqual(onTimeline);

    // Ⅰ级 needs no more than Ⅱ级 did: everything is already asked for.
    expect((await change('I')).statusCode).toBe(200);
    expect((await requests()).length).toBe(6);
    // Lowering asks for nothing, even for a need no request covers any more (its 冲锋舟 rejected): people decide.
    for (const r of (await requests()).filter((x) => x.description === '冲锋舟')) await req('POST', `/api/resource-requests/${r.id}/reject`, 'county_commander', {});
    expect((await change('IV')).statusCode).toBe(200);
    expect((await requests()).length).toBe(6);
    expect(await timeline()).toEqual(onTimeline);
  });
});
