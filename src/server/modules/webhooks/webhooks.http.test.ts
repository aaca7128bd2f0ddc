// Webhooks and escalation: an issued warning reaches a receiver with a valid HMAC signature; failures are retried
// with back-off and end on the dead-letter list; an unsigned warning is escalated once.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testApp, type TestApp } from '../../testing/harness';
import { MAX_ATTEMPTS, signature } from './webhooks.service';

describe.each(DIALECTS)('webhooks and escalation (%s)', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-29T02:00:00Z');
  let receiver: http.Server;
  let base = '';
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let failNext = 0;
  const as: Record<string, Record<string, string>> = {};
  const warning = (headline: string, jurisdictionCodes = ['511826106']) => ({
    typeCode: 'gale', level: 'blue', onset: '2026-11-29T10:00:00+08:00', expires: null, areaDesc: '龙门镇', jurisdictionCodes, headline, instruction: '加固临时搭建物',
  });

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failNext-- > 0 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    t = await testApp(dialect, { clock: () => now });
    for (const u of ['county_admin', 'county_duty', 'county_commander', 'town_a']) as[u] = await t.login(u);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => receiver.close(r));
  });

  it('delivers a signed JSON message when a warning is issued, retries a failure, and lists dead letters', async () => {
    const hook = (await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as.county_admin, payload: { name: '县应急广播平台', url: `${base}/hook`, jurisdictionCode: '511826' } })).json();
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as.county_admin, payload: { name: 'x', url: 'ftp://x', jurisdictionCode: '511826' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as.county_duty, payload: { name: 'x', url: `${base}/x`, jurisdictionCode: '511826' } })).statusCode).toBe(403);

    const w = (await t.app.inject({ method: 'POST', url: '/api/warnings', headers: as.county_duty, payload: warning('龙门镇大风蓝色预警') })).json();
    await t.app.inject({ method: 'POST', url: `/api/warnings/${w.id}/issue`, headers: as.county_commander });
    failNext = 1;
    expect(await t.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    expect(await t.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 }); // backing off
    now = new Date(now.getTime() + 31_000);
    expect(await t.services.webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    const last = received.at(-1)!;
    expect(last.headers['x-shouwang-event']).toBe('warning.issued');
    expect(last.headers['x-shouwang-signature']).toBe(signature(hook.secret, String(last.headers['x-shouwang-timestamp']), last.body));
    expect(JSON.parse(last.body).warning).toMatchObject({ id: w.id, level: 'blue', status: 'issued', headline: '龙门镇大风蓝色预警' });

    // Lifting it is delivered too; a receiver that keeps failing ends on the dead-letter list.
    failNext = 100;
    await t.app.inject({ method: 'POST', url: `/api/warnings/${w.id}/lift`, headers: as.county_commander });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await t.services.webhooks.deliverDue();
      now = new Date(now.getTime() + 3_600_000);
    }
    const dead = (await t.app.inject({ url: '/api/webhooks/deliveries?status=dead', headers: as.county_admin })).json();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ event: 'warning.lifted', attempts: MAX_ATTEMPTS, lastError: 'HTTP 503', webhookName: '县应急广播平台' });
    failNext = 0;
    expect((await t.app.inject({ method: 'POST', url: `/api/webhooks/deliveries/${dead[0].id}/retry`, headers: as.county_admin })).json().status).toBe('pending');
    expect((await t.services.webhooks.deliverDue()).delivered).toBe(1);

    // An alert imported from another issuer (CAP) is passed on like one issued here.
    const cap = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>hook-test-1</identifier><sender>qx@example.cn</sender>
      <sent>2026-11-29T09:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
      <info><category>Met</category><event>大风</event><urgency>Expected</urgency><severity>Minor</severity><certainty>Likely</certainty>
      <headline>芦山县气象台发布大风蓝色预警</headline><area><areaDesc>芦山县</areaDesc></area></info></alert>`;
    const imported = await t.app.inject({ method: 'POST', url: '/api/cap/import', headers: { ...as.county_duty, 'content-type': 'application/xml' }, payload: cap });
    expect(imported.statusCode).toBe(201);
    expect((await t.services.webhooks.deliverDue()).delivered).toBe(1);
    expect(JSON.parse(received.at(-1)!.body).warning).toMatchObject({ id: imported.json().warningId, headline: '芦山县气象台发布大风蓝色预警' });
    await t.app.inject({ method: 'POST', url: `/api/warnings/${imported.json().warningId}/ack`, headers: as.county_duty });
  });

  it('escalates an issued warning nobody signs for, once; a signed one is not escalated', async () => {
    const a = (await t.app.inject({ method: 'POST', url: '/api/warnings', headers: as.county_duty, payload: warning('无人签收的预警') })).json();
    const b = (await t.app.inject({ method: 'POST', url: '/api/warnings', headers: as.county_duty, payload: warning('已签收的预警', ['511826001']) })).json();
    for (const w of [a, b]) await t.app.inject({ method: 'POST', url: `/api/warnings/${w.id}/issue`, headers: as.county_commander });
    await t.app.inject({ method: 'POST', url: `/api/warnings/${b.id}/ack`, headers: as.town_a });
    expect(await t.services.warnings.escalateUnacknowledged(30)).toBe(0); // not yet 30 minutes
    now = new Date(now.getTime() + 31 * 60_000);
    expect(await t.services.warnings.escalateUnacknowledged(30)).toBe(1);
    expect(await t.services.warnings.escalateUnacknowledged(30)).toBe(0);
    const list = (await t.app.inject({ url: '/api/warnings?status=active', headers: as.county_duty })).json();
    expect(list.find((w: { id: string }) => w.id === a.id).escalated).toBe(true);
    expect(list.find((w: { id: string }) => w.id === b.id).escalated).toBe(false);
    const notes = (await t.app.inject({ url: '/api/notifications', headers: as.county_commander })).json().map((n: { text: string }) => n.text);
    expect(notes).toContain('预警“无人签收的预警”发布已超过 30 分钟，仍无人签收');
  });
});
