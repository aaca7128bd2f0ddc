// Ready rule templates: the national warning-signal criteria (REFERENCE.md §5.2) read as conditions on observed values,
// plus air-quality and combustible-gas defaults. A jurisdiction binds a template to its sensors, sites or areas and may
// adjust the numbers (bindTemplate). Every threshold is a default, never a constant (REFERENCE.md: configurable per
// jurisdiction; provinces such as Guangdong use their own signal sets).
//
// How the signals are read. The annex words each colour as "will reach X (forecast), or has reached X and may
// continue". A rule engine on sensors can only see the second half: it raises a level when the observed value has
// reached X. The forecast half ("within 24 h will…", lead times, "may continue", impact on traffic or farming) is judged
// by people — the duty forecaster or the duty officer issues or upgrades a warning by hand when the forecast says so.
import {
  LEVELS_ASCENDING,
  type BindingTarget,
  type Comparison,
  type Condition,
  type FieldError,
  type MetricCode,
  type Result,
  type RuleBinding,
  type RuleTemplate,
  type WarningLevel,
  type WarningRule,
} from './model';
import { validateBindings, validateRule } from './validate';

// ---------- conversions ----------

/**
 * Beaufort force → lower bound of the 10-minute mean wind speed at 10 m, m/s (force 0–17). The Beaufort scale as
 * extended to force 17 in China's national wind-force standard GB/T 28591-2012 《风力等级》 [UNVERIFIED: number/year
 * from memory; the values are the WMO Beaufort bounds, 0.1 m/s resolution]. Force ≥ 6 ⇔ speed ≥ 10.8 m/s. Gusts (阵风)
 * use the same table.
 */
export const BEAUFORT_MIN_MS: readonly number[] = [0, 0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2, 51.0, 56.1];
export function beaufortToMs(force: number): number {
  const v = BEAUFORT_MIN_MS[force];
  if (v === undefined) throw new RangeError(`Beaufort force ${force} outside 0–17`);
  return v;
}
/** The force of a wind speed (m/s), 0–17. */
export function msToBeaufort(ms: number): number {
  let f = 0;
  while (f + 1 < BEAUFORT_MIN_MS.length && ms >= BEAUFORT_MIN_MS[f + 1]!) f++;
  return f;
}

/**
 * PM2.5 24-hour mean IAQI breakpoints, HJ 633-2012 《环境空气质量指数（AQI）技术规定（试行）》 table 1 [UNVERIFIED: from
 * memory, widely reproduced]: concentration μg/m³ → IAQI, with the AQI category that starts above it.
 */
export const PM25_24H_IAQI: readonly { ugm3: number; iaqi: number; above: string }[] = [
  { ugm3: 0, iaqi: 0, above: '优' },
  { ugm3: 35, iaqi: 50, above: '良' },
  { ugm3: 75, iaqi: 100, above: '轻度污染' },
  { ugm3: 115, iaqi: 150, above: '中度污染' },
  { ugm3: 150, iaqi: 200, above: '重度污染' },
  { ugm3: 250, iaqi: 300, above: '严重污染' },
  { ugm3: 350, iaqi: 400, above: '严重污染' },
  { ugm3: 500, iaqi: 500, above: '严重污染' },
];

// ---------- builders ----------

const sum = (metric: MetricCode, minutes: number, threshold: number): Condition => ({ kind: 'window', agg: 'sum', metric, minutes, op: '>=', threshold });
const latest = (metric: MetricCode, op: Comparison, threshold: number, hysteresis?: number): Condition =>
  hysteresis === undefined ? { kind: 'latest', metric, op, threshold } : { kind: 'latest', metric, op, threshold, hysteresis };
const DAY_MIN = 24 * 60;

const CMA_SOURCE =
  '《气象灾害预警信号发布与传播办法》附件《气象灾害预警信号及防御指南》（中国气象局令第16号，2007年）[令号与年份 UNVERIFIED]；' +
  '标准文字据 REFERENCE.md §5.2 [V2：两个独立代码库逐字一致（台风、暴雨、高温），其余类型仅一个代码库]';
const OBSERVED_ONLY = '只判定“已达到”部分：预报部分（“将达到”“可能持续”、提前量、对交通农牧业的影响）由值班人员研判后人工发布或升级。';
const ENGINEERING_DEFAULTS = ['hysteresis', 'holdMinutes'];

