// Warning rules (预警规则): data, not code (GLOSSARY). A rule gives each warning level its own condition on sensor
// readings; the highest level whose condition holds is the target, with hysteresis (回差) and a minimum hold time so
// levels do not flap. The engine (engine.ts) evaluates bound rules on a stream of readings; templates.ts ships the
// national criteria (REFERENCE.md §5.2) as ready rules.
import type { UtcInstant } from '../../shared/time';
import type { WarningLevel } from '../model';
import type { FieldError } from '../../shared/field-error';

export type { WarningLevel };

/**
 * Measured quantities. The codes are the sensor kinds of the monitoring contract (a sensor measures one quantity).
 * `increment`: each reading is the amount since the sensor's previous reading (rain and snow gauges), so windows
 * add them up; a gauge that reports running totals must be differenced before it reaches the engine.
 */
export const METRICS = {
  rainfall: { zh: '雨量', unit: 'mm', increment: true, hi: '最大', lo: '最小' },
  snowfall: { zh: '降雪量', unit: 'mm', increment: true, hi: '最大', lo: '最小' },
  water_level: { zh: '水位', unit: 'm', increment: false, hi: '最高', lo: '最低' },
  temperature: { zh: '气温', unit: '°C', increment: false, hi: '最高', lo: '最低' },
  road_temperature: { zh: '路面温度', unit: '°C', increment: false, hi: '最高', lo: '最低' },
  ground_temperature: { zh: '地面温度', unit: '°C', increment: false, hi: '最高', lo: '最低' },
  wind_speed: { zh: '平均风速', unit: 'm/s', increment: false, hi: '最大', lo: '最小' },
  wind_gust: { zh: '阵风风速', unit: 'm/s', increment: false, hi: '最大', lo: '最小' },
  wind_direction: { zh: '风向', unit: '°', increment: false, hi: '最大', lo: '最小' },
  visibility: { zh: '能见度', unit: 'm', increment: false, hi: '最高', lo: '最低' },
  pm25: { zh: 'PM2.5浓度', unit: 'μg/m³', increment: false, hi: '最高', lo: '最低' },
  gas_lel: { zh: '可燃气体浓度', unit: '%LEL', increment: false, hi: '最高', lo: '最低' },
  displacement: { zh: '位移', unit: 'mm', increment: false, hi: '最大', lo: '最小' },
  lightning_strikes: { zh: '闪电次数', unit: '次', increment: true, hi: '最多', lo: '最少' },
} as const;
export type MetricCode = keyof typeof METRICS;
export const isMetricCode = (s: string): s is MetricCode => Object.prototype.hasOwnProperty.call(METRICS, s);

/** Level ranks inside the engine: 0 = no warning, 1 blue … 4 red. */
export const LEVEL_RANK: Readonly<Record<WarningLevel, 1 | 2 | 3 | 4>> = { blue: 1, yellow: 2, orange: 3, red: 4 };
export const LEVEL_BY_RANK: readonly (WarningLevel | null)[] = [null, 'blue', 'yellow', 'orange', 'red'];
/** Lowest first, as thresholds climb. */
export const LEVELS_ASCENDING: readonly WarningLevel[] = ['blue', 'yellow', 'orange', 'red'];
export const LEVEL_ZH: Readonly<Record<WarningLevel, string>> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

export type Comparison = '>=' | '>' | '<=' | '<';
export const COMPARISONS: readonly Comparison[] = ['>=', '>', '<=', '<'];

interface LeafCommon {
  metric: MetricCode;
  op: Comparison;
  threshold: number;
  /**
   * 回差 in the metric's unit: once the level is reached, this condition keeps holding until the value passes the
   * threshold by this much the other way (below threshold − h for ≥/>, above threshold + h for ≤/<).
   * Defaults to the rule's `hysteresis`.
   */
  hysteresis?: number;
}

/** The newest reading (by reading time). */
export interface LatestCondition extends LeafCommon {
  kind: 'latest';
}

/** An aggregate of the readings in the window (T − minutes, T]. */
export interface WindowCondition extends LeafCommon {
  kind: 'window';
  agg: 'sum' | 'mean' | 'max' | 'min';
  minutes: number;
}

/**
 * Rate of change over `minutes`, as a magnitude in the chosen direction (a rise of 0.6 m, a drop of 10.5 °C).
 * reference 'ago': the newest value against the value `minutes` earlier (the newest bucket at or before T − minutes,
 * looking back at most `toleranceMinutes`, default 60) — 24-hour 变温 style, free of the daily cycle.
 * reference 'extreme': the newest value against the lowest (rise) or highest (drop) value within the window.
 */
