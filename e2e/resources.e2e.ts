// Emergency resources in the browser: a duty officer imports a stock sheet with one bad row (the bad cell is listed,
// then only the valid rows are imported and the stock shows); on an incident a request is made, a commander approves
// it and orders it from the depot, the duty officer sends it off (stock goes down) and receives it (request met); a
// shelter's occupancy is updated from its register (the server's refusal shows at the field).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createClient, type Client } from '../src/contracts/client';
import { fillTemplate } from '../src/server/modules/resources/xlsx.fixtures';
import { hasChromium, hasWebBuild, launchBrowser, loginPage, startServer, type RunningServer } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';

const modalOk = (p: Page) => p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
const pick = async (p: Page, testId: string, text: string) => {
  await p.getByTestId(testId).click();
  await p.locator('.ant-select-dropdown:visible').getByText(text, { exact: false }).first().click();
};

describe.skipIf(!ready)('browser: resources — stock import, request → approve → order → depart → receive', () => {
  let server: RunningServer;
  let browser: Browser;
  let duty: Client;
  let incidentId = '';
  let itemId = '';

  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '王值班');
    server.cli('create-user', '--username', 'commander', '--password', PASSWORD, '--role', 'commander', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '李指挥');
    duty = createClient({ baseUrl: server.url, token: server.cli('create-token', '--username', 'duty').trim().split('\n').at(-1)! });
    itemId = (await duty.createItem({ code: 'ZP-9', name: '救灾帐篷', category: 'relief', unit: '顶' })).id;
    await duty.createDepot({ name: '县储备库', jurisdictionCode: '511826', location: { lat: 30.16, lon: 102.92 } });
    const incident = await duty.createIncident({
      category: 'natural', typeCode: 'flood', title: '芦阳街道山洪', description: '山洪冲毁民房，需转移安置群众',
      occurredAt: new Date(Date.now() - 600_000).toISOString(), location: { lat: 30.15, lon: 102.93, address: '芦阳街道城东社区' },
      jurisdictionCode: '511826001', impact: {},
    } as Parameters<typeof duty.createIncident>[0]);
    incidentId = incident.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports a stock sheet: the bad cell is listed, then only the valid rows come in', async () => {
    const template = Buffer.from(await (await duty.sheetTemplate('stock')).arrayBuffer());
    const sheet = fillTemplate(template, [['县储备库', 'ZP-9', 'A', '2027-06-30', 40], ['县储备库', 'NOPE', '', null, 1]]);

    const p = await loginPage(browser, server.url, 'duty', PASSWORD);
    await p.getByTestId('nav-menu').getByText('应急资源').click();
    await p.getByTestId('resources-page').waitFor();
    await p.getByTestId('xlsx-stock').getByTestId('xlsx-import-open').click();
    await p.getByTestId('xlsx-dragger').setInputFiles({ name: '库存.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
    const bad = p.getByTestId('xlsx-error-row');
    await bad.first().waitFor();
    expect(await bad.count()).toBe(1);
    expect(await bad.first().getAttribute('data-cell')).toBe('B3');
    expect(await bad.first().textContent()).toContain('NOPE');
    expect(await duty.stock()).toEqual([]); // nothing while any row is wrong

    await p.getByTestId('xlsx-only-valid').click();
    await expect.poll(() => p.getByTestId('xlsx-done').textContent(), { timeout: 20_000 }).toContain('已导入 1 条');
    expect(await p.getByTestId('xlsx-skipped').textContent()).toContain('第 3 行');
    await p.getByTestId('xlsx-close').click();
    const row = p.getByTestId('stock-row').filter({ hasText: '救灾帐篷' });
    await row.waitFor();
    expect(await row.getAttribute('data-quantity')).toBe('40');
    expect(await row.textContent()).toContain('县储备库');
    await p.screenshot({ path: '/tmp/shouwang-e2e-resources-stock.png', fullPage: true });

    // The depot is on the map, in its own switchable layer.
    await p.getByTestId('nav-menu').getByText('事件地图').click();
    await p.getByTestId('map-resource-layers').waitFor();
    await expect.poll(() => p.locator('.sw-resource-marker').count(), { timeout: 20_000 }).toBe(1);
    await p.getByTestId('map-resource-layers').getByText('仓库').click();
    await expect.poll(() => p.locator('.sw-resource-marker').count(), { timeout: 20_000 }).toBe(0);
  });

  it('meets an incident’s request: request → approve → order from the depot → depart → receive', async () => {
    const p = await loginPage(browser, server.url, 'duty', PASSWORD);
    await p.goto(`${server.url}/incidents/${incidentId}`);
    const card = p.getByTestId('incident-resources');
    await card.waitFor();
    await card.getByTestId('request-create').click();
    await pick(p, 'request-item', '救灾帐篷');
    await p.getByTestId('request-quantity').fill('10');
    await p.getByTestId('request-destination').fill('城东社区安置点');
    expect(await p.getByTestId('request-item').textContent()).toContain('救灾帐篷');
    await modalOk(p);
    // The dialog closes once the request is stored; if it stays, its field errors say why.
    await p.locator('.ant-modal-footer .ant-btn-primary:visible').waitFor({ state: 'hidden', timeout: 30_000 })
      .catch(async () => expect.fail(`the request dialog stayed open: ${(await p.locator('.ant-form-item-explain-error').allTextContents()).join('；')}`));
    await expect.poll(async () => (await duty.resourceRequests(incidentId)).length, { timeout: 20_000 }).toBe(1);
    const req = card.getByTestId('resource-request');
    await expect.poll(() => req.getAttribute('data-status'), { timeout: 20_000 }).toBe('requested');
    expect(await req.getByTestId('request-status').textContent()).toBe('待审批');
    expect(await req.getByTestId('request-approve').count()).toBe(0); // approving is the commander's

    const cmd = await loginPage(browser, server.url, 'commander', PASSWORD);
    await cmd.goto(`${server.url}/incidents/${incidentId}`);
    const creq = cmd.getByTestId('incident-resources').getByTestId('resource-request');
    await creq.getByTestId('request-approve').click();
    await expect.poll(() => creq.getAttribute('data-status'), { timeout: 20_000 }).toBe('approved');
    await creq.getByTestId('request-order').click();
    await cmd.getByTestId('order-form').waitFor();
    // The depot is offered with its stock of the item and its distance from the incident.
    await expect.poll(() => cmd.getByTestId('order-stock').textContent(), { timeout: 20_000 }).toContain('40 顶');
    await expect.poll(() => cmd.getByTestId('order-nearest').textContent(), { timeout: 20_000 }).toContain('公里');
    await pick(cmd, 'order-source', '县储备库');
    await expect.poll(() => cmd.getByTestId('order-batch').textContent(), { timeout: 20_000 }).toContain('A'); // the batch in stock is proposed
    await modalOk(cmd);
    await creq.getByTestId('order-item').waitFor();
    expect(await creq.getByTestId('order-item').getAttribute('data-status')).toBe('ordered');

    // The duty officer's page follows live; sending it off takes it out of stock.
    const order = req.getByTestId('order-item');
    await order.waitFor();
    await order.getByTestId('order-depart').click();
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 20_000 }).toBe('in_transit');
    expect((await duty.stock({ itemId }))[0]!.quantity).toBe(30);
    await order.getByTestId('order-receive').click();
    await expect.poll(() => req.getAttribute('data-status'), { timeout: 20_000 }).toBe('fulfilled');
    expect(await req.getByTestId('request-status').textContent()).toBe('已满足');
    await expect.poll(() => creq.getAttribute('data-status'), { timeout: 20_000 }).toBe('fulfilled');
    await p.screenshot({ path: '/tmp/shouwang-e2e-resources-request.png', fullPage: true });

    // The ledger shows the import and the dispatch.
    await p.goto(`${server.url}/resources?tab=ledger`);
    await p.getByTestId('movement-row').first().waitFor();
    await expect.poll(() => p.getByTestId('movement-row').allTextContents(), { timeout: 20_000 }).toEqual([
      expect.stringMatching(/出库.*救灾帐篷.*县储备库.*10 顶.*城东社区安置点/), expect.stringMatching(/入库.*救灾帐篷.*40 顶.*库存导入/),
    ]);
  });

  it('proposes an optimal allocation for open requests, accepts it into dispatch orders and sends them off', async () => {
    const boss = createClient({ baseUrl: server.url, token: server.cli('create-token', '--username', 'commander').trim().split('\n').at(-1)! });
    const r = await duty.createResourceRequest(incidentId, { kind: 'item', itemId, quantity: 3, destination: '城东社区安置点', priority: 1 } as Parameters<typeof duty.createResourceRequest>[1]);
    await boss.decideResourceRequest(r.id, 'approve');
    const cmd = await loginPage(browser, server.url, 'commander', PASSWORD);
    await cmd.goto(server.url + '/resources?tab=allocation');
    await cmd.getByTestId('alloc-propose').click();
    await cmd.getByTestId('alloc-summary').waitFor();
    expect(await cmd.getByTestId('alloc-line').count()).toBe(1);
    expect(await cmd.getByTestId('alloc-line').textContent()).toContain('县储备库');
    await cmd.screenshot({ path: '/tmp/shouwang-e2e-allocation.png', fullPage: true });
    await cmd.getByTestId('alloc-accept').click();
    await expect.poll(async () => (await duty.resourceRequests(incidentId)).find((x) => x.id === r.id)?.orders.length, { timeout: 20_000 }).toBe(1);
    expect((await duty.resourceRequests(incidentId)).find((x) => x.id === r.id)!.orders[0]).toMatchObject({ status: 'ordered', quantity: 3, depotName: '县储备库' });

    // The duty officer sends the accepted order off from the incident's resources card: on the road, out of stock.
    const before = (await duty.stock({ itemId }))[0]!.quantity;
    const p = await loginPage(browser, server.url, 'duty', PASSWORD);
    await p.goto(`${server.url}/incidents/${incidentId}`);
    const sent = p.getByTestId('incident-resources').locator(`[data-testid="resource-request"][data-id="${r.id}"]`);
    const order = sent.getByTestId('order-item');
    await order.waitFor();
    await order.getByTestId('order-depart').click();
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 20_000 }).toBe('in_transit');
    expect((await duty.stock({ itemId }))[0]!.quantity).toBe(before - 3);
  });

  it('updates a shelter\'s occupancy from the register; above capacity the field says so', async () => {
    const shelter = await duty.createShelter({ name: '芦山中学', kind: 'indoor', capacity: 800, jurisdictionCode: '511826' });
    const p = await loginPage(browser, server.url, 'duty', PASSWORD);
    await p.goto(`${server.url}/resources?tab=shelters`);
    const row = p.locator(`[data-testid="shelters-row"][data-id="${shelter.id}"]`);
    await row.waitFor();
    await row.getByTestId('shelters-edit').click();
    const occupancy = p.getByTestId('shelter-form').getByTestId('res-occupancy');
    expect(await occupancy.inputValue()).toBe('0');
    await occupancy.fill('900');
    await modalOk(p);
    await expect.poll(() => p.getByTestId('shelter-form').locator('.ant-form-item-explain-error').allTextContents(), { timeout: 20_000 }).toContain('现有人数不能超过容纳人数');
    await occupancy.fill('350');
    await modalOk(p);
    await expect.poll(() => row.getByTestId('shelter-occupancy').textContent(), { timeout: 20_000 }).toContain('350 / 800 人');
    expect((await duty.shelters()).find((s) => s.id === shelter.id)).toMatchObject({ occupancy: 350, capacity: 800, status: 'open' });
  });
});
