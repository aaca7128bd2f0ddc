// The English catalogue covers every message the code says in Chinese: the source is scanned for the literals passed to
// invalid / conflict / notFound / forbidden / unauthenticated (and `new AppError`), and, beyond those, for the messages
// that reach them indirectly (refuse helpers, domain field errors, the contracts' zod messages). Then real routes are
// asked with and without `Accept-Language: en`: English with it, today's zh-CN bytes without it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import ts from 'typescript';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbidden, invalid, notFound, unauthenticated } from '../errors';
import { REGISTER_LABELS } from '../modules/resources/resources.service';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../testing/harness';
import { errorHandler } from './errors';
import { parsedSources } from '../testing/source-texts';
import { CJK, labelToEnglish, toEnglish, translateMessage, translatePath } from './messages-en';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ERROR_FUNCTIONS = new Set(['invalid', 'conflict', 'notFound', 'forbidden', 'unauthenticated']);
/** Local helpers that wrap invalid() (or collect field errors for it). */
const HELPERS = new Set(['refuse', 'refuseIssues', 'fail', 'uploadedFile', 'add']);

interface Found {
  where: string;
  /** The literal, or the template with each placeholder shown as ${…}. */
  text: string;
  /** What the catalogue must answer for: the message itself, or for a template one instance per sample value. */
  instances: string[];
  kind: 'literal' | 'template';
  /** message: a whole message; notFound: the label of `${what}不存在或无权访问`; part: a message or a label in one. */
  role: 'message' | 'notFound' | 'part';
}

/** The identifier a call chain starts from: z in z.string().min(1, '…'). */
function chainRoot(e: ts.Expression): string | undefined {
  let x: ts.Expression = e;
  for (;;) {
    if (ts.isIdentifier(x)) return x.text;
    if (ts.isPropertyAccessExpression(x) || ts.isCallExpression(x)) x = x.expression;
    else return undefined;
  }
}

function scan(tier: 'core' | 'extended'): Found[] {
  const found: Found[] = [];
  const dirs = tier === 'core' ? ['server'] : ['server', 'domain', 'contracts'];
  for (const src of dirs.flatMap((d) => parsedSources(path.join(SRC, d)))) {
    const file = src.fileName;
    const inContracts = file.includes(`${path.sep}contracts${path.sep}`);
    const where = (n: ts.Node) => `${path.relative(SRC, file)}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}`;
    const add = (n: ts.Node, role: Found['role']) => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (CJK.test(n.text)) found.push({ where: where(n), text: n.text, instances: [n.text], kind: 'literal', role });
      } else if (ts.isTemplateExpression(n)) {
        const literal = n.head.text + n.templateSpans.map((s) => s.literal.text).join('');
        if (!CJK.test(literal)) return;
        const with_ = (v: string) => n.head.text + n.templateSpans.map((s) => v + s.literal.text).join('');
        const text = n.head.text + n.templateSpans.map((s) => '${' + s.expression.getText(src) + '}' + s.literal.text).join('');
        found.push({ where: where(n), text, instances: [with_('X'), with_('1')], kind: 'template', role });
      }
    };
    /** A message expression: a literal, a template, or the branches of ?:, ?? and ||. */
    const collect = (n: ts.Node, role: Found['role']): void => {
      if (ts.isParenthesizedExpression(n)) return collect(n.expression, role);
      const branches = ts.isConditionalExpression(n) ? [n.whenTrue, n.whenFalse]
        : ts.isBinaryExpression(n) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind) ? [n.left, n.right]
          : null;
      if (branches) for (const b of branches) collect(b, role);
      else add(n, role);
    };
    /** `message:` properties anywhere inside an error call's arguments (field errors). */
    const fieldMessages = (n: ts.Node, role: Found['role']) => {
      if (ts.isPropertyAssignment(n) && n.name.getText(src) === 'message') collect(n.initializer, role);
      n.forEachChild((c) => fieldMessages(c, role));
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ERROR_FUNCTIONS.has(n.expression.text)) {
        const fn = n.expression.text;
        n.arguments.forEach((a, i) => {
          collect(a, fn === 'notFound' && i === 0 ? 'notFound' : 'message');
          fieldMessages(a, 'message');
        });
        return;
      }
      if (ts.isNewExpression(n) && n.expression.getText(src) === 'AppError') {
        for (const a of n.arguments ?? []) {
          collect(a, 'message');
          fieldMessages(a, 'message');
        }
        return;
      }
      if (tier === 'extended') {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && HELPERS.has(n.expression.text)) for (const a of n.arguments) collect(a, 'part');
        if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText(src))) for (const a of n.arguments ?? []) collect(a, 'part');
        if (ts.isPropertyAssignment(n) && ['message', 'error'].includes(n.name.getText(src))) collect(n.initializer, 'part');
        if (ts.isParameter(n) && n.initializer && /^(what|message|msg|missing|label)$/.test(n.name.getText(src))) collect(n.initializer, 'part');
        if (ts.isCallExpression(n) && !/\.(describe|meta)$/.test(n.expression.getText(src)) && (inContracts || chainRoot(n.expression) === 'z'))
          for (const a of n.arguments) collect(a, 'part');
      }
      n.forEachChild(visit);
    };
    visit(src);
  }
  return found;
}

