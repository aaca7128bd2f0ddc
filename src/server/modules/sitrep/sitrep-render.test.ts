// Renders a composed report to .docx and PDF and reads the text back out of each file.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { composeSitrep, type SitrepInput } from '../../../domain/responses/sitrep';
import { SITREP_FIXTURE } from '../../../domain/responses/sitrep.fixture';
import { AppError } from '../../errors';
import { findCjkFont, GONGWEN, inspectFont, mmToPt } from './fonts';
import { renderSitrepDocx } from './render-docx';
import { pdfFont, renderSitrepPdf } from './render-pdf';

const input: SitrepInput = {
  ...SITREP_FIXTURE,
  tasks: Array.from({ length: 12 }, (_, i) => ({
    title: `处置任务${i + 1}`,
    roleTitle: '抢险救援组',
    assigneeName: '张伟',
    status: i < 4 ? ('done' as const) : ('in_progress' as const),
    dueAt: `2026-11-${i < 6 ? 28 : 30}T10:00:00.000Z`,
    doneAt: i < 4 ? '2026-11-28T09:00:00.000Z' : null,
    lastProgress: i < 4 ? null : '正在组织人员开展工作，预计按时完成。',
  })),
  reports: [{ kind: 'initial', filedAt: '2026-11-28T07:20:00.000Z', recipient: '雅安市应急管理局' }],
  timeline: [{ at: '2026-11-28T06:50:00.000Z', summary: '值班室接报' }],
};
const doc = composeSitrep(input);

/** Text as a reader sees it, whitespace removed (PDF extraction splits and spaces runs arbitrarily). */
const squash = (s: string) => s.replace(/\s+/g, '');
const expected = [
  '关于芦山县龙门镇某石材厂起重伤害事故的续报（第2次）',
  '雅安市应急管理局：',
  '一、基本情况',
  '死亡：1人。',
  '重伤（含急性工业中毒）：0人。',
  '下落不明：不详（尚未核实）。',
  '已逾期',
  '五、信息报送情况',
  '芦山县应急管理局',
  '2026年11月29日',
];

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}

