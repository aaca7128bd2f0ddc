// A SitrepDocument as a Word file in 公文 layout (GB/T 9704-2012): A4, 版心 156 × 225 mm, title 2号 centred,
// body 3号 仿宋 with a two-character first-line indent and a fixed 28 pt line pitch, 落款 and date right-aligned.
import {
  AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun,
  type IRunOptions,
} from 'docx';
import type { SitrepDocument } from '../../../domain/responses/sitrep';
import { GONGWEN } from './fonts';

const F = GONGWEN.wordFonts;
const halfPoints = (pt: number) => pt * 2;
const twips = (pt: number) => pt * 20;
// Rounded, not floored like docx's convertMillimetersToTwip: A4 is then Word's own 11906 × 16838.
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const BODY_CHAR = twips(GONGWEN.bodyPt); // one CJK character of body text

// eastAsia is what Word uses for Chinese characters; ascii/hAnsi cover digits and Latin letters.
const font = (eastAsia: string) => ({ eastAsia, ascii: F.latin, hAnsi: F.latin, cs: F.latin });
const zh = { eastAsia: 'zh-CN', value: 'zh-CN' };

const exact = (pt: number) => ({ line: twips(pt), lineRule: LineRuleType.EXACT, before: 0, after: 0 });

function run(text: string, opts: IRunOptions = {}) {
  return new TextRun({ text, font: font(F.body), size: halfPoints(GONGWEN.bodyPt), language: zh, ...opts });
}

/** A body paragraph: justified, indented by two characters (firstLine for readers that ignore firstLineChars). */
function bodyParagraph(text: string, runOpts: IRunOptions = {}) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLineChars: 200, firstLine: 2 * BODY_CHAR },
    spacing: exact(GONGWEN.bodyLinePt),
    children: [run(text, runOpts)],
  });
}

const blank = () => new Paragraph({ spacing: exact(GONGWEN.bodyLinePt), children: [run('')] });

/** 落款 and 成文日期: right-aligned, 右空四字. */
const rightLine = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: 4 * BODY_CHAR },
    spacing: exact(GONGWEN.bodyLinePt),
    children: [run(text)],
  });

export async function renderSitrepDocx(doc: SitrepDocument): Promise<Buffer> {
  const m = GONGWEN.marginsMm;
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(GONGWEN.titleLinePt),
      children: [run(doc.title, { font: font(F.title), size: halfPoints(GONGWEN.titlePt), bold: true })],
    }),
    blank(),
    new Paragraph({ spacing: exact(GONGWEN.bodyLinePt), children: [run(doc.recipient)] }),
  ];
  for (const s of doc.sections) {
    // 一级标题 in 黑体 (GB/T 9704-2012 §7.3.3).
    children.push(bodyParagraph(s.heading, { font: font(F.heading) }));
    for (const p of s.paragraphs) children.push(bodyParagraph(p));
  }
  children.push(blank(), blank(), rightLine(doc.signature), rightLine(doc.date));

  const document = new Document({
    creator: 'Shouwang',
    title: doc.title,
    styles: {
      default: { document: { run: { font: font(F.body), size: halfPoints(GONGWEN.bodyPt), language: zh } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(m.top),
              bottom: mm(m.bottom),
              left: mm(m.left),
              right: mm(m.right),
              footer: mm(m.bottom - 12), // puts the 4号 page number ~7 mm below the 版心
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(F.pageNumber), size: halfPoints(GONGWEN.pageNumberPt) }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
