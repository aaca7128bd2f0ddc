// The national signals added after the first templates, read against REFERENCE.md §5.2: each threshold at, just below
// and just above it, and the window edges.
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  bindTemplate,
  compileRuleSet,
  createEngineState,
  describeCondition,
  FROST,
  GALE,
  ingest,
  ingestMany,
  levelOf,
  LIGHTNING,
  SANDSTORM,
  TYPHOON,
  type BindingTarget,
  type Reading,
  type RuleTemplate,
  type Transition,
  type WarningLevel,
} from './index';

const MIN = 60_000;
const T0 = Date.parse('2026-07-01T00:00:00.000Z');
const t = (minutes: number, seconds = 0) => T0 + minutes * MIN + seconds * 1000;
const DAY = 24 * 60;
const steps = (ts: readonly Transition[]) => ts.map((x) => `${x.from ?? '-'}→${x.to ?? '-'}@${(x.atMs - T0) / MIN}`);

function engine(tpl: RuleTemplate, overrides: unknown = {}, target?: BindingTarget) {
  const b = bindTemplate(tpl, overrides, { target });
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  const rs = compileRuleSet([b.value]);
  if (!rs.ok) throw new Error(JSON.stringify(rs.errors));
  return createEngineState(rs.value);
}
const levels = (tpl: RuleTemplate) => Object.fromEntries(Object.entries(tpl.levels).map(([l, c]) => [l, describeCondition(c!)]));
/** The level of sensor s1 after these readings, on a fresh engine. */
function levelAfter(tpl: RuleTemplate, readings: Reading[]): WarningLevel | null {
  const st = engine(tpl);
  ingestMany(st, readings);
  return levelOf(st, tpl.id, { sensorId: 's1' });
}
/** [value, level] for one reading of `kind` on a fresh engine each. */
const probe = (tpl: RuleTemplate, kind: string, values: number[]) => values.map((v) => [v, levelAfter(tpl, [{ sensorId: 's1', kind, at: t(0), value: v }])]);

describe('台风 (observed wind: 蓝 6级/阵风8级, 黄 8/10, 橙 10/12, 红 12/14)', () => {
  it('is the national table, forces converted to m/s', () => {
    expect(levels(TYPHOON)).toEqual({
      blue: '平均风速 ≥ 10.8 m/s，或阵风风速 ≥ 17.2 m/s',
      yellow: '平均风速 ≥ 17.2 m/s，或阵风风速 ≥ 24.5 m/s',
      orange: '平均风速 ≥ 24.5 m/s，或阵风风速 ≥ 32.7 m/s',
      red: '平均风速 ≥ 32.7 m/s，或阵风风速 ≥ 41.5 m/s',
    });
    expect(TYPHOON.notes.join()).toMatch(/热带气旋.*预报/);
  });

  it('mean wind at, just below and just above each force', () => {
    expect(probe(TYPHOON, 'wind_speed', [10.7, 10.8, 10.9, 17.1, 17.2, 17.3, 24.4, 24.5, 24.6, 32.6, 32.7, 32.8])).toEqual([
      [10.7, null], [10.8, 'blue'], [10.9, 'blue'],
      [17.1, 'blue'], [17.2, 'yellow'], [17.3, 'yellow'],
      [24.4, 'yellow'], [24.5, 'orange'], [24.6, 'orange'],
      [32.6, 'orange'], [32.7, 'red'], [32.8, 'red'],
    ]);
  });

  it('gusts two forces above the mean (大风 takes one): a force-7 gust is 大风 blue but no typhoon level', () => {
    expect(probe(TYPHOON, 'wind_gust', [17.1, 17.2, 17.3, 24.4, 24.5, 24.6, 32.6, 32.7, 32.8, 41.4, 41.5, 41.6])).toEqual([
      [17.1, null], [17.2, 'blue'], [17.3, 'blue'],
      [24.4, 'blue'], [24.5, 'yellow'], [24.6, 'yellow'],
      [32.6, 'yellow'], [32.7, 'orange'], [32.8, 'orange'],
      [41.4, 'orange'], [41.5, 'red'], [41.6, 'red'],
    ]);
    expect(probe(GALE, 'wind_gust', [17.1])).toEqual([[17.1, 'blue']]);
  });

  it('a site takes the higher of mean wind and gust', () => {
    const st = engine(TYPHOON, {}, { kind: 'subjects', subjects: [{ siteKey: 'coast-1', sensors: { wind_speed: 'M1', wind_gust: 'G1' } }] });
    expect(ingest(st, { sensorId: 'M1', kind: 'wind_speed', at: t(0), value: 18 })).toMatchObject([{ siteKey: 'coast-1', to: 'yellow' }]);
    expect(ingest(st, { sensorId: 'G1', kind: 'wind_gust', at: t(1), value: 33 })).toMatchObject([{ from: 'yellow', to: 'orange', basis: '阵风风速 33 m/s ≥ 32.7 m/s' }]);
  });

  it('falls only after the 60-minute hold and 1 m/s below the threshold', () => {
    const st = engine(TYPHOON);
    const w = (m: number, v: number) => ingest(st, { sensorId: 's1', kind: 'wind_speed', at: t(m), value: v });
    expect(w(0, 24.5).map((x) => x.to)).toEqual(['orange']);
    expect(w(59, 20)).toEqual([]); // inside the hold
    expect(w(60, 23.5)).toEqual([]); // 23.5 ≥ 24.5 − 1
    expect(w(61, 23.4)).toMatchObject([{ from: 'orange', to: 'yellow' }]);
  });
});

