import { describe, expect, it } from 'vitest';
import { blocksFromText, importPlan, type ImportedLevel } from './index';
import { matchLevelsAt } from './levels';
import { CITY_GEOHAZARD_PLAN_MD, COMPANY_PLAN, COUNTY_FIRE_PLAN } from './samples';

const text = (t: string) => importPlan(blocksFromText(t, 'text'));
const md = (t: string) => importPlan(blocksFromText(t, 'markdown'));
const summary = (levels: ImportedLevel[]) => levels.map((l) => `${l.rank} ${l.name} ${l.minGrade ?? '-'} c${l.conditions.length} a${l.actions.length}`);

describe('level names', () => {
  it.each([
    ['Ⅰ级应急响应', 'Ⅰ级', 1],
    ['Ⅳ级响应', 'Ⅳ级', 4],
    ['IV级响应', 'IV级', 4],
    ['III级', 'III级', 3],
    ['ＩＩ级响应', 'ＩＩ级', 2],
    ['一级响应', '一级', 1],
    ['三级应急响应', '三级', 3],
    ['2级响应', '2级', 2],
    ['特别重大突发事件', '特别重大', 1],
    ['较大（Ⅲ级）事件', '较大', 3],
    ['一般突发公共卫生事件应急处理', '一般', 4],
    ['橙色预警响应', '橙色', 2],
  ])('%s → %s (rank %i)', (input, name, rank) => {
    expect(matchLevelsAt(input, 0)?.refs).toEqual([expect.objectContaining({ name, rank })]);
  });

  it.each(['关注级应急响应', '预警响应', '戒备级响应'])('%s is a local level (no rank of its own)', (input) => {
    expect(matchLevelsAt(input, 0)?.refs[0]).toMatchObject({ rank: null, family: 'local' });
  });

  it('several levels, and ranges', () => {
    expect(matchLevelsAt('Ⅲ级和Ⅳ级响应', 0)?.refs.map((r) => r.name)).toEqual(['Ⅲ级', 'Ⅳ级']);
    expect(matchLevelsAt('特别重大、重大突发事件', 0)?.refs.map((r) => r.name)).toEqual(['特别重大', '重大']);
    expect(matchLevelsAt('重大级别以下的突发事件', 0)?.refs.map((r) => r.name)).toEqual(['较大', '一般']);
    expect(matchLevelsAt('较大及以下突发事件', 0)?.refs.map((r) => r.name)).toEqual(['较大', '一般']);
    expect(matchLevelsAt('Ⅱ级及以上响应', 0)?.refs.map((r) => r.name)).toEqual(['Ⅰ级', 'Ⅱ级']);
  });

  it.each(['一般情况下，各单位加强值班', '重大事项及时报告', '分级响应', '相应级响应', '总体要求', '各级响应'])('%s names no level', (input) => {
    expect(matchLevelsAt(input, 0)).toBeNull();
  });
});

describe('levels: headings with 启动条件 / 响应措施 under them (GB/T 9704 numbering)', () => {
  const p = text(COUNTY_FIRE_PLAN);

  it('finds four levels, most severe first, with grades', () => {
    expect(summary(p.levels)).toEqual(['1 Ⅰ级 I c1 a2', '2 Ⅱ级 II c1 a2', '3 Ⅲ级 III c3 a3', '4 Ⅳ级 IV c3 a2']);
  });

  it('a lead-in and its items are the conditions; the items under 响应措施 the actions, without numbers or list punctuation', () => {
    const iv = p.levels.find((l) => l.name === 'Ⅳ级')!;
    expect(iv.conditions).toEqual(['出现下列情况之一时，启动Ⅳ级响应：', '过火面积超过1公顷的森林火灾', '火场距居民区不足1公里的森林火灾。']);
    expect(iv.actions).toEqual(['县指挥部办公室主任组织会商，研判火情', '县林业局派出扑火专业队伍。']);
  });

  it('响应终止 is a lift condition', () => {
    expect(p.liftConditions).toEqual(['明火扑灭、余火清理完毕、无复燃可能时，由县指挥部宣布响应终止。']);
  });
});

