// Timeline summaries are stored in Chinese; the English catalogue (summaries-en.ts) must know every one the services
// write. The source is scanned for the `summary:` of every event object (what goes to out.append); each template is
// expanded — conditional parts both ways, label tables with their real values, local helpers (gradeText, said) by
// their bodies — and every other placeholder filled with a sample. Each instance must come out in English, leaving
// only the samples in Chinese. Then real routes and the live stream are asked with and without English.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_KIND_LABELS, STATUS_LABELS } from '../../domain/incidents/lifecycle';
import { RECIPIENT_LEVEL_LABELS } from '../../domain/incidents/reporting';
import { GRADE_LABELS } from '../../domain/incidents/types';
import { WARNING_LEVEL_LABELS } from '../../domain/plans/model';
import { MOVEMENT_KINDS } from '../../domain/resources/ledger';
import { TEAM_KINDS } from '../../domain/resources/model';
import { ORDER_ACTIONS, PRIORITIES } from '../../domain/resources/requests';
import { SHEETS } from '../modules/resources/sheets';
import { DIALECTS, incidentBody, openSse, testApp, type TestApp } from '../testing/harness';
import { SAMPLE, parsedSources, textExpander, unique, untranslated } from '../testing/source-texts';
import { CJK } from './messages-en';
import { summaryToEnglish } from './summaries-en';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Imported label tables: a placeholder reading one takes each of its values in turn. */
const TABLES: Record<string, Record<string, unknown>> = {
  STATUS_LABELS, REPORT_KIND_LABELS, GRADE_LABELS, WARNING_LEVEL_LABELS, PRIORITIES, MOVEMENT_KINDS, ORDER_ACTIONS, TEAM_KINDS, SHEETS,
  RECIPIENT_LEVEL_LABELS,
};
/** Summaries that pass on a summary made elsewhere (the DTO, the row, the situation report), not new text. */
const PASS_THROUGH = new Set(['r.summary', 'e.summary', 'summaryToEnglish(e.summary)']);

interface Found { where: string; text: string; instances: string[] }

const SOURCES = parsedSources(SRC);
const { expand } = textExpander({ sources: SOURCES, tables: TABLES });

/** Every `summary:` of an event object (one with a `type`, or spread from a base event) in the server code; not route schemas. */
function scan(): { found: Found[]; unresolved: string[] } {
  const found: Found[] = [];
  const unresolved: string[] = [];
  for (const src of SOURCES) {
    const where = (n: ts.Node) => `${path.relative(SRC, src.fileName)}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && n.name.getText(src) === 'summary' && ts.isObjectLiteralExpression(n.parent)
        && n.parent.properties.some((p) => p.name?.getText(src) === 'type' || ts.isSpreadAssignment(p))
        && !n.parent.properties.some((p) => p.name?.getText(src) === 'tags')) {
        const text = n.initializer.getText(src);
        const instances = expand(n.initializer);
        if (instances.every((i) => i === SAMPLE)) {
          if (!PASS_THROUGH.has(text)) unresolved.push(`${where(n)}  ${text}`);
        } else found.push({ where: where(n), text, instances: unique(instances) });
      }
      n.forEachChild(visit);
    };
    visit(src);
  }
  return { found, unresolved };
}


describe('the English catalogue covers every timeline summary in the code', () => {
  const { found, unresolved } = scan();

  it('finds the summaries the services write (the scan itself works)', () => {
    expect(found.length).toBeGreaterThan(50);
    expect(found.some((f) => f.text.startsWith('`${p.name} 接报：'))).toBe(true);
    expect(found.some((f) => f.text === 'gradingSummary(g)' && f.instances.length >= 4)).toBe(true);
    expect(found.some((f) => f.text === 'text' && f.where.includes('stock.service'))).toBe(true);
    expect(unresolved).toEqual([]);
  });

  it('every instance of every summary template has English', () => {
    const missing = found.flatMap((f) => f.instances.map((i) => untranslated(i, summaryToEnglish)).filter(Boolean).map((p) => `${f.where}  ${p}`));
    expect(missing).toEqual([]);
  });

  it('translates embedded labels and keeps names, titles and numbers as they are', () => {
    const cases: [string, string][] = [
      ['张三 接报：龙门镇内涝（龙门镇）', '张三 received a report: 龙门镇内涝 (龙门镇)'],
      ['按规则重新定级：较大（Ⅲ级） → 重大（Ⅱ级）', 'Regraded by the rules: Serious (Grade III) → Major (Grade II)'],
      ['张三 报送续报至县应急局', '张三 filed a follow-up report to 县应急局'],
      ['张三 变更状态：接报 → 核实（已到场）', '张三 changed the status: Reported → Verified (已到场)'],
      ['按生产安全事故报告和调查处理条例 第三条定为较大（Ⅲ级）（部分数据未知，暂定）：死亡 4 人（含下落不明 1 人），3 人以上 10 人以下为较大；直接经济损失 1200 万元，1000 万元以上 5000 万元以下为较大',
        'Graded Serious (Grade III) under Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Article 3 (provisional: some figures are unknown): '
        + '4 deaths (including 1 missing): 3 or more and under 10 is Serious; direct economic loss ¥12 million: ¥10 million or more and under ¥50 million is Serious'],
      ['第 2 次续报已超时（应于 2024-05-01 10:00 前报送，生产安全事故报告和调查处理条例 第九条）',
        'Follow-up report #2 is overdue (due by 2024-05-01 10:00; Regulation on the Reporting, Investigation and Handling of Production Safety Accidents, Article 9)'],
      ['初报（报设区的市级）已超时（应于 — 前报送，终报时限无全国统一规定（24 小时为默认值，可配置））',
        'Initial report to city level is overdue (due by —; No national deadline for the final report (24 hours by default, configurable))'],
      ['张三 修改救援队伍：蓝天队（状态 待命 → 出动；人数 10 → 12；地址）', '张三 edited the rescue team 蓝天队 (status Standby → Deployed; headcount 10 → 12; address)'],
      ['提出需求：综合性救援队伍 2 支，送龙门镇（一般）', 'Requested Comprehensive rescue team 2 team(s), to 龙门镇 (Routine)'],
      ['张三 起草暴雨红色（一级）预警：龙门镇暴雨红色预警', '张三 drafted a warning (Rainstorm, Red (level 1)): 龙门镇暴雨红色预警'],
      ['张三 启动《县防汛预案》Ⅳ级响应；创建任务 3 项，通知 1 人', '张三 activated Level IV response of “县防汛预案”; 3 tasks created, 1 person notified'],
    ];
    for (const [zh, en] of cases) expect(summaryToEnglish(zh), zh).toBe(en);
    expect(summaryToEnglish('某条尚未收录的记录')).toBe('某条尚未收录的记录');
    expect(summaryToEnglish('Already English')).toBe('Already English');
  });
});

