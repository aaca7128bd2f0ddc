// A worked example of a county 专项应急预案 for production-safety accidents, used as the editor's starting
// template, by the demo seed and by tests. Levels follow the accident grades (493号令 第三条).
import type { CommandRole, Filler, PlanContent, ResponseLevel, TaskTemplate } from './model';

/** Who fills each role of the example, by role key; unfilled roles stay empty (the gap check shows them). */
export type RoleFillers = Partial<Record<string, Filler>>;

const ROLES: Omit<CommandRole, 'filledBy'>[] = [
  { key: 'commander', title: '总指挥', parentKey: null, duties: '统一指挥事故应急处置工作，决定启动、调整和解除应急响应' },
  { key: 'deputy', title: '副总指挥', parentKey: 'commander', duties: '协助总指挥，负责现场指挥部的日常调度' },
  { key: 'coordination', title: '综合协调组', parentKey: 'deputy', duties: '信息汇总报送、会议组织、上下联络' },
  { key: 'rescue', title: '抢险救援组', parentKey: 'deputy', duties: '人员搜救、险情控制、防止次生灾害' },
  { key: 'medical', title: '医疗救护组', parentKey: 'deputy', duties: '伤员救治、转运和卫生防疫' },
  { key: 'security', title: '治安警戒组', parentKey: 'deputy', duties: '现场警戒、交通管制、维护秩序' },
];

const task = (key: string, title: string, roleKey: string | null, offsetMinutes: number, checklist: string[] = []): TaskTemplate => ({
  key, title, roleKey, offsetMinutes, checklist, feedbackRequired: true,
});

const BASE_TASKS: TaskTemplate[] = [
  task('verify', '核实事故基本情况并续报', 'coordination', 30, ['时间地点', '伤亡人数', '已采取措施']),
  task('cordon', '设置现场警戒区，实施交通管制', 'security', 30),
  task('search', '组织搜救被困人员', 'rescue', 60, ['搜救范围', '被困人数', '救出人数']),
  task('treat', '调派救护车辆，救治转运伤员', 'medical', 60),
];

const GRADE_TASKS: TaskTemplate[] = [
  task('hq', '成立现场指挥部，召开首次会商会', 'commander', 60),
  task('experts', '调集专家组研判险情', 'deputy', 120),
  task('public', '发布事故信息，回应社会关切', 'coordination', 300),
];

function level(key: string, name: string, rank: number, minGrade: ResponseLevel['startConditions']['minGrade'], text: string, tasks: TaskTemplate[], fill: RoleFillers): ResponseLevel {
  return {
    key, name, rank,
    startConditions: { text, minGrade, conditions: [] },
    roles: ROLES.map((r) => ({ ...r, filledBy: fill[r.key] ?? null })),
    // Each level owns its copies, so editing one level never changes another.
    tasks: tasks.map((t) => ({ ...t, checklist: [...t.checklist] })),
    notify: [{ kind: 'role', roleKey: 'commander' }, { kind: 'role', roleKey: 'coordination' }],
    resources: [
      { kind: 'team', type: '综合性消防救援队伍', quantity: rank <= 2 ? 3 : 1, unit: '支' },
      { kind: 'item', type: '救护车', quantity: rank <= 2 ? 6 : 2, unit: '辆' },
    ],
  };
}

export function exampleProductionSafetyPlan(fill: RoleFillers = {}, county = '芦山县'): PlanContent {
  return {
    title: `${county}生产安全事故应急预案`,
    kind: 'specific',
    ownerType: 'government',
    scope: `本预案适用于${county}行政区域内发生的生产安全事故的应对工作。`,
    triggers: { categories: ['accident'], typeCodes: ['production_safety'], minGrade: 'IV', jurisdictionCodes: [], warning: null, conditions: [] },
    levels: [
      level('I', 'Ⅰ级响应', 1, 'I', '发生特别重大生产安全事故（死亡30人以上，或重伤100人以上，或直接经济损失1亿元以上）', [...BASE_TASKS, ...GRADE_TASKS], fill),
      level('II', 'Ⅱ级响应', 2, 'II', '发生重大生产安全事故（死亡10人以上30人以下，或重伤50人以上100人以下）', [...BASE_TASKS, ...GRADE_TASKS], fill),
      level('III', 'Ⅲ级响应', 3, 'III', '发生较大生产安全事故（死亡3人以上10人以下，或重伤10人以上50人以下）', [...BASE_TASKS, GRADE_TASKS[0]!], fill),
      level('IV', 'Ⅳ级响应', 4, 'IV', '发生一般生产安全事故，或事故险情需要县级协调处置', BASE_TASKS, fill),
    ],
    liftConditions: ['被困人员全部救出或确认无生还可能', '现场险情消除，次生灾害得到控制', '受伤人员得到妥善救治'],
    sections: [
      { number: '1', heading: '总则', text: '', children: [{ number: '1.1', heading: '适用范围', text: `本预案适用于${county}行政区域内发生的生产安全事故。`, children: [] }] },
      { number: '2', heading: '组织机构及职责', text: '县人民政府成立生产安全事故应急指挥部。', children: [] },
      { number: '3', heading: '响应启动', text: '按事故等级分为Ⅰ、Ⅱ、Ⅲ、Ⅳ级响应。', children: [] },
      { number: '4', heading: '处置措施', text: '搜救、警戒、医疗救护、信息发布。', children: [] },
      { number: '5', heading: '应急保障', text: '队伍、物资、通信保障。', children: [] },
    ],
  };
}
