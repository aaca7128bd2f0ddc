// Import over HTTP (JSON and multipart; documents, YAML with line numbers, files that are not plans),
// drills and health, and the situation report read back from the generated Word file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProductionSafetyPlan } from '../../../domain/plans/examples';
import { COUNTY_FIRE_PLAN } from '../../../domain/plans/document/samples';
import { planToYaml } from './plan-yaml';
import { incidentBody, multipartFile, testApp, type TestApp } from '../../testing/harness';

const SHENZHEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/datasets/plans/shenzhen_flood_waterlogging_plan.md');
const hasShared = fs.existsSync(SHENZHEN);
if (!hasShared) console.warn('[plans.http] ../shared/datasets not found: the Shenzhen import case is skipped (own fixtures still run)');

const multipart = multipartFile;

describe('plan import, health and situation reports over HTTP', () => {
  let t: TestApp;
  let duty: Record<string, string>;
  beforeAll(async () => {
    t = await testApp('sqlite', { clock: () => new Date('2026-11-29T02:00:00Z') });
    duty = await t.login('county_duty');
  });
  afterAll(() => t.close());

  const importJson = (filename: string, content: string) => t.app.inject({ method: 'POST', url: '/api/plans/import', headers: duty, payload: { filename, content } });

  it('turns a plain-text plan into a draft with its levels, and the draft saves as a plan', async () => {
    const res = await importJson('县森林火灾应急预案.txt', COUNTY_FIRE_PLAN);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.structured).toBe(false);
    expect(body.levels.length).toBeGreaterThan(1);
    expect(body.levels[0]).toEqual(expect.objectContaining({ name: expect.any(String), conditions: expect.any(Array), actions: expect.any(Array) }));
    const saved = await t.app.inject({ method: 'POST', url: '/api/plans', headers: duty, payload: { jurisdictionCode: '511826', content: body.draft } });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().draft.levels.length).toBe(body.levels.length);
  });

  it.skipIf(!hasShared)('finds the Shenzhen plan’s five levels from a multipart upload', async () => {
    const m = multipart('深圳市防汛预案.md', fs.readFileSync(SHENZHEN));
    const res = await t.app.inject({ method: 'POST', url: '/api/plans/import', headers: { ...duty, 'content-type': m.type }, payload: m.body });
    expect(res.statusCode).toBe(200);
    const names = res.json().levels.map((l: { name: string }) => l.name).join(' ');
    for (const n of ['关注级', 'Ⅳ级', 'Ⅲ级', 'Ⅱ级', 'Ⅰ级']) expect(names).toContain(n);
    expect(res.json().levels.every((l: { conditions: string[] }) => l.conditions.length > 0)).toBe(true);
  });

  it('validates a YAML plan and names the line of each error', async () => {
    const good = planToYaml(exampleProductionSafetyPlan());
    const ok = await importJson('plan.yaml', good);
    expect(ok.json()).toMatchObject({ structured: true, title: '芦山县生产安全事故应急预案' });
    const bad = good.replace('roleKey: rescue', 'roleKey: nobody').replace(/offsetMinutes: 60/, 'offsetMinutes: -1');
    const res = await importJson('plan.yaml', bad);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { path: string; message: string }[];
    const line = (needle: string) => bad.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(fields).toContainEqual({ path: `levels[0].tasks[2].roleKey（第 ${line('roleKey: nobody')} 行）`, message: '责任岗位不存在：nobody' });
    expect(fields.some((f) => f.path.includes(`（第 ${line('offsetMinutes: -1')} 行）`) && f.message === '完成时限不能为负')).toBe(true);
    const broken = await importJson('plan.yaml', 'title: [unclosed\n');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields[0].path).toMatch(/^第 \d+ 行$/);
  });

  it('refuses files that are not plans with a clear message and changes nothing', async () => {
    const before = (await t.app.inject({ url: '/api/plans', headers: duty })).json().length;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const m = multipart('照片.png', png);
    const image = await t.app.inject({ method: 'POST', url: '/api/plans/import', headers: { ...duty, 'content-type': m.type }, payload: m.body });
    expect(image.statusCode).toBe(400);
    expect(image.json().error.fields[0].path).toBe('file');
    const garbled = await t.app.inject({ method: 'POST', url: '/api/plans/import', headers: { ...duty, 'content-type': 'multipart/form-data; boundary=abc' }, payload: m.body });
    expect(garbled.statusCode).toBe(400);
    expect((await importJson('空.txt', '')).statusCode).toBe(400);
    const brokenDocx = await importJson('坏.docx', Buffer.from('PK\u0003\u0004garbage').toString('base64'));
    expect(brokenDocx.statusCode).toBe(400);
    const big = multipart('大.txt', Buffer.alloc(11 * 1024 * 1024, 0x41));
    const tooBig = await t.app.inject({ method: 'POST', url: '/api/plans/import', headers: { ...duty, 'content-type': big.type }, payload: big.body });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('10 MB');
    expect((await t.app.inject({ url: '/api/plans', headers: duty })).json()).toHaveLength(before);
  });

  it('records drills and filing; overdue obligations show on the plan health list', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/plans', headers: duty, payload: { jurisdictionCode: '511826', content: { ...exampleProductionSafetyPlan(), ownerType: 'township' } } })).json();
    await t.app.inject({ method: 'POST', url: `/api/plans/${created.id}/versions`, headers: duty, payload: { versionLabel: '2023版', issuedOn: '2023-06-01', approver: '镇长' } });
    let plan = (await t.app.inject({ url: `/api/plans/${created.id}`, headers: duty })).json();
    expect(plan.health).toBe('overdue');
    expect(plan.obligations.map((o: { kind: string; status: string }) => `${o.kind}:${o.status}`)).toEqual(['filing:overdue', 'drill:overdue']);
    expect((await t.app.inject({ url: '/api/plans?health=overdue', headers: duty })).json().map((p: { id: string }) => p.id)).toContain(created.id);
    // A county may set its own cycle (the national ones are defaults): every 4 years here.
    const admin = await t.login('county_admin');
    const set = await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: admin, payload: { plans: { drillMonths: { township: { specific: 48 } } } } });
    expect(set.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/plans/${created.id}`, headers: duty })).json().obligations.find((o: { kind: string }) => o.kind === 'drill')).toMatchObject({ dueOn: '2027-06-01', status: 'ok' });
    expect((await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: admin, payload: { plans: { holidays: ['2026-13-01'] } } })).json().error.fields[0].path).toBe('plans.holidays.0');
    await t.app.inject({ method: 'PUT', url: '/api/rules/511826', headers: admin, payload: {} });
    const future = await t.app.inject({ method: 'POST', url: `/api/plans/${created.id}/records`, headers: duty, payload: { kind: 'drill', on: '2027-01-01' } });
    expect(future.json().error.fields[0].path).toBe('on');
    await t.app.inject({ method: 'POST', url: `/api/plans/${created.id}/records`, headers: duty, payload: { kind: 'filing', on: '2023-06-20' } });
    plan = (await t.app.inject({ method: 'POST', url: `/api/plans/${created.id}/records`, headers: duty, payload: { kind: 'drill', on: '2026-10-10', note: '桌面推演' } })).json();
    expect(plan.obligations.map((o: { kind: string; status: string }) => `${o.kind}:${o.status}`)).toEqual(['filing:done', 'drill:ok']);
    expect(plan.health).toBe('ok');
  });

  it('compiles a 续报 as a Word document whose text carries the incident’s facts', async () => {
    const inc = (await t.app.inject({ method: 'POST', url: '/api/incidents', headers: duty, payload: incidentBody({ title: '龙门镇采石场坍塌事故', occurredAt: '2026-11-29T01:00:00Z', impact: { deaths: 3, missing: null } }) })).json();
    const res = await t.app.inject({ url: `/api/incidents/${inc.id}/sitrep.docx?kind=follow_up&sequence=2&recipient=雅安市应急管理局`, headers: duty });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    expect(text).toContain('关于龙门镇采石场坍塌事故的续报（第2次）');
    expect(text).toContain('雅安市应急管理局：');
    expect(text).toContain('较大（Ⅲ级）');
    expect(text).toMatch(/下落不明[^。\n]*不详/);
    expect(text).toContain('2026年11月29日');
    expect((await t.app.inject({ url: `/api/incidents/${inc.id}/sitrep.docx`, headers: await t.login('mingshan_duty') })).statusCode).toBe(404);
    // PDF: a real PDF where a CJK font is installed, else a clear 409 that says which package to install.
    const pdf = await t.app.inject({ url: `/api/incidents/${inc.id}/sitrep.pdf`, headers: duty });
    if (pdf.statusCode === 200) expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    else expect(pdf.json().error).toMatchObject({ code: 'pdf_font_missing', message: expect.stringContaining('fonts-noto-cjk') });
  });
});
