// Local rules (地方规定). The national values are defaults; a province, city or county may set stricter
// time limits or another grading choice for its own subtree (REFERENCE §2.3: local reporting limits
// differ — e.g. 县→市 2 h, 市→省 3 h in 江西; 1 h in 吉林市). Settings are partial: a jurisdiction states
// only what it changes, and the deepest jurisdiction that states a value wins — except that no value below
// what a statute or an ancestor's own setting requires ever takes effect (an ancestor may tighten later).
import { DEFAULT_GRADING_CONFIG, type GradingConfig } from './grading';
import type { Category } from './model';
import { DEFAULT_REPORTING_RULES, RECIPIENT_LEVELS, type CategoryReportingRule, type RecipientLevel, type ReportingRules } from './reporting';
import { DEFAULT_PLAN_OBLIGATION_RULES, type PlanObligationRules } from '../plans/obligations';

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export interface RuleSettings {
  reporting?: DeepPartial<ReportingRules>;
  grading?: Partial<Pick<GradingConfig, 'missingCountsAsDeaths'>>;
  /** Plan filing/drill/evaluation cycles and the working-day calendar (holidays and 调休 days). */
  plans?: DeepPartial<PlanObligationRules>;
}

export interface EffectiveRules {
  reporting: ReportingRules;
  grading: GradingConfig;
  plans: PlanObligationRules;
}

export const DEFAULT_RULES: EffectiveRules = { reporting: DEFAULT_REPORTING_RULES, grading: DEFAULT_GRADING_CONFIG, plans: DEFAULT_PLAN_OBLIGATION_RULES };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = merge(out[k], v);
  return out as T;
}

const mergeLayer = (acc: EffectiveRules, layer: RuleSettings): EffectiveRules =>
  ({ reporting: merge(acc.reporting, layer.reporting), grading: merge(acc.grading, layer.grading), plans: merge(acc.plans, layer.plans) });

/** `layer` without the values at `paths` (dotted, as looserThanInherited names them). */
function without(layer: RuleSettings, paths: readonly string[]): RuleSettings {
  const out = JSON.parse(JSON.stringify(layer)) as Record<string, unknown>; // settings are JSON data
  for (const p of paths) {
    const keys = p.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), out);
    if (isPlainObject(parent)) delete parent[keys.at(-1)!];
  }
  return out as RuleSettings;
}

// Every intake reads the rules: the floor of a base is worked out once.
const floors = new WeakMap<EffectiveRules, EffectiveRules>();

/**
 * The layers (root first) as they apply: each without the values looser than what the statute and the layers above
 * it require, and the floor they leave for a layer below. A township's 0.75 h stays stored but does not apply once
 * its county requires 0.5 h; writes refuse such values, this keeps the rule after later changes above.
 */
function applicable(layers: readonly RuleSettings[], base: EffectiveRules): { held: RuleSettings[]; floor: EffectiveRules } {
  let floor = floors.get(base) ?? floors.set(base, statutoryFloor(base)).get(base)!;
  const held = layers.map((layer) => {
    const h = without(layer, looserThanInherited(floor, layer).map((l) => l.path));
    floor = mergeLayer(floor, h);
    return h;
  });
  return { held, floor };
}

/** Effective rules for a jurisdiction: defaults, then each ancestor's settings from the root down to it, as they apply. */
export function effectiveRules(layers: readonly RuleSettings[], base: EffectiveRules = DEFAULT_RULES): EffectiveRules {
  return applicable(layers, base).held.reduce(mergeLayer, base);
}

/**
 * The values of `own` that do not apply, each named by its path: looser than the statute or than what `ancestors`
 * (root first) require. A write of such values is refused; stored before an ancestor tightened, they are listed.
 */
export function overriddenSettings(ancestors: readonly RuleSettings[], own: RuleSettings, base: EffectiveRules = DEFAULT_RULES): LooserSetting[] {
  return looserThanInherited(applicable(ancestors, base).floor, own);
}

export interface LooserSetting { path: string; message: string }

const LEVEL_ZH: Record<RecipientLevel, string> = { county: '县级', city: '设区的市级', province: '省级', national: '国家级' };
const own = (o: unknown, k: string): unknown => (isPlainObject(o) ? o[k] : undefined);

