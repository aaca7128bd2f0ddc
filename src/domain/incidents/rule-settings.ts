// Local rules (地方规定). The national values are defaults; a province, city or county may set stricter
// time limits or another grading choice for its own subtree (REFERENCE §2.3: local reporting limits
// differ — e.g. 县→市 2 h, 市→省 3 h in 江西; 1 h in 吉林市). Settings are partial: a jurisdiction states
// only what it changes, and the deepest jurisdiction that states a value wins.
import { DEFAULT_GRADING_CONFIG, type GradingConfig } from './grading';
import { DEFAULT_REPORTING_RULES, type ReportingRules } from './reporting';
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

/** Effective rules for a jurisdiction: defaults, then each ancestor's settings from the root down to it. */
export function effectiveRules(layers: readonly RuleSettings[], base: EffectiveRules = DEFAULT_RULES): EffectiveRules {
  return layers.reduce<EffectiveRules>(
    (acc, layer) => ({ reporting: merge(acc.reporting, layer.reporting), grading: merge(acc.grading, layer.grading), plans: merge(acc.plans, layer.plans) }),
    base,
  );
}
