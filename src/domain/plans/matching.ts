// Which plans an incident calls for, and why, in words a duty officer can check against the plan's
// 适用范围 and 启动条件 (GB/T 29639-2020 7.1, 7.3).
import type { Category, Grade, Impact } from '../incidents/model';
import { CATEGORY_LABELS, findIncidentType, GRADE_LABELS } from '../incidents/types';
import { isWithinScope } from '../shared/jurisdiction';
import { WARNING_LEVEL_LABELS, type Comparator, type FigureCondition, type PlanContent, type ResponseLevel, type WarningLevel } from './model';

export interface IncidentFacts {
  category: Category;
  typeCode: string;
  grade: Grade | null;
  /** Materialised path of the incident's jurisdiction. */
  jurisdictionPath: string;
  impact: Impact;
  /** Other figures by name (sensor readings, water level…). */
  figures?: Record<string, number | null>;
}

export interface PlanCandidate {
  content: PlanContent;
  /** The owning jurisdiction. */
  owner: { path: string; name: string };
  /** The jurisdictions named in the triggers, resolved to paths (empty = the owner's). */
  covered: { path: string; name: string }[];
}

export interface PlanMatch {
  matches: boolean;
  /** What holds, e.g. "类别=事故灾难". */
  reasons: string[];
  /** What does not, for "why not this plan?". */
  unmet: string[];
  suggestedLevel: ResponseLevel | null;
}

const severity = (g: Grade) => ({ I: 1, II: 2, III: 3, IV: 4 })[g];
/** `g` is at least as severe as `min`. */
export const gradeAtLeast = (g: Grade | null, min: Grade) => g !== null && severity(g) <= severity(min);

const MEASURE_LABELS: Record<string, string> = {
  deaths: '死亡', missing: '下落不明', seriousInjuries: '重伤', minorInjuries: '轻伤',
  directLossYuan: '直接经济损失(元)', affected: '受影响人数', evacuated: '转移安置人数',
};
export const measureLabel = (m: string) => MEASURE_LABELS[m] ?? m;

const compare: Record<Comparator, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b, '>': (a, b) => a > b, '<=': (a, b) => a <= b, '<': (a, b) => a < b, '=': (a, b) => a === b,
};

function figureOf(f: IncidentFacts, measure: string): number | null {
  if (measure in f.impact) return f.impact[measure as keyof Impact];
  return f.figures?.[measure] ?? null;
}

/** Holds, fails, or cannot be told yet (figure unknown — never counted as met). */
export function checkCondition(c: FigureCondition, f: IncidentFacts): { holds: boolean; text: string } {
  const v = figureOf(f, c.measure);
  const wanted = `${measureLabel(c.measure)}${c.op === '=' ? '=' : c.op.replace('>=', '≥').replace('<=', '≤')}${c.value}${c.unit ?? ''}`;
  if (v === null) return { holds: false, text: `${wanted}（本事件：不详）` };
  return { holds: compare[c.op](v, c.value), text: `${wanted}（本事件：${v}${c.unit ?? ''}）` };
}

const gradeName = (g: Grade) => GRADE_LABELS[g].zh;