describe('levels: 第一章/第一条 style, named in lead-ins and at the start of articles', () => {
  const p = text(COMPANY_PLAN);

  it('一级/二级/三级 with their conditions and actions', () => {
    expect(summary(p.levels)).toEqual(['1 一级 I c3 a2', '2 二级 II c3 a3', '3 三级 III c1 a1']);
    expect(p.levels[1]!.conditions).toEqual(['出现下列情况之一时，启动二级响应：', '发生重伤事故', '装置着火但未蔓延。']);
    expect(p.levels[1]!.actions[0]).toBe('二级响应由生产副总经理组织，采取下列措施：');
  });

  it('a paragraph "三级响应：…时启动。…" splits into the condition sentence and the action sentence', () => {
    expect(p.levels[2]).toMatchObject({ conditions: ['车间发生险情，车间可自行处置时启动。'], actions: ['车间主任组织处置。'] });
  });

  it('应急结束条件： is a lift condition', () => {
    expect(p.liftConditions).toEqual(['事故得到控制，次生灾害隐患消除，经指挥部确认后宣布应急结束。']);
  });
});

describe('levels: Markdown with a level table, a shared section and a local level', () => {
  const p = md(CITY_GEOHAZARD_PLAN_MD);

  it('table rows by their header (启动条件 / 响应措施); "Ⅲ级和Ⅳ级" shares one section; 预警响应 ranks below Ⅳ', () => {
    expect(summary(p.levels)).toEqual(['1 Ⅰ级 I c1 a1', '2 Ⅱ级 II c1 a1', '3 Ⅲ级 III c1 a1', '4 Ⅳ级 IV c1 a1', '5 预警响应 - c1 a1']);
    expect(p.levels[0]).toMatchObject({ conditions: ['因灾死亡30人以上'], actions: ['市政府主要领导赶赴现场指挥'] });
    expect(p.levels[3]).toMatchObject({ conditions: ['因灾死亡10人以下，由区政府启动响应。'], actions: ['区政府组织抢险救援，市自然资源局派出专家组。'] });
    expect(p.levels[4]!.conditions).toEqual(['当气象部门发布地质灾害气象风险预警时启动。']);
  });

  it('a chapter 应急结束 gives the lift conditions', () => {
    expect(p.liftConditions).toEqual(['险情消除、受威胁群众安置完毕后，由市指挥部宣布应急结束。']);
  });
});

