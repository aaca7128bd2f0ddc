// Warning rules: model, engine, templates (issue #4 §2).
export * from './model';
export { compileRuleSet, createEngineState, ingest, ingestMany, advanceTo, currentLevels, levelOf, offlineSensors } from './engine';
export type { EngineOptions, EngineState, EngineStats, RuleSet, CurrentLevel, OfflineSensor } from './engine';
export { describeCondition, leafName } from './conditions';
export { validateRule, validateBindings } from './validate';
export * from './templates';
export { beijingDay, SCALE } from './windows';
