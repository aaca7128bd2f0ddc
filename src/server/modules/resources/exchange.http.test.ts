// Excel in and out over HTTP: a template filled in and imported, every bad cell reported with nothing imported,
// only the valid rows when asked, stock rows on the ledger, and exports that read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, multipartFile, testApp, type TestApp } from '../../testing/harness';
import { SHEETS } from './sheets';
import { fillTemplate } from './xlsx.fixtures';
import { parseSheet } from './xlsx';

function multipart(bytes: Buffer) {
  const m = multipartFile('data.xlsx', bytes);
  return { payload: m.body, type: m.type };
}

describe.each(DIALECTS)('resources in and out of Excel (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  const template = async (kind: string) => (await t.app.inject({ url: `/api/import/${kind}/template.xlsx`, headers: as.county_duty })).rawPayload;
  const upload = (kind: string, bytes: Buffer, query = '', who = 'county_duty') => {
    const m = multipart(bytes);
    return t.app.inject({ method: 'POST', url: `/api/import/${kind}${query}`, headers: { ...as[who], 'content-type': m.type }, payload: m.payload });
  };

  beforeAll(async () => {
    t = await testApp(dialect);
    for (const u of ['county_duty', 'town_b', 'county_viewer']) as[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('imports a filled-in template, or nothing while any cell is wrong', async () => {
    const res = await t.app.inject({ url: '/api/import/teams/template.xlsx', headers: as.county_duty });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = [
      ['芦阳街道应急分队', '综合性', 30, '巡查、转移', '', '待命', '511826001', 30.15, 102.93, '张三', '13800000000'],
      ['龙门镇应急分队', 'professional', 'twenty', '', '', '', '511826106', null, null, '', ''],
      ['名山区队伍', '综合性', 10, '', '', '', '511803', null, null, '', ''],
    ];
    const bad = await upload('teams', fillTemplate(await template('teams'), rows));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_rows');
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['C3', 'G4']);
    expect(bad.json().error.fields[1].message).toContain('“511803”不存在或不在管辖范围内');
    expect((await t.app.inject({ url: '/api/teams', headers: as.county_duty })).json()).toEqual([]);

    const some = await upload('teams', fillTemplate(await template('teams'), rows), '?onlyValid=true');
    expect(some.json()).toMatchObject({ imported: 1, invalidRows: [3, 4], rowCount: 3 });
    const teams = (await t.app.inject({ url: '/api/teams', headers: as.county_duty })).json();
    expect(teams).toMatchObject([{ name: '芦阳街道应急分队', kind: 'comprehensive', skills: ['巡查', '转移'], location: { lat: 30.15, lon: 102.93 } }]);
    expect((await upload('teams', fillTemplate(await template('teams'), rows), '', 'county_viewer')).statusCode).toBe(403);
  });

  it('puts imported stock on the ledger and exports what is there', async () => {
    expect((await upload('items', fillTemplate(await template('items'), [['ZP-9', '救灾帐篷', '生活救助（帐篷、被褥、食品、饮用水）', '顶', '']]))).json().imported).toBe(1);
    expect((await upload('depots', fillTemplate(await template('depots'), [['县储备库', '', '511826', null, null, '', '']]))).json().imported).toBe(1);
    const stock = [['县储备库', 'ZP-9', 'A', '2027-06-30', 40], ['县储备库', 'ZP-9', 'A', null, 10], ['不存在的库', 'ZP-9', '', null, 1], ['县储备库', 'NOPE', '', null, 1]];
    const bad = await upload('stock', fillTemplate(await template('stock'), stock));
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['A4', 'B5']);
    expect((await upload('stock', fillTemplate(await template('stock'), stock.slice(0, 2)))).json().imported).toBe(2);
    const lines = (await t.app.inject({ url: '/api/stock', headers: as.county_duty })).json();
    expect(lines).toMatchObject([{ depotName: '县储备库', itemName: '救灾帐篷', batch: 'A', quantity: 50, expiresOn: '2027-06-30' }]);
    expect((await t.app.inject({ url: '/api/stock/movements', headers: as.county_duty })).json().map((m: { kindLabel: string; reason: string }) => m.kindLabel + m.reason)).toEqual(['入库库存导入', '入库库存导入']);

    const exported = await t.app.inject({ url: '/api/export/stock.xlsx', headers: as.county_duty });
    expect(exported.statusCode).toBe(200);
    const back = await parseSheet(exported.rawPayload, SHEETS.stock.columns);
    expect(back.rows.map((r) => r.values)).toEqual([{ depot: '县储备库', itemCode: 'ZP-9', batch: 'A', expiresOn: '2027-06-30', quantity: 50 }]);
    expect((await t.app.inject({ url: '/api/export/stock.xlsx', headers: as.town_b })).statusCode).toBe(200);
    expect((await parseSheet((await t.app.inject({ url: '/api/export/teams.xlsx', headers: as.town_b })).rawPayload, SHEETS.teams.columns).catch((e: Error) => e.message))).toMatch(/没有数据|no data|数据/);
    expect((await t.app.inject({ url: '/api/export/nope.xlsx', headers: as.county_duty })).statusCode).toBe(400);
    expect((await upload('stock', Buffer.from('not a spreadsheet'))).json().error.fields[0].path).toBe('file');
  });

  it('tells the importing user how far it is, on the live stream', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`PG-${i}`, `进度物资${i}`, '生活救助（帐篷、被褥、食品、饮用水）', '件', '']);
    const seen: { name: string; userIds?: string[]; payload: unknown }[] = [];
    const off = t.bus.subscribe((m) => m.name === 'progress' && seen.push(m));
    const res = await upload('items', fillTemplate(await template('items'), rows), '?progressId=import-0001');
    off();
    expect(res.json().imported).toBe(3000);
    const events = seen.map((m) => m.payload as { id: string; phase: string; percent: number });
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(['import-0001']));
    // Every phase in order, never backwards, ending at 100; only the importing user is told.
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['read', 'check', 'write']);
    expect(events.map((e) => e.percent)).toEqual([...events.map((e) => e.percent)].sort((a, b) => a - b));
    expect(events.at(-1)!.percent).toBe(100);
    expect(new Set(seen.map((m) => JSON.stringify(m.userIds)))).toEqual(new Set([JSON.stringify([(await t.app.inject({ url: '/api/auth/me', headers: as.county_duty })).json().user.id])]));
    expect((await upload('items', fillTemplate(await template('items'), rows.slice(0, 1)), '?progressId=bad id')).statusCode).toBe(400);
  });

  it('imports 50 000 stock rows onto the ledger in one go, telling its progress', async () => {
    await upload('items', fillTemplate(await template('items'), Array.from({ length: 100 }, (_, i) => [`BIG-${i}`, `大批物资${i}`, '生活救助（帐篷、被褥、食品、饮用水）', '件', ''])));
    await upload('depots', fillTemplate(await template('depots'), Array.from({ length: 20 }, (_, i) => [`大库${i}`, '', '511826', null, null, '', ''])));
    // 50 000 rows onto 2 500 lines (depot × item × batch follow i mod 2 500), 20 rows each; even lines carry a date.
    const rows = Array.from({ length: 50_000 }, (_, i) => [`大库${i % 20}`, `BIG-${i % 100}`, `P${i % 1250}`, i % 2 ? null : '2027-06-30', 1 + (i % 7)]);
    const percents: number[] = [];
    const off = t.bus.subscribe((m) => m.name === 'progress' && percents.push((m.payload as { percent: number }).percent));
    const res = await upload('stock', fillTemplate(await template('stock'), rows), '?progressId=import-big-1');
    off();
    expect(res.json()).toMatchObject({ imported: 50_000, rowCount: 50_000, invalidRows: [] });
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    const big = await t.db.db.selectFrom('stock as s').innerJoin('depots as d', 'd.id', 's.depot_id').select(['s.quantity', 's.expires_on']).where('d.name', 'like', '大库%').execute();
    expect(big).toHaveLength(2500);
    expect(big.reduce((sum, l) => sum + Number(l.quantity), 0)).toBe(rows.reduce((sum, r) => sum + (r[4] as number), 0));
    expect(big.filter((l) => l.expires_on === '2027-06-30')).toHaveLength(1250);
    expect(Number((await t.db.db.selectFrom('stock_movements').select((eb) => eb.fn.countAll().as('n')).where('reason', '=', '库存导入').executeTakeFirstOrThrow()).n)).toBeGreaterThanOrEqual(50_000);
  }, 120_000);

  it('finds the nearest resources in the caller’s area', async () => {
    await t.app.inject({ method: 'POST', url: '/api/shelters', headers: as.county_duty, payload: { name: '芦山中学', kind: 'indoor', capacity: 800, jurisdictionCode: '511826', location: { lat: 30.1, lon: 102.9 } } });
    await t.app.inject({ method: 'POST', url: '/api/shelters', headers: as.county_duty, payload: { name: '龙门广场', kind: 'emergency', capacity: 300, jurisdictionCode: '511826106', location: { lat: 30.3, lon: 103.0 } } });
    const near = (who: string, q: string) => t.app.inject({ url: `/api/resources/nearest?lat=30.11&lon=102.91&${q}`, headers: as[who] });
    const all = (await near('county_duty', 'kind=shelter&limit=5')).json();
    expect(all.map((h: { name: string }) => h.name)).toEqual(['芦山中学', '龙门广场']);
    expect(all[0].km).toBeGreaterThan(all[0].straightKm);
    expect((await near('town_b', 'kind=shelter')).json().map((h: { name: string }) => h.name)).toEqual(['龙门广场']);
    expect((await near('county_duty', 'lat=200')).statusCode).toBe(400);
  });
});
