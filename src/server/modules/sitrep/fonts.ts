// 公文 measures (GB/T 9704-2012) shared by the Word and PDF renderers, and the CJK font the PDF embeds.
//
// Word documents only name fonts (Word substitutes what the reader lacks); a PDF must carry its glyphs, so
// the server needs a CJK font file. findCjkFont looks at SHOUWANG_PDF_FONT, then at the usual system places,
// and reads just enough of each file (table directory, name, cmap, OS/2, hhea) to know that pdfkit can use
// it: the face inside a .ttc (pdfkit needs its PostScript name), CJK glyphs present, embedding allowed, and
// outlines pdfkit can subset (TrueType glyf or CFF; not CFF2).
import fs from 'node:fs';
import { AppError } from '../../errors';

const MM_TO_PT = 72 / 25.4;

export const GONGWEN = {
  /** 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm on A4 (GB/T 9704-2012 §5.2.1). */
  marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
  /** 2号 = 22 pt (title), 3号 = 16 pt (body), 4号 = 14 pt (page number). */
  titlePt: 22,
  bodyPt: 16,
  pageNumberPt: 14,
  /** Fixed line pitch: 22 lines in the 225 mm 版心 is ~28.9 pt; offices set 固定值 28 磅. */
  bodyLinePt: 28,
  titleLinePt: 35,
  /** Word font names; Word falls back by itself when the reader lacks one. */
  wordFonts: { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', latin: 'Times New Roman', pageNumber: '宋体' },
} as const;

export const mmToPt = (mm: number) => mm * MM_TO_PT;

export interface FontFace {
  file: string;
  /** PostScript name of the face inside a .ttc; null for a single-face file. */
  face: string | null;
  /** (ascender − descender) / unitsPerEm from hhea: pdfkit's line height in ems, to turn a fixed pitch into a multiplier. */
  lineHeightEm: number;
}

export interface CjkFont {
  regular: FontFace;
  /** For the title and headings; null when only one weight exists (the regular face is used). */
  bold: FontFace | null;
  source: 'SHOUWANG_PDF_FONT' | 'system';
}

export interface FontCandidate {
  regular: string;
  bold?: string;
  /** Preferred faces in a .ttc, by PostScript name; otherwise a Simplified Chinese face (…SC…, …sc-…), else the first usable. */
  faces?: readonly string[];
  boldFaces?: readonly string[];
}

const noto = (dir: string, style: 'Serif' | 'Sans'): FontCandidate => ({
  regular: `${dir}/Noto${style}CJK-Regular.ttc`,
  bold: `${dir}/Noto${style}CJK-Bold.ttc`,
  faces: [`Noto${style}CJKsc-Regular`],
  boldFaces: [`Noto${style}CJKsc-Bold`],
});
const WINDOWS_FONTS = 'C:\\Windows\\Fonts\\';

/** In order of preference: Serif (Song-like) before Sans, since 公文 body text is 仿宋 and titles 小标宋. */
export const SYSTEM_FONT_CANDIDATES: readonly FontCandidate[] = [
  // Debian/Ubuntu fonts-noto-cjk (CI installs it), then the Fedora, Arch and Alpine places of the same files.
  noto('/usr/share/fonts/opentype/noto', 'Serif'),
  noto('/usr/share/fonts/opentype/noto', 'Sans'),
  noto('/usr/share/fonts/google-noto-cjk', 'Serif'),
  noto('/usr/share/fonts/google-noto-cjk', 'Sans'),
  noto('/usr/share/fonts/noto-cjk', 'Serif'),
  noto('/usr/share/fonts/noto-cjk', 'Sans'),
  noto('/usr/share/fonts/noto', 'Sans'),
  // fonts-wqy-zenhei / fonts-wqy-microhei
  { regular: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', faces: ['WenQuanYiZenHei'] },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', faces: ['WenQuanYiMicroHei'] },
  // Windows: 仿宋 with 黑体 headings is the 公文 pair; then 宋体, 微软雅黑.
  { regular: `${WINDOWS_FONTS}simfang.ttf`, bold: `${WINDOWS_FONTS}simhei.ttf` },
  { regular: `${WINDOWS_FONTS}simsun.ttc`, faces: ['SimSun'], bold: `${WINDOWS_FONTS}simhei.ttf` },
  { regular: `${WINDOWS_FONTS}msyh.ttc`, faces: ['MicrosoftYaHei'], bold: `${WINDOWS_FONTS}msyhbd.ttc`, boldFaces: ['MicrosoftYaHei-Bold'] },
  // macOS
  { regular: '/System/Library/Fonts/Supplemental/Songti.ttc', faces: ['STSongti-SC-Regular'], bold: '/System/Library/Fonts/Supplemental/Songti.ttc', boldFaces: ['STSongti-SC-Bold'] },
  { regular: '/System/Library/Fonts/PingFang.ttc', faces: ['PingFangSC-Regular'], bold: '/System/Library/Fonts/PingFang.ttc', boldFaces: ['PingFangSC-Semibold'] },
  { regular: '/System/Library/Fonts/STHeiti Light.ttc', faces: ['STHeitiSC-Light'], bold: '/System/Library/Fonts/STHeiti Medium.ttc', boldFaces: ['STHeitiSC-Medium'] },
];

/** Characters every report prints: if a face lacks any, it is not a (Simplified) Chinese font. */
const PROBE = '关于情况报告续报不详尚未核实逾期（）：，。';

export const pdfFontMissing = () =>
  new AppError('conflict', 'pdf_font_missing', '服务器未安装中文字体，无法生成 PDF；请安装 fonts-noto-cjk 或设置 SHOUWANG_PDF_FONT（Word 版不受影响）');

/**
 * The CJK font for PDFs, or null when none is installed. A SHOUWANG_PDF_FONT that cannot be used is an
 * error (AppError pdf_font_invalid), not a silent fall-back: the operator asked for that font.
 * The value is a file path, optionally followed by `#PostScriptName` to pick a face in a .ttc.
 */
export function findCjkFont(
  env: Record<string, string | undefined> = process.env,
  candidates: readonly FontCandidate[] = SYSTEM_FONT_CANDIDATES,
): CjkFont | null {
  const configured = env.SHOUWANG_PDF_FONT?.trim();
  if (configured) {
    const hash = configured.lastIndexOf('#');
    const file = hash > 0 ? configured.slice(0, hash) : configured;
    const face = hash > 0 ? configured.slice(hash + 1) : undefined;
    const r = inspectFont(file, face ? [face] : [], !!face);
    if (typeof r === 'string')
      throw new AppError('conflict', 'pdf_font_invalid', `SHOUWANG_PDF_FONT 指定的字体无法用于 PDF：${r}（${configured}）`);
    return { regular: r, bold: null, source: 'SHOUWANG_PDF_FONT' };
  }
  for (const c of candidates) {
    if (!fs.existsSync(c.regular)) continue;
    const regular = inspectFont(c.regular, c.faces ?? []);
    if (typeof regular === 'string') continue;
    const bold = c.bold && fs.existsSync(c.bold) ? inspectFont(c.bold, c.boldFaces ?? []) : null;
    return { regular, bold: typeof bold === 'string' ? null : bold, source: 'system' };
  }
  return null;
}

/**
 * Reads a TrueType/OpenType font or collection and picks a usable face; a string says why none is usable.
 * With `strict`, only the named faces are acceptable.
 */
export function inspectFont(file: string, faces: readonly string[], strict = false): FontFace | string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '文件不存在或无法读取';
  }
  try {
    const read = (offset: number, length: number) => {
      const b = Buffer.alloc(length);
      const n = fs.readSync(fd, b, 0, length, offset);
      if (n < length) throw new Error('truncated');
      return b;
    };
    const head = read(0, 12);
    const tag = head.toString('latin1', 0, 4);
    let offsets: number[];
    if (tag === 'ttcf') {
      const count = head.readUInt32BE(8);
      const dir = read(12, 4 * count);
      offsets = Array.from({ length: count }, (_, i) => dir.readUInt32BE(4 * i));
    } else if (tag === '\x00\x01\x00\x00' || tag === 'OTTO' || tag === 'true') {
      offsets = [0];
    } else {
      return '不是 TrueType/OpenType 字体文件';
    }
    const collection = tag === 'ttcf';
    const parsed = offsets.map((o) => readFace(read, o));
    const usable = parsed.filter((p): p is ParsedFace => typeof p !== 'string');
    const pick =
      faces.map((f) => usable.find((p) => p.postscript === f)).find((p) => p !== undefined) ??
      (strict ? undefined : (usable.find((p) => /(SC|sc)(-|$)|GB/.test(p.postscript)) ?? usable[0]));
    if (!pick) {
      if (strict) return `字体文件中没有名为 ${faces.join('、')} 的可用字体（有：${parsed.map((p) => (typeof p === 'string' ? p : p.postscript)).join('、')}）`;
      return typeof parsed[0] === 'string' ? parsed[0] : '没有可用的字体';
    }
    return { file, face: collection ? pick.postscript : null, lineHeightEm: pick.lineHeightEm };
  } catch {
    return '字体文件已损坏或格式不受支持';
  } finally {
    fs.closeSync(fd);
  }
}

