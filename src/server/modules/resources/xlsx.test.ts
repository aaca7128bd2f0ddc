import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { AppError } from '../../errors';
import { bigSheet, fillTemplate, lieAboutSize, rawXlsx, rowXml, sheetXml, type RawCell } from './xlsx.fixtures';
import { exportRows, parseSheet, template, type ParseOptions, type SheetSpec } from './xlsx';

const SPEC = [
  { key: 'code', header: '物资编码', type: 'text', required: true, maxLength: 20 },
  { key: 'name', header: '物资名称', headerEn: 'Name', type: 'text', required: true },
  {
    key: 'category',
    header: '类别',
    type: 'enum',
    required: true,
    values: [
      { code: 'tent', label: '帐篷' },
      { code: 'quilt', label: '棉被' },
      { code: 'water', label: '饮用水' },
    ],
  },
  { key: 'quantity', header: '数量', type: 'int', required: true, min: 0, note: '按计量单位计' },
  { key: 'price', header: '单价', type: 'number', min: 0 },
  { key: 'expiresOn', header: '有效期至', type: 'date' },
  { key: 'verified', header: '已核验', type: 'bool' },
  { key: 'remark', header: '备注', type: 'text', maxLength: 10 },
] as const satisfies SheetSpec;

const HEADERS = SPEC.map((c) => c.header);
const GOOD: (string | number | null)[] = ['WZ-001', '单帐篷', '帐篷', 10, 1200.5, '2027-06-30', '是', null];

const xlsxOf = (data: SheetData) => writeXlsxFile(data).toBuffer();
const raw = (rows: RawCell[][], opts?: Parameters<typeof sheetXml>[1]) => rawXlsx(sheetXml(rows, opts));

async function refusal(bytes: Buffer, opts?: ParseOptions): Promise<string> {
  const err = await parseSheet(bytes, SPEC, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ kind: 'invalid', fields: [{ path: 'file' }] });
  return (err as AppError).message;
}

const messages = (r: { errors: { message: string }[] }) => r.errors.map((e) => e.message);

describe('parseSheet: the file itself', () => {
  it('says what a wrong file is: empty, CSV, .xls, Word, other zip, garbage, broken zip', async () => {
    expect(await refusal(Buffer.alloc(0))).toMatch(/文件是空的/);
    expect(await refusal(Buffer.from('物资编码,数量\nWZ-001,10\n'))).toMatch(/文本文件（如 \.csv.*另存为/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await refusal(ole)).toMatch(/Excel 97–2003 文件（\.xls）/);
    expect(await refusal(Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') })))).toMatch(/Word 文档/);
    expect(await refusal(Buffer.from(zipSync({ 'a.txt': strToU8('x') })))).toMatch(/不是 Excel 工作簿/);
    expect(await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]))).toMatch(/不是 Excel 工作簿/);
    const broken = Buffer.from(await xlsxOf([HEADERS])).subarray(0, 300);
    expect(await refusal(broken)).toMatch(/文件已损坏/);
  });

  it('refuses an upload over the size limit (a parameter) before opening it', async () => {
    const bytes = await xlsxOf([HEADERS, GOOD]);
    expect(await refusal(bytes, { maxBytes: 1024 })).toMatch(/^文件大小 [\d.]+ MB，超过上限 0 MB/);
    expect(await refusal(Buffer.alloc(3 * 1024 * 1024, 1), { maxBytes: 2 * 1024 * 1024 })).toBe(
      '文件大小 3 MB，超过上限 2 MB；请删除其中的图片，或分成多个文件导入',
    );
  });

  it('zip bombs: refused by the declared sizes, and by the real ones when the archive lies about them', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = rawXlsx(sheetXml([HEADERS, GOOD]), { 'xl/sharedStrings.xml': zeros });
    expect(await refusal(bomb, { maxUnpackedBytes: 1024 * 1024 })).toMatch(/解压后超过 1 MB/);
    const liar = lieAboutSize(bomb, 'xl/sharedStrings.xml', 100);
    expect(await refusal(liar, { maxUnpackedBytes: 1024 * 1024 })).toMatch(/解压后超过 1 MB/);
  });

  it('refuses XML with a DOCTYPE (entity expansion)', async () => {
    const evil = sheetXml([HEADERS, GOOD]).replace('<worksheet', '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet');
    expect(await refusal(rawXlsx(evil))).toMatch(/DOCTYPE/);
  });

  it('an empty sheet, and a header without rows, are said so', async () => {
    expect(await refusal(raw([]))).toMatch(/工作表是空的/);
    expect(await refusal(await xlsxOf([HEADERS]))).toBe('第 1 行表头下面没有数据；请从第 2 行起逐行填写后再导入');
  });
});

