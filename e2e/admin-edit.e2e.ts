// An admin edits a user in the drawer and resets their password: the user's open live stream ends and their
// session no longer works. Organisations are edited in place; one still in use cannot be deleted (the zh-CN
// reason is shown), an unused one can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, hasWebBuild, launchBrowser, loginPage, startServer, type RunningServer } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: editing users and organisations', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'admin', '--password', PASSWORD, '--role', 'admin', '--jurisdiction', '511826', '--name', '张管理');
    server.cli('create-user', '--username', 'ly_duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826001', '--name', '李值班');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('edits a user, resets the password (their live stream ends), edits and deletes organisations', async () => {
    const duty = await loginPage(browser, server.url, 'ly_duty', PASSWORD);
    await expect.poll(() => duty.getByTestId('live-badge').getAttribute('data-status')).toBe('open');

    const p = await loginPage(browser, server.url, 'admin', PASSWORD);
    await p.goto(server.url + '/admin/users');
    const row = () => p.getByTestId('user-row').filter({ hasText: 'ly_duty' });
    await row().getByTestId('user-edit-open').click();
    await p.getByTestId('user-edit-displayName').fill('李值班长');
    await p.getByTestId('user-edit-phone').fill('13900001111');
    await p.getByTestId('user-edit-save').click();
    await expect.poll(() => row().textContent()).toContain('李值班长');
    expect(await row().textContent()).toContain('13900001111');

    await row().getByTestId('user-edit-open').click();
    await p.getByTestId('user-reset-password').fill('short');
    await p.getByTestId('user-reset').click();
    await p.locator('.ant-form-item-explain-error').first().waitFor(); // checked on the form before anything is sent
    await p.getByTestId('user-reset-password').fill('a-new-password-42');
    await p.getByTestId('user-reset').click();
    await p.getByText('密码已重置，原会话和 API 令牌已失效').waitFor();
    await p.keyboard.press('Escape');

    // The duty officer's stream was closed by the server and cannot reopen with the old session.
    await expect.poll(() => duty.getByTestId('live-badge').getAttribute('data-status'), { timeout: 15_000 }).not.toBe('open');
    expect(await duty.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);

    await p.goto(server.url + '/admin/organisations');
    const used = p.getByTestId('org-row').filter({ hasText: '芦阳街道应急管理部门' });
    await used.getByTestId('org-edit').click();
    await p.locator('[data-testid="org-edit-form"] [data-testid="org-phone"]').fill('0835-6520000');
    await p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await expect.poll(() => used.textContent()).toContain('0835-6520000');

    await used.getByTestId('org-delete').click();
    await p.locator('.ant-popconfirm .ant-btn-primary:visible').click();
    await p.getByText('仍有用户关联该单位，不能删除；请先调整或删除这些记录').waitFor();
    await expect.poll(() => used.count()).toBe(1);

    await p.getByTestId('org-create').click();
    await p.getByTestId('org-name').fill('临时防汛指挥部');
    await p.getByTestId('org-kind').click();
    await p.locator('.ant-select-dropdown:visible').getByText('部门', { exact: true }).click();
    await p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    const unused = p.getByTestId('org-row').filter({ hasText: '临时防汛指挥部' });
    await unused.waitFor();
    await unused.getByTestId('org-delete').click();
    await p.locator('.ant-popconfirm .ant-btn-primary:visible').click();
    await expect.poll(() => unused.count()).toBe(0);
  });
});