describe('renderSitrepDocx', () => {
  it('writes a .docx whose text reads back, in 公文 layout', async () => {
    const { value: buf, ms } = await timed(() => renderSitrepDocx(doc));
    console.info(`[sitrep] docx ${buf.length} bytes in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000); // a guard against pathologies on a busy CI machine, not a benchmark

    const text = squash((await mammoth.extractRawText({ buffer: buf })).value);
    for (const s of expected) expect(text).toContain(squash(s));

    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:firstLineChars="200"');
    expect(xml).toMatch(/<w:spacing[^>]*w:line="560"[^>]*w:lineRule="exact"/); // 28 pt fixed
    expect(xml.match(/<w:pgSz [^>]*>/)?.[0]).toMatch(/w:w="11906" w:h="16838"/); // A4
    expect(xml.match(/<w:pgMar [^>]*>/)?.[0]).toMatch(/w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/); // 37/26/35/28 mm
    expect(xml).toContain('<w:sz w:val="44"/>'); // 2号 title
    expect(xml).toContain('<w:jc w:val="right"/>');
  });
});

const font = pdfFont();
if (!font)
  console.warn('[sitrep] PDF tests skipped: no CJK font on this machine (apt install fonts-noto-cjk, or set SHOUWANG_PDF_FONT).');

describe.skipIf(!font)('renderSitrepPdf', () => {
  it('embeds the CJK font and its text reads back', async () => {
    await renderSitrepPdf(doc); // first render loads the font file into memory
    const { value: buf, ms } = await timed(() => renderSitrepPdf(doc));
    console.info(`[sitrep] pdf ${buf.length} bytes in ${ms.toFixed(0)} ms with ${font!.regular.file} (${font!.regular.face ?? 'single face'})`);
    expect(ms).toBeLessThan(3000); // typically 150–350 ms warm; the guard catches e.g. re-reading the font per call

    const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
    let text = '';
    const fonts = new Map<string, { name?: string; missingFile?: boolean }>();
    // Page 1 as lines: pdfkit writes CJK text glyph by glyph, so gather items by baseline.
    const lines = new Map<number, { x: number; str: string }>();
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (p !== 1 || item.str === '') continue;
        const [x, y] = [item.transform[4] as number, Math.round((item.transform[5] as number) * 10) / 10];
        const line = lines.get(y) ?? { x, str: '' };
        lines.set(y, { x: Math.min(line.x, x), str: line.str + item.str });
      }
      await page.getOperatorList(); // loads the page's fonts into commonObjs
      for (const [id, obj] of page.commonObjs as unknown as Iterable<[string, { name?: string; missingFile?: boolean }]>)
        if (obj && typeof obj === 'object' && 'missingFile' in obj) fonts.set(id, obj);
    }
    expect(pdf.numPages).toBeGreaterThanOrEqual(2);
    for (const s of expected) expect(squash(text)).toContain(squash(s));

    // The glyphs come from the embedded font program, not a viewer's substitute.
    const embedded = [...fonts.values()];
    expect(embedded.length).toBeGreaterThan(0);
    for (const f of embedded) expect(f.missingFile).toBe(false);
    if (font!.regular.face) expect(embedded.map((f) => f.name).join()).toMatch(new RegExp(`[A-Z]{6}\\+${font!.regular.face}`));

    // Layout: 主送机关 flush left, two-character indent, fixed 35 pt title and 28 pt body pitch.
    const left = mmToPt(GONGWEN.marginsMm.left);
    const page1 = [...lines].map(([y, l]) => ({ y, ...l })).sort((a, b) => b.y - a.y);
    const find = (prefix: string) => {
      const l = page1.find((x) => x.str.startsWith(prefix));
      if (!l) throw new Error(`no line starting ${prefix}: ${page1.map((x) => x.str).join(' | ')}`);
      return l;
    };
    expect(find('雅安市应急管理局：').x).toBeCloseTo(left, 0);
    expect(find('一、基本情况').x).toBeCloseTo(left + 2 * GONGWEN.bodyPt, 0);
    expect(find('关于').y - page1[1]!.y).toBeCloseTo(GONGWEN.titleLinePt, 0); // the title takes two lines
    const body = page1.slice(page1.indexOf(find('雅安市'))).filter((l) => !l.str.startsWith('—')); // not the page number
    const pitches = body.slice(1).map((l, i) => body[i]!.y - l.y);
    expect(pitches.length).toBeGreaterThan(10);
    for (const d of pitches) expect(d).toBeCloseTo(GONGWEN.bodyLinePt, 0);
  });

});

describe('findCjkFont', () => {
  it('makes renderSitrepPdf fail with a clear error when there is no font', async () => {
    const err = await renderSitrepPdf(doc, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: 'conflict', code: 'pdf_font_missing' });
    expect((err as Error).message).toContain('fonts-noto-cjk');
  });

  it('reports no font when no candidate exists', () => {
    expect(findCjkFont({}, [{ regular: '/nonexistent/font.ttc' }])).toBeNull();
  });

  it('rejects an unusable SHOUWANG_PDF_FONT with the reason instead of falling back', () => {
    const bad = (v: string) => {
      try {
        findCjkFont({ SHOUWANG_PDF_FONT: v });
        return null;
      } catch (e) {
        return e as AppError;
      }
    };
    expect(bad('/nonexistent/font.ttc')).toMatchObject({ code: 'pdf_font_invalid' });
    expect(bad(import.meta.filename)?.message).toContain('不是 TrueType/OpenType 字体文件');
  });

  it.skipIf(!font)('picks the Simplified Chinese face of a collection, or the one SHOUWANG_PDF_FONT names', () => {
    const file = font!.regular.file;
    const f = inspectFont(file, []);
    if (typeof f === 'string') throw new Error(f);
    if (f.face) expect(f.face).toMatch(/(SC|sc)(-|$)|GB|SimSun|WenQuanYi/);
    const viaEnv = findCjkFont({ SHOUWANG_PDF_FONT: f.face ? `${file}#${f.face}` : file });
    expect(viaEnv).toMatchObject({ source: 'SHOUWANG_PDF_FONT', regular: { file, face: f.face } });
  });

  it('rejects a font without Chinese glyphs', () => {
    const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
    const r = inspectFont(latin, []);
    if (typeof r === 'string' && r.includes('不存在')) return; // no DejaVu here; nothing to show
    expect(r).toMatch(/缺少中文字形/);
  });
});
