// 信息报告 clocks: which reports an incident owes, when each is due, and whether it was filed in time.
// All limits are data (ReportingRules); national values ship as defaults because provinces and
// cities often set stricter ones of their own (REFERENCE §2.3).
import { addMs, DAY_MS, HOUR_MS, type UtcInstant } from '../shared/time';
import type { Category, Grade, IncidentStatus, ReportKind } from './model';

export const RECIPIENT_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type RecipientLevel = (typeof RECIPIENT_LEVELS)[number];

export const RECIPIENT_LEVEL_LABELS: Record<RecipientLevel, { zh: string; en: string }> = {
  county: { zh: '县级', en: 'county level' },
  city: { zh: '设区的市级', en: 'city level' },
  province: { zh: '省级', en: 'provincial level' },
  national: { zh: '国家级', en: 'national level' },
};

/** A grade, or 'ungraded' for a null grade (not yet graded, or 社会安全事件). */
export type GradeKey = Grade | 'ungraded';

export interface CategoryReportingRule {
  /** Hours from 接报 (reportedAt) to the first report to county-level departments. */
  initialHours: number;
  initialArticle: string;
  /** Hours allowed for the hop that reaches each level, counted from the previous hop's due time. */
  hopHours: Record<Exclude<RecipientLevel, 'county'>, number>;
  /** Highest level the report must reach, by grade. */
  reachByGrade: Record<GradeKey, RecipientLevel>;
  escalationArticle: string;
  /** 续报 period in hours by grade; null = no scheduled follow-ups. */
  followUpEveryHours: Record<GradeKey, number | null>;
  followUpArticle: string;
  /** 补报 is owed for casualty changes within this many days of occurredAt… */
  supplementaryWindowDays: number;
  /** …unless the type code has its own window. */
  supplementaryWindowDaysByType: Readonly<Record<string, number>>;
  supplementaryArticle: string;
}

export interface ReportingRules {
  byCategory: Record<Category, CategoryReportingRule>;
  /** Hours after a casualty change within which the 补报 is due. */
  supplementaryDueHours: number;
  /** Hours after closing within which the 终报 is due. */
  finalDueHours: number;
  finalArticle: string;
}

// 国家安全监管总局关于进一步加强和改进生产安全事故信息报告和处置工作的通知 [V2]:
// 重特大 twice a day (every 12 h), 较大 once a day, until the rescue ends. Borrowed as the default
// cadence for every category; configurable.
const FOLLOW_UP_DEFAULT: Record<GradeKey, number | null> = { I: 12, II: 12, III: 24, IV: null, ungraded: null };
const FOLLOW_UP_ARTICLE = '国家安全监管总局关于进一步加强和改进生产安全事故信息报告和处置工作的通知（续报频次，默认值，可配置）';

// Default chain shape for categories without a statute of their own; mirrors 493号令 第十条.
// Ungraded stops at the city: 突发事件应对法 第十七条 requires the county to report to the next level up.
const REACH_DEFAULT: Record<GradeKey, RecipientLevel> = { I: 'national', II: 'national', III: 'province', IV: 'city', ungraded: 'city' };

// 突发事件应对法 第十七条 / 第六十条 say only 立即; 1 h and 2 h per hop are defaults a jurisdiction may
// change (local rules are often stricter, e.g. 1 h county → city).
const IMMEDIATE_RULE: Omit<CategoryReportingRule, 'supplementaryWindowDays' | 'supplementaryWindowDaysByType' | 'supplementaryArticle'> = {
  initialHours: 1,
  initialArticle: '突发事件应对法 第十七条、第六十条（“立即”报告；1 小时为默认值，可配置）',
  hopHours: { city: 2, province: 2, national: 2 },
  reachByGrade: REACH_DEFAULT,
  escalationArticle: '突发事件应对法 第十七条（立即向上一级人民政府报告；每级 2 小时为默认值，可配置）',
  followUpEveryHours: FOLLOW_UP_DEFAULT,
  followUpArticle: FOLLOW_UP_ARTICLE,
};

// 493号令 第十三条 is the only national casualty-change window; borrowed for other categories.
const BORROWED_SUPPLEMENTARY = {
  supplementaryWindowDays: 30,
  supplementaryWindowDaysByType: {},
  supplementaryArticle: '参照生产安全事故报告和调查处理条例 第十三条（30 日，默认值，可配置）',
};

