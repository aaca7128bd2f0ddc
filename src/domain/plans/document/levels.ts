// Response levels (应急响应级别): their names, start conditions (启动条件) and actions (响应措施), and the
// termination conditions (响应终止 / 应急结束) written inside the response chapter.
// Levels are found by name wherever the response chapter names them — in headings (5.2.2 Ⅳ级应急响应), at the
// start of a paragraph (特别重大突发事件由…组织实施), in a lead-in (出现下列情况之一时，启动Ⅰ级响应：), or in the
// first column of a table — and what follows is sorted by labels (启动条件 / 响应措施) and cue words.
import { GRADES, type Grade } from '../../incidents/model';
import type { ImportedLevel } from './blocks';
import { descendants, sectionPath, type Doc, type Para, type SectionNode } from './sections';

type Family = 'roman' | 'cn' | 'arabic' | 'grade' | 'colour' | 'local';

export interface LevelRef {
  name: string;
  /** Severity for the named families (Ⅰ = 1); null for a local name (关注级), ranked after the others. */
  rank: number | null;
  family: Family;
}

const NAMES: Record<Exclude<Family, 'local'>, string[]> = {
  roman: ['Ⅰ级', 'Ⅱ级', 'Ⅲ级', 'Ⅳ级'],
  cn: ['一级', '二级', '三级', '四级'],
  arabic: ['1级', '2级', '3级', '4级'],
  grade: ['特别重大', '重大', '较大', '一般'],
  colour: ['红色', '橙色', '黄色', '蓝色'],
};

const NUMBER_RANK: Record<string, number> = {
  Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, Ⅳ: 4, I: 1, II: 2, III: 3, IV: 4, Ｉ: 1, ＩＩ: 2, ＩＩＩ: 3, ＩＶ: 4,
  一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4, '１': 1, '２': 2, '３': 3, '４': 4,
};
const numberFamily = (n: string): Family => (/^[一二三四]$/.test(n) ? 'cn' : /^[1-4１-４]$/.test(n) ? 'arabic' : 'roman');

