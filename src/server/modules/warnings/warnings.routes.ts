import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { WarningCreate, WarningDto, WarningLift, WarningToIncident } from '../../../contracts/monitoring';
import { WARNING_STATUSES } from '../../../domain/warnings/model';
import { authorise } from '../../http/auth';
import { invalid } from '../../http/errors';
import type { WarningService } from './warnings.service';
import type { PlanService } from '../plans/plans.service';
import { PlanSuggestion } from '../../../contracts/plans';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const warningRoutes =
  (svc: WarningService, plans: PlanService): FastifyPluginAsyncZod =>
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

    // The CAP document is the body (application/xml, text/xml or application/cap+xml).
    for (const type of ['application/xml', 'text/xml', 'application/cap+xml'])
      if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 6 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    app.post('/api/cap/import', {
      schema: {
        tags: ['warnings'], summary: '导入 CAP 1.2 预警（请求体为 XML 文档；CAP 1.1 自动升级并说明）',
        description: '成功返回 201 { warningId }；不是 CAP、不符合 CAP 1.2 结构、含 DOCTYPE/实体的文档返回 400 并说明原因；重复导入返回 409。',
        response: { 201: z.object({ warningId: z.string() }), ...errors },
      },
    }, async (req, reply) => {
      const p = authorise(req, 'warning.create');
      if (typeof req.body !== 'string') throw invalid([{ path: '', message: '请以 application/xml 提交 CAP 文档' }]);
      return reply.status(201).send(await svc.importCap(p, req.body));
    });

    app.get('/api/warnings/:id/cap.xml', {
      schema: { tags: ['warnings'], summary: 'CAP 1.2 文档（导入的预警按原样导出）', params: Params, querystring: z.object({ profile: z.enum(['cap', 'gbt35965']).default('cap') }) },
    }, async (req, reply) => {
      const xml = await svc.capXml(authorise(req, 'incident.read'), req.params.id, req.query.profile === 'gbt35965' ? 'gbt' : 'cap');
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    });

    app.get('/api/warnings/:id/plan-suggestions', {
      schema: { tags: ['warnings'], summary: '本预警适用的预案及理由（预案的预警启动条件）', params: Params, response: { 200: z.array(PlanSuggestion), ...errors } },
    }, async (req) => plans.warningSuggestions(await svc.planFacts(authorise(req, 'plan.read'), req.params.id)));

    app.post('/api/warnings/:id/incident', {
      schema: { tags: ['warnings'], summary: '由预警生成事件，或关联已有事件', params: Params, body: WarningToIncident, response: { 200: WarningDto, ...errors } },
    }, async (req) => svc.toIncident(authorise(req, 'incident.create'), req.params.id, req.body));

    app.post('/api/warnings/:id/ack', {
      schema: { tags: ['warnings'], summary: '签收预警', params: Params, response: { 200: WarningDto, ...errors } },
    }, async (req) => svc.ack(authorise(req, 'warning.ack'), req.params.id));
  };
