// The bell's notifications are stored in Chinese; notifications-en.ts must say every one the services write in English.
// The source is scanned for every notification row (an object with user_id, text and read_at, what goes into
// `notifications`) and every live `notification` message's payload; the `text` of each is expanded — a local const by
// its initializer, a function parameter (notifyLeads, notify, notifyResponsible) by the argument of every call to that
// function, conditional parts both ways, `.join` of mapped elements — with every other placeholder filled with a
// sample. Each instance must come out in English, leaving only the samples in Chinese. Then the bell and the live
// stream are asked through real routes with and without English.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, openSse, testApp, type TestApp } from '../testing/harness';
import { CJK } from './messages-en';
import { SAMPLE, parsedSources, textExpander, unique, untranslated } from '../testing/source-texts';
import { notificationToEnglish } from './notifications-en';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = parsedSources(SRC);
const { expand } = textExpander({ sources: SOURCES, followParameters: true });

/** The `text` of an object literal (text: …, or shorthand text). */
function textOf(o: ts.ObjectLiteralExpression): ts.Expression | undefined {
  for (const p of o.properties) {
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'text') return p.name;
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'text') return p.initializer;
  }
  return undefined;
}
const has = (o: ts.ObjectLiteralExpression, name: string) => o.properties.some((p) => p.name?.getText() === name);

interface Found { where: string; text: string; instances: string[] }

/** Every notification written (a row with user_id, text and read_at) or published (`name: 'notification'`, its payload). */
function scan(): { found: Found[]; unresolved: string[]; sites: string[] } {
  const found: Found[] = [];
  const unresolved: string[] = [];
  const sites: string[] = [];
  for (const src of SOURCES) {
    const where = (n: ts.Node) => `${path.relative(SRC, src.fileName)}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}`;
    const visit = (n: ts.Node): void => {
      let text: ts.Expression | undefined;
      if (ts.isObjectLiteralExpression(n) && has(n, 'user_id') && has(n, 'read_at')) text = textOf(n);
      if (ts.isObjectLiteralExpression(n) && n.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'name' && p.initializer.getText() === "'notification'")) {
        const payload = n.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'payload');
        if (payload && ts.isObjectLiteralExpression(payload.initializer)) text = textOf(payload.initializer);
        else unresolved.push(`${where(n)}  payload not an object literal`);
      }
      if (text) {
        sites.push(where(n));
        const instances = expand(text);
        if (instances.every((i) => i === SAMPLE)) unresolved.push(`${where(n)}  ${text.getText(src)}`);
        else found.push({ where: where(n), text: text.getText(src), instances: unique(instances) });
      }
      n.forEachChild(visit);
    };
    visit(src);
  }
  return { found, unresolved, sites };
}


describe('the English catalogue covers every notification in the code', () => {
  const { found, unresolved, sites } = scan();

  it('finds the notifications the services write and publish (the scan itself works)', () => {
    expect(unresolved).toEqual([]);
    // 2 rows inserted + 4 live messages, each written or published once per place (the overdue notice goes through
    // outbox.ts notifyUsers, so its text is found through the callers' arguments).
    expect(new Set(sites).size).toBeGreaterThanOrEqual(6);
    const texts = new Set(found.flatMap((f) => f.instances));
    expect([...texts].some((x) => x.startsWith('事件“'))).toBe(true); // notifyResponsible, through its caller
    expect([...texts].some((x) => x.startsWith('《') && x.includes('已启动'))).toBe(true); // notify, through activate
    expect([...texts].some((x) => x.startsWith('库存不足'))).toBe(true); // notifyLeads, through stock.service
    expect([...texts].some((x) => x.startsWith('任务“'))).toBe(true); // checkOverdueTasks' own rows
    expect(texts.size).toBeGreaterThanOrEqual(9);
  });

  it('every instance of every notification template has English', () => {
    const missing = found.flatMap((f) => f.instances.map((i) => untranslated(i, notificationToEnglish)).filter(Boolean).map((p) => `${f.where}  ${p}`));
    expect(missing).toEqual([]);
  });

  it('translates embedded labels and keeps names, titles and numbers as they are', () => {
    const cases: [string, string][] = [
      ['事件“城东社区燃气泄漏”初报（报县级）已超时，请尽快报送', 'Incident “城东社区燃气泄漏”: Initial report to county level is overdue; please file as soon as possible'],
      ['事件“龙门镇内涝”初报（报设区的市级）、第 2 次续报已超时，请尽快报送',
        'Incident “龙门镇内涝”: Initial report to city level, Follow-up report #2 are overdue; please file as soon as possible'],
      ['《县防汛预案》Ⅳ级响应已启动：龙门镇内涝', 'Level IV response of “县防汛预案” activated: 龙门镇内涝'],
      ['《县防汛预案》响应提升为三级应急响应：龙门镇内涝', 'Response under “县防汛预案” raised to Level III response: 龙门镇内涝'],
      ['任务“转移群众”已逾期（应于 2024-05-01 10:00 前完成，负责：未指定负责人）', 'Task “转移群众” is overdue (due by 2024-05-01 10:00; assigned to no one)'],
      ['库存不足：县仓库 帐篷 现有 3 顶，低于储备定额 10 顶', 'Low stock: 县仓库 帐篷 has 3 顶, below the reserve minimum of 10 顶'],
    ];
    for (const [zh, en] of cases) expect(notificationToEnglish(zh), zh).toBe(en);
    expect(notificationToEnglish('某条尚未收录的通知')).toBe('某条尚未收录的通知');
    expect(notificationToEnglish('Already English')).toBe('Already English');
  });
});

