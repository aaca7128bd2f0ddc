// One Kysely instance over better-sqlite3 (embedded default) or PostgreSQL, chosen by configuration.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, type Migration, type Transaction } from 'kysely';
import type { Database } from './schema';
import * as m0001 from './migrations/0001_spine';
import * as m0002 from './migrations/0002_rules_and_board_index';
import * as m0003 from './migrations/0003_plans_responses';
import * as m0004 from './migrations/0004_task_overdue_notice';
import * as m0005 from './migrations/0005_monitoring_warnings';
import * as m0006 from './migrations/0006_warning_escalation_webhooks';
import * as m0007 from './migrations/0007_readings_time_first';
import * as m0008 from './migrations/0008_sensor_offline';
import * as m0009 from './migrations/0009_resources';
import * as m0010 from './migrations/0010_jurisdiction_boundaries';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

/** True on the embedded SQLite database (for the few statements that differ between dialects). */
export const isSqlite = (db: Db | Tx) => db.getExecutor().adapter instanceof SqliteAdapter;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL schema of the tables when not the default search path (tests use one per suite). */
  schema?: string;
  /** PostgreSQL connection string (for LISTEN/NOTIFY between nodes). */
  url?: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) as string; our money columns fit in a JS number (< 2^53 元).
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Kysely prepares every statement anew; preparing is a fifth of the CPU of an intake (bench/intake.ts).
 * Statements are reusable in better-sqlite3, so keep the recent ones by their SQL text.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let stmt = cache.get(source);
        if (!stmt) {
          stmt = prepare(source);
          if (cache.size >= max) cache.delete(cache.keys().next().value as string);
          cache.set(source, stmt);
        }
        return stmt;
      };
    },
  });
}

export function openDatabase(cfg: DatabaseConfig): DbHandle {
  if (cfg.kind === 'sqlite') {
    if (cfg.file !== ':memory:') fs.mkdirSync(path.dirname(cfg.file), { recursive: true });
    const sqlite = new SQLite(cfg.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL'); // an acknowledged write survives a power cut
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: cfg.url,
    max: 10,
    ...(cfg.schema ? { options: `-c search_path=${cfg.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: cfg.schema, url: cfg.url, close: () => db.destroy() };
}

export async function migrate(h: DbHandle): Promise<string[]> {
  const wrap = (m: { up: (db: Kysely<unknown>, d: Dialect) => Promise<void> }): Migration => ({
    up: (db) => m.up(db, h.dialect),
  });
  const migrator = new Migrator({
    db: h.db,
    // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
    ...(h.schema ? { migrationTableSchema: h.schema } : {}),
    provider: { getMigrations: async () => ({ '0001_spine': wrap(m0001), '0002_rules_and_board_index': wrap(m0002), '0003_plans_responses': wrap(m0003), '0004_task_overdue_notice': wrap(m0004), '0005_monitoring_warnings': wrap(m0005), '0006_warning_escalation_webhooks': wrap(m0006),
      '0007_readings_time_first': wrap(m0007),
      '0008_sensor_offline': wrap(m0008),
      '0009_resources': wrap(m0009),
      '0010_jurisdiction_boundaries': wrap(m0010) }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
