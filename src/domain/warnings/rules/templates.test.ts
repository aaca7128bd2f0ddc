import { describe, expect, it } from 'vitest';
import { findWarningType } from '../model';
import {
  BEAUFORT_MIN_MS,
  beaufortToMs,
  bindTemplate,
  COLD_WAVE,
  compileRuleSet,
  describeCondition,
  GALE,
  HEAT,
  msToBeaufort,
  RAINSTORM,
  RULE_TEMPLATES,
  validateRule,
  type RuleBinding,
} from './index';

const errorsOf = (r: ReturnType<typeof bindTemplate>) => (r.ok ? [] : r.errors);

describe('shipped templates', () => {
  it('every template is a valid rule of a known warning type, within that type’s colours, with its source', () => {
    for (const tpl of RULE_TEMPLATES) {
      const b = bindTemplate(tpl, {});
      expect([tpl.id, errorsOf(b)]).toEqual([tpl.id, []]);
      const type = findWarningType(tpl.typeCode)!;
      expect(Object.keys(tpl.levels).every((l) => type.levels.includes(l as never))).toBe(true);
      expect(tpl.source.length).toBeGreaterThan(10);
      if (tpl.id.startsWith('cma.')) expect(tpl.source).toMatch(/中国气象局令第16号.*UNVERIFIED/);
      expect(tpl.unverified).toEqual(expect.arrayContaining(['hysteresis', 'holdMinutes']));
    }
    const all = RULE_TEMPLATES.map((t) => (bindTemplate(t, {}) as { value: RuleBinding }).value);
    expect(compileRuleSet(all, { bucketMinutes: 1 }).ok).toBe(true);
    expect(compileRuleSet(all, { bucketMinutes: 5 }).ok).toBe(true);
  });

  it('暴雨 is the national table (REFERENCE.md §5.2)', () => {
    expect(Object.fromEntries(Object.entries(RAINSTORM.levels).map(([l, c]) => [l, describeCondition(c!)]))).toEqual({
      blue: '12小时累计雨量 ≥ 50 mm',
      yellow: '6小时累计雨量 ≥ 50 mm',
      orange: '3小时累计雨量 ≥ 50 mm',
      red: '3小时累计雨量 ≥ 100 mm',
    });
  });

  it('大风 by Beaufort force converted to m/s; 寒潮 and 高温 read as documented', () => {
    expect([beaufortToMs(6), beaufortToMs(8), beaufortToMs(12), beaufortToMs(13)]).toEqual([10.8, 17.2, 32.7, 37.0]);
    expect([msToBeaufort(10.79), msToBeaufort(10.8), msToBeaufort(32.7), msToBeaufort(80)]).toEqual([5, 6, 12, 17]);
    expect(BEAUFORT_MIN_MS).toHaveLength(18);
    expect(describeCondition(GALE.levels.blue!)).toBe('平均风速 ≥ 10.8 m/s，或阵风风速 ≥ 13.9 m/s');
    expect(describeCondition(GALE.levels.red!)).toBe('平均风速 ≥ 32.7 m/s，或阵风风速 ≥ 37 m/s');
    expect(describeCondition(COLD_WAVE.levels.blue!)).toBe('48小时气温下降 ≥ 8 °C，且24小时内最低气温 ≤ 4 °C，且24小时内最大平均风速 ≥ 8 m/s');
    expect(describeCondition(HEAT.levels.yellow!)).toBe('日最高气温连续3天 ≥ 35 °C');
    expect(HEAT.levels.blue).toBeUndefined();
  });
});