const EN = { 'accept-language': 'en' };
const HOUR = 3_600_000;
type NotificationOut = { id: string; text: string; incidentId: string | null };

describe.each(DIALECTS)('notifications over HTTP and live follow the language asked for (%s)', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-29T02:00:00.000Z');
  let base: string;
  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('an overdue report: GET /api/notifications and the stream in Chinese without English asked for, in English with it', async () => {
    const duty = await t.login('county_duty');
    const byQuery = openSse(`${base}/api/stream?lang=en`, { cookie: duty.cookie! });
    const plain = openSse(`${base}/api/stream`, { cookie: duty.cookie! });
    await Promise.all([byQuery.ready, plain.ready]);
    try {
      const res = await t.app.inject({
        method: 'POST', url: '/api/incidents', headers: duty,
        payload: incidentBody({ title: '通知语言测试', occurredAt: new Date(now.getTime() - 10 * 60_000).toISOString() }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const inc = res.json() as { id: string; reportedAt: string };
      now = new Date(Date.parse(inc.reportedAt) + HOUR + 1000);
      expect(await t.services.incidents.checkOverdue()).toBeGreaterThanOrEqual(1);

      const bell = async (headers: Record<string, string>) => {
        const r = await t.app.inject({ url: '/api/notifications', headers });
        expect(r.statusCode, r.body).toBe(200);
        return (r.json() as NotificationOut[]).filter((n) => n.incidentId === inc.id);
      };
      const zh = await bell(duty);
      const en = await bell({ ...duty, ...EN });
      expect(zh).toHaveLength(1);
      const stored = await t.db.db.selectFrom('notifications').select('text').where('id', '=', zh[0]!.id).executeTakeFirstOrThrow();
      expect(zh[0]!.text).toBe(stored.text);
      expect(zh[0]!.text).toMatch(/^事件“通知语言测试”.*已超时，请尽快报送$/);
      expect(en.map((n) => n.id)).toEqual(zh.map((n) => n.id));
      expect(en[0]!.text).toBe(notificationToEnglish(zh[0]!.text));
      expect(en[0]!.text).toMatch(/^Incident “通知语言测试”: .* overdue; please file as soon as possible$/);
      expect(en[0]!.text.replaceAll('通知语言测试', '')).not.toMatch(CJK);

      const live = (s: ReturnType<typeof openSse>) => s.events<NotificationOut>('notification').find((n) => n.incidentId === inc.id)?.text;
      await expect.poll(() => Boolean(live(byQuery) && live(plain)), { timeout: 2000 }).toBe(true);
      expect(live(plain)).toBe(zh[0]!.text);
      expect(live(byQuery)).toBe(en[0]!.text);
    } finally {
      byQuery.close();
      plain.close();
    }
  });
});
