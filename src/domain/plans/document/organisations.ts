// Organisations named with their duties: "市应急管理局：负责…", "（一）市水务局。负责…", "市卫生局负责…", a table
// row 单位 | 职责, or a heading that is an organisation's name with its duties below (Ⅱ.卫生部门 + （1）…（8）).
import type { ImportedOrganisation } from './blocks';
import { itemText } from './levels';
import { descendants, type Doc, type Para, type SectionNode } from './sections';

const ORG_SUFFIX =
  /(?:局|委|办|厅|部|处|科|室|队|中心|公司|集团|委员会|居委会|村委会|协会|红十字会|联合会|政府|办公室|指挥部|站|所|院|组|支队|大队|警备区|管委会|街道|单位|部门|机构|部队|银行|学校|医院|署|气象台|电视台|电台|报社)$/;
/** Words for "the units" in general, and the kinds of body a plan describes (领导机构, 工作机构 …), not names. */
const GENERIC_LEAD = /^(?:各|有关|相关|其他|其它|所有|全体)+/;
const GENERIC = /^(?:成员|责任|牵头|配合|主管|参与|组成|下属)?(?:单位|部门|机构)$/;
const STRUCTURAL = /^(?:领导|工作|专家|办事|指挥|组织|执行|日常|应急|专业|技术|联动|协调|咨询|管理|议事|常设|临时|现场|救援|处置){1,4}(?:指挥)?机构$/;
const TRAILING_NOTE = /[（(][^（）()]{1,20}[）)]$/;

export function isOrgName(s: string): boolean {
  if (s.length < 2 || s.length > 40 || /[，,。；;：:！!？?\s]/.test(s)) return false;
  const core = s.replace(TRAILING_NOTE, '');
  return ORG_SUFFIX.test(core) && !GENERIC.test(core.replace(GENERIC_LEAD, '')) && !STRUCTURAL.test(core);
}

/** "深圳报业集团、深圳广电集团" → both; a 、 inside brackets does not split. */
function orgNames(s: string): string[] | null {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') depth--;
    else if (i === s.length || (c === '、' && depth === 0)) {
      names.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  return names.length && names.every(isOrgName) ? names : null;
}

const splitDuties = (s: string) => s.split(/[。；;\n]/).map((d) => d.trim()).filter(Boolean);

const DUTY_VERB = /负责|承担|牵头|主要职责|职责是/;

/** "X：duties", "X。duties" or "X负责…" at the start of a paragraph; X may list several names (甲、乙：…). */
function inlineOrg(text: string): { names: string[]; duties: string[] } | null {
  for (const sep of ['：', ':', '。', '．']) {
    const at = text.indexOf(sep);
    if (at > 1 && at <= 200) {
      const names = orgNames(text.slice(0, at));
      if (names) return { names, duties: splitDuties(text.slice(at + 1)) };
    }
  }
  const verb = DUTY_VERB.exec(text.slice(0, 44));
  if (verb && verb.index > 1) {
    const names = orgNames(text.slice(0, verb.index));
    if (names) return { names, duties: splitDuties(text.slice(verb.index)) };
  }
  return null;
}

const ORG_SECTION = /组织|机构|职责|成员单位|指挥部|工作组|小组|分工/;
const INDEX_CELL = /^\d{1,3}[.、]?$/;
const HEADER_CELL = /^(?:序号|编号|单位|部门|单位名称|部门名称|成员单位|责任单位|名称|职责|主要职责|工作职责|职责分工|备注)$/;

export function findOrganisations(doc: Doc): ImportedOrganisation[] {
  const orgs = new Map<string, Set<string>>();
  const add = (name: string, duties: string[], p: Para) => {
    const set = orgs.get(name) ?? new Set<string>();
    for (const d of duties) set.add(d);
    orgs.set(name, set);
    doc.used[p.index] = 1;
  };

  const inOrgSection = (n: SectionNode) => {
    for (let at: SectionNode | null = n; at?.parent; at = at.parent) if (ORG_SECTION.test(at.heading)) return true;
    return false;
  };

  for (const n of descendants(doc.root)) {
    const orgSection = inOrgSection(n);
    const headingOrg = isOrgName(n.heading) ? n.heading : null;
    let header: Para | null = null;
    for (const p of n.body) {
      if (doc.used[p.index]) continue;
      if (p.cells) {
        if (!orgSection) continue;
        const cells = p.cells.filter((c) => c && !INDEX_CELL.test(c));
        if (cells.length && cells.every((c) => HEADER_CELL.test(c))) {
          header = p;
          continue;
        }
        const names = cells.length > 1 ? orgNames(cells[0]!) : null;
        if (names) {
          const duties = cells.slice(1).flatMap(splitDuties);
          for (const name of names) add(name, duties, p);
          if (header) doc.used[header.index] = 1;
        }
        continue;
      }
      const inline = orgSection ? inlineOrg(p.rest) : null;
      if (inline) for (const name of inline.names) add(name, inline.duties, p);
      else if (headingOrg) add(headingOrg, [itemText(p.rest)], p);
    }
  }
  return [...orgs].map(([name, duties]) => ({ name, duties: [...duties] }));
}
