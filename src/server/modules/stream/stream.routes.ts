// GET /api/stream: server-sent events of every committed change the caller may see (their subtree only).
import type { FastifyPluginAsync } from 'fastify';
import { isWithinScope } from '../../../domain/shared/jurisdiction';
import type { Bus } from '../../events/bus';
import { authorise } from '../../http/auth';

export const streamRoutes =
  (bus: Bus, opts: { heartbeatMs?: number } = {}): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/stream', { schema: { tags: ['live'], summary: '实时推送（SSE）：timeline / incident 事件' } }, async (req, reply) => {
      const p = authorise(req, 'incident.read');
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 3000\n: connected\n\n`);
      const unsubscribe = bus.subscribe((m) => {
        if (!isWithinScope(m.scopePath, p.scopePath) && !(m.reachesBelow && isWithinScope(p.scopePath, m.scopePath))) return;
        if (m.userIds && !m.userIds.includes(p.userId)) return;
        res.write(`event: ${m.name}\ndata: ${JSON.stringify(m.payload)}\n\n`);
      });
      const beat = setInterval(() => res.write(': keep-alive\n\n'), opts.heartbeatMs ?? 25_000);
      const close = () => {
        clearInterval(beat);
        unsubscribe();
      };
      req.raw.on('close', close);
      res.on('error', close);
    });
  };
