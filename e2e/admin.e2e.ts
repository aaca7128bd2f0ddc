// An admin sets up their county: a new organisation, a user in it (the server's field errors land on
// the form), then disables the user — who can no longer log in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, hasWebBuild, launchBrowser, loginPage, startServer, type RunningServer } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: administration', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'admin', '--password', PASSWORD, '--role', 'admin', '--jurisdiction', '511826', '--name', '张管理');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an organisation and a user, shows server field errors, disables the user', async () => {
    const p = await loginPage(browser, server.url, 'admin', PASSWORD);

    await p.goto(server.url + '/admin/organisations');
    await p.getByTestId('org-create').click();
    await p.getByTestId('org-name').fill('芦阳街道办事处');
    await p.getByTestId('org-kind').click();
    await p.locator('.ant-select-dropdown:visible').getByText('政府', { exact: true }).click();
    await p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await p.getByTestId('org-row').filter({ hasText: '芦阳街道办事处' }).waitFor();

    const fillUser = async (username: string, password: string) => {
      await p.getByTestId('user-create').click();
      await p.getByTestId('user-username').fill(username);
      await p.getByTestId('user-displayName').fill('赵报告');
      await p.getByTestId('user-password').fill(password);
      // 信息报告员 is the preselected role of a new user.
      await p.getByTestId('user-organisation').click();
      await p.locator('.ant-select-dropdown:visible').getByText('芦阳街道办事处', { exact: false }).click();
      await p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    };
    await p.goto(server.url + '/admin/users');
    await fillUser('ly_reporter', 'long-enough-pass');
    const row = p.getByTestId('user-row').filter({ hasText: 'ly_reporter' });
    await row.waitFor();
    expect(await row.textContent()).toContain('信息报告员');

    await fillUser('ly_reporter', 'long-enough-pass');
    await expect.poll(() => p.locator('.ant-form-item-explain-error').allTextContents()).toContain('用户名已被使用');
    await p.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary):visible').click();

    await p.getByTestId('user-row').filter({ hasText: 'ly_reporter' }).getByTestId('user-disable').click();
    await p.locator('.ant-popconfirm .ant-btn-primary:visible').click();
    await p.getByTestId('user-row').filter({ hasText: 'ly_reporter' }).getByTestId('user-enable').waitFor();

    const login = await fetch(server.url + '/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ly_reporter', password: 'long-enough-pass' }),
    });
    expect(login.status).toBe(401);
  });

  it('sets a stricter local time limit on the rules screen; an empty field keeps inheriting', async () => {
    const p = await loginPage(browser, server.url, 'admin', PASSWORD);
    await p.goto(server.url + '/admin/rules');
    const accident = p.getByTestId('rules-page').locator('tr', { hasText: '事故灾难' }).first();
    await accident.locator('input').first().fill('0.5');
    await p.screenshot({ path: '/tmp/shouwang-e2e-rules.png', fullPage: true });
    await p.getByTestId('rules-save').click();
    await expect
      .poll(async () => p.evaluate(async () => (await (await fetch('/api/rules')).json()).own))
      .toEqual({ reporting: { byCategory: { accident: { initialHours: 0.5 } } } });
  });
});
