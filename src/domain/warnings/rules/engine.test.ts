import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  bindTemplate,
  COLD_WAVE,
  compileRuleSet,
  createEngineState,
  currentLevels,
  GALE,
  GAS_LEL,
  HEAT,
  ingest,
  ingestMany,
  levelOf,
  offlineSensors,
  RAINSTORM,
  type BindingTarget,
  type Condition,
  type EngineOptions,
  type Reading,
  type RuleBinding,
  type RuleTemplate,
  type Transition,
  type WarningRule,
} from './index';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-07-01T00:00:00.000Z');
const t = (minutes: number, seconds = 0) => T0 + minutes * MIN + seconds * 1000;

function engine(bindings: RuleBinding[], options?: EngineOptions) {
  const rs = compileRuleSet(bindings, options);
  if (!rs.ok) throw new Error(JSON.stringify(rs.errors));
  return createEngineState(rs.value);
}
function bound(tpl: RuleTemplate, overrides: unknown = {}, target?: BindingTarget, ruleId?: string): RuleBinding {
  const b = bindTemplate(tpl, overrides, { target, ruleId });
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  return b.value;
}
const rule = (id: string, typeCode: string, levels: WarningRule['levels'], hysteresis = 0, holdMinutes = 0): RuleBinding => ({
  rule: { id, typeCode, name: id, levels, hysteresis, holdMinutes },
  target: { kind: 'all' },
});
const rain = (sensorId: string, at: number, value: number): Reading => ({ sensorId, kind: 'rainfall', at, value });
const steps = (ts: readonly Transition[]) => ts.map((x) => `${x.from ?? '-'}→${x.to ?? '-'}@${(x.atMs - T0) / MIN}`);