describe('parseSheet: header', () => {
  it('takes columns in any order, with spaces, asterisks, full-width forms and English names', async () => {
    const header = ['  数量 ', '*物资编码', 'NAME', '类 别', '备注'];
    const r = await parseSheet(raw([header, [5, 'WZ-9', '棉被', '棉被', 'ＡＢ']]), SPEC);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        rowNumber: 2,
        values: { quantity: 5, code: 'WZ-9', name: '棉被', category: 'quilt', remark: 'ＡＢ', price: null, expiresOn: null, verified: null },
      },
    ]);
  });

  it('says exactly which columns are missing, unknown or doubled, and imports nothing', async () => {
    const r = await parseSheet(raw([['物资编码', '颜色', '数量', '物资名称', '数量', null, null], ['WZ-1', '红', 1, '帐篷', 2, null, 'x']]), SPEC);
    expect(r.rows).toEqual([]);
    expect(messages(r)).toEqual([
      '第 1 行 B 列：无法识别的列名“颜色”；可用的列名为：*物资编码、*物资名称、*类别、*数量、单价、有效期至、已核验、备注',
      '第 1 行 E 列（数量）：列“数量”重复出现（已在 C 列）；请删除其中一列',
      '第 1 行 G 列：该列没有列名，但第 2 行等处填写了内容；请补上列名（*物资编码、*物资名称、*类别、*数量、单价、有效期至、已核验、备注），或删除该列内容',
      '第 1 行表头缺少必填列“类别”',
    ]);
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'B', header: null });
  });

  it('finds the header below a merged title row', async () => {
    const r = await parseSheet(raw([['某某县应急物资清单'], HEADERS, GOOD], { merges: ['A1:H1'] }), SPEC);
    expect(r).toMatchObject({ headerRow: 2, errors: [], rows: [{ rowNumber: 3, values: { code: 'WZ-001' } }] });
  });

  it('no header at all', async () => {
    expect(await refusal(raw([['甲', '乙'], [1, 2]]))).toBe(
      '没有找到表头：第 1 行应为列名（*物资编码、*物资名称、*类别、*数量、单价、有效期至、已核验、备注）；请使用下载的模板填写',
    );
  });
});