/** 暴雨: rainfall sums over 12 h / 6 h / 3 h (increments of the gauge summed in the window). */
export const RAINSTORM: RuleTemplate = {
  id: 'cma.rainstorm',
  typeCode: 'rainstorm',
  name: '暴雨预警（国家标准）',
  sensorKinds: ['rainfall'],
  // 中国气象局令第16号附件 暴雨预警信号 [号/年 UNVERIFIED; criteria V2]: 蓝 12小时≥50mm，黄 6小时≥50mm，橙 3小时≥50mm，红 3小时≥100mm
  levels: {
    blue: sum('rainfall', 720, 50),
    yellow: sum('rainfall', 360, 50),
    orange: sum('rainfall', 180, 50),
    red: sum('rainfall', 180, 100),
  },
  hysteresis: 2,
  holdMinutes: 60,
  source: CMA_SOURCE,
  unverified: ENGINEERING_DEFAULTS,
  notes: [OBSERVED_ONLY, '每个读数为上次读数以来的雨量增量；窗口为 (T − 时长, T]。回差 2 mm、最短保持 60 分钟为本系统默认值，非国家标准。'],
};

const gale = (mean: number, gust: number): Condition => ({
  kind: 'any',
  of: [latest('wind_speed', '>=', beaufortToMs(mean)), latest('wind_gust', '>=', beaufortToMs(gust))],
});

/** 大风: mean wind or gusts by Beaufort force, converted to m/s (BEAUFORT_MIN_MS). */
export const GALE: RuleTemplate = {
  id: 'cma.gale',
  typeCode: 'gale',
  name: '大风预警（国家标准）',
  sensorKinds: ['wind_speed', 'wind_gust'],
  // 中国气象局令第16号附件 大风预警信号 [号/年 UNVERIFIED; criteria V2]（已出现部分）:
  // 蓝 平均风力≥6级或阵风≥7级；黄 ≥8级或阵风≥9级；橙 ≥10级或阵风≥11级；红 ≥12级或阵风≥13级。
  // 风力级 → m/s 按 GB/T 28591-2012 风力等级下限 [UNVERIFIED]: 6级 10.8，7级 13.9，8级 17.2，9级 20.8，10级 24.5，11级 28.5，12级 32.7，13级 37.0
  levels: { blue: gale(6, 7), yellow: gale(8, 9), orange: gale(10, 11), red: gale(12, 13) },
  hysteresis: 1,
  holdMinutes: 60,
  source: `${CMA_SOURCE}；风力等级换算 GB/T 28591-2012《风力等级》[UNVERIFIED]`,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.of[*].threshold（风力等级→m/s 换算）'],
  notes: [
    OBSERVED_ONLY,
    '平均风速读数为 10 分钟平均风速（wind_speed），阵风为极大风速（wind_gust），单位 m/s；级别下限按蒲福风级（GB/T 28591-2012）换算：6级≥10.8、7级≥13.9、8级≥17.2、9级≥20.8、10级≥24.5、11级≥28.5、12级≥32.7、13级≥37.0 m/s。',
    '平均风速与阵风来自同一地点的两个传感器时，请以站点（siteKey + sensors）绑定。',
  ],
};