describe('暴雨 national criteria (12h≥50 blue, 6h≥50 yellow, 3h≥50 orange, 3h≥100 red)', () => {
  it('exactly 50.0 mm in 3 h is orange; 49.9 mm is not (fixed point: 0.1 mm tips add up exactly)', () => {
    const st = engine([bound(RAINSTORM)]);
    // 500 tips of 0.1 mm, one every 20 s, all inside (T − 3 h, T]: in floating point they add up to 49.99999999999986.
    const readings = Array.from({ length: 500 }, (_, i) => rain('g1', t(0, 20 * (i + 1)), 0.1));
    const out = ingestMany(st, readings);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ sensorId: 'g1', ruleId: 'cma.rainstorm', typeCode: 'rainstorm', from: null, to: 'orange', value: 50 });
    expect(out[0]!.basis).toBe('3小时累计雨量 50 mm ≥ 50 mm');
    expect(out[0]!.at).toBe(new Date(t(0, 20 * 500)).toISOString());

    const st2 = engine([bound(RAINSTORM)]);
    expect(ingestMany(st2, readings.slice(0, 499))).toEqual([]);
    expect(levelOf(st2, 'cma.rainstorm', { sensorId: 'g1' })).toBeNull(); // 49.9 mm: not even blue (12 h ≥ 50)
  });

  it('a reading 3 h 0 min 1 s before the evaluation time is out of the 3 h window; 2 h 59 min 59 s is in', () => {
    const T = t(600);
    const st = engine([bound(RAINSTORM)]);
    ingest(st, rain('g1', T - 3 * HOUR - 1000, 10));
    ingest(st, rain('g1', T - 3 * HOUR, 0.5)); // exactly 3 h before: also outside (T − 3 h, T]
    const out = ingest(st, rain('g1', T, 40));
    expect(out.map((x) => [x.to, x.basis])).toEqual([['yellow', '6小时累计雨量 50.5 mm ≥ 50 mm']]);

    const st2 = engine([bound(RAINSTORM)]);
    ingest(st2, rain('g1', T - 3 * HOUR + 1000, 10));
    expect(ingest(st2, rain('g1', T, 40)).map((x) => x.to)).toEqual(['orange']);
  });

  it('each colour at its own window: 12 h → blue, 6 h → yellow, 3 h → orange, 100 mm in 3 h → red (upgrades at once)', () => {
    const st = engine([bound(RAINSTORM)]);
    const out: Transition[] = [];
    // 50 mm spread over 12 h (one 5 mm reading per 70 min), then harder rain.
    for (let i = 1; i <= 10; i++) out.push(...ingest(st, rain('g1', t(70 * i), 5)));
    expect(steps(out)).toEqual(['-→blue@700']);
    // 6 h ≥ 50: add 25 mm near the end (the last 6 h already hold 25 mm).
    out.push(...ingest(st, rain('g1', t(710), 25)));
    expect(steps(out).at(-1)).toBe('blue→yellow@710');
    out.push(...ingest(st, rain('g1', t(720), 20))); // 3 h: 5+25+20 = 50
    expect(steps(out).at(-1)).toBe('yellow→orange@720');
    out.push(...ingest(st, rain('g1', t(730), 40))); // 3 h (550, 730]: 5+5+5+25+20+40 = 100
    expect(out.at(-1)).toMatchObject({ from: 'orange', to: 'red', basis: '3小时累计雨量 100 mm ≥ 100 mm', value: 100 });
  });

  it('downgrades one window at a time after hold + hysteresis: orange → yellow → blue → none', () => {
    const st = engine([bound(RAINSTORM)]); // hysteresis 2 mm, hold 60 min
    const out: Transition[] = [];
    for (let m = 5; m <= 60; m += 5) out.push(...ingest(st, rain('g1', t(m), 5))); // 60 mm in the first hour
    for (let m = 65; m <= 13 * 60; m += 5) out.push(...ingest(st, rain('g1', t(m), 0)));
    // 3 h sum is 50 at 03:10 (orange holds), 45 at 03:15 (< 48 = 50 − 2): down to yellow (6 h = 60).
    expect(steps(out)).toEqual(['-→orange@50', 'orange→yellow@195', 'yellow→blue@375', 'blue→-@735']);
    expect(out[1]!.basis).toBe('3小时累计雨量 45 mm < 48 mm（50 mm 减回差 2 mm）；6小时累计雨量 60 mm ≥ 50 mm');
    expect(out[3]!.basis).toBe('12小时累计雨量 45 mm < 48 mm（50 mm 减回差 2 mm）');
  });

  it('with no readings at all, advanceTo lets the windows empty and the levels fall at the same times', () => {
    const st = engine([bound(RAINSTORM)]);
    const out: Transition[] = [];
    for (let m = 5; m <= 60; m += 5) out.push(...ingest(st, rain('g1', t(m), 5)));
    for (let m = 65; m <= 13 * 60; m += 5) out.push(...advanceTo(st, t(m)));
    expect(steps(out)).toEqual(['-→orange@50', 'orange→yellow@195', 'yellow→blue@375', 'blue→-@735']);
    expect(out[3]!.sensorId).toBe('g1');
  });
});