interface ParsedFace {
  postscript: string;
  lineHeightEm: number;
}

type Read = (offset: number, length: number) => Buffer;

function readFace(read: Read, offset: number): ParsedFace | string {
  const numTables = read(offset + 4, 2).readUInt16BE(0);
  const dir = read(offset + 12, 16 * numTables);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++)
    tables.set(dir.toString('latin1', 16 * i, 16 * i + 4), { offset: dir.readUInt32BE(16 * i + 8), length: dir.readUInt32BE(16 * i + 12) });
  const table = (t: string) => {
    const e = tables.get(t);
    return e ? read(e.offset, e.length) : null;
  };

  const name = table('name');
  const postscript = (name && postscriptName(name)) ?? '(无名称)';
  if (tables.has('CFF2') && !tables.has('CFF ')) return `${postscript}：CFF2 可变字体，pdfkit 无法嵌入`;
  if (!tables.has('glyf') && !tables.has('CFF ')) return `${postscript}：没有矢量字形`;
  const os2 = table('OS/2');
  // fsType bit 1: Restricted License embedding; bit 9: bitmap embedding only.
  if (os2 && os2.length >= 10 && (os2.readUInt16BE(8) & 0x0202) !== 0) return `${postscript}：字体授权不允许嵌入`;
  const cmap = table('cmap');
  const lookup = cmap && unicodeLookup(cmap);
  if (!lookup) return `${postscript}：没有 Unicode 字符映射`;
  const missing = [...PROBE].filter((ch) => lookup(ch.codePointAt(0) ?? 0) === 0);
  if (missing.length) return `${postscript}：缺少中文字形（${missing.join('')}）`;
  const headT = table('head');
  const hhea = table('hhea');
  if (!headT || !hhea) return `${postscript}：缺少 head/hhea 表`;
  const unitsPerEm = headT.readUInt16BE(18);
  const lineHeightEm = (hhea.readInt16BE(4) - hhea.readInt16BE(6)) / unitsPerEm;
  return { postscript, lineHeightEm };
}

