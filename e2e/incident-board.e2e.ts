// Journey of issue #2, the duty room's day: a filtered board that updates live only with what matches,
// the lifecycle through to 结束 and reopened, a grade set by a person with a reason, and the English switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, hasWebBuild, launchBrowser, startServer, type RunningServer, loginPage } from './server';

const ready = hasChromium && hasWebBuild;
if (!ready) console.warn(`[e2e] skipped: ${hasChromium ? '' : 'no chromium (apt install chromium) '}${hasWebBuild ? '' : 'no web build (npm run build)'}`);

const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: filtered live board, lifecycle, grade override, English', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: (method: string, path: string, body?: unknown) => Promise<Response>;
  const login = (username: string) => loginPage(browser, server.url, username, PASSWORD);
  const create = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/incidents', { occurredAt: new Date().toISOString(), jurisdictionCode: '511826', ...body });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };

  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '王值班');
    server.cli('create-user', '--username', 'commander', '--password', PASSWORD, '--role', 'commander', '--jurisdiction', '511826', '--name', '李指挥');
    const token = server.cli('create-token', '--username', 'duty').trim().split('\n').at(-1)!;
    api = (method, path, body) =>
      fetch(server.url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a board filtered to 自然灾害 shows a new flood live and never the road accident reported before it', async () => {
    const board = await login('commander');
    await board.goto(server.url + '/incidents?category=natural');
    await board.getByTestId('board-filters').waitFor();
    await expect.poll(() => board.getByTestId('live-badge').textContent()).toContain('实时');

    await create({ category: 'accident', typeCode: 'road_traffic', title: 'G318 货车追尾（筛选外）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 2, directLossYuan: 50000 } });
    await create({ category: 'natural', typeCode: 'flood', title: '玉溪河上游山洪（筛选内）', impact: { deaths: null, missing: null, affected: 300, evacuated: 120 } });

    // Live pushes arrive in order: once the flood is on the board, the accident had its chance to show.
    await board.getByTestId('incident-row').filter({ hasText: '玉溪河上游山洪（筛选内）' }).first().waitFor({ timeout: 10_000 });
    expect(await board.getByTestId('incident-row').filter({ hasText: 'G318 货车追尾（筛选外）' }).count()).toBe(0);
    // Clearing the filter brings the accident in: it was stored, only filtered out.
    await board.getByTestId('filter-reset').click();
    await board.getByTestId('incident-row').filter({ hasText: 'G318 货车追尾（筛选外）' }).first().waitFor({ timeout: 10_000 });
  });

  it('takes an incident through 核实 → 处置中 → 结束, reopens it, and sets its grade by hand with a reason', async () => {
    const { id } = await create({ category: 'natural', typeCode: 'geological', title: '龙门乡滑坡隐患点垮塌', impact: { deaths: 0, missing: 1, affected: 40 } });
    const page = await login('duty');
    await page.goto(`${server.url}/incidents/${id}`);
    const status = page.getByTestId('incident-status');
    await status.waitFor();

    const step = async (to: string, note?: string) => {
      await page.getByTestId(`transition-${to}`).click();
      if (note) await page.getByTestId('transition-note').fill(note);
      await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => status.getAttribute('data-status')).toBe(to);
    };
    await step('verified');
    await step('responding');
    await step('closed', '险情排除，转入日常监测');
    await step('responding', '夜间再次滑动，重新处置');

    // A natural disaster is graded by a person under its specific plan, with the reason on record —
    // by the commander: a duty officer may not (the permission table), so the button is not there.
    expect(await page.getByTestId('grade-override-open').count()).toBe(0);
    await page.close();
    const cmd = await login('commander');
    await cmd.goto(`${server.url}/incidents/${id}`);
    await cmd.getByTestId('grade-override-open').click();
    await cmd.getByTestId('grade-override-grade').click();
    await cmd.locator('.ant-select-dropdown:visible').getByText('较大', { exact: false }).first().click();
    await cmd.getByTestId('grade-override-reason').fill('按地质灾害专项预案：受威胁 40 人、1 人失联');
    await cmd.getByTestId('grade-override-submit').click();
    await expect.poll(() => cmd.getByTestId('incident-grade').getAttribute('data-grade')).toBe('III');
    await expect.poll(() => cmd.getByTestId('grade-override-info').textContent()).toContain('受威胁 40 人');

    // Every step is on the timeline, live, in order.
    const types = async () => cmd.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    await expect.poll(async () => (await types()).filter((t) => t === 'incident.status_changed').length).toBe(4);
    expect(await types()).toContain('incident.grade_overridden');
    const stored = (await (await api('GET', `/api/incidents/${id}/events`)).json()) as { type: string; summary: string }[] | { items: { type: string; summary: string }[] };
    const events = Array.isArray(stored) ? stored : stored.items;
    expect(events.filter((e) => e.type === 'incident.status_changed')).toHaveLength(4);
    expect(events.find((e) => e.type === 'incident.grade_overridden')?.summary).toMatch(/较大/);
  });

  it('records a call from a township under that township as the reporting unit', async () => {
    server.cli('create-user', '--username', 'luyang', '--password', PASSWORD, '--role', 'reporter', '--jurisdiction', '511826001', '--org', '芦阳街道办事处', '--name', '陈报告');
    const page = await login('duty');
    await page.goto(server.url + '/incidents/new');
    await page.getByTestId('field-category').click();
    await page.locator('.ant-select-dropdown:visible').getByText('事故灾难', { exact: true }).click();
    await page.getByTestId('field-type').click();
    await page.locator('.ant-select-dropdown:visible').getByText('火灾事故', { exact: false }).first().click();
    await page.getByTestId('field-title').fill('芦阳街道来电：商铺起火');
    await page.getByTestId('field-reportingOrganisation').click();
    await page.locator('.ant-select-dropdown:visible').getByText('芦阳街道办事处', { exact: false }).first().click();
    await page.getByTestId('incident-submit').click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const stored = (await (await api('GET', `/api/incidents/${id}`)).json()) as { reportingOrganisation: { name: string } };
    expect(stored.reportingOrganisation.name).toBe('芦阳街道办事处');
  });

  it('switches the whole screen to English and keeps it after a reload', async () => {
    const page = await login('duty');
    await page.getByTestId('board-filters').waitFor();
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByTestId('nav-menu').textContent()).toContain('Incident board');
    await page.reload();
    await page.getByTestId('board-filters').waitFor();
    expect(await page.getByTestId('nav-menu').textContent()).toContain('Incident board');
    expect(await page.getByTestId('nav-menu').textContent()).not.toContain('事件看板');
    // Data labels follow: the flood from the first journey shows its category in English.
    await expect.poll(() => page.getByTestId('incident-row').filter({ hasText: '玉溪河上游山洪' }).first().textContent()).toMatch(/Natural disaster|Flood/);
    // The timeline reads in English too (stored in Chinese; said in the caller's language), and so do new events, live.
    await page.getByTestId('incident-row').filter({ hasText: '玉溪河上游山洪' }).first().click();
    const timeline = page.getByTestId('incident-timeline');
    await expect.poll(() => timeline.textContent()).toContain('received a report: 玉溪河上游山洪（筛选内）');
    const id = page.url().split('/').pop()!;
    expect((await api('PATCH', `/api/incidents/${id}`, { status: 'verified', note: '现场核实' })).status).toBe(200);
    await expect.poll(() => page.getByTestId('timeline-item').filter({ hasText: 'Verified' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await timeline.textContent()).not.toContain('接报：');
  });

  it('an admin imports jurisdiction outlines from a GeoJSON file on the map page, and the offline map has them', async () => {
    server.cli('create-user', '--username', 'mapadmin', '--password', PASSWORD, '--role', 'admin', '--jurisdiction', '511826', '--name', '赵管理');
    const box = (lon: number, lat: number, h: number) => [[[lon - h, lat - h], [lon + h, lat - h], [lon + h, lat + h], [lon - h, lat + h], [lon - h, lat - h]]];
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 区划代码: '511826000000', 名称: '芦山县' }, geometry: { type: 'Polygon', coordinates: box(102.95, 30.2, 0.2) } },
        { type: 'Feature', properties: { 区划代码: '511826001000', 名称: '芦阳街道' }, geometry: { type: 'Polygon', coordinates: box(102.93, 30.15, 0.03) } },
        { type: 'Feature', properties: { 区划代码: '510104000000', 名称: '锦江区' }, geometry: { type: 'Polygon', coordinates: box(104.08, 30.65, 0.05) } },
      ],
    };
    const page = await login('mapadmin');
    await page.goto(server.url + '/map');
    await page.getByTestId('map-no-boundaries').waitFor();
    await page.getByTestId('boundary-import-open').click();
    await page.getByTestId('boundary-dragger').setInputFiles({ name: '芦山县界.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => page.getByTestId('boundary-import-done').textContent(), { timeout: 20_000 }).toContain('2');
    // 锦江区 is not in this installation's tree (or not in the admin's jurisdiction): listed, not stored.
    expect(await page.getByTestId('boundary-import').textContent()).toContain('510104');
    await page.getByTestId('boundary-import-close').click();
    await page.getByTestId('map-no-boundaries').waitFor({ state: 'detached' });
    const served = (await (await api('GET', '/api/jurisdictions/boundaries')).json()) as { features: { properties: { code: string } }[] };
    expect(served.features.map((f) => f.properties.code)).toEqual(['511826', '511826001']);
    await page.screenshot({ path: '/tmp/shouwang-e2e-boundaries.png' });
  });
});