describe('readings identified by (sensor, time): duplicates, late and out-of-order', () => {
  it('a duplicate never counts twice, in order or late', () => {
    const st = engine([bound(RAINSTORM)]);
    ingest(st, rain('g1', t(10), 30));
    ingest(st, rain('g1', t(10), 30)); // same time again
    ingest(st, rain('g1', t(20), 10));
    ingest(st, rain('g1', t(10), 30)); // late duplicate
    expect(levelOf(st, 'cma.rainstorm', { sensorId: 'g1' })).toBeNull(); // 40 mm, not 100
    expect(st.stats).toMatchObject({ readings: 4, accepted: 2, duplicates: 2 });
    // Two readings in one bucket (20 s apart) are different readings; their duplicates are still caught.
    ingest(st, rain('g1', t(30, 20), 5));
    ingest(st, rain('g1', t(30, 40), 4.9));
    ingest(st, rain('g1', t(30, 20), 5));
    ingest(st, rain('g1', t(30, 40), 4.9));
    expect(ingest(st, rain('g1', t(30, 50), 0.1)).map((x) => x.to)).toEqual(['orange']); // 40 + 5 + 4.9 + 0.1 = 50.0 mm
    expect(st.stats.duplicates).toBe(4);
  });

  it('late and shuffled readings land in their windows: the same levels as in time order', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const readings = Array.from({ length: 300 }, (_, i) => rain('g1', t(5 * (i + 1)), Math.round(rnd() * (i > 150 && i < 170 ? 80 : 15)) / 10));
    const sorted = engine([bound(RAINSTORM, { holdMinutes: 0, hysteresis: 0 })]);
    ingestMany(sorted, readings);
    // Shuffle within a sliding block of 6 readings (up to 25 min late), then repeat 10 % of them.
    const shuffled = [...readings];
    for (let i = 0; i + 6 <= shuffled.length; i += 6) shuffled.splice(i, 6, ...shuffled.slice(i, i + 6).reverse());
    shuffled.push(...readings.filter((_, i) => i % 10 === 0));
    const late = engine([bound(RAINSTORM, { holdMinutes: 0, hysteresis: 0 })]);
    ingestMany(late, shuffled);
    const levels = (s: typeof late) => currentLevels(s).map((c) => [c.sensorId, c.level]);
    expect(levels(sorted)).not.toEqual([]);
    expect(levels(late)).toEqual(levels(sorted));
    // Repeats within the 12 h the rules look back are duplicates; older ones are simply too old to matter.
    expect(late.stats).toMatchObject({ accepted: 300, duplicates: 14, tooOld: 16 });
  });

  it('a late reading is judged at the newest reading time and can raise the level', () => {
    const st = engine([bound(RAINSTORM)]);
    ingest(st, rain('g1', t(100), 45));
    ingest(st, rain('g1', t(120), 0));
    const out = ingest(st, rain('g1', t(90), 5)); // arrives last, belongs 30 min earlier
    expect(out).toMatchObject([{ to: 'orange', atMs: t(120), value: 50 }]);
  });

  it('a reading older than every window is dropped and counted', () => {
    const st = engine([bound(RAINSTORM)]);
    ingest(st, rain('g1', t(13 * 60), 1));
    expect(ingest(st, rain('g1', t(30), 80))).toEqual([]);
    expect(st.stats.tooOld).toBe(1);
    ingest(st, { sensorId: 'g1', kind: 'rainfall', at: t(13 * 60 + 1), value: Number.NaN });
    ingest(st, { sensorId: 'g1', kind: 'wind_direction', at: t(13 * 60 + 1), value: 180 });
    expect(st.stats).toMatchObject({ rejected: 1, ignored: 1 });
  });
});

describe('hysteresis and hold time', () => {
  it('a gas reading oscillating around 20 %LEL raises yellow once and does not flap', () => {
    const st = engine([bound(GAS_LEL)]); // yellow ≥ 20, hysteresis 2, hold 10 min
    const out: Transition[] = [];
    for (let s = 0; s < 3600; s += 30) out.push(...ingest(st, { sensorId: 'd1', kind: 'gas_lel', at: t(0, s), value: s % 60 === 0 ? 20.4 : 19.1 }));
    expect(steps(out)).toEqual(['-→yellow@0']);
    expect(out[0]!.basis).toBe('可燃气体浓度 20.4 %LEL ≥ 20 %LEL');
    // Below 18 (= 20 − 2) but inside the hold time: kept; after it: lifted.
    out.push(...ingest(st, { sensorId: 'd1', kind: 'gas_lel', at: t(60), value: 5 }));
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ from: 'yellow', to: null, value: 5, basis: '可燃气体浓度 5 %LEL < 18 %LEL（20 %LEL 减回差 2 %LEL）' });
  });

  it('upgrades apply at once even inside the hold time; downgrades wait for it', () => {
    const st = engine([bound(GAS_LEL)]);
    const g = (m: number, value: number) => ingest(st, { sensorId: 'd1', kind: 'gas_lel', at: t(m), value });
    expect(g(0, 25).map((x) => x.to)).toEqual(['yellow']);
    expect(g(1, 55).map((x) => x.to)).toEqual(['red']);
    expect(g(2, 0)).toEqual([]); // red entered at 1, held until 11
    expect(g(10, 0)).toEqual([]);
    expect(g(11, 30)).toMatchObject([{ from: 'red', to: 'yellow' }]); // 30 < 48 leaves red; 30 ≥ 20 is yellow
    expect(g(12, 10)).toEqual([]); // yellow entered at 11
    expect(g(21, 19)).toEqual([]); // 19 ≥ 18: yellow kept by the hysteresis
    expect(g(22, 17.9)).toMatchObject([{ from: 'yellow', to: null }]);
  });

  it('hysteresis 0 and hold 0 follow the value exactly (what the benchmark loop also checks)', () => {
    const st = engine([bound(GAS_LEL, { hysteresis: 0, holdMinutes: 0 })]);
    const out: Transition[] = [];
    [25, 19, 25, 19].forEach((v, i) => out.push(...ingest(st, { sensorId: 'd1', kind: 'gas_lel', at: t(i), value: v })));
    expect(steps(out)).toEqual(['-→yellow@0', 'yellow→-@1', '-→yellow@2', 'yellow→-@3']);
  });
});

