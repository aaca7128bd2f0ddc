// The optimiser over HTTP: approved requests against depot stock, the proposal beside the greedy one, accepted into
// dispatch orders all at once; an order without a batch departs from the earliest-expiring stock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

describe.each(DIALECTS)('allocation (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const req = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => t.app.inject({ method, url, headers: as[who], ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await testApp(dialect);
    for (const u of ['county_duty', 'county_commander', 'town_b']) as[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('starts the solver threads when the optimiser is opened, for dispatchers only', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/allocation/warm-up' })).statusCode).toBe(401);
    expect((await req('POST', '/api/allocation/warm-up', 'county_duty')).statusCode).toBe(403);
    expect(await t.services.allocation.solver.running()).toBe(0);
    expect((await req('POST', '/api/allocation/warm-up', 'county_commander')).statusCode).toBe(204);
    expect(await t.services.allocation.solver.running()).toBeGreaterThan(0);
  });

  it('proposes the cheaper allocation, accepts it into orders, and departs first-expiring stock', async () => {
    const tent = (await req('POST', '/api/items', 'county_duty', { code: 'ZP-AL', name: '帐篷', category: 'relief', unit: '顶' })).json();
    // West depot near the west village, east depot near the east one; the west village asks first and more urgently.
    const west = (await req('POST', '/api/depots', 'county_duty', { name: '西库', jurisdictionCode: '511826', location: { lat: 30.10, lon: 102.80 } })).json();
    const east = (await req('POST', '/api/depots', 'county_duty', { name: '东库', jurisdictionCode: '511826', location: { lat: 30.10, lon: 103.10 } })).json();
    const inStock = (depotId: string, quantity: number, batch: string, expiresOn: string | null) =>
      req('POST', '/api/stock/movements', 'county_duty', { kind: 'in', itemId: tent.id, toDepotId: depotId, quantity, batch, expiresOn, reason: '储备' });
    await inStock(west.id, 6, 'W-2027', '2027-12-31');
    await inStock(west.id, 4, 'W-2026', '2026-12-31');
    await inStock(east.id, 10, '', null);
    const inc = (await req('POST', '/api/incidents', 'county_duty', incidentBody({ jurisdictionCode: '511826001' }))).json();
    const ask = async (lon: number, quantity: number, priority: number) => {
      const r = (await req('POST', `/api/incidents/${inc.id}/resource-requests`, 'county_duty', { kind: 'item', itemId: tent.id, quantity, destination: `点 ${lon}`, location: { lat: 30.11, lon }, priority })).json();
      await req('POST', `/api/resource-requests/${r.id}/approve`, 'county_commander', {});
      return r.id as string;
    };
    const westReq = await ask(102.81, 8, 1);
    const eastReq = await ask(103.09, 8, 2);

    expect((await req('POST', '/api/allocation/propose', 'county_duty', {})).statusCode).toBe(403);
    const prop = (await req('POST', '/api/allocation/propose', 'county_commander', {})).json();
    // Each village from its own depot: 8 from west to west, 8 from east to east; nothing unmet.
    const lines = prop.allocations.map((a: { requestId: string; depot: string; quantity: number }) => `${a.requestId === westReq ? 'W' : 'E'}←${a.depot}×${a.quantity}`).sort();
    expect(lines).toEqual(['E←东库×8', 'W←西库×8']);
    expect(prop.unmet).toEqual([]);
    expect(prop.cost).toBeLessThanOrEqual(prop.greedyCost);
    expect(prop.cost).toBeGreaterThan(0);

    expect((await req('POST', `/api/allocation/${prop.id}/accept`, 'county_commander', {})).json()).toEqual({ id: prop.id, orders: 2 });
    expect((await req('POST', `/api/allocation/${prop.id}/accept`, 'county_commander', {})).statusCode).toBe(409);
    const westOrder = (await req('GET', `/api/incidents/${inc.id}/resource-requests`, 'county_duty')).json().find((r: { id: string }) => r.id === westReq).orders[0];
    expect(westOrder).toMatchObject({ depotName: '西库', quantity: 8, batch: '' });
    await req('POST', `/api/dispatch-orders/${westOrder.id}/depart`, 'county_duty', {});
    // The 2026 batch goes first (all 4), then 4 of the 2027 batch.
    const left = (await req('GET', `/api/stock?depotId=${west.id}`, 'county_duty')).json().map((l: { batch: string; quantity: number }) => `${l.batch}:${l.quantity}`).sort();
    expect(left).toEqual(['W-2026:0', 'W-2027:2']);

    // With nothing left to cover, a new proposal has nothing to allocate; what is short is listed with its reason.
    const more = await ask(102.81, 20, 1);
    const again = (await req('POST', '/api/allocation/propose', 'county_commander', { requestIds: [more] })).json();
    expect(again.unmet[0]).toMatchObject({ requestId: more, quantity: expect.any(Number) });
    expect(again.unmet[0].reason).toMatch(/库存/);
    expect(eastReq).toBeTruthy();
  });
});