/** 台风: the observed-wind part only — mean wind or gusts by Beaufort force, read as 大风 is. */
export const TYPHOON: RuleTemplate = {
  id: 'cma.typhoon',
  typeCode: 'typhoon',
  name: '台风预警（国家标准，实况风力部分）',
  sensorKinds: ['wind_speed', 'wind_gust'],
  // 中国气象局令第16号附件 台风预警信号 [号/年 UNVERIFIED; criteria V2, two repos agree]: “X小时内可能或者已经受热带气旋影响，
  // 沿海或者陆地平均风力达A级以上，或者阵风B级以上并可能持续”：蓝 24小时 6级/阵风8级；黄 24小时 8/10；橙 12小时 10/12；红 6小时 12/14。
  // 风力级 → m/s 同大风 [UNVERIFIED]: 6级 10.8，8级 17.2，10级 24.5，12级 32.7，14级 41.5
  levels: { blue: gale(6, 8), yellow: gale(8, 10), orange: gale(10, 12), red: gale(12, 14) },
  hysteresis: 1,
  holdMinutes: 60,
  source: `${CMA_SOURCE}；风力等级换算 GB/T 28591-2012《风力等级》[UNVERIFIED]`,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.of[*].threshold（风力等级→m/s 换算）'],
  notes: [
    '台风信号由气象台依据热带气旋的路径和强度预报发布（24/12/6 小时内可能受影响）；本模板只是“已经受热带气旋影响，平均风力或阵风已达到”的实况风力部分，不能替代气象台的信号。',
    '传感器分不清风从何来：是否正受热带气旋影响由值班人员确认，没有热带气旋时同样的风是大风（cma.gale），不是台风。',
    '读数与换算同大风模板（10 分钟平均风速 wind_speed、极大风速 wind_gust，m/s）：阵风 8级≥17.2、10级≥24.5、12级≥32.7、14级≥41.5 m/s。',
  ],
};

/** 高温: yellow on three Beijing days in a row with daily max ≥ 35 °C; orange/red on the 24 h max. */
export const HEAT: RuleTemplate = {
  id: 'cma.heat',
  typeCode: 'heat',
  name: '高温预警（国家标准）',
  sensorKinds: ['temperature'],
  // 中国气象局令第16号附件 高温预警信号 [号/年 UNVERIFIED; criteria V2]: 黄 连续三天日最高气温≥35℃；橙 24小时内最高气温升至37℃以上；红 升至40℃以上
  levels: {
    yellow: { kind: 'daily_run', agg: 'max', metric: 'temperature', days: 3, op: '>=', threshold: 35 },
    orange: { kind: 'window', agg: 'max', metric: 'temperature', minutes: DAY_MIN, op: '>=', threshold: 37 },
    red: { kind: 'window', agg: 'max', metric: 'temperature', minutes: DAY_MIN, op: '>=', threshold: 40 },
  },
  hysteresis: 0.5,
  holdMinutes: 60,
  source: CMA_SOURCE,
  unverified: ENGINEERING_DEFAULTS,
  notes: [
    '黄色按实况：北京时间连续3个自然日的日最高气温≥35℃（当天一旦达到即计入，否则以截至昨天的连续天数为准）。',
    '橙色、红色的标准是预报（“24小时内最高气温将升至37℃/40℃以上”），此处按实况读作“过去24小时最高气温≥37℃/40℃”；预报部分由值班人员研判。',
  ],
};

const cold = (dropMinutes: number, drop: number, min: number, windForce: number): Condition => ({
  kind: 'all',
  of: [
    { kind: 'change', metric: 'temperature', direction: 'drop', reference: 'ago', minutes: dropMinutes, op: '>=', threshold: drop },
    { kind: 'window', agg: 'min', metric: 'temperature', minutes: DAY_MIN, op: '<=', threshold: min },
    { kind: 'window', agg: 'max', metric: 'wind_speed', minutes: DAY_MIN, op: '>=', threshold: beaufortToMs(windForce) },
  ],
});

/** 寒潮: temperature drop over 24/48 h AND minimum temperature AND mean wind, all three. */
export const COLD_WAVE: RuleTemplate = {
  id: 'cma.cold_wave',
  typeCode: 'cold_wave',
  name: '寒潮预警（国家标准）',
  sensorKinds: ['temperature', 'wind_speed'],
  // 中国气象局令第16号附件 寒潮预警信号 [号/年 UNVERIFIED; criteria V2, single repo]:
  // 蓝 48小时降温≥8℃且最低气温≤4℃且陆地平均风力≥5级；黄 24小时降温≥10℃，最低≤4℃，风力≥6级；
  // 橙 24小时降温≥12℃，最低≤0℃，风力≥6级；红 24小时降温≥16℃，最低≤0℃，风力≥6级
  levels: { blue: cold(2 * DAY_MIN, 8, 4, 5), yellow: cold(DAY_MIN, 10, 4, 6), orange: cold(DAY_MIN, 12, 0, 6), red: cold(DAY_MIN, 16, 0, 6) },
  hysteresis: 1,
  holdMinutes: 180,
  source: `${CMA_SOURCE}；风力等级换算 GB/T 28591-2012《风力等级》[UNVERIFIED]`,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.of[2].threshold（风力等级→m/s 换算）'],
  notes: [
    OBSERVED_ONLY,
    '降温幅度按实况读作 24/48 小时变温：当前气温与 24/48 小时前同一时刻气温之差（前后 60 分钟内最近的读数），不受日变化影响；标准原文指日最低气温的下降，两者在清晨最低气温时刻一致。',
    '最低气温取过去 24 小时最低值；平均风力取过去 24 小时最大 10 分钟平均风速（5级≥8.0、6级≥10.8 m/s）。气温与风速来自两个传感器时请以站点绑定。',
  ],
};

