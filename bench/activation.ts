// Plan activation: server time to activate a plan level with 200 tasks on an incident (ResponseService.activate:
// scope and plan checks, domain activation, response + 200 task rows + notifications + timeline events in one
// durable SQLite transaction with the shipped pragmas). Each run activates on a fresh incident. Goal: < 100 ms.
//   npm run bench:activation   [BENCH_RUNS=30]
import { emit, goalLine, machineLine, median, percentile, round, run, sortedCopy, tempDir } from './lib';
import path from 'node:path';
import { IncidentCreate } from '../src/contracts/incidents';
import { PlanContent } from '../src/contracts/plans';
import { exampleProductionSafetyPlan } from '../src/domain/plans/examples';
import { migrate, openDatabase } from '../src/server/db';
import { Bus } from '../src/server/events/bus';
import { authRepository } from '../src/server/modules/auth/auth.repository';
import { IncidentService } from '../src/server/modules/incidents/incidents.service';
import { PlanService } from '../src/server/modules/plans/plans.service';
import { ResponseService } from '../src/server/modules/responses/responses.service';
import { incidentBody, seedFixtures } from '../src/server/testing/harness';

const GOAL_MS = 100;
const TASKS = 200;
const RUNS = Math.max(3, Math.floor(Number(process.env.BENCH_RUNS) || 30));

async function main() {
  console.log(`bench:activation — activate a plan level with ${TASKS} tasks (server time of ResponseService.activate, SQLite, synchronous=FULL); 3 warm-up + ${RUNS} runs, each on a new incident. Goal: p95 < ${GOAL_MS} ms.`);
  console.log(machineLine());
  const tmp = tempDir('activation');
  const h = openDatabase({ kind: 'sqlite', file: path.join(tmp.dir, 'activation.db') });
  try {
    await migrate(h);
    await seedFixtures(h);
    const bus = new Bus();
    const auth = authRepository(h.db);
    const duty = (await auth.userForLogin('county_duty'))!.principal;
    const commander = (await auth.userForLogin('county_commander'))!.principal;
    const town = await h.db.selectFrom('organisations').select(['id', 'name']).where('jurisdiction_code', '=', '511826001').executeTakeFirstOrThrow();
    const county = await h.db.selectFrom('organisations').select(['id', 'name']).where('jurisdiction_code', '=', '511826').executeTakeFirstOrThrow();

    // The example plan, its Ⅱ level grown to 200 tasks spread over its roles; two roles filled by units with users.
    const content = exampleProductionSafetyPlan({
      coordination: { kind: 'organisation', organisationId: county.id, name: county.name },
      rescue: { kind: 'organisation', organisationId: town.id, name: town.name },
      commander: { kind: 'person', userId: commander.userId, name: '县长' },
    });
    const level = content.levels.find((l) => l.key === 'II')!;
    const roles = level.roles.map((r) => r.key);
    level.tasks = Array.from({ length: TASKS }, (_, i) => ({
      key: `t${i}`, title: `处置任务 ${i + 1}：核查并报告第 ${i + 1} 号区域的人员与险情`, roleKey: roles[i % roles.length]!,
      offsetMinutes: 30 + (i % 12) * 30, checklist: ['现场照片', '人数'], feedbackRequired: true,
    }));
    const plans = new PlanService(h.db, bus);
    const plan = await plans.create(duty, { jurisdictionCode: '511826', organisationId: null, content: PlanContent.parse(content) });
    await plans.issue(duty, plan.id, { versionLabel: 'bench', issuedOn: '2026-11-01', approver: '县长' });
    const responses = new ResponseService(h.db, bus, plans);
    const incidents = new IncidentService(h.db, bus);

    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const inc = await incidents.create(duty, IncidentCreate.parse(incidentBody({ jurisdictionCode: '511826001', title: `基准事件 ${i}`, impact: { deaths: 12 } })));
      const t0 = performance.now();
      const r = await responses.activate(commander, inc.id, { planId: plan.id, level: 'II', expectedDurationHours: 24, measures: '', note: '' });
      const ms = performance.now() - t0;
      if (r.taskCounts.pending !== TASKS) throw new Error(`expected ${TASKS} tasks, got ${r.taskCounts.pending}`);
      if (i >= 3) times.push(ms);
    }
    const stored = Number((await h.db.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const sorted = sortedCopy(times);
    const p50 = median(times);
    const p95 = percentile(sorted, 95);
    console.log(`activation with ${TASKS} tasks: p50 ${round(p50, 1)} ms, p95 ${round(p95, 1)} ms, max ${round(percentile(sorted, 100), 1)} ms over ${RUNS} runs; ${stored} task rows stored`);
    goalLine(`activation of a ${TASKS}-task plan < ${GOAL_MS} ms`, p95 < GOAL_MS, `p95 ${round(p95, 1)} ms`);
    emit({ bench: 'activation', value: round(p95, 1), unit: 'ms', peer: GOAL_MS, ratio: round(p95 / GOAL_MS, 3), p50Ms: round(p50, 1), tasks: TASKS, runs: RUNS });
  } finally {
    await h.close();
    tmp.cleanup();
  }
}

run(main);