// Sticky (y) expressions matched at a given position; all repetitions are bounded.
const RE_NUMBERED = /(IV|III|II|I|ＩＶ|ＩＩＩ|ＩＩ|Ｉ|[ⅠⅡⅢⅣ一二三四1-4１-４])级/y;
const RE_GRADE = /(特别重大|重大|较大|一般)/y;
const RE_COLOUR = /(红色|橙色|黄色|蓝色)(?=(?:预警)?(?:应急)?响应)/y;
const RE_LOCAL = /([\u4e00-\u9fa5]{2,3})级(?=(?:应急)?响应)/y;
const RE_LOCAL_BARE = /([\u4e00-\u9fa5]{2})级$/y;
const RE_WARNING_LEVEL = /预警(?=(?:应急)?响应)/y;
/** Words before 级 that say "the matching level", not a level's name. */
const NOT_LOCAL = /相应|对应|同等|本级|提高|降低|调整|分级|逐级|各级|上一|下一|较高|较低|更高|[一二三四五六七八九十级第]$/;
const RE_QUALIFIER = /[（(][^（）()]{1,10}[）)]/y;
const RE_RANGE = /(?:级别|级)?(及|和|或)?(以下|以上)/y;
const RE_JOIN = /[、和及与或/，,]/y;
/** After 特别重大/重大/较大/一般 one of these must follow, so 一般情况下 or 重大事项 are not levels. */
const RE_GRADE_CONTINUES = /(?:[（(]|级|(?:应急)?响应|突发|[\u4e00-\u9fa5]{0,12}?(?:事件|事故|灾害))/y;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

function matchOne(s: string, at: number, bare: boolean): { ref: LevelRef; end: number } | null {
  let m = sticky(RE_NUMBERED, s, at);
  if (m) return { ref: { name: m[0], rank: NUMBER_RANK[m[1]!]!, family: numberFamily(m[1]!) }, end: at + m[0].length };
  m = sticky(RE_GRADE, s, at);
  if (m) return { ref: { name: m[1]!, rank: NAMES.grade.indexOf(m[1]!) + 1, family: 'grade' }, end: at + m[0].length };
  m = sticky(RE_COLOUR, s, at);
  if (m) return { ref: { name: m[1]!, rank: NAMES.colour.indexOf(m[1]!) + 1, family: 'colour' }, end: at + m[0].length };
  m = sticky(RE_WARNING_LEVEL, s, at);
  if (m) return { ref: { name: '预警响应', rank: null, family: 'local' }, end: at + m[0].length };
  m = sticky(bare ? RE_LOCAL_BARE : RE_LOCAL, s, at);
  if (m && !NOT_LOCAL.test(m[1]!)) return { ref: { name: `${m[1]}级`, rank: null, family: 'local' }, end: at + m[0].length };
  return null;
}

/** Levels of one family from `from` to `to` (ranks), named as that family names them. */
function rangeRefs(family: Family, from: number, to: number): LevelRef[] {
  const names = family === 'local' ? null : NAMES[family];
  const out: LevelRef[] = [];
  for (let r = from; r <= to && names; r++) out.push({ name: names[r - 1]!, rank: r, family });
  return out;
}

/**
 * The level names at position `at`: one ("Ⅳ级"), several ("Ⅲ级和Ⅳ级"), or a range ("重大级别以下" = 较大, 一般).
 * `bare` accepts a local name with nothing after it (inside an enumeration: 关注级、Ⅳ级…).
 */
export function matchLevelsAt(s: string, at: number, bare = false): { refs: LevelRef[]; end: number } | null {
  const refs: LevelRef[] = [];
  let pos = at;
  let ranged = false;
  for (;;) {
    const one = matchOne(s, pos, bare);
    if (!one) break;
    refs.push(one.ref);
    pos = one.end;
    const q = sticky(RE_QUALIFIER, s, pos);
    if (q) pos += q[0].length;
    const range = one.ref.rank !== null ? sticky(RE_RANGE, s, pos) : null;
    if (range) {
      const r = one.ref.rank!;
      const inclusive = Boolean(range[1]);
      refs.pop();
      refs.push(...(range[2] === '以下' ? rangeRefs(one.ref.family, inclusive ? r : r + 1, 4) : rangeRefs(one.ref.family, 1, inclusive ? r : r - 1)));
      pos += range[0].length;
      ranged = true;
      break;
    }
    const join = sticky(RE_JOIN, s, pos);
    if (!join || !matchOne(s, pos + join[0].length, bare)) break;
    pos += join[0].length;
  }
  if (!refs.length) return null;
  if (!ranged && !bare && refs.every((r) => r.family === 'grade') && !sticky(RE_GRADE_CONTINUES, s, pos)) return null;
  return { refs, end: pos };
}

/** Every level named anywhere in a short text (a clause). */
function levelsIn(s: string): LevelRef[] {
  const out: LevelRef[] = [];
  for (let i = 0; i < s.length; ) {
    const m = matchLevelsAt(s, i);
    if (m) {
      out.push(...m.refs);
      i = Math.max(m.end, i + 1);
    } else i++;
  }
  return out;
}

type Mode = 'conditions' | 'actions' | 'lift';

const LIFT_WORDS = /终止|解除|结束/;
/** 预警解除 lifts a warning, not a response. */
const isLiftHeading = (h: string) => LIFT_WORDS.test(h) && (!h.includes('预警') || h.includes('响应'));

function modeOfHeading(h: string): Mode | null {
  if (isLiftHeading(h)) return 'lift';
  if (/启动条件|启动标准|响应条件|启动情形|启动时机|分级标准|响应启动|启动响应/.test(h)) return 'conditions';
  if (/措施|行动|任务|职责|指挥|协调|处置|程序|分工|部署/.test(h)) return 'actions';
  return null;
}

const LABELS: [RegExp, Mode][] = [
  [/^(?:应急)?(?:响应)?(?:终止|解除|结束)(?:条件|程序)?(?:如下)?(?:[：:]|$)|^(?:终止|解除|结束)(?:应急)?响应(?:[：:]|$)|^应急结束(?:[：:]|$)/, 'lift'],
  [/^(?:响应)?(?:启动条件|启动标准|启动情形|启动时机)(?:如下)?(?:[：:]|$)|^响应条件(?:[：:]|$)/, 'conditions'],
  [/^(?:响应|处置|应急|应对|主要|工作|具体|行动|采取)?(?:措施|行动|任务)(?:如下)?(?:[：:]|$)|^(?:响应|应急)(?:处置)?(?:程序|内容)(?:[：:]|$)|^应急处置(?:[：:]|$)|^指挥(?:与|和)?协调(?:[：:]|$)/, 'actions'],
];

/** "启动条件" / "响应措施：…" → the mode it opens and any text after the colon. */
function paragraphLabel(text: string): { mode: Mode; inline: string } | null {
  for (const [re, mode] of LABELS) {
    const m = re.exec(text);
    if (m) return { mode, inline: text.slice(m[0].length).trim() };
  }
  return null;
}

const STRONG_CUE = /情况之一|情形之一|条件之一|(?:下列|以下)(?:情况|情形|条件)|(?:符合|满足|达到)(?:下列|以下)|启动条件|启动标准/;
const WEAK_CUE = /自动启动|决定启动|可启动|即启动|予以启动|时启动|启动本预案|启动(?:应急)?响应|时[，,][^。]{0,40}?启动|启动[。；;]?$/;
const endsWithWhen = (s: string) => /时[；;。：:，,]?$/.test(s);
/** Does the text say when a level starts? */
const isConditionText = (s: string) => STRONG_CUE.test(s) || WEAK_CUE.test(s) || endsWithWhen(s) || (/^(?:当|若|如果|一旦|凡)/.test(s) && s.includes('时'));
const endsWithColon = (s: string) => /[：:]$/.test(s);
/** "（3）市水务局：…" inside a conditions list means the actions began without a label. */
const ORG_DUTY_START = /^[\u4e00-\u9fa5（）()、]{2,30}?(?:局|委|办|厅|部|队|中心|公司|集团|政府|管委会|指挥部|组)[：:]/;

interface LeadIn<T> {
  value: T;
  /** The lead-in's own numbering (第六条): a paragraph numbered alike is its sibling, not an item of its list. */
  style: string | null;
}
const leadIn = <T>(value: T, p: Para): LeadIn<T> => ({ value, style: p.marker?.style ?? null });
const continues = (l: LeadIn<unknown> | null, p: Para) => Boolean(l && p.marker && p.marker.style !== l.style && !p.marker.style.startsWith('第'));

/** Item text without list punctuation at its end (a loop: a trailing-run regex is quadratic on long runs). */
export function itemText(s: string): string {
  let end = s.length;
  while (end > 0 && '；;，,、'.includes(s[end - 1]!)) end--;
  return s.slice(0, end).trim();
}

interface LevelAcc {
  key: string;
  name: string;
  rank: number | null;
  minGrade: Grade | null;
  conditions: string[];
  actions: string[];
  order: number;
}

interface Scope {
  levels: LevelAcc[];
  mode: Mode | null;
  /** Set by a label on the level or inside it; a mode inherited from above the level is only a hint. */
  explicit: boolean;
}

interface Running extends Scope {
  sawAction: boolean;
  /** The last paragraph ended with a colon: the list items after it take its mode. */
  leadIn: LeadIn<Mode> | null;
  /** The levels were named by a paragraph (not a heading), so the next naming paragraph replaces them. */
  fromPara: boolean;
  header: { cells: string[]; para: Para } | null;
}

const RESPONSE_HEADING = /响应|应急处置|分级处置|分级应对/;
const GRADING_HEADING = /分级|级别|等级/;
const ENUMERATION = /分为([一二三四五六七八九十\d]{1,2})个?(?:级|等级|级别)/;
const ENUMERATION_SPLIT = /分别是|分别为|依次为|依次是|[、，,：:；;和及与即]/;
const HEADER_CELL = /^(?:序号|编号|级别|响应级别|应急响应级别|名称|启动条件|条件|响应条件|启动标准|措施|响应措施|处置措施|行动|职责|单位|部门|备注|内容|终止条件|解除条件)$/;

export interface LevelsFound {
  levels: ImportedLevel[];
  liftConditions: string[];
  responseFound: boolean;
  notes: string[];
}

export function findLevels(doc: Doc): LevelsFound {
  const accs = new Map<string, LevelAcc>();
  const lift: string[] = [];
  const notes: string[] = [];
  const used = (p: Para) => (doc.used[p.index] = 1);

  const keyOf = (ref: LevelRef) => (ref.rank !== null ? `r${ref.rank}` : `n${ref.name}`);
  const acc = (ref: LevelRef): LevelAcc => {
    const key = keyOf(ref);
    let a = accs.get(key);
    if (!a) {
      const graded = ref.rank !== null && ref.family !== 'colour';
      a = { key, name: ref.name, rank: ref.rank, minGrade: graded ? GRADES[ref.rank! - 1]! : null, conditions: [], actions: [], order: accs.size };
      accs.set(key, a);
    }
    return a;
  };
  const same = (refs: LevelRef[], levels: LevelAcc[]) => refs.length === levels.length && refs.every((r) => levels.some((l) => l.key === keyOf(r)));

  const put = (run: Running, mode: Mode, text: string, p: Para) => {
    const t = itemText(text);
    used(p);
    if (!t) return;
    if (mode === 'lift') lift.push(t);
    else for (const l of run.levels) (mode === 'conditions' ? l.conditions : l.actions).push(t);
    if (mode === 'actions') run.sawAction = true;
  };

  /** A paragraph under a level that no label placed: by cue words, the mode the headings give, and list lead-ins. */
  const classify = (run: Running, text: string, p: Para) => {
    if (run.mode === 'lift' && run.explicit) return put(run, 'lift', text, p);
    if (continues(run.leadIn, p)) return put(run, run.leadIn!.value, text, p);
    run.leadIn = null;
    let mode: Mode;
    if (run.explicit && run.mode === 'conditions') {
      mode = p.marker && ORG_DUTY_START.test(text) ? 'actions' : 'conditions';
      if (mode === 'actions') run.mode = 'actions';
    } else if (run.explicit && run.mode === 'actions') {
      mode = !run.sawAction && STRONG_CUE.test(text) ? 'conditions' : 'actions';
    } else {
      mode = !run.sawAction && (isConditionText(text) || run.mode === 'conditions') ? 'conditions' : 'actions';
    }
    put(run, mode, text, p);
    if (endsWithColon(text)) run.leadIn = leadIn(mode, p);
  };

  /** Paragraph-level content without a label: a sentence saying when goes to the conditions, the rest to actions. */
  const classifySentences = (run: Running, text: string, p: Para) => {
    if (run.explicit || !text.includes('。') || endsWithColon(text)) return classify(run, text, p);
    let current: { mode: Mode; text: string } | null = null;
    const flush = () => current && put(run, current.mode, current.text, p);
    for (const sentence of text.split(/(?<=。)/)) {
      const s = sentence.trim();
      if (!s) continue;
      const mode: Mode = !run.sawAction && isConditionText(s) ? 'conditions' : 'actions';
      if (current && current.mode === mode) current.text += s;
      else {
        flush();
        current = { mode, text: s };
      }
    }
    flush();
  };

  /** A row whose first cell names a level: its other cells go by their column heading (启动条件 / 响应措施 …). */
  const tableRow = (run: Running, p: Para) => {
    const cells = p.cells!;
    const meaningful = cells.filter((c) => c && !/^\d{1,3}[.、]?$/.test(c));
    if (meaningful.length && meaningful.every((c) => HEADER_CELL.test(c))) {
      run.header = { cells, para: p };
      return;
    }
    const at = cells.findIndex((c) => c && !/^\d{1,3}[.、]?$/.test(c));
    const first = cells[at] ?? '';
    const named = matchLevelsAt(first, 0, true);
    if (!named || named.end !== first.length) {
      if (run.levels.length) classify(run, meaningful.join(' | '), p);
      return;
    }
    const rowRun: Running = { ...run, levels: named.refs.map(acc), mode: null, explicit: false, sawAction: false, leadIn: null };
    if (run.header) used(run.header.para);
    cells.forEach((cell, i) => {
      if (i <= at || !cell) return;
      const head = run.header?.cells[i] ?? '';
      const mode: Mode | null = LIFT_WORDS.test(head) ? 'lift' : /条件|标准|情形|情况/.test(head) ? 'conditions' : /措施|行动|任务|职责|处置|内容/.test(head) ? 'actions' : null;
      for (const item of cell.split('\n')) {
        if (mode) put(rowRun, mode, item, p);
        else classify(rowRun, item, p);
      }
    });
    used(p);
  };

  /** "…应急响应…由低到高分为五级，分别是关注级、Ⅳ级…": levels the document lists before describing them. */
  const enumeration = (text: string) => {
    const m = ENUMERATION.exec(text);
    if (!m || !text.slice(0, m.index).includes('响应')) return;
    const after = text.slice(m.index + m[0].length);
    const sentence = after.slice(0, after.includes('。') ? after.indexOf('。') : after.length);
    for (const piece of sentence.split(ENUMERATION_SPLIT)) {
      const t = piece.trim();
      const named = t ? matchLevelsAt(t, 0, true) : null;
      if (named) named.refs.forEach(acc);
    }
  };

  /** "出现下列情况之一时，启动Ⅰ级响应：" → the levels it starts (a few words may sit between: 启动本市Ⅰ级应急响应). */
  const startedLevels = (text: string): LevelRef[] | null => {
    for (let i = text.indexOf('启动'); i >= 0; i = text.indexOf('启动', i + 2)) {
      for (let j = i + 2; j <= Math.min(text.length - 1, i + 8) && !/[，。；：、,;:]/.test(text[j - 1]!); j++) {
        const m = matchLevelsAt(text, j);
        if (m && /^(?:应急)?响应/.test(text.slice(m.end, m.end + 4))) return m.refs;
      }
    }
    return null;
  };

  /** "启动条件" alone opens a list; "启动条件：…" with its text is one item and leaves the mode as it was. */
  const applyLabel = (run: Running, label: { mode: Mode; inline: string }, p: Para) => {
    run.leadIn = null;
    if (!label.inline) Object.assign(run, { mode: label.mode, explicit: true });
    if (!run.levels.length && label.mode !== 'lift') return;
    if (!label.inline) return used(p);
    put(run, label.mode, label.inline, p);
    if (endsWithColon(label.inline)) run.leadIn = leadIn(label.mode, p);
  };

  const walkBody = (body: Para[], scope: Scope) => {
    const run: Running = { ...scope, sawAction: false, leadIn: null, fromPara: false, header: null };
    for (const p of body) {
      if (doc.used[p.index]) continue;
      if (p.cells) {
        tableRow(run, p);
        continue;
      }
      const text = p.rest;
      enumeration(text);
      const label = paragraphLabel(text);
      if (label) {
        applyLabel(run, label, p);
        continue;
      }
      // A paragraph that starts with a level's name: 特别重大…由国务院组织, Ⅰ级响应：…, 一级响应措施：
      const named = matchLevelsAt(text, 0);
      if (named) {
        const switching = !same(named.refs, run.levels);
        if (switching) Object.assign(run, { levels: named.refs.map(acc), fromPara: true, sawAction: false, leadIn: null, mode: scope.mode, explicit: scope.explicit });
        const after = text.slice(named.end).replace(/^(?:应急)?响应/, '').replace(/^[（(][^（）()]{1,20}[）)]/, '');
        const inner = paragraphLabel(text.slice(named.end)) ?? paragraphLabel(after);
        if (inner) {
          applyLabel(run, inner, p);
          continue;
        }
        if (switching) {
          const content = /^[：:。．.，,]/.test(after) ? after.slice(1).trim() : text;
          if (content) classifySentences(run, content, p);
          else used(p);
          continue;
        }
      }
      // A lead-in for another level ends the current one, even under a heading that named a level.
      if (!run.levels.length || run.fromPara || STRONG_CUE.test(text)) {
        const started = startedLevels(text);
        if (started && !same(started, run.levels)) {
          Object.assign(run, { levels: started.map(acc), fromPara: true, sawAction: false, mode: scope.mode, explicit: scope.explicit });
          put(run, 'conditions', text, p);
          run.leadIn = endsWithColon(text) ? leadIn<Mode>('conditions', p) : null;
          continue;
        }
      }
      if (run.levels.length || (run.mode === 'lift' && run.explicit)) classify(run, text, p);
    }
  };

  const visit = (node: SectionNode, parent: Scope) => {
    const named = matchLevelsAt(node.heading, 0);
    const label = modeOfHeading(node.heading);
    let scope: Scope;
    if (named && !same(named.refs, parent.levels)) {
      scope = { levels: named.refs.map(acc), mode: label ?? (parent.levels.length ? null : parent.mode), explicit: label !== null };
    } else if (label) {
      scope = { levels: parent.levels, mode: label, explicit: parent.levels.length > 0 || label === 'lift' };
    } else scope = parent;
    walkBody(node.body, scope);
    for (const c of node.children) visit(c, scope);
  };

  const roots: SectionNode[] = [];
  const findRoots = (n: SectionNode) => {
    for (const c of n.children) {
      if (RESPONSE_HEADING.test(c.heading)) roots.push(c);
      else findRoots(c);
    }
  };
  findRoots(doc.root);
  for (const r of roots) visit(r, { levels: [], mode: null, explicit: false });

  gradingConditions(doc, roots, accs, notes);
  return { levels: ranked([...accs.values()], notes), liftConditions: lift, responseFound: roots.length > 0, notes };
}

/**
 * Plans often define the grades once (事件分级: "特别重大突发公共卫生事件主要包括：①…") and say in the response
 * chapter only who leads each level. The definitions are the start conditions of the level of that grade.
 */
function gradingConditions(doc: Doc, responseRoots: SectionNode[], accs: Map<string, LevelAcc>, notes: string[]) {
  const found = new Map<number, { texts: string[]; paras: Para[]; where: SectionNode }>();
  const add = (refs: LevelRef[], text: string, p: Para, where: SectionNode) => {
    for (const r of refs) {
      if (r.rank === null || r.family === 'colour') continue;
      const f = found.get(r.rank) ?? { texts: [], paras: [], where };
      f.texts.push(itemText(text));
      f.paras.push(p);
      found.set(r.rank, f);
    }
  };
  const scan = (node: SectionNode, inherited: LevelRef[]) => {
    const named = matchLevelsAt(node.heading, 0);
    const refs = named?.refs ?? inherited;
    let list: LeadIn<LevelRef[]> | null = null;
    for (const p of node.body) {
      if (doc.used[p.index] || p.cells) continue;
      if (refs.length) {
        add(refs, p.rest, p, node);
        continue;
      }
      if (continues(list, p)) {
        add(list!.value, p.rest, p, node);
        continue;
      }
      list = null;
      const start = matchLevelsAt(p.rest, 0);
      const inline = start ? /^[^：:]{0,20}[：:](.+)$/.exec(p.rest.slice(start.end)) : null;
      if (start && inline) add(start.refs, inline[1]!, p, node);
      const clauses = p.rest.split('。').filter((c) => c.trim());
      const last = clauses[clauses.length - 1] ?? '';
      if (endsWithColon(last)) {
        const refsIn = levelsIn(last);
        if (refsIn.length) list = leadIn(refsIn, p);
      }
    }
    for (const c of node.children) scan(c, refs);
  };
  const visit = (n: SectionNode) => {
    for (const c of n.children) {
      if (responseRoots.includes(c)) continue;
      if (GRADING_HEADING.test(c.heading) && !/响应|预警/.test(c.heading)) scan(c, []);
      else visit(c);
    }
  };
  visit(doc.root);
  for (const a of accs.values()) {
    const f = a.rank !== null && a.minGrade && !a.conditions.length ? found.get(a.rank) : undefined;
    if (!f) continue;
    a.conditions.push(...f.texts.filter(Boolean));
    for (const p of f.paras) doc.used[p.index] = 1;
    notes.push(`「${a.name}」的启动条件取自「${sectionPath(f.where)}」中该等级事件的分级标准，请核对`);
  }
}

/** Named levels keep their rank; local ones (关注级) go below Ⅳ, the least severe last, in output order 1, 2, … */
function ranked(all: LevelAcc[], notes: string[]): ImportedLevel[] {
  const known = all.filter((a) => a.rank !== null).sort((a, b) => a.order - b.order);
  const local = all.filter((a) => a.rank === null).sort((a, b) => a.order - b.order);
  // A document listing Ⅳ before Ⅰ goes from low to high, so its first local level is the least severe.
  const ascending = known.length > 1 && known[0]!.rank! > known[known.length - 1]!.rank!;
  const base = Math.max(4, ...known.map((k) => k.rank!));
  local.forEach((a, i) => (a.rank = base + (ascending ? local.length - i : i + 1)));
  if (local.length) notes.push(`${local.map((a) => `「${a.name}」`).join('')}不是Ⅰ–Ⅳ级，按低于Ⅳ级排序，请核对`);
  return all
    .sort((a, b) => a.rank! - b.rank!)
    .map((a) => ({ name: a.name, rank: a.rank!, minGrade: a.minGrade, conditions: a.conditions, actions: a.actions }));
}

/** Sections outside the response chapter that say when the response ends (应急结束, 响应终止…); takes their text. */
export function liftSections(doc: Doc): string[] {
  const texts: string[] = [];
  for (const n of descendants(doc.root)) {
    if (!isLiftHeading(n.heading)) continue;
    for (const m of [n, ...descendants(n)]) {
      for (const p of m.body) {
        if (doc.used[p.index]) continue;
        doc.used[p.index] = 1;
        texts.push(itemText(p.cells ? p.cells.filter(Boolean).join(' | ') : p.rest));
      }
    }
  }
  return texts.filter(Boolean);
}