/** English for one instance, or why not. */
function english(instance: string, role: Found['role']): string | undefined {
  if (role === 'notFound') return toEnglish(`${instance}不存在或无权访问`);
  if (role === 'part') return toEnglish(instance) ?? labelToEnglish(instance);
  return toEnglish(instance);
}
const covered = (f: Found) => f.instances.some((i) => {
  const en = english(i, f.role);
  return en !== undefined && !CJK.test(en);
});

describe('the English catalogue covers every Chinese message in the code', () => {
  const core = scan('core');
  const extended = scan('extended');

  it('finds the messages at the error call sites (the scan itself works)', () => {
    expect(core.filter((f) => f.kind === 'literal').length).toBeGreaterThan(100);
    expect(core.filter((f) => f.kind === 'template').length).toBeGreaterThan(30);
    expect(core.some((f) => f.text === '该行政区划不在您的管辖范围内')).toBe(true);
    expect(core.some((f) => f.text === '未知的行政区划代码：${code}')).toBe(true);
    expect(core.some((f) => f.role === 'notFound' && f.text === '事件')).toBe(true);
  });

  it('every literal and template passed to invalid/conflict/notFound/forbidden/unauthenticated/new AppError has English', () => {
    const missing = core.filter((f) => !covered(f)).map((f) => `${f.where}  ${f.text}`);
    expect(missing).toEqual([]);
  });

  it('every message reaching them indirectly (helpers, domain field errors, contracts) has English', () => {
    const missing = extended.filter((f) => !covered(f)).map((f) => `${f.where}  ${f.text}`);
    expect(missing).toEqual([]);
  });

  it('the defaults of the error helpers and every register have English', () => {
    for (const e of [notFound(), forbidden(), invalid([]), unauthenticated()]) expect(translateMessage(e.message)).not.toMatch(CJK);
    for (const zh of Object.values(REGISTER_LABELS)) expect(translateMessage(notFound(zh).message)).not.toMatch(CJK);
  });

  it('translates embedded labels from the domain tables and leaves unknown values as they are', () => {
    const cases: [string, string][] = [
      [notFound('事件').message, 'Incident not found, or you do not have access to it'],
      [notFound('救援队伍').message, 'Rescue team not found, or you do not have access to it'],
      ['未知的行政区划代码：999999', 'Unknown jurisdiction code: 999999'],
      ['不能从“接报”变为“结束”', 'Cannot change the status from “Reported” to “Closed”'],
      ['该要求应报送续报', 'This requirement calls for a follow-up report'],
      ['该要求应报送初报', 'This requirement calls for an initial report'],
      ['调拨单已取消不能发出', 'This dispatch order has been cancelled and cannot be dispatched'],
      ['调拨单当前状态不能归还', 'This dispatch order cannot be returned in its current status'],
      ['预警当前为“已发布”，不能审核', 'The warning is currently “Issued”, so it cannot be approved'],
      ['任务已已签收，无需再签收', 'The task is already signed for; it does not need signing for again'],
      ['该需求待审批，不能下达调拨单', 'This request is awaiting approval; no dispatch order can be issued for it'],
      ['物资“帐篷”尚有库存 3 项、已有出入库台账 1 条，不能删除', 'Item “帐篷” cannot be deleted: 3 stock lines still held, 1 stock ledger entry'],
      ['被引用：用户、救援队伍', 'Referenced by: users, rescue teams'],
      ['不得宽于上级规定的 2 小时（本地规则只能更严格）', 'Cannot be looser than the 2 hours set by the higher level (local rules can only be stricter)'],
      ['不得低于上级规定的报送层级（设区的市级）', 'Cannot be lower than the reporting level set by the higher level (city level)'],
      ['暴雨预警没有蓝色级别', 'Rainstorm warnings have no blue level'],
      ['调入仓库须不同于调出仓库', 'The receiving depot must differ from the sending depot'],
      ['入库没有调出仓库', 'Receipt takes no sending depot'],
      ['这项任务由他人负责，您不能签收或反馈', 'This task is assigned to someone else; you cannot sign for it or report progress on it'],
      ['这是图片文件，不是预案文档；请上传 .docx、.md 或 .txt 格式的预案文件（扫描件请先做文字识别）',
        'This is an image, not a plan document; upload the plan as a .docx, .md or .txt file (run text recognition (OCR) on scans first)'],
      ['不支持的文件类型（.exe）；请上传 .docx、.md 或 .txt 格式的预案文件', 'Unsupported file type (.exe); upload the plan as a .docx, .md or .txt file'],
      ['不是有效的 CAP 1.2 预警：alert/info[1]/severity 值“Big”无效，应为 Extreme、Severe 之一（共 2 处问题）',
        'Not a valid CAP 1.2 alert: alert/info[1]/severity: Invalid value “Big”; it must be one of Extreme, Severe (2 problems in total)'],
      ['第 3 行 B 列（数量）：应为不小于 0 的整数，实际为“abc”', 'Row 3, column B (数量): Must be an integer of at least 0; got “abc”'],
      ['调配数据有误：demands[0].quantity：需求数量须为非负整数；now：时间格式无效',
        'Invalid allocation data: demands[0].quantity: Requested quantity must be a non-negative integer; now: Invalid time format'],
      ['第 2 条调拨：库存不足：县应急仓库 现有 3，不足 5', 'Dispatch 2: Insufficient stock: 县应急仓库 has 3, 5 needed'],
      ['库存不足：县应急仓库 现有帐篷 5 顶（批次 B1），不足 3 顶', 'Insufficient stock: 县应急仓库 has 5 顶 of 帐篷 (batch B1); 3 顶 short'],
      ['标题须为文字', 'Title must be text'],
      ['请填写预案名称', 'Enter the plan name'],
      ['时长（分钟）应为正整数', 'Duration (minutes) must be a positive integer'],
      ['级别代码重复：l1', 'Duplicate level key: l1'],
    ];
    for (const [zh, en] of cases) expect(translateMessage(zh), zh).toBe(en);
    // Untranslatable: left as it is, never half-English.
    expect(translateMessage('某个尚未收录的新消息')).toBe('某个尚未收录的新消息');
    expect(translateMessage('Invalid input: expected string')).toBe('Invalid input: expected string');
  });

  it('says the few Chinese field paths in English and leaves property paths alone', () => {
    expect(translatePath('levels.0.key（第 12 行）')).toBe('levels.0.key (line 12)');
    expect(translatePath('(根)（第 1 行）')).toBe('(root) (line 1)');
    expect(translatePath('第 3 行')).toBe('line 3');
    expect(translatePath('sites.0.sensors.rainfall')).toBe('sites.0.sensors.rainfall');
  });

  it('answers 429 in English too', () => {
    const sent: { status?: number; body?: unknown } = {};
    const reply = { status(c: number) { sent.status = c; return this; }, send(b: unknown) { sent.body = b; return this; } } as unknown as FastifyReply;
    const tooMany = Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 });
    errorHandler(tooMany, { headers: { 'accept-language': 'en' } } as unknown as FastifyRequest, reply);
    expect(sent).toEqual({ status: 429, body: { error: { code: 'http_429', message: 'Too many requests; please try again later', fields: [] } } });
    errorHandler(tooMany, { headers: {} } as unknown as FastifyRequest, reply);
    expect(sent.body).toEqual({ error: { code: 'http_429', message: '请求过于频繁，请稍后再试', fields: [] } });
  });
});

