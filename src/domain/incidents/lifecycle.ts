// Incident lifecycle 接报 → 核实 → 处置中 → 恢复 → 结束, and labels for 信息报告 kinds.
import type { IncidentStatus, ReportKind } from './model';

export const STATUS_LABELS: Record<IncidentStatus, { zh: string; en: string }> = {
  reported: { zh: '接报', en: 'Reported' },
  verified: { zh: '核实', en: 'Verified' },
  responding: { zh: '处置中', en: 'Responding' },
  recovering: { zh: '恢复', en: 'Recovering' },
  closed: { zh: '结束', en: 'Closed' },
};

/**
 * Allowed next statuses. Any forward step may skip stages (urgent cases go reported → responding;
 * a false report is closed straight away). Two backward steps exist: recovering → responding when
 * the situation flares up again, and closed → responding to reopen (重新打开).
 */
export const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  reported: ['verified', 'responding', 'recovering', 'closed'],
  verified: ['responding', 'recovering', 'closed'],
  responding: ['recovering', 'closed'],
  recovering: ['closed', 'responding'],
  closed: ['responding'],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True for the backward step closed → responding (重新打开), which callers usually log specially. */
export function isReopen(from: IncidentStatus, to: IncidentStatus): boolean {
  return from === 'closed' && to === 'responding';
}

// 生产安全事故报告和调查处理条例 第九–十三条 (初报, 补报); 续报/核报/终报 are common practice names.
export const REPORT_KIND_LABELS: Record<ReportKind, { zh: string; en: string }> = {
  initial: { zh: '初报', en: 'Initial report' },
  follow_up: { zh: '续报', en: 'Follow-up report' },
  verification: { zh: '核报', en: 'Verification report' },
  supplementary: { zh: '补报', en: 'Supplementary report' },
  final: { zh: '终报', en: 'Final report' },
};