/** 大雾: visibility bands (lower is worse). */
export const FOG: RuleTemplate = {
  id: 'cma.fog',
  typeCode: 'fog',
  name: '大雾预警（国家标准）',
  sensorKinds: ['visibility'],
  // 中国气象局令第16号附件 大雾预警信号 [号/年 UNVERIFIED; criteria V2, single repo]:
  // 黄 能见度<500m（实况 200–500m）；橙 <200m（实况 50–200m）；红 <50m
  levels: { yellow: latest('visibility', '<', 500, 50), orange: latest('visibility', '<', 200, 20), red: latest('visibility', '<', 50, 10) },
  hysteresis: 50,
  holdMinutes: 30,
  source: CMA_SOURCE,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.hysteresis'],
  notes: [OBSERVED_ONLY, '按最新能见度读数；回差（黄 50 m、橙 20 m、红 10 m）为本系统默认值。', '能见度仪分不清雾与霾：相对湿度的判别由值班人员完成。'],
};

/** 霾: visibility bands (2007 version; see REFERENCE.md §5.1 caution). */
export const HAZE: RuleTemplate = {
  id: 'cma.haze',
  typeCode: 'haze',
  name: '霾预警（国家标准2007版）',
  sensorKinds: ['visibility'],
  // 中国气象局令第16号附件 霾预警信号 [号/年 UNVERIFIED; criteria V2, single repo; 霾信号2007年后或已修订 UNVERIFIED]:
  // 黄 能见度<3000m；橙 能见度<2000m
  levels: { yellow: latest('visibility', '<', 3000), orange: latest('visibility', '<', 2000) },
  hysteresis: 200,
  holdMinutes: 60,
  source: `${CMA_SOURCE}；霾信号在2007年后可能已修订 [UNVERIFIED]`,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.threshold（2007版，或已修订）'],
  notes: [OBSERVED_ONLY, '按最新能见度读数；霾与雾的区分（相对湿度）由值班人员判断，低能见度会同时满足大雾与霾模板。'],
};

/** 沙尘暴: visibility bands of 沙尘暴 / 强沙尘暴 / 特强沙尘暴 (lower is worse), read as 大雾 is. */
export const SANDSTORM: RuleTemplate = {
  id: 'cma.sandstorm',
  typeCode: 'sandstorm',
  name: '沙尘暴预警（国家标准）',
  sensorKinds: ['visibility'],
  // 中国气象局令第16号附件 沙尘暴预警信号 [号/年 UNVERIFIED; criteria V2, single repo]:
  // 黄 12小时内沙尘暴（能见度<1000m）；橙 6小时内强沙尘暴（<500m）；红 6小时内特强沙尘暴（<50m）。标准只有能见度，没有风速条件。
  levels: { yellow: latest('visibility', '<', 1000, 100), orange: latest('visibility', '<', 500, 50), red: latest('visibility', '<', 50, 10) },
  hysteresis: 100,
  holdMinutes: 60,
  source: CMA_SOURCE,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.hysteresis'],
  notes: [
    OBSERVED_ONLY,
    '按最新能见度读数，同大雾模板；回差（黄 100 m、橙 50 m、红 10 m）为本系统默认值。',
    // Why no wind condition: the annex has none (a wind threshold would be a number of ours), and the server binds a rule
    // to sensors, each its own subject, so visibility and wind from two sensors would never be seen together there.
    '能见度仪分不清沙尘与雾、霾：是否为沙尘天气（大风扬沙、空气混浊）由值班人员判断，雾中的低能见度同样满足本模板。宜只在沙尘暴多发地区绑定，并生成草稿待审核，不宜自动发布。',
  ],
};

