// The importer's input (paragraphs) and output (a structured draft for a person to review).
import type { Grade } from '../../incidents/model';
import type { PlanKind, PlanSection } from '../model';

/**
 * One paragraph of the source document. `headingLevel` is the Word heading style (Heading 1 → 1) or the Markdown
 * `#` count; 0 is Word's Title style; null for an ordinary paragraph. A table row is one block whose cells are
 * separated by TAB (TABLE_CELL_SEPARATOR), so a row like 单位 | 职责 stays one unit.
 */
export interface Block {
  text: string;
  headingLevel: number | null;
}

export const TABLE_CELL_SEPARATOR = '\t';

export interface ImportedLevel {
  name: string;
  /** 1 = most severe. Ⅰ–Ⅳ keep their number; a local level below Ⅳ (关注级) comes after them. */
  rank: number;
  /** I..IV when the level maps to 特别重大..一般, else null. */
  minGrade: Grade | null;
  conditions: string[];
  actions: string[];
}

export interface ImportedOrganisation {
  name: string;
  duties: string[];
}

export interface ImportedPlan {
  title: string;
  kind: PlanKind;
  sections: PlanSection[];
  levels: ImportedLevel[];
  organisations: ImportedOrganisation[];
  liftConditions: string[];
  /** Text that no field took, as "section path：text", so a reviewer sees what still needs a home. */
  unrecognised: string[];
  /** Remarks for the reviewer (zh-CN). */
  notes: string[];
}

const MD_HEADING = /^(#{1,6})(?:[ \t]+|$)/;
const MD_BULLET = /^[-*+][ \t]+/;
const MD_TABLE_RULE = /^\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?$/;
const MD_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~])/g;

/** [text](url) and ![alt](src) → their text; a scan rather than a regex, so a line full of brackets stays linear. */
function stripLinks(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const close = s.indexOf('](', from);
    if (close < 0) break;
    const end = s.indexOf(')', close);
    if (end < 0) break;
    let open = close - 1;
    while (open >= from && s[open] !== '[') open--;
    if (open < from) {
      out += s.slice(from, close + 2);
      from = close + 2;
      continue;
    }
    out += s.slice(from, open > from && s[open - 1] === '!' ? open - 1 : open) + s.slice(open + 1, close);
    from = end + 1;
  }
  return out + s.slice(from);
}

const markdownInline = (s: string) => stripLinks(s).replace(/\*\*|__/g, '').replace(MD_ESCAPE, '$1');

/** "## 标题 ##" → "标题" (closing hashes are optional in Markdown). */
function headingText(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '#') end--;
  return end < s.length && (end === 0 || s[end - 1] === ' ' || s[end - 1] === '\t') ? s.slice(0, end) : s;
}

/**
 * Paragraphs of a Markdown or plain-text document, one per non-empty line. Lines are not joined into
 * paragraphs as Markdown would: Chinese documents converted to text rarely hard-wrap, and joining would merge
 * numbered items (（1）…（2）…) that must stay apart.
 */
export function blocksFromText(text: string, format: 'markdown' | 'text'): Block[] {
  const out: Block[] = [];
  let fence = false;
  let afterText = false; // the previous line was a paragraph (a Setext underline needs one right above it)
  for (const raw of text.split(/\r\n|\r|\n/)) {
    // trim() also removes U+3000, NBSP and BOM: Chinese paragraphs are indented with full-width spaces.
    let line = raw.trim();
    const follows = afterText;
    afterText = false;
    if (format === 'text' || fence) {
      if (fence && /^(```|~~~)/.test(line)) fence = false;
      else if (line) out.push({ text: line, headingLevel: null });
      continue;
    }
    if (/^(```|~~~)/.test(line)) {
      fence = true;
      continue;
    }
    const prev = out[out.length - 1];
    if (follows && prev && (/^=+$/.test(line) || /^-+$/.test(line))) {
      prev.headingLevel = line.startsWith('=') ? 1 : 2;
      continue;
    }
    if (/^(\*{3,}|-{3,}|_{3,}|<!--.*-->)$/.test(line) || (line.includes('-') && MD_TABLE_RULE.test(line))) continue;
    line = line.replace(/^(>[ \t]?)+/, '').trim();
    let headingLevel: number | null = null;
    const h = MD_HEADING.exec(line);
    if (h) {
      headingLevel = h[1]!.length;
      // Transcriptions carry stray quote marks inside headings ("## >3.2 指挥工作小组").
      line = headingText(line.slice(h[0].length)).trim().replace(/^>+/, '').trim();
    } else if (line.startsWith('|') && line.endsWith('|') && line.length > 1) {
      line = line.slice(1, -1).split('|').map((c) => markdownInline(c).trim()).join(TABLE_CELL_SEPARATOR);
      if (line.replaceAll(TABLE_CELL_SEPARATOR, '')) out.push({ text: line, headingLevel: null });
      continue;
    } else {
      line = line.replace(MD_BULLET, '');
    }
    line = markdownInline(line).trim();
    if (line) out.push({ text: line, headingLevel });
    afterText = headingLevel === null && line !== '';
  }
  return out;
}
