// Resources over HTTP: registers scoped by jurisdiction (registered, changed, deleted only while unused), the stock
// ledger (every movement kind, refusals that write nothing), and the last units taken by many dispatchers at once — on
// SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('resources (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  let tent: { id: string };
  let county: { id: string };
  let town: { id: string };
  const now = new Date('2026-11-29T08:00:00Z');
  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: string, payload?: object) => t.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });
  const qty = async (depotId: string) => ((await req('GET', `/api/stock?depotId=${depotId}&itemId=${tent.id}`, 'county_duty')).json() as { quantity: number }[]).reduce((a, s) => a + s.quantity, 0);
  const move = (body: object, who = 'county_duty') => req('POST', '/api/stock/movements', who, { itemId: tent.id, reason: '测试', ...body });

  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
    for (const u of ['county_duty', 'county_viewer', 'town_a', 'town_b', 'county_commander']) as[u] = await t.login(u);
    tent = (await req('POST', '/api/items', 'county_duty', { code: 'ZP-001', name: '救灾帐篷', category: 'relief', unit: '顶', spec: '12 m²' })).json();
    county = (await req('POST', '/api/depots', 'county_duty', { name: '芦山县应急物资储备库', jurisdictionCode: '511826', location: { lat: 30.15, lon: 102.93 } })).json();
    town = (await req('POST', '/api/depots', 'town_a', { name: '芦阳街道物资点', jurisdictionCode: '511826001' })).json();
  });
  afterAll(() => t.close());

  it('keeps registers in their jurisdiction and checks them field by field', async () => {
    expect(tent).toMatchObject({ code: 'ZP-001', categoryLabel: expect.stringContaining('生活救助'), unit: '顶' });
    expect((await req('POST', '/api/items', 'county_duty', { code: 'ZP-001', name: 'x', category: 'relief', unit: '顶' })).statusCode).toBe(409);
    expect((await req('POST', '/api/items', 'county_duty', { code: 'bad code', name: '', category: 'nope', unit: '' })).json().error.fields.map((f: { path: string }) => f.path).sort())
      .toEqual(['category', 'code', 'name', 'unit']);
    expect((await req('POST', '/api/items', 'county_viewer', { code: 'X', name: 'x', category: 'relief', unit: '个' })).statusCode).toBe(403);
    // 龙门镇 may not register in 芦阳街道, and does not see its depot.
    expect((await req('POST', '/api/depots', 'town_b', { name: 'x', jurisdictionCode: '511826001' })).json().error.fields[0].path).toBe('jurisdictionCode');
    expect((await req('GET', '/api/depots', 'town_b')).json()).toEqual([]);
    expect((await req('GET', '/api/depots', 'county_viewer')).json().map((d: { name: string }) => d.name)).toEqual(['芦山县应急物资储备库', '芦阳街道物资点']);

    const team = await req('POST', '/api/teams', 'county_duty', { name: '芦山县综合应急救援大队', kind: 'comprehensive', headcount: 48, skills: ['水域救援', '破拆'], jurisdictionCode: '511826', location: { lat: 30.16, lon: 102.92 } });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({ status: 'standby', skills: ['水域救援', '破拆'], jurisdictionName: '芦山县' });
    expect((await req('POST', '/api/experts', 'county_duty', { name: '王工', field: '地质灾害', jurisdictionCode: '511826' })).statusCode).toBe(201);
    expect((await req('POST', '/api/equipment', 'town_b', { name: '冲锋舟', kind: 'device', depotId: county.id, jurisdictionCode: '511826106' })).json().error.fields[0].path).toBe('depotId');
    expect((await req('POST', '/api/equipment', 'county_duty', { name: '抢险车', kind: 'vehicle', plate: '川T·12345', depotId: county.id, jurisdictionCode: '511826' })).statusCode).toBe(201);
    expect((await req('POST', '/api/shelters', 'county_duty', { name: '芦山中学', kind: 'indoor', capacity: 800, occupancy: 900, jurisdictionCode: '511826' })).json().error.fields[0].path).toBe('occupancy');
    expect((await req('POST', '/api/shelters', 'county_duty', { name: '芦山中学', kind: 'indoor', capacity: 800, facilities: ['供水', '厕所'], jurisdictionCode: '511826' })).json()).toMatchObject({ occupancy: 0, status: 'open' });
    for (const path of ['teams', 'experts', 'equipment', 'shelters']) expect((await req('GET', `/api/${path}`, 'town_b')).json()).toEqual([]);
  });

  it('changes stock only through the ledger, never below zero', async () => {
    expect((await move({ kind: 'in', toDepotId: county.id, quantity: 20, batch: '2026-A', expiresOn: '2027-01-15', reason: '年度采购' })).statusCode).toBe(201);
    expect((await move({ kind: 'out', fromDepotId: county.id, quantity: 4, batch: '2026-A', reason: '发放龙门镇' })).statusCode).toBe(201);
    expect((await move({ kind: 'transfer', fromDepotId: county.id, toDepotId: town.id, quantity: 6, batch: '2026-A', reason: '前置' })).statusCode).toBe(201);
    expect((await move({ kind: 'loss', fromDepotId: town.id, quantity: 1, batch: '2026-A', reason: '破损' })).statusCode).toBe(201);
    expect((await move({ kind: 'return', toDepotId: county.id, quantity: 2, batch: '2026-A', reason: '回收' })).statusCode).toBe(201);
    expect(await qty(county.id)).toBe(12);
    expect(await qty(town.id)).toBe(5);

    const before = (await req('GET', '/api/stock/movements', 'county_duty')).json().length;
    const short = await move({ kind: 'transfer', fromDepotId: town.id, toDepotId: county.id, quantity: 6, batch: '2026-A' });
    expect(short.statusCode).toBe(409);
    expect(short.json().error).toMatchObject({ code: 'insufficient_stock', message: expect.stringContaining('芦阳街道物资点 现有救灾帐篷 5 顶') });
    expect((await move({ kind: 'out', fromDepotId: county.id, quantity: 1, batch: 'other' })).statusCode).toBe(409); // no such batch there
    const bad = await move({ kind: 'transfer', fromDepotId: county.id, toDepotId: county.id, quantity: -2, reason: '' });
    expect(bad.statusCode).toBe(400);
    expect((await move({ kind: 'out', fromDepotId: county.id, quantity: 1, batch: '2026-A' }, 'town_b')).json().error.fields[0].path).toBe('fromDepotId');
    expect((await req('GET', '/api/stock/movements', 'county_duty')).json().length).toBe(before);
    expect(await qty(county.id)).toBe(12);
    expect(await qty(town.id)).toBe(5);

    const ledger = (await req('GET', `/api/stock/movements?depotId=${town.id}`, 'county_duty')).json();
    expect(ledger.map((m: { kindLabel: string; quantity: number }) => `${m.kindLabel}${m.quantity}`)).toEqual(['报损1', '调拨6']);
    expect((await req('GET', '/api/stock?expiringWithinDays=60', 'county_duty')).json()).toHaveLength(2);
    expect((await req('GET', '/api/stock?expiringWithinDays=30', 'county_duty')).json()).toHaveLength(0);
    const events = (await t.db.db.selectFrom('events').select('summary').where('type', 'like', 'stock.%').execute()).map((e) => e.summary);
    expect(events).toContain('调拨：救灾帐篷 6 顶（芦山县应急物资储备库 → 芦阳街道物资点），前置');
  });

  it('announces a depot below its minimum once until restocked, and expiring batches once', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/stock/minimums', headers: as.county_duty, payload: { depotId: county.id, itemId: tent.id, minimum: -1 } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/stock/minimums', headers: as.town_b, payload: { depotId: county.id, itemId: tent.id, minimum: 15 } })).json().error.fields[0].path).toBe('depotId');
    expect((await t.app.inject({ method: 'PUT', url: '/api/stock/minimums', headers: as.county_duty, payload: { depotId: county.id, itemId: tent.id, minimum: 15 } })).statusCode).toBe(200);
    expect(await t.services.stock.checkNotices(30)).toEqual({ low: 1, expiring: 0 });
    expect(await t.services.stock.checkNotices(60)).toEqual({ low: 0, expiring: 2 }); // 2027-01-15 is 47 days away
    expect(await t.services.stock.checkNotices(60)).toEqual({ low: 0, expiring: 0 });
    const line = (await req('GET', `/api/stock?depotId=${county.id}`, 'county_duty')).json()[0];
    expect(line).toMatchObject({ minimum: 15, belowMinimum: true });
    const notes = (await req('GET', '/api/notifications', 'county_duty')).json().map((n: { text: string }) => n.text);
    expect(notes).toContain('库存不足：芦山县应急物资储备库 救灾帐篷 现有 12 顶，低于储备定额 15 顶');
    expect(notes.some((n: string) => n.startsWith('物资临期：芦山县应急物资储备库 救灾帐篷（批次 2026-A）'))).toBe(true);
    await move({ kind: 'in', toDepotId: county.id, quantity: 5, batch: '2026-B', reason: '补充' });
    expect(await t.services.stock.checkNotices(30)).toEqual({ low: 0, expiring: 0 });
    expect((await req('GET', `/api/stock?depotId=${county.id}`, 'county_duty')).json()[0].belowMinimum).toBe(false);
    await move({ kind: 'out', fromDepotId: county.id, quantity: 5, batch: '2026-B', reason: '发放' });
    expect(await t.services.stock.checkNotices(30)).toEqual({ low: 1, expiring: 0 });
  });

  it('gives the last units to exactly as many dispatchers as there are units', async () => {
    const item = (await req('POST', '/api/items', 'county_duty', { code: 'SB-01', name: '抽水泵', category: 'flood_drought', unit: '台' })).json();
    await move({ kind: 'in', toDepotId: town.id, itemId: item.id, quantity: 5 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      move({ kind: 'out', fromDepotId: town.id, itemId: item.id, quantity: 1, reason: `调度员 ${i}` }, i % 2 ? 'county_duty' : 'town_a')));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(5).fill(201), ...Array(7).fill(409)]);
    const left = (await req('GET', `/api/stock?depotId=${town.id}&itemId=${item.id}`, 'county_duty')).json();
    expect(left[0].quantity).toBe(0);
    expect((await req('GET', `/api/stock/movements?itemId=${item.id}`, 'county_duty')).json()).toHaveLength(6);
  });

  it('changes entries field by field and deletes them only while unused, within the caller\'s subtree', async () => {
    const list = async <T extends { id: string }>(kind: string, who = 'county_duty') => (await req('GET', `/api/${kind}`, who)).json() as T[];
    const find = async (kind: string, id: string, who = 'county_duty') => (await list(kind, who)).find((x) => x.id === id) as Record<string, unknown> | undefined;
    const events = async (type: string) => (await t.db.db.selectFrom('events').select(['summary', 'jurisdiction_code']).where('type', '=', type).execute());

    // A team's phone and status; what is left out stays as it was.
    const team = (await req('POST', '/api/teams', 'county_duty', { name: '芦山县森林消防中队', kind: 'professional', headcount: 30, skills: ['扑火'], contactPhone: '0835-6520119', jurisdictionCode: '511826' })).json();
    const edited = await req('PATCH', `/api/teams/${team.id}`, 'county_duty', { contactPhone: '139 0835 0119', status: 'deployed' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: team.id, name: '芦山县森林消防中队', headcount: 30, skills: ['扑火'], contactPhone: '139 0835 0119', status: 'deployed', jurisdictionName: '芦山县' });
    expect(await find('teams', team.id, 'county_viewer')).toMatchObject({ contactPhone: '139 0835 0119', status: 'deployed', headcount: 30 });
    expect(await events('resource.teams.updated')).toEqual([{ summary: 'county_duty 修改救援队伍：芦山县森林消防中队（状态 待命 → 出动；联系电话）', jurisdiction_code: '511826' }]);

    // A shelter's occupancy, never above its capacity (nothing changes when refused).
    const shelter = (await req('POST', '/api/shelters', 'county_duty', { name: '芦山县体育馆', kind: 'indoor', capacity: 500, jurisdictionCode: '511826' })).json();
    expect((await req('PATCH', `/api/shelters/${shelter.id}`, 'county_duty', { occupancy: 320 })).json()).toMatchObject({ occupancy: 320, capacity: 500, status: 'open' });
    for (const over of [{ occupancy: 501 }, { capacity: 300 }, { capacity: 100, occupancy: 200 }]) {
      const refused = await req('PATCH', `/api/shelters/${shelter.id}`, 'county_duty', over);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([{ path: 'occupancy', message: '现有人数不能超过容纳人数' }]);
    }
    expect(await find('shelters', shelter.id)).toMatchObject({ occupancy: 320, capacity: 500 });
    expect((await req('PATCH', `/api/shelters/${shelter.id}`, 'county_duty', { occupancy: 500, status: 'full' })).json()).toMatchObject({ occupancy: 500, status: 'full' });
    expect((await events('resource.shelters.updated')).map((e) => e.summary)).toEqual([
      'county_duty 修改避难场所：芦山县体育馆（现有人数 0 → 320）', 'county_duty 修改避难场所：芦山县体育馆（现有人数 320 → 500；状态 开放 → 已满）',
    ]);

    // Bad input: not JSON, unknown or invalid fields, nothing to change.
    const raw = await t.app.inject({ method: 'PATCH', url: `/api/teams/${team.id}`, headers: { ...as.county_duty, 'content-type': 'application/json' }, payload: '{"headcount":' });
    expect(raw.statusCode).toBe(400);
    expect((await req('PATCH', `/api/teams/${team.id}`, 'county_duty', { nickname: 'x' })).statusCode).toBe(400);
    expect((await req('PATCH', `/api/teams/${team.id}`, 'county_duty', { headcount: -1, status: 'nope', name: ' ' })).json().error.fields.map((f: { path: string }) => f.path).sort())
      .toEqual(['headcount', 'name', 'status']);
    expect((await req('PATCH', `/api/teams/${team.id}`, 'county_duty', {})).statusCode).toBe(400);
    expect((await req('PATCH', `/api/items/${tent.id}`, 'county_duty', { code: 'SB-01' })).json().error).toMatchObject({ code: 'conflict', fields: [{ path: 'code' }] });
    expect(await find('teams', team.id)).toMatchObject({ headcount: 30, status: 'deployed', name: '芦山县森林消防中队' });

    // Scope: 龙门镇 neither changes nor deletes (nor learns of) the county's entries; a viewer may not; the county may.
    for (const [method, payload] of [['PATCH', { occupancy: 1 }], ['DELETE', undefined]] as const) {
      const other = await req(method, `/api/shelters/${shelter.id}`, 'town_b', payload);
      expect(other.statusCode).toBe(404);
      expect((await req(method, `/api/shelters/${shelter.id}`, 'county_viewer', payload)).statusCode).toBe(403);
    }
    expect((await req('PATCH', '/api/shelters/no-such-shelter', 'town_b', { occupancy: 1 })).json().error).toEqual((await req('PATCH', `/api/shelters/${shelter.id}`, 'town_b', { occupancy: 1 })).json().error);
    expect(await find('shelters', shelter.id)).toMatchObject({ occupancy: 500 });
    // A move stays within the caller's subtree: 芦阳街道 may not send its expert up to the county; the county may move it to 龙门镇.
    const expert = (await req('POST', '/api/experts', 'town_a', { name: '李工', field: '水利工程', jurisdictionCode: '511826001' })).json();
    expect((await req('PATCH', `/api/experts/${expert.id}`, 'town_a', { jurisdictionCode: '511826' })).json().error.fields[0].path).toBe('jurisdictionCode');
    expect((await req('PATCH', `/api/experts/${expert.id}`, 'county_duty', { jurisdictionCode: '511826106', phone: '13800000000' })).json()).toMatchObject({ jurisdictionName: '龙门镇', phone: '13800000000' });
    expect(await find('experts', expert.id, 'town_a')).toBeUndefined();
    expect(await find('experts', expert.id, 'town_b')).toMatchObject({ name: '李工' });
    expect((await events('resource.experts.updated'))[0]!.jurisdiction_code).toBe('511826106');

    // Deleting: refused while in use (and nothing goes), allowed when unused.
    const inUse = await req('DELETE', `/api/depots/${county.id}`, 'county_duty');
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toMatchObject({ code: 'in_use', message: '仓库“芦山县应急物资储备库”尚有库存 1 项、已有出入库台账 6 条、存放有装备 1 件，不能删除' });
    expect(await find('depots', county.id)).toBeTruthy();
    expect(await qty(county.id)).toBe(12);
    expect((await req('DELETE', `/api/items/${tent.id}`, 'county_duty')).json().error.code).toBe('in_use');
    expect((await req('DELETE', `/api/shelters/${shelter.id}`, 'town_b')).statusCode).toBe(404);
    expect((await req('DELETE', `/api/experts/${expert.id}`, 'town_b')).statusCode).toBe(204);
    expect(await find('experts', expert.id)).toBeUndefined();
    expect((await req('DELETE', `/api/experts/${expert.id}`, 'county_duty')).statusCode).toBe(404);
    expect((await req('PATCH', `/api/experts/${expert.id}`, 'county_duty', { phone: '1' })).statusCode).toBe(404);
    expect(await events('resource.experts.deleted')).toEqual([{ summary: 'town_b 删除专家：李工', jurisdiction_code: '511826106' }]);
    // A depot that only ever had a minimum set goes, with its minimum; an unused item goes from the catalogue.
    const spare = (await req('POST', '/api/depots', 'county_duty', { name: '备用库', jurisdictionCode: '511826' })).json();
    const rope = (await req('POST', '/api/items', 'county_duty', { code: 'SS-9', name: '救生绳', category: 'search_rescue', unit: '根' })).json();
    await t.app.inject({ method: 'PUT', url: '/api/stock/minimums', headers: as.county_duty, payload: { depotId: spare.id, itemId: rope.id, minimum: 5 } });
    expect((await req('DELETE', `/api/depots/${spare.id}`, 'county_duty')).statusCode).toBe(204);
    expect((await req('DELETE', `/api/items/${rope.id}`, 'county_duty')).statusCode).toBe(204);
    expect((await list<{ id: string }>('items')).map((i) => i.id)).not.toContain(rope.id);

    // A team out on a dispatch order stays; once its orders are over they remain its record, and keep it too.
    const incident = (await req('POST', '/api/incidents', 'county_duty', incidentBody({ occurredAt: '2026-11-29T07:30:00Z' }))).json();
    const request = (await req('POST', `/api/incidents/${incident.id}/resource-requests`, 'county_duty', { kind: 'team', teamKind: 'professional', quantity: 1, destination: '城东社区' })).json();
    await req('POST', `/api/resource-requests/${request.id}/approve`, 'county_commander', {});
    const order = (await req('POST', `/api/resource-requests/${request.id}/orders`, 'county_commander', { teamId: team.id, quantity: 1 })).json().orders[0];
    expect((await req('DELETE', `/api/teams/${team.id}`, 'county_duty')).json().error.message).toBe('救援队伍“芦山县森林消防中队”有未完成的调拨单 1 张，不能删除');
    await req('POST', `/api/dispatch-orders/${order.id}/cancel`, 'county_duty', {});
    expect((await req('DELETE', `/api/teams/${team.id}`, 'county_duty')).json().error.message).toBe('救援队伍“芦山县森林消防中队”已有调拨记录 1 张，不能删除');
    expect(await find('teams', team.id)).toBeTruthy();
  });
});