export function matchPlan(c: PlanCandidate, f: IncidentFacts): PlanMatch {
  const t = c.content.triggers;
  const reasons: string[] = [];
  const unmet: string[] = [];
  const check = (ok: boolean, yes: string, no: string) => (ok ? reasons.push(yes) : unmet.push(no));

  if (t.categories.length)
    check(t.categories.includes(f.category), `类别=${CATEGORY_LABELS[f.category].zh}`, `类别不符（预案适用：${t.categories.map((x) => CATEGORY_LABELS[x].zh).join('、')}）`);
  if (t.typeCodes.length) {
    const name = (code: string) => findIncidentType(code)?.zh ?? code;
    check(t.typeCodes.includes(f.typeCode), `类型=${name(f.typeCode)}`, `类型不符（预案适用：${t.typeCodes.map(name).join('、')}）`);
  }
  if (t.minGrade)
    check(gradeAtLeast(f.grade, t.minGrade), `等级≥${gradeName(t.minGrade)}（本事件：${f.grade ? gradeName(f.grade) : '未定级'}）`,
      `等级未达${gradeName(t.minGrade)}（本事件：${f.grade ? gradeName(f.grade) : '未定级'}）`);
  const areas = c.covered.length ? c.covered : [c.owner];
  const area = areas.find((a) => isWithinScope(f.jurisdictionPath, a.path));
  check(Boolean(area), `辖区=${area?.name ?? ''}`, `不在预案适用区域（${areas.map((a) => a.name).join('、')}）`);
  for (const cond of t.conditions) {
    const r = checkCondition(cond, f);
    check(r.holds, r.text, `条件未满足：${r.text}`);
  }
  const matches = unmet.length === 0;
  return { matches, reasons, unmet, suggestedLevel: matches ? suggestLevel(c.content.levels, f) : null };
}

/** True when a level's checkable start conditions all hold; null when it has none to check. */
export function levelHolds(l: ResponseLevel, f: IncidentFacts): boolean | null {
  const s = l.startConditions;
  if (!s.minGrade && s.conditions.length === 0) return null;
  return (!s.minGrade || gradeAtLeast(f.grade, s.minGrade)) && s.conditions.every((c) => checkCondition(c, f).holds);
}

/** The most severe level whose conditions hold; failing that, the least severe (a person decides). */
export function suggestLevel(levels: ResponseLevel[], f: IncidentFacts): ResponseLevel | null {
  const byRank = [...levels].sort((a, b) => a.rank - b.rank);
  return byRank.find((l) => levelHolds(l, f) === true) ?? byRank.at(-1) ?? null;
}

export interface WarningFacts {
  typeCode: string;
  typeLabel: string;
  level: WarningLevel;
  /** Paths of the jurisdictions the warning covers. */
  jurisdictionPaths: string[];
}

/** A plan whose triggers name warnings (突发事件应对法 第六十六、六十七条: a warning starts the plan). */
export function matchWarning(c: PlanCandidate, w: WarningFacts): PlanMatch {
  const t = c.content.triggers.warning;
  if (!t) return { matches: false, reasons: [], unmet: ['预案未设置预警启动条件'], suggestedLevel: null };
  const reasons: string[] = [];
  const unmet: string[] = [];
  const levelName = (l: WarningLevel) => WARNING_LEVEL_LABELS[l].zh;
  if (t.types.length) {
    // Types are codes or the Chinese names people type in the editor (暴雨).
    const named = t.types.includes(w.typeCode) || t.types.includes(w.typeLabel);
    (named ? reasons : unmet).push(named ? `预警类型=${w.typeLabel}` : `预警类型不符（预案适用：${t.types.join('、')}）`);
  }
  const ok = WARNING_LEVEL_LABELS[w.level].rank <= WARNING_LEVEL_LABELS[t.minLevel].rank;
  (ok ? reasons : unmet).push(ok ? `预警级别≥${levelName(t.minLevel)}（本预警：${levelName(w.level)}）` : `预警级别未达${levelName(t.minLevel)}（本预警：${levelName(w.level)}）`);
  const areas = c.covered.length ? c.covered : [c.owner];
  const area = areas.find((a) => w.jurisdictionPaths.some((p) => isWithinScope(p, a.path) || isWithinScope(a.path, p)));
  (area ? reasons : unmet).push(area ? `辖区=${area.name}` : `不在预案适用区域（${areas.map((a) => a.name).join('、')}）`);
  const matches = unmet.length === 0;
  // The response level: the one whose rank matches the warning's (红→1 … 蓝→4), else the least severe.
  const byRank = [...c.content.levels].sort((a, b) => a.rank - b.rank);
  const suggestedLevel = matches ? byRank.find((l) => l.rank === WARNING_LEVEL_LABELS[w.level].rank) ?? byRank.at(-1) ?? null : null;
  return { matches, reasons, unmet, suggestedLevel };
}
