// Warning administration in the browser: a duty officer sets a rainstorm rule from the national template on a rain
// gauge (a server field error lands on the threshold it concerns), an administrator adds a webhook, and a CAP 1.2
// file dropped on the warnings screen appears as an issued warning and is pushed to the webhook, signed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createClient, type Client } from '../src/contracts/client';
import { hasChromium, hasWebBuild, launchBrowser, loginPage, startServer, type RunningServer } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';
const HEADLINE = '芦山县气象台发布大风黄色预警';
const CAP = (sent: string) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>51182641600000_20261129080000_1</identifier>
  <sender>51182641600000</sender>
  <sent>${sent}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
    <senderName>芦山县气象台</senderName>
    <headline>${HEADLINE}</headline>
    <description>预计未来12小时芦山县平均风力可达8级。</description>
    <instruction>加固围板、棚架，停止高空作业。</instruction>
    <area><areaDesc>芦山县</areaDesc><geocode><valueName>GB/T 2260</valueName><value>511826</value></geocode></area>
  </info>
</alert>`;

const modalOk = (p: Page) => p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
const pick = async (p: Page, testId: string, text: string) => {
  await p.getByTestId(testId).click();
  await p.locator('.ant-select-dropdown:visible').getByText(text, { exact: false }).first().click();
};

describe.skipIf(!ready)('browser: warning rules, webhooks, CAP import', () => {
  let server: RunningServer;
  let browser: Browser;
  let duty: Client;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局');
    server.cli('create-user', '--username', 'admin', '--password', PASSWORD, '--role', 'admin', '--jurisdiction', '511826');
    duty = createClient({ baseUrl: server.url, token: server.cli('create-token', '--username', 'duty').trim().split('\n').at(-1)! });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    receiver.close();
  });

  it('sets a rule from a template on a gauge, with an adjusted threshold', async () => {
    const gauge = await duty.createSensor({ name: '芦阳雨量站', kind: 'rainfall', jurisdictionCode: '511826', intervalSeconds: 300 });
    await duty.createSensor({ name: '芦阳能见度仪', kind: 'visibility', jurisdictionCode: '511826', intervalSeconds: 300 });
    const p = await loginPage(browser, server.url, 'duty', PASSWORD);
    await p.getByTestId('nav-menu').getByText('预警规则').click();
    await p.getByTestId('warning-rules-page').waitFor();
    await p.getByTestId('rule-create').click();
    await pick(p, 'rule-template', '暴雨预警（国家标准）');
    const info = p.getByTestId('rule-template-info');
    await expect.poll(() => info.textContent()).toContain('3小时累计雨量 ≥ 100 mm');
    expect(await info.getByTestId('rule-unverified').count()).toBeGreaterThan(0); // 回差 and hold are our defaults

    // Only sensors of the kinds the template reads are offered.
    await p.getByTestId('rule-sensors').click();
    await p.locator('.ant-select-dropdown:visible').getByText('芦阳雨量站', { exact: false }).click();
    expect(await p.locator('.ant-select-dropdown:visible').getByText('芦阳能见度仪').count()).toBe(0);
    await p.keyboard.press('Escape');
    await p.getByTestId('rule-autoissue').click();

    // Red looser than orange: the server's error lands on the red threshold.
    const red = p.getByTestId('rule-num-levels.red.threshold');
    await red.fill('40');
    await modalOk(p);
    await expect.poll(() => p.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining('不应比橙色条件')]);
    await red.fill('120');
    await modalOk(p);

    const row = p.getByTestId('rule-row').filter({ hasText: '芦阳雨量站' });
    await row.waitFor();
    expect(await row.textContent()).toContain('暴雨预警（国家标准）');
    expect(await row.textContent()).toContain('自动发布');
    expect(await row.textContent()).toContain('已调整数值');
    const [rule] = await duty.warningRules();
    expect(rule).toMatchObject({ template: 'cma.rainstorm', sensorIds: [gauge.id], autoIssue: true, overrides: { levels: { red: { threshold: 120 } } } });

    // 寒潮 reads temperature and wind: two sensors at one place are bound as a site.
    const temp = await duty.createSensor({ name: '芦阳气温', kind: 'temperature', jurisdictionCode: '511826', intervalSeconds: 300 });
    const wind = await duty.createSensor({ name: '芦阳风速', kind: 'wind_speed', jurisdictionCode: '511826', intervalSeconds: 300 });
    await p.reload();
    await p.getByTestId('rule-create').click();
    await pick(p, 'rule-template', '寒潮预警（国家标准）');
    await p.getByTestId('rule-site-add').click();
    await pick(p, 'rule-site-temperature', '芦阳气温');
    await pick(p, 'rule-site-wind_speed', '芦阳风速');
    await modalOk(p);
    const site = p.getByTestId('rule-row').filter({ hasText: '寒潮预警（国家标准）' });
    await site.waitFor();
    expect(await site.textContent()).toContain('站点：芦阳气温 + 芦阳风速');
    const cold = (await duty.warningRules()).find((r) => r.template === 'cma.cold_wave')!;
    expect(cold.sites).toEqual([{ siteKey: temp.id, sensors: { temperature: temp.id, wind_speed: wind.id } }]);
    // Switched off from the list.
    await site.getByTestId('rule-enabled').click();
    await expect.poll(async () => (await duty.warningRules()).find((r) => r.id === cold.id)!.enabled).toBe(false);
    await p.screenshot({ path: '/tmp/shouwang-e2e-warning-rules.png', fullPage: true });
  });

  it('adds a webhook; an imported CAP file appears as a warning; an issued warning is pushed to the webhook', async () => {
    const admin = await loginPage(browser, server.url, 'admin', PASSWORD);
    await admin.getByTestId('nav-menu').getByText('推送地址').click();
    await admin.getByTestId('webhook-create').click();
    await admin.getByTestId('webhook-name').fill('县应急广播平台');
    await admin.getByTestId('webhook-url').fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await modalOk(admin);
    const secret = admin.locator('.ant-modal', { has: admin.getByTestId('webhook-secret') });
    expect(await secret.getByTestId('webhook-secret').textContent()).toMatch(/^whsec_/);
    await secret.locator('.ant-btn-primary').click();
    await admin.getByTestId('webhook-row').filter({ hasText: '县应急广播平台' }).waitFor();

    const p = await loginPage(browser, server.url, 'duty', PASSWORD);
    await p.goto(server.url + '/warnings');
    await p.getByTestId('cap-import').click();
    const xml = CAP(new Date().toISOString().replace(/\.\d+Z$/, '+00:00')); // CAP 1.2: an offset, no Z, no fractions
    await p.getByTestId('cap-dragger').setInputFiles({ name: 'gale.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await expect.poll(() => p.getByTestId('cap-xml').inputValue()).toBe(xml);
    await modalOk(p);
    const row = p.getByTestId('warning-row').filter({ hasText: HEADLINE });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('issued');
    expect(await row.getAttribute('data-level')).toBe('yellow');
    expect(await row.textContent()).toContain('CAP 导入');

    // The same alert again: the reason stays in the dialog.
    await p.getByTestId('cap-import').click();
    await p.getByTestId('cap-xml').fill(xml);
    await modalOk(p);
    await expect.poll(() => p.getByTestId('cap-error').textContent()).toContain('已导入');
    await p.screenshot({ path: '/tmp/shouwang-e2e-cap-import.png' });

    // The imported alert is passed on to the webhook, and so is one issued here, both signed.
    const own = await duty.createWarning({
      typeCode: 'rainstorm', level: 'blue', onset: new Date().toISOString(), expires: null, areaDesc: '芦阳街道', jurisdictionCodes: ['511826'],
      headline: '芦山县暴雨蓝色预警', description: '', instruction: '注意防范',
    });
    const boss = createClient({ baseUrl: server.url, token: server.cli('create-token', '--username', 'admin').trim().split('\n').at(-1)! });
    await boss.warningAction(own.id, 'issue');
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    for (const r of received) expect(r.headers['x-shouwang-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const bodies = received.map((r) => JSON.parse(r.body) as { event: string; warning: { id: string; headline: string } });
    expect(bodies.map((b) => b.warning.headline).sort()).toEqual([HEADLINE, '芦山县暴雨蓝色预警'].sort());
    expect(bodies.every((b) => b.event === 'warning.issued')).toBe(true);
    await expect.poll(async () => {
      await admin.getByTestId('webhook-deliveries').getByRole('button', { name: /刷新|Refresh/ }).click();
      return admin.locator('[data-testid=delivery-row][data-status=delivered]').filter({ hasText: '县应急广播平台' }).count();
    }, { timeout: 10_000 }).toBe(2);
  });
});
