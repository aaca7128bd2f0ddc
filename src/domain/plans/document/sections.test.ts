import { describe, expect, it } from 'vitest';
import type { PlanSection } from '../model';
import { blocksFromText, importPlan, type Block } from './index';
import { COMPANY_PLAN, COUNTY_FIRE_PLAN } from './samples';
import { parseMarker } from './sections';

/** The tree as "number heading" lines, indented by depth. */
function outline(sections: PlanSection[], depth = 0): string[] {
  return sections.flatMap((s) => [`${'  '.repeat(depth)}${[s.number, s.heading].filter(Boolean).join(' ')}`, ...outline(s.children, depth + 1)]);
}

const text = (t: string) => importPlan(blocksFromText(t, 'text'));

describe('blocksFromText', () => {
  it('plain text: one block per non-empty line, trimmed of CJK spaces', () => {
    expect(blocksFromText('\u3000\u3000一、总则\r\n\r\n  正文。 \n', 'text')).toEqual([
      { text: '一、总则', headingLevel: null },
      { text: '正文。', headingLevel: null },
    ]);
  });

  it('markdown: # levels, Setext headings, bullets, emphasis, links, escapes, tables, stray quote marks', () => {
    const blocks = blocksFromText(
      [
        '## >3.2 指挥工作小组 ##',
        '总则',
        '===',
        '- **启动条件**：见[附件](a.md)',
        '1\\. 编制目的',
        '| 单位 | 职责 |',
        '|:---|---:|',
        '| 市水务局 | 负责排涝 |',
        '```',
        '# 不是标题',
        '```',
        '---',
      ].join('\n'),
      'markdown',
    );
    expect(blocks).toEqual<Block[]>([
      { text: '3.2 指挥工作小组', headingLevel: 2 },
      { text: '总则', headingLevel: 1 },
      { text: '启动条件：见附件', headingLevel: null },
      { text: '1. 编制目的', headingLevel: null },
      { text: '单位\t职责', headingLevel: null },
      { text: '市水务局\t负责排涝', headingLevel: null },
      { text: '# 不是标题', headingLevel: null },
    ]);
  });
});

describe('parseMarker', () => {
  it.each([
    ['一、总则', 'zh', '一、', '总则'],
    ['（一）编制目的', 'zh-paren', '（一）', '编制目的'],
    ['(二) 适用范围', 'zh-paren', '(二)', '适用范围'],
    ['1.启动条件', 'num-dot', '1.', '启动条件'],
    ['2、响应措施', 'num-dot', '2、', '响应措施'],
    ['（1）县指挥部组织会商', 'num-paren', '（1）', '县指挥部组织会商'],
    ['(１)暴雨黄色预警信号', 'num-paren', '(１)', '暴雨黄色预警信号'],
    ['1 总则', 'dec1', '1', '总则'],
    ['1.1 编制目的', 'dec2', '1.1', '编制目的'],
    ['4.3响应措施', 'dec2', '4.3', '响应措施'],
    ['5.2.2.1 Ⅳ级应急响应的指挥与协调', 'dec4', '5.2.2.1', 'Ⅳ级应急响应的指挥与协调'],
    ['第三章 应急响应', '第章', '第三章', '应急响应'],
    ['第十二条 本预案自发布之日起施行。', '第条', '第十二条', '本预案自发布之日起施行。'],
    ['Ⅱ.卫生部门', 'roman', 'Ⅱ.', '卫生部门'],
    ['①当市气象局发布暴雨橙色预警信号时；', 'circled', '①', '当市气象局发布暴雨橙色预警信号时；'],
    ['a.了解全市防汛抢险救灾总体情况', 'latin', 'a.', '了解全市防汛抢险救灾总体情况'],
  ])('%s → %s', (input, style, number, rest) => {
    const m = parseMarker(input);
    expect(m?.marker).toMatchObject({ style, number });
    expect(m?.rest.trim()).toBe(rest);
  });

  it.each(['2000-2018年，我市共发生36起', '3.5米以上', 'Ⅰ级应急响应', '一级响应', '2008年6月13日'])('%s is not numbered', (input) => {
    expect(parseMarker(input)).toBeNull();
  });
});

