// The live stream over a real socket: a change reaches subscribers whose scope covers it, and only them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { incidentBody, testApp, type TestApp } from '../../testing/harness';

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