/** 暴雪: snowfall (water equivalent) sums over 12 h / 6 h. */
export const SNOWSTORM: RuleTemplate = {
  id: 'cma.snowstorm',
  typeCode: 'snowstorm',
  name: '暴雪预警（国家标准）',
  sensorKinds: ['snowfall'],
  // 中国气象局令第16号附件 暴雪预警信号 [号/年 UNVERIFIED; criteria V2, single repo]:
  // 蓝 12小时降雪量≥4mm；黄 12小时≥6mm；橙 6小时≥10mm；红 6小时≥15mm
  levels: { blue: sum('snowfall', 720, 4), yellow: sum('snowfall', 720, 6), orange: sum('snowfall', 360, 10), red: sum('snowfall', 360, 15) },
  hysteresis: 0.5,
  holdMinutes: 60,
  source: CMA_SOURCE,
  unverified: ENGINEERING_DEFAULTS,
  notes: [OBSERVED_ONLY, '降雪量为融化后的水当量（mm），每个读数为增量；“对交通或农牧业有影响”由值班人员判断。'],
};

/** 道路结冰: road surface below 0 °C with precipitation (yellow only; see notes). */
export const ROAD_ICING: RuleTemplate = {
  id: 'cma.road_icing',
  typeCode: 'road_icing',
  name: '道路结冰预警（国家标准）',
  sensorKinds: ['road_temperature', 'rainfall'],
  // 中国气象局令第16号附件 道路结冰预警信号 [号/年 UNVERIFIED; criteria V2, single repo]:
  // 黄/橙/红 均为“路表温度低于0℃，出现降水”，区别在12/6/2小时内可能出现、对交通影响的程度（预报）
  levels: {
    yellow: {
      kind: 'all',
      of: [latest('road_temperature', '<', 0), { kind: 'window', agg: 'sum', metric: 'rainfall', minutes: 60, op: '>', threshold: 0, hysteresis: 0 }],
    },
  },
  hysteresis: 0.5,
  holdMinutes: 60,
  source: CMA_SOURCE,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.yellow.of[1].minutes（“出现降水”读作过去1小时有降水）'],
  notes: [
    '实况只能判定“路表温度低于0℃且出现降水”（过去1小时降水量>0），对应黄色的实况部分；橙色、红色的区别在于结冰的提前量和对交通的影响程度，由值班人员研判后人工升级。',
    '路面温度与雨量来自同一交通气象站的两个传感器时请以站点绑定。',
  ],
};

const groundMin = (minutes: number, op: Comparison, threshold: number): Condition => ({ kind: 'window', agg: 'min', metric: 'ground_temperature', minutes, op, threshold });

/** 霜冻: the lowest ground-surface temperature over the last 48 h (blue) / 24 h (yellow, orange). */
export const FROST: RuleTemplate = {
  id: 'cma.frost',
  typeCode: 'frost',
  name: '霜冻预警（国家标准）',
  sensorKinds: ['ground_temperature'],
  // 中国气象局令第16号附件 霜冻预警信号 [号/年 UNVERIFIED; criteria V2, single repo]: “X小时内地面最低温度将要下降到Y以下…，
  // 或者已经降到Y以下…并可能持续”：蓝 48小时 0℃以下；黄 24小时 零下3℃以下；橙 24小时 零下5℃以下。
  // 比较方式照录 REFERENCE.md §5.2：蓝 < 0 ℃，黄 ≤ −3 ℃，橙 ≤ −5 ℃。
  levels: { blue: groundMin(2 * DAY_MIN, '<', 0), yellow: groundMin(DAY_MIN, '<=', -3), orange: groundMin(DAY_MIN, '<=', -5) },
  hysteresis: 0.5,
  holdMinutes: 60,
  source: CMA_SOURCE,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.minutes（实况读作过去48/24小时内的最低值）'],
  notes: [
    OBSERVED_ONLY,
    '读数为地面（裸地表面，0 cm）温度，不是百叶箱气温：晴夜地面最低温度常低于最低气温，用气温传感器会漏报。',
    '48/24 小时在标准中是预报提前量；实况读作过去 48/24 小时内的最低地面温度，所以一次霜冻后蓝色最长保持 48 小时、黄橙 24 小时（“并可能持续”）。“对农业产生影响”由值班人员判断。',
    '原文三级均写作“……以下”，REFERENCE.md 将蓝色记为 < 0 ℃、黄橙记为 ≤ −3/−5 ℃，此处照录；地面温度恰为 0.0 ℃ 不计入蓝色。',
  ],
};

