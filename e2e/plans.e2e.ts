// A duty officer keeps the county's plan current: a new plan from the worked example, a task deadline
// changed in the form (hours + minutes), saved as a draft, issued as a version — and the plan list shows
// the version and its 备案 deadline. Also: a .txt plan imported, reviewed and saved as a draft.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { COUNTY_FIRE_PLAN } from '../src/domain/plans/document/samples';
import { hasChromium, hasWebBuild, launchBrowser, startServer, type RunningServer, loginPage } from './server';

const ready = hasChromium && hasWebBuild;
const PASSWORD = 'e2e-password-123';

describe.skipIf(!ready)('browser: plans', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    server.cli('create-user', '--username', 'duty', '--password', PASSWORD, '--role', 'duty_officer', '--jurisdiction', '511826', '--org', '芦山县应急管理局', '--name', '王值班');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = () => loginPage(browser, server.url, 'duty', PASSWORD);

  /** The plan as the API has it, read with the page's own session. */
  const planOf = (p: Page, id: string) =>
    p.evaluate(async (planId) => (await fetch(`/api/plans/${planId}`)).json(), id) as Promise<{
      draft: { levels: { tasks: { offsetMinutes: number }[] }[]; triggers: { warning: { types: string[]; minLevel: string } | null } } | null;
      currentVersion: { label: string } | null;
      versions: unknown[];
    }>;

  it('creates a plan from the example, changes a deadline, saves, issues, and sees version and health', async () => {
    const p = await login();
    await p.goto(server.url + '/plans');
    await p.getByTestId('plans-create').click();
    await p.getByTestId('plan-new-form').waitFor();
    await expect.poll(() => p.getByTestId('plan-new-title').inputValue()).toContain('生产安全事故应急预案');
    await p.locator('.ant-modal-footer .ant-btn-primary:visible').click();

    const editor = p.getByTestId('plan-editor');
    await editor.waitFor();
    const id = (await editor.getAttribute('data-id'))!;

    // 响应级别 → Ⅰ级响应 → first task: due 2 h 15 min after activation.
    await p.getByRole('tab', { name: '响应级别' }).click();
    const task = p.locator('[data-testid=level-editor]:visible').first().getByTestId('task-item').first();
    await task.getByTestId('deadline-hours').fill('2');
    await task.getByTestId('deadline-minutes').fill('15');
    await expect.poll(() => p.getByTestId('plan-save-state').textContent()).toContain('未保存');
    await p.getByTestId('plan-save').click();
    await expect.poll(() => p.getByTestId('plan-save-state').textContent()).toContain('草稿已保存');
    expect((await planOf(p, id)).draft?.levels[0]?.tasks[0]?.offsetMinutes).toBe(135);

    // 启动条件 → a yellow-or-worse warning also calls for the plan.
    await p.getByRole('tab', { name: '启动条件' }).click();
    await p.getByTestId('triggers-warning').click();
    await expect.poll(() => p.getByTestId('plan-save-state').textContent()).toContain('未保存');
    await p.getByTestId('plan-save').click();
    await expect.poll(() => p.getByTestId('plan-save-state').textContent()).toContain('草稿已保存');
    expect((await planOf(p, id)).draft?.triggers.warning).toEqual({ types: [], minLevel: 'yellow' });

    // 发布: version label defaults to this year's edition; the approver is required.
    await p.getByTestId('plan-issue').click();
    await p.getByTestId('issue-form').waitFor();
    await p.getByTestId('issue-label').fill('2026版');
    await p.getByTestId('issue-approver').fill('赵县长');
    await p.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await expect.poll(async () => (await planOf(p, id)).currentVersion?.label).toBe('2026版');
    await expect.poll(() => p.getByTestId('plan-issue').isDisabled()).toBe(true);

    await p.getByRole('tab', { name: '版本' }).click();
    const version = p.getByTestId('version-row').first();
    await version.waitFor();
    expect(await version.textContent()).toContain('赵县长');

    // The list: issued, version 2026版, and a 备案 deadline (20 working days after issue).
    await p.goto(server.url + '/plans');
    const row = p.locator(`[data-testid=plan-row][data-id="${id}"]`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('已发布');
    expect(text).toContain('2026版');
    const filing = row.locator('[data-testid=plan-obligation][data-kind=filing]');
    expect(await filing.getAttribute('data-status')).toMatch(/due_soon|ok/);
    expect(await filing.textContent()).toContain('备案');
  });

  it('imports a plan document, shows the levels found, and saves it as a draft', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-plan-'));
    const file = path.join(dir, '青山县森林火灾专项应急预案.txt');
    fs.writeFileSync(file, COUNTY_FIRE_PLAN);
    try {
      const p = await login();
      await p.goto(server.url + '/plans/import');
      await p.getByTestId('plan-import').waitFor();
      await p.getByTestId('import-dragger').setInputFiles(file);
      await p.getByTestId('import-review').waitFor();
      expect(await p.getByTestId('import-level').count()).toBeGreaterThanOrEqual(4);
      expect(await p.getByTestId('import-title').inputValue()).toContain('森林火灾');
      await p.getByTestId('import-save-submit').click();
      await p.getByTestId('plan-editor').waitFor();
      await p.getByRole('tab', { name: '响应级别' }).click();
      expect(await p.getByTestId('level-tab').count()).toBeGreaterThanOrEqual(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
