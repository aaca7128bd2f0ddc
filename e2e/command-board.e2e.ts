// Journey of issue #3: a commander activates a plan on an incident from its page; a township officer signs
// a task on a phone-sized screen; the commander's board shows it without reloading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { exampleProductionSafetyPlan } from '../src/domain/plans/examples';
import { createClient } from '../src/contracts/client';
import { hasChromium, hasWebBuild, launchBrowser, startServer, type RunningServer, loginPage } from './server';

const ready = hasChromium && hasWebBuild;
if (!ready) console.warn(`[e2e] skipped: ${hasChromium ? '' : 'no chromium (apt install chromium) '}${hasWebBuild ? '' : 'no web build (npm run build)'}`);

const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: plan activation and the live command board', () => {
  let server: RunningServer;
  let browser: Browser;
  let incidentId = '';

  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '王值班');
    server.cli('create-user', '--username', 'commander', '--password', PASSWORD, '--role', 'commander', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '李指挥');
    server.cli('create-user', '--username', 'town', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826001', '--org', '芦阳街道应急办', '--name', '赵镇');
    const token = (user: string) => server.cli('create-token', '--username', user).trim().split('\n').at(-1)!;
    const duty = createClient({ baseUrl: server.url, token: token('duty') });
    const town = createClient({ baseUrl: server.url, token: token('town') });
    const me = (await town.me()).user;
    const plan = await duty.createPlan({
      jurisdictionCode: '511826',
      content: exampleProductionSafetyPlan({ rescue: { kind: 'organisation', organisationId: me.organisation.id, name: me.organisation.name } }),
    });
    await duty.issuePlan(plan.id, { versionLabel: '2026版', issuedOn: '2026-11-02', approver: '县长' });
    const incident = await duty.createIncident({
      category: 'accident', typeCode: 'production_safety', title: '芦阳街道石材厂坍塌事故', description: '厂房坍塌，多人被困',
      occurredAt: new Date(Date.now() - 600_000).toISOString(), location: { lat: 30.15, lon: 102.93, address: '芦阳街道城东社区' },
      jurisdictionCode: '511826001', impact: { deaths: 12 },
    } as Parameters<typeof duty.createIncident>[0]);
    incidentId = incident.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (username: string, viewport?: { width: number; height: number }) => loginPage(browser, server.url, username, PASSWORD, viewport);

  it('activates the suggested plan level, and a task signed in the field moves on the commander’s board live', async () => {
    const cmd = await login('commander');
    await cmd.goto(`${server.url}/incidents/${incidentId}`);
    const suggestion = cmd.getByTestId('plan-suggestion').filter({ hasText: '芦山县生产安全事故应急预案' });
    await expect.poll(() => suggestion.getByTestId('suggestion-reason').textContent()).toContain('类别=事故灾难');
    expect(await suggestion.textContent()).toContain('建议：Ⅱ级响应');
    await suggestion.getByTestId('activate-plan').click();
    await cmd.getByTestId('activate-form').waitFor();
    await cmd.locator('.ant-modal-footer .ant-btn-primary').click();
    await cmd.getByTestId('response-item').waitFor();
    await cmd.getByTestId('open-board').click();
    await cmd.getByTestId('command-board').waitFor();
    const pendingSearch = cmd.getByTestId('column-pending').getByTestId('task-card').filter({ hasText: '组织搜救被困人员' });
    await pendingSearch.waitFor();
    await expect.poll(() => cmd.getByTestId('live-badge').textContent()).toContain('实时');

    // The township officer, on a phone, finds the task under 我的任务 and signs it.
    const field = await login('town', { width: 390, height: 844 });
    await field.goto(`${server.url}/tasks`);
    const card = field.getByTestId('task-card').filter({ hasText: '组织搜救被困人员' });
    await card.getByTestId('task-sign').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('signed');
    await field.screenshot({ path: '/tmp/shouwang-e2e-my-tasks.png' });

    // The commander never reloaded.
    const signedSearch = cmd.getByTestId('column-signed').getByTestId('task-card').filter({ hasText: '组织搜救被困人员' });
    await signedSearch.waitFor({ timeout: 10_000 });
    expect(await pendingSearch.count()).toBe(0);
    await cmd.screenshot({ path: '/tmp/shouwang-e2e-board.png', fullPage: true });
  });
});
