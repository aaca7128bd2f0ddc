// Excel in and out, for any list: a column spec drives the downloadable template, the export and the import.
//
// Libraries: read-excel-file (values: shared strings, inline strings, date styles) and write-excel-file (styled
// sheets; its `features` hook adds the data-validation dropdowns), both maintained; fflate (already read-excel-file's
// own unzipper) for the checks no reader offers. Before a single row is materialised, one streaming pass over the
// archive refuses what must not reach the reader: a file that is no .xlsx, a zip bomb (sizes counted while
// inflating, not as declared), DOCTYPEs, and a sheet with content beyond the row limit (the pass stops at the first
// such cell, so a 1 000 000-row sheet costs no more than the limit). The same pass records what read-excel-file
// would silently flatten: formulas (it returns the cached result), merged cells and error values (#DIV/0!).
// Every message is zh-CN and names the row, the column letter and the column's header.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { strFromU8, Unzip, UnzipInflate, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { AppError, invalid } from '../../errors';

export type ColumnType = 'text' | 'int' | 'number' | 'date' | 'enum' | 'bool';

export interface EnumValue {
  code: string;
  label: string;
}

export interface ColumnSpec {
  key: string;
  header: string;
  headerEn?: string;
  type: ColumnType;
  required?: boolean;
  /** int/number: inclusive bounds. */
  min?: number;
  max?: number;
  /** text: characters. */
  maxLength?: number;
  /** enum: a cell may hold the label or the code; the parsed value is the code. */
  values?: readonly EnumValue[];
  /** Shown in the template's instructions sheet and as the cell's input prompt. */
  note?: string;
  /** Column width in characters (a CJK character counts two). */
  width?: number;
}

export type SheetSpec = readonly ColumnSpec[];

type ValueOf<C extends ColumnSpec> = C['type'] extends 'int' | 'number'
  ? number
  : C['type'] extends 'bool'
    ? boolean
    : C extends { values: readonly { code: infer V }[] }
      ? V
      : string;
/** A parsed row: dates are 'YYYY-MM-DD', enums their code; optional empty cells are null. */
export type RowValues<S extends SheetSpec> = {
  [C in S[number] as C['key']]: ValueOf<C> | (C extends { required: true } ? never : null);
};
export type Value = string | number | boolean | null;

export interface ParsedRow<S extends SheetSpec = SheetSpec> {
  rowNumber: number;
  values: RowValues<S>;
}

export interface CellError {
  /** 1-based sheet row; null for a problem of the whole sheet. */
  row: number | null;
  /** Column letter (A, B, …, AA) or a range for merged cells; null when not about one column. */
  column: string | null;
  header: string | null;
  /** Complete sentence, e.g. 第 12 行 D 列（数量）：应为不小于 0 的整数，实际为“十”. */
  message: string;
}

export interface ParseResult<S extends SheetSpec = SheetSpec> {
  /** The valid rows only; a row with any error is left out (its errors say why). */
  rows: ParsedRow<S>[];
  /** At most `maxErrors`, in sheet order; `errorCount` is the full count. */
  errors: CellError[];
  errorCount: number;
  /** Non-empty data rows below the header. */
  rowCount: number;
  /** Sheet row numbers of the rows left out, all of them (the errors list may be capped). */
  invalidRows: number[];
  headerRow: number;
}

export interface ParseOptions {
  maxRows?: number;
  maxBytes?: number;
  maxErrors?: number;
  /** Zip-bomb guard: what the XML parts may unpack to, counted while inflating (default 300 MB). */
  maxUnpackedBytes?: number;
  /** Called with 0…1 as the work proceeds; the parse yields to the event loop in between. */
  onProgress?: (fraction: number) => void;
}

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
/** What the XML parts may unpack to: 100 000 rows of 20 columns are ~100 MB; a zip bomb is far more. */
export const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;
/** A title or a note above the header is common; the header is looked for in this many first rows. */
const HEADER_SEARCH_ROWS = 10;
const MAX_ERRORS = 1000;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const AS_XLSX = '请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（.xlsx），再导入';
const refuse = (message: string) => invalid([{ path: 'file', message }], message);

