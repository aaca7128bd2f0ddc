// Journey of issue #4: rain readings published over MQTT by a gauge raise a rainstorm warning by the national
// criteria; it appears live on the duty officer's warnings screen and on the public page.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createClient } from '../src/contracts/client';
import { hasChromium, hasWebBuild, launchBrowser, loginPage, startServer, type RunningServer } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: MQTT reading → rule → warning, live', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a gauge publishes 55 mm in an hour; an orange rainstorm warning appears without reloading and on the public page', async () => {
    const api = createClient({ baseUrl: server.url, token: server.cli('create-token', '--username', 'duty').trim().split('\n').at(-1)! });
    const gauge = await api.createSensor({ name: '龙门镇雨量站', kind: 'rainfall', jurisdictionCode: '511826106', location: { lat: 30.24, lon: 103.02 }, intervalSeconds: 300 });
    await api.call('POST', '/api/warning-rules', { template: 'cma.rainstorm', sensorIds: [gauge.id], jurisdictionCode: '511826', autoIssue: true });

    const page = await loginPage(browser, server.url, 'duty', PASSWORD);
    await page.goto(server.url + '/warnings');
    await page.getByTestId('warnings-page').waitFor();
    await expect.poll(() => page.getByTestId('live-badge').textContent()).toContain('实时');

    const device = await mqtt.connectAsync(server.mqttUrl, { username: 'gauge-1', password: gauge.token, reconnectPeriod: 0 });
    const end = Date.now() - 60_000;
    const readings = Array.from({ length: 12 }, (_, i) => ({ at: new Date(end - (11 - i) * 300_000).toISOString(), value: 4.6 }));
    await device.publishAsync(`shouwang/sensors/${gauge.id}/readings`, JSON.stringify(readings), { qos: 1 });
    await device.endAsync();

    const row = page.locator('[data-testid=warning-row][data-level=orange]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-status')).toBe('issued');
    expect(await row.textContent()).toContain('暴雨');
    await page.screenshot({ path: '/tmp/shouwang-e2e-mqtt-warning.png' });

    // The map shows it in its colour at the gauge.
    await page.goto(server.url + '/map');
    await expect.poll(() => page.getByTestId('map-warnings').textContent()).toContain('1');
    await page.screenshot({ path: '/tmp/shouwang-e2e-map-warning.png' });

    const pub = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await pub.goto(server.url + '/public/warnings');
    expect(await pub.textContent('body')).toContain('龙门镇暴雨橙色');
  });
});