export const DEFAULT_REPORTING_RULES: ReportingRules = {
  byCategory: {
    accident: {
      // 生产安全事故报告和调查处理条例 第九条: 单位负责人接到报告后 1 小时内报县级以上部门
      initialHours: 1,
      initialArticle: '生产安全事故报告和调查处理条例 第九条',
      // 第十一条: 每级上报的时间不得超过 2 小时
      hopHours: { city: 2, province: 2, national: 2 },
      // 第十条: 一般 → 设区的市级；较大 → 省级；重大、特别重大 → 国务院部门
      reachByGrade: { I: 'national', II: 'national', III: 'province', IV: 'city', ungraded: 'city' },
      escalationArticle: '生产安全事故报告和调查处理条例 第十条、第十一条',
      followUpEveryHours: FOLLOW_UP_DEFAULT,
      followUpArticle: FOLLOW_UP_ARTICLE,
      // 第十三条第二款: 30 日内伤亡人数变化应补报；道路交通事故、火灾事故 7 日内
      supplementaryWindowDays: 30,
      supplementaryWindowDaysByType: { road_traffic: 7, fire: 7 },
      supplementaryArticle: '生产安全事故报告和调查处理条例 第十三条',
    },
    public_health: {
      // 突发公共卫生事件应急条例 第二十条第一款: 发现后 2 小时内报县级卫生行政主管部门
      initialHours: 2,
      initialArticle: '突发公共卫生事件应急条例 第二十条',
      // 第二十条第二款: 县 → 设区的市 2 小时，市 → 省 2 小时；第十九条: 省 → 国务院卫生行政主管部门 1 小时
      hopHours: { city: 2, province: 2, national: 1 },
      // 第十九条 requires the province to report its listed situations (疫情暴发流行、不明原因群体性疾病、
      // 菌毒种丢失、重大食物和职业中毒) to the national level whatever the grade.
      reachByGrade: { I: 'national', II: 'national', III: 'national', IV: 'national', ungraded: 'national' },
      escalationArticle: '突发公共卫生事件应急条例 第十九条、第二十条',
      followUpEveryHours: FOLLOW_UP_DEFAULT,
      followUpArticle: FOLLOW_UP_ARTICLE,
      ...BORROWED_SUPPLEMENTARY,
    },
    natural: { ...IMMEDIATE_RULE, ...BORROWED_SUPPLEMENTARY },
    social_safety: { ...IMMEDIATE_RULE, ...BORROWED_SUPPLEMENTARY },
  },
  // 第十三条 says only 及时补报: 24 h is a configurable default.
  supplementaryDueHours: 24,
  // No national time limit for a 终报: 24 h after closing is a configurable default.
  finalDueHours: 24,
  finalArticle: '终报时限无全国统一规定（24 小时为默认值，可配置）',
};

export interface FiledReportRef {
  kind: ReportKind;
  recipientLevel: RecipientLevel | null;
  filedAt: UtcInstant;
  /** The requirement the filer chose to satisfy, if any. */
  requirementKey: string | null;
}

export type RequiredReportStatus = 'pending' | 'overdue' | 'filed' | 'filed_late';

export interface RequiredReport {
  /** Stable: "initial:county", "initial:city", "follow_up:2026-11-29T12", "supplementary:<changedAt>", "final". */
  key: string;
  kind: ReportKind;
  /** null = "the usual recipient": any filed report of the same kind satisfies it. */
  recipientLevel: RecipientLevel | null;
  labelZh: string;
  labelEn: string;
  dueAt: UtcInstant | null;
  status: RequiredReportStatus;
  filedAt: UtcInstant | null;
  article: string;
}

export interface ReportingInput {
  category: Category;
  typeCode: string;
  grade: Grade | null;
  occurredAt: UtcInstant;
  /** 接报: when the reporting unit learned of the incident. */
  reportedAt: UtcInstant;
  status: IncidentStatus;
  closedAt: UtcInstant | null;
  /** Times at which deaths / missing / seriousInjuries changed. */
  casualtyChanges: UtcInstant[];
  /**
   * Optional: when the current grade was set. Hops and follow-ups that only the grade requires are
   * not due before it, so a later upgrade does not create retroactive overdue reports. Defaults to
   * reportedAt.
   */
  gradedAt?: UtcInstant | null;
}