/**
 * The floor no local rule may go below: what a statute fixes. 事故灾难 — 生产安全事故报告和调查处理条例 第九、十、
 * 十一、十三条 (1 h, 2 h per level, the level by grade, the 补报 window); 公共卫生事件 — 突发公共卫生事件应急条例
 * 第十九、二十条 (2 h, the hops, the national level). Everything else is a national default that a local
 * regulation may set either way (REFERENCE §2.3: 江西 allows 市→省 3 h): the 1 h / 2 h read into 突发事件应对法's
 * "立即", the 续报 cadence, the 补报 and 终报 due hours. Those are opened right up here.
 */
export function statutoryFloor(base: EffectiveRules): EffectiveRules {
  const open = (r: CategoryReportingRule, statute: 'none' | 'chain' | 'chain_and_window'): CategoryReportingRule => ({
    ...r,
    followUpEveryHours: { I: null, II: null, III: null, IV: null, ungraded: null },
    ...(statute === 'none' ? {
      initialHours: Infinity,
      hopHours: { city: Infinity, province: Infinity, national: Infinity },
      reachByGrade: { I: 'county', II: 'county', III: 'county', IV: 'county', ungraded: 'county' },
    } : {}),
    ...(statute === 'chain_and_window' ? {} : { supplementaryWindowDays: 0, supplementaryWindowDaysByType: {} }),
  });
  const c = base.reporting.byCategory;
  return {
    ...base,
    reporting: {
      ...base.reporting,
      byCategory: { accident: open(c.accident, 'chain_and_window'), public_health: open(c.public_health, 'chain'), natural: open(c.natural, 'none'), social_safety: open(c.social_safety, 'none') },
      supplementaryDueHours: Infinity,
      finalDueHours: Infinity,
    },
  };
}

/**
 * Local rules may be stricter than what a jurisdiction inherits — the statutory floor and its ancestors' own
 * settings — never looser: no longer time limit, no fewer 续报, no lower level to reach, no shorter 补报 window.
 * Only the values `settings` states are checked, each named by its path.
 */
export function looserThanInherited(inherited: EffectiveRules, settings: RuleSettings): LooserSetting[] {
  const out: LooserSetting[] = [];
  const stated = settings.reporting;
  if (!stated) return out;
  const hours = (path: string, value: unknown, limit: number) => {
    if (typeof value === 'number' && value > limit) out.push({ path, message: `不得宽于上级规定的 ${limit} 小时（本地规则只能更严格）` });
  };
  for (const [c, rule] of Object.entries(stated.byCategory ?? {}) as [Category, DeepPartial<CategoryReportingRule> | undefined][]) {
    if (!rule) continue;
    const base = inherited.reporting.byCategory[c];
    const at = `reporting.byCategory.${c}`;
    hours(`${at}.initialHours`, rule.initialHours, base.initialHours);
    for (const l of ['city', 'province', 'national'] as const) hours(`${at}.hopHours.${l}`, own(rule.hopHours, l), base.hopHours[l]);
    for (const g of ['I', 'II', 'III', 'IV', 'ungraded'] as const) {
      const every = own(rule.followUpEveryHours, g);
      const limit = base.followUpEveryHours[g];
      if (every === null && limit !== null) out.push({ path: `${at}.followUpEveryHours.${g}`, message: `上级规定每 ${limit} 小时续报一次，不得取消` });
      else if (limit !== null) hours(`${at}.followUpEveryHours.${g}`, every, limit);
      const reach = own(rule.reachByGrade, g) as RecipientLevel | undefined;
      if (reach !== undefined && RECIPIENT_LEVELS.indexOf(reach) < RECIPIENT_LEVELS.indexOf(base.reachByGrade[g]))
        out.push({ path: `${at}.reachByGrade.${g}`, message: `不得低于上级规定的报送层级（${LEVEL_ZH[base.reachByGrade[g]]}）` });
    }
    const days = (path: string, value: unknown, floor: number) => {
      if (typeof value === 'number' && value < floor) out.push({ path, message: `补报期限不得短于上级规定的 ${floor} 日（本地规则只能更严格）` });
    };
    days(`${at}.supplementaryWindowDays`, rule.supplementaryWindowDays, base.supplementaryWindowDays);
    for (const [type, value] of Object.entries(rule.supplementaryWindowDaysByType ?? {}))
      days(`${at}.supplementaryWindowDaysByType.${type}`, value, base.supplementaryWindowDaysByType[type] ?? base.supplementaryWindowDays);
  }
  hours('reporting.supplementaryDueHours', stated.supplementaryDueHours, inherited.reporting.supplementaryDueHours);
  hours('reporting.finalDueHours', stated.finalDueHours, inherited.reporting.finalDueHours);
  return out;
}