describe('consecutive days (Beijing calendar days)', () => {
  const temp = (at: string, value: number): Reading => ({ sensorId: 'th1', kind: 'temperature', at: Date.parse(at), value });

  it('高温 yellow after three Beijing days with max ≥ 35 °C, across midnight Beijing time', () => {
    const st = engine([bound(HEAT)]);
    const out = ingestMany(st, [
      temp('2026-07-01T06:00:00Z', 36.0), // 07-01 14:00 Beijing
      temp('2026-07-01T16:30:00Z', 36.0), // 07-02 00:30 Beijing (still 07-01 in UTC)
      temp('2026-07-02T15:59:00Z', 30.0), // 07-02 23:59 Beijing
      temp('2026-07-03T05:00:00Z', 35.0), // 07-03 13:00 Beijing: third day
    ]);
    expect(out).toMatchObject([{ from: null, to: 'yellow', at: '2026-07-03T05:00:00.000Z' }]);
    expect(out[0]!.basis).toBe('日最高气温连续3天 ≥ 35 °C：36、36、35 °C');
  });

  it('UTC days would not do: a hot hour at 00:30 Beijing belongs to the next day', () => {
    const st = engine([bound(HEAT)]);
    const out = ingestMany(st, [
      temp('2026-07-01T06:00:00Z', 36.0), // 07-01 Beijing
      temp('2026-07-01T15:30:00Z', 36.0), // 07-01 23:30 Beijing — same day, not the next
      temp('2026-07-03T05:00:00Z', 36.0), // 07-03: 07-02 has no reading ≥ 35
    ]);
    expect(out).toEqual([]);
  });

  it('the run ending yesterday holds during a cool morning; it lapses when a day in the run falls short', () => {
    const st = engine([bound(HEAT, { holdMinutes: 0 })]);
    ingestMany(st, [temp('2026-07-01T06:00:00Z', 35.5), temp('2026-07-02T06:00:00Z', 35.5), temp('2026-07-03T06:00:00Z', 35.5)]);
    expect(levelOf(st, 'cma.heat', { sensorId: 'th1' })).toBe('yellow');
    expect(ingest(st, temp('2026-07-04T00:00:00Z', 28))).toEqual([]); // 07-04 08:00 Beijing: 07-01..03 still count
    expect(ingest(st, temp('2026-07-04T07:00:00Z', 34))).toEqual([]); // 07-04 not settled until its day ends
    const out = ingest(st, temp('2026-07-05T00:00:00Z', 27)); // 07-05: the run ending 07-04 has 34 °C
    expect(out).toMatchObject([{ from: 'yellow', to: null }]);
    expect(out[0]!.basis).toBe('日最高气温未连续3天 ≥ 34.5 °C（35 °C 减回差 0.5 °C）：35.5、35.5、34 °C');
  });

  it('高温 orange and red on the 24-hour max', () => {
    const st = engine([bound(HEAT)]);
    expect(ingest(st, temp('2026-07-01T06:00:00Z', 37.2))).toMatchObject([{ to: 'orange', basis: '24小时内最高气温 37.2 °C ≥ 37 °C' }]);
    expect(ingest(st, temp('2026-07-01T07:00:00Z', 40.1))).toMatchObject([{ from: 'orange', to: 'red' }]);
  });
});

