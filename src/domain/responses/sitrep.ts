// 情况报告 / 续报: the text of a situation report the duty room sends up, composed from an incident's
// figures, response, tasks and filed reports. Pure: renderers (server/modules/sitrep) only lay it out.
// Section order follows the usual 突发事件信息报告 content (493号令 第十二条: 概况、时间地点、伤亡和损失、
// 已经采取的措施、其他情况) arranged as the 一、…五、 of a 公文 正文.
import type { Category, Grade, Impact, IncidentStatus, ReportKind } from '../incidents/model';
import { IMPACT_FIELDS } from '../incidents/model';
import { REPORT_KIND_LABELS, STATUS_LABELS } from '../incidents/lifecycle';
import { CATEGORY_LABELS, GRADE_LABELS, findIncidentType } from '../incidents/types';
import { formatBeijing, type UtcInstant } from '../shared/time';

export type TaskStatus = 'pending' | 'signed' | 'in_progress' | 'done';

export interface SitrepInput {
  /** 'initial' = 情况报告; 'follow_up' = 续报, numbered by `sequence`. */
  kind: 'initial' | 'follow_up';
  /** N of 第N次续报 (1-based); ignored for 'initial'. */
  sequence: number;
  issuer: { organisationName: string; jurisdictionName: string };
  /** 主送机关, e.g. "雅安市应急管理局" (a trailing colon is optional). */
  recipient: string;
  generatedAt: UtcInstant;
  incident: {
    title: string;
    categoryCode: Category;
    typeCode: string;
    occurredAt: UtcInstant;
    address: string;
    jurisdictionName: string;
    grade: Grade | null;
    gradeMode: 'computed' | 'manual' | 'ungraded';
    status: IncidentStatus;
    description: string;
    /** `null` = not yet known (printed 不详), which is not 0. */
    impact: Impact;
  };
  responses: {
    planTitle: string;
    levelName: string;
    activatedAt: UtcInstant;
    status: 'active' | 'lifted';
    liftedAt: UtcInstant | null;
  }[];
  tasks: {
    title: string;
    roleTitle: string | null;
    assigneeName: string | null;
    status: TaskStatus;
    dueAt: UtcInstant | null;
    doneAt: UtcInstant | null;
    lastProgress: string | null;
  }[];
  reports: { kind: ReportKind; filedAt: UtcInstant; recipient: string | null }[];
  /** The last significant timeline events, as chosen by the caller. */
  timeline: { at: UtcInstant; summary: string }[];
}

export interface SitrepDocument {
  title: string;
  /** 主送机关 with its colon, printed flush left on its own line. */
  recipient: string;
  sections: { heading: string; paragraphs: string[] }[];
  /** 落款 (issuing organisation). */
  signature: string;
  /** 成文日期 in Beijing time, e.g. "2026年11月29日". */
  date: string;
}

export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  pending: { zh: '待签收', en: 'Pending' },
  signed: { zh: '已签收', en: 'Signed for' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
};

/** How each impact figure reads in a report: label and unit. */
const IMPACT_TEXT: Record<keyof Impact, { label: string; unit: string }> = {
  deaths: { label: '死亡', unit: '人' },
  missing: { label: '下落不明', unit: '人' },
  seriousInjuries: { label: '重伤（含急性工业中毒）', unit: '人' },
  minorInjuries: { label: '轻伤', unit: '人' },
  directLossYuan: { label: '直接经济损失', unit: '元' },
  affected: { label: '受影响人数', unit: '人' },
  evacuated: { label: '转移安置人数', unit: '人' },
};

export const UNKNOWN_FIGURE = '不详（尚未核实）';

// ---- time as people write it in a 公文 ----

function beijingParts(at: UtcInstant) {
  // formatBeijing is the one place that knows the offset; reuse its "YYYY-MM-DD HH:MM".
  const s = formatBeijing(at);
  return { y: s.slice(0, 4), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)), hh: s.slice(11, 13), mm: s.slice(14, 16) };
}

