// The grading choices in force for a jurisdiction (local rules, GET /api/rules?jurisdiction=CODE),
// so the live preview computes exactly what the server will. Falls back to the national defaults.
import { useEffect, useState } from 'react';
import { DEFAULT_GRADING_CONFIG, type GradingConfig } from '../../../domain/incidents/grading';
import { api } from '../../app/api';

const cache = new Map<string, Promise<GradingConfig>>();

function toConfig(effective: Record<string, unknown> | undefined): GradingConfig {
  const g = effective ?? {};
  return {
    missingCountsAsDeaths: typeof g.missingCountsAsDeaths === 'boolean' ? g.missingCountsAsDeaths : DEFAULT_GRADING_CONFIG.missingCountsAsDeaths,
    productionSafetyTypes:
      Array.isArray(g.productionSafetyTypes) && g.productionSafetyTypes.every((x) => typeof x === 'string')
        ? (g.productionSafetyTypes as string[])
        : DEFAULT_GRADING_CONFIG.productionSafetyTypes,
  };
}

function load(code: string): Promise<GradingConfig> {
  let p = cache.get(code);
  if (!p) {
    p = api
      .rules(code)
      .then((v) => toConfig(v.effective.grading))
      .catch(() => {
        cache.delete(code);
        return DEFAULT_GRADING_CONFIG;
      });
    cache.set(code, p);
  }
  return p;
}

export function useGradingConfig(jurisdictionCode: string | undefined): GradingConfig {
  const [config, setConfig] = useState<GradingConfig>(DEFAULT_GRADING_CONFIG);
  useEffect(() => {
    if (!jurisdictionCode) return;
    let alive = true;
    void load(jurisdictionCode).then((c) => alive && setConfig(c));
    return () => {
      alive = false;
    };
  }, [jurisdictionCode]);
  return config;
}