export interface ChangeCondition extends LeafCommon {
  kind: 'change';
  direction: 'rise' | 'drop';
  reference: 'ago' | 'extreme';
  minutes: number;
  toleranceMinutes?: number;
}

/** Every reading satisfied `op threshold` for at least `minutes` up to the newest one (silence does not break it). */
export interface SustainedCondition extends LeafCommon {
  kind: 'sustained';
  minutes: number;
}

/**
 * `days` Beijing calendar days in a row whose daily max (or min) satisfies `op threshold`. The current day counts once
 * its value so far settles it (a max that reached ≥ X, a min that reached ≤ X); until then the run ending yesterday counts.
 */
export interface DailyRunCondition extends LeafCommon {
  kind: 'daily_run';
  agg: 'max' | 'min';
  days: number;
}

export interface AllCondition {
  kind: 'all';
  of: Condition[];
}
export interface AnyCondition {
  kind: 'any';
  of: Condition[];
}

export type LeafCondition = LatestCondition | WindowCondition | ChangeCondition | SustainedCondition | DailyRunCondition;
export type Condition = LeafCondition | AllCondition | AnyCondition;

/** A warning rule: one condition per level it has. Upgrades apply at once; downgrades after hold + hysteresis. */
export interface WarningRule {
  id: string;
  /** A code of WARNING_TYPES; the rule's levels must be among that type's colours. */
  typeCode: string;
  name: string;
  levels: Partial<Record<WarningLevel, Condition>>;
  /** Default 回差 for conditions without their own, in their metric's unit. */
  hysteresis: number;
  /** A level, once entered (up or down), is kept at least this long before a downgrade. */
  holdMinutes: number;
}

/** A site: several single-quantity sensors at one place read as one subject (e.g. temperature + wind for 寒潮). */
export interface SiteSpec {
  siteKey: string;
  sensors: Partial<Record<MetricCode, string>>;
}
/** A sensor id (the sensor is its own subject) or a site. */
export type SubjectSpec = string | SiteSpec;

export type BindingTarget =
  /** Every sensor, each its own subject. */
  | { kind: 'all' }
  /** The listed sensors and sites, each its own subject. */
  | { kind: 'subjects'; subjects: SubjectSpec[] }
  /** One level for an area: the highest level among its members (each with its own hysteresis and hold). */
  | { kind: 'area'; areaKey: string; members: SubjectSpec[] };

export interface RuleBinding {
  rule: WarningRule;
  target: BindingTarget;
}

/** A ready rule for a kind of hazard, with its source; bound to sensors with bindTemplate (thresholds adjustable). */
export interface RuleTemplate {
  id: string;
  typeCode: string;
  name: string;
  /** The sensor kinds (measured quantities) the rule reads. */
  sensorKinds: MetricCode[];
  levels: Partial<Record<WarningLevel, Condition>>;
  hysteresis: number;
  holdMinutes: number;
  /** Where the criteria come from, with REFERENCE.md's confidence tags. */
  source: string;
  /** Which values are defaults of ours or not checked against the official text (paths as in overrides). */
  unverified: string[];
  /** How the rule reads the criteria: conversions, and what is left to people (forecast parts, impact). */
  notes: string[];
}

/** One sensor reading. Identified by (sensorId, kind, at): a duplicate never counts twice. */
export interface Reading {
  sensorId: string;
  /** The sensor kind = measured quantity (METRICS); readings of kinds no bound rule uses are ignored. */
  kind: string;
  /** Reading time, epoch milliseconds (after 1970; others are rejected). */
  at: number;
  value: number;
}

/** A change of level. */
export interface Transition {
  ruleId: string;
  typeCode: string;
  /** The sensor whose reading caused it (or the sensor subject itself); null when the passing of time did. */
  sensorId: string | null;
  /** Set when the subject is a site (for an area: the member site that caused it, if any). */
  siteKey: string | null;
  /** Set when the binding is an area: `from`/`to` are then the area's level. */
  areaKey: string | null;
  from: WarningLevel | null;
  to: WarningLevel | null;
  /** Evaluation time: the subject's newest reading time, or the `now` of advanceTo. */
  at: UtcInstant;
  atMs: number;
  /** The value that decided, in its metric's unit (null when none). */
  value: number | null;
  /** Why, for people: "3小时累计雨量 52.4 mm ≥ 50 mm". */
  basis: string;
}

export type { FieldError };

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
