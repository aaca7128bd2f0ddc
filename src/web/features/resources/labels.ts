// Names of resource kinds and statuses from src/domain/resources (one place for each term), in the active language.
import { useCallback } from 'react';
import { useI18n } from '../../app/i18n';

type Labelled = Record<string, { zh: string; en: string }>;

/** `label(TEAM_KINDS, 'volunteer')` → 志愿者 / Volunteer; an unknown code is shown as it is. */
export function useLabel() {
  const { lang } = useI18n();
  return useCallback((table: Labelled, code: string | null | undefined) => {
    if (!code) return '—';
    const l = table[code];
    return l ? (lang === 'en' ? l.en : l.zh) : code;
  }, [lang]);
}

/** Options of a Select from a domain table. */
export function useOptions() {
  const label = useLabel();
  return useCallback((table: Labelled) => Object.keys(table).map((value) => ({ value, label: label(table, value) })), [label]);
}

/** Days from today (Asia/Shanghai calendar is close enough for a 30-day warning) to an ISO date. */
export function daysUntil(isoDate: string, now = Date.now()): number {
  return Math.floor((Date.parse(`${isoDate}T23:59:59+08:00`) - now) / 86_400_000);
}

export const NEAR_EXPIRY_DAYS = 30;
