// Failures a person can act on, raised by services without knowing about HTTP; the HTTP layer maps
// each kind to a status code (http/errors.ts). Messages are zh-CN.
export interface FieldError { path: string; message: string }

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') => new AppError('not_found', 'not_found', `${what}不存在或无权访问`);
export const forbidden = (msg = '没有执行此操作的权限') => new AppError('forbidden', 'forbidden', msg);
export const invalid = (fields: FieldError[], message = '输入有误，请检查标注的字段') =>
  new AppError('invalid', 'validation_failed', message, fields);
export const conflict = (message: string, fields: FieldError[] = [], code = 'conflict') => new AppError('conflict', code, message, fields);
export const unauthenticated = (message = '请先登录') => new AppError('unauthenticated', 'unauthenticated', message);
