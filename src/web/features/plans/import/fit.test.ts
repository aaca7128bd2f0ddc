import { describe, expect, it } from 'vitest';
import { exampleProductionSafetyPlan } from '../../../../domain/plans/examples';
import { fitToLimits } from './fit';

describe('fitToLimits', () => {
  it('leaves a plan within the limits unchanged', () => {
    const plan = exampleProductionSafetyPlan();
    const { content, shortened } = fitToLimits(plan);
    expect(shortened).toEqual([]);
    expect(content).toEqual(plan);
  });

  it('shortens over-long texts and says where', () => {
    const plan = exampleProductionSafetyPlan();
    plan.levels[1]!.tasks[2]!.title = '市公安局：'.repeat(240);
    plan.liftConditions[0] = '险情消除'.repeat(200);
    const { content, shortened } = fitToLimits(plan);
    expect(shortened.map((s) => s.path)).toEqual(['content.levels.1.tasks.2.title', 'content.liftConditions.0']);
    expect(content.levels[1]!.tasks[2]!.title).toHaveLength(1000);
    expect(content.levels[1]!.tasks[2]!.title.endsWith('…')).toBe(true);
    expect(content.liftConditions[0]!).toHaveLength(500);
    expect(plan.levels[1]!.tasks[2]!.title).toHaveLength(1200); // the input is not changed
  });
});
