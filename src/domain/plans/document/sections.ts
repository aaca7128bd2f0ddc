// The section tree: which paragraphs are headings (一、 （一） 1. （1）, 1 / 1.1 / 1.1.1, 第一章 / 第一条, Word or
// Markdown heading levels) and how they nest. Nesting of numbered headings follows the order in which each
// numbering style first appears, as readers of 党政机关公文 (GB/T 9704) expect: 一、 > （一） > 1. > （1）.
import type { PlanSection } from '../model';
import { TABLE_CELL_SEPARATOR, type Block } from './blocks';

export interface Marker {
  /** Numbering style: items of one style are siblings (`dec2` for 1.1, `zh-paren` for （一） …). */
  style: string;
  /** The number as written: "（一）", "5.2.1", "第三章". */
  number: string;
  /** Components of a decimal number (1.1.1 → 3); 0 for other styles. */
  depth: number;
  /** ① and a. number list items, never headings. */
  listOnly: boolean;
}

export interface Para {
  index: number;
  text: string;
  marker: Marker | null;
  /** The text after the marker (all of it when there is none). */
  rest: string;
  /** A table row's cells, else null. */
  cells: string[] | null;
}

export interface SectionNode {
  number: string;
  heading: string;
  body: Para[];
  children: SectionNode[];
  parent: SectionNode | null;
}

export interface Doc {
  /** A virtual node: its body is the text before the first heading. */
  root: SectionNode;
  title: string | null;
  /** Per block: 1 when a field of the import took its text (the rest is reported as unrecognised). */
  used: Uint8Array;
}

interface MarkerRule {
  re: RegExp;
  style: string | ((m: RegExpExecArray) => string);
  depth?: (m: RegExpExecArray) => number;
  listOnly?: boolean;
}

const decDepth = (m: RegExpExecArray) => m[1]!.split(/[.．]/).length;

// Anchored, with bounded repetitions: each rule costs a few steps per paragraph whatever the paragraph holds.
const MARKER_RULES: MarkerRule[] = [
  { re: /^第([一二三四五六七八九十百零〇两\d]{1,5})(编|部分|章|节|条)[\s、.．:：]*/, style: (m) => `第${m[2]}` },
  { re: /^(\d{1,2}(?:[.．]\d{1,3}){1,4})[.．、]?(?![\d%％])\s*/, style: (m) => `dec${decDepth(m)}`, depth: decDepth },
  { re: /^[（(]([一二三四五六七八九十]{1,3})[）)][\s、.．]*/, style: 'zh-paren' },
  { re: /^([一二三四五六七八九十]{1,3})[、.．]\s*/, style: 'zh' },
  { re: /^[（(]([\d０-９]{1,3})[）)][\s、.．]*/, style: 'num-paren' },
  { re: /^([⑴-⒇])\s*/, style: 'num-paren' },
  { re: /^([①-⑳])[\s、.．]*/, style: 'circled', listOnly: true },
  { re: /^([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]{1,2}|[IVX]{1,4})[.．、](?!\d)\s*/, style: 'roman' },
  { re: /^(\d{1,2})[ \t\u3000]+(?=\D)/, style: 'dec1', depth: () => 1 },
  { re: /^(\d{1,3})[.．、](?!\d)\s*/, style: 'num-dot' },
  { re: /^([⒈-⒛])\s*/, style: 'num-dot' },
  { re: /^(\d{1,3})[）)]\s*/, style: 'num-rparen' },
  { re: /^[（(]?([a-zA-Z])[.．、)）]\s*/, style: 'latin', listOnly: true },
];

/** A number written right against a unit is a figure ("3.5米以上"), not a section number. */
const UNIT_AFTER_NUMBER = /^[米吨元亿万千百%％倍个天年月日时分秒度克升亩平立方公顷]/;

export function parseMarker(text: string): { marker: Marker; rest: string } | null {
  for (const rule of MARKER_RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    if (rule.depth && UNIT_AFTER_NUMBER.test(text.slice(m[1]!.length))) return null;
    const style = typeof rule.style === 'string' ? rule.style : rule.style(m);
    return { marker: { style, number: m[0].trim(), depth: rule.depth?.(m) ?? 0, listOnly: rule.listOnly ?? false }, rest };
  }
  return null;
}

// A table-of-contents line ends with a page number after dot leaders or a space.
const TOC_LINE = /(?:\.{2,}|…+|·{2,}|[ \t\u3000])\d{1,3}$/;

/**
 * A numbered paragraph is a heading when what follows the number is short and not a sentence. One ending in a
 * colon introduces a list (第四条 各部门职责如下：) and stays a paragraph.
 */
const headingLike = (rest: string) => rest.length > 0 && rest.length <= 40 && !/[。；;！!？?，,：:]/.test(rest) && !TOC_LINE.test(rest);

/** A Word/Markdown heading that holds a whole sentence is a mis-styled paragraph. */
const styledHeadingLike = (text: string) => text.length <= 60 && !/[。；;！!？?]/.test(text.slice(0, -1));

