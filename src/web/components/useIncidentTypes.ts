import { useEffect, useMemo, useState } from 'react';
import type { Category } from '../../domain/incidents/model';
import { INCIDENT_TYPES } from '../../domain/incidents/types';
import { api } from '../app/api';

export interface TypeInfo {
  code: string;
  category: Category;
  zh: string;
  en: string;
  grading: string;
}

let cache: Promise<TypeInfo[]> | null = null;

function load(): Promise<TypeInfo[]> {
  if (!cache) {
    cache = api.incidentTypes().catch((e: unknown) => {
      cache = null;
      // The same catalogue ships with the domain code: keep working if the request fails.
      console.warn('GET /api/incident-types failed, using the built-in catalogue', e);
      return INCIDENT_TYPES.map((x) => ({ ...x }));
    });
  }
  return cache;
}

/** Incident types (GET /api/incident-types), fetched once per page load. */
export function useIncidentTypes() {
  const [types, setTypes] = useState<TypeInfo[] | null>(null);
  useEffect(() => {
    let alive = true;
    void load().then((x) => alive && setTypes(x));
    return () => {
      alive = false;
    };
  }, []);
  const byCode = useMemo(() => new Map((types ?? []).map((x) => [x.code, x])), [types]);
  return { types: types ?? [], loading: types === null, byCode };
}
