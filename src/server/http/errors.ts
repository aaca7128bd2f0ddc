// One error shape for every failure: { error: { code, message, fields: [{ path, message }] } }.
// Messages are zh-CN by default and English for `Accept-Language: en` (the catalogue in messages-en.ts);
// bad input is always a 4xx and never changes anything.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { AppError, type ErrorKind } from '../errors';
import { translateMessage, translatePath } from './messages-en';

export { AppError, notFound, forbidden, invalid, conflict, unauthenticated } from '../errors';

const STATUS: Record<ErrorKind, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 };

/** Raised by our validator compiler; carries the zod issues so the handler can name every field. */
export class ValidationError extends Error {
  constructor(
    readonly part: string,
    readonly issues: z.core.$ZodIssue[],
    readonly reparse: (locale: 'en') => z.core.$ZodIssue[],
  ) {
    super('validation');
  }
}

export const zodValidatorCompiler =
  ({ schema, httpPart }: { schema: z.ZodType; httpPart?: string }) =>
  (data: unknown) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    const en = () => schema.safeParse(data, { error: z.locales.en().localeError }).error?.issues ?? [];
    return { error: new ValidationError(httpPart ?? 'body', r.error.issues, en) as unknown as Error };
  };

/** English for `?lang=en` (an EventSource cannot set headers) or `Accept-Language: en`; zh-CN otherwise. */
export const wantsEnglish = (req: FastifyRequest) =>
  /^en\b/i.test(String((req.query as { lang?: unknown } | undefined)?.lang ?? req.headers['accept-language'] ?? ''));

const pathOf = (p: PropertyKey[]) => p.map(String).join('.');

// Fastify's own 4xx errors, said in Chinese (and English).
const FASTIFY_MESSAGES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['请求体不是有效的 JSON', 'Request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['请求体为空', 'Request body is empty'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['请求体过大', 'Request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['不支持的内容类型，请使用 application/json', 'Unsupported content type; use application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['Content-Length 与请求体不符', 'Content-Length does not match the body'],
  FST_REQ_FILE_TOO_LARGE: ['文件过大（不超过 10 MB）', 'File too large (10 MB at most)'],
  FST_FILES_LIMIT: ['一次只能上传一个文件', 'Upload one file at a time'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['请以 multipart/form-data 上传文件', 'Upload the file as multipart/form-data'],
};

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  const en = wantsEnglish(req);
  // Said in Chinese; in English from the one catalogue (messages-en.ts) for a caller who asks.
  const say = (zh: string) => (en ? translateMessage(zh) : zh);
  if (err instanceof ValidationError) {
    const issues = en ? err.reparse('en') : err.issues;
    const fields = issues.map((i) => ({
      path: pathOf(i.path) || (err.part === 'body' ? '' : err.part),
      // zod's own messages come in English from the en locale; the contracts' custom messages stay zh-CN there.
      message: say(i.message),
    }));
    return reply.status(400).send({
      error: { code: 'validation_failed', message: say('输入有误，请检查标注的字段'), fields },
    });
  }
  if (err instanceof AppError) {
    if (!en) return reply.status(STATUS[err.kind]).send({ error: { code: err.code, message: err.message, fields: err.fields } });
    const fields = err.fields.map((f) => ({ ...f, path: translatePath(f.path), message: translateMessage(f.message) }));
    return reply.status(STATUS[err.kind]).send({ error: { code: err.code, message: translateMessage(err.message), fields } });
  }
  const fe = err as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const m = fe.code ? FASTIFY_MESSAGES[fe.code] : undefined;
    const message = m ? m[en ? 1 : 0] : status === 429 ? say('请求过于频繁，请稍后再试') : say(fe.message);
    return reply.status(status).send({ error: { code: fe.code ?? `http_${status}`, message, fields: [] } });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'internal', message: say('服务器内部错误，请稍后重试'), fields: [] } });
}