describe('rate of change', () => {
  const level = (at: number, value: number): Reading => ({ sensorId: 'w1', kind: 'water_level', at, value });
  const rising = (reference: 'ago' | 'extreme'): RuleBinding =>
    rule('flood.rise', 'flood', { yellow: { kind: 'change', metric: 'water_level', direction: 'rise', reference, minutes: 60, op: '>=', threshold: 0.5 } });

  it('water level rising ≥ 0.5 m/h against the level an hour ago', () => {
    const st = engine([rising('ago')]);
    const out: Transition[] = [];
    const levels = [2.0, 2.05, 2.1, 2.2, 2.3, 2.4, 2.45, 2.5, 2.6];
    levels.forEach((v, i) => out.push(...ingest(st, level(t(10 * i), v))));
    // at 60 min: 2.45 − 2.0 = 0.45; at 70 min: 2.5 − 2.05 = 0.45; at 80 min: 2.6 − 2.1 = 0.5
    expect(out).toMatchObject([{ to: 'yellow', atMs: t(80), value: 0.5, basis: '1小时水位上升 0.5 m ≥ 0.5 m' }]);
  });

  it("reference 'extreme': against the lowest level within the hour", () => {
    const st = engine([rising('extreme')]);
    const out = ingestMany(st, [level(t(0), 3), level(t(10), 2.2), level(t(40), 2.5), level(t(50), 2.71)]);
    expect(out).toMatchObject([{ to: 'yellow', atMs: t(50), basis: '1小时内水位上升 0.51 m ≥ 0.5 m' }]);
  });

  it('temperature drop ≥ 10 °C within 24 h (24 h 变温), with no help from the daily cycle', () => {
    const st = engine([rule('cold.drop', 'cold_wave', { yellow: { kind: 'change', metric: 'temperature', direction: 'drop', reference: 'ago', minutes: 1440, op: '>=', threshold: 10 } })]);
    const out: Transition[] = [];
    // A daily cycle of 12 °C amplitude does not trigger; a front dropping temperatures by 11 °C does.
    for (let h = 0; h <= 48; h++) out.push(...ingest(st, { sensorId: 't1', kind: 'temperature', at: t(60 * h), value: 15 + 6 * Math.sin((h / 24) * 2 * Math.PI) }));
    expect(out).toEqual([]);
    out.push(...ingest(st, { sensorId: 't1', kind: 'temperature', at: t(60 * 49), value: 15 + 6 * Math.sin((49 / 24) * 2 * Math.PI) - 11 }));
    expect(out).toMatchObject([{ to: 'yellow', basis: expect.stringMatching(/^24小时气温下降 11 °C ≥ 10 °C$/) }]);
  });
});

describe('combinations', () => {
  const site: BindingTarget = { kind: 'subjects', subjects: [{ siteKey: 'station-1', sensors: { temperature: 'T1', wind_speed: 'W1' } }] };

  it('寒潮 needs the drop AND the minimum AND the wind, from two sensors of one site', () => {
    const st = engine([bound(COLD_WAVE, {}, site)]);
    const out: Transition[] = [];
    const tmp = (h: number, v: number) => out.push(...ingest(st, { sensorId: 'T1', kind: 'temperature', at: t(60 * h), value: v }));
    const wind = (h: number, v: number) => out.push(...ingest(st, { sensorId: 'W1', kind: 'wind_speed', at: t(60 * h), value: v }));
    for (let h = 0; h <= 24; h++) tmp(h, 14);
    wind(24, 6);
    tmp(26, 13);
    tmp(48, 3); // 24 h drop 11 °C (14 → 3), min 3 ≤ 4 … but wind only 6 m/s (< force 6)
    expect(out).toEqual([]);
    wind(48, 11.2); // force 6
    expect(out).toMatchObject([{ siteKey: 'station-1', sensorId: 'W1', from: null, to: 'yellow' }]);
    expect(out[0]!.basis).toBe('24小时气温下降 11 °C ≥ 10 °C；24小时内最低气温 3 °C ≤ 4 °C；24小时内最大平均风速 11.2 m/s ≥ 10.8 m/s');
  });

  it('大风 is any of mean wind or gust; a site may have only one of them', () => {
    const st = engine([bound(GALE)]);
    expect(ingest(st, { sensorId: 'G1', kind: 'wind_gust', at: t(0), value: 14.0 })).toMatchObject([{ to: 'blue', basis: '阵风风速 14 m/s ≥ 13.9 m/s' }]);
    expect(ingest(st, { sensorId: 'M1', kind: 'wind_speed', at: t(0), value: 24.5 })).toMatchObject([{ to: 'orange', sensorId: 'M1' }]);
  });

  it('sustained: ≥ 20 %LEL continuously for 10 minutes', () => {
    const st = engine([rule('gas.sustained', 'gas_leak', { yellow: { kind: 'sustained', metric: 'gas_lel', op: '>=', threshold: 20, minutes: 10 } })]);
    const g = (m: number, v: number) => ingest(st, { sensorId: 'd1', kind: 'gas_lel', at: t(m), value: v });
    for (let m = 0; m < 10; m++) expect(g(m, 22)).toEqual([]);
    g(10, 15); // breaks the run
    for (let m = 11; m < 21; m++) expect(g(m, 22)).toEqual([]);
    expect(g(21, 23)).toMatchObject([{ to: 'yellow', basis: '可燃气体浓度 ≥ 20 %LEL 已持续 10分钟 ≥ 10分钟（当前 23 %LEL）' }]);
  });
});