describe('levels: local names and order', () => {
  it('a document going from low to high (关注级 → Ⅰ级): 关注级 gets the largest rank; output is most severe first', () => {
    const p = md(
      [
        '# 1 应急响应',
        '防汛应急响应由低到高分为三级，分别是关注级、Ⅱ级、Ⅰ级。',
        '## 1.1 关注级应急响应',
        '启动条件',
        '暴雨黄色预警信号发布时自动启动',
        '响应行动',
        '（1）市水务局：加强巡查。',
        '## 1.2 Ⅱ级应急响应',
        '启动条件：',
        '①暴雨橙色预警信号发布时；',
        '②河道达到警戒水位时。',
        '### 1.2.1 Ⅱ级应急响应的指挥与协调',
        '总指挥：到指挥室指挥。',
        '## 1.3 Ⅰ级应急响应',
        '市气象局发布暴雨红色预警信号时启动。',
        '（1）各区全力抢险。',
      ].join('\n'),
    );
    expect(summary(p.levels)).toEqual(['1 Ⅰ级 I c1 a1', '2 Ⅱ级 II c2 a1', '5 关注级 - c1 a1']);
    expect(p.levels[1]!.actions).toEqual(['总指挥：到指挥室指挥。']);
    expect(p.notes).toContain('「关注级」不是Ⅰ–Ⅳ级，按低于Ⅳ级排序，请核对');
  });

  it('several local levels: the one listed first in a low-to-high document is the least severe', () => {
    const p = text('一、应急响应\n（一）关注级响应\n加强值班。\n（二）戒备级响应\n人员到岗。\n（三）Ⅳ级响应\n组织会商。\n（四）Ⅲ级响应\n全力处置。');
    expect(p.levels.map((l) => `${l.rank} ${l.name}`)).toEqual(['3 Ⅲ级', '4 Ⅳ级', '5 戒备级', '6 关注级']);
  });

  it('actions come without a label after the conditions, also when a department list follows 启动条件 directly', () => {
    const p = text('一、分级响应\n（一）Ⅰ级响应\n启动条件：\n1.死亡30人以上；\n2.直接经济损失1亿元以上。\n（1）市应急管理局：组织救援。\n（2）市卫生健康委：组织医疗救治。');
    expect(p.levels[0]).toMatchObject({
      conditions: ['死亡30人以上', '直接经济损失1亿元以上。'],
      actions: ['市应急管理局：组织救援。', '市卫生健康委：组织医疗救治。'],
    });
  });

  it('"X级响应由…组织" paragraphs name the levels; conditions defined in 事件分级 join them', () => {
    const p = text(
      [
        '一、事件分级',
        '本市突发事件分为四级。其中，特别重大突发事件包括：',
        '①造成30人以上死亡；',
        '②造成100人以上重伤。',
        '重大突发事件（Ⅱ级）：造成10人以上30人以下死亡。',
        '二、分级响应',
        '特别重大突发事件由国务院组织处置。',
        '重大突发事件由市政府组织处置。',
        '重大级别以下的突发事件由区政府负责处置。',
      ].join('\n'),
    );
    expect(summary(p.levels)).toEqual(['1 特别重大 I c2 a1', '2 重大 II c1 a1', '3 较大 III c0 a1', '4 一般 IV c0 a1']);
    expect(p.levels[0]!.conditions).toEqual(['造成30人以上死亡', '造成100人以上重伤。']);
    expect(p.notes).toContain('「特别重大」的启动条件取自「一、事件分级」中该等级事件的分级标准，请核对');
    expect(p.notes).toContain('「较大」未识别到启动条件');
  });

  it('"1.一级响应。发生…时，由…决定启动一级响应。…" numbered items, and "三级、四级响应" sharing one item', () => {
    const p = text(
      [
        '三、应急响应',
        '（三）分级响应',
        '1.一级响应。发生特别重大自然灾害时，由市政府决定启动一级响应。市长担任总指挥，统一组织救助工作。',
        '2.二级响应。发生重大自然灾害时，由市减灾委主任决定启动二级响应。',
        '（1）市减灾委组织会商；',
        '（2）派出工作组。',
        '3.三级、四级响应。发生较大、一般自然灾害时，由市应急管理局启动。',
      ].join('\n'),
    );
    expect(summary(p.levels)).toEqual(['1 一级 I c1 a1', '2 二级 II c1 a2', '3 三级 III c1 a0', '4 四级 IV c1 a0']);
    expect(p.levels[0]).toMatchObject({ conditions: ['发生特别重大自然灾害时，由市政府决定启动一级响应。'], actions: ['市长担任总指挥，统一组织救助工作。'] });
  });

  it('"Ⅲ级响应（较大事故）：…" paragraphs: the text after the qualifier and colon', () => {
    const p = text(
      [
        '第四章 应急响应',
        '第一节 分级响应',
        'Ⅱ级响应（重大事故）：由省安委会组织指挥。',
        'Ⅲ级响应（较大事故）：出现下列情形之一的：',
        '（一）造成3人以上10人以下死亡；',
        '（二）造成1000万元以上直接经济损失。',
        '区政府立即报告市政府，并组织先期处置。',
      ].join('\n'),
    );
    expect(p.levels).toEqual([
      { name: 'Ⅱ级', rank: 2, minGrade: 'II', conditions: [], actions: ['由省安委会组织指挥。'] },
      { name: 'Ⅲ级', rank: 3, minGrade: 'III', conditions: ['出现下列情形之一的：', '造成3人以上10人以下死亡', '造成1000万元以上直接经济损失。'], actions: ['区政府立即报告市政府，并组织先期处置。'] },
    ]);
  });

  it('a level table without a header row: cells by cue words, a number column skipped', () => {
    const p = importPlan([
      { text: '应急响应', headingLevel: 1 },
      { text: '1\tⅠ级\t死亡30人以上时启动\t市长到场指挥', headingLevel: null },
    ]);
    expect(p.levels).toEqual([{ name: 'Ⅰ级', rank: 1, minGrade: 'I', conditions: ['死亡30人以上时启动'], actions: ['市长到场指挥'] }]);
  });

  it('an escalation inside a level ("必要时启动Ⅱ级响应") stays an action of that level', () => {
    const p = text('一、应急响应\n（一）Ⅲ级响应\n出现下列情况之一时，启动Ⅲ级响应：\n1.死亡3人以上；\n响应措施：\n1.区政府组织处置；\n2.必要时报请启动Ⅱ级响应。');
    expect(summary(p.levels)).toEqual(['3 Ⅲ级 III c2 a2']);
  });

  it('no response chapter, or one without level names: a note says so', () => {
    expect(text('一、总则\n为了……制定本预案。').notes).toContain('未识别到响应分级章节（如“应急响应”“分级响应”），响应级别需人工补充');
    expect(text('一、应急响应\n发生事件后立即处置。').notes).toContain('找到了应急响应章节，但未识别到响应级别（如Ⅰ级、一级、特别重大、关注级）');
  });
});
