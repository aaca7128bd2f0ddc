import { describe, expect, it } from 'vitest';
import { UNKNOWN_IMPACT, type Impact } from '../incidents/model';
import { activate, changeLevel, checkLift, gapCheck, type GapContext } from './activation';
import { diffPlans } from './diff';
import { checkElements, ORDER88_ELEMENTS } from './elements';
import { exampleProductionSafetyPlan } from './examples';
import { matchPlan, suggestLevel, type IncidentFacts, type PlanCandidate } from './matching';
import type { Filler, PlanContent } from './model';

const COUNTY = '/100000/510000/511800/511826/';
const TOWN_A = `${COUNTY}511826001/`;
const TOWN_B = `${COUNTY}511826106/`;
const org = (id: string, name: string): Filler => ({ kind: 'organisation', organisationId: id, name });
const fill = { commander: { kind: 'person', userId: 'u-head', name: '县长' }, coordination: org('o-em', '县应急管理局'), rescue: org('o-fire', '县消防救援大队') } as const;
const plan = exampleProductionSafetyPlan(fill);
const candidate = (content: PlanContent = plan, covered: PlanCandidate['covered'] = []): PlanCandidate => ({ content, owner: { path: COUNTY, name: '芦山县' }, covered });
const facts = (over: Partial<Omit<IncidentFacts, 'impact'>> & { impact?: Partial<Impact> } = {}): IncidentFacts => ({
  category: 'accident', typeCode: 'production_safety', grade: 'II', jurisdictionPath: `${TOWN_A}511826001001/`, ...over,
  impact: { ...UNKNOWN_IMPACT, deaths: 12, ...over.impact },
});

describe('plan matching', () => {
  it('suggests the plan with its reasons in words and the level for the grade', () => {
    const m = matchPlan(candidate(), facts());
    expect(m.matches).toBe(true);
    expect(m.reasons).toEqual(['类别=事故灾难', '类型=工矿商贸生产安全事故', '等级≥一般（本事件：重大）', '辖区=芦山县']);
    expect(m.suggestedLevel?.key).toBe('II');
    expect(matchPlan(candidate(), facts({ grade: 'IV' })).suggestedLevel?.key).toBe('IV');
    expect(matchPlan(candidate(), facts({ grade: 'I' })).suggestedLevel?.key).toBe('I');
  });

  it('says why a plan does not apply: category, grade, area, unknown figures never count as met', () => {
    expect(matchPlan(candidate(), facts({ category: 'natural', typeCode: 'flood' })).unmet[0]).toMatch(/^类别不符/);
    const strict = { ...plan, triggers: { ...plan.triggers, minGrade: 'III' as const, conditions: [{ measure: 'deaths', op: '>=' as const, value: 3 }] } };
    const m = matchPlan(candidate(strict), facts({ grade: 'IV', impact: { deaths: null } }));
    expect(m.matches).toBe(false);
    expect(m.unmet).toEqual(['等级未达较大（本事件：一般）', '条件未满足：死亡≥3（本事件：不详）']);
    expect(matchPlan(candidate(strict), facts({ grade: 'III', impact: { deaths: 3 } })).reasons).toContain('死亡≥3（本事件：3）');
    // Covering only town B: an incident in town A is out of the plan's area.
    const onlyB = matchPlan(candidate(plan, [{ path: TOWN_B, name: '龙门镇' }]), facts());
    expect(onlyB.unmet).toEqual(['不在预案适用区域（龙门镇）']);
    expect(matchPlan(candidate(plan, [{ path: TOWN_B, name: '龙门镇' }]), facts({ jurisdictionPath: `${TOWN_B}511826106201/` })).reasons).toContain('辖区=龙门镇');
  });

  it('an ungraded incident falls back to the least severe level for a person to decide', () => {
    expect(suggestLevel(plan.levels, facts({ grade: null }))?.key).toBe('IV');
  });
});

