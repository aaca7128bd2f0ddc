// Required elements of a plan, checked against the headings of its section tree. Two separate checklists,
// because the standard and the rule list differ (REFERENCE.md §4.2, §4.4):
//   GB/T 29639-2020 §6 (综合), §7 (专项, 7.5 optional), §8 (现场处置方案);
//   88号令（应急管理部令第2号修正）第十三条 (综合), 第十四条 (专项), 第十五条 (现场处置方案).
import type { PlanKind, PlanSection } from './model';

export interface Element {
  clause: string;
  name: string;
  /** Heading words that show the element is present (any one). */
  keywords: string[];
  optional?: boolean;
}

export const GBT29639_ELEMENTS: Record<PlanKind, Element[]> = {
  comprehensive: [
    { clause: 'GB/T 29639-2020 6.1', name: '总则', keywords: ['总则'] },
    { clause: 'GB/T 29639-2020 6.2', name: '应急组织机构及职责', keywords: ['组织机构', '指挥体系', '组织体系', '指挥机构'] },
    { clause: 'GB/T 29639-2020 6.3', name: '应急响应', keywords: ['应急响应', '响应'] },
    { clause: 'GB/T 29639-2020 6.4', name: '后期处置', keywords: ['后期处置', '恢复', '善后'] },
    { clause: 'GB/T 29639-2020 6.5', name: '应急保障', keywords: ['保障'] },
  ],
  specific: [
    { clause: 'GB/T 29639-2020 7.1', name: '适用范围', keywords: ['适用范围'] },
    { clause: 'GB/T 29639-2020 7.2', name: '应急组织机构及职责', keywords: ['组织机构', '指挥体系', '组织体系', '指挥机构'] },
    { clause: 'GB/T 29639-2020 7.3', name: '响应启动', keywords: ['响应启动', '启动', '分级响应', '应急响应'] },
    { clause: 'GB/T 29639-2020 7.4', name: '处置措施', keywords: ['处置措施', '响应措施', '处置'] },
    { clause: 'GB/T 29639-2020 7.5', name: '应急保障', keywords: ['保障'], optional: true },
  ],
  onsite: [
    { clause: 'GB/T 29639-2020 8.1', name: '事故风险描述', keywords: ['风险描述', '风险分析', '事故风险'] },
    { clause: 'GB/T 29639-2020 8.2', name: '应急工作职责', keywords: ['职责'] },
    { clause: 'GB/T 29639-2020 8.3', name: '应急处置', keywords: ['应急处置', '处置'] },
    { clause: 'GB/T 29639-2020 8.4', name: '注意事项', keywords: ['注意事项'] },
  ],
  // 应急处置卡 (88号令 第十九条) has no prescribed structure.
  card: [],
};

export const ORDER88_ELEMENTS: Record<PlanKind, Element[]> = {
  comprehensive: [
    { clause: '88号令 第十三条', name: '应急组织机构及其职责', keywords: ['组织机构', '指挥体系', '组织体系'] },
    { clause: '88号令 第十三条', name: '应急预案体系', keywords: ['预案体系'] },
    { clause: '88号令 第十三条', name: '事故风险描述', keywords: ['风险'] },
    { clause: '88号令 第十三条', name: '预警及信息报告', keywords: ['预警', '信息报告'] },
    { clause: '88号令 第十三条', name: '应急响应', keywords: ['响应'] },
    { clause: '88号令 第十三条', name: '保障措施', keywords: ['保障'] },
    { clause: '88号令 第十三条', name: '应急预案管理', keywords: ['预案管理', '附则'] },
  ],
  specific: [
    { clause: '88号令 第十四条', name: '应急指挥机构与职责', keywords: ['指挥机构', '组织机构', '指挥体系', '组织体系'] },
    { clause: '88号令 第十四条', name: '处置程序和措施', keywords: ['处置', '响应措施', '响应程序'] },
  ],
  onsite: [
    { clause: '88号令 第十五条', name: '应急工作职责', keywords: ['职责'] },
    { clause: '88号令 第十五条', name: '应急处置措施', keywords: ['处置'] },
    { clause: '88号令 第十五条', name: '注意事项', keywords: ['注意事项'] },
  ],
  card: [],
};

export interface ElementCheck extends Element {
  present: boolean;
  /** Heading of the section that carries it. */
  foundIn: string | null;
}

function headings(sections: PlanSection[]): string[] {
  return sections.flatMap((s) => [s.heading, ...headings(s.children)]);
}

export function checkElements(kind: PlanKind, sections: PlanSection[], list: Record<PlanKind, Element[]> = GBT29639_ELEMENTS): ElementCheck[] {
  const all = headings(sections);
  return list[kind].map((e) => {
    const foundIn = all.find((h) => e.keywords.some((k) => h.includes(k))) ?? null;
    return { ...e, present: foundIn !== null, foundIn };
  });
}
