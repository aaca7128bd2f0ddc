// A SitrepDocument as a PDF in the same 公文 layout as the Word file, with pdfmake 0.3 on the server
// (0.3 replaced `new PdfPrinter(fonts)` with the `pdfmake` object: setFonts / createPdf(def).getBuffer()).
// A PDF carries its glyphs, so it embeds (a subset of) the CJK font found by fonts.ts.
import fs from 'node:fs';
import pdfmakeModule from 'pdfmake';
import type { Content, TDocumentDefinitions, TFontFamilyTypes } from 'pdfmake/interfaces';
import type { SitrepDocument } from '../../../domain/responses/sitrep';
import { AppError } from '../../errors';
import { findCjkFont, GONGWEN, mmToPt, pdfFontMissing, type CjkFont, type FontFace } from './fonts';

type PdfMake = typeof pdfmakeModule & {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void };
};

// pdfmake exports one shared instance whose fonts and access policies are global. Ours is a separate
// instance of the same class, so setting our fonts and a deny-all policy never disturbs another caller.
const pdfmake: PdfMake = (() => {
  const shared = pdfmakeModule as PdfMake;
  const Ctor = (shared as unknown as { constructor: new () => PdfMake }).constructor;
  const own = typeof Ctor === 'function' ? new Ctor() : shared;
  // Everything the document needs is in memory: no URL fetches, no local files (also silences 0.3's warnings).
  own.setUrlAccessPolicy(() => false);
  own.setLocalAccessPolicy(() => false);
  return own;
})();

const FAMILY = 'ShouwangCJK';

// The font search reads a few tables of each candidate, so its answer is kept; "none found" is not kept,
// so installing fonts-noto-cjk takes effect without a restart.
let found: CjkFont | undefined;

/** The font PDFs will use (cached), or null when the machine has no usable CJK font. `configured` is SHOUWANG_PDF_FONT. */
export function pdfFont(configured: string | null = null): CjkFont | null {
  found ??= findCjkFont(configured ? { SHOUWANG_PDF_FONT: configured } : {}) ?? undefined;
  return found ?? null;
}

// Font files (~20–30 MB each) are read once into pdfmake's in-memory file system; each render then parses
// only the tables it needs from memory instead of reading the disk again.
const vfsNames = new Map<string, string>();
function vfsName(file: string): string {
  let name = vfsNames.get(file);
  if (!name) {
    name = `shouwang-sitrep-font-${vfsNames.size}`;
    pdfmake.virtualfs.writeFileSync(name, fs.readFileSync(file));
    vfsNames.set(file, name);
  }
  return name;
}

// pdfmake replaces the first element of a font descriptor array with the file's bytes, so each render
// gets fresh arrays (a reused one would make the next lookup stringify 20 MB).
// [file, face] picks a face of a .ttc (pdfmake passes it on to pdfkit's font(src, family)); @types/pdfmake
// models only the single-file form.
type FontSource = NonNullable<TFontFamilyTypes['normal']>;
const descriptor = (f: FontFace) => (f.face ? [vfsName(f.file), f.face] : vfsName(f.file)) as FontSource;

export async function renderSitrepPdf(doc: SitrepDocument, font: CjkFont | null = pdfFont()): Promise<Buffer> {
  if (!font) throw pdfFontMissing();
  // Without a bold face the title and headings stay regular rather than loading the same face twice.
  const bold = font.bold ?? font.regular;
  const strong = font.bold !== null;
  // pdfmake's lineHeight multiplies the font's own line height; choose it to give the fixed 公文 pitch.
  const lh = (f: FontFace, size: number, pitch: number) => pitch / (f.lineHeightEm * size);
  const body = { fontSize: GONGWEN.bodyPt, lineHeight: lh(font.regular, GONGWEN.bodyPt, GONGWEN.bodyLinePt) };
  const indent = 2 * GONGWEN.bodyPt; // two characters
  const right4 = 4 * GONGWEN.bodyPt; // 右空四字
  const m = GONGWEN.marginsMm;

  const content: Content[] = [
    {
      text: doc.title,
      bold: strong,
      fontSize: GONGWEN.titlePt,
      lineHeight: lh(bold, GONGWEN.titlePt, GONGWEN.titleLinePt),
      alignment: 'center',
    },
    { text: ' ', ...body },
    { text: doc.recipient, ...body },
  ];
  for (const s of doc.sections) {
    content.push({ text: s.heading, bold: strong, leadingIndent: indent, ...body });
    for (const p of s.paragraphs) content.push({ text: p, leadingIndent: indent, ...body });
  }
  content.push(
    { text: ' ', ...body },
    { text: ' ', ...body },
    { text: doc.signature, alignment: 'right', margin: [0, 0, right4, 0], ...body },
    { text: doc.date, alignment: 'right', margin: [0, 0, right4, 0], ...body },
  );

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [mmToPt(m.left), mmToPt(m.top), mmToPt(m.right), mmToPt(m.bottom)],
    info: { title: doc.title, creator: 'Shouwang', producer: 'Shouwang' },
    language: 'zh-CN',
    defaultStyle: { font: FAMILY, ...body },
    content,
    footer: (page: number) => ({
      text: `— ${page} —`,
      alignment: 'center',
      fontSize: GONGWEN.pageNumberPt,
      margin: [0, mmToPt(7), 0, 0], // 7 mm below the 版心
    }),
  };

  try {
    pdfmake.setFonts({
      [FAMILY]: { normal: descriptor(font.regular), bold: descriptor(bold), italics: descriptor(font.regular), bolditalics: descriptor(bold) },
    });
    // createPdf takes the fonts synchronously, so concurrent renders cannot see each other's descriptors.
    return await pdfmake.createPdf(definition).getBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A font that passed the table checks but that pdfkit still cannot lay out or embed.
    throw new AppError('conflict', 'pdf_render_failed', `PDF 生成失败（字体 ${font.regular.file}）：${(e as Error).message}`);
  }
}
