// Warnings in the browser: a duty officer drafts a rainstorm warning, the commander issues it, a township
// officer sees it arrive live and signs for it, and the public page (no login) shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createClient } from '../src/contracts/client';
import { hasChromium, hasWebBuild, launchBrowser, loginPage, startServer, type RunningServer } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: warnings', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局');
    server.cli('create-user', '--username', 'commander', '--password', PASSWORD, '--role', 'commander', '--jurisdiction', '511826', '--org', '芦山县人民政府');
    server.cli('create-user', '--username', 'town', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826001', '--org', '芦阳街道应急办');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('issues a warning that a township sees live and signs; the public page lists it', async () => {
    const duty = createClient({ baseUrl: server.url, token: server.cli('create-token', '--username', 'duty').trim().split('\n').at(-1)! });
    const draft = await duty.createWarning({
      typeCode: 'rainstorm', level: 'orange', onset: new Date().toISOString(), expires: null, areaDesc: '芦阳街道', jurisdictionCodes: ['511826001'],
      headline: '芦山县暴雨橙色预警', description: '未来3小时降雨量将达50毫米以上', instruction: '转移低洼地带群众',
    });
    const town = await loginPage(browser, server.url, 'town', PASSWORD, { width: 390, height: 844 });
    await town.goto(server.url + '/warnings');
    await town.getByTestId('warnings-page').waitFor();

    const cmd = await loginPage(browser, server.url, 'commander', PASSWORD);
    await cmd.goto(server.url + '/warnings');
    const row = cmd.locator(`[data-testid=warning-row][data-id="${draft.id}"]`);
    await row.getByTestId('warning-issue').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('issued');

    // The township's page never reloaded.
    const seen = town.locator(`[data-testid=warning-row][data-id="${draft.id}"]`);
    await expect.poll(() => seen.getAttribute('data-status'), { timeout: 10_000 }).toBe('issued');
    await seen.getByTestId('warning-ack').click();
    await expect.poll(async () => (await duty.warning(draft.id)).acks.length).toBe(1);
    await town.screenshot({ path: '/tmp/shouwang-e2e-warnings-phone.png', fullPage: true });

    // The commander turns the warning into an incident and lands on it.
    await row.getByTestId('warning-incident').click();
    await cmd.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await cmd.getByTestId('incident-detail').waitFor();
    expect(await cmd.getByTestId('incident-detail').textContent()).toContain('芦山县暴雨橙色预警');

    const pub = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await pub.goto(server.url + '/public/warnings');
    expect(await pub.textContent('body')).toContain('芦山县暴雨橙色预警');
  });
});