describe('沙尘暴 (visibility: 黄 < 1000 m 沙尘暴, 橙 < 500 m 强沙尘暴, 红 < 50 m 特强沙尘暴)', () => {
  it('is the national table', () => {
    expect(levels(SANDSTORM)).toEqual({ yellow: '能见度 < 1000 m', orange: '能见度 < 500 m', red: '能见度 < 50 m' });
    expect(SANDSTORM.levels.blue).toBeUndefined();
  });

  it('strictly below each band: the threshold itself is the level beneath', () => {
    expect(probe(SANDSTORM, 'visibility', [1001, 1000, 999, 501, 500, 499, 51, 50, 49])).toEqual([
      [1001, null], [1000, null], [999, 'yellow'],
      [501, 'yellow'], [500, 'yellow'], [499, 'orange'],
      [51, 'orange'], [50, 'orange'], [49, 'red'],
    ]);
  });

  it('falls only after the 60-minute hold and once visibility is back to the threshold plus its 回差', () => {
    const st = engine(SANDSTORM);
    const v = (m: number, x: number) => ingest(st, { sensorId: 's1', kind: 'visibility', at: t(m), value: x });
    expect(v(0, 450).map((x) => x.to)).toEqual(['orange']);
    expect(v(30, 2000)).toEqual([]); // inside the hold
    expect(v(60, 549)).toEqual([]); // orange: < 500 + 50 still holds
    expect(v(61, 550)).toMatchObject([{ from: 'orange', to: 'yellow' }]);
    expect(v(121, 1099)).toEqual([]); // yellow: < 1000 + 100 still holds
    expect(v(122, 1100)).toMatchObject([{ from: 'yellow', to: null, basis: '能见度 1100 m ≥ 1100 m（1000 m 加回差 100 m）' }]);
  });
});

