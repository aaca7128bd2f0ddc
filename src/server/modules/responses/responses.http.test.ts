// Plans → activation → command board over HTTP, on each database: who may see, use, activate and sign what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProductionSafetyPlan } from '../../../domain/plans/examples';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../../testing/harness';

type H = Record<string, string>;

describe.each(DIALECTS)('plans and responses over HTTP (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, H> = {};
  let planId = '';
  let townAPlanId = '';
  let townBPlanId = '';
  let incidentId = '';
  let responseId = '';

  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, who: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: as[who], ...(payload === undefined ? {} : { payload: payload as object }) });
  const orgOf = async (code: string) => (await t.db.db.selectFrom('organisations').select(['id', 'name']).where('jurisdiction_code', '=', code).executeTakeFirstOrThrow());
  const userId = async (username: string) => (await t.db.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await testApp(dialect);
    for (const u of ['county_duty', 'county_commander', 'county_viewer', 'town_a', 'town_b', 'mingshan_duty']) as[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('authors a plan as a draft, issues it as an immutable version, and shows a new draft’s differences', async () => {
    const county = await orgOf('511826');
    const townA = await orgOf('511826001');
    const content = exampleProductionSafetyPlan({
      commander: { kind: 'person', userId: await userId('county_commander'), name: '县长' },
      coordination: { kind: 'organisation', organisationId: county.id, name: county.name },
      rescue: { kind: 'organisation', organisationId: townA.id, name: townA.name },
    });
    const created = await req('POST', '/api/plans', 'county_duty', { jurisdictionCode: '511826', organisationId: county.id, content });
    expect(created.statusCode).toBe(201);
    planId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', hasDraft: true, health: 'not_issued', editable: true });

    const issued = await req('POST', `/api/plans/${planId}/versions`, 'county_duty', { versionLabel: '2026版', issuedOn: '2026-11-02', approver: '县长 王某' });
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toMatchObject({ status: 'issued', hasDraft: false, currentVersion: { no: 1, label: '2026版' } });
    expect(issued.json().obligations.map((o: { kind: string }) => o.kind)).toEqual(['filing', 'drill', 'evaluation']);
    expect(issued.json().elements.every((e: { present: boolean }) => e.present)).toBe(true);

    const v = issued.json().version;
    const edited = structuredClone(content);
    edited.levels[0]!.tasks[0]!.offsetMinutes = 20;
    expect((await req('PUT', `/api/plans/${planId}`, 'county_duty', { content: edited, version: v })).statusCode).toBe(200);
    expect((await req('PUT', `/api/plans/${planId}`, 'county_duty', { content: edited, version: v })).json().error.code).toBe('stale_version');
    const diff = await req('GET', `/api/plans/${planId}/diff?from=1&to=draft`, 'county_duty');
    expect(diff.json().changes).toEqual([{ kind: 'changed', path: 'levels[0].tasks[0].offsetMinutes', before: 30, after: 20 }]);
    // The issued version did not change.
    expect((await req('GET', `/api/plans/${planId}`, 'county_duty')).json().current.levels[0].tasks[0].offsetMinutes).toBe(30);
    const yaml = await req('GET', `/api/plans/${planId}/export.yaml?version=1`, 'county_duty');
    expect(yaml.headers['content-type']).toContain('application/yaml');
    expect(yaml.body).toContain('offsetMinutes: 30');
  });

  it('refuses a plan that does not validate, one error per field, and stores nothing', async () => {
    const bad = exampleProductionSafetyPlan();
    bad.levels[0]!.tasks[0]!.roleKey = 'nobody';
    bad.levels[1]!.tasks[1]!.offsetMinutes = -5;
    (bad.triggers as { typeCodes: string[] }).typeCodes = ['earthquake'];
    const before = (await req('GET', '/api/plans', 'county_duty')).json().length;
    const res = await req('POST', '/api/plans', 'county_duty', { jurisdictionCode: '511826', content: bad });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`);
    expect(fields).toEqual(expect.arrayContaining([
      'content.levels.0.tasks.0.roleKey: 责任岗位不存在：nobody',
      'content.levels.1.tasks.1.offsetMinutes: 完成时限不能为负',
      'content.triggers.typeCodes.0: 事件类型 earthquake 不属于所选类别',
    ]));
    expect((await req('GET', '/api/plans', 'county_duty')).json()).toHaveLength(before);
  });

  it('a township uses its own plans and its county’s, never a sibling’s', async () => {
    const mk = async (who: string, code: string, title: string) => {
      const c = { ...exampleProductionSafetyPlan(), title };
      const r = await req('POST', '/api/plans', who, { jurisdictionCode: code, content: c });
      expect(r.statusCode).toBe(201);
      const id = r.json().id as string;
      expect((await req('POST', `/api/plans/${id}/versions`, who, { versionLabel: 'v1', issuedOn: '2026-11-01', approver: '镇长' })).statusCode).toBe(201);
      return id;
    };
    townAPlanId = await mk('town_a', '511826001', '芦阳街道生产安全事故应急预案');
    townBPlanId = await mk('town_b', '511826106', '龙门镇生产安全事故应急预案');
    const titlesA = (await req('GET', '/api/plans', 'town_a')).json().map((p: { title: string }) => p.title);
    expect(titlesA).toEqual(expect.arrayContaining(['芦山县生产安全事故应急预案', '芦阳街道生产安全事故应急预案']));
    expect(titlesA).not.toContain('龙门镇生产安全事故应急预案');
    expect((await req('GET', `/api/plans/${townBPlanId}`, 'town_a')).statusCode).toBe(404);
    expect((await req('GET', `/api/plans/${planId}`, 'town_a')).json().editable).toBe(false);
    expect((await req('PUT', `/api/plans/${planId}`, 'town_a', { content: exampleProductionSafetyPlan(), version: 1 })).statusCode).toBe(403);
    expect((await req('GET', `/api/plans/${planId}`, 'mingshan_duty')).statusCode).toBe(404);
    expect((await req('POST', `/api/plans/${planId}/versions`, 'county_viewer', { versionLabel: 'x', issuedOn: '2026-11-01', approver: 'x' })).statusCode).toBe(403);
    // A plan may not name an organisation its author cannot see.
    const other = await orgOf('511803');
    const c = exampleProductionSafetyPlan({ rescue: { kind: 'organisation', organisationId: other.id, name: other.name } });
    expect((await req('POST', '/api/plans', 'town_a', { jurisdictionCode: '511826001', content: c })).statusCode).toBe(400);
  });

  it('suggests the plans an incident calls for, with the reason in words', async () => {
    const inc = await req('POST', '/api/incidents', 'town_a', incidentBody({ jurisdictionCode: '511826001001', impact: { deaths: 12 } }));
    expect(inc.json().grade).toBe('II');
    incidentId = inc.json().id;
    const s = await req('GET', `/api/incidents/${incidentId}/plan-suggestions`, 'county_commander');
    expect(s.statusCode).toBe(200);
    const byId = new Map(s.json().map((x: { planId: string }) => [x.planId, x]));
    expect(byId.get(planId)).toMatchObject({ matches: true, suggestedLevel: { key: 'II', name: 'Ⅱ级响应' }, reasonText: '类别=事故灾难，类型=工矿商贸生产安全事故，等级≥一般（本事件：重大），辖区=芦山县' });
    expect(byId.has(townAPlanId)).toBe(true);
    expect(byId.has(townBPlanId)).toBe(false);
    expect((await req('GET', `/api/incidents/${incidentId}/plan-suggestions`, 'town_b')).statusCode).toBe(404);
  });

  it('only a commander activates; activation creates roles, tasks, notifications and timeline entries', async () => {
    expect((await req('POST', `/api/incidents/${incidentId}/responses`, 'county_duty', { planId, level: 'II' })).statusCode).toBe(403);
    expect((await req('POST', `/api/incidents/${incidentId}/responses`, 'county_commander', { planId: townBPlanId, level: 'II' })).statusCode).toBe(404);
    expect((await req('POST', `/api/incidents/${incidentId}/responses`, 'county_commander', { planId, level: 'V' })).json().error.fields).toEqual([{ path: 'level', message: '预案中没有该响应级别：V' }]);
    const res = await req('POST', `/api/incidents/${incidentId}/responses`, 'county_commander', { planId, level: 'II', expectedDurationHours: 48, measures: '封闭矿区道路' });
    expect(res.statusCode).toBe(201);
    responseId = res.json().id;
    expect(res.json()).toMatchObject({ levelName: 'Ⅱ级响应', status: 'active', taskCounts: { pending: 7, done: 0 } });
    expect((await req('POST', `/api/incidents/${incidentId}/responses`, 'county_commander', { planId, level: 'I' })).json().error.code).toBe('already_active');
    const events = (await req('GET', `/api/incidents/${incidentId}/events`, 'town_a')).json().map((e: { type: string; summary: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['response.activated', 'incident.status']));
    expect((await req('GET', `/api/incidents/${incidentId}`, 'town_a')).json().status).toBe('responding');
    const notes = (await req('GET', '/api/notifications', 'town_a')).json();
    expect(notes[0].text).toContain('Ⅱ级响应已启动');
    expect((await req('GET', '/api/notifications', 'town_b')).json()).toEqual([]);
  });

  it('the assignee signs and reports; others are refused; the board counts it', async () => {
    const tasks = (await req('GET', `/api/responses/${responseId}/tasks`, 'county_commander')).json();
    const search = tasks.find((x: { title: string }) => x.title === '组织搜救被困人员');
    expect(search.assignee.name).toBe('芦阳街道应急办');
    expect((await req('GET', `/api/responses/${responseId}/tasks`, 'town_b')).statusCode).toBe(404);
    expect((await req('POST', `/api/tasks/${search.id}/sign`, 'town_b')).statusCode).toBe(404);
    const refused = await req('POST', `/api/tasks/${search.id}/sign`, 'county_duty');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('芦阳街道应急办');
    expect((await req('POST', `/api/tasks/${search.id}/sign`, 'town_a')).json()).toMatchObject({ status: 'signed', signedBy: 'town_a', mine: true });
    expect((await req('POST', `/api/tasks/${search.id}/sign`, 'town_a')).json().error.code).toBe('already_signed');
    const photo = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    const done = await req('POST', `/api/tasks/${search.id}/progress`, 'town_a', { text: '已救出 3 人', status: 'done', attachments: [{ filename: '现场.png', contentBase64: photo }] });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', progress: [{ text: '已救出 3 人', status: 'done', attachments: [{ filename: '现场.png', size: 8 }] }] });
    const file = await req('GET', `/api/attachments/${done.json().progress[0].attachments[0].id}`, 'county_viewer');
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe(true);
    expect((await req('GET', `/api/attachments/${done.json().progress[0].attachments[0].id}`, 'town_b')).statusCode).toBe(404);
    expect((await req('POST', `/api/tasks/${search.id}/progress`, 'town_a', { text: 'x', attachments: [{ filename: 'a.exe', contentBase64: photo }] })).json().error.fields[0].path).toBe('attachments[0].filename');
    expect((await req('GET', '/api/tasks/mine', 'town_a')).json().some((x: { id: string }) => x.id === search.id)).toBe(false); // done
    const board = (await req('GET', '/api/responses?status=active', 'county_commander')).json();
    expect(board.find((r: { id: string }) => r.id === responseId).taskCounts).toMatchObject({ done: 1, pending: 6 });
  });

  it('raising adds the new level’s tasks and keeps what is done; lifting records the conditions met', async () => {
    const up = await req('PATCH', `/api/responses/${responseId}`, 'county_commander', { action: 'change_level', level: 'I', note: '被困人数增加' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ levelName: 'Ⅰ级响应', taskCounts: { done: 1, pending: 6 } }); // Ⅰ has no template Ⅱ lacked
    const down = await req('PATCH', `/api/responses/${responseId}`, 'county_commander', { action: 'change_level', level: 'IV' });
    expect(down.json().taskCounts).toMatchObject({ done: 1, pending: 6 });
    const missing = await req('PATCH', `/api/responses/${responseId}`, 'county_commander', { action: 'lift', conditionsMet: ['被困人员全部救出或确认无生还可能'] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('conditionsMet');
    const conditions = up.json().liftConditions as string[];
    const lifted = await req('PATCH', `/api/responses/${responseId}`, 'county_commander', { action: 'lift', conditionsMet: conditions });
    expect(lifted.json()).toMatchObject({ status: 'lifted', conditionsMet: conditions });
    const events = (await req('GET', `/api/incidents/${incidentId}/events`, 'county_viewer')).json().map((e: { type: string }) => e.type);
    expect(events.filter((e: string) => e.startsWith('response.'))).toEqual(['response.activated', 'response.level_changed', 'response.level_changed', 'response.lifted']);
    const open = (await req('GET', `/api/responses/${responseId}/tasks`, 'county_commander')).json().find((x: { status: string }) => x.status === 'pending');
    expect((await req('POST', `/api/tasks/${open.id}/sign`, 'county_commander')).json().error.code).toBe('lifted');
  });

  it('gap check names unfilled roles and organisations without a contact', async () => {
    const gaps = (await req('GET', `/api/plans/${planId}/gaps?level=II`, 'county_duty')).json().map((g: { message: string }) => g.message);
    expect(gaps).toContain('岗位“医疗救护组”无人担任');
    expect(gaps).toContain('单位“芦阳街道应急办”（抢险救援组）没有联系电话');
    expect((await req('GET', `/api/plans/${planId}/gaps?level=ZZ`, 'county_duty')).statusCode).toBe(404);
  });

  it('every plan and response route rejects anonymous callers', async () => {
    for (const [method, url] of [['GET', '/api/plans'], ['POST', '/api/plans'], ['GET', `/api/plans/${planId}`], ['POST', '/api/plans/import'], ['GET', `/api/incidents/${incidentId}/plan-suggestions`],
      ['POST', `/api/incidents/${incidentId}/responses`], ['GET', '/api/responses'], ['PATCH', `/api/responses/${responseId}`], ['GET', '/api/tasks/mine'], ['POST', '/api/tasks/x/sign']] as const)
      expect((await t.app.inject({ method, url })).statusCode, `${method} ${url}`).toBe(401);
  });
});

describe.each(DIALECTS)('overdue tasks (%s)', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-29T02:00:00Z');
  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
  });
  afterAll(() => t.close());

  it('the scheduled check puts each overdue task on the timeline once and notifies its assignees', async () => {
    const duty = await t.login('county_duty');
    const commander = await t.login('county_commander');
    const townA = await t.db.db.selectFrom('organisations').select(['id', 'name']).where('jurisdiction_code', '=', '511826001').executeTakeFirstOrThrow();
    const plan = (await t.app.inject({ method: 'POST', url: '/api/plans', headers: duty, payload: { jurisdictionCode: '511826', content: exampleProductionSafetyPlan({ rescue: { kind: 'organisation', organisationId: townA.id, name: townA.name } }) } })).json();
    await t.app.inject({ method: 'POST', url: `/api/plans/${plan.id}/versions`, headers: duty, payload: { versionLabel: 'v1', issuedOn: '2026-11-01', approver: '县长' } });
    const inc = (await t.app.inject({ method: 'POST', url: '/api/incidents', headers: duty, payload: incidentBody({ jurisdictionCode: '511826001', occurredAt: '2026-11-29T01:50:00Z' }) })).json();
    const r = (await t.app.inject({ method: 'POST', url: `/api/incidents/${inc.id}/responses`, headers: commander, payload: { planId: plan.id, level: 'IV' } })).json();
    expect(r.taskCounts.overdue).toBe(0);

    now = new Date('2026-11-29T02:45:00Z'); // the 30-minute tasks are late, the 60-minute ones not yet
    expect(await t.services.responses.checkOverdueTasks()).toBe(2);
    expect(await t.services.responses.checkOverdueTasks()).toBe(0); // once only
    const events = (await t.app.inject({ url: `/api/incidents/${inc.id}/events`, headers: duty })).json().filter((e: { type: string }) => e.type === 'task.overdue');
    expect(events.map((e: { summary: string }) => e.summary).sort()).toEqual([
      '任务“核实事故基本情况并续报”已逾期（应于 2026-11-29 10:30 前完成，负责：未指定负责人）',
      '任务“设置现场警戒区，实施交通管制”已逾期（应于 2026-11-29 10:30 前完成，负责：未指定负责人）',
    ]);
    now = new Date('2026-11-29T03:30:00Z');
    expect(await t.services.responses.checkOverdueTasks()).toBe(2);
    const notes = (await t.app.inject({ url: '/api/notifications', headers: await t.login('town_a') })).json().map((n: { text: string }) => n.text);
    expect(notes).toContain('任务“组织搜救被困人员”已逾期（应于 2026-11-29 11:00 前完成，负责：芦阳街道应急办）');
    expect((await t.app.inject({ url: `/api/responses/${r.id}`, headers: duty })).json().taskCounts.overdue).toBe(4);
  });
});