describe('areas', () => {
  it('an area takes the highest level of its members and says which one', () => {
    const st = engine([bound(RAINSTORM, { holdMinutes: 0 }, { kind: 'area', areaKey: '511826001', members: ['g1', 'g2'] }, 'rain.town')]);
    expect(ingest(st, rain('g1', t(10), 60))).toMatchObject([{ areaKey: '511826001', sensorId: 'g1', from: null, to: 'orange', basis: '传感器 g1：3小时累计雨量 60 mm ≥ 50 mm' }]);
    expect(ingest(st, rain('g2', t(10), 55))).toEqual([]); // orange already
    expect(ingest(st, rain('g3', t(10), 200))).toEqual([]); // not a member
    expect(ingest(st, rain('g2', t(20), 50))).toMatchObject([{ from: 'orange', to: 'red' }]);
    expect(currentLevels(st)).toEqual([{ ruleId: 'rain.town', typeCode: 'rainstorm', sensorId: null, siteKey: null, areaKey: '511826001', level: 'red', since: new Date(t(20)).toISOString() }]);
    const down = advanceTo(st, t(4 * 60));
    expect(down).toMatchObject([{ areaKey: '511826001', from: 'red', to: 'yellow' }]);
    expect(down[0]!.basis).toBe('传感器 g2：3小时累计雨量 0 mm < 48 mm（50 mm 减回差 2 mm）；6小时累计雨量 105 mm ≥ 50 mm；区域内 2 个监测点为黄色');
  });
});

describe('offline sensors (离线)', () => {
  it('silent for longer than their interval, or never reported', () => {
    const st = engine([bound(RAINSTORM)]);
    ingest(st, rain('g1', t(0), 0));
    ingest(st, rain('g2', t(8), 0));
    ingest(st, { sensorId: 'x9', kind: 'wind_direction', at: t(1), value: 90 }); // no rule reads it, but it is alive
    const now = t(10);
    expect(offlineSensors(st, now, { g1: 5 * MIN, g2: 5 * MIN, g3: 5 * MIN })).toEqual([
      { sensorId: 'g3', lastReadingAt: null, silentMs: null, intervalMs: 5 * MIN },
      { sensorId: 'g1', lastReadingAt: new Date(t(0)).toISOString(), silentMs: 10 * MIN, intervalMs: 5 * MIN },
    ]);
    expect(offlineSensors(st, now, { g1: 10 * MIN })).toEqual([]); // exactly the interval: not yet
    expect(offlineSensors(st, now, {}, 5 * MIN).map((o) => o.sensorId)).toEqual(['g1', 'x9']);
  });
});

