import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { authorise } from '../../http/auth';
import { EnabledPatch, WarningRule, WarningRuleCreate } from '../../../contracts/monitoring';
import type { WarningRuleService } from './rules.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
export const warningRuleRoutes =
  (svc: WarningRuleService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/warning-rules/templates', {
      schema: { tags: ['warnings'], summary: '预警规则模板（国家气象预警信号标准等，含来源与待核实项）' },
    }, async (req) => {
      authorise(req, 'incident.read');
      return svc.templates();
    });
    app.get('/api/warning-rules', {
      schema: { tags: ['warnings'], summary: '预警规则（辖区内）', response: { 200: z.array(WarningRule), ...errors } },
    }, async (req) => svc.list(authorise(req, 'incident.read')));
    app.post('/api/warning-rules', {
      schema: { tags: ['warnings'], summary: '按模板设置预警规则并绑定监测设备或站点（可调整阈值、时长、回差）', body: WarningRuleCreate, response: { 201: WarningRule, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'sensor.manage'), req.body)));
    app.patch('/api/warning-rules/:id', {
      schema: { tags: ['warnings'], summary: '启用或停用预警规则（停用后其未解除的预警需人工解除）', params: z.object({ id: z.string().min(1).max(64) }), body: EnabledPatch, response: { 200: WarningRule, ...errors } },
    }, async (req) => svc.setEnabled(authorise(req, 'sensor.manage'), req.params.id, req.body.enabled));
  };
