// Intake throughput: incidents created per second over real HTTP (POST /api/incidents, bearer token,
// temp SQLite file with the shipped pragmas), against a bare Fastify JSON POST route measured in the
// same run with the same client. Goal: ours ≥ 0.5 × bare.
//   npm run bench:intake   [BENCH_CONCURRENCY=16 BENCH_DURATION_MS=8000 BENCH_WARMUP_MS=1500 BENCH_CLIENT=http|fetch]
// The client is node:http with a keep-alive Agent on a worker thread (see load.ts for why not fetch).
import { emit, envInt, goalLine, machineLine, mainThreadCpuMs, percentile, round, run, tempDir } from './lib';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import Fastify from 'fastify';
import { sql } from 'kysely';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/server/config';
import { migrate, openDatabase } from '../src/server/db';
import { transact } from '../src/server/db/transact';
import { buildApp } from '../src/server/http/app';
import { AuthService } from '../src/server/modules/auth/auth.service';
import { incidentBody, seedFixtures } from '../src/server/testing/harness';
import { runLoad, type LoadResult } from './load';

const GOAL_RATIO = 0.5;
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);
const DURATION_MS = envInt('BENCH_DURATION_MS', 8000);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1500);
const MAX_REQUESTS = envInt('BENCH_MAX_REQUESTS', 500_000);
const CLIENT = process.env.BENCH_CLIENT === 'fetch' ? 'fetch' : 'http';
/** Diagnostic only: override the shipped `synchronous = FULL` to see what the per-commit fsync costs. */
const SYNC = ['NORMAL', 'OFF', 'FULL'].includes(process.env.BENCH_SQLITE_SYNC ?? '') ? process.env.BENCH_SQLITE_SYNC : null;
/**
 * Diagnostic only: Kysely's SqliteDriver calls better-sqlite3 `prepare()` for every query (no statement
 * cache); this memoises prepare by SQL text to show what a statement cache in the db layer would save.
 */
const STMT_CACHE = process.env.BENCH_DIAG_STMT_CACHE === '1';
if (STMT_CACHE) {
  const proto = SQLite.prototype as unknown as { prepare: (this: object, source: string) => unknown };
  const original = proto.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  proto.prepare = function prepare(this: object, source: string) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    let stmt = cache.get(source);
    if (!stmt) cache.set(source, (stmt = original.call(this, source)));
    return stmt;
  };
}

function describe(name: string, r: LoadResult & { cpuMsPerReq: number }) {
  const ms = (p: number) => round(percentile(r.latencies, p), 2);
  console.log(
    `${name.padEnd(22)} ${String(round(r.rps, 0)).padStart(7)} req/s   ` +
      `p50 ${ms(50)} ms  p95 ${ms(95)} ms  p99 ${ms(99)} ms  max ${ms(100)} ms   ` +
      `server CPU ${round(r.cpuMsPerReq, 3)} ms/req   (${r.requests} requests in ${round(r.elapsedMs / 1000, 2)} s; statuses ${JSON.stringify(r.statuses)}; errors ${r.errors})`,
  );
}

/** Requests that were not answered 201 (measured and warm-up), plus transport errors. */
const failures = (r: LoadResult) =>
  Object.entries({ ...r.statuses }).reduce((n, [s, c]) => n + (s === '201' ? 0 : c), 0) +
  Object.entries(r.warmupStatuses).reduce((n, [s, c]) => n + (s === '201' ? 0 : c), 0) +
  r.errors;

