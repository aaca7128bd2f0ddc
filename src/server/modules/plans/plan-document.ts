// An uploaded plan document → paragraphs (Blocks) for the pure importer in domain/plans/document.
// .docx through mammoth (Word heading styles → heading levels, one block per table row), Markdown, plain text
// (UTF-8, else GB18030 as Chinese Windows tools save it). Bad input is refused with a zh-CN message, never thrown
// as anything but an AppError.
import mammoth from 'mammoth';
import { blocksFromText, importPlan, TABLE_CELL_SEPARATOR, type Block, type ImportedPlan } from '../../../domain/plans/document';
import { invalid } from '../../errors';

export const MAX_PLAN_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** What a .docx may unpack to: a 10 MB upload of text is far below; a zip bomb is not. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

const ACCEPTED = '请上传 .docx、.md 或 .txt 格式的预案文件';
const refuse = (message: string) => invalid([{ path: 'file', message }], message);

const at = (b: Buffer, offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
const ascii = (b: Buffer, offset: number, s: string) => b.toString('latin1', offset, offset + s.length) === s;

/** What the first bytes say the file is, for the kinds a person might upload by mistake. */
function sniff(b: Buffer): 'pdf' | 'image' | 'ole' | 'zip' | null {
  if (ascii(b, 0, '%PDF')) return 'pdf';
  if (at(b, 0, 0x89, 0x50, 0x4e, 0x47) || at(b, 0, 0xff, 0xd8, 0xff) || ascii(b, 0, 'GIF8')) return 'image';
  if ((ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) || ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')) return 'image';
  // Compound File Binary: Word 97–2003 (.doc), and password-protected .docx files.
  if (at(b, 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (ascii(b, 0, 'PK') && (at(b, 2, 3, 4) || at(b, 2, 5, 6) || at(b, 2, 7, 8))) return 'zip';
  return null;
}

/** Sum of the uncompressed sizes the zip's central directory declares, or null when there is none to read. */
function unpackedSize(b: Buffer): number | null {
  // End of central directory: 22 bytes plus a comment of up to 64 KB, at the end of the file.
  for (let eocd = b.length - 22; eocd >= Math.max(0, b.length - 22 - 0xffff); eocd--) {
    if (!at(b, eocd, 0x50, 0x4b, 5, 6)) continue;
    const entries = b.readUInt16LE(eocd + 10);
    let pos = b.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries && pos + 46 <= b.length && at(b, pos, 0x50, 0x4b, 1, 2); i++) {
      total += b.readUInt32LE(pos + 24);
      pos += 46 + b.readUInt16LE(pos + 28) + b.readUInt16LE(pos + 30) + b.readUInt16LE(pos + 32);
    }
    return total;
  }
  return null;
}

/** The parts of mammoth's document tree read here (mammoth/lib/documents.js). */
interface DocxNode {
  type: string;
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  breakType?: string;
  children?: DocxNode[];
}

function textOf(n: DocxNode): string {
  // A TAB in a block separates table cells, so tabs inside a paragraph become spaces.
  if (n.type === 'text') return (n.value ?? '').replaceAll(TABLE_CELL_SEPARATOR, ' ');
  if (n.type === 'tab') return ' ';
  if (n.type === 'break') return n.breakType === 'line' ? '\n' : '';
  return (n.children ?? []).map(textOf).join('');
}

/** Heading 1..9 (英文 Word, docx), "heading 1" with id "1" (中文 Word), 标题 1 (WPS); Title → 0. */
function headingLevelOf(p: DocxNode): number | null {
  const name = (p.styleName ?? '').trim();
  const m = /^(?:heading|标题)\s*(\d)$/i.exec(name) ?? /^heading\s*(\d)$/i.exec(p.styleId ?? '');
  if (m) return Number(m[1]);
  return /^(?:title|标题)$/i.test(name) || /^title$/i.test(p.styleId ?? '') ? 0 : null;
}

function cellText(cell: DocxNode): string {
  const parts: string[] = [];
  const walk = (n: DocxNode) => {
    if (n.type === 'paragraph') parts.push(textOf(n).trim());
    else (n.children ?? []).forEach(walk);
  };
  walk(cell);
  return parts.filter(Boolean).join('\n').replaceAll(TABLE_CELL_SEPARATOR, ' ');
}

function blocksOfDocx(doc: DocxNode): Block[] {
  const out: Block[] = [];
  const walk = (nodes: DocxNode[]) => {
    for (const n of nodes) {
      if (n.type === 'paragraph') {
        const level = headingLevelOf(n);
        const text = textOf(n);
        // A heading broken over two lines is still one heading; a body paragraph's lines are separate paragraphs.
        const lines = level === null ? text.split('\n') : [text.replaceAll('\n', ' ')];
        for (const line of lines) if (line.trim()) out.push({ text: line.trim(), headingLevel: level });
      } else if (n.type === 'table') {
        for (const row of n.children ?? []) {
          const cells = (row.children ?? []).filter((c) => c.type === 'tableCell').map(cellText);
          if (cells.some(Boolean)) out.push({ text: cells.join(TABLE_CELL_SEPARATOR), headingLevel: null });
        }
      } else walk(n.children ?? []);
    }
  };
  walk(doc.children ?? []);
  return out;
}

async function readDocx(bytes: Buffer): Promise<Block[]> {
  const size = unpackedSize(bytes);
  if (size !== null && size > MAX_UNPACKED_BYTES) throw refuse('该 .docx 解压后超过 200 MB，无法导入；请删除其中的大图片后重试');
  let blocks: Block[] = [];
  try {
    await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // Read the document tree and hand mammoth an empty one: its HTML is not needed.
        transformDocument: (doc: DocxNode) => {
          blocks = blocksOfDocx(doc);
          return { ...doc, children: [] };
        },
      },
    );
  } catch {
    throw refuse('无法读取该 .docx 文件，文件可能已损坏；请在 Word 或 WPS 中打开后重新另存为 .docx');
  }
  return blocks;
}

/** Text the way it was saved: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK). */
function decodeText(bytes: Buffer): string {
  if (at(bytes, 0, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(bytes);
  if (at(bytes, 0, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(bytes);
  // Control characters other than tab, line breaks and form feed do not occur in text files.
  const head = bytes.subarray(0, 8192);
  if (head.some((c) => c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) {
    throw refuse(`该文件不是文本文件（可能是图片或其他二进制文件）；${ACCEPTED}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const extensionOf = (filename: string) => /\.([A-Za-z0-9]{1,10})$/.exec(filename.trim())?.[1]?.toLowerCase() ?? '';

export async function readPlanDocument(filename: string, bytes: Buffer): Promise<Block[]> {
  if (bytes.length === 0) throw refuse('文件是空的，请重新选择预案文件');
  if (bytes.length > MAX_PLAN_DOCUMENT_BYTES) throw refuse(`文件超过 ${MAX_PLAN_DOCUMENT_BYTES / 1024 / 1024} MB，无法导入；请删除其中的大图片后重试`);
  const ext = extensionOf(filename);
  const kind = sniff(bytes);
  if (kind === 'pdf' || (ext === 'pdf' && kind === null)) throw refuse('暂不支持 PDF 文件；请在 Word 或 WPS 中将预案另存为 .docx 后上传');
  if (kind === 'image') throw refuse(`这是图片文件，不是预案文档；${ACCEPTED}（扫描件请先做文字识别）`);
  if (kind === 'ole' || ext === 'doc') throw refuse('暂不支持旧版 Word（.doc）或加密的文档；请在 Word 或 WPS 中另存为 .docx（不设密码）后上传');

  let blocks: Block[];
  if (kind === 'zip') {
    if (bytes.indexOf('word/document.xml', 0, 'latin1') < 0) throw refuse(`这是压缩包或其他 Office 文件，不是 Word 文档；${ACCEPTED}`);
    blocks = await readDocx(bytes);
  } else if (ext === 'docx') {
    throw refuse('该文件不是有效的 .docx，可能已损坏；请在 Word 或 WPS 中打开后重新另存为 .docx');
  } else if (ext === 'md' || ext === 'markdown') {
    blocks = blocksFromText(decodeText(bytes), 'markdown');
  } else if (ext === 'txt' || ext === 'text') {
    blocks = blocksFromText(decodeText(bytes), 'text');
  } else {
    throw refuse(`不支持的文件类型${ext ? `（.${ext}）` : ''}；${ACCEPTED}`);
  }
  if (!blocks.some((b) => /[\p{L}\p{N}]/u.test(b.text))) throw refuse('文档中没有可识别的文字（扫描件或图片需先做文字识别）');
  return blocks;
}

export async function importPlanDocument(filename: string, bytes: Buffer): Promise<ImportedPlan> {
  return importPlan(await readPlanDocument(filename, bytes), { filename });
}