/** "2026年11月29日" (Beijing date; GB/T 9704 writes 成文日期 in Arabic numerals without leading zeros). */
export function chineseDate(at: UtcInstant): string {
  const p = beijingParts(at);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** "2026年11月28日14时30分" in Beijing time. */
export function chineseDateTime(at: UtcInstant): string {
  const p = beijingParts(at);
  return `${p.y}年${p.m}月${p.d}日${p.hh}时${p.mm}分`;
}

const byTime = <T>(key: (x: T) => UtcInstant | null) => (a: T, b: T) =>
  (Date.parse(key(a) ?? '9999-12-31T00:00:00Z') - Date.parse(key(b) ?? '9999-12-31T00:00:00Z'));

// ---- pieces of text ----

export function figureText(field: keyof Impact, value: number | null): string {
  const { label, unit } = IMPACT_TEXT[field];
  if (value === null) return `${label}：${UNKNOWN_FIGURE}`;
  if (field === 'directLossYuan' && value >= 10_000) {
    const wan = Math.round(value / 100) / 100; // 万元 to two decimals, as reports usually state it
    return `${label}：${value}元（约${wan}万元）`;
  }
  return `${label}：${value}${unit}`;
}

export function gradeText(
  grade: Grade | null,
  mode: SitrepInput['incident']['gradeMode'],
  category: Category,
): string {
  if (mode === 'ungraded') return category === 'social_safety' ? '不分级（社会安全事件依法不分级）' : '不分级';
  if (grade === null)
    return mode === 'computed' ? '未定级（据以分级的伤亡和损失数字尚未核实）' : '未定级（待按专项应急预案确定）';
  const g = GRADE_LABELS[grade];
  const base = `${g.zh}（${g.roman}）`;
  // A computed grade follows the figures known so far, so it is an initial judgement (初判).
  return mode === 'computed' ? `${base}，系按《生产安全事故报告和调查处理条例》第三条依据现有数字初判` : base;
}

function responsible(t: SitrepInput['tasks'][number]): string {
  const who = [t.roleTitle, t.assigneeName].filter((x): x is string => !!x && x.trim() !== '');
  return who.length ? `（责任：${who.join('，')}）` : '（尚未明确责任人）';
}

/** The due time a task has missed (not done and due before `now`), else null. */
function overdueSince(t: SitrepInput['tasks'][number], now: UtcInstant): UtcInstant | null {
  return t.status !== 'done' && t.dueAt !== null && Date.parse(t.dueAt) < Date.parse(now) ? t.dueAt : null;
}

/** Ends a clause with 。 unless it already ends with sentence punctuation. */
function sentence(s: string): string {
  const t = s.trim();
  return /[。！？；]$/.test(t) ? t : `${t}。`;
}

function place(i: SitrepInput['incident']): string {
  const addr = i.address.trim();
  if (!addr) return i.jurisdictionName;
  const j = i.jurisdictionName;
  if (addr.startsWith(j)) return addr;
  // Addresses often start with the lower part of the jurisdiction ("龙门镇…" under "芦山县龙门镇"):
  // join on the overlap instead of repeating it. Two characters at least, so one shared 镇/村 does not merge.
  for (let k = Math.min(j.length, addr.length); k >= 2; k--) if (j.endsWith(addr.slice(0, k))) return j + addr.slice(k);
  return j + addr;
}

function bookTitle(planTitle: string): string {
  return /^《.*》$/.test(planTitle) ? planTitle : `《${planTitle}》`;
}

// ---- the report ----

export function composeSitrep(input: SitrepInput): SitrepDocument {
  const { incident: inc, generatedAt: now } = input;
  if (input.kind === 'follow_up' && !(Number.isInteger(input.sequence) && input.sequence >= 1))
    throw new RangeError(`续报序号须为正整数，得到 ${input.sequence}`);

  const title =
    input.kind === 'initial' ? `关于${inc.title}的情况报告` : `关于${inc.title}的续报（第${input.sequence}次）`;

  // 一、基本情况
  const type = findIncidentType(inc.typeCode);
  const basic = [
    `事发时间：${chineseDateTime(inc.occurredAt)}（北京时间）。`,
    `事发地点：${place(inc)}。`,
    `事件类别：${CATEGORY_LABELS[inc.categoryCode].zh}（${type?.zh ?? inc.typeCode}）。`,
    `事件等级：${gradeText(inc.grade, inc.gradeMode, inc.categoryCode)}。`,
    `当前状态：${STATUS_LABELS[inc.status].zh}。`,
  ];
  if (inc.description.trim()) basic.push(`事件概况：${sentence(inc.description)}`);

  // 二、人员伤亡和损失
  const losses = [
    `截至${chineseDateTime(now)}，人员伤亡和损失情况如下：`,
    ...IMPACT_FIELDS.map((f) => `${figureText(f, inc.impact[f])}。`),
  ];
  const unknown = IMPACT_FIELDS.filter((f) => inc.impact[f] === null);
  if (unknown.length) losses.push(`标注“不详”的数字正在核实，核实后续报。`);

  // 三、已采取的措施
  const measures: string[] = ['（一）应急响应情况'];
  const responses = [...input.responses].sort(byTime((r) => r.activatedAt));
  if (responses.length === 0) measures.push('尚未启动应急预案响应。');
  for (const r of responses) {
    const level = r.levelName.endsWith('响应') ? r.levelName : `${r.levelName}响应`;
    const state =
      r.status === 'lifted'
        ? `，已于${r.liftedAt ? chineseDateTime(r.liftedAt) : '（时间未记录）'}解除`
        : '，目前响应持续中';
    measures.push(`${chineseDateTime(r.activatedAt)}启动${bookTitle(r.planTitle)}${level}${state}。`);
  }

  const done = input.tasks.filter((t) => t.status === 'done').sort(byTime((t) => t.doneAt));
  const open = input.tasks.filter((t) => t.status !== 'done').sort(byTime((t) => t.dueAt));
  const overdueCount = open.filter((t) => overdueSince(t, now) !== null).length;
  if (input.tasks.length) {
    measures.push(
      '（二）处置任务情况',
      `应急处置任务共${input.tasks.length}项，已完成${done.length}项，正在办理${open.length}项` +
        (overdueCount ? `，其中已逾期${overdueCount}项。` : '。'),
    );
  }
  let n = 0;
  for (const t of done)
    measures.push(`${++n}．${t.title}${responsible(t)}，${t.doneAt ? `已于${chineseDateTime(t.doneAt)}完成` : '已完成'}。`);
  for (const t of open) {
    const due = overdueSince(t, now);
    const late = due ? `，已逾期（应于${chineseDateTime(due)}前完成）` : '';
    const progress = t.lastProgress?.trim() ? `，最新进展：${t.lastProgress.trim().replace(/[。；]$/, '')}` : '';
    measures.push(`${++n}．${t.title}${responsible(t)}，${TASK_STATUS_LABELS[t.status].zh}${late}${progress}。`);
  }

  const timeline = [...input.timeline].sort(byTime((e) => e.at));
  if (timeline.length) {
    measures.push(`（${input.tasks.length ? '三' : '二'}）主要处置经过`);
    for (const e of timeline) measures.push(`${chineseDateTime(e.at)}，${sentence(e.summary)}`);
  }

  // 四、下一步工作
  const next: string[] = open.map((t, i) => {
    const when = !t.dueAt
      ? '尚未设定完成时限'
      : overdueSince(t, now)
        ? `原定${chineseDateTime(t.dueAt)}前完成，已逾期，须尽快办结`
        : `应于${chineseDateTime(t.dueAt)}前完成`;
    return `${i + 1}．${t.title}${responsible(t)}，${when}。`;
  });
  if (open.length === 0 && done.length > 0) next.push('当前应急处置任务均已完成。');
  next.push(
    inc.status === 'closed'
      ? '事件处置已结束，做好善后和调查评估工作。'
      : '继续密切关注事态发展，做好现场处置和善后工作，有新情况及时续报。',
  );

  // 五、信息报送情况
  const reports = [...input.reports].sort(byTime((r) => r.filedAt));
  const filed = reports.map(
    (r) => `${chineseDateTime(r.filedAt)}${r.recipient ? `向${r.recipient}` : ''}报送${REPORT_KIND_LABELS[r.kind].zh}。`,
  );
  if (filed.length === 0) filed.push('此前尚未报送信息，本报告为首次报送。');
  // The closing formula of a 报告; kept in the last section so the document shape stays sections + 落款.
  filed.push('特此报告。');

  return {
    title,
    recipient: `${input.recipient.trim().replace(/[:：]$/, '')}：`,
    sections: [
      { heading: '一、基本情况', paragraphs: basic },
      { heading: '二、人员伤亡和损失', paragraphs: losses },
      { heading: '三、已采取的措施', paragraphs: measures },
      { heading: '四、下一步工作', paragraphs: next },
      { heading: '五、信息报送情况', paragraphs: filed },
    ],
    signature: signature(input.issuer),
    date: chineseDate(now),
  };
}

function signature(issuer: SitrepInput['issuer']): string {
  const org = issuer.organisationName.trim();
  // "应急管理局" alone does not say whose; prefix the jurisdiction unless the name already carries it.
  return org.includes(issuer.jurisdictionName) ? org : `${issuer.jurisdictionName}${org}`;
}
