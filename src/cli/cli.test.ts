// The `shouwang` command as an operator runs it: create-user, create-token (token alone on the last line), bad arguments.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db';
import { buildApp } from '../server/http/app';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-cli-'));
const env = { ...process.env, SHOUWANG_DATA_DIR: dataDir, SHOUWANG_DATABASE_URL: '' };
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/shouwang.js'), ...args], { env, cwd: ROOT, encoding: 'utf8' });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('shouwang CLI', () => {
  it('creates a user (importing the county branch) and a bearer token that the API accepts', async () => {
    const u = run('create-user', '--username', 'ops', '--password', 'long-enough-pw', '--role', 'duty_officer', '--jurisdiction', '511826001', '--org', '芦阳街道应急办');
    expect(u.status, u.stderr).toBe(0);
    expect(u.stdout).toContain('芦阳街道');
    const t = run('create-token', '--username', 'ops');
    expect(t.status, t.stderr).toBe(0);
    const token = t.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^swt_[A-Za-z0-9_-]{40,}$/);

    const db = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'shouwang.db') });
    const { app } = await buildApp({ config: loadConfig({ SHOUWANG_LOG_LEVEL: 'silent' }), db, logger: false });
    const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'ops', roles: ['duty_officer'], jurisdiction: { code: '511826001', level: 'township' } });
    const villages = await app.inject({ url: '/api/jurisdictions?parent=511826001', headers: { authorization: `Bearer ${token}` } });
    expect(villages.json().length).toBeGreaterThan(0);
    expect(villages.json()[0].level).toBe('village');
    await app.close();
    await db.close();
  });

  it('refuses bad arguments with a list of what is wrong and changes nothing', () => {
    const r = run('create-user', '--username', 'x', '--password', 'short', '--role', 'king', '--jurisdiction', 'abc');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--username');
    expect(r.stderr).toContain('--password');
    expect(r.stderr).toContain('--role');
    expect(r.stderr).toContain('--jurisdiction');
    expect(run('create-token', '--username', 'nobody').status).toBe(2);
    expect(run('frobnicate').status).toBe(2);
  });
});
