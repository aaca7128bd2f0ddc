// Checks of rules and bindings, with zh-CN messages and field paths; nothing here throws for bad input.
import { findWarningType } from '../model';
import { describeCondition, leaves, MINUTE_MS } from './conditions';
import {
  COMPARISONS,
  isMetricCode,
  LEVEL_ZH,
  LEVELS_ASCENDING,
  METRICS,
  type Condition,
  type FieldError,
  type LeafCondition,
  type RuleBinding,
  type SubjectSpec,
  type WarningLevel,
  type WarningRule,
} from './model';

/** Longest window a condition may use: 7 days (memory is sized to it). */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;
export const MAX_RUN_DAYS = 31;
export const MAX_HOLD_MINUTES = 7 * 24 * 60;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function checkMinutes(errors: FieldError[], path: string, x: unknown, bucketMs: number | undefined, what = '时长（分钟）') {
  if (!isFiniteNumber(x) || !Number.isInteger(x) || x <= 0) errors.push({ path, message: `${what}应为正整数` });
  else if (x > MAX_WINDOW_MINUTES) errors.push({ path, message: `${what}不能超过 ${MAX_WINDOW_MINUTES} 分钟（7天）` });
  else if (bucketMs !== undefined && (x * MINUTE_MS) % bucketMs !== 0)
    errors.push({ path, message: `${what}应为时间桶宽度 ${bucketMs / MINUTE_MS} 分钟的整数倍` });
}

function checkCondition(errors: FieldError[], path: string, c: unknown, bucketMs: number | undefined) {
  if (!isObject(c)) {
    errors.push({ path, message: '条件应为对象' });
    return;
  }
  const kind = c.kind;
  if (kind === 'all' || kind === 'any') {
    if (!Array.isArray(c.of) || c.of.length === 0) errors.push({ path: `${path}.of`, message: '组合条件至少要有一个子条件' });
    else c.of.forEach((x, i) => checkCondition(errors, `${path}.of[${i}]`, x, bucketMs));
    return;
  }
  if (!['latest', 'window', 'change', 'sustained', 'daily_run'].includes(String(kind))) {
    errors.push({ path: `${path}.kind`, message: '未知的条件类型（应为 latest / window / change / sustained / daily_run / all / any）' });
    return;
  }
  if (typeof c.metric !== 'string' || !isMetricCode(c.metric))
    errors.push({ path: `${path}.metric`, message: `未知的监测量（可用：${Object.keys(METRICS).join('、')}）` });
  if (!COMPARISONS.includes(c.op as never)) errors.push({ path: `${path}.op`, message: '比较方式应为 >=、>、<= 或 <' });
  if (!isFiniteNumber(c.threshold)) errors.push({ path: `${path}.threshold`, message: '阈值应为数字' });
  if (c.hysteresis !== undefined && (!isFiniteNumber(c.hysteresis) || c.hysteresis < 0))
    errors.push({ path: `${path}.hysteresis`, message: '回差应为不小于 0 的数字' });
  switch (kind) {
    case 'window':
      if (!['sum', 'mean', 'max', 'min'].includes(String(c.agg))) errors.push({ path: `${path}.agg`, message: '统计方式应为 sum / mean / max / min' });
      checkMinutes(errors, `${path}.minutes`, c.minutes, bucketMs);
      break;
    case 'change':
      if (c.direction !== 'rise' && c.direction !== 'drop') errors.push({ path: `${path}.direction`, message: '变化方向应为 rise（上升）或 drop（下降）' });
      if (c.reference !== 'ago' && c.reference !== 'extreme') errors.push({ path: `${path}.reference`, message: '比较基准应为 ago 或 extreme' });
      checkMinutes(errors, `${path}.minutes`, c.minutes, bucketMs);
      if (c.toleranceMinutes !== undefined) {
        if (!isFiniteNumber(c.toleranceMinutes) || !Number.isInteger(c.toleranceMinutes) || c.toleranceMinutes < 0)
          errors.push({ path: `${path}.toleranceMinutes`, message: '容差（分钟）应为不小于 0 的整数' });
        else if (bucketMs !== undefined && (c.toleranceMinutes * MINUTE_MS) % bucketMs !== 0)
          errors.push({ path: `${path}.toleranceMinutes`, message: `容差应为时间桶宽度 ${bucketMs / MINUTE_MS} 分钟的整数倍` });
      }
      break;
    case 'sustained':
      checkMinutes(errors, `${path}.minutes`, c.minutes, bucketMs, '持续时长（分钟）');
      break;
    case 'daily_run':
      if (c.agg !== 'max' && c.agg !== 'min') errors.push({ path: `${path}.agg`, message: '日统计应为 max（日最高）或 min（日最低）' });
      if (!isFiniteNumber(c.days) || !Number.isInteger(c.days) || c.days < 1 || c.days > MAX_RUN_DAYS)
        errors.push({ path: `${path}.days`, message: `连续天数应为 1–${MAX_RUN_DAYS} 的整数` });
      break;
  }
}