describe('bindTemplate: a jurisdiction adjusts the numbers', () => {
  it('deep-merges numeric changes without touching the template', () => {
    const r = bindTemplate(RAINSTORM, { holdMinutes: 30, levels: { orange: { threshold: 40 }, blue: { minutes: 1440 } } }, { ruleId: 'rain.511826', target: { kind: 'subjects', subjects: ['g1'] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rule).toMatchObject({ id: 'rain.511826', holdMinutes: 30, hysteresis: 2, levels: { orange: { threshold: 40, minutes: 180 }, blue: { minutes: 1440, threshold: 50 } } });
    expect(r.value.target).toEqual({ kind: 'subjects', subjects: ['g1'] });
    expect(RAINSTORM.levels.orange).toMatchObject({ threshold: 50 });
    expect(RAINSTORM.holdMinutes).toBe(60);
  });

  it('combinations by position, as an array or keyed by index', () => {
    const a = bindTemplate(COLD_WAVE, { levels: { yellow: { of: [null, { threshold: 2 }] } } });
    const b = bindTemplate(COLD_WAVE, { levels: { yellow: { of: { 1: { threshold: 2 } } } } });
    expect(a).toEqual(b);
    expect(a.ok && a.value.rule.levels.yellow).toMatchObject({ of: [{ threshold: 10 }, { threshold: 2 }, { threshold: 10.8 }] });
  });

  it('bad overrides give errors with field paths in zh-CN, never an exception', () => {
    expect(errorsOf(bindTemplate(RAINSTORM, 'abc'))).toEqual([{ path: '(覆盖项)', message: '覆盖项应为对象' }]);
    expect(errorsOf(bindTemplate(RAINSTORM, [1]))).toEqual([{ path: '(覆盖项)', message: '覆盖项应为对象' }]);
    expect(
      errorsOf(
        bindTemplate(RAINSTORM, {
          foo: 1,
          hysteresis: 'x',
          levels: { red: { threshold: '100', metric: 'snowfall' }, purple: {}, orange: 5 },
        }),
      ),
    ).toEqual([
      { path: 'foo', message: '不能调整此项：只可调整数值（hysteresis、holdMinutes、levels.<级别>.threshold 等）' },
      { path: 'hysteresis', message: '应为数字' },
      { path: 'levels.red.threshold', message: '应为数字' },
      { path: 'levels.red.metric', message: '该条件不能调整此项（可调整：threshold、hysteresis、minutes）' },
      { path: 'levels.purple', message: '未知的预警级别（应为 blue / yellow / orange / red）' },
      { path: 'levels.orange', message: '应为对象（只可调整数值）' },
    ]);
    expect(errorsOf(bindTemplate(HEAT, { levels: { blue: { threshold: 30 } } }))).toEqual([{ path: 'levels.blue', message: '模板没有该级别，不能调整' }]);
    expect(errorsOf(bindTemplate(COLD_WAVE, { levels: { yellow: { of: { 5: { threshold: 1 } }, threshold: 3 } } }))).toEqual([
      { path: 'levels.yellow.threshold', message: '组合条件只可按位置调整其子条件（of）' },
      { path: 'levels.yellow.of[5]', message: '模板的该组合条件没有第 5 个子条件' },
    ]);
  });

  it('merged values are checked: ranges, integers, and levels that must not be looser than the one below', () => {
    expect(errorsOf(bindTemplate(RAINSTORM, { holdMinutes: -5, levels: { orange: { minutes: 90.5 } } }))).toEqual([
      { path: 'holdMinutes', message: '最短保持时间应为 0–10080 分钟' },
      { path: 'levels.orange.minutes', message: '时长（分钟）应为正整数' },
    ]);
    expect(errorsOf(bindTemplate(RAINSTORM, { levels: { red: { threshold: 40 } } }))).toEqual([
      { path: 'levels.red.threshold', message: '红色条件（3小时累计雨量 ≥ 40 mm）不应比橙色条件（3小时累计雨量 ≥ 50 mm）宽松' },
    ]);
    // ≤ conditions climb downwards: 寒潮 orange needs min ≤ 0, so it may not be relaxed to ≤ 6 above yellow's ≤ 4.
    expect(errorsOf(bindTemplate(COLD_WAVE, { levels: { orange: { of: [null, { threshold: 6 }] } } }))).toEqual([
      { path: 'levels.orange.of[1].threshold', message: '橙色条件（24小时内最低气温 ≤ 6 °C）不应比黄色条件（24小时内最低气温 ≤ 4 °C）宽松' },
    ]);
    expect(errorsOf(bindTemplate(HEAT, { levels: { yellow: { days: 0 } } }))).toEqual([{ path: 'levels.yellow.days', message: '连续天数应为 1–31 的整数' }]);
  });

  it('bad targets are reported too', () => {
    expect(errorsOf(bindTemplate(RAINSTORM, {}, { target: { kind: 'area', areaKey: '', members: [] } }))).toEqual([
      { path: 'target.areaKey', message: '区域编号不能为空' },
      { path: 'target.members', message: '至少要绑定一个传感器或站点' },
    ]);
  });

  it('validateRule reads rules from JSON defensively', () => {
    expect(validateRule(null)).toEqual([{ path: '(规则)', message: '规则应为对象' }]);
    const errors = validateRule({ id: '', name: 'x', typeCode: 'nope', hysteresis: 0, holdMinutes: 0, levels: { red: { kind: 'window', metric: 'rain', op: '=', threshold: 1, agg: 'avg', minutes: 0 } } });
    expect(errors.map((e) => e.path)).toEqual(['id', 'typeCode', 'levels.red.metric', 'levels.red.op', 'levels.red.agg', 'levels.red.minutes']);
  });
});