describe('rule sets', () => {
  it('checks bindings: rule ids, targets, sites, bucket multiples', () => {
    const ok = bound(RAINSTORM);
    const r = compileRuleSet(
      [
        ok,
        ok,
        { rule: { ...ok.rule, id: 'b' }, target: { kind: 'subjects', subjects: [] } },
        { rule: { ...ok.rule, id: 'c' }, target: { kind: 'subjects', subjects: [{ siteKey: 's', sensors: { temperature: 'a' } }, { siteKey: 's', sensors: { temperature: 'b' } }] } },
      ],
      { bucketMinutes: 7 },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['bindings[0].rule.levels.blue.minutes', 'bindings[1].rule.id', 'bindings[2].target.subjects', 'bindings[3].target.subjects[1]']),
    );
    expect(r.errors.find((e) => e.path === 'bindings[0].rule.levels.blue.minutes')!.message).toBe('时长（分钟）应为时间桶宽度 7 分钟的整数倍');
    expect(compileRuleSet([ok], { bucketMinutes: 0 })).toMatchObject({ ok: false, errors: [{ path: 'options.bucketMinutes' }] });
  });

  it('5-minute buckets give the same levels for 5-minute readings', () => {
    const readings: Reading[] = [];
    for (let i = 1; i <= 400; i++) readings.push(rain('g1', t(5 * i), i % 50 < 8 ? 7.3 : 0.2));
    const a = engine([bound(RAINSTORM)]);
    const b = engine([bound(RAINSTORM)], { bucketMinutes: 5 });
    expect(steps(ingestMany(b, readings))).toEqual(steps(ingestMany(a, readings)));
  });

  it('a window mean / max / min equals a brute-force recomputation (random, late, duplicated readings)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const conds: Condition[] = [
      { kind: 'window', agg: 'mean', metric: 'pm25', minutes: 60, op: '>=', threshold: 0 },
      { kind: 'window', agg: 'max', metric: 'pm25', minutes: 60, op: '>=', threshold: 0 },
      { kind: 'window', agg: 'min', metric: 'pm25', minutes: 60, op: '>=', threshold: 0 },
    ];
    for (const [i, c] of conds.entries()) {
      const threshold = [40, 70, 20][i]!;
      const binding = rule('p', 'air_pollution', { yellow: { ...c, threshold } as Condition });
      const st = engine([binding]);
      const seen = new Map<number, number>();
      for (let k = 0; k < 2000; k++) {
        const at = t(Math.floor(k / 2) + Math.floor(rnd() * 40) - 20); // up to 20 min late or early
        const value = Math.round(rnd() * 1000) / 10;
        const first = !seen.has(at);
        ingest(st, { sensorId: 'p1', kind: 'pm25', at, value });
        if (first) seen.set(at, value);
        const T = Math.max(...seen.keys());
        const inWin = [...seen.entries()].filter(([ts]) => ts > T - HOUR && ts <= T).map(([, v]) => v);
        const agg = [inWin.reduce((s, v) => s + v, 0) / inWin.length, Math.max(...inWin), Math.min(...inWin)][i]!;
        const expected = agg >= threshold - 1e-9 ? 'yellow' : null;
        expect([k, levelOf(st, 'p', { sensorId: 'p1' })]).toEqual([k, expected]);
      }
    }
  });
});

