// Sensors and readings: registration, HTTP ingestion (per-reading results, idempotency, bad input) and
// MQTT ingestion through the embedded broker and, when SHOUWANG_TEST_MQTT_URL is set, Mosquitto.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, MQTT_URL, testApp, type TestApp } from '../../testing/harness';
import { startBrokerSubscription, startEmbeddedBroker } from './mqtt';

if (!MQTT_URL) console.warn('[sensors] SHOUWANG_TEST_MQTT_URL not set: the Mosquitto case is skipped (CI sets it); the embedded broker is tested');

const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.each(DIALECTS)('sensors and readings (%s)', (dialect) => {
  let t: TestApp;
  let duty: Record<string, string>;
  let sensor: { id: string; token: string };
  let other: { id: string; token: string };
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const stored = async (id: string) => Number((await t.db.db.selectFrom('readings').select((eb) => eb.fn.countAll().as('n')).where('sensor_id', '=', id).executeTakeFirstOrThrow()).n);
  const ingest = (payload: unknown, token: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  beforeAll(async () => {
    t = await testApp(dialect);
    duty = await t.login('county_duty');
    const mk = async (name: string, code: string, headers = duty) => {
      const r = await t.app.inject({ method: 'POST', url: '/api/sensors', headers, payload: { name, kind: 'rainfall', jurisdictionCode: code, location: { lat: 30.15, lon: 102.93 }, intervalSeconds: 300 } });
      expect(r.statusCode).toBe(201);
      return r.json() as { id: string; token: string };
    };
    sensor = await mk('龙门镇雨量站', '511826106');
    other = await mk('芦阳街道雨量站', '511826001');
  });
  afterAll(() => t.close());

  it('registers a sensor with a token shown once; lists only sensors in scope', async () => {
    expect(sensor.token).toMatch(/^sws_/);
    const listed = (await t.app.inject({ url: '/api/sensors', headers: await t.login('town_b') })).json();
    expect(listed.map((s: { id: string }) => s.id)).toEqual([sensor.id]);
    expect(listed[0]).toMatchObject({ kind: 'rainfall', kindLabel: '雨量', unit: 'mm', online: false });
    expect(listed[0].token).toBeUndefined();
    expect((await t.app.inject({ method: 'POST', url: '/api/sensors', headers: await t.login('county_viewer'), payload: { name: 'x', kind: 'rainfall', jurisdictionCode: '511826' } })).statusCode).toBe(403);
  });

  it('stores readings once: replays are duplicates, late readings keep their own time, bad ones are listed', async () => {
    const batch = [{ at: at(10), value: 1.5 }, { at: at(3), value: 2 }, { at: at(10), value: 1.5 }];
    const first = await ingest(batch, sensor.token);
    expect(first.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect((await ingest(batch, sensor.token)).json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    const mixed = await ingest([
      { at: at(20), value: 0.5 }, // late, out of order: stored by its own time
      { at: at(1), value: 'heavy' },
      { at: new Date(now + 3600_000).toISOString(), value: 1 },
      { sensorId: other.id, at: at(1), value: 1 },
      { at: '2026-11-29 10:00', value: 1 },
    ], sensor.token);
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().accepted).toBe(1);
    expect(mixed.json().rejected.map((r: { index: number; path: string }) => `${r.index}:${r.path}`)).toEqual(['1:value', '2:at', '3:sensorId', '4:at']);
    expect(await stored(sensor.id)).toBe(3);
    const s = (await t.app.inject({ url: '/api/sensors', headers: duty })).json().find((x: { id: string }) => x.id === sensor.id);
    expect(s).toMatchObject({ lastValue: 2, online: true }); // the newest reading, not the last one sent
  });

  it('takes NDJSON, user tokens for sensors in scope, and refuses bad tokens and oversized batches', async () => {
    const nd = `${JSON.stringify({ at: at(30), value: 3 })}\nnot json\n${JSON.stringify({ at: at(31), value: 4 })}\n`;
    expect((await ingest(nd, sensor.token, 'application/x-ndjson')).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [{ index: 1, path: '', message: '第 2 行不是有效的 JSON' }] });
    expect((await ingest([{ at: at(1), value: 1 }], 'sws_wrong')).statusCode).toBe(401);
    expect((await ingest([{ at: at(1), value: 1 }], 'nothing')).statusCode).toBe(401);
    const token = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'town_a', password: 'correct-horse-battery' } })).statusCode; // a session, not a token
    expect(token).toBe(200);
    const gateway = await t.services.auth.createApiToken((await t.db.db.selectFrom('users').select('id').where('username', '=', 'town_a').executeTakeFirstOrThrow()).id, 'gateway');
    const viaGateway = await ingest([{ sensorId: other.id, at: at(2), value: 7 }, { sensorId: sensor.id, at: at(2), value: 7 }], gateway);
    expect(viaGateway.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, path: 'sensorId' }] }); // 龙门镇 is not 芦阳街道's
    const many = Array.from({ length: 10_001 }, (_, i) => ({ at: new Date(now - i * 1000).toISOString(), value: 0 }));
    const tooMany = await ingest(many, sensor.token);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields[0].message).toContain('10000');
    const huge = await t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${sensor.token}`, 'content-type': 'application/json' }, payload: '['.padEnd(9 * 1024 * 1024, ' ') + ']' });
    expect(huge.statusCode).toBe(413);
    expect((await ingest({ nope: 1 }, sensor.token)).statusCode).toBe(400);
  });

  it('takes readings over MQTT from the embedded broker with device tokens; bad payloads and foreign topics store nothing', async () => {
    const broker = await startEmbeddedBroker({ sensors: t.services.sensors, auth: t.services.auth, log: t.app.log }, { port: 0, host: '127.0.0.1' });
    try {
      const url = `mqtt://127.0.0.1:${broker.port}`;
      await expect(mqtt.connectAsync(url, { username: 'x', password: 'sws_wrong', reconnectPeriod: 0 })).rejects.toThrow();
      const c = await mqtt.connectAsync(url, { username: sensor.id, password: sensor.token, reconnectPeriod: 0 });
      const before = await stored(sensor.id);
      await c.publishAsync(`shouwang/sensors/${sensor.id}/readings`, 'not json', { qos: 1 });
      await c.publishAsync(`shouwang/sensors/${sensor.id}/readings`, JSON.stringify([{ at: at(40), value: 5 }, { at: at(41), value: 6 }]), { qos: 1 });
      await until(async () => (await stored(sensor.id)) === before + 2);
      // Publishing for another sensor is refused by the broker (the connection is closed), nothing stored.
      const otherBefore = await stored(other.id);
      await c.publishAsync(`shouwang/sensors/${other.id}/readings`, JSON.stringify({ at: at(3), value: 9 }), { qos: 0 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      expect(await stored(other.id)).toBe(otherBefore);
      c.end(true); // the broker already closed this connection; end() would wait for it forever
      // The broker still serves.
      const again = await mqtt.connectAsync(url, { username: 'station-2', password: other.token, reconnectPeriod: 0 });
      await again.publishAsync(`shouwang/sensors/${other.id}/readings`, JSON.stringify({ at: at(4), value: 9 }), { qos: 1 });
      await until(async () => (await stored(other.id)) === otherBefore + 1);
      await again.endAsync();
    } finally {
      await broker.close();
    }
  });

  it('stores a burst of one-reading messages in a few batches, each reading once', async () => {
    const broker = await startEmbeddedBroker({ sensors: t.services.sensors, auth: t.services.auth, log: t.app.log }, { port: 0, host: '127.0.0.1' });
    const calls = vi.spyOn(t.services.sensors, 'ingest');
    try {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { username: sensor.id, password: sensor.token, reconnectPeriod: 0 });
      const before = await stored(sensor.id);
      const topic = `shouwang/sensors/${sensor.id}/readings`;
      // 2 000 readings, every one of them sent twice (a device replaying after a reconnect).
      for (let i = 0; i < 4000; i++) c.publish(topic, JSON.stringify({ at: at(1000 + (i % 2000)), value: i % 2000 }), { qos: 0 });
      await c.publishAsync(topic, JSON.stringify({ at: at(5000), value: 1 }), { qos: 1 });
      await until(async () => (await stored(sensor.id)) === before + 2001);
      await broker.idle();
      expect(calls.mock.calls.length).toBeLessThan(400);
      await c.endAsync();
    } finally {
      calls.mockRestore();
      await broker.close();
    }
  });

  it.skipIf(!MQTT_URL)('subscribes to an external broker (Mosquitto) and stores what devices publish there', async () => {
    const sub = await startBrokerSubscription({ sensors: t.services.sensors, auth: t.services.auth, log: t.app.log }, MQTT_URL!);
    try {
      const before = await stored(sensor.id);
      const pub = await mqtt.connectAsync(MQTT_URL!, { reconnectPeriod: 0 });
      await pub.publishAsync(`shouwang/sensors/${sensor.id}/readings`, JSON.stringify({ at: at(50), value: 8 }), { qos: 1 });
      await pub.publishAsync(`shouwang/sensors/${sensor.id}/readings`, '{broken', { qos: 1 });
      await until(async () => (await stored(sensor.id)) === before + 1);
      await pub.endAsync();
    } finally {
      await sub.close();
    }
  });
});