// ---------------------------------------------------------------------------------------------------------------
// Cell addresses

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function parseAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(a.trim().toUpperCase());
  return m ? { col: columnIndex(m[1]!), row: Number(m[2]) } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The structural pass

interface Scan {
  formulas: { row: number; col: number; text: string }[];
  errorValues: { row: number; col: number; text: string }[];
  merges: { ref: string; r1: number; c1: number; r2: number; c2: number }[];
}

/** What the first bytes say, for the files people upload by mistake. */
function sniff(b: Buffer): 'zip' | 'ole' | 'text' | 'other' {
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7)) return 'zip';
  // Compound File Binary: Excel 97–2003 (.xls), and password-protected .xlsx files.
  if (b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  const head = b.subarray(0, 4096);
  return head.every((c) => c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) ? 'text' : 'other';
}

const attrPatterns = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
}

/** The worksheet part of the first sheet in workbook order (what read-excel-file reads as sheet 1). */
function firstSheetPath(bytes: Buffer): string {
  const parts = unzipSync(bytes, {
    // Both are a few KB; the bound keeps a crafted entry from costing time (fflate inflates into the declared size).
    filter: (f) => (f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels') && f.size < 1 << 20 && f.originalSize < 8 << 20,
  });
  const workbook = parts['xl/workbook.xml'];
  const rels = parts['xl/_rels/workbook.xml.rels'];
  const sheet = workbook && /<(?:\w+:)?sheet\b([^>]*)>/.exec(strFromU8(workbook));
  const id = sheet && /(?:^|\s)[\w]+:id="([^"]*)"/.exec(sheet[1]!)?.[1];
  if (!rels || !id) throw refuse(`该工作簿中没有工作表，无法导入；${AS_XLSX}`);
  for (const m of strFromU8(rels).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    if (attr(m[1]!, 'Id') !== id) continue;
    const target = attr(m[1]!, 'Target') ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
  }
  throw refuse(`该工作簿的结构不完整，无法导入；${AS_XLSX}`);
}

