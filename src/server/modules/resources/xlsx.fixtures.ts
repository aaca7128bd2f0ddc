// Workbooks for the tests of xlsx.ts, written as raw OOXML where write-excel-file cannot say it (merged cells in odd
// places, error values, a row 1 000 000, a million rows, lying zip sizes, a DOCTYPE) — the way Excel and WPS write them.
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import { columnLetter } from './xlsx';

export type RawCell = string | number | boolean | null | { f: string; v?: number | string } | { error: string };

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function cellXml(ref: string, c: RawCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
  if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
  if (typeof c === 'boolean') return `<c r="${ref}" t="b"><v>${c ? 1 : 0}</v></c>`;
  if ('error' in c) return `<c r="${ref}" t="e"><v>${esc(c.error)}</v></c>`;
  const str = typeof c.v === 'string';
  return `<c r="${ref}"${str ? ' t="str"' : ''}><f>${esc(c.f)}</f>${c.v === undefined ? '' : `<v>${esc(String(c.v))}</v>`}</c>`;
}

export const rowXml = (r: number, cells: RawCell[]) => `<row r="${r}">${cells.map((c, i) => cellXml(`${columnLetter(i + 1)}${r}`, c)).join('')}</row>`;

/** A worksheet part: rows from row 1 (or explicit `<row>` XML), merged ranges, an optional <dimension>. */
export function sheetXml(rows: RawCell[][] | string, opts: { merges?: string[]; dimension?: string } = {}): string {
  const body = typeof rows === 'string' ? rows : rows.map((cells, i) => rowXml(i + 1, cells)).join('');
  const merges = opts.merges?.length ? `<mergeCells count="${opts.merges.length}">${opts.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (opts.dimension ? `<dimension ref="${opts.dimension}"/>` : '') +
    `<sheetData>${body}</sheetData>${merges}</worksheet>`
  );
}

const PACKAGE = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/** A minimal .xlsx around one worksheet part; `extra` adds or replaces parts. */
export function rawXlsx(sheet: string, extra: Record<string, string | Uint8Array> = {}): Buffer {
  const parts = { ...PACKAGE, 'xl/worksheets/sheet1.xml': sheet, ...extra };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]))));
}

/** `count` real rows below a header. The sheet is deflated by node's zlib (fflate's deflate, in JavaScript, takes
 *  seconds for this size) and handed to fflate's zip writer as an already-compressed entry. */
export function bigSheet(header: string[], count: number, row: (r: number) => string): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, text] of Object.entries(PACKAGE)) {
    const f = new ZipDeflate(name);
    zip.add(f);
    f.push(strToU8(text), true);
  }
  const parts = [Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowXml(1, header)}`)];
  for (let r = 2; r <= count + 1; r += 10_000) {
    const rows: string[] = [];
    for (let i = r; i < Math.min(r + 10_000, count + 2); i++) rows.push(row(i));
    parts.push(Buffer.from(rows.join('')));
  }
  parts.push(Buffer.from('</sheetData></worksheet>'));
  const xml = Buffer.concat(parts);
  const sheet: ZipInputFile = { filename: 'xl/worksheets/sheet1.xml', size: xml.length, crc: crc32(xml), compression: 8 };
  zip.add(sheet);
  sheet.ondata!(null, deflateRawSync(xml, { level: 1 }), true);
  zip.end();
  return Buffer.concat(chunks);
}

/** Types rows into a template's data sheet below its header, as a person would (the template's parts stay as they are). */
export function fillTemplate(template: Buffer, rows: RawCell[][]): Buffer {
  const parts = unzipSync(template);
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', `${rows.map((r, i) => rowXml(i + 2, r)).join('')}</sheetData>`));
  return Buffer.from(zipSync(parts));
}

/** Rewrites the uncompressed sizes a zip declares for `name` (local header and central directory) — a lying archive. */
export function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const n = Buffer.from(name);
  for (let i = 0; i < out.length - 4; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + n.length).equals(n)) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + n.length).equals(n)) out.writeUInt32LE(size, i + 24);
  }
  return out;
}