describe('霜冻 (ground minimum: 蓝 48 h < 0 °C, 黄 24 h ≤ −3 °C, 橙 24 h ≤ −5 °C)', () => {
  const ground = (at: number, value: number): Reading => ({ sensorId: 's1', kind: 'ground_temperature', at, value });

  it('is the national table, on ground-surface temperature', () => {
    expect(levels(FROST)).toEqual({ blue: '48小时内最低地面温度 < 0 °C', yellow: '24小时内最低地面温度 ≤ -3 °C', orange: '24小时内最低地面温度 ≤ -5 °C' });
    expect(FROST.sensorKinds).toEqual(['ground_temperature']);
    expect(FROST.levels.red).toBeUndefined();
  });

  it('blue strictly below 0 °C; yellow and orange at −3 / −5 °C inclusive', () => {
    expect(probe(FROST, 'ground_temperature', [0.1, 0, -0.1, -2.9, -3, -3.1, -4.9, -5, -5.1])).toEqual([
      [0.1, null], [0, null], [-0.1, 'blue'],
      [-2.9, 'blue'], [-3, 'yellow'], [-3.1, 'yellow'],
      [-4.9, 'yellow'], [-5, 'orange'], [-5.1, 'orange'],
    ]);
  });

  it('window edges: a −6 °C reading exactly 24 h before counts only for blue; 1 s later it is orange; 48 h before, nothing', () => {
    const T = t(3 * DAY);
    // The mild reading comes first; the cold one arrives late and is judged at T, the newest reading time.
    const at = (cold: number) => levelAfter(FROST, [ground(T, 2), ground(cold, -6)]);
    expect(at(T - DAY * MIN)).toBe('blue');
    expect(at(T - DAY * MIN + 1000)).toBe('orange');
    expect(at(T - 2 * DAY * MIN)).toBeNull();
    expect(at(T - 2 * DAY * MIN + 1000)).toBe('blue');
  });

  it('one frost night: orange for 24 h, then blue until 48 h after it', () => {
    const st = engine(FROST);
    const out: Transition[] = [...ingest(st, ground(t(0), -6)), ...ingest(st, ground(t(60), 3))];
    for (const m of [DAY - 1, DAY, 2 * DAY - 1, 2 * DAY]) out.push(...advanceTo(st, t(m)));
    expect(steps(out)).toEqual(['-→orange@0', 'orange→blue@1440', 'blue→-@2880']);
    expect(out[1]!.basis).toBe('24小时内最低地面温度 3 °C > -2.5 °C（-3 °C 加回差 0.5 °C）；48小时内最低地面温度 -6 °C < 0 °C');
  });
});

describe('雷电 (strikes near the site in 30 min: 橙 ≥ 1, 红 ≥ 10 — defaults, UNVERIFIED)', () => {
  const strikes = (at: number, value: number): Reading => ({ sensorId: 's1', kind: 'lightning_strikes', at, value });

  it('orange and red only; the counts are marked as defaults of ours', () => {
    expect(levels(LIGHTNING)).toEqual({ orange: '30分钟累计闪电次数 ≥ 1 次', red: '30分钟累计闪电次数 ≥ 10 次' });
    expect(LIGHTNING.unverified).toEqual(expect.arrayContaining(['levels.orange.threshold', 'levels.red.threshold', 'levels.*.minutes']));
    expect(LIGHTNING.source).toMatch(/UNVERIFIED.*默认值 \[UNVERIFIED\]/);
  });

  it('counts at, just below and just above each threshold', () => {
    expect(probe(LIGHTNING, 'lightning_strikes', [0, 1, 2, 9, 10, 11])).toEqual([
      [0, null], [1, 'orange'], [2, 'orange'], [9, 'orange'], [10, 'red'], [11, 'red'],
    ]);
  });

  it('window edges: ten strikes 29 min apart are red; 30 min apart the first nine have left the window (T − 30 min, T]', () => {
    const inside = engine(LIGHTNING);
    expect(steps(ingestMany(inside, [strikes(t(1), 9), strikes(t(30), 1)]))).toEqual(['-→orange@1', 'orange→red@30']);
    const outside = engine(LIGHTNING);
    expect(steps(ingestMany(outside, [strikes(t(0), 9), strikes(t(30), 1)]))).toEqual(['-→orange@0']);
  });

  it('orange lifts 30 min after the last strike, silence or zeros alike', () => {
    const st = engine(LIGHTNING);
    const out: Transition[] = [...ingest(st, strikes(t(0), 1)), ...ingest(st, strikes(t(10), 0))];
    out.push(...advanceTo(st, t(29)));
    expect(steps(out)).toEqual(['-→orange@0']);
    out.push(...ingest(st, strikes(t(30), 0)));
    expect(steps(out)).toEqual(['-→orange@0', 'orange→-@30']);
  });
});
