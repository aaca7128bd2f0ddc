// Import of an existing plan document (应急预案) into a structured draft for a person to review. Pure: the server
// turns .docx/.md/.txt into Blocks (paragraphs with their heading level); everything here works on those.
// Nothing is dropped: text no field takes stays in the section tree and is listed in `unrecognised`.
import { CATEGORIES, type Category } from '../../incidents/model';
import { EMPTY_TRIGGERS, PLAN_KIND_LABELS, type CommandRole, type PlanContent, type PlanKind, type PlanSection } from '../model';
import type { Block, ImportedPlan } from './blocks';
import { findLevels, liftSections } from './levels';
import { findOrganisations } from './organisations';
import { buildDoc, descendants, parseMarker, sectionPath, toPlanSections, type Doc } from './sections';

export { blocksFromText, TABLE_CELL_SEPARATOR } from './blocks';
export type { Block, ImportedLevel, ImportedOrganisation, ImportedPlan } from './blocks';

const SCOPE_HEADING = /适用范围|适用对象/;
const SCOPE_SENTENCE = /^本预案适用于/;

// Earliest match wins in running text; in a title the first rule that matches.
const KIND_RULES: [RegExp, PlanKind][] = [
  [/现场处置方案/, 'onsite'],
  [/处置卡/, 'card'],
  [/总体(?:应急)?预案|综合(?:应急)?预案/, 'comprehensive'],
  [/专项/, 'specific'],
];

function kindIn(text: string, earliest: boolean): PlanKind | null {
  let best: { at: number; kind: PlanKind } | null = null;
  for (const [re, kind] of KIND_RULES) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, kind };
    if (m && !earliest) break;
  }
  return best?.kind ?? null;
}

const baseName = (filename: string) => filename.replace(/^.*[\\/]/, '').replace(/\.[^.]{1,10}$/, '').trim();

/**
 * 总体/综合 → comprehensive, 专项 → specific, 现场处置方案 → onsite, 处置卡 → card: from the title, the file name,
 * then the opening text. Names in 《》 are other plans (编制依据 cites 《…总体应急预案》), so they are left out.
 */
function guessKind(title: string, filename: string | undefined, doc: Doc): PlanKind | null {
  const opening: string[] = [];
  let length = 0;
  for (const n of [doc.root, ...descendants(doc.root)]) {
    for (const p of n.body) {
      opening.push(p.text);
      length += p.text.length;
    }
    if (length > 3000) break;
  }
  return kindIn(title, false) ?? (filename ? kindIn(baseName(filename), false) : null) ?? kindIn(opening.join('\n').replace(/《[^》]{0,80}》/g, ''), true);
}

function unrecognisedOf(doc: Doc): string[] {
  const out: string[] = [];
  for (const n of [doc.root, ...descendants(doc.root)]) {
    const left = n.body.filter((p) => !doc.used[p.index]).map((p) => p.text);
    if (left.length) out.push(`${sectionPath(n)}：${left.join('\n')}`);
  }
  return out;
}

/** When no section says how the response ends: sentences that do ("…同步启动或解除"), but not "解除后…". */
const LIFT_SENTENCE = /(?:响应|应急)[^。；]{0,16}?(?:终止|解除)(?!后)|(?:终止|解除)(?:应急)?响应(?!后)/;

function liftSentences(doc: Doc): string[] {
  const out: string[] = [];
  for (const n of [doc.root, ...descendants(doc.root)]) {
    for (const p of n.body) {
      for (const s of p.rest.split(/(?<=[。；;])/)) if (LIFT_SENTENCE.test(s)) out.push(s.trim().replace(/[。；;]$/, ''));
    }
  }
  return out;
}

