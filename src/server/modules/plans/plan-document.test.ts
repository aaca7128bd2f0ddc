import { Document, HeadingLevel, Packer, Paragraph, Tab, Table, TableCell, TableRow, TextRun } from 'docx';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blocksFromText, importPlan, toPlanContent, type Block } from '../../../domain/plans/document';
import { COUNTY_FIRE_PLAN } from '../../../domain/plans/document/samples';
import { AppError } from '../../errors';
import { importPlanDocument, MAX_PLAN_DOCUMENT_BYTES, readPlanDocument } from './plan-document';
import { docxOf } from '../../testing/docx';



async function refusal(filename: string, bytes: Buffer): Promise<string> {
  const err = await readPlanDocument(filename, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e).toMatchObject({ kind: 'invalid', fields: [{ path: 'file', message: e.message }] });
  return e.message;
}

describe('readPlanDocument: .docx', () => {
  it('Word heading styles become heading levels, Title is 0, a table row is one block, a line break splits a paragraph, tabs become spaces', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: '滨海区防台风应急预案', heading: HeadingLevel.TITLE }),
              new Paragraph({ text: '组织机构及职责', heading: HeadingLevel.HEADING_1 }),
              new Paragraph({ children: [new TextRun('区应急管理局负责综合协调。'), new TextRun({ text: '区水务局负责排涝。', break: 1 })] }),
              new Paragraph({ children: [new TextRun({ children: ['甲', new Tab(), '乙\t丙'] })] }),
              new Table({
                rows: [
                  new TableRow({ children: [new TableCell({ children: [new Paragraph('单位')] }), new TableCell({ children: [new Paragraph('职责')] })] }),
                  new TableRow({
                    children: [
                      new TableCell({ children: [new Paragraph('区气象局')] }),
                      new TableCell({ children: [new Paragraph('负责台风监测。'), new Paragraph('负责发布预警。')] }),
                    ],
                  }),
                ],
              }),
              new Paragraph({ text: '应急响应', heading: HeadingLevel.HEADING_1 }),
              new Paragraph({ text: 'Ⅰ级响应', heading: HeadingLevel.HEADING_2 }),
            ],
          },
        ],
      }),
    );
    expect(await readPlanDocument('plan.docx', bytes)).toEqual<Block[]>([
      { text: '滨海区防台风应急预案', headingLevel: 0 },
      { text: '组织机构及职责', headingLevel: 1 },
      { text: '区应急管理局负责综合协调。', headingLevel: null },
      { text: '区水务局负责排涝。', headingLevel: null },
      { text: '甲 乙 丙', headingLevel: null },
      { text: '单位\t职责', headingLevel: null },
      { text: '区气象局\t负责台风监测。\n负责发布预警。', headingLevel: null },
      { text: '应急响应', headingLevel: 1 },
      { text: 'Ⅰ级响应', headingLevel: 2 },
    ]);
  });

  it('a plan as .docx imports like the same plan as text', async () => {
    const blocks = blocksFromText(COUNTY_FIRE_PLAN, 'text').map((b) => ({ ...b, headingLevel: /^[一二三四]、/.test(b.text) ? 1 : b.headingLevel }));
    const fromDocx = await importPlanDocument('青山县.docx', await docxOf(blocks));
    const fromText = importPlan(blocks, { filename: '青山县.docx' });
    expect(fromDocx).toEqual(fromText);
    expect(fromDocx.levels.map((l) => l.name)).toEqual(['Ⅰ级', 'Ⅱ级', 'Ⅲ级', 'Ⅳ级']);
    expect(fromDocx.organisations).toHaveLength(5);
  });
});