interface Draft {
  key: string;
  kind: ReportKind;
  recipientLevel: RecipientLevel | null;
  labelZh: string;
  labelEn: string;
  dueMs: number | null;
  /** Earliest filing time that can count for this requirement. */
  fromMs: number;
  article: string;
  order: number;
}

const ms = (at: UtcInstant): number => {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${at}`);
  return t;
};
const iso = (t: number): UtcInstant => new Date(t).toISOString();

export function requiredReports(
  input: ReportingInput,
  filed: FiledReportRef[],
  now: UtcInstant,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): RequiredReport[] {
  const rule = rules.byCategory[input.category];
  const gradeKey: GradeKey = input.grade ?? 'ungraded';
  const reportedMs = ms(input.reportedAt);
  const occurredMs = ms(input.occurredAt);
  const nowMs = ms(now);
  const gradedMs = input.gradedAt ? Math.max(ms(input.gradedAt), reportedMs) : reportedMs;
  const drafts: Draft[] = [];
  const push = (d: Omit<Draft, 'order'>): void => {
    drafts.push({ ...d, order: drafts.length });
  };

  // 初报 chain. The clock starts at 接报: 493号令 第九条 counts the hour from when the unit head
  // "接到报告", not from the accident itself. Each hop is due a fixed time after the previous hop's
  // due time (cumulative), so one late hop does not move the deadlines of the next.
  const initialFrom = Math.min(occurredMs, reportedMs);
  let due = reportedMs + rule.initialHours * HOUR_MS;
  push({
    key: 'initial:county', kind: 'initial', recipientLevel: 'county',
    labelZh: `初报（报${RECIPIENT_LEVEL_LABELS.county.zh}）`, labelEn: `Initial report to ${RECIPIENT_LEVEL_LABELS.county.en}`,
    dueMs: due, fromMs: initialFrom, article: rule.initialArticle,
  });
  const reachIdx = RECIPIENT_LEVELS.indexOf(rule.reachByGrade[gradeKey]);
  const baseIdx = RECIPIENT_LEVELS.indexOf(rule.reachByGrade.ungraded);
  for (let i = 1; i <= reachIdx; i++) {
    const level = RECIPIENT_LEVELS[i];
    if (level === undefined || level === 'county') continue;
    // Hops beyond what an ungraded incident owes start no earlier than the grading.
    const start = i > baseIdx ? Math.max(due, gradedMs) : due;
    due = start + rule.hopHours[level] * HOUR_MS;
    push({
      key: `initial:${level}`, kind: 'initial', recipientLevel: level,
      labelZh: `初报（报${RECIPIENT_LEVEL_LABELS[level].zh}）`, labelEn: `Initial report to ${RECIPIENT_LEVEL_LABELS[level].en}`,
      dueMs: due, fromMs: initialFrom, article: rule.escalationArticle,
    });
  }

  // 续报 while the incident is still active, anchored at reportedAt so the keys stay stable when the
  // cadence changes (12 h slots include every 24 h slot). Up to one period ahead of now; more below
  // when early filings have already covered those.
  const every = rule.followUpEveryHours[gradeKey];
  const active = input.status === 'reported' || input.status === 'verified' || input.status === 'responding';
  const followUp = active && every !== null && every > 0 ? { period: every * HOUR_MS, k: 0 } : null;
  const pushFollowUp = (f: { period: number; k: number }): void => {
    f.k++;
    const dueMs = reportedMs + f.k * f.period;
    if (dueMs <= gradedMs) return;
    push({
      key: `follow_up:${iso(dueMs).slice(0, f.period % HOUR_MS === 0 ? 13 : 16)}`, kind: 'follow_up', recipientLevel: null,
      labelZh: `第 ${f.k} 次续报`, labelEn: `Follow-up report #${f.k}`,
      dueMs, fromMs: dueMs - f.period, article: rule.followUpArticle,
    });
  };
  if (followUp) while (reportedMs + (followUp.k + 1) * followUp.period <= nowMs + followUp.period) pushFollowUp(followUp);

  // 补报 for each casualty change inside the window (counted in elapsed days from occurredAt).
  // Changes at or before 接报 are already in the initial report.
  const windowDays = rule.supplementaryWindowDaysByType[input.typeCode] ?? rule.supplementaryWindowDays;
  const windowEnd = occurredMs + windowDays * DAY_MS;
  const changes = [...new Set(input.casualtyChanges.map(ms))].sort((a, b) => a - b);
  for (const t of changes) {
    if (t <= reportedMs || t > windowEnd) continue;
    push({
      key: `supplementary:${iso(t)}`, kind: 'supplementary', recipientLevel: null,
      labelZh: '补报（伤亡人数变化）', labelEn: 'Supplementary report (casualty change)',
      dueMs: t + rules.supplementaryDueHours * HOUR_MS, fromMs: t, article: rule.supplementaryArticle,
    });
  }

  // 终报 once closed; without a closing time there is no deadline yet.
  if (input.status === 'closed') {
    const closedMs = input.closedAt === null ? null : ms(input.closedAt);
    push({
      key: 'final', kind: 'final', recipientLevel: null, labelZh: '终报', labelEn: 'Final report',
      dueMs: closedMs === null ? null : closedMs + rules.finalDueHours * HOUR_MS,
      fromMs: closedMs ?? initialFrom, article: rules.finalArticle,
    });
  }

  let matched = matchFiled(drafts, filed);
  // While the incident is active a 续报 is always owed next: when early filings have covered every slot
  // in view, the following slot is due, so the clock (and the overdue check) never stops. Each round
  // adds one slot and the filings are finite, so this ends.
  const allCovered = () => drafts.every((d) => d.kind !== 'follow_up' || matched.has(d.key));
  while (followUp && allCovered()) {
    pushFollowUp(followUp);
    matched = matchFiled(drafts, filed);
  }
  const result = drafts
    .slice()
    .sort((a, b) => (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity) || a.order - b.order)
    .map((d): RequiredReport => {
      const f = matched.get(d.key);
      const filedMs = f === undefined ? null : ms(f.filedAt);
      let status: RequiredReportStatus;
      if (filedMs !== null) status = d.dueMs === null || filedMs <= d.dueMs ? 'filed' : 'filed_late';
      else status = d.dueMs !== null && nowMs > d.dueMs ? 'overdue' : 'pending';
      return {
        key: d.key, kind: d.kind, recipientLevel: d.recipientLevel, labelZh: d.labelZh, labelEn: d.labelEn,
        dueAt: d.dueMs === null ? null : iso(d.dueMs), status, filedAt: f?.filedAt ?? null, article: d.article,
      };
    });
  return result;
}