/** 雷电: strikes located near the site, counted over 30 minutes (orange, red); yellow is a forecast only. */
export const LIGHTNING: RuleTemplate = {
  id: 'cma.lightning',
  typeCode: 'lightning',
  name: '雷电预警（国家标准，实况部分，默认阈值）',
  sensorKinds: ['lightning_strikes'],
  // 中国气象局令第16号附件 雷电预警信号 [号/年 UNVERIFIED; criteria V2, single repo]: 黄 6小时内可能发生雷电活动（只有预报）；
  // 橙 2小时内发生雷电活动的可能性很大，或者已经受雷电活动影响且可能持续；红 …或者已经有强烈的雷电活动发生且可能持续。
  // 标准没有给出数量：“已经受雷电活动影响”读作 30 分钟内至少 1 次、“强烈的雷电活动”读作 30 分钟内至少 10 次，均为本系统默认值 [UNVERIFIED]。
  levels: { orange: sum('lightning_strikes', 30, 1), red: sum('lightning_strikes', 30, 10) },
  hysteresis: 0,
  holdMinutes: 15,
  source: `${CMA_SOURCE}；闪电次数阈值与 30 分钟窗口为本系统默认值 [UNVERIFIED]`,
  unverified: [...ENGINEERING_DEFAULTS, 'levels.orange.threshold', 'levels.red.threshold', 'levels.*.minutes'],
  notes: [
    '只判定“已经受雷电活动影响”（橙）和“已经有强烈的雷电活动”（红）的实况部分；黄色（6 小时内可能发生）和各级的提前量是预报，由值班人员研判。',
    '每个读数为上次读数以来、以站点为中心的计数范围内定位到的闪电次数（闪电定位网数据或本地雷电探测仪，计数范围在接入时设定）；没有闪电时也应按时报 0，否则显示为离线。',
    '窗口 30 分钟：最后一次闪电 30 分钟后橙色才解除（回差 0，最短保持 15 分钟）。阈值请按计数范围和当地雷暴特点调整。',
  ],
};

/** PM2.5 (重污染天气): rolling 24-hour mean against HJ 633-2012 breakpoints; level mapping is a default of ours. */
export const PM25: RuleTemplate = {
  id: 'hj633.pm25',
  typeCode: 'air_pollution',
  name: 'PM2.5 空气质量（HJ 633-2012 分级，默认映射）',
  sensorKinds: ['pm25'],
  // HJ 633-2012 PM2.5 24小时平均 IAQI 分段 [UNVERIFIED]: 75（IAQI 100，以上为轻度污染）、115（150，中度）、150（200，重度）、
  // 250（300，严重）μg/m³。映射到预警级别为本系统默认值 [UNVERIFIED]：中度→黄、重度→橙、严重→红；轻度（>75）不设级别，
  // 因为 WARNING_TYPES 中“重污染天气”只有黄橙红三级。
  levels: {
    yellow: { kind: 'window', agg: 'mean', metric: 'pm25', minutes: DAY_MIN, op: '>', threshold: 115 },
    orange: { kind: 'window', agg: 'mean', metric: 'pm25', minutes: DAY_MIN, op: '>', threshold: 150 },
    red: { kind: 'window', agg: 'mean', metric: 'pm25', minutes: DAY_MIN, op: '>', threshold: 250 },
  },
  hysteresis: 5,
  holdMinutes: 60,
  source: 'HJ 633-2012《环境空气质量指数（AQI）技术规定（试行）》表1 PM2.5 24小时平均浓度限值 [UNVERIFIED]；级别映射为本系统默认值 [UNVERIFIED]',
  unverified: [...ENGINEERING_DEFAULTS, 'levels.*.threshold（级别映射）'],
  notes: [
    '读数为小时均值（μg/m³），取滑动 24 小时平均，而非自然日均值。',
    '国家重污染天气预警以 AQI 日均值的预报持续天数分级（由生态环境部门发布），本模板只提示实况浓度分段，不能替代该预警。',
    `分段：${PM25_24H_IAQI.map((b) => `${b.ugm3}→${b.iaqi}`).join('、')}；>75 μg/m³（轻度污染）默认不设预警级别。`,
  ],
};

