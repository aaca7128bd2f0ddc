// Two nodes on one PostgreSQL database: readings received by either node count in the same rule windows (one node
// evaluates, the other hands its readings over), and when the evaluating node stops the other takes over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { PG_URL, testApp, type TestApp } from '../../testing/harness';

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(!PG_URL)('warning rules on two nodes (postgres)', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof buildApp>>;
  let duty: Record<string, string>;
  let gauge: { id: string; token: string };
  const start = Date.parse('2026-11-29T00:00:00Z');
  const now = new Date(start + 3 * 3600_000);
  const at = (min: number) => new Date(start + min * 60_000).toISOString();

  beforeAll(async () => {
    a = await testApp('postgres', { clock: () => now });
    const config = loadConfig({ SHOUWANG_LOG_LEVEL: 'silent', SHOUWANG_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    b = await buildApp({ config, db: a.db, incidents: { clock: () => now }, logger: false, rulesLeaseRetryMs: 100 });
    await b.app.ready();
    duty = await a.login('county_duty');
    gauge = (await a.app.inject({ method: 'POST', url: '/api/sensors', headers: duty, payload: { name: '龙门镇雨量站', kind: 'rainfall', jurisdictionCode: '511826106' } })).json();
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  const send = (node: { app: TestApp['app'] }, readings: { at: string; value: number }[]) =>
    node.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${gauge.token}`, 'content-type': 'application/json' }, payload: readings });
  const warnings = async () => (await a.app.inject({ url: '/api/warnings', headers: duty })).json().filter((w: { origin: string }) => w.origin === 'rule');

  it('counts readings from both nodes in one window, and hands over when the evaluating node stops', async () => {
    // The rule is set on the node that does not evaluate; the evaluator learns of it.
    const rule = await b.app.inject({ method: 'POST', url: '/api/warning-rules', headers: duty, payload: { template: 'cma.rainstorm', sensorIds: [gauge.id], jurisdictionCode: '511826', autoIssue: true } });
    expect(rule.statusCode).toBe(201);
    // 30 mm through each node within the hour: 60 mm in 3 h is orange; neither node alone saw 50.
    expect((await send(a, [{ at: at(70), value: 15 }, { at: at(90), value: 15 }])).json().accepted).toBe(2);
    expect((await send(b, [{ at: at(80), value: 15 }, { at: at(100), value: 15 }])).json().accepted).toBe(2);
    await until(async () => (await warnings()).length === 1);
    expect((await warnings())[0]).toMatchObject({ level: 'orange', status: 'issued' });

    // The first node stops; the second takes the lease over and goes on: 50 mm more makes 110 mm, red.
    await a.app.close();
    await send(b, [{ at: at(150), value: 50 }]);
    await until(async () => (await b.app.inject({ url: '/api/warnings', headers: duty })).json().some((w: { level: string }) => w.level === 'red'), 15_000);
    const all = (await b.app.inject({ url: '/api/warnings', headers: duty })).json().filter((w: { origin: string }) => w.origin === 'rule');
    expect(all).toHaveLength(1);
  });
});