describe('parseSheet: cells', () => {
  it('converts what people type: numbers as text, full-width digits, thousands, dates of every usual form, labels or codes', async () => {
    const rows: RawCell[][] = [
      HEADERS,
      ['A1', '甲', 'tent', ' 12 ', '1,200.50', 46203, 'Y', '00123'],
      ['A2', '乙', ' 饮用水 ', '１２', 0, '2026/7/1', true, 123],
      ['A3', '丙', 'QUILT', 3, null, '2026年7月1日', '否', null],
      ['A4', '丁', '棉被', 0, null, '20260701', 0, null],
    ];
    const r = await parseSheet(raw(rows), SPEC);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([
      { code: 'A1', name: '甲', category: 'tent', quantity: 12, price: 1200.5, expiresOn: '2026-06-30', verified: true, remark: '00123' },
      { code: 'A2', name: '乙', category: 'water', quantity: 12, price: 0, expiresOn: '2026-07-01', verified: true, remark: '123' },
      { code: 'A3', name: '丙', category: 'quilt', quantity: 3, price: null, expiresOn: '2026-07-01', verified: false, remark: null },
      { code: 'A4', name: '丁', category: 'quilt', quantity: 0, price: null, expiresOn: '2026-07-01', verified: false, remark: null },
    ]);
  });

  it('reports every bad cell with row, column letter, header and the value found', async () => {
    const rows: RawCell[][] = [HEADERS];
    for (let i = 2; i < 12; i++) rows.push([`OK-${i}`, '帐篷', '帐篷', i, null, null, null, null]);
    rows.push(['WZ-012', '帐篷', '帐篷', '十', null, null, null, null]); // row 12
    rows.push(['WZ-013', '帐篷', '帐篷', -5, -1, '2026-02-30', '也许', '超过十个字的备注内容啊']);
    rows.push([null, '帐篷', '睡袋', 2.5, 'abc', 'tomorrow', null, null]);
    rows.push(['WZ-015', null, null, null, null, null, null, null]);
    const r = await parseSheet(raw(rows), SPEC);
    expect(messages(r)).toEqual([
      '第 12 行 D 列（数量）：应为不小于 0 的整数，实际为“十”',
      '第 13 行 D 列（数量）：应为不小于 0 的整数，实际为“-5”',
      '第 13 行 E 列（单价）：应为不小于 0 的数字，实际为“-1”',
      '第 13 行 F 列（有效期至）：应为日期，如 2024-05-01，实际为“2026-02-30”',
      '第 13 行 G 列（已核验）：应为“是”或“否”，实际为“也许”',
      '第 13 行 H 列（备注）：不能超过 10 个字，实际为 11 个字',
      '第 14 行 A 列（物资编码）：必填，不能为空',
      '第 14 行 C 列（类别）：应为帐篷、棉被、饮用水之一，实际为“睡袋”',
      '第 14 行 D 列（数量）：应为不小于 0 的整数，实际为“2.5”',
      '第 14 行 E 列（单价）：应为不小于 0 的数字，实际为“abc”',
      '第 14 行 F 列（有效期至）：应为日期，如 2024-05-01，实际为“tomorrow”',
      '第 15 行 B 列（物资名称）：必填，不能为空',
      '第 15 行 C 列（类别）：必填，不能为空',
      '第 15 行 D 列（数量）：必填，不能为空',
    ]);
    expect(r.errors[0]).toEqual({ row: 12, column: 'D', header: '数量', message: r.errors[0]!.message });
    // The valid rows stay available for "import only the valid rows"; the invalid ones are the errors' rows.
    expect(r).toMatchObject({ rowCount: 14, invalidRows: [12, 13, 14, 15], errorCount: 14 });
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('Excel date cells from a writer, with and without a time of day', async () => {
    const bytes = await xlsxOf([
      HEADERS,
      ['A', '甲', '帐篷', 1, null, { value: new Date(Date.UTC(2026, 0, 15)), format: 'yyyy-mm-dd' }, null, null],
      ['B', '乙', '帐篷', 1, null, { value: new Date(Date.UTC(2026, 0, 15, 13, 30)), format: 'yyyy-mm-dd hh:mm' }, null, null],
    ]);
    const r = await parseSheet(bytes, SPEC);
    expect(r.rows.map((x) => x.values.expiresOn)).toEqual(['2026-01-15']);
    expect(messages(r)).toEqual(['第 3 行 F 列（有效期至）：应为日期，如 2024-05-01，实际为“2026-01-15 13:30”']);
  });

  it('refuses formulas with the cell address, also shared ones and those written by a library', async () => {
    const r = await parseSheet(
      raw([HEADERS, GOOD, ['WZ-2', '棉被', '棉被', { f: 'D2*2', v: 20 }, null, null, null, { f: '"a"&"b"', v: 'ab' }]]),
      SPEC,
    );
    expect(messages(r)).toEqual([
      '第 3 行 D 列（数量）：含有公式（=D2*2），不接受公式；请复制后用“选择性粘贴 → 数值”粘贴',
      '第 3 行 H 列（备注）：含有公式（="a"&"b"），不接受公式；请复制后用“选择性粘贴 → 数值”粘贴',
    ]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2]);

    const written = await xlsxOf([HEADERS, ['WZ-1', '棉被', '棉被', { type: 'Formula', value: '=SUM(1,2)' }, null, null, null, null]]);
    expect(messages(await parseSheet(written, SPEC))).toEqual([
      '第 2 行 D 列（数量）：含有公式（=SUM(1,2)），不接受公式；请复制后用“选择性粘贴 → 数值”粘贴',
    ]);
  });

  it('refuses merged cells with their range (in the data: those rows; in the header: everything)', async () => {
    const rows: RawCell[][] = [
      HEADERS,
      GOOD,
      ['WZ-2', '棉被', '棉被', 3, null, null, null, null],
      ['WZ-3', null, '棉被', 3, null, null, null, null],
      ['WZ-4', '棉被', '棉被', null, null, null, null, null],
      GOOD,
    ];
    const r = await parseSheet(raw(rows, { merges: ['B3:B4', 'C5:D5'] }), SPEC);
    // The empty cells inside a merge (B4, D5) are not reported a second time as missing.
    expect(messages(r)).toEqual([
      '第 3 行 B 列（物资名称）：位于合并单元格 B3:B4 中；不接受合并单元格，请取消合并，并在每个单元格中填写完整的值',
      '第 4 行 B 列（物资名称）：位于合并单元格 B3:B4 中；不接受合并单元格，请取消合并，并在每个单元格中填写完整的值',
      '第 5 行 C 列（类别）：位于合并单元格 C5:D5 中；不接受合并单元格，请取消合并，并在每个单元格中填写完整的值',
    ]);
    expect(r.errors[2]).toMatchObject({ row: 5, column: 'C', header: '类别' });
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 6]);
    expect(r.invalidRows).toEqual([3, 4, 5]);

    const header = await parseSheet(raw(rows, { merges: ['C1:D1'] }), SPEC);
    expect(header.rows).toEqual([]);
    expect(messages(header)).toEqual(['表头中有合并单元格 C1:D1；请取消合并，每列一个列名']);
  });

  it('error values (#DIV/0!) are not taken as empty', async () => {
    const r = await parseSheet(raw([HEADERS, ['WZ-1', '棉被', '棉被', { error: '#DIV/0!' }, null, null, null, null]]), SPEC);
    expect(messages(r)).toEqual(['第 2 行 D 列（数量）：单元格显示错误值 #DIV/0!；请改为正确的值']);
  });

  it('blank rows in the middle and at the end are ignored; row numbers stay those of the sheet', async () => {
    const rows: RawCell[][] = [HEADERS, GOOD, [], [null, '  ', null], GOOD, [], []];
    const r = await parseSheet(raw(rows), SPEC);
    expect(r).toMatchObject({ rowCount: 2, errors: [] });
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 5]);
  });

  it('caps the listed errors but counts them all', async () => {
    const rows: RawCell[][] = [HEADERS, ...Array.from({ length: 50 }, (): RawCell[] => ['x', 'y', '?', -1, null, null, null, null])];
    const r = await parseSheet(raw(rows), SPEC, { maxErrors: 10 });
    expect(r.errors).toHaveLength(10);
    expect(r).toMatchObject({ errorCount: 100, rows: [] });
    expect(r.invalidRows).toHaveLength(50);
  });
});