describe('readPlanDocument: text', () => {
  it('Markdown and plain text, UTF-8 with or without BOM', async () => {
    expect(await readPlanDocument('a.md', Buffer.from('\ufeff# 总则\n正文'))).toEqual([{ text: '总则', headingLevel: 1 }, { text: '正文', headingLevel: null }]);
    expect(await readPlanDocument('a.TXT', Buffer.from('# 总则\n正文'))).toEqual([{ text: '# 总则', headingLevel: null }, { text: '正文', headingLevel: null }]);
  });

  it('GB18030 (GBK) as saved by Chinese Windows tools, and UTF-16 with BOM', async () => {
    const gbk = Buffer.from('c4b3cfd8b7c0d1b4d3a6bcb1d4a4b0b80ad2bba1a2d3a6bcb1cfecd3a60aa3a8d2bba3a9a2f4bcb6cfecd3a60ab1a9d3eac0b6c9abd4a4beafb7a2b2bccab1c6f4b6afa1a30a', 'hex');
    const p = await importPlanDocument('防汛.txt', gbk);
    expect(p.title).toBe('某县防汛应急预案');
    expect(p.levels).toEqual([{ name: 'Ⅳ级', rank: 4, minGrade: 'IV', conditions: ['暴雨蓝色预警发布时启动。'], actions: [] }]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、总则\n正文', 'utf16le')]);
    expect((await readPlanDocument('a.txt', utf16)).map((b) => b.text)).toEqual(['一、总则', '正文']);
  });
});

describe('readPlanDocument: refusals are AppErrors with a zh-CN message on the file field', () => {
  it('empty, too large', async () => {
    expect(await refusal('a.docx', Buffer.alloc(0))).toContain('空');
    expect(await refusal('a.txt', Buffer.alloc(MAX_PLAN_DOCUMENT_BYTES + 1, 0x41))).toContain('10 MB');
    await expect(readPlanDocument('a.txt', Buffer.alloc(MAX_PLAN_DOCUMENT_BYTES, 0x41))).resolves.toHaveLength(1);
  });

  it.each([
    ['PNG', 'scan.docx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['JPEG', 'scan.txt', Buffer.from('ffd8ffe000104a464946', 'hex')],
    ['GIF', 'scan.md', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
  ])('an image (%s) whatever its name', async (_kind, name, bytes) => {
    expect(await refusal(name, bytes)).toContain('图片');
  });

  it('PDF: not supported, save as .docx', async () => {
    const msg = await refusal('预案.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'));
    expect(msg).toContain('PDF');
    expect(msg).toContain('.docx');
  });

  it('.doc (old Word, by content or by name): save as .docx', async () => {
    expect(await refusal('预案.doc', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'))).toContain('另存为 .docx');
    expect(await refusal('预案.doc', Buffer.from('some text'))).toContain('另存为 .docx');
  });

  it('a ZIP that is not a .docx, a broken .docx, a .docx that is not a zip', async () => {
    const emptyZip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
    expect(await refusal('预案.docx', emptyZip)).toContain('不是 Word 文档');
    const good = await docxOf([{ text: '总则', headingLevel: 1 }]);
    expect(await refusal('预案.docx', good.subarray(0, Math.floor(good.length * 0.6)))).toContain('已损坏');
    expect(await refusal('预案.docx', Buffer.from('这不是 docx'))).toContain('不是有效的 .docx');
  });

  it('binary content with a text name, an unknown extension, a document without text', async () => {
    expect(await refusal('a.txt', Buffer.from([0x00, 0x01, 0x02, 0x41]))).toContain('不是文本文件');
    expect(await refusal('预案.xlsx.exe', Buffer.from('MZ\x90\x00', 'latin1'))).toContain('不支持的文件类型（.exe）');
    expect(await refusal('预案', Buffer.from('正文'))).toContain('不支持的文件类型');
    expect(await refusal('a.txt', Buffer.from(' \n\u3000\n——\n'))).toContain('没有可识别的文字');
    expect(await refusal('a.docx', await docxOf([]))).toContain('没有可识别的文字');
  });
});

// The shared datasets (../shared/datasets relative to the repository root) are real published plans; a clone
// without them skips these cases, and the fixtures above cover every behaviour on their own.
const plansDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..', '../shared/datasets/plans');
const haveShared = fs.existsSync(plansDir);
if (!haveShared) console.warn(`[plan-document] shared plan documents not found at ${plansDir}: their import tests are skipped`);

async function importShared(name: string) {
  const bytes = fs.readFileSync(path.join(plansDir, name));
  const t0 = performance.now();
  const plan = await importPlanDocument(name, bytes);
  const draft = toPlanContent(plan);
  return { plan, draft, ms: performance.now() - t0 };
}

describe('shared plan documents', () => {
  it.skipIf(!haveShared)('深圳市防汛预案: five levels 关注级/Ⅳ/Ⅲ/Ⅱ/Ⅰ, each with its conditions and actions', async () => {
    const { plan, draft, ms } = await importShared('shenzhen_flood_waterlogging_plan.md');
    expect(ms).toBeLessThan(2000);
    expect(plan.levels.map((l) => [l.name, l.rank, l.minGrade])).toEqual([['Ⅰ级', 1, 'I'], ['Ⅱ级', 2, 'II'], ['Ⅲ级', 3, 'III'], ['Ⅳ级', 4, 'IV'], ['关注级', 5, null]]);
    const level = (name: string) => plan.levels.find((l) => l.name === name)!;
    expect(level('关注级').conditions).toEqual(['暴雨黄色预警信号发布时自动启动']);
    expect(level('Ⅳ级').conditions).toEqual([
      '当预测预报可能或已经发生以下情况之一时，由指挥部领导结合实际情况决定是否启动：',
      '当市气象局发布暴雨橙色预警信号时',
      '深圳河、茅洲河、观澜河、龙岗河、坪山河、石岩河等某一流域干流达到5年一遇以上（含5年一遇）洪水位时。',
      '市内多处发生积水内涝时',
    ]);
    expect(level('Ⅲ级').conditions[1]).toBe('市气象局发布暴雨红色预警信号时');
    expect(level('Ⅱ级').conditions[3]).toBe('发生严重洪涝灾情，低洼地区大范围受淹时。');
    expect(level('Ⅰ级').conditions).toHaveLength(5);
    expect(level('Ⅰ级').conditions[2]).toBe('降雨导致小型、中型水库即将发生溃决或坍塌险情时');
    expect(plan.levels.map((l) => l.actions.length)).toEqual([28, 33, 27, 32, 20]);
    expect(level('关注级').actions[0]).toMatch(/^各区政府（管委会）：密切关注气象预警监测信息/);
    expect(level('Ⅳ级').actions).toContain('副总指挥：了解相关情况，做好协助指挥准备。');
    expect(level('Ⅰ级').actions).toContain('应急部门迅速组织灾民安置，保障灾民基本生活。');

    expect(plan.organisations.length).toBeGreaterThanOrEqual(45);
    expect(plan.organisations.find((o) => o.name === '市水务局')?.duties[0]).toMatch(/^负责水文观测和预警预报/);
    expect(plan.organisations.map((o) => o.name)).toEqual(expect.arrayContaining(['综合协调组', '市委大湾区办（市港澳办）', '深圳报业集团', '深圳广电集团']));
    expect(plan.liftConditions).toEqual([expect.stringContaining('关注级应急响应与黄色暴雨预警信号同步启动或解除')]);
    expect(plan.unrecognised).toEqual(expect.arrayContaining([expect.stringMatching(/^5 应急响应 \/ 5\.2 应急响应行动 \/ 5\.2\.6 排洪：由市三防指挥部发布/)]));
    expect(draft).toMatchObject({ title: '洪涝灾害预案', ownerType: 'government', triggers: { categories: ['natural'] }, scope: expect.stringContaining('深圳市') });
    console.info(`[plan-document] shenzhen: ${plan.levels.map((l) => `${l.name} ${l.conditions.length}/${l.actions.length}`).join(', ')}; ${plan.organisations.length} organisations; ${ms.toFixed(0)} ms`);
  });

  it.skipIf(!haveShared)('上海市突发公共卫生事件预案: 特别重大…一般, conditions from 事件分级, termination conditions', async () => {
    const { plan, ms } = await importShared('shanghai_public_health_emergency_plan.md');
    expect(ms).toBeLessThan(2000);
    expect(plan.levels.map((l) => [l.name, l.rank, l.minGrade, l.conditions.length, l.actions.length])).toEqual([
      ['特别重大', 1, 'I', 8, 1], ['重大', 2, 'II', 0, 1], ['较大', 3, 'III', 0, 1], ['一般', 4, 'IV', 0, 1],
    ]);
    expect(plan.levels[0]!.conditions[0]).toBe('发现肺鼠疫病例，并有扩散趋势');
    expect(plan.levels[2]!.actions[0]).toMatch(/^重大级别以下的突发公共卫生事件应急处理工作由区县人民政府负责组织实施/);
    expect(plan.organisations.map((o) => [o.name, o.duties.length])).toEqual([
      ['市卫生局', 1], ['各级政府', 9], ['卫生部门', 8], ['医疗机构', 5], ['疾病预防控制机构', 6], ['卫生监督机构', 3], ['出入境检验检疫机构', 2],
    ]);
    expect(plan.liftConditions).toHaveLength(5);
    expect(plan.liftConditions[0]).toContain('末例传染病病例发生后经过最长潜伏期无新的病例出现');
    expect(plan.notes).toContain('「特别重大」的启动条件取自「1 总则 / 1.3 事件分级」中该等级事件的分级标准，请核对');
  });
});
