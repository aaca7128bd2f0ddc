export * from './common';
export * from './auth';
export * from './jurisdictions';
export * from './incidents';
export * from './admin';
export * from './rules';
export * from './plans';
export * from './monitoring';
