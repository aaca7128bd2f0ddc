import { z } from 'zod';

/** Error body of every 4xx/5xx answer (docs/ARCHITECTURE.md §4). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Instant = z.iso.datetime({ offset: true, error: '须为带时区的 ISO 8601 时间，如 2026-11-29T08:00:00+08:00' });

export const Id = z.string().min(1).max(64);

export const CursorPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const OkBody = z.object({ ok: z.literal(true) });