/** 可燃气体: %LEL alarm levels (configurable defaults). */
export const GAS_LEL: RuleTemplate = {
  id: 'gas.lel',
  typeCode: 'gas_leak',
  name: '可燃气体浓度报警（默认值）',
  sensorKinds: ['gas_lel'],
  // 默认值 [UNVERIFIED]：20 %LEL 黄、50 %LEL 红（issue #4）。参考 GB/T 50493-2019《石油化工可燃气体和有毒气体检测报警设计标准》
  // 一级报警设定值 ≤25 %LEL、二级 ≤50 %LEL [UNVERIFIED: 凭记忆]。按现场规程调整。
  levels: { yellow: latest('gas_lel', '>=', 20), red: latest('gas_lel', '>=', 50) },
  hysteresis: 2,
  holdMinutes: 10,
  source: '默认值（issue #4）；参考 GB/T 50493-2019 一级/二级报警设定值 [UNVERIFIED]',
  unverified: [...ENGINEERING_DEFAULTS, 'levels.yellow.threshold', 'levels.red.threshold'],
  notes: ['按最新读数，探测器一报即升级；回差 2 %LEL、最短保持 10 分钟为本系统默认值。'],
};

// National signals with no template, because no sensor reading can honestly stand for their criteria
// (中国气象局令第16号附件 [号/年 UNVERIFIED; criteria V2, single repo]; REFERENCE.md §5.2):
// * 冰雹 (橙 6小时内可能出现冰雹，红 2小时内出现冰雹可能性极大): both colours are forecasts only — the annex has no
//   "已经出现" clause, and a hail sensor that reports hail after it has fallen cannot grade it.
// * 干旱 (橙 预计未来一周综合气象干旱指数达重旱（25～50年一遇），或某县（区）40%以上农作物受旱；红 特旱（50年以上一遇），
//   或60%以上): a forecast of an index that the meteorological service computes from months of precipitation (and
//   evaporation) against a multi-decade station climatology — the return periods say so — or a share of crops from
//   agricultural surveys. Days without rain or one soil-moisture probe is another criterion; labelling it 干旱橙色/红色
//   would claim a national signal it does not meet.
// * 雷电黄色 (6小时内可能发生雷电活动) is a forecast only (LIGHTNING has orange and red).
export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  RAINSTORM, TYPHOON, GALE, HEAT, COLD_WAVE, FOG, HAZE, SANDSTORM, SNOWSTORM, ROAD_ICING, FROST, LIGHTNING, PM25, GAS_LEL,
];
export const findTemplate = (id: string) => RULE_TEMPLATES.find((t) => t.id === id);

// ---------- binding with local overrides ----------

/**
 * Numeric changes a jurisdiction may make: `hysteresis`, `holdMinutes`, and per level the numbers of its condition
 * (`threshold`, `hysteresis`, `minutes`, `days`, `toleranceMinutes`); combinations by position, `of: [null, {…}]` or
 * `of: { "1": {…} }`.
 */
export interface TemplateOverrides {
  hysteresis?: number;
  holdMinutes?: number;
  levels?: Partial<Record<WarningLevel, ConditionOverride>>;
}
export interface ConditionOverride {
  threshold?: number;
  hysteresis?: number;
  minutes?: number;
  days?: number;
  toleranceMinutes?: number;
  of?: (ConditionOverride | null)[] | Record<string, ConditionOverride>;
}

