// One typed configuration object, read from SHOUWANG_* environment variables, each with a working default.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  SHOUWANG_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SHOUWANG_HOST: z.string().min(1).default('127.0.0.1'),
  SHOUWANG_DATA_DIR: z.string().min(1).default('./data'),
  SHOUWANG_DATABASE_URL: z
    .string()
    .refine((u) => /^postgres(ql)?:\/\//.test(u) || /^sqlite:/.test(u), '须为 postgres://… 或 sqlite:路径')
    .optional(),
  SHOUWANG_TILE_URL: z
    .string()
    .refine((u) => /^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(u), '须为含 {z}/{x}/{y} 的 http(s) 瓦片地址')
    .optional(),
  SHOUWANG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHOUWANG_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  SHOUWANG_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  SHOUWANG_REPORT_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SHOUWANG_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  SHOUWANG_WARNING_ACK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SHOUWANG_EXPIRY_NOTICE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** CAP feeds (Atom/RSS) to poll, comma-separated; their alerts are filed under SHOUWANG_CAP_FEED_JURISDICTION. */
  SHOUWANG_CAP_FEEDS: z.string().refine((v) => v.split(',').every((u) => /^https?:\/\/\S+$/.test(u.trim())), '须为逗号分隔的 http(s) 地址').optional(),
  SHOUWANG_CAP_FEED_JURISDICTION: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '须为行政区划代码').optional(),
  SHOUWANG_CAP_FEED_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  SHOUWANG_MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  SHOUWANG_MQTT_URL: z.string().regex(/^mqtts?:\/\/.+/, '须为 mqtt://主机:端口 或 mqtts://…').optional(),
  /** A CJK font for PDF reports: `path` or `path#PostScriptName` (a face of a .ttc). Unset = search the system. */
  SHOUWANG_PDF_FONT: z
    .string()
    .refine((v) => fs.existsSync(v.replace(/#[^#/\\]*$/, '')), '字体文件不存在')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  tileUrl: string | null;
  logLevel: z.infer<typeof Env>['SHOUWANG_LOG_LEVEL'];
  secureCookies: boolean;
  sessionHours: number;
  reportCheckSeconds: number;
  loginAttemptsPerMinute: number;
  pdfFont: string | null;
  /** CAP feeds to poll and where their alerts are filed. */
  capFeeds: { urls: string[]; jurisdictionCode: string; everyMinutes: number } | null;
  /** An issued warning nobody has signed for after this long is escalated. */
  warningAckMinutes: number;
  /** Stock expiring within this many days is announced (临期). */
  expiryNoticeDays: number;
  /** Embedded broker port, or an external broker to subscribe to instead. */
  mqtt: { kind: 'embedded'; port: number } | { kind: 'external'; url: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * SHOUWANG_* variables that are not server settings but belong to the test suites, CI (.ci/run) and the
 * benchmarks. They reach loadConfig because the CLI they spawn inherits their environment.
 */
export const TOOLING_KEYS = ['SHOUWANG_TEST_PG_URL', 'SHOUWANG_TEST_MQTT_URL', 'SHOUWANG_CHROMIUM', 'SHOUWANG_E2E_REQUIRED', 'SHOUWANG_PG_NOTICE_SHOWN'];
const SETTINGS = Object.keys(Env.shape);
const KNOWN = new Set([...SETTINGS, ...TOOLING_KEYS]);

/** Edit distance, to name the setting a mistyped key most likely meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** A mistyped variable would silently fall back to its default (a misspelt database URL means SQLite): name it. */
function unknownKeys(env: Record<string, string | undefined>): string[] {
  return Object.keys(env)
    .filter((k) => k.startsWith('SHOUWANG_') && !KNOWN.has(k))
    .sort()
    .map((k) => {
      const best = SETTINGS.map((s) => [s, distance(k, s)] as const).sort((x, y) => x[1] - y[1])[0]!;
      return `${k}: 未知的配置项，${best[1] <= 3 ? `是否应为 ${best[0]}？` : `可用的有 ${SETTINGS.join('、')}`}`;
    });
}

/** Reads the configuration; a wrong value or an unknown SHOUWANG_* key stops start-up with the full list of what is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SHOUWANG_') && v !== ''));
  const r = Env.safeParse(picked);
  const problems = [...(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)), ...unknownKeys(env)];
  if (!r.success || problems.length) throw new ConfigError(problems);
  const e = r.data;
  const dataDir = path.resolve(e.SHOUWANG_DATA_DIR);
  const url = e.SHOUWANG_DATABASE_URL;
  return {
    port: e.SHOUWANG_PORT,
    host: e.SHOUWANG_HOST,
    dataDir,
    database:
      url && url.startsWith('postgres')
        ? { kind: 'postgres', url }
        : { kind: 'sqlite', file: url ? path.resolve(url.slice('sqlite:'.length)) : path.join(dataDir, 'shouwang.db') },
    tileUrl: e.SHOUWANG_TILE_URL ?? null,
    logLevel: e.SHOUWANG_LOG_LEVEL,
    secureCookies: e.SHOUWANG_SECURE_COOKIES === 'true',
    sessionHours: e.SHOUWANG_SESSION_HOURS,
    reportCheckSeconds: e.SHOUWANG_REPORT_CHECK_SECONDS,
    loginAttemptsPerMinute: e.SHOUWANG_LOGIN_ATTEMPTS_PER_MINUTE,
    pdfFont: e.SHOUWANG_PDF_FONT ?? null,
    warningAckMinutes: e.SHOUWANG_WARNING_ACK_MINUTES,
    expiryNoticeDays: e.SHOUWANG_EXPIRY_NOTICE_DAYS,
    capFeeds: e.SHOUWANG_CAP_FEEDS
      ? { urls: e.SHOUWANG_CAP_FEEDS.split(',').map((u) => u.trim()), jurisdictionCode: e.SHOUWANG_CAP_FEED_JURISDICTION ?? '100000', everyMinutes: e.SHOUWANG_CAP_FEED_MINUTES }
      : null,
    mqtt: e.SHOUWANG_MQTT_URL ? { kind: 'external', url: e.SHOUWANG_MQTT_URL } : { kind: 'embedded', port: e.SHOUWANG_MQTT_PORT },
  };
}