/** Leaves with the same signature compare the same quantity, so their thresholds must climb with the level. */
const signature = (l: LeafCondition) =>
  [l.kind, l.metric, l.op, 'agg' in l ? l.agg : '', 'direction' in l ? `${l.direction}/${l.reference}` : '', 'minutes' in l ? l.minutes : '', 'days' in l ? l.days : ''].join('|');

function leafPaths(c: Condition, path: string): string[] {
  return c.kind === 'all' || c.kind === 'any' ? c.of.flatMap((x, i) => leafPaths(x, `${path}.of[${i}]`)) : [path];
}

function checkOrder(errors: FieldError[], levels: Partial<Record<WarningLevel, Condition>>, prefix: string) {
  const present = LEVELS_ASCENDING.filter((l) => levels[l] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const lo = present[i - 1]!;
    const hi = present[i]!;
    const a = leaves(levels[lo]!);
    const b = leaves(levels[hi]!);
    if (a.length !== b.length) continue;
    const paths = leafPaths(levels[hi]!, `${prefix}levels.${hi}`);
    a.forEach((la, j) => {
      const lb = b[j]!;
      if (signature(la) !== signature(lb)) return;
      const upward = la.op === '>=' || la.op === '>';
      if (upward ? lb.threshold < la.threshold : lb.threshold > la.threshold)
        errors.push({
          path: `${paths[j]}.threshold`,
          message: `${LEVEL_ZH[hi]}条件（${describeCondition(lb)}）不应比${LEVEL_ZH[lo]}条件（${describeCondition(la)}）宽松`,
        });
    });
  }
}

/**
 * Checks a rule (also one read from JSON). `bucketMs`: the engine's bucket width, which every duration must be a
 * multiple of. Errors carry paths such as "levels.red.of[1].threshold".
 */
export function validateRule(rule: unknown, bucketMs?: number, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(rule)) return [{ path: prefix.replace(/\.$/, '') || '(规则)', message: '规则应为对象' }];
  if (typeof rule.id !== 'string' || rule.id.trim() === '') errors.push({ path: `${prefix}id`, message: '规则编号不能为空' });
  if (typeof rule.name !== 'string' || rule.name.trim() === '') errors.push({ path: `${prefix}name`, message: '规则名称不能为空' });
  const type = typeof rule.typeCode === 'string' ? findWarningType(rule.typeCode) : undefined;
  if (!type) errors.push({ path: `${prefix}typeCode`, message: '未知的预警类型' });
  if (!isFiniteNumber(rule.hysteresis) || rule.hysteresis < 0) errors.push({ path: `${prefix}hysteresis`, message: '回差应为不小于 0 的数字' });
  if (!isFiniteNumber(rule.holdMinutes) || rule.holdMinutes < 0 || rule.holdMinutes > MAX_HOLD_MINUTES)
    errors.push({ path: `${prefix}holdMinutes`, message: `最短保持时间应为 0–${MAX_HOLD_MINUTES} 分钟` });
  if (!isObject(rule.levels)) {
    errors.push({ path: `${prefix}levels`, message: '应至少给出一个级别的条件' });
    return errors;
  }
  const keys = Object.keys(rule.levels).filter((k) => rule.levels !== undefined && (rule.levels as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) errors.push({ path: `${prefix}levels`, message: '应至少给出一个级别的条件' });
  for (const k of keys) {
    if (!LEVELS_ASCENDING.includes(k as WarningLevel)) {
      errors.push({ path: `${prefix}levels.${k}`, message: '未知的预警级别（应为 blue / yellow / orange / red）' });
      continue;
    }
    if (type && !type.levels.includes(k as WarningLevel))
      errors.push({ path: `${prefix}levels.${k}`, message: `${type.zh}预警没有${LEVEL_ZH[k as WarningLevel]}级别` });
    checkCondition(errors, `${prefix}levels.${k}`, (rule.levels as Record<string, unknown>)[k], bucketMs);
  }
  if (errors.length === 0) checkOrder(errors, (rule as unknown as WarningRule).levels, prefix);
  return errors;
}

