// A .docx made from plan blocks, for tests and benchmarks of the importer: heading levels become Word
// heading styles, TAB-separated rows a table.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { TABLE_CELL_SEPARATOR, type Block } from '../../domain/plans/document';

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

export async function docxOf(blocks: Block[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let rows: TableRow[] = [];
  const flush = () => {
    if (rows.length) children.push(new Table({ rows }));
    rows = [];
  };
  for (const b of blocks) {
    if (b.text.includes(TABLE_CELL_SEPARATOR)) {
      rows.push(new TableRow({ children: b.text.split(TABLE_CELL_SEPARATOR).map((c) => new TableCell({ children: [new Paragraph(c)] })) }));
      continue;
    }
    flush();
    children.push(b.headingLevel === null ? new Paragraph(b.text) : new Paragraph({ text: b.text, heading: HEADINGS[Math.min(b.headingLevel, 6)] }));
  }
  flush();
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
