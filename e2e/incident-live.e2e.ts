// Journey of issue #2: a duty officer logs in, creates an incident with 12 deaths and sees 重大 / Ⅱ级;
// a second logged-in browser sees it appear on the board without reloading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, hasWebBuild, launchBrowser, startServer, type RunningServer, loginPage } from './server';

const ready = hasChromium && hasWebBuild;
if (!ready) console.warn(`[e2e] skipped: ${hasChromium ? '' : 'no chromium (apt install chromium) '}${hasWebBuild ? '' : 'no web build (npm run build)'}`);

const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: intake, grading and live board', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '王值班');
    server.cli('create-user', '--username', 'commander', '--password', PASSWORD, '--role', 'commander', '--jurisdiction', '511826', '--name', '李指挥');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (username: string) => loginPage(browser, server.url, username, PASSWORD);

  it('creates an incident with 12 deaths, shows 重大 Ⅱ级, and a second browser sees it live', async () => {
    const watcher = await login('commander');
    await watcher.getByTestId('board-filters').waitFor();
    await expect.poll(() => watcher.getByTestId('live-badge').textContent()).toContain('实时');

    const page = await login('duty');
    await page.goto(server.url + '/incidents/new');
    await page.getByTestId('field-category').click();
    await page.locator('.ant-select-dropdown:visible').getByText('事故灾难', { exact: true }).click();
    await page.getByTestId('field-type').click();
    await page.locator('.ant-select-dropdown:visible').getByText('工矿商贸生产安全事故', { exact: false }).first().click();
    await page.getByTestId('field-title').fill('芦阳街道石材厂坍塌事故');
    await page.getByTestId('field-deaths').fill('12');
    await expect.poll(() => page.getByTestId('grade-preview').textContent()).toContain('重大');
    await page.getByTestId('incident-submit').click();

    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const grade = page.getByTestId('incident-grade');
    await expect.poll(() => grade.textContent()).toMatch(/重大/);
    expect(await grade.textContent()).toMatch(/Ⅱ/);
    await page.screenshot({ path: '/tmp/shouwang-e2e-detail.png' });

    // The commander's board never reloaded, yet the row is there.
    const row = watcher.getByTestId('incident-row').filter({ hasText: '芦阳街道石材厂坍塌事故' });
    await row.first().waitFor({ timeout: 10_000 });
    expect(await row.first().textContent()).toContain('重大');
    await watcher.screenshot({ path: '/tmp/shouwang-e2e-board.png' });
  });

  it('tells the duty room live when a report becomes overdue (local rule: 初报 within 3.6 s)', async () => {
    server.cli('create-user', '--username', 'admin', '--password', PASSWORD, '--role', 'admin', '--jurisdiction', '511826');
    const token = server.cli('create-token', '--username', 'admin').trim().split('\n').at(-1)!;
    const api = (method: string, path: string, body: unknown) =>
      fetch(server.url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await api('PUT', '/api/rules/511826', { reporting: { byCategory: { accident: { initialHours: 0.001 } } } })).status).toBe(200);

    const page = await login('duty');
    await page.getByTestId('board-filters').waitFor();
    const res = await api('POST', '/api/incidents', {
      category: 'accident', typeCode: 'road_traffic', title: 'G351 飞仙关段货车侧翻', occurredAt: new Date().toISOString(),
      jurisdictionCode: '511826', impact: { deaths: 0, missing: 0, seriousInjuries: 1, directLossYuan: 200000 },
    });
    expect(res.status).toBe(201);
    const alert = page.locator('.ant-notification-notice').filter({ hasText: '信息报告超时' });
    await alert.first().waitFor({ timeout: 20_000 });
    expect(await alert.first().textContent()).toContain('G351 飞仙关段货车侧翻');
    const row = page.getByTestId('incident-row').filter({ hasText: 'G351 飞仙关段货车侧翻' });
    await expect.poll(() => row.first().textContent(), { timeout: 10_000 }).toMatch(/逾期/);
    await page.screenshot({ path: '/tmp/shouwang-e2e-overdue.png' });
  });
});
