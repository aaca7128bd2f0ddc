// Warnings over HTTP: drafting with the 第六十四条 fields, approve → issue → lift, who sees what, 签收,
// rule-driven warnings that upgrade and lift themselves, expiry, and the public page and feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECTS, testApp, type TestApp } from '../../testing/harness';
import { parseCap, parseGbt35965 } from '../cap/cap-xml';
import { exampleProductionSafetyPlan } from '../../../domain/plans/examples';

const CAP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/datasets/cap/examples');
const hasCap = fs.existsSync(CAP_DIR);
if (!hasCap) console.warn('[warnings] ../shared/datasets/cap not found: the real-alert import cases are skipped (own fixtures still run)');

const OWN_ALERT = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>51000041600000_20261129080000_1</identifier>
  <sender>51000041600000</sender>
  <sent>2026-11-29T08:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>GB/T 35965.1 eventType</valueName><value>11B03</value></eventCode>
    <onset>2026-11-29T08:00:00+08:00</onset>
    <expires>2026-11-29T20:00:00+08:00</expires>
    <senderName>四川省气象台</senderName>
    <headline>四川省气象台发布暴雨橙色预警</headline>
    <description>预计未来6小时雅安市部分地区降雨量将达50毫米以上。</description>
    <instruction>做好防汛工作，转移危险地带人员。</instruction>
    <area><areaDesc>雅安市芦山县</areaDesc><polygon>30.1,102.9 30.2,102.9 30.2,103.0 30.1,102.9</polygon><geocode><valueName>GB/T 2260</valueName><value>511826</value></geocode></area>
  </info>