describe.each(DIALECTS)('service errors over HTTP follow Accept-Language (%s)', (dialect) => {
  let t: TestApp;
  let townA: Record<string, string>;
  let county: Record<string, string>;
  beforeAll(async () => {
    t = await testApp(dialect);
    townA = await t.login('town_a');
    county = await t.login('county_duty');
  });
  afterAll(() => t.close());

  const EN = { 'accept-language': 'en' };

  it('an out-of-scope jurisdiction: zh-CN bytes as before without the header, English with it', async () => {
    const payload = incidentBody({ jurisdictionCode: '511826106' }); // town A reporting in town B
    const zh = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: townA, payload });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({ error: { code: 'validation_failed', message: '超出管辖范围', fields: [{ path: 'jurisdictionCode', message: '该行政区划不在您的管辖范围内' }] } });
    expect(zh.body).toBe(JSON.stringify(zh.json()));
    const zhPreferred = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...townA, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }, payload });
    expect(zhPreferred.body).toBe(zh.body);

    for (const lang of ['en', 'en-US,en;q=0.9']) {
      const en = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...townA, 'accept-language': lang }, payload });
      expect(en.statusCode).toBe(400);
      expect(en.json()).toEqual({
        error: { code: 'validation_failed', message: 'Outside your area of responsibility', fields: [{ path: 'jurisdictionCode', message: 'This jurisdiction is outside your area of responsibility' }] },
      });
    }
  });

  it('a missing incident: 404 in either language', async () => {
    const url = `/api/incidents/${uuidv7()}`;
    const zh = await t.app.inject({ url, headers: county });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'not_found', message: '事件不存在或无权访问', fields: [] } });
    const en = await t.app.inject({ url, headers: { ...county, ...EN } });
    expect(en.statusCode).toBe(404);
    expect(en.json()).toEqual({ error: { code: 'not_found', message: 'Incident not found, or you do not have access to it', fields: [] } });
  });

  it('a repeated idempotency key: 409 in either language; the incident id in the field stays as it is', async () => {
    const payload = incidentBody({ title: '幂等键语言测试' });
    const headers = { ...county, 'idempotency-key': 'lang-test-0001' };
    const first = await t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload });
    expect(first.statusCode).toBe(201);
    const id = (first.json() as { id: string }).id;

    const zh = await t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload });
    expect(zh.statusCode).toBe(409);
    expect(zh.json()).toEqual({ error: { code: 'duplicate_submission', message: `重复提交：该事件已登记（编号 ${id}）`, fields: [{ path: 'idempotencyKey', message: id }] } });
    const en = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...headers, ...EN }, payload });
    expect(en.statusCode).toBe(409);
    expect(en.json()).toEqual({
      error: { code: 'duplicate_submission', message: `Duplicate submission: this incident is already registered (ID ${id})`, fields: [{ path: 'idempotencyKey', message: id }] },
    });

    const other = { ...payload, title: '另一份不同的提交' };
    const zhOther = await t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: other });
    expect(zhOther.statusCode).toBe(409);
    expect((zhOther.json() as { error: { message: string } }).error.message).toBe('幂等键已用于另一份不同的提交');
    const enOther = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...headers, ...EN }, payload: other });
    expect((enOther.json() as { error: { message: string } }).error.message).toBe('This idempotency key has already been used for a different submission');
  });

  it('not signed in: 401 in either language', async () => {
    const zh = await t.app.inject({ url: '/api/incidents' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ error: { code: 'unauthenticated', message: '请先登录', fields: [] } });
    const en = await t.app.inject({ url: '/api/incidents', headers: EN });
    expect(en.json()).toEqual({ error: { code: 'unauthenticated', message: 'Please sign in', fields: [] } });
  });

  it("the contracts' own zh-CN validation messages come out in English too", async () => {
    const payload = incidentBody({ title: 'x' });
    const zh = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: county, payload });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({ error: { code: 'validation_failed', message: '输入有误，请检查标注的字段', fields: [{ path: 'title', message: '标题至少 2 个字' }] } });
    const en = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...county, ...EN }, payload });
    expect(en.json()).toEqual({ error: { code: 'validation_failed', message: 'Invalid input; see the fields', fields: [{ path: 'title', message: 'The title must be at least 2 characters' }] } });
  });
});

describe('addresses that do not exist', () => {
  it('say so in the caller\'s language, through the one error handler', async () => {
    const t = await testApp('sqlite');
    try {
      for (const url of ['/public/no-such-page', '/public/cap/00000000-0000-0000-0000-000000000000.xml']) {
        const zh = await t.app.inject({ url });
        const en = await t.app.inject({ url, headers: { 'accept-language': 'en' } });
        expect([zh.statusCode, en.statusCode]).toEqual([404, 404]);
        expect(zh.json().error.message).toMatch(/不存在/);
        expect(en.json().error.message).not.toMatch(/[\u3400-\u9fff]/);
      }
    } finally {
      await t.close();
    }
  });
});
