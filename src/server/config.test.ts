import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has a working default for everything', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, tileUrl: null, database: { kind: 'sqlite', file: path.resolve('./data/shouwang.db') } });
  });

  it('chooses PostgreSQL by URL', () => {
    expect(loadConfig({ SHOUWANG_DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('stops with the full list of what is wrong', () => {
    let err: unknown;
    try {
      loadConfig({ SHOUWANG_PORT: 'eighty', SHOUWANG_DATABASE_URL: 'mysql://x', SHOUWANG_TILE_URL: 'tiles' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/SHOUWANG_PORT[\s\S]*SHOUWANG_DATABASE_URL[\s\S]*SHOUWANG_TILE_URL/);
  });
});

describe('unknown SHOUWANG_* variables', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  };

  it('names a mistyped key (and what it probably meant) in the same list as the wrong values', () => {
    const problems = problemsOf({ SHOUWANG_DATABASE_UR: 'postgres://u@h/db', SHOUWANG_PORT: 'eighty', SHOUWANG_NONSENSE_SETTING: '1' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^SHOUWANG_PORT:/);
    expect(problems[1]).toBe('SHOUWANG_DATABASE_UR: 未知的配置项，是否应为 SHOUWANG_DATABASE_URL？');
    expect(problems[2]).toMatch(/^SHOUWANG_NONSENSE_SETTING: 未知的配置项，可用的有 SHOUWANG_PORT、/);
    // Even when empty: the operator meant to set something.
    expect(problemsOf({ SHOUWANG_PROT: '' })).toEqual(['SHOUWANG_PROT: 未知的配置项，是否应为 SHOUWANG_PORT？']);
  });

  it('accepts the variables of the tests, CI and benchmarks, and ignores other prefixes', () => {
    const tooling = { SHOUWANG_TEST_PG_URL: 'postgres://x', SHOUWANG_TEST_MQTT_URL: 'mqtt://x', SHOUWANG_CHROMIUM: '/usr/bin/chromium', SHOUWANG_E2E_REQUIRED: '1', SHOUWANG_PG_NOTICE_SHOWN: '1' };
    expect(loadConfig({ ...tooling, SHOUWANG_PORT: '9000', SHOUWANGX: '1', PATH: '/bin' }).port).toBe(9000);
  });

  it('knows every SHOUWANG_ variable the repository itself uses', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name === 'dist' || (e.name.startsWith('.') && e.name !== '.ci')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        // Test files are left out: they misspell keys on purpose.
        else if (/\.(ts|tsx|js|md)$|^run$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bSHOUWANG_[A-Z][A-Z0-9_]*/g)) used.add(m[0]);
      }
    };
    for (const d of ['src', 'e2e', 'bench', 'bin', '.ci', 'docs']) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
    for (const f of ['README.md', 'vitest.config.ts']) for (const m of fs.readFileSync(path.join(root, f), 'utf8').matchAll(/\bSHOUWANG_[A-Z][A-Z0-9_]*/g)) used.add(m[0]);
    expect(used.size).toBeGreaterThan(15);
    expect(problemsOf(Object.fromEntries([...used].map((k) => [k, ''])))).toEqual([]);
  });
});