export function importPlan(blocks: Block[], opts: { filename?: string } = {}): ImportedPlan {
  const doc = buildDoc(blocks);
  const notes: string[] = [];
  const fromFile = opts.filename ? baseName(opts.filename) : '';
  const title = doc.title ?? (fromFile || '未命名预案');
  if (!doc.title) notes.push(fromFile ? '未找到预案名称，已用文件名代替' : '未找到预案名称');

  const found = findLevels(doc);
  const liftConditions = [...found.liftConditions, ...liftSections(doc)];
  if (!liftConditions.length) {
    const inferred = liftSentences(doc);
    liftConditions.push(...inferred);
    notes.push(inferred.length ? '未找到响应终止章节，解除条件取自正文中提到终止/解除响应的句子，请核对' : '未识别到响应终止或解除条件');
  }
  const organisations = findOrganisations(doc);
  // 适用范围 becomes the draft's scope (toPlanContent): a section of that name, else the sentence 本预案适用于….
  const scopeSections = [...descendants(doc.root)].filter((n) => SCOPE_HEADING.test(n.heading));
  for (const n of scopeSections.length ? scopeSections : [doc.root, ...descendants(doc.root)]) {
    for (const p of n.body) if (scopeSections.length || SCOPE_SENTENCE.test(p.rest)) doc.used[p.index] = 1;
  }

  const kind = guessKind(title, opts.filename, doc);
  if (!kind) notes.push(`未能判断预案类型，按${PLAN_KIND_LABELS.specific.zh}处理`);

  if (!found.responseFound) notes.push('未识别到响应分级章节（如“应急响应”“分级响应”），响应级别需人工补充');
  else if (!found.levels.length) notes.push('找到了应急响应章节，但未识别到响应级别（如Ⅰ级、一级、特别重大、关注级）');
  for (const l of found.levels) {
    if (!l.conditions.length) notes.push(`「${l.name}」未识别到启动条件`);
    if (!l.actions.length) notes.push(`「${l.name}」未识别到响应措施`);
  }
  notes.push(...found.notes);
  if (!organisations.length) notes.push('未识别到组织机构及职责');

  const unrecognised = unrecognisedOf(doc);
  if (unrecognised.length) notes.push(`${unrecognised.length} 个章节中有内容未归入结构化字段，原文保留在章节中，见“未识别”列表`);

  return {
    title,
    kind: kind ?? 'specific',
    sections: toPlanSections(doc.root),
    levels: found.levels,
    organisations,
    liftConditions,
    unrecognised,
    notes,
  };
}

const CATEGORY_WORDS: Record<Category, RegExp> = {
  natural: /防汛|洪涝|洪水|暴雨|内涝|台风|地震|地质|自然灾害|森林火灾|草原火灾/,
  // 森林草原火灾 is a natural disaster (国家森林草原火灾应急预案); other fires are accidents.
  accident: /生产安全|危化|危险化学品|(?<!森林|草原)火灾/,
  public_health: /公共卫生|传染病|疫情/,
  social_safety: /群体性|社会安全/,
};

function scopeOf(sections: PlanSection[]): string {
  const all = (s: PlanSection): string => [s.text, ...s.children.map(all)].filter(Boolean).join('\n');
  const find = (list: PlanSection[]): PlanSection | null => {
    for (const s of list) {
      if (SCOPE_HEADING.test(s.heading)) return s;
      const inner = find(s.children);
      if (inner) return inner;
    }
    return null;
  };
  const s = find(sections);
  if (s) return all(s);
  const lines = (list: PlanSection[]): string[] => list.flatMap((x) => [...x.text.split('\n'), ...lines(x.children)]);
  for (const line of lines(sections)) {
    const rest = parseMarker(line)?.rest.trim() ?? line;
    if (SCOPE_SENTENCE.test(rest)) return rest;
  }
  return '';
}

/**
 * The import as an editable draft: levels with their conditions as text and actions as tasks, every
 * organisation as a role on every level, categories guessed from the title and scope. Owner type and categories
 * read only the title and 适用范围: a government plan names companies among its members, and mentions 疫情 as
 * an after-effect of a flood.
 */
export function toPlanContent(p: ImportedPlan): PlanContent {
  const scope = scopeOf(p.sections);
  const about = `${p.title}\n${scope}`;
  const roles: CommandRole[] = p.organisations.map((o, i) => ({
    key: `org-${i + 1}`, title: o.name, parentKey: null, duties: o.duties.join('\n'), filledBy: null,
  }));
  return {
    title: p.title,
    kind: p.kind,
    ownerType: /公司|企业|厂/.test(about) ? 'enterprise' : 'government',
    scope,
    triggers: { ...EMPTY_TRIGGERS, categories: CATEGORIES.filter((c) => CATEGORY_WORDS[c].test(about)), typeCodes: [], jurisdictionCodes: [], conditions: [] },
    levels: p.levels.map((l) => ({
      key: `L${l.rank}`,
      name: l.name,
      rank: l.rank,
      startConditions: { text: l.conditions.join('\n'), minGrade: l.minGrade, conditions: [] },
      roles: roles.map((r) => ({ ...r })),
      tasks: l.actions.map((a, i) => ({
        key: `L${l.rank}-T${i + 1}`, title: a, roleKey: null, offsetMinutes: 60, checklist: [], feedbackRequired: true,
      })),
      notify: [],
      resources: [],
    })),
    liftConditions: [...p.liftConditions],
    sections: p.sections,
  };
}

