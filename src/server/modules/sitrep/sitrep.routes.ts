import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorise } from '../../http/auth';
import type { SitrepService } from './sitrep.service';

const Params = z.object({ id: z.string().min(1).max(64) });
const Query = z.object({
  kind: z.enum(['initial', 'follow_up'], '须为 initial（情况报告）或 follow_up（续报）').optional(),
  sequence: z.coerce.number().int().min(1).max(999).optional(),
  recipient: z.string().trim().max(100).optional(),
});
const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

export const sitrepRoutes =
  (svc: SitrepService): FastifyPluginAsyncZod =>
  async (app) => {
    for (const format of ['docx', 'pdf'] as const) {
      app.get(`/api/incidents/:id/sitrep.${format}`, {
        schema: { tags: ['reports'], summary: `生成情况报告/续报（${format === 'docx' ? 'Word' : 'PDF'}，公文格式）`, params: Params, querystring: Query },
      }, async (req, reply) => {
        const p = authorise(req, 'incident.read');
        const f = await svc[format](p, req.params.id, req.query);
        return reply
          .type(MIME[format])
          .header('content-disposition', `attachment; filename="sitrep.${format}"; filename*=UTF-8''${encodeURIComponent(`${f.title}.${format}`)}`)
          .send(f.content);
      });
    }
  };
