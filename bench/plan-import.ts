// Plan document import: an ~80 KB plan → structured draft (importPlanDocument + toPlanContent), as the upload
// route does it, once as Markdown/text and once as a .docx of the same content (generated here with docx, Word
// heading styles for the headings, tables for TAB-separated rows). The source is the Shenzhen flood plan from
// ../shared/datasets when it exists, else a synthetic 80 KB plan built from the project's sample plans.
// Each format: 1 cold run (reported apart), then BENCH_RUNS timed runs; median and max. Goal: max < 2000 ms.
//   npm run bench:plan-import   [BENCH_RUNS=20]
import { emit, goalLine, machineLine, median, round, run } from './lib';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { blocksFromText, toPlanContent } from '../src/domain/plans/document';
import { docxOf } from '../src/server/testing/docx';
import { CITY_GEOHAZARD_PLAN_MD, COMPANY_PLAN, COUNTY_FIRE_PLAN } from '../src/domain/plans/document/samples';
import { importPlanDocument } from '../src/server/modules/plans/plan-document';

const GOAL_MS = 2000;
const AIM_MS = 100;
const TARGET_BYTES = 80_000;
const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS) || 20));
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHENZHEN = path.resolve(ROOT, '../shared/datasets/plans/shenzhen_flood_waterlogging_plan.md');

/** The sample plans, chapters renumbered, repeated up to ~80 KB of UTF-8: a long plan in three house styles. */
function syntheticPlan(): string {
  const parts = ['某市突发事件专项应急预案（基准测试用合成文本）'];
  let bytes = 0;
  for (let i = 1; bytes < TARGET_BYTES; i++) {
    const part = [COUNTY_FIRE_PLAN, COMPANY_PLAN, CITY_GEOHAZARD_PLAN_MD.replace(/^#+ /gm, '')][i % 3]!.replace(/^(?:[一二三四]、|第[一二三四]章 )/gm, `${i}.$&`);
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  return parts.join('\n');
}


async function measure(label: string, filename: string, bytes: Buffer) {
  const once = async () => {
    const t0 = performance.now();
    const plan = await importPlanDocument(filename, bytes);
    const draft = toPlanContent(plan);
    return { ms: performance.now() - t0, plan, draft };
  };
  const cold = await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await once()).ms);
  const med = median(times);
  const max = Math.max(...times);
  const p = cold.plan;
  console.log(
    `${label}: ${filename}, ${round(bytes.length / 1024, 1)} KB — cold ${round(cold.ms, 1)} ms; ${RUNS} runs median ${round(med, 1)} ms, max ${round(max, 1)} ms` +
      ` — ${p.levels.length} levels (${p.levels.map((l) => `${l.name} ${l.conditions.length}/${l.actions.length}`).join(', ')}), ${p.organisations.length} organisations, ${p.unrecognised.length} sections with unrecognised text`,
  );
  return { med, max, cold: cold.ms };
}

async function main() {
  const shared = fs.existsSync(SHENZHEN);
  const text = shared ? fs.readFileSync(SHENZHEN, 'utf8') : syntheticPlan();
  const source = shared ? 'shenzhen' : 'synthetic';
  const format = shared ? 'markdown' : 'text';
  const name = shared ? path.basename(SHENZHEN) : 'synthetic-plan.txt';
  console.log(`bench:plan-import — ~80 KB plan document → draft (importPlanDocument + toPlanContent), as text and as a generated .docx; 1 cold run, then ${RUNS} runs each; median and max. Goal: max < ${GOAL_MS} ms (aim < ${AIM_MS} ms).`);
  console.log(machineLine());
  console.log(shared ? `source: ${SHENZHEN}` : `source: ../shared/datasets not found — synthetic plan from src/domain/plans/document/samples.ts`);

  const textBytes = Buffer.from(text, 'utf8');
  const docx = await docxOf(blocksFromText(text, format));
  const md = await measure(format === 'markdown' ? 'Markdown' : 'text', name, textBytes);
  const dx = await measure('.docx', name.replace(/\.[^.]+$/, '.docx'), docx);

  const worstMedian = Math.max(md.med, dx.med);
  const worstMax = Math.max(md.max, dx.max);
  goalLine(`plan document → draft < ${GOAL_MS} ms`, worstMax < GOAL_MS, `max ${round(worstMax, 1)} ms over ${2 * RUNS} runs (text median ${round(md.med, 1)} ms, .docx median ${round(dx.med, 1)} ms)`);
  goalLine(`aim < ${AIM_MS} ms`, worstMedian < AIM_MS, `slower median ${round(worstMedian, 1)} ms`);
  emit({
    bench: 'plan-import', value: round(worstMedian, 1), unit: 'ms', peer: GOAL_MS, ratio: round(worstMedian / GOAL_MS, 4),
    source, textKb: round(textBytes.length / 1024, 1), docxKb: round(docx.length / 1024, 1),
    textMedianMs: round(md.med, 1), textMaxMs: round(md.max, 1), docxMedianMs: round(dx.med, 1), docxMaxMs: round(dx.max, 1), runs: RUNS,
  });
}

run(main);
