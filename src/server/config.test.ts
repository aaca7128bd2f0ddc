import { describe, expect, it } from 'vitest';
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