function checkSubject(errors: FieldError[], path: string, s: unknown, sites: Map<string, string>) {
  if (typeof s === 'string') {
    if (s.trim() === '') errors.push({ path, message: '传感器编号不能为空' });
    return;
  }
  if (!isObject(s) || typeof s.siteKey !== 'string' || s.siteKey.trim() === '' || !isObject(s.sensors)) {
    errors.push({ path, message: '应为传感器编号，或 { siteKey, sensors: { 监测量: 传感器编号 } } 形式的站点' });
    return;
  }
  for (const [m, id] of Object.entries(s.sensors)) {
    if (!isMetricCode(m)) errors.push({ path: `${path}.sensors.${m}`, message: '未知的监测量' });
    if (typeof id !== 'string' || id.trim() === '') errors.push({ path: `${path}.sensors.${m}`, message: '传感器编号不能为空' });
  }
  const shape = JSON.stringify(Object.entries(s.sensors).sort(([a], [b]) => (a < b ? -1 : 1)));
  const seen = sites.get(s.siteKey);
  if (seen !== undefined && seen !== shape) errors.push({ path, message: `站点「${s.siteKey}」在不同绑定中的传感器不一致` });
  sites.set(s.siteKey, shape);
}

/** Checks a set of bindings: each rule, unique rule ids, well-formed targets, sites defined the same way everywhere. */
export function validateBindings(bindings: readonly RuleBinding[], bucketMs?: number): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  const sites = new Map<string, string>();
  bindings.forEach((b, i) => {
    const p = `bindings[${i}]`;
    errors.push(...validateRule(b.rule, bucketMs, `${p}.rule.`));
    if (isObject(b.rule) && typeof b.rule.id === 'string') {
      if (ids.has(b.rule.id)) errors.push({ path: `${p}.rule.id`, message: `规则编号「${b.rule.id}」重复：同一模板绑定到不同对象时请另起编号` });
      ids.add(b.rule.id);
    }
    const t = b.target as unknown;
    if (!isObject(t)) {
      errors.push({ path: `${p}.target`, message: '应给出绑定对象' });
      return;
    }
    if (t.kind === 'all') return;
    const list = t.kind === 'subjects' ? t.subjects : t.kind === 'area' ? t.members : undefined;
    const listPath = `${p}.target.${t.kind === 'area' ? 'members' : 'subjects'}`;
    if (t.kind !== 'subjects' && t.kind !== 'area') {
      errors.push({ path: `${p}.target.kind`, message: '绑定对象应为 all / subjects / area' });
      return;
    }
    if (t.kind === 'area' && (typeof t.areaKey !== 'string' || t.areaKey.trim() === ''))
      errors.push({ path: `${p}.target.areaKey`, message: '区域编号不能为空' });
    if (!Array.isArray(list) || list.length === 0) {
      errors.push({ path: listPath, message: '至少要绑定一个传感器或站点' });
      return;
    }
    list.forEach((s, j) => checkSubject(errors, `${listPath}[${j}]`, s as SubjectSpec, sites));
  });
  return errors;
}