const EN = { 'accept-language': 'en' };
type EventOut = { type: string; summary: string };

describe.each(DIALECTS)('timeline summaries over HTTP follow the language asked for (%s)', (dialect) => {
  let t: TestApp;
  let county: Record<string, string>;
  beforeAll(async () => {
    t = await testApp(dialect);
    county = await t.login('county_duty');
  });
  afterAll(() => t.close());

  it('GET /api/incidents/:id/events: the stored Chinese without English asked for, English with it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: county, payload: incidentBody({ title: '时间线语言测试', impact: { deaths: 4 } }) });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const zh = await t.app.inject({ url: `/api/incidents/${id}/events`, headers: county });
    const en = await t.app.inject({ url: `/api/incidents/${id}/events`, headers: { ...county, ...EN } });
    expect([zh.statusCode, en.statusCode]).toEqual([200, 200]);
    const zhEvents = zh.json() as EventOut[];
    const enEvents = en.json() as EventOut[];
    const stored = (await t.db.db.selectFrom('events').select(['type', 'summary']).where('incident_id', '=', id).orderBy('at').orderBy('id').execute());
    expect(zhEvents.map((e) => e.summary).sort()).toEqual(stored.map((e) => e.summary).sort());
    const zhCreated = zhEvents.find((e) => e.type === 'incident.created')!;
    expect(zhCreated.summary).toMatch(/接报：时间线语言测试/);
    expect(enEvents.length).toBe(zhEvents.length);
    for (const [i, e] of enEvents.entries()) {
      expect(e.summary).toBe(summaryToEnglish(zhEvents[i]!.summary));
      expect(e.summary).not.toBe(zhEvents[i]!.summary);
    }
    const enCreated = enEvents.find((e) => e.type === 'incident.created')!;
    expect(enCreated.summary).toMatch(/ received a report: 时间线语言测试 \(/);
    const graded = enEvents.find((e) => e.type === 'incident.graded')!;
    expect(graded.summary).toMatch(/^Graded Serious \(Grade III\) under /);
    expect(graded.summary).not.toMatch(CJK);
  });
});

describe('the live stream says timeline summaries in the language it was opened with', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await testApp('sqlite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  function openStream(url: string, headers: Record<string, string>) {
    const s = openSse(`${base}${url}`, headers);
    return { ready: s.ready, timeline: () => s.events<EventOut>('timeline'), close: s.close };
  }

  it('?lang=en (EventSource cannot set headers) or Accept-Language: en gives English; neither gives the stored Chinese', async () => {
    const county = await t.login('county_duty');
    const byQuery = openStream('/api/stream?lang=en', { cookie: county.cookie! });
    const byHeader = openStream('/api/stream', { cookie: county.cookie!, ...EN });
    const plain = openStream('/api/stream', { cookie: county.cookie! });
    await Promise.all([byQuery.ready, byHeader.ready, plain.ready]);
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: county, payload: incidentBody({ title: '直播语言测试' }) });
    expect(res.statusCode, res.body).toBe(201);
    const created = (s: ReturnType<typeof openStream>) => s.timeline().find((e) => e.type === 'incident.created')?.summary;
    await expect.poll(() => [created(byQuery), created(byHeader), created(plain)].every(Boolean), { timeout: 2000 }).toBe(true);
    expect(created(plain)).toMatch(/ 接报：直播语言测试（/);
    expect(created(byQuery)).toMatch(/ received a report: 直播语言测试 \(/);
    expect(created(byHeader)).toBe(created(byQuery));
    for (const s of [byQuery, byHeader, plain]) s.close();
  });
});