async function main() {
  console.log(`bench:intake — POST /api/incidents over HTTP/1.1 keep-alive on 127.0.0.1 (client: ${CLIENT === 'http' ? 'node:http Agent' : 'fetch'} on a worker thread), ${CONCURRENCY} concurrent clients, ${WARMUP_MS} ms warm-up + ${DURATION_MS} ms measured`);
  console.log(machineLine());
  const tmp = tempDir('intake');
  const file = path.join(tmp.dir, 'intake.db');
  const h = openDatabase({ kind: 'sqlite', file });
  let ours: Awaited<ReturnType<typeof buildApp>> | null = null;
  const bare = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  // Context, not the figure: the least a *durable* intake can do — the bare route plus one insert of the
  // body into an unindexed table, through the same group commit and pragmas as ours. Its ratio to the
  // bare route bounds what any intake that stores before it answers can reach on this machine.
  const floorDb = openDatabase({ kind: 'sqlite', file: path.join(tmp.dir, 'floor.db') });
  const floor = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  // Context as well: the bare route plus exactly the statements one of our intakes runs (principal by
  // token, jurisdiction, rule layers, the incident row into its indexed table, its two timeline events),
  // through Kysely and the same group commit, and nothing else: no validation, grading, clocks or DTO.
  const stmtsDb = openDatabase({ kind: 'sqlite', file: path.join(tmp.dir, 'statements.db') });
  const stmts = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  try {
    await migrate(h);
    await seedFixtures(h);
    if (STMT_CACHE) console.log('DIAGNOSTIC RUN: better-sqlite3 prepare() memoised by SQL text — not the benchmark figure');
    if (SYNC) {
      await sql.raw(`PRAGMA synchronous = ${SYNC}`).execute(h.db);
      console.log(`DIAGNOSTIC RUN: PRAGMA synchronous = ${SYNC} (shipped setting is FULL) — not the benchmark figure`);
    }
    const user = await h.db.selectFrom('users').select('id').where('username', '=', 'county_duty').executeTakeFirstOrThrow();
    const token = await new AuthService(h.db, 12).createApiToken(user.id, 'bench');

    ours = await buildApp({ config: loadConfig({ SHOUWANG_LOG_LEVEL: 'silent' }), db: h, logger: false });
    await ours.app.listen({ host: '127.0.0.1', port: 0 });
    const oursUrl = `http://127.0.0.1:${(ours.app.server.address() as { port: number }).port}/api/incidents`;

    // The peer: the same framework doing the least a JSON intake route can do.
    bare.post('/api/incidents', async (req, reply) => {
      const b = req.body as { title?: unknown };
      return reply.status(201).send({ id: randomUUID(), title: typeof b.title === 'string' ? b.title : null });
    });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/api/incidents`;

    await sql`CREATE TABLE intake_floor (id TEXT PRIMARY KEY, body TEXT NOT NULL)`.execute(floorDb.db);
    floor.post('/api/incidents', async (req, reply) => {
      const b = req.body as { title?: unknown };
      const id = randomUUID();
      await transact(floorDb.db, (tx) => sql`INSERT INTO intake_floor (id, body) VALUES (${id}, ${JSON.stringify(b)})`.execute(tx));
      return reply.status(201).send({ id, title: typeof b.title === 'string' ? b.title : null });
    });
    await floor.listen({ host: '127.0.0.1', port: 0 });
    const floorUrl = `http://127.0.0.1:${(floor.server.address() as { port: number }).port}/api/incidents`;

    // Templates: the rows one real intake stored (taken from ours), replayed with fresh ids.
    await migrate(stmtsDb);
    await seedFixtures(stmtsDb);
    const sample = await ours.app.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: `Bearer ${token}` }, payload: incidentBody({ title: `压测样本 ${randomBytes(3).toString('hex')}` }) });
    if (sample.statusCode !== 201) throw new Error(`sample intake failed: ${sample.body}`);
    const sampleId = (sample.json() as { id: string }).id;
    const incidentRow = await h.db.selectFrom('incidents').selectAll().where('id', '=', sampleId).executeTakeFirstOrThrow();
    const eventRows = await h.db.selectFrom('events').selectAll().where('incident_id', '=', sampleId).orderBy('id').execute();
    const stmtsUser = await stmtsDb.db.selectFrom('users').select('id').where('username', '=', 'county_duty').executeTakeFirstOrThrow();
    const stmtsToken = await new AuthService(stmtsDb.db, 12).createApiToken(stmtsUser.id, 'bench');
    const stmtsAuth = new AuthService(stmtsDb.db, 12);
    stmts.post('/api/incidents', async (req, reply) => {
      const b = req.body as { title?: unknown };
      const title = typeof b.title === 'string' ? b.title : '';
      const principal = await stmtsAuth.byApiToken(String(req.headers.authorization).slice(7));
      if (!principal) return reply.status(401).send({});
      const id = uuidv7();
      await transact(stmtsDb.db, async (tx) => {
        await tx.selectFrom('jurisdictions').selectAll().where('code', '=', incidentRow.jurisdiction_code).execute();
        await tx.selectFrom('rule_settings as r').innerJoin('jurisdictions as j', 'j.code', 'r.jurisdiction_code')
          .select(['r.jurisdiction_code', 'r.settings', 'r.updated_at', 'r.updated_by', 'j.name'])
          .where('r.jurisdiction_code', 'in', incidentRow.scope_path.split('/').filter(Boolean)).execute();
        await tx.insertInto('incidents').values({ ...incidentRow, id, title, reporting_org_id: principal.organisationId, created_by: principal.userId }).execute();
        for (const e of eventRows) await tx.insertInto('events').values({ ...e, id: uuidv7(), incident_id: id, actor_id: principal.userId }).execute();
      });
      return reply.status(201).send({ id, title });
    });
    const probe = await stmts.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: `Bearer ${stmtsToken}` }, payload: { title: 'probe' } });
    if (probe.statusCode !== 201) throw new Error(`statement floor route failed: ${probe.body}`);
    await stmts.listen({ host: '127.0.0.1', port: 0 });
    const stmtsUrl = `http://127.0.0.1:${(stmts.server.address() as { port: number }).port}/api/incidents`;

    // One body for both: the harness's incident (an accident with a minor injury, so it is graded), unique title per request.
    const runId = randomBytes(3).toString('hex');
    const bodyTemplate = JSON.stringify(incidentBody({ title: `压测接报 ${runId} 第{{n}}起`, description: '基准测试：某石材厂起重伤害事故，1 人轻伤，现场已处置。' }));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const load = { method: 'POST' as const, headers, bodyTemplate, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS, client: CLIENT } as const;

    // Server CPU per request: the servers run on this (main) thread, the client on a worker thread.
    const measured = async (url: string, bearer = token) => {
      const c0 = mainThreadCpuMs();
      const r = await runLoad({ ...load, headers: { ...headers, authorization: `Bearer ${bearer}` }, url });
      return { ...r, cpuMsPerReq: (mainThreadCpuMs() - c0) / (r.requests + r.warmupRequests) };
    };
    const peer = await measured(bareUrl);
    const durable = await measured(floorUrl);
    const statements = await measured(stmtsUrl, stmtsToken);
    const mine = await measured(oursUrl);
    console.log(`request body: ${mine.bodyBytes} bytes (same for all)`);
    describe('bare Fastify POST', peer);
    describe('bare + durable insert', durable);
    describe('bare + our statements', statements);
    describe('Shouwang intake', mine);

    // Every 201 must be a stored incident; nothing else may have been answered.
    const stored = Number((await h.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const answered201 = 1 + (mine.statuses['201'] ?? 0) + (mine.warmupStatuses['201'] ?? 0); // 1: the sample
    const ourFailures = failures(mine);
    const peerFailures = failures(peer) + failures(durable) + failures(statements);
    console.log(`stored incidents: ${stored}; 201 answers (incl. warm-up): ${answered201}; failures: ours ${ourFailures}, bare ${peerFailures}`);
    if (ourFailures || peerFailures) console.log(`FAILURES: first error ${mine.firstError ?? peer.firstError ?? '-'}; first non-201 ${mine.firstBadBody ?? peer.firstBadBody ?? '-'}`);
    if (stored !== answered201) throw new Error(`stored incidents (${stored}) ≠ 201 answers (${answered201})`);
    if (mine.requests === 0 || peer.requests === 0) throw new Error('no request completed');

    const ratio = mine.rps / peer.rps;
    console.log(`durable floor: bare + one durable insert reaches ${round(durable.rps / peer.rps, 3)} of bare (${round(durable.rps, 0)} req/s, ${round(durable.cpuMsPerReq, 3)} ms CPU/req) — no intake that stores before it answers can do better here`);
    console.log(`statement floor: bare + our intake's SQL alone reaches ${round(statements.rps / peer.rps, 3)} of bare (${round(statements.rps, 0)} req/s, ${round(statements.cpuMsPerReq, 3)} ms CPU/req)`);
    console.log(`server CPU per request: ours ${round(mine.cpuMsPerReq, 3)} ms vs bare ${round(peer.cpuMsPerReq, 3)} ms (bare/ours = ${round(peer.cpuMsPerReq / mine.cpuMsPerReq, 3)}; steadier than req/s on a shared machine)`);
    goalLine(`intake ≥ ${GOAL_RATIO} × bare Fastify`, ratio >= GOAL_RATIO, `${round(mine.rps, 0)} vs ${round(peer.rps, 0)} req/s = ${round(ratio, 3)}`);
    goalLine('100 % of answers 201', ourFailures === 0, `${ourFailures} failures of ${mine.requests + mine.warmupRequests + mine.errors} requests`);
    emit({
      bench: 'intake', value: round(mine.rps, 1), unit: 'req/s', peer: round(peer.rps, 1), ratio: round(ratio, 3),
      p50Ms: round(percentile(mine.latencies, 50), 2), p95Ms: round(percentile(mine.latencies, 95), 2),
      peerP50Ms: round(percentile(peer.latencies, 50), 2), peerP95Ms: round(percentile(peer.latencies, 95), 2),
      cpuMsPerReq: round(mine.cpuMsPerReq, 3), peerCpuMsPerReq: round(peer.cpuMsPerReq, 3),
      durableFloor: round(durable.rps, 1), durableFloorRatio: round(durable.rps / peer.rps, 3), durableFloorCpuMsPerReq: round(durable.cpuMsPerReq, 3),
      statementFloor: round(statements.rps, 1), statementFloorRatio: round(statements.rps / peer.rps, 3), statementFloorCpuMsPerReq: round(statements.cpuMsPerReq, 3),
      concurrency: CONCURRENCY, failures: ourFailures,
    });
  } finally {
    await bare.close();
    await floor.close();
    await floorDb.close();
    await stmts.close();
    await stmtsDb.close();
    if (ours) await ours.app.close();
    await h.close();
    tmp.cleanup();
  }
}

run(main);