describe('activation', () => {
  const at = '2026-11-29T02:00:00.000Z';
  it('creates roles, tasks due from activation, and notices to whoever fills the roles', () => {
    const r = activate(plan, 'II', at);
    expect(r.tasks.map((t) => [t.templateKey, t.roleTitle, t.dueAt])).toContainEqual(['verify', '综合协调组', '2026-11-29T02:30:00.000Z']);
    expect(r.tasks.find((t) => t.templateKey === 'search')?.assignee).toEqual(fill.rescue);
    expect(r.tasks.find((t) => t.templateKey === 'treat')?.assignee).toBeNull(); // 医疗救护组 is not filled
    expect(r.tasks).toHaveLength(7);
    expect(r.notices.map((n) => n.to.name)).toEqual(['县长', '县应急管理局', '县消防救援大队']);
    expect(r.resources).toContainEqual({ kind: 'item', type: '救护车', quantity: 6, unit: '辆' });
    expect(() => activate(plan, 'V', at)).toThrow('预案中没有该响应级别：V');
  });

  it('raising adds only the new level’s tasks and keeps what exists; lowering adds nothing twice', () => {
    const iv = activate(plan, 'IV', at);
    const have = new Set(iv.tasks.map((t) => t.templateKey));
    const up = changeLevel(plan, iv.roles, 'II', have, '2026-11-29T03:00:00.000Z');
    expect(up.tasks.map((t) => t.templateKey)).toEqual(['hq', 'experts', 'public']);
    expect(up.tasks[0]!.dueAt).toBe('2026-11-29T04:00:00.000Z'); // due from the change, not the first activation
    for (const t of up.tasks) have.add(t.templateKey);
    expect(changeLevel(plan, up.roles, 'III', have, at).tasks).toEqual([]);
  });

  it('lifting needs every condition confirmed, or a reason', () => {
    expect(checkLift(plan, plan.liftConditions, '')).toEqual({ ok: true });
    expect(checkLift(plan, plan.liftConditions.slice(0, 1), '')).toMatchObject({ ok: false, field: 'conditionsMet' });
    expect(checkLift(plan, [], '上级指挥部决定提前解除')).toEqual({ ok: true });
  });
});

describe('gap check', () => {
  const ctx: GapContext = {
    organisations: new Map([
      ['o-em', { name: '县应急管理局', contactPhone: '0835-6522110', users: 3 }],
      ['o-fire', { name: '县消防救援大队', contactPhone: null, users: 0 }],
    ]),
    activeUserIds: new Set(),
  };
  it('lists unfilled roles, ownerless tasks, organisations without contact and notices that reach nobody', () => {
    const withOrphan = structuredClone(plan);
    withOrphan.levels[3]!.tasks.push({ key: 'x', title: '无人负责的任务', roleKey: null, offsetMinutes: 10, checklist: [], feedbackRequired: false });
    const gaps = gapCheck(withOrphan, 'IV', ctx);
    const msgs = gaps.map((g) => g.message);
    expect(msgs).toContain('岗位“副总指挥”无人担任');
    expect(msgs).toContain('单位“县消防救援大队”（抢险救援组）没有联系电话');
    expect(msgs).toContain('任务“无人负责的任务”没有责任岗位');
    expect(msgs).toContain('单位“县消防救援大队”没有系统用户，通知送达不到任何人');
    expect(msgs).toContain('“县长”没有系统账号，只能线下通知'); // user u-head is not active
    expect(gaps.find((g) => g.message.includes('无人负责'))?.path).toBe('levels[3].tasks[4]');
    expect(msgs.some((m) => m.includes('县应急管理局') && m.includes('没有'))).toBe(false);
  });
});

describe('elements and versions', () => {
  it('checks GB/T 29639-2020 §7 and 88号令 第十四条 separately', () => {
    expect(checkElements('specific', plan.sections).map((e) => [e.name, e.present])).toEqual([
      ['适用范围', true], ['应急组织机构及职责', true], ['响应启动', true], ['处置措施', true], ['应急保障', true],
    ]);
    const onsite = checkElements('onsite', plan.sections);
    expect(onsite.filter((e) => !e.present).map((e) => e.name)).toEqual(['事故风险描述', '注意事项']);
    expect(onsite.find((e) => e.name === '应急工作职责')?.foundIn).toBe('组织机构及职责');
    expect(checkElements('specific', plan.sections, ORDER88_ELEMENTS).every((e) => e.present)).toBe(true);
  });

  it('shows the differences between two versions by path', () => {
    const b = structuredClone(plan);
    b.levels[0]!.tasks[0]!.offsetMinutes = 20;
    b.liftConditions.push('群众安置到位');
    expect(diffPlans(plan, b)).toEqual([
      { kind: 'changed', path: 'levels[0].tasks[0].offsetMinutes', before: 30, after: 20 },
      { kind: 'added', path: 'liftConditions[3]', before: null, after: '群众安置到位' },
    ]);
  });
});