describe('section tree', () => {
  it('nests 一、 > （一） > 1. by the order the styles first appear', () => {
    expect(outline(importPlan(blocksFromText(COUNTY_FIRE_PLAN, 'text')).sections).slice(0, 12)).toEqual([
      '一、 总则',
      '  （一） 编制目的',
      '  （二） 适用范围',
      '二、 组织机构及职责',
      '  （一） 县森林防灭火指挥部',
      '  （二） 成员单位职责',
      '三、 应急响应',
      '  （一） 响应分级',
      '  （二） Ⅳ级响应',
      '    1. 启动条件',
      '    2. 响应措施',
      '  （三） Ⅲ级响应',
    ]);
  });

  it('第一章 are sections; articles that are sentences stay their text', () => {
    const p = text(COMPANY_PLAN);
    expect(outline(p.sections)).toEqual(['第一章 总则', '第二章 应急组织机构及职责', '第三章 应急响应', '第四章 附则']);
    expect(p.sections[3]!.text).toBe('第十二条 本预案自发布之日起施行。');
  });

  it('Markdown levels and decimal numbers combine: 5.2.1 in plain text nests under ## 5.2', () => {
    const p = importPlan(
      blocksFromText('# 1 总则\n## 1.1 编制目的\n正文\n# 5 应急响应\n## 5.2 响应行动\n5.2.1 关注级\n5.2.1.1 指挥\n甲\n5.2.2 Ⅳ级\n乙\n## 5.3 信息发布\n丙', 'markdown'),
    );
    expect(outline(p.sections)).toEqual(['1 总则', '  1.1 编制目的', '5 应急响应', '  5.2 响应行动', '    5.2.1 关注级', '      5.2.1.1 指挥', '    5.2.2 Ⅳ级', '  5.3 信息发布']);
    expect(p.sections[1]!.children[0]!.children[1]!.text).toBe('乙');
  });

  it('a Word heading closes the plain-numbered sections open above it; a skipped level still nests', () => {
    const p = importPlan([
      { text: '总则', headingLevel: 1 },
      { text: '（一）目的', headingLevel: null },
      { text: '细则', headingLevel: 3 },
      { text: '组织', headingLevel: 2 },
      { text: '应急响应', headingLevel: 1 },
    ]);
    expect(outline(p.sections)).toEqual(['总则', '  （一） 目的', '  细则', '  组织', '应急响应']);
  });

  it('a sentence styled as a heading, a table-of-contents line and a list item stay paragraphs', () => {
    const p = importPlan([
      { text: '1 总则', headingLevel: 1 },
      { text: '各级人民政府应加强对防汛工作的统一领导，组织有关部门和单位，动员全社会的力量，做好防汛工作。在防汛的关键时刻，各级防汛行政首长应靠前指挥。', headingLevel: 2 },
      { text: '2 组织体系 ........ 3', headingLevel: null },
      { text: '（1）以人为本，减少损失。', headingLevel: null },
      { text: '③市内多处发生积水内涝时', headingLevel: null },
    ]);
    expect(outline(p.sections)).toEqual(['1 总则']);
    expect(p.sections[0]!.text.split('\n')).toHaveLength(4);
  });

  it('the title is the first line naming a 预案, or Word’s Title style, or the file name', () => {
    expect(text('关于印发《南山区防台风应急预案》的通知\n一、总则').title).toBe('南山区防台风应急预案');
    expect(text('目 录\n1 总则 ........ 1\n10 预案管理 ........ 20\n1 总则\n正文。').title).toBe('未命名预案');
    expect(importPlan([{ text: '封面标题', headingLevel: 0 }, { text: '一、总则', headingLevel: null }]).title).toBe('封面标题');
    const p = importPlan(blocksFromText('一、总则\n正文。', 'text'), { filename: 'C:\\预案\\防汛预案2024.docx' });
    expect(p.title).toBe('防汛预案2024');
    expect(p.notes).toContain('未找到预案名称，已用文件名代替');
  });

  it('text before the first heading is kept as an untitled first section', () => {
    const p = text('某县防汛应急预案\n某县人民政府办公室\n2024年5月\n一、总则\n正文。');
    expect(p.sections[0]).toEqual({ number: '', heading: '', text: '某县人民政府办公室\n2024年5月', children: [] });
    expect(p.unrecognised[0]).toBe('（开头）：某县人民政府办公室\n2024年5月');
  });
});