function postscriptName(name: Buffer): string | null {
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  let mac: string | null = null;
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    const [platform, , , nameId, length, off] = [0, 2, 4, 6, 8, 10].map((k) => name.readUInt16BE(r + k)) as [number, number, number, number, number, number];
    if (nameId !== 6) continue;
    const raw = name.subarray(strings + off, strings + off + length);
    if (platform === 3 || platform === 0) return raw.swap16().toString('utf16le');
    if (platform === 1) mac = raw.toString('latin1');
  }
  return mac;
}

/** A code point → glyph id function from the best Unicode subtable (format 12, else 4), or null. */
function unicodeLookup(cmap: Buffer): ((cp: number) => number) | null {
  const n = cmap.readUInt16BE(2);
  let f4: number | null = null;
  let f12: number | null = null;
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + 8 * i);
    const encoding = cmap.readUInt16BE(6 + 8 * i);
    const at = cmap.readUInt32BE(8 + 8 * i);
    if (platform !== 0 && !(platform === 3 && (encoding === 1 || encoding === 10))) continue;
    const format = cmap.readUInt16BE(at);
    if (format === 12) f12 ??= at;
    if (format === 4) f4 ??= at;
  }
  if (f12 !== null) {
    const at = f12;
    const groups = cmap.readUInt32BE(at + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const o = at + 16 + 12 * g;
        const start = cmap.readUInt32BE(o);
        if (cp >= start && cp <= cmap.readUInt32BE(o + 4)) return cmap.readUInt32BE(o + 8) + (cp - start);
      }
      return 0;
    };
  }
  if (f4 !== null) {
    const at = f4;
    const segs = cmap.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    return (cp) => {
      if (cp > 0xffff) return 0;
      for (let s = 0; s < segs; s++) {
        if (cp > cmap.readUInt16BE(ends + 2 * s)) continue;
        const start = cmap.readUInt16BE(starts + 2 * s);
        if (cp < start) return 0;
        const delta = cmap.readUInt16BE(deltas + 2 * s);
        const rangeOffset = cmap.readUInt16BE(ranges + 2 * s);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const g = cmap.readUInt16BE(ranges + 2 * s + rangeOffset + 2 * (cp - start));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    };
  }
  return null;
}