const TITLE_WORDS = /预案|方案|处置卡/;

function titleOf(text: string): string | null {
  if (text.length > 80 || !TITLE_WORDS.test(text) || /[。；;]/.test(text)) return null;
  const quoted = /《([^》]{2,60})》/.exec(text);
  return quoted && TITLE_WORDS.test(quoted[1]!) ? quoted[1]! : text;
}

function toPara(index: number, text: string): Para {
  if (text.includes(TABLE_CELL_SEPARATOR)) {
    return { index, text, marker: null, rest: text, cells: text.split(TABLE_CELL_SEPARATOR).map((c) => c.trim()) };
  }
  const p = parseMarker(text);
  return { index, text, marker: p?.marker ?? null, rest: p ? p.rest.trim() : text, cells: null };
}

interface StackEntry {
  node: SectionNode;
  /** Numbering style of the heading (its siblings share it), null for an unnumbered Word/Markdown heading. */
  style: string | null;
  headingLevel: number | null;
  depth: number;
}

export function buildDoc(blocks: Block[]): Doc {
  const root: SectionNode = { number: '', heading: '', body: [], children: [], parent: null };
  const used = new Uint8Array(blocks.length);
  const paras = blocks.map((b, i) => toPara(i, b.text.trim()));
  const isHeading = (i: number): boolean => {
    const p = paras[i]!;
    const level = blocks[i]!.headingLevel;
    if (p.cells || !p.text) return false;
    if (level !== null && level >= 1) return styledHeadingLike(p.text);
    return p.marker !== null && !p.marker.listOnly && headingLike(p.rest);
  };

  // The title: Word's Title style, else the first short line naming a 预案/方案 before the first real heading.
  let title: string | null = null;
  for (let i = 0; i < Math.min(blocks.length, 10); i++) {
    const p = paras[i]!;
    if (isHeading(i) && (i > 0 || p.marker)) break;
    // A numbered line before the first heading is a table-of-contents entry ("10 预案管理 …… 20").
    const t = blocks[i]!.headingLevel === 0 ? p.text || null : p.marker ? null : titleOf(p.text);
    if (t) {
      title = t;
      used[i] = 1;
      break;
    }
  }

  const stack: StackEntry[] = [];
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    if (!p.text || used[i]) continue;
    if (!isHeading(i)) {
      (stack[stack.length - 1]?.node ?? root).body.push(p);
      continue;
    }
    const level = blocks[i]!.headingLevel;
    const marker = p.marker && !p.marker.listOnly ? p.marker : null;
    if (level !== null && level >= 1) {
      // Explicit levels compare by number; plain numbered headings under them close with them.
      while (stack.length && (stack[stack.length - 1]!.headingLevel ?? Infinity) >= level) stack.pop();
    } else if (marker) {
      let at = -1;
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.style === marker.style) {
          at = k;
          break;
        }
      }
      if (at >= 0) stack.length = at;
      else if (marker.depth) while (stack.length && stack[stack.length - 1]!.depth >= marker.depth && stack[stack.length - 1]!.headingLevel === null) stack.pop();
    }
    const parent = stack[stack.length - 1]?.node ?? root;
    const node: SectionNode = { number: marker?.number ?? '', heading: marker ? p.rest : p.text, body: [], children: [], parent };
    parent.children.push(node);
    used[i] = 1; // a heading is structure: it is shown in the tree, never "unrecognised"
    stack.push({
      node,
      style: marker?.style ?? null,
      headingLevel: level !== null && level >= 1 ? level : null,
      depth: marker?.depth ?? 0,
    });
  }
  return { root, title, used };
}

/** "一、总则", "5.2 应急响应行动": no space after a number that ends in its own punctuation. */
const labelOf = (n: SectionNode) => (n.number && n.heading && !/[、）).．]$/.test(n.number) ? `${n.number} ${n.heading}` : n.number + n.heading);

/** "5 应急响应 / 5.2 应急响应行动 / 5.2.6 排洪". */
export function sectionPath(n: SectionNode): string {
  const parts: string[] = [];
  for (let at: SectionNode | null = n; at?.parent; at = at.parent) parts.push(labelOf(at));
  return parts.reverse().join(' / ') || '（开头）';
}

/** Every node below `n` (not `n` itself), in document order. */
export function* descendants(n: SectionNode): Generator<SectionNode> {
  for (const c of n.children) {
    yield c;
    yield* descendants(c);
  }
}

export function toPlanSections(root: SectionNode): PlanSection[] {
  const convert = (n: SectionNode): PlanSection => ({
    number: n.number,
    heading: n.heading,
    text: n.body.map((p) => p.text).join('\n'),
    children: n.children.map(convert),
  });
  const out = root.children.map(convert);
  if (root.body.length) out.unshift({ number: '', heading: '', text: root.body.map((p) => p.text).join('\n'), children: [] });
  return out;
}
