// TEMPORARY (web engineer's visual check) — deleted after use.
import { startServer, launchBrowser } from './server';
import { createClient } from '../src/contracts/client';

const PASSWORD = 'e2e-password-123';
const out = (n: string) => `/tmp/shots/${n}.png`;

const server = await startServer();
try {
  server.cli('create-user', '--username', 'boss', '--password', PASSWORD, '--role', 'admin,commander', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '张管理');
  const c = createClient({ baseUrl: server.url });
  await c.login({ username: 'boss', password: PASSWORD });
  const now = new Date();
  const iso = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();
  const a = await c.createIncident({ category: 'accident', typeCode: 'production_safety', title: '石材厂坍塌事故', occurredAt: iso(3), jurisdictionCode: '511826', impact: { deaths: 4, missing: 2, seriousInjuries: null, minorInjuries: 5, directLossYuan: 12_000_000, affected: null, evacuated: 30 }, location: { lat: 30.15, lon: 102.93, address: '芦阳街道' } } as never);
  await c.createIncident({ category: 'natural', typeCode: 'geological', title: '龙门乡山体滑坡', occurredAt: iso(1), jurisdictionCode: '511826', location: { lat: 30.25, lon: 103.0, address: '' } } as never);
  await c.createIncident({ category: 'social_safety', typeCode: 'mass_incident', title: '某小区群体性聚集', occurredAt: iso(0.5), jurisdictionCode: '511826' } as never);
  console.log('jur', JSON.stringify((await c.jurisdictions()).slice(0, 2)), (await c.jurisdictions('511826')).length);

  const browser = await launchBrowser();
  const shoot = async (w: number, h: number, lang: string, steps: (p: import('playwright-core').Page) => Promise<void>) => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: w, height: h }, timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('[console]', m.type(), m.text().slice(0, 300)); });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(server.url + '/');
    await page.screenshot({ path: out(`login-${w}`) });
    await page.getByTestId('login-username').fill('boss');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('live-badge').waitFor();
    if (lang === 'en') await page.getByText('EN', { exact: true }).first().click();
    await steps(page);
    await ctx.close();
  };
  await shoot(1366, 900, 'zh', async (p) => {
    await p.getByTestId('incident-row').first().waitFor();
    await p.screenshot({ path: out('board') });
    await p.goto(server.url + '/incidents/new');
    await p.getByTestId('field-title').waitFor();
    await p.getByTestId('field-category').click();
    await p.locator('.ant-select-dropdown:visible').getByText('事故灾难', { exact: true }).click();
    await p.getByTestId('field-type').click();
    await p.locator('.ant-select-dropdown:visible').getByText('火灾事故').first().click();
    await p.getByTestId('field-deaths').fill('0');
    await p.getByTestId('field-seriousInjuries').fill('55');
    await p.getByTestId('field-directLossYuan').fill('23000000');
    await p.waitForTimeout(300);
    await p.screenshot({ path: out('new'), fullPage: true });
    await p.getByTestId('incident-submit').click();
    await p.waitForTimeout(500);
    await p.screenshot({ path: out('new-errors'), fullPage: true });
    await p.goto(server.url + `/incidents/${a.id}`);
    await p.getByTestId('incident-grade').waitFor();
    await p.waitForTimeout(500);
    await p.screenshot({ path: out('detail'), fullPage: true });
    await p.getByTestId('report-file').first().click();
    await p.waitForTimeout(500);
    await p.screenshot({ path: out('report-modal') });
    await p.getByTestId('report-submit').click();
    await p.waitForTimeout(1000);
    await p.getByTestId('impact-edit').click();
    await p.getByTestId('field-deaths').fill('11');
    await p.waitForTimeout(300);
    await p.screenshot({ path: out('impact-edit'), fullPage: true });
    await p.getByTestId('impact-save').click();
    await p.waitForTimeout(1500);
    await p.screenshot({ path: out('detail-after'), fullPage: true });
    await p.goto(server.url + '/map');
    await p.waitForTimeout(1500);
    await p.screenshot({ path: out('map') });
    await p.goto(server.url + '/admin/users');
    await p.getByTestId('user-row').first().waitFor();
    await p.screenshot({ path: out('users') });
    await p.getByTestId('user-create').click();
    await p.waitForTimeout(400);
    await p.screenshot({ path: out('user-create') });
    await p.goto(server.url + '/admin/organisations');
    await p.waitForTimeout(800);
    await p.screenshot({ path: out('orgs') });
  });
  await shoot(390, 844, 'zh', async (p) => {
    await p.getByTestId('incident-row').first().waitFor();
    await p.screenshot({ path: out('m-board') });
    await p.getByTestId('nav-toggle').click();
    await p.waitForTimeout(400);
    await p.screenshot({ path: out('m-drawer') });
    await p.goto(server.url + `/incidents/${a.id}`);
    await p.getByTestId('incident-grade').waitFor();
    await p.screenshot({ path: out('m-detail'), fullPage: true });
    await p.goto(server.url + '/incidents/new');
    await p.getByTestId('field-title').waitFor();
    await p.screenshot({ path: out('m-new'), fullPage: true });
  });
  await shoot(1366, 900, 'en', async (p) => {
    await p.getByTestId('incident-row').first().waitFor();
    await p.screenshot({ path: out('en-board') });
    await p.goto(server.url + `/incidents/${a.id}`);
    await p.getByTestId('incident-grade').waitFor();
    await p.screenshot({ path: out('en-detail'), fullPage: true });
  });
  await browser.close();
} finally {
  await server.stop();
}
