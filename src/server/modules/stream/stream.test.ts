// The live stream over a real socket: a change reaches subscribers whose scope covers it, and only them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { incidentBody, PG_URL, testApp, type TestApp } from '../../testing/harness';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { buildApp } from '../../http/app';

function openStream(base: string, cookie: string) {
  const chunks: string[] = [];
  let req: http.ClientRequest;
  const ready = new Promise<void>((resolve, reject) => {
    req = http.get(`${base}/api/stream`, { headers: { cookie } }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
      res.setEncoding('utf8');
      res.on('data', (c: string) => chunks.push(c));
      resolve();
    });
    req.on('error', reject);
  });
  return { ready, text: () => chunks.join(''), close: () => req.destroy() };
}

describe('GET /api/stream', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await testApp('sqlite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('delivers incident and timeline events to users in scope only', async () => {
    const county = await t.login('county_duty');
    const townA = await t.login('town_a');
    const townB = await t.login('town_b');
    const sCounty = openStream(base, county.cookie!);
    const sA = openStream(base, townA.cookie!);
    await Promise.all([sCounty.ready, sA.ready]);
    const res = await fetch(`${base}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...townB },
      body: JSON.stringify(incidentBody({ jurisdictionCode: '511826106', title: '龙门镇内涝', impact: { deaths: 12 } })),
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    await new Promise((r) => setTimeout(r, 300));
    const text = sCounty.text();
    expect(text).toContain('event: incident');
    expect(text).toContain('event: timeline');
    expect(text).toContain(id);
    expect(text).toContain('"grade":"II"');
    expect(sA.text()).not.toContain(id);
    sCounty.close();
    sA.close();
  });
});

describe.skipIf(!PG_URL)('two nodes on one PostgreSQL', () => {
  it('a change made through node A reaches a browser connected to node B', async () => {
    const a = await testApp('postgres');
    const dbB = openDatabase({ kind: 'postgres', url: PG_URL!, schema: a.db.schema });
    const b = await buildApp({ config: loadConfig({ SHOUWANG_LOG_LEVEL: 'silent' }), db: dbB, logger: false });
    try {
      const baseB = await b.app.listen({ port: 0, host: '127.0.0.1' });
      const county = await a.login('county_duty'); // sessions live in the shared database
      const stream = openStream(baseB, county.cookie!);
      await stream.ready;
      const res = await a.app.inject({ method: 'POST', url: '/api/incidents', headers: county, payload: incidentBody({ title: '跨节点推送测试' }) });
      expect(res.statusCode).toBe(201);
      await expect.poll(() => stream.text(), { timeout: 5000 }).toContain('跨节点推送测试');
      expect(stream.text()).toContain('event: timeline');
      stream.close();
    } finally {
      await b.app.close();
      await dbB.close();
      await a.close();
    }
  });
});
