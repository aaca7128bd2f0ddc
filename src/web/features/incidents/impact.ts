import type { Impact } from '../../../domain/incidents/model';
import { IMPACT_FIELDS, UNKNOWN_IMPACT } from '../../../domain/incidents/model';

export type ImpactField = (typeof IMPACT_FIELDS)[number];
export { IMPACT_FIELDS };

/** Form values → Impact: empty inputs (undefined/null/'') are unknown (null), never 0. */
export function normaliseImpact(v: Partial<Record<ImpactField, number | null | undefined>> | undefined): Impact {
  const out: Impact = { ...UNKNOWN_IMPACT };
  for (const k of IMPACT_FIELDS) {
    const x = v?.[k];
    out[k] = typeof x === 'number' && Number.isFinite(x) ? x : null;
  }
  return out;
}

/** Only the figures that differ from `before` (a PATCH sends just those). */
export function impactChanges(before: Impact, after: Impact): Partial<Impact> {
  const out: Partial<Impact> = {};
  for (const k of IMPACT_FIELDS) if (before[k] !== after[k]) out[k] = after[k];
  return out;
}
