import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { WarningCreate, WarningDto, WarningLift } from '../../../contracts/monitoring';
import { WARNING_STATUSES } from '../../../domain/warnings/model';
import { authorise } from '../../http/auth';
import type { WarningService } from './warnings.service';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const warningRoutes =
  (svc: WarningService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/warnings', {
      schema: { tags: ['warnings'], summary: '预警（本辖区及覆盖本辖区的上级预警）', querystring: z.object({ status: z.enum([...WARNING_STATUSES, 'active']).optional() }), response: { 200: z.array(WarningDto), ...errors } },
    }, async (req) => svc.list(authorise(req, 'incident.read'), req.query));

    app.post('/api/warnings', {
      schema: { tags: ['warnings'], summary: '起草预警（突发事件应对法 第六十四条各项）', body: WarningCreate, response: { 201: WarningDto, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'warning.create'), req.body)));

    app.get('/api/warnings/:id', {
      schema: { tags: ['warnings'], summary: '预警详情', params: Params, response: { 200: WarningDto, ...errors } },
    }, async (req) => svc.get(authorise(req, 'incident.read'), req.params.id));

    for (const action of ['approve', 'issue', 'lift'] as const)
      app.post(`/api/warnings/:id/${action}`, {
        schema: { tags: ['warnings'], summary: { approve: '审核预警', issue: '发布预警', lift: '解除预警（第七十条）' }[action], params: Params, body: WarningLift.nullish(), response: { 200: WarningDto, ...errors } },
      }, async (req) => svc.transition(authorise(req, 'warning.issue'), req.params.id, action, req.body?.note ?? ''));

    app.post('/api/warnings/:id/ack', {
      schema: { tags: ['warnings'], summary: '签收预警', params: Params, response: { 200: WarningDto, ...errors } },
    }, async (req) => svc.ack(authorise(req, 'warning.ack'), req.params.id));
  };
