// Resources over HTTP: registers scoped by jurisdiction, the stock ledger (every movement kind, refusals that write
// nothing), and the last units taken by many dispatchers at once — on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('resources (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  let tent: { id: string };
  let county: { id: string };
  let town: { id: string };
  const now = new Date('2026-11-29T08:00:00Z');
  const req = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => t.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });
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
});
