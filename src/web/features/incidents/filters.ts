// Board filters: kept in the URL (so a refresh or a shared link keeps them), sent to
// GET /api/incidents, and applied to live updates so a pushed incident only appears when it matches.
import type { Incident, IncidentListQuery } from '../../../contracts/incidents';
import { CATEGORIES, GRADES, STATUSES, type Category, type Grade, type IncidentStatus } from '../../../domain/incidents/model';
import { ROOT_JURISDICTION_CODE } from '../../../domain/shared/jurisdiction';

export interface BoardFilters {
  category?: Category;
  grade?: Grade | 'none';
  status?: IncidentStatus | 'open';
  jurisdiction?: string;
  from?: string;
  to?: string;
  q?: string;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export function filtersFromParams(p: URLSearchParams): BoardFilters {
  const jurisdiction = p.get('jurisdiction');
  return {
    category: oneOf(CATEGORIES, p.get('category')),
    grade: oneOf([...GRADES, 'none'] as const, p.get('grade')),
    status: oneOf([...STATUSES, 'open'] as const, p.get('status')),
    jurisdiction: jurisdiction && /^\d{6}(\d{3}){0,2}$/.test(jurisdiction) ? jurisdiction : undefined,
    from: p.get('from') || undefined,
    to: p.get('to') || undefined,
    q: p.get('q')?.trim() || undefined,
  };
}

export function filtersToParams(f: BoardFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v !== '') p.set(k, v);
  return p;
}

export function filtersToQuery(f: BoardFilters): IncidentListQuery {
  return { ...f };
}

/**
 * Prefix that every code inside `code` starts with (GB/T 2260: 省 2 digits, 市 4, 县 6, then the
 * 9-digit 乡镇 and 12-digit 村 codes extend the parent's).
 */
export function codePrefix(code: string): string {
  if (code === ROOT_JURISDICTION_CODE) return '';
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

export function isInJurisdiction(code: string, scope: string): boolean {
  return code.startsWith(codePrefix(scope));
}

export function matchesFilters(i: Incident, f: BoardFilters): boolean {
  if (f.category && i.category !== f.category) return false;
  if (f.grade === 'none' ? i.grade !== null : f.grade && i.grade !== f.grade) return false;
  if (f.status === 'open' ? i.status === 'closed' : f.status && i.status !== f.status) return false;
  if (f.jurisdiction && !isInJurisdiction(i.jurisdictionCode, f.jurisdiction)) return false;
  const at = Date.parse(i.occurredAt);
  if (f.from && at < Date.parse(f.from)) return false;
  if (f.to && at > Date.parse(f.to)) return false;
  // The server searches the title only.
  if (f.q && !i.title.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

/** The board's order, as the server's: occurredAt descending, then id descending. */
export function boardOrder(a: Incident, b: Incident): number {
  const d = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (d !== 0) return d;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
