// What a plan owes after issue: 备案 (filing), 评估 (evaluation) and 演练 (drills). Periods are defaults a
// jurisdiction may change; the sources and how sure they are (REFERENCE.md §4.5):
//   filing within 20 working days of issue — 88号令（应急管理部令第2号修正）第二十六条 [V2];
//   enterprise: 综合/专项 ≥ 1 drill a year, each 现场处置方案 every half year — 88号令 第三十三条 [V2];
//   high-risk and crowded-place units every half year — 生产安全事故应急条例（708号令）第八条 [V1];
//   乡镇/街道 and governments (production safety) every 2 years — 708号令 第八条 [V1], 88号令 第三十二条 [V2];
//   government 专项/部门 plans every 3 years — 国办发〔2013〕101号 第二十二条 [V2] (2024 text UNVERIFIED);
//   evaluation every 3 years: high-risk and medium-sized-or-larger units — 88号令 第三十五条 [V2];
//   county-and-above government plans "原则上每3年" — 国办发〔2024〕5号 [UNVERIFIED].
import type { PlanKind, PlanOwnerType } from './model';

/** A calendar date "YYYY-MM-DD" (Beijing). */
export type IsoDate = string;

export interface PlanObligationRules {
  filingWorkingDays: number | null;
  /** Months between drills, by owner type and plan kind; null = no duty. */
  drillMonths: Record<PlanOwnerType, Partial<Record<PlanKind, number | null>>>;
  evaluationMonths: Record<PlanOwnerType, number | null>;
  /** Days before a due date when it shows as 即将到期. */
  dueSoonDays: number;
  /** Public holidays (no work) and 调休 working weekend days, published by the State Council each year. */
  holidays: IsoDate[];
  workingWeekendDays: IsoDate[];
}

export const DEFAULT_PLAN_OBLIGATION_RULES: PlanObligationRules = {
  filingWorkingDays: 20,
  drillMonths: {
    government: { comprehensive: 36, specific: 36, onsite: 36, card: null },
    township: { comprehensive: 24, specific: 24, onsite: 24, card: null },
    enterprise: { comprehensive: 12, specific: 12, onsite: 6, card: null },
    enterprise_high_risk: { comprehensive: 6, specific: 6, onsite: 6, card: null },
  },
  evaluationMonths: { government: 36, township: null, enterprise: null, enterprise_high_risk: 36 },
  dueSoonDays: 30,
  holidays: [],
  workingWeekendDays: [],
};

export type ObligationKind = 'filing' | 'drill' | 'evaluation';
export type ObligationStatus = 'done' | 'ok' | 'due_soon' | 'overdue';

export interface Obligation {
  kind: ObligationKind;
  dueOn: IsoDate;
  status: ObligationStatus;
  /** The last time it was met (filing date, last drill, last evaluation). */
  lastOn: IsoDate | null;
  basis: string;
}

export interface PlanRecordFacts {
  kind: PlanKind;
  ownerType: PlanOwnerType;
  issuedOn: IsoDate;
  filedOn: IsoDate | null;
  drills: IsoDate[];
  evaluations: IsoDate[];
}

const parse = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);

export function addMonths(d: IsoDate, months: number): IsoDate {
  const x = parse(d);
  const day = x.getUTCDate();
  x.setUTCDate(1);
  x.setUTCMonth(x.getUTCMonth() + months);
  // 31 Jan + 1 month = 28/29 Feb, not 3 Mar.
  const last = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 0)).getUTCDate();
  x.setUTCDate(Math.min(day, last));
  return fmt(x);
}

export function isWorkingDay(d: IsoDate, r: Pick<PlanObligationRules, 'holidays' | 'workingWeekendDays'>): boolean {
  if (r.workingWeekendDays.includes(d)) return true;
  if (r.holidays.includes(d)) return false;
  const wd = parse(d).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after `d` (the day of issue itself does not count). */
export function addWorkingDays(d: IsoDate, n: number, r: Pick<PlanObligationRules, 'holidays' | 'workingWeekendDays'>): IsoDate {
  let x = d;
  for (let left = n; left > 0; ) {
    x = fmt(new Date(parse(x).getTime() + 86_400_000));
    if (isWorkingDay(x, r)) left--;
  }
  return x;
}

const latest = (ds: IsoDate[]) => (ds.length ? [...ds].sort().at(-1)! : null);

function status(dueOn: IsoDate, today: IsoDate, soonDays: number): ObligationStatus {
  if (today > dueOn) return 'overdue';
  return fmt(new Date(parse(today).getTime() + soonDays * 86_400_000)) >= dueOn ? 'due_soon' : 'ok';
}

export function planObligations(p: PlanRecordFacts, today: IsoDate, rules: PlanObligationRules = DEFAULT_PLAN_OBLIGATION_RULES): Obligation[] {
  const out: Obligation[] = [];
  if (rules.filingWorkingDays !== null) {
    const dueOn = addWorkingDays(p.issuedOn, rules.filingWorkingDays, rules);
    out.push({
      kind: 'filing', dueOn, lastOn: p.filedOn, basis: '88号令 第二十六条：发布之日起20个工作日内备案',
      status: p.filedOn ? 'done' : status(dueOn, today, rules.dueSoonDays),
    });
  }
  const drillEvery = rules.drillMonths[p.ownerType][p.kind] ?? null;
  if (drillEvery !== null) {
    const last = latest(p.drills);
    const dueOn = addMonths(last ?? p.issuedOn, drillEvery);
    out.push({ kind: 'drill', dueOn, lastOn: last, basis: drillBasis(p.ownerType, drillEvery), status: status(dueOn, today, rules.dueSoonDays) });
  }
  const evalEvery = rules.evaluationMonths[p.ownerType];
  if (evalEvery !== null) {
    const last = latest(p.evaluations);
    const dueOn = addMonths(last ?? p.issuedOn, evalEvery);
    out.push({
      kind: 'evaluation', dueOn, lastOn: last, status: status(dueOn, today, rules.dueSoonDays),
      basis: p.ownerType === 'government' ? '国办发〔2024〕5号：原则上每3年评估一次（待核实，可调整）' : '88号令 第三十五条：每3年评估一次',
    });
  }
  return out;
}

function drillBasis(owner: PlanOwnerType, months: number): string {
  const every = months % 12 === 0 ? `每${months / 12}年` : `每${months}个月`;
  const source: Record<PlanOwnerType, string> = {
    government: '国办发〔2013〕101号 第二十二条',
    township: '708号令 第八条',
    enterprise: '88号令 第三十三条',
    enterprise_high_risk: '708号令 第八条',
  };
  return `${source[owner]}：${every}至少演练一次`;
}

/** The worst status of a set, for a plan's health at a glance. */
export function worstStatus(os: Obligation[]): ObligationStatus {
  const order: ObligationStatus[] = ['overdue', 'due_soon', 'ok', 'done'];
  return order.find((s) => os.some((o) => o.status === s)) ?? 'done';
}