describe('parseSheet: size', () => {
  it('refuses more rows than allowed, counting only rows with something in them', async () => {
    const rows = [HEADERS, ...Array.from({ length: 6 }, () => GOOD)];
    expect(await refusal(raw(rows), { maxRows: 5 })).toBe('共有超过 5 行数据，超过每次最多导入 5 行的上限；请分成多个文件导入');
    expect((await parseSheet(raw([...rows, [], []]), SPEC, { maxRows: 6 })).rowCount).toBe(6);
  });

  it('a sheet whose content reaches row 1 000 000 is refused at once', async () => {
    const bytes = rawXlsx(sheetXml(rowXml(1, HEADERS) + rowXml(2, GOOD) + rowXml(1_000_000, ['x']), { dimension: 'A1:H1000000' }));
    const t = performance.now();
    expect(await refusal(bytes)).toBe('数据行数超过上限：第 1000000 行 A 列仍有内容，每次最多导入 100000 行；请分成多个文件导入，或删除多余的行');
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('a stale <dimension> alone does not refuse a small sheet', async () => {
    const r = await parseSheet(rawXlsx(sheetXml([HEADERS, GOOD], { dimension: 'A1:H1000000' })), SPEC);
    expect(r.rowCount).toBe(1);
  });

  it('1 000 000 real rows: refused early, without reading the whole sheet', async () => {
    const bytes = bigSheet(
      HEADERS,
      1_000_000,
      (r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>WZ-${r}</t></is></c><c r="D${r}"><v>${r % 100}</v></c></row>`,
    );
    const t = performance.now();
    // Even when the upload limit lets such a file through.
    expect(await refusal(bytes, { maxBytes: 100 * 1024 * 1024 })).toMatch(/^数据行数超过上限：第 100011 行 A 列仍有内容/);
    const ms = performance.now() - t;
    console.log(`1 000 000-row sheet (${(bytes.length / 1e6).toFixed(1)} MB on disk) refused in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
  }, 30_000);

  it('50 000 rows written by a library import, with progress', async () => {
    const data: SheetData = [HEADERS];
    for (let i = 0; i < 50_000; i++) {
      data.push([
        `WZ-${String(i).padStart(6, '0')}`,
        `物资${i % 300}`,
        ['帐篷', '棉被', '饮用水'][i % 3]!,
        i % 1000,
        (i % 50) + 0.5,
        { value: new Date(Date.UTC(2027, i % 12, 1)), format: 'yyyy-mm-dd' },
        i % 2 === 0 ? '是' : '否',
        i % 7 === 0 ? '备注' : null,
      ]);
    }
    const bytes = await xlsxOf(data);
    const fractions: number[] = [];
    const t = performance.now();
    const r = await parseSheet(bytes, SPEC, { onProgress: (f) => fractions.push(f) });
    const ms = performance.now() - t;
    console.log(`50 000 rows (${(bytes.length / 1e6).toFixed(1)} MB) parsed in ${ms.toFixed(0)} ms`);
    expect(r).toMatchObject({ rowCount: 50_000, errors: [], invalidRows: [] });
    expect(r.rows[49_999]).toEqual({
      rowNumber: 50_001,
      values: { code: 'WZ-049999', name: '物资199', category: 'quilt', quantity: 999, price: 49.5, expiresOn: '2027-08-01', verified: false, remark: null },
    });
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(ms).toBeLessThan(10_000);
  }, 60_000);
});

describe('template and export', () => {
  it('template: data sheet with marked header and dropdowns, instructions sheet in zh-CN', async () => {
    const bytes = await template(SPEC, { title: '物资库存', notes: ['仓库名称须与系统中一致。'] });
    const parts = unzipSync(bytes);
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<dataValidation type="list"');
    expect(sheet).toContain('<formula1>&quot;帐篷,棉被,饮用水&quot;</formula1>');
    expect(sheet).toMatch(/type="whole" operator="between"[^>]*promptTitle="数量" prompt="不小于 0 的整数。按计量单位计" sqref="D2:D100001"><formula1>0<\/formula1>/);
    expect(sheet).toContain('state="frozen"');
    expect(strFromU8(parts['xl/workbook.xml']!)).toMatch(/name="物资库存".*name="填写说明"/);

    const [header] = (await readSheet(bytes, 1)) as unknown[][];
    expect(header).toEqual(['*物资编码', '*物资名称', '*类别', '*数量', '单价', '有效期至', '已核验', '备注']);
    const help = ((await readSheet(bytes, '填写说明')) as unknown[][]).map((r) => r.filter(Boolean).join(' | '));
    expect(help[0]).toBe('《物资库存》导入模板填写说明');
    expect(help).toContain('类别 | 必填 | 帐篷、棉被、饮用水之一 | 帐篷（tent）、棉被（quilt）、饮用水（water）');
    expect(help).toContain('7. 仓库名称须与系统中一致。');
    expect(help.some((l) => l.includes('不接受公式和合并单元格'))).toBe(true);
  });

  it('round trip: template → filled in → parsed', async () => {
    const filled = fillTemplate(await template(SPEC, { title: '物资库存' }), [GOOD, ['WZ-002', '棉被', 'quilt', 3, null, 46203, '否', '库房二']]);
    const r = await parseSheet(filled, SPEC);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        rowNumber: 2,
        values: { code: 'WZ-001', name: '单帐篷', category: 'tent', quantity: 10, price: 1200.5, expiresOn: '2027-06-30', verified: true, remark: null },
      },
      {
        rowNumber: 3,
        values: { code: 'WZ-002', name: '棉被', category: 'quilt', quantity: 3, price: null, expiresOn: '2026-06-30', verified: false, remark: '库房二' },
      },
    ]);
  });

  it('round trip: export → parsed gives the same values (labels for codes, inert text that looks like a formula)', async () => {
    const values = [
      { code: 'WZ-001', name: '=1+1', category: 'water', quantity: 0, price: 3.25, expiresOn: '2027-01-31', verified: true, remark: '前导 0：007' },
      { code: '00042', name: '帐篷\u0007', category: 'tent', quantity: 12, price: null, expiresOn: null, verified: false, remark: null },
    ];
    const bytes = await exportRows(SPEC, values, { title: '物资库存' });
    const [header, first] = (await readSheet(bytes)) as unknown[][];
    expect(header).toEqual(HEADERS);
    expect(first?.[2]).toBe('饮用水');
    const r = await parseSheet(bytes, SPEC);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([values[0], { ...values[1], name: '帐篷' }]);
  });
});
