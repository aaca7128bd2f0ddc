import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, multipartFile, testApp, type TestApp } from '../../testing/harness';
import { divisionCode, importBoundaries } from './boundaries';

// A square of `half` degrees around a point, with extra points on its edges (so simplifying has work to do).
const square = (lon: number, lat: number, half: number) => {
  const ring: [number, number][] = [];
  const corners: [number, number][] = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]];
  corners.forEach((c, i) => {
    const d = corners[(i + 1) % 4]!;
    for (let k = 0; k < 10; k++) ring.push([c[0] + ((d[0] - c[0]) * k) / 10 + 1e-9 * k, c[1] + ((d[1] - c[1]) * k) / 10]);
  });
  ring.push(ring[0]!);
  return ring;
};
const feature = (properties: Record<string, unknown> | null, geometry: unknown) => ({ type: 'Feature', properties, geometry });

/** 芦山县 with a hole cut out (a lake, say), its two townships in two code styles, a code elsewhere, a feature without one. */
const FILE = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    feature({ code: '511826000000', name: '芦山县' }, { type: 'MultiPolygon', coordinates: [[square(102.95, 30.2, 0.2), square(102.95, 30.2, 0.02)]] }),
    feature({ code: '511826001000', name: '芦阳街道' }, { type: 'Polygon', coordinates: [square(102.93, 30.15, 0.03)] }),
    feature({ adcode: 511826106, name: '龙门镇' }, { type: 'Polygon', coordinates: [square(103.0, 30.25, 0.05)] }),
    feature({ code: '511827001000', name: '别县某镇' }, { type: 'Polygon', coordinates: [square(103.5, 30.5, 0.05)] }),
    feature({ name: '无代码' }, { type: 'Polygon', coordinates: [square(103.6, 30.6, 0.05)] }),
  ],
});

describe('division codes as the files write them', () => {
  it('reads 6, 9 and 12 digits, numbers and strings, and refuses the rest', () => {
    expect(divisionCode('511826000000')).toBe('511826');
    expect(divisionCode('511826001000')).toBe('511826001');
    expect(divisionCode('511826001001')).toBe('511826001001');
    expect(divisionCode(511826)).toBe('511826');
    expect(divisionCode(' 511826106 ')).toBe('511826106');
    expect(divisionCode('5118')).toBeNull();
    expect(divisionCode(5118.26)).toBeNull();
    expect(divisionCode(null)).toBeNull();
  });
});