describe.each(DIALECTS)('sensors gone 离线 (%s)', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-29T08:00:00Z');
  beforeAll(async () => {
    t = await testApp(dialect, { clock: () => now });
  });
  afterAll(() => t.close());

  it('reports a sensor silent for longer than its interval once, to the duty staff of its jurisdiction, and its return', async () => {
    const duty = await t.login('county_duty');
    const s = (await t.app.inject({ method: 'POST', url: '/api/sensors', headers: duty, payload: { name: '龙门镇水位站', kind: 'water_level', jurisdictionCode: '511826106', intervalSeconds: 600 } })).json();
    const send = (at: Date) => t.app.inject({ method: 'POST', url: '/api/ingest/readings', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, payload: [{ at: at.toISOString(), value: 1.2 }] });
    await send(now);
    now = new Date(now.getTime() + 600_000); // exactly the interval: still on line
    expect(await t.services.sensors.checkOffline()).toEqual({ offline: 0, back: 0 });
    now = new Date(now.getTime() + 1000);
    expect(await t.services.sensors.checkOffline()).toEqual({ offline: 1, back: 0 });
    expect(await t.services.sensors.checkOffline()).toEqual({ offline: 0, back: 0 }); // once
    const townB = await t.login('town_b');
    expect((await t.app.inject({ url: '/api/sensors', headers: townB })).json()[0].online).toBe(false);
    const notes = (await t.app.inject({ url: '/api/notifications', headers: townB })).json().map((n: { text: string }) => n.text);
    expect(notes).toEqual([expect.stringMatching(/^监测设备离线：龙门镇水位站（超过 10 分钟无读数/)]);
    expect((await t.app.inject({ url: '/api/notifications', headers: await t.login('town_a') })).json()).toEqual([]);
    await send(now);
    expect(await t.services.sensors.checkOffline()).toEqual({ offline: 0, back: 1 });
    const kinds = (await t.db.db.selectFrom('events').select('type').where('type', 'like', 'sensor.o%').orderBy('at').execute()).map((e) => e.type);
    expect(kinds).toEqual(['sensor.offline', 'sensor.online']);
  });
});