describe('the fast paths agree with a plain reference implementation', () => {
  /** Brute force: every kept reading, window sums recomputed from scratch, the level rules spelled out. */
  function reference(events: ({ r: Reading } | { now: number })[], bucketMinutes: number, hysteresisMm: number, holdMinutes: number) {
    const w = bucketMinutes * MIN;
    const n = 720 / bucketMinutes; // ring: the longest window
    const kept = new Map<number, number>();
    let T = -Infinity;
    let cur = 0;
    let since = -Infinity;
    const out: string[] = [];
    const sum = (minutes: number) => {
      const bT = Math.ceil(T / w);
      let s = 0;
      for (const [ts, v] of kept) if (Math.ceil(ts / w) > bT - minutes / bucketMinutes && Math.ceil(ts / w) <= bT) s += Math.round(v * 10);
      return s;
    };
    const evaluate = () => {
      const s3 = sum(180);
      const s6 = sum(360);
      const s12 = sum(720);
      const h = hysteresisMm * 10;
      const holds = (r: number, d: number) => (r === 4 ? s3 >= 1000 - d : r === 3 ? s3 >= 500 - d : r === 2 ? s6 >= 500 - d : s12 >= 500 - d);
      let target = 0;
      for (let r = 4; r > 0; r--)
        if (holds(r, 0)) {
          target = r;
          break;
        }
      let next = cur;
      if (target > cur) next = target;
      else if (target < cur && T >= since + holdMinutes * MIN) {
        next = target;
        for (let r = cur; r > target; r--)
          if (holds(r, h)) {
            next = r;
            break;
          }
      }
      if (next !== cur) {
        out.push(`${cur}→${next}@${(T - T0) / 1000}`);
        cur = next;
        since = T;
      }
    };
    for (const ev of events) {
      if ('now' in ev) {
        if (ev.now > T) {
          T = ev.now;
          evaluate();
        }
        continue;
      }
      const { at, value } = ev.r;
      if (kept.has(at)) continue; // duplicate
      if (T !== -Infinity && Math.ceil(at / w) <= Math.ceil(T / w) - n) continue; // older than the ring
      kept.set(at, value);
      if (at > T) T = at;
      evaluate();
    }
    return out;
  }

  const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;
  const asSteps = (ts: readonly Transition[]) => ts.map((x) => `${x.from ? RANK[x.from] : 0}→${x.to ? RANK[x.to] : 0}@${(x.atMs - T0) / 1000}`);

  for (const bucketMinutes of [1, 5]) {
    it(`暴雨 on random streams (late, repeated, off-minute readings, time ticks), ${bucketMinutes}-minute buckets`, () => {
      let seed = 1234 + bucketMinutes;
      const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      for (let trial = 0; trial < 12; trial++) {
        const events: ({ r: Reading } | { now: number })[] = [];
        let clock = 0;
        const sent: Reading[] = [];
        for (let k = 0; k < 400; k++) {
          clock += 5 * 60 * (rnd() < 0.05 ? 1 + Math.floor(rnd() * 40) : 1); // sometimes silent for hours
          const offMinute = rnd() < 0.2 ? Math.floor(rnd() * 59) + 1 : 0;
          const storm = Math.sin(k / 25) > 0.6;
          const r = rain('g1', t(0, clock + offMinute), storm ? Math.round(rnd() * 120) / 10 : rnd() < 0.2 ? Math.round(rnd() * 5) / 10 : 0);
          const x = rnd();
          if (x < 0.05 && sent.length > 3) events.push({ r: sent[sent.length - 1 - Math.floor(rnd() * 3)]! }); // repeat
          if (x > 0.95) events.push({ now: t(0, clock + 120) }); // a timer tick
          if (x > 0.9 && x <= 0.95 && sent.length > 0) {
            // deliver this one late: after the next
            events.push({ r });
            const prev = events.length - 2;
            if (prev >= 0) [events[prev], events[prev + 1]] = [events[prev + 1]!, events[prev]!];
          } else events.push({ r });
          sent.push(r);
        }
        const hyst = trial % 3 === 0 ? 0 : 2;
        const hold = trial % 2 === 0 ? 60 : 0;
        const st = engine([bound(RAINSTORM, { hysteresis: hyst, holdMinutes: hold })], { bucketMinutes });
        const got: Transition[] = [];
        for (const ev of events) got.push(...('now' in ev ? advanceTo(st, ev.now) : ingest(st, ev.r)));
        expect([trial, asSteps(got)]).toEqual([trial, reference(events, bucketMinutes, hyst, hold)]);
      }
    });
  }

  it('a sensor read by two rules takes the general path; a site with one rain gauge the fast one; both count once', () => {
    const st = engine([
      bound(RAINSTORM, {}, { kind: 'all' }, 'rain.all'),
      bound(RAINSTORM, { levels: { orange: { threshold: 40 } } }, { kind: 'subjects', subjects: ['g1'] }, 'rain.g1'),
      bound(RAINSTORM, {}, { kind: 'subjects', subjects: [{ siteKey: 'station-7', sensors: { rainfall: 'g7' } }] }, 'rain.site'),
    ]);
    const out: Transition[] = [];
    for (let m = 5; m <= 60; m += 5) {
      out.push(...ingest(st, rain('g1', t(m), 4)));
      out.push(...ingest(st, rain('g1', t(m), 4))); // repeated
      out.push(...ingest(st, rain('g7', t(m), 5)));
    }
    expect(out.map((x) => `${x.ruleId} ${x.sensorId} ${x.siteKey} ${x.to}@${(x.atMs - T0) / MIN}`)).toEqual([
      'rain.g1 g1 null orange@50', // 40 mm in 3 h with the local threshold
      'rain.all g7 null orange@50', // g7 is also a sensor of its own for the 'all' binding (its own feed first)
      'rain.site g7 station-7 orange@50', // 50 mm
    ]);
    expect(levelOf(st, 'rain.all', { sensorId: 'g1' })).toBeNull(); // 48 mm: below every national level
    expect(st.stats).toMatchObject({ accepted: 24, duplicates: 12 });
  });
});