/**
 * A filed report satisfies the requirement whose key it names; otherwise (no key, or a key that
 * names no current requirement) it satisfies the earliest-due unmatched requirement of the same kind
 * and recipient level that it was filed at or after the start of. Earliest filings go first.
 */
function matchFiled(drafts: Draft[], filed: FiledReportRef[]): Map<string, FiledReportRef> {
  const out = new Map<string, FiledReportRef>();
  const used = new Set<number>();
  const order = filed.map((f, i) => ({ f, i, t: ms(f.filedAt) })).sort((a, b) => a.t - b.t || a.i - b.i);
  const keys = new Set(drafts.map((d) => d.key));

  for (const d of drafts) {
    const hit = order.find((c) => !used.has(c.i) && c.f.requirementKey === d.key);
    if (hit) {
      used.add(hit.i);
      out.set(d.key, hit.f);
    }
  }
  const byDue = drafts.slice().sort((a, b) => (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity) || a.order - b.order);
  for (const d of byDue) {
    if (out.has(d.key)) continue;
    const hit = order.find(
      (c) =>
        !used.has(c.i) &&
        (c.f.requirementKey === null || !keys.has(c.f.requirementKey)) &&
        c.f.kind === d.kind &&
        (d.recipientLevel === null || c.f.recipientLevel === d.recipientLevel) &&
        c.t >= d.fromMs,
    );
    if (hit) {
      used.add(hit.i);
      out.set(d.key, hit.f);
    }
  }
  return out;
}

export function overdueReports(list: RequiredReport[]): RequiredReport[] {
  return list.filter((r) => r.status === 'overdue');
}

/** Deadline helper for callers that want the raw limit, e.g. to show "1 小时内". */
export function initialDueAt(reportedAt: UtcInstant, category: Category, rules: ReportingRules = DEFAULT_REPORTING_RULES): UtcInstant {
  return addMs(reportedAt, rules.byCategory[category].initialHours * HOUR_MS);
}