/** Checks the archive and scans the data sheet, stopping at the first content beyond `lastRow`. */
async function scanArchive(
  bytes: Buffer,
  limits: { lastRow: number; maxRows: number; maxUnpacked: number },
  progress: (f: number) => void,
): Promise<Scan> {
  const { lastRow, maxRows, maxUnpacked } = limits;
  const tooLarge = () => `文件解压后超过 ${Math.round(maxUnpacked / 1024 / 1024)} MB（行数或内容过多），无法导入；请分成多个文件导入`;
  let names: string[];
  try {
    names = [];
    let declared = 0;
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        if (/\.(xml|rels)$/.test(f.name)) declared += f.originalSize;
        return false;
      },
    });
    if (declared > maxUnpacked) throw refuse(tooLarge());
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(`文件已损坏，无法读取；${AS_XLSX}`);
  }
  if (!names.includes('xl/workbook.xml')) {
    if (names.includes('xl/workbook.bin')) throw refuse(`这是 Excel 二进制工作簿（.xlsb），不能直接导入；${AS_XLSX}`);
    if (names.includes('word/document.xml')) throw refuse('这是 Word 文档，不是 Excel 表格；请上传 .xlsx 文件');
    if (names.includes('content.xml')) throw refuse(`这是 OpenDocument 表格（.ods）；${AS_XLSX}`);
    throw refuse('该文件不是 Excel 工作簿（.xlsx）；请上传用模板填写的 .xlsx 文件');
  }
  const sheetPath = firstSheetPath(bytes);

  const scan: Scan = { formulas: [], errorValues: [], merges: [] };
  let unpacked = 0;
  // One regex for the tokens of interest. A chunk may end inside a token: the text after the last match is carried
  // over to the next chunk (cells are at most 32 767 characters, so the carry stays small).
  const TOKEN =
    /<(?:\w+:)?row\b([^>]*)>|<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)|<(?:\w+:)?mergeCell\b([^>]*)>/g;
  let carry = '';
  let row = 0;
  let col = 0;
  const scanText = (text: string) => {
    let end = 0;
    for (const m of text.matchAll(TOKEN)) {
      end = m.index + m[0].length;
      if (m[1] !== undefined) {
        row = Number(attr(m[1], 'r') ?? row + 1);
        col = 0;
      } else if (m[2] !== undefined) {
        const at = parseAddress(attr(m[2], 'r') ?? '');
        col = at?.col ?? col + 1;
        const r = at?.row ?? row;
        const content = m[3] ?? '';
        const f = /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(content);
        const hasValue = f !== null || /<(?:\w+:)?(?:v|is)\b/.test(content);
        if (hasValue && r > lastRow) {
          throw refuse(
            `数据行数超过上限：第 ${r} 行 ${columnLetter(col)} 列仍有内容，每次最多导入 ${maxRows} 行；请分成多个文件导入，或删除多余的行`,
          );
        }
        if (f) scan.formulas.push({ row: r, col, text: unescapeXml(f[1] ?? '').replace(/^=/, '') });
        if (attr(m[2], 't') === 'e') scan.errorValues.push({ row: r, col, text: unescapeXml(/<(?:\w+:)?v>([^<]*)/.exec(content)?.[1] ?? '') });
      } else if (m[4] !== undefined) {
        const ref = attr(m[4], 'ref') ?? '';
        const [a, b] = ref.split(':').map(parseAddress);
        if (a && b) scan.merges.push({ ref, r1: a.row, c1: a.col, r2: b.row, c2: b.col });
      }
    }
    carry = text.slice(end);
    if (carry.length > 1 << 20) carry = carry.slice(-(1 << 18));
  };

  const unzip = new Unzip((file) => {
    if (!/\.(xml|rels)$/.test(file.name)) return; // images and the like are never inflated
    const isSheet = file.name === sheetPath;
    const decoder = new TextDecoder();
    let first = true;
    file.ondata = (err, chunk, final) => {
      // fflate hands an exception thrown below back here as `err`: a refusal of ours passes through unchanged.
      if (err) throw err instanceof AppError ? err : refuse(`文件已损坏，无法读取；${AS_XLSX}`);
      unpacked += chunk.length;
      if (unpacked > maxUnpacked) throw refuse(tooLarge());
      if (first && /<!DOCTYPE|<!ENTITY/i.test(Buffer.from(chunk.subarray(0, 4096)).toString('latin1'))) {
        throw refuse('文件中含有不允许的 XML 声明（DOCTYPE），无法导入；请用 Excel 或 WPS 重新保存后再试');
      }
      first = false;
      if (isSheet) scanText(carry + decoder.decode(chunk, { stream: !final }));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const SLICE = 256 * 1024; // compressed bytes between two progress reports (and two turns of the event loop)
  try {
    for (let at = 0; at < bytes.length; at += SLICE) {
      unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
      progress(Math.min(1, (at + SLICE) / bytes.length));
      await nextTurn();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(`文件已损坏，无法读取；${AS_XLSX}`);
  }
  return scan;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? '';
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cell values

type Cellish = string | number | boolean | Date | null | undefined;

const normHeader = (s: string) => s.normalize('NFKC').replace(/[\s*]/g, '').toLowerCase();
const normValue = (s: string) => s.normalize('NFKC').replace(/\s/g, '');
const isEmpty = (v: Cellish) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** How a cell is quoted back in a message. */
function shown(v: Cellish): string {
  const s = v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ').replace(/ 00:00$/, '') : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

function toNumber(v: Cellish): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  // Full-width digits (１２), thousands separators (1,200) and surrounding spaces are what people type.
  const s = v.normalize('NFKC').trim().replace(/^([+-]?\d{1,3}(?:,\d{3})+)(\.\d+)?$/, (_, a: string, b = '') => a.replaceAll(',', '') + b);
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : null;
}

/** Excel's 1900 date system: serial 1 is 1900-01-01, with the phantom 1900-02-29 counted (so base 1899-12-30). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function toDate(v: Cellish): string | null {
  if (v instanceof Date) {
    const t = Math.round(v.getTime() / 1000) * 1000;
    return t % 86_400_000 === 0 ? ymd(new Date(t)) : null;
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) && v >= 61 && v <= 2_958_465 ? ymd(new Date(EXCEL_EPOCH + v * 86_400_000)) : null;
  }
  if (typeof v !== 'string') return null;
  const s = v.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 ? ymd(date) : null;
}

const TRUE_WORDS = new Set(['是', '有', '对', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE_WORDS = new Set(['否', '无', '没有', '不是', '错', 'n', 'no', 'false', '0', '×', '✗']);

function rangeText(c: ColumnSpec): string {
  const what = c.type === 'int' ? '整数' : '数字';
  if (c.min !== undefined && c.max !== undefined) return `${c.min} 到 ${c.max} 之间的${what}`;
  if (c.min !== undefined) return `不小于 ${c.min} 的${what}`;
  if (c.max !== undefined) return `不大于 ${c.max} 的${what}`;
  return what;
}

function enumText(c: ColumnSpec): string {
  const labels = (c.values ?? []).map((v) => v.label);
  return labels.length > 12 ? `${labels.slice(0, 12).join('、')}等 ${labels.length} 项之一（见“填写说明”）` : `${labels.join('、')}之一`;
}

/** What a column expects, said once for the template and for error messages. */
export function describeColumn(c: ColumnSpec): string {
  switch (c.type) {
    case 'int':
    case 'number':
      return rangeText(c);
    case 'date':
      return '日期，如 2024-05-01';
    case 'enum':
      return enumText(c);
    case 'bool':
      return '“是”或“否”';
    case 'text':
      return c.maxLength ? `文字，不超过 ${c.maxLength} 个字` : '文字';
  }
}

/** The value of a non-empty cell, or the error message (without the row/column prefix). */
function convert(c: ColumnSpec, v: Cellish): { value: Value } | { error: string } {
  const bad = () => ({ error: `应为${describeColumn(c)}，实际为“${shown(v)}”` });
  switch (c.type) {
    case 'int':
    case 'number': {
      const n = toNumber(v);
      if (n === null || (c.type === 'int' && !Number.isSafeInteger(n))) return bad();
      if ((c.min !== undefined && n < c.min) || (c.max !== undefined && n > c.max)) return bad();
      return { value: n };
    }
    case 'date': {
      const d = toDate(v);
      return d === null ? bad() : { value: d };
    }
    case 'bool': {
      const s = typeof v === 'boolean' ? String(v) : normValue(String(v)).toLowerCase();
      if (TRUE_WORDS.has(s)) return { value: true };
      if (FALSE_WORDS.has(s)) return { value: false };
      return bad();
    }
    case 'enum': {
      const s = normValue(String(v));
      const hit = (c.values ?? []).find((e) => normValue(e.label) === s || e.code.toLowerCase() === s.toLowerCase());
      return hit ? { value: hit.code } : bad();
    }
    case 'text': {
      const s = v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ').replace(/ 00:00$/, '') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v).trim();
      const length = [...s].length;
      if (c.maxLength !== undefined && length > c.maxLength) return { error: `不能超过 ${c.maxLength} 个字，实际为 ${length} 个字` };
      return { value: s };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// parseSheet

/** Reads the first sheet of an uploaded .xlsx against `spec`. File-level problems throw an AppError ('invalid'). */
export async function parseSheet<S extends SheetSpec>(bytes: Buffer, spec: S, opts: ParseOptions = {}): Promise<ParseResult<S>> {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const maxBytes = opts.maxBytes ?? MAX_XLSX_BYTES;
  const maxErrors = opts.maxErrors ?? MAX_ERRORS;
  const progress = opts.onProgress ?? (() => {});

  if (bytes.length === 0) throw refuse('文件是空的；请上传用模板填写的 .xlsx 文件');
  if (bytes.length > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    throw refuse(`文件大小 ${mb(bytes.length)} MB，超过上限 ${mb(maxBytes)} MB；请删除其中的图片，或分成多个文件导入`);
  }
  const kind = sniff(bytes);
  if (kind === 'ole') throw refuse(`这是旧版 Excel 97–2003 文件（.xls），或设置了打开密码的文件；${AS_XLSX}（如有密码请先取消）`);
  if (kind === 'text') throw refuse(`这是文本文件（如 .csv，或网页导出的“Excel”），不是 Excel 工作簿；${AS_XLSX}`);
  if (kind === 'other') throw refuse('该文件不是 Excel 工作簿（.xlsx）；请上传用模板填写的 .xlsx 文件');

  const limits = { lastRow: maxRows + HEADER_SEARCH_ROWS, maxRows, maxUnpacked: opts.maxUnpackedBytes ?? MAX_UNPACKED_BYTES };
  const scan = await scanArchive(bytes, limits, (f) => progress(f * 0.3));
  let data: Cellish[][];
  try {
    data = (await readSheet(bytes, 1)) as unknown as Cellish[][];
  } catch {
    throw refuse(`无法读取该工作簿，文件可能已损坏；${AS_XLSX}`);
  }
  progress(0.6);

  // The header: the row among the first few that names the most columns of the spec.
  const byName = new Map<string, ColumnSpec>();
  for (const c of spec) for (const h of [c.header, c.headerEn]) if (h) byName.set(normHeader(h), c);
  let headerIndex = -1;
  let best = 0;
  data.slice(0, HEADER_SEARCH_ROWS).forEach((cells, i) => {
    const hits = cells.filter((v) => typeof v === 'string' && byName.has(normHeader(v))).length;
    if (hits > best) [best, headerIndex] = [hits, i];
  });
  const headerRow = headerIndex + 1;
  const expected = spec.map((c) => `${c.required ? '*' : ''}${c.header}`).join('、');
  if (headerIndex < 0) {
    if (data.every((r) => r.every(isEmpty))) throw refuse('工作表是空的，没有可导入的数据；请在模板的第 1 行表头下面填写');
    throw refuse(`没有找到表头：第 1 行应为列名（${expected}）；请使用下载的模板填写`);
  }

  const errors: CellError[] = [];
  let errorCount = 0;
  const report = (e: CellError) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push(e);
  };
  const cellError = (row: number, col: number, header: string | null, what: string) =>
    report({ row, column: columnLetter(col), header, message: `第 ${row} 行 ${columnLetter(col)} 列${header ? `（${header}）` : ''}：${what}` });

  // Columns: any order, each at most once, required ones present, none unknown.
  const columns = new Map<number, ColumnSpec>(); // 0-based sheet column → spec
  const seen = new Map<ColumnSpec, number>();
  const headerCells = data[headerIndex] ?? [];
  const width = data.reduce((w, r) => Math.max(w, r.length), 0);
  for (let i = 0; i < width; i++) {
    const v = headerCells[i];
    if (isEmpty(v)) {
      const used = data.findIndex((r, j) => j > headerIndex && !isEmpty(r[i]));
      if (used >= 0) cellError(headerRow, i + 1, null, `该列没有列名，但第 ${used + 1} 行等处填写了内容；请补上列名（${expected}），或删除该列内容`);
      continue;
    }
    const c = byName.get(normHeader(shown(v)));
    if (!c) cellError(headerRow, i + 1, null, `无法识别的列名“${shown(v)}”；可用的列名为：${expected}`);
    else if (seen.has(c)) cellError(headerRow, i + 1, c.header, `列“${c.header}”重复出现（已在 ${columnLetter(seen.get(c)! + 1)} 列）；请删除其中一列`);
    else {
      seen.set(c, i);
      columns.set(i, c);
    }
  }
  for (const c of spec) {
    if (c.required && !seen.has(c)) report({ row: headerRow, column: null, header: c.header, message: `第 ${headerRow} 行表头缺少必填列“${c.header}”` });
  }
  for (const m of scan.merges) {
    if (m.r1 <= headerRow && m.r2 >= headerRow) {
      report({ row: headerRow, column: m.ref, header: null, message: `表头中有合并单元格 ${m.ref}；请取消合并，每列一个列名` });
    }
  }
  if (errorCount > 0) return { rows: [], errors, errorCount, rowCount: 0, invalidRows: [], headerRow };

  // Rows: structural problems first (they make a row invalid whatever its values), then each cell.
  const headerOf = (col: number) => columns.get(col - 1)?.header ?? null;
  // A problem blocks the cells it covers (an empty cell inside a merge is not also reported as missing).
  const problems = new Map<number, { col: number; header: string | null; what: string; cols: number[] }[]>();
  const problem = (row: number, col: number, what: string, lastCol = col) => {
    if (row <= headerRow) return; // a title above the header is not imported
    const cols = Array.from({ length: lastCol - col + 1 }, (_, i) => col - 1 + i);
    problems.set(row, [...(problems.get(row) ?? []), { col, header: headerOf(col), what, cols }]);
  };
  for (const m of scan.merges) {
    for (let r = Math.max(m.r1, headerRow + 1); r <= m.r2; r++) {
      problem(r, m.c1, `位于合并单元格 ${m.ref} 中；不接受合并单元格，请取消合并，并在每个单元格中填写完整的值`, m.c2);
    }
  }
  for (const f of scan.formulas) problem(f.row, f.col, `含有公式（=${f.text.slice(0, 40)}），不接受公式；请复制后用“选择性粘贴 → 数值”粘贴`);
  for (const e of scan.errorValues) problem(e.row, e.col, `单元格显示错误值 ${e.text}；请改为正确的值`);

  const rows: ParsedRow<S>[] = [];
  let rowCount = 0;
  const invalidRows: number[] = [];
  const total = data.length - headerRow;
  for (let i = headerIndex + 1; i < data.length; i++) {
    const cells = data[i]!;
    const rowNumber = i + 1;
    const structural = problems.get(rowNumber) ?? [];
    if (cells.every(isEmpty) && structural.length === 0) continue; // blank rows, trailing or not, carry nothing
    if (++rowCount > maxRows) throw refuse(`共有超过 ${maxRows} 行数据，超过每次最多导入 ${maxRows} 行的上限；请分成多个文件导入`);
    const values: Record<string, Value> = {};
    let bad = structural.length > 0;
    for (const p of structural) cellError(rowNumber, p.col, p.header, p.what);
    const blocked = new Set(structural.flatMap((p) => p.cols));
    for (const c of spec) {
      const col = seen.get(c);
      const v = col === undefined ? null : cells[col];
      if (col !== undefined && blocked.has(col)) continue;
      if (isEmpty(v)) {
        values[c.key] = null;
        if (c.required) {
          bad = true;
          cellError(rowNumber, col! + 1, c.header, '必填，不能为空');
        }
        continue;
      }
      const r = convert(c, v);
      if ('error' in r) {
        bad = true;
        cellError(rowNumber, col! + 1, c.header, r.error);
      } else values[c.key] = r.value;
    }
    if (bad) invalidRows.push(rowNumber);
    else rows.push({ rowNumber, values: values as RowValues<S> });
    if (i % 5000 === 0) {
      progress(0.6 + (0.4 * (i - headerIndex)) / total);
      await nextTurn();
    }
  }
  if (rowCount === 0) throw refuse(`第 ${headerRow} 行表头下面没有数据；请从第 ${headerRow + 1} 行起逐行填写后再导入`);
  progress(1);
  return { rows, errors, errorCount, rowCount, invalidRows, headerRow };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

// eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters; a cell holding one would break the file
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const esc = (s: string) => s.replace(XML_UNSAFE, '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
const clip = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);
/** Display width: CJK characters take two columns. */
const displayWidth = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const widthOf = (c: ColumnSpec) => c.width ?? Math.min(40, Math.max(10, displayWidth(c.header) + 4, c.type === 'date' ? 12 : 0));

/** Excel's data validation for one column: a dropdown for enums and yes/no, ranges for numbers, a prompt for all. */
function validationXml(c: ColumnSpec, sqref: string): string {
  let typeAttr = '';
  let rule = '';
  if (c.type === 'int' || c.type === 'number') {
    const whole = c.type === 'int';
    typeAttr = `type="${whole ? 'whole' : 'decimal'}" operator="between"`;
    rule = `<formula1>${c.min ?? (whole ? -2147483648 : -1e15)}</formula1><formula2>${c.max ?? (whole ? 2147483647 : 1e15)}</formula2>`;
  } else if (c.type === 'date') {
    typeAttr = 'type="date" operator="greaterThanOrEqual"';
    rule = '<formula1>1</formula1>';
  } else if (c.type === 'text' && c.maxLength) {
    typeAttr = 'type="textLength" operator="lessThanOrEqual"';
    rule = `<formula1>${c.maxLength}</formula1>`;
  } else if (c.type === 'bool' || c.type === 'enum') {
    const labels = c.type === 'bool' ? ['是', '否'] : (c.values ?? []).map((v) => v.label);
    const list = `"${labels.join(',')}"`;
    // An inline list holds at most 255 characters and no commas or quotes inside an item.
    if (list.length <= 255 && !labels.some((l) => /[,"]/.test(l))) {
      typeAttr = 'type="list"';
      rule = `<formula1>${esc(list)}</formula1>`;
    }
  }
  const prompt = clip([describeColumn(c), c.note].filter(Boolean).join('。'), 250);
  const title = clip(c.header, 30);
  return (
    `<dataValidation ${typeAttr ? `${typeAttr} ` : ''}allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="${esc(title)}" ` +
    `error="${esc(clip(`应填${describeColumn(c)}`, 250))}" promptTitle="${esc(title)}" prompt="${esc(prompt)}" sqref="${sqref}">${rule}</dataValidation>`
  );
}

function text(value: string, style: { fontWeight?: 'bold'; backgroundColor?: string } = {}): Cell {
  return { value: value.replace(XML_UNSAFE, ''), type: String, ...style };
}

export interface TemplateOptions {
  /** Name of the data sheet, e.g. 物资库存; also the instructions' title. */
  title: string;
  /** Extra instructions, one line each. */
  notes?: string[];
  /** Rows the dropdowns and prompts cover (default MAX_IMPORT_ROWS). */
  rows?: number;
}

/** The sheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => clip(s.replace(/[:\\/?*[\]]/g, ' ').trim() || '数据', 31);

/** A blank import template: the data sheet (bold header, required columns marked *, dropdowns) and its instructions. */
export async function template(spec: SheetSpec, opts: TemplateOptions): Promise<Buffer> {
  const rows = opts.rows ?? MAX_IMPORT_ROWS;
  const header: Row = spec.map((c) =>
    text(`${c.required ? '*' : ''}${c.header}`, { fontWeight: 'bold', backgroundColor: c.required ? '#FCE4D6' : '#DDEBF7' }),
  );
  const validations = spec.map((c, i) => validationXml(c, `${columnLetter(i + 1)}2:${columnLetter(i + 1)}${rows + 1}`));
  const dataValidations = `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>`;

  const rules = [
    `在“${sheetName(opts.title)}”工作表中，从第 2 行起每行填写一条记录；第 1 行的列名不要修改，列的先后顺序可以调整，不用的非必填列可以删除。`,
    '列名前带 * 的为必填列（表头为橙色）。',
    '不接受公式和合并单元格；从其他表格复制数据时，请用“选择性粘贴 → 数值”。',
    '日期请按 2024-05-01 的格式填写；“是/否”列填写“是”或“否”；有下拉选项的列请从下拉列表中选择。',
    '编码以 0 开头时，请先把该列设为“文本”格式再填写，否则 Excel 会去掉开头的 0。',
    `每个文件最多 ${rows} 行数据。有错误时会逐个列出错误所在的行、列和原因，全部改正后再导入。`,
    ...(opts.notes ?? []),
  ];
  const bold = { fontWeight: 'bold' } as const;
  const instructions: Row[] = [
    [text(`《${opts.title}》导入模板填写说明`, bold)],
    ...rules.map((r, i): Row => [text(`${i + 1}. ${r}`)]),
    [],
    ['列名', '是否必填', '填写要求', '可选值', '说明'].map((h) => text(h, bold)),
    ...spec.map((c): Row => [
      text(c.header),
      text(c.required ? '必填' : '选填'),
      text(describeColumn(c)),
      text((c.values ?? []).map((v) => (v.code === v.label ? v.label : `${v.label}（${v.code}）`)).join('、')),
      text(c.note ?? ''),
    ]),
  ];
  return writeXlsxFile(
    [
      { sheet: sheetName(opts.title), data: [header], columns: spec.map((c) => ({ width: widthOf(c) })), stickyRowsCount: 1 },
      { sheet: '填写说明', data: instructions, columns: [{ width: 24 }, { width: 10 }, { width: 36 }, { width: 36 }, { width: 50 }] },
    ],
    {
      features: [
        {
          files: {
            transform: {
              // dataValidations belongs right after sheetData (no mergeCells or conditional formats are written here).
              'xl/worksheets/sheet{id}.xml': {
                transform: (content: string, _options: unknown, { sheetIndex }: { sheetIndex: number }) =>
                  sheetIndex === 0 ? content.replace('</sheetData>', `</sheetData>${dataValidations}`) : content,
              },
            },
          },
        },
      ],
    },
  ).toBuffer();
}

/** Any list as .xlsx: the same headers as the template (so an export can be edited and imported again). */
export async function exportRows(spec: SheetSpec, rows: readonly Record<string, unknown>[], opts: { title?: string } = {}): Promise<Buffer> {
  const header: Row = spec.map((c) => text(c.header, { fontWeight: 'bold' }));
  const cell = (c: ColumnSpec, v: unknown): Cell => {
    if (v === null || v === undefined || v === '') return null;
    switch (c.type) {
      case 'int':
      case 'number':
        return typeof v === 'number' ? v : text(String(v));
      case 'bool':
        return text(v ? '是' : '否');
      case 'enum':
        return text(c.values?.find((e) => e.code === v)?.label ?? String(v));
      case 'date': {
        const d = v instanceof Date ? v : new Date(`${String(v).slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? text(String(v)) : { value: d, type: Date, format: 'yyyy-mm-dd' };
      }
      case 'text':
        // Text cells are written as text (never as formulas), so a value such as "=1+1" stays inert.
        return text(String(v));
    }
  };
  const data: Row[] = [header, ...rows.map((r) => spec.map((c) => cell(c, r[c.key])))];
  return writeXlsxFile(data, { sheet: sheetName(opts.title ?? '数据'), columns: spec.map((c) => ({ width: widthOf(c) })), stickyRowsCount: 1 }).toBuffer();
}