</alert>`;

describe.each(DIALECTS)('warnings (%s)', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-29T02:00:00Z');
  const as: Record<string, Record<string, string>> = {};
  const body = (over: Record<string, unknown> = {}) => ({
    typeCode: 'rainstorm', level: 'orange', onset: '2026-11-29T10:00:00+08:00', expires: '2026-11-29T22:00:00+08:00',
    areaDesc: '芦山县龙门镇、芦阳街道', jurisdictionCodes: ['511826106', '511826001'], headline: '芦山县气象台发布暴雨橙色预警',
    description: '预计未来3小时龙门镇累计降雨将达50毫米以上。', instruction: '转移危险区域群众，停止户外作业。', ...over,
  });
  const req = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: as[who], ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
    for (const u of ['county_duty', 'county_commander', 'county_viewer', 'town_a', 'town_b', 'mingshan_duty']) as[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('drafts a warning with every field of 第六十四条; refuses bad ones field by field', async () => {
    const res = await req('POST', '/api/warnings', 'county_duty', body());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', origin: 'person', typeLabel: '暴雨', levelLabel: '橙色（二级）', issuer: '芦山县应急办', jurisdictionName: '芦山县' });
    expect(res.json().identifier).toMatch(/^51182600000000_20261129100000_\d$/);
    const bad = await req('POST', '/api/warnings', 'county_duty', body({ typeCode: 'hail', level: 'blue', expires: '2026-11-29T09:00:00+08:00', jurisdictionCodes: ['511803'] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['expires', 'level']);
    expect((await req('POST', '/api/warnings', 'county_duty', body({ jurisdictionCodes: ['511803'] }))).json().error.fields[0]).toMatchObject({ path: 'jurisdictionCodes.0' });
    expect((await req('POST', '/api/warnings', 'county_viewer', body())).statusCode).toBe(403);
  });

  it('approve → issue → 签收 → lift, each on the timeline; the township it covers sees and signs it', async () => {
    const w = (await req('POST', '/api/warnings', 'county_duty', body())).json();
    expect((await req('GET', `/api/warnings/${w.id}`, 'town_a')).statusCode).toBe(404); // a county's draft stays in the county office
    expect((await req('POST', `/api/warnings/${w.id}/issue`, 'county_duty')).statusCode).toBe(403); // a duty officer drafts, a commander issues
    expect((await req('POST', `/api/warnings/${w.id}/lift`, 'county_commander')).json().error.code).toBe('bad_status');
    expect((await req('POST', `/api/warnings/${w.id}/approve`, 'county_commander')).json().status).toBe('approved');
    const issued = (await req('POST', `/api/warnings/${w.id}/issue`, 'county_commander')).json();
    expect(issued).toMatchObject({ status: 'issued', issuedAt: now.toISOString() });
    expect((await req('GET', `/api/warnings/${w.id}`, 'town_a')).statusCode).toBe(200); // issued for the county's townships
    expect((await req('GET', `/api/warnings/${w.id}`, 'mingshan_duty')).statusCode).toBe(404);
    const acked = (await req('POST', `/api/warnings/${w.id}/ack`, 'town_a')).json();
    expect(acked).toMatchObject({ ackedByMe: true, acks: [{ userName: 'town_a', organisationName: '芦阳街道应急办' }] });
    expect((await req('POST', `/api/warnings/${w.id}/ack`, 'town_a')).json().error.code).toBe('already_acked');
    expect((await req('POST', `/api/warnings/${w.id}/lift`, 'town_a')).statusCode).toBe(403);
    expect((await req('POST', `/api/warnings/${w.id}/lift`, 'county_commander', { note: '降雨减弱' })).json().status).toBe('lifted');
    const events = await t.db.db.selectFrom('events').select(['type', 'summary']).where('type', 'like', 'warning.%').orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['warning.drafted', 'warning.approved', 'warning.issued', 'warning.acked', 'warning.lifted']));
    expect(events.find((e) => e.type === 'warning.lifted')!.summary).toContain('（降雨减弱）');
  });

  it('a township’s warning is not its sibling’s business', async () => {
    const w = (await req('POST', '/api/warnings', 'town_a', body({ jurisdictionCodes: ['511826001'], headline: '芦阳街道地质灾害黄色预警', typeCode: 'geohazard', level: 'yellow' }))).json();
    expect((await req('GET', '/api/warnings', 'town_b')).json().map((x: { id: string }) => x.id)).not.toContain(w.id);
    expect((await req('GET', '/api/warnings', 'county_duty')).json().map((x: { id: string }) => x.id)).toContain(w.id);
    expect((await req('POST', '/api/warnings', 'town_a', body({ jurisdictionCodes: ['511826106'] }))).statusCode).toBe(400);
  });

  it('a rule’s warning opens, upgrades, downgrades and lifts as the readings move', async () => {
    const svc = t.services.warnings;
    const base = { ruleId: 'r-rain', sensorId: 's-1', typeCode: 'rainstorm', jurisdictionCode: '511826106', areaDesc: '龙门镇', autoIssue: true };
    await svc.fromRule({ ...base, level: 'blue', basis: '12小时累计雨量 52.0 mm ≥ 50 mm', at: '2026-11-29T02:10:00.000Z' });
    await svc.fromRule({ ...base, level: 'orange', basis: '3小时累计雨量 55.0 mm ≥ 50 mm', at: '2026-11-29T03:10:00.000Z' });
    await svc.fromRule({ ...base, level: 'orange', basis: 'same level: nothing new', at: '2026-11-29T03:20:00.000Z' });
    const open = (await req('GET', '/api/warnings?status=active', 'town_b')).json().filter((w: { ruleId: string | null }) => w.ruleId === 'r-rain');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ level: 'orange', status: 'issued', origin: 'rule', headline: '龙门镇暴雨橙色（二级）预警', basis: '3小时累计雨量 55.0 mm ≥ 50 mm' });
    await svc.fromRule({ ...base, level: null, basis: '12小时累计雨量 30.0 mm', at: '2026-11-29T09:00:00.000Z' });
    expect((await req('GET', `/api/warnings/${open[0].id}`, 'town_b')).json().status).toBe('lifted');
    const summaries = (await t.db.db.selectFrom('events').select('summary').where('type', 'in', ['warning.issued', 'warning.updated', 'warning.lifted']).orderBy('id').execute()).map((e) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining(['预警升级为橙色（二级）：3小时累计雨量 55.0 mm ≥ 50 mm']));
  });

  it('expires issued warnings past their end time; the public page and feed list what is in force', async () => {
    const w = (await req('POST', '/api/warnings', 'county_duty', body({ headline: '芦山县大风蓝色预警', typeCode: 'gale', level: 'blue' }))).json();
    await req('POST', `/api/warnings/${w.id}/issue`, 'county_commander');
    const page = await t.app.inject({ url: '/public/warnings' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('芦山县大风蓝色预警');
    expect(page.body).toContain('应当采取的措施');
    const atom = await t.app.inject({ url: '/public/warnings.atom' });
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain(`/public/cap/${w.id}.xml`);
    expect((await t.app.inject({ url: '/public/warnings.json' })).json().map((x: { id: string }) => x.id)).toContain(w.id);
    now = new Date('2026-11-29T15:00:00Z'); // past 22:00 Beijing
    expect(await t.services.warnings.expireDue()).toBeGreaterThanOrEqual(1);
    expect((await t.app.inject({ url: '/public/warnings.json' })).json().map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it('imports CAP 1.2 and gives it back field for field; exports our own as CAP and as GB/T 35965.1', async () => {
    const xml = (url: string, payload: string, who = 'county_duty') => t.app.inject({ method: 'POST', url, headers: { ...as[who], 'content-type': 'application/xml' }, payload });
    const res = await xml('/api/cap/import', OWN_ALERT);
    expect(res.statusCode).toBe(201);
    const id = res.json().warningId;
    const w = (await req('GET', `/api/warnings/${id}`, 'county_duty')).json();
    expect(w).toMatchObject({ origin: 'cap_import', status: 'issued', level: 'orange', typeCode: 'rainstorm', headline: '四川省气象台发布暴雨橙色预警', jurisdictionCodes: ['511826'] });
    const back = await t.app.inject({ url: `/api/warnings/${id}/cap.xml`, headers: as.county_duty });
    expect(back.headers['content-type']).toContain('application/cap+xml');
    expect(parseCap(back.body)).toEqual(parseCap(OWN_ALERT));
    expect((await xml('/api/cap/import', OWN_ALERT)).json().error.code).toBe('duplicate_alert');
    const xxe = await xml('/api/cap/import', `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>`);
    expect(xxe.statusCode).toBe(400);
    const notCap = await xml('/api/cap/import', '<rss version="2.0"><channel/></rss>');
    expect(notCap.statusCode).toBe(400);
    expect(notCap.json().error.message).toBeTruthy();

    // Our own warning, issued: CAP 1.2 and the Chinese profile, publicly.
    const own = (await req('POST', '/api/warnings', 'county_duty', body({ headline: '芦山县暴雨橙色预警（导出）' }))).json();
    expect((await t.app.inject({ url: `/public/cap/${own.id}.xml` })).statusCode).toBe(404); // a draft is not public
    await req('POST', `/api/warnings/${own.id}/issue`, 'county_commander');
    const cap = parseCap((await t.app.inject({ url: `/public/cap/${own.id}.xml` })).body);
    expect(cap).toMatchObject({ identifier: own.identifier, status: 'Actual', msgType: 'Alert' });
    expect(cap.infos[0]).toMatchObject({ language: 'zh-CN', severity: 'Severe', headline: '芦山县暴雨橙色预警（导出）' });
    const gbt = parseGbt35965((await t.app.inject({ url: `/public/cap/${own.id}.gbt35965.xml` })).body);
    expect(JSON.stringify(gbt)).toContain('Orange');
    expect(JSON.stringify(gbt)).toContain('11B03');
  });

  it('polls an Atom feed of CAP alerts: new ones come in once, a broken one is skipped and the rest still count', async () => {
    const alert = OWN_ALERT.replace('51000041600000_20261129080000_1', '51000041600000_20261129090000_2').replace('暴雨橙色预警', '暴雨黄色预警').replace('<severity>Severe</severity>', '<severity>Moderate</severity>');
    const server = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      if (req.url === '/feed.atom') {
        res.setHeader('content-type', 'application/atom+xml');
        res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>f</id><title>t</title><updated>2026-11-29T01:00:00Z</updated>
          <entry><id>a</id><title>a</title><updated>2026-11-29T01:00:00Z</updated><link rel="alternate" type="application/cap+xml" href="${base}/a.xml"/></entry>
          <entry><id>b</id><title>b</title><updated>2026-11-29T01:00:00Z</updated><link rel="alternate" type="application/cap+xml" href="${base}/broken.xml"/></entry></feed>`);
      } else if (req.url === '/a.xml') res.end(alert);
      else res.end('<not-cap/>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/feed.atom`;
      const problems: string[] = [];
      expect(await t.services.warnings.pollFeeds([url, 'http://127.0.0.1:1/unreachable'], '511826', (m) => problems.push(m))).toBe(1);
      expect(problems.some((m) => m.includes('broken.xml'))).toBe(true);
      expect(problems.some((m) => m.includes('unreachable'))).toBe(true);
      expect(await t.services.warnings.pollFeeds([url], '511826')).toBe(0);
      const got = (await req('GET', '/api/warnings', 'county_duty')).json().find((w: { identifier: string }) => w.identifier === '51000041600000_20261129090000_2');
      expect(got).toMatchObject({ origin: 'cap_import', level: 'yellow', jurisdictionName: '芦山县' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it.skipIf(!hasCap)('imports every real alert in the shared examples and exports each back with the same fields', async () => {
    for (const f of fs.readdirSync(CAP_DIR)) {
      const text = fs.readFileSync(path.join(CAP_DIR, f), 'utf8');
      const res = await t.app.inject({ method: 'POST', url: '/api/cap/import', headers: { ...as.county_duty, 'content-type': 'application/xml' }, payload: text });
      expect(res.statusCode, `${f}: ${res.body}`).toBe(201);
      const back = await t.app.inject({ url: `/api/warnings/${res.json().warningId}/cap.xml`, headers: as.county_duty });
      expect(parseCap(back.body), f).toEqual(parseCap(text));
    }
  });

  it('gives per-channel texts, suggests the plans a warning calls for, and opens an incident from it', async () => {
    const w = (await req('POST', '/api/warnings', 'county_duty', body({ headline: '芦山县暴雨橙色预警（联动）' }))).json();
    expect([...w.channels.sms].length).toBeLessThanOrEqual(70);
    expect(w.channels.sms).toMatch(/^【芦山县应急办】.*暴雨橙色预警：/);
    expect(w.channels.broadcast).toContain('再播报一遍');
    await req('POST', `/api/warnings/${w.id}/issue`, 'county_commander');

    // A flood plan that a yellow-or-worse rainstorm warning starts.
    const plan = exampleProductionSafetyPlan();
    plan.title = '芦山县防汛应急预案';
    plan.triggers = { ...plan.triggers, categories: ['natural'], typeCodes: ['flood'], minGrade: null, warning: { types: ['暴雨'], minLevel: 'yellow' } };
    const created = (await req('POST', '/api/plans', 'county_duty', { jurisdictionCode: '511826', content: plan })).json();
    await req('POST', `/api/plans/${created.id}/versions`, 'county_duty', { versionLabel: '2026版', issuedOn: '2026-11-01', approver: '县长' });
    const sugg = (await req('GET', `/api/warnings/${w.id}/plan-suggestions`, 'county_commander')).json();
    const flood = sugg.find((x: { planId: string }) => x.planId === created.id);
    expect(flood).toMatchObject({ matches: true, suggestedLevel: { key: 'II' } });
    expect(flood.reasonText).toBe('预警类型=暴雨，预警级别≥黄色（三级）（本预警：橙色（二级）），辖区=芦山县');

    // The warning becomes an incident of type 洪涝 in the county, and the plan is suggested for it too.
    const linked = (await req('POST', `/api/warnings/${w.id}/incident`, 'county_duty', {})).json();
    expect(linked.incidentId).toBeTruthy();
    const inc = (await req('GET', `/api/incidents/${linked.incidentId}`, 'county_duty')).json();
    expect(inc).toMatchObject({ category: 'natural', typeCode: 'flood', title: '芦山县暴雨橙色预警（联动）' });
    const events = (await req('GET', `/api/incidents/${linked.incidentId}/events`, 'county_duty')).json().map((e: { type: string }) => e.type);
    expect(events).toContain('warning.linked');
    expect((await req('GET', `/api/incidents/${linked.incidentId}/plan-suggestions`, 'county_commander')).json().find((x: { planId: string }) => x.planId === created.id).matches).toBe(true);
    expect((await req('POST', `/api/warnings/${w.id}/incident`, 'county_duty', {})).json().error.code).toBe('already_linked');
  });

  it('every warning route refuses anonymous callers', async () => {
    for (const [method, url] of [['GET', '/api/warnings'], ['POST', '/api/warnings'], ['POST', '/api/warnings/x/issue'], ['POST', '/api/warnings/x/ack']] as const)
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
  });
});