const NUMERIC_LEAF_KEYS: Record<string, readonly string[]> = {
  latest: ['threshold', 'hysteresis'],
  window: ['threshold', 'hysteresis', 'minutes'],
  change: ['threshold', 'hysteresis', 'minutes', 'toleranceMinutes'],
  sustained: ['threshold', 'hysteresis', 'minutes'],
  daily_run: ['threshold', 'hysteresis', 'days'],
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function mergeCondition(errors: FieldError[], path: string, target: Condition, o: unknown) {
  if (o === undefined || o === null) return;
  if (!isObject(o)) {
    errors.push({ path, message: '应为对象（只可调整数值）' });
    return;
  }
  const t = target as unknown as Record<string, unknown>;
  if (target.kind === 'all' || target.kind === 'any') {
    for (const k of Object.keys(o)) if (k !== 'of') errors.push({ path: `${path}.${k}`, message: '组合条件只可按位置调整其子条件（of）' });
    if (o.of === undefined) return;
    const entries: [string, unknown][] = Array.isArray(o.of) ? o.of.map((x, i) => [String(i), x]) : isObject(o.of) ? Object.entries(o.of) : [];
    if (!Array.isArray(o.of) && !isObject(o.of)) errors.push({ path: `${path}.of`, message: '应为数组或以位置为键的对象' });
    for (const [k, x] of entries) {
      const i = Number(k);
      const child = Number.isInteger(i) ? target.of[i] : undefined;
      if (child === undefined) {
        if (x !== null && x !== undefined) errors.push({ path: `${path}.of[${k}]`, message: `模板的该组合条件没有第 ${k} 个子条件` });
        continue;
      }
      mergeCondition(errors, `${path}.of[${i}]`, child, x);
    }
    return;
  }
  const allowed = NUMERIC_LEAF_KEYS[target.kind] ?? [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (!allowed.includes(k)) {
      errors.push({ path: `${path}.${k}`, message: `该条件不能调整此项（可调整：${allowed.join('、')}）` });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ path: `${path}.${k}`, message: '应为数字' });
      continue;
    }
    t[k] = v;
  }
}

export interface BindOptions {
  /** Rule id (default: the template id); give one per binding when a template is bound more than once. */
  ruleId?: string;
  name?: string;
  /** Default: every sensor. */
  target?: BindingTarget;
}

/**
 * A template bound to sensors, sites or an area, with a jurisdiction's numeric changes deep-merged and checked. Bad
 * overrides give errors with field paths (zh-CN) — never an exception.
 */
export function bindTemplate(template: RuleTemplate, overrides: unknown = {}, options: BindOptions = {}): Result<RuleBinding> {
  const errors: FieldError[] = [];
  const levels = JSON.parse(JSON.stringify(template.levels)) as Partial<Record<WarningLevel, Condition>>;
  const rule: WarningRule = {
    id: options.ruleId ?? template.id,
    typeCode: template.typeCode,
    name: options.name ?? template.name,
    levels,
    hysteresis: template.hysteresis,
    holdMinutes: template.holdMinutes,
  };
  const o = overrides ?? {};
  if (!isObject(o)) return { ok: false, errors: [{ path: '(覆盖项)', message: '覆盖项应为对象' }] };
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (k === 'hysteresis' || k === 'holdMinutes') {
      if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ path: k, message: '应为数字' });
      else rule[k] = v;
    } else if (k === 'levels') {
      if (!isObject(v)) {
        errors.push({ path: 'levels', message: '应为对象，以级别（blue / yellow / orange / red）为键' });
        continue;
      }
      for (const [level, c] of Object.entries(v)) {
        if (!LEVELS_ASCENDING.includes(level as WarningLevel)) {
          errors.push({ path: `levels.${level}`, message: '未知的预警级别（应为 blue / yellow / orange / red）' });
          continue;
        }
        const target = levels[level as WarningLevel];
        if (target === undefined) {
          if (c !== undefined && c !== null) errors.push({ path: `levels.${level}`, message: '模板没有该级别，不能调整' });
          continue;
        }
        mergeCondition(errors, `levels.${level}`, target, c);
      }
    } else errors.push({ path: k, message: '不能调整此项：只可调整数值（hysteresis、holdMinutes、levels.<级别>.threshold 等）' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const checked = validateRule(rule);
  if (checked.length > 0) return { ok: false, errors: checked };
  const binding: RuleBinding = { rule, target: options.target ?? { kind: 'all' } };
  const targetErrors = validateBindings([binding]).filter((e) => !e.path.startsWith('bindings[0].rule.'));
  if (targetErrors.length > 0) return { ok: false, errors: targetErrors.map((e) => ({ ...e, path: e.path.replace(/^bindings\[0\]\./, '') })) };
  return { ok: true, value: binding };
}
