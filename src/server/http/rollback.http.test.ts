// 突发事件 intake and changes are all or nothing over HTTP: when the database fails part-way through a request
// (here a trigger refuses the second timeline event), the caller gets the one error shape with a 500, and
// nothing of the request is stored or announced on the live stream.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, incidentBody, testApp, type TestApp } from '../testing/harness';

describe.each(DIALECTS)('a database failure mid-request rolls everything back (%s)', (dialect) => {
  let t: TestApp;
  let duty: Record<string, string>;
  const published: unknown[] = [];
  beforeAll(async () => {
    t = await testApp(dialect);
    duty = await t.login('county_duty');
    t.bus.subscribe((m) => published.push(m));
  });
  afterAll(() => t.close());

  const rows = async () => {
    const n = async (table: 'incidents' | 'events' | 'idempotency_keys') =>
      Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { incidents: await n('incidents'), events: await n('events'), keys: await n('idempotency_keys') };
  };
  /** The database refuses timeline events of one type from now on, as a full disk or a lost connection would. */
  const failOn = async (type: string) => {
    if (dialect === 'sqlite') {
      await sql.raw(`CREATE TRIGGER refuse_event BEFORE INSERT ON events WHEN NEW.type = '${type}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`).execute(t.db.db);
    } else {
      await sql.raw(`CREATE FUNCTION refuse_event() RETURNS trigger AS $$ BEGIN IF NEW.type = '${type}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`).execute(t.db.db);
      await sql.raw('CREATE TRIGGER refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_event()').execute(t.db.db);
    }
  };
  const heal = async () => {
    await sql.raw('DROP TRIGGER refuse_event' + (dialect === 'sqlite' ? '' : ' ON events')).execute(t.db.db);
    if (dialect === 'postgres') await sql.raw('DROP FUNCTION refuse_event()').execute(t.db.db);
  };

  it('creating an incident: the row, its first event and its idempotency key are all undone', async () => {
    const before = await rows();
    published.length = 0;
    await failOn('incident.graded');
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...duty, 'idempotency-key': 'rollback-1' }, payload: incidentBody({ title: '数据库故障中的接报' }) });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal', message: '服务器内部错误，请稍后重试', fields: [] } });
    } finally {
      await heal();
    }
    expect(await rows()).toEqual(before);
    expect(published).toEqual([]);
    // The same key works once the database is back: nothing of the failed attempt was kept.
    const again = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { ...duty, 'idempotency-key': 'rollback-1' }, payload: incidentBody({ title: '数据库故障中的接报' }) });
    expect(again.statusCode).toBe(201);
  });

  it('changing an incident: the new status and figures are undone with their events', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/incidents', headers: duty, payload: incidentBody({ title: '状态变更回滚' }) })).json();
    const before = await rows();
    published.length = 0;
    await failOn('incident.status_changed');
    try {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${created.id}`, headers: duty, payload: { status: 'responding', impact: { deaths: 3 } } });
      expect(res.statusCode).toBe(500);
    } finally {
      await heal();
    }
    expect(await rows()).toEqual(before);
    expect(published).toEqual([]);
    const read = (await t.app.inject({ url: `/api/incidents/${created.id}`, headers: duty })).json();
    expect(read).toMatchObject({ status: 'reported', impact: { deaths: 0 }, version: created.version });
  });
});