describe.each(DIALECTS)('jurisdiction boundaries (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(() => t.close());

  const point = (code: string) => t.db.db.selectFrom('jurisdictions').select(['lat', 'lon']).where('code', '=', code).executeTakeFirstOrThrow();
  const stored = async () => (await t.db.db.selectFrom('jurisdiction_boundaries').select('code').orderBy('code').execute()).map((r) => r.code);

  it('refuses projected coordinates, broken files and non-collections, and changes nothing', async () => {
    const before = await point('511826001');
    const projected = JSON.stringify({ type: 'FeatureCollection', features: [feature({ code: '511826001' }, { type: 'Polygon', coordinates: [[[35412345.1, 3337000.2], [35413345.1, 3337000.2], [35413345.1, 3338000.2], [35412345.1, 3337000.2]]] })] });
    await expect(importBoundaries(t.db.db, projected)).rejects.toMatchObject({ fields: [{ path: 'features.0.geometry', message: expect.stringContaining('投影坐标') }] });
    await expect(importBoundaries(t.db.db, '{"type":"Feature"')).rejects.toMatchObject({ fields: [{ path: 'file', message: expect.stringContaining('JSON') }] });
    await expect(importBoundaries(t.db.db, '{"type":"Feature","features":[]}')).rejects.toMatchObject({ fields: [{ path: 'file', message: expect.stringContaining('FeatureCollection') }] });
    expect(await point('511826001')).toEqual(before);
    expect(await stored()).toEqual([]);
  });

  it('matches features to the tree by code, puts each label point inside its area and keeps a simplified outline', async () => {
    const r = await importBoundaries(t.db.db, FILE);
    expect(r).toEqual({ matched: 3, unknown: ['511827001'], withoutCode: [4], outOfScope: [] });
    expect(await stored()).toEqual(['511826', '511826001', '511826106']);

    const town = await point('511826106');
    expect(Math.abs(town.lon! - 103.0)).toBeLessThan(0.05);
    expect(Math.abs(town.lat! - 30.25)).toBeLessThan(0.05);
    // The county's label is inside its ring, not in the hole at the centre.
    const county = await point('511826');
    const inHole = Math.abs(county.lon! - 102.95) < 0.02 && Math.abs(county.lat! - 30.2) < 0.02;
    expect(inHole).toBe(false);

    const g = JSON.parse((await t.db.db.selectFrom('jurisdiction_boundaries').select('geometry').where('code', '=', '511826001').executeTakeFirstOrThrow()).geometry);
    expect(g.type).toBe('Polygon');
    expect(g.coordinates[0].length).toBe(5); // 41 points on a square's edges → its 4 corners, closed
    for (const [x, y] of g.coordinates[0]) expect([x, y].every((v: number) => Math.round(v * 1e5) / 1e5 === v)).toBe(true);

    // A place given in two rows (an enclave) keeps both parts, labelled in the larger.
    const split = JSON.stringify({ type: 'FeatureCollection', features: [
      feature({ code: '511826106000' }, { type: 'Polygon', coordinates: [square(103.0, 30.25, 0.05)] }),
      feature({ code: '511826106000' }, { type: 'Polygon', coordinates: [square(103.2, 30.25, 0.01)] }),
    ] });
    expect((await importBoundaries(t.db.db, split)).matched).toBe(1);
    const parts = JSON.parse((await t.db.db.selectFrom('jurisdiction_boundaries').select('geometry').where('code', '=', '511826106').executeTakeFirstOrThrow()).geometry);
    expect([parts.type, parts.coordinates.length]).toEqual(['MultiPolygon', 2]);
    expect(Math.abs((await point('511826106')).lon! - 103.0)).toBeLessThan(0.05);

    // Importing again replaces, it does not add.
    expect((await importBoundaries(t.db.db, FILE)).matched).toBe(3);
    expect(await stored()).toEqual(['511826', '511826001', '511826106']);
  });

  it('serves a jurisdiction and its children within the caller scope, and nothing outside it', async () => {
    const county = await t.login('county_duty');
    const res = await t.app.inject({ method: 'GET', url: '/api/jurisdictions/boundaries', headers: county });
    expect(res.statusCode).toBe(200);
    const fc = res.json() as { type: string; features: { properties: { code: string; own: boolean; level: string }; geometry: { type: string } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => [f.properties.code, f.properties.own])).toEqual([['511826', true], ['511826001', false], ['511826106', false]]);
    expect(fc.features[0]!.geometry.type).toBe('MultiPolygon');

    const townA = await t.login('town_a');
    const own = (await t.app.inject({ method: 'GET', url: '/api/jurisdictions/boundaries', headers: townA })).json() as typeof fc;
    expect(own.features.map((f) => f.properties.code)).toEqual(['511826001']);
    expect((await t.app.inject({ method: 'GET', url: '/api/jurisdictions/boundaries?code=511826', headers: townA })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/jurisdictions/boundaries?code=511826106', headers: townA })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/jurisdictions/boundaries?code=abc', headers: county })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/jurisdictions/boundaries' })).statusCode).toBe(401);
  });

  it('takes an admin upload for their own subtree only, with the import on their timeline', async () => {
    const upload = (headers: Record<string, string>, text: string) => {
      const m = multipartFile('边界.geojson', Buffer.from(text));
      return t.app.inject({ method: 'POST', url: '/api/jurisdictions/boundaries', headers: { ...headers, 'content-type': m.type }, payload: m.body });
    };
    const duty = await t.login('town_a');
    expect((await upload(duty, FILE)).statusCode).toBe(403); // a duty officer does not manage the map
    await t.db.db.deleteFrom('jurisdiction_boundaries').execute();

    // A township admin: their township changes; the county and the other township are out of scope.
    await t.db.db.updateTable('users').set({ roles: JSON.stringify(['admin']) }).where('username', '=', 'town_a').execute();
    const townAdmin = await t.login('town_a');
    const res = await upload(townAdmin, FILE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ matched: 1, unknown: ['511827001'], outOfScope: ['511826', '511826106'], withoutCode: [4] });
    expect(await stored()).toEqual(['511826001']);
    const events = await t.db.db.selectFrom('events').select(['type', 'summary', 'jurisdiction_code']).where('type', '=', 'jurisdiction.boundaries_imported').execute();
    expect(events).toEqual([{ type: 'jurisdiction.boundaries_imported', summary: 'town_a 导入行政区划边界 1 个', jurisdiction_code: '511826001' }]);

    // A file with nothing of theirs is refused and changes nothing; so is a broken one.
    const elsewhere = JSON.stringify({ type: 'FeatureCollection', features: [JSON.parse(FILE).features[3]] });
    const none = await upload(townAdmin, elsewhere);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].message).toContain('没有本辖区的行政区划');
    expect((await upload(townAdmin, 'not json')).json().error.fields[0].path).toBe('file');
    expect(await stored()).toEqual(['511826001']);
    await t.db.db.updateTable('users').set({ roles: JSON.stringify(['duty_officer']) }).where('username', '=', 'town_a').execute();
  });
});
