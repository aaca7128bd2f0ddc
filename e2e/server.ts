// Starts Shouwang as a user would (`shouwang create-user`, `shouwang serve`) in a temp data dir on a free port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'shouwang.js');

export const CHROMIUM = process.env.SHOUWANG_CHROMIUM || '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const hasWebBuild = fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html'));

// Locally the journeys skip with a notice; CI (.ci/run sets SHOUWANG_E2E_REQUIRED) must not pass without them,
// so there every e2e file fails to load instead.
const missing = [
  hasChromium ? '' : `no chromium at ${CHROMIUM} (apt install chromium, or set SHOUWANG_CHROMIUM)`,
  hasWebBuild ? '' : 'no web build (npm run build)',
].filter(Boolean);
if (missing.length && process.env.SHOUWANG_E2E_REQUIRED) throw new Error(`[e2e] SHOUWANG_E2E_REQUIRED is set but: ${missing.join('; ')}`);
if (missing.length) console.warn(`[e2e] browser journeys skipped: ${missing.join('; ')}`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningServer { url: string; mqttUrl: string; dataDir: string; proc: ChildProcess; stop(): Promise<void>; cli(...args: string[]): string }

export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-e2e-'));
  const port = await freePort();
  const mqttPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, SHOUWANG_DATA_DIR: dataDir, SHOUWANG_PORT: String(port), SHOUWANG_MQTT_PORT: String(mqttPort), SHOUWANG_LOG_LEVEL: 'warn', SHOUWANG_REPORT_CHECK_SECONDS: '2',
  };
  delete env.SHOUWANG_MQTT_URL;
  delete env.SHOUWANG_DATABASE_URL;
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`shouwang ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  const proc = spawn(process.execPath, [BIN, 'serve'], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, mqttUrl: `mqtt://127.0.0.1:${mqttPort}`, dataDir, proc, cli,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context logged in through the login page (zh-CN; desktop size unless a phone's is given). */
export async function loginPage(browser: Browser, url: string, username: string, password: string, viewport = { width: 1366, height: 900 }) {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport });
  const page = await ctx.newPage();
  await page.goto(url + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('live-badge').waitFor();
  return page;
}
