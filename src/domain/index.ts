// Public API of the pure domain core.
export * from './shared/time';
export * from './shared/jurisdiction';
export * from './incidents/model';
export * from './incidents/types';
export * from './incidents/grading';
export * from './incidents/reporting';
export * from './incidents/lifecycle';
export * from './access/permissions';
export * from './incidents/rule-settings';
export * from './plans/model';
export * from './plans/elements';
export * from './plans/obligations';
export * from './plans/matching';
export * from './plans/activation';
export * from './plans/diff';
export * from './plans/examples';
export * from './warnings/model';
