import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, OkBody } from '../../../contracts/common';
import { ActivateBody, PlanSuggestion, ResponseDto, ResponsePatch, Task, TaskProgressBody } from '../../../contracts/plans';
import { authorise } from '../../http/auth';
import { wantsEnglish } from '../../http/errors';
import { notificationInEnglish } from '../../http/notifications-en';
import type { ResponseService } from './responses.service';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const responseRoutes =
  (svc: ResponseService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/incidents/:id/plan-suggestions', {
      schema: { tags: ['responses'], summary: '本事件适用的预案及理由（类别、等级、辖区、条件）', params: Params, response: { 200: z.array(PlanSuggestion), ...errors } },
    }, async (req) => svc.suggestions(authorise(req, 'plan.read'), req.params.id));

    app.post('/api/incidents/:id/responses', {
      schema: { tags: ['responses'], summary: '启动预案：按响应级别建立指挥机构、任务与通知（突发事件应对法 第七十二条）', params: Params, body: ActivateBody, response: { 201: ResponseDto, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.activate(authorise(req, 'response.activate'), req.params.id, req.body)));

    app.get('/api/incidents/:id/responses', {
      schema: { tags: ['responses'], summary: '本事件的应急响应', params: Params, response: { 200: z.array(ResponseDto), ...errors } },
    }, async (req) => svc.list(authorise(req, 'incident.read'), { incidentId: req.params.id }));

    app.get('/api/responses', {
      schema: { tags: ['responses'], summary: '值班室视图：辖区内的应急响应', querystring: z.object({ status: z.enum(['active', 'lifted']).optional() }), response: { 200: z.array(ResponseDto), ...errors } },
    }, async (req) => svc.list(authorise(req, 'incident.read'), { status: req.query.status }));

    app.get('/api/responses/:id', {
      schema: { tags: ['responses'], summary: '应急响应详情', params: Params, response: { 200: ResponseDto, ...errors } },
    }, async (req) => svc.get(authorise(req, 'incident.read'), req.params.id));

    app.patch('/api/responses/:id', {
      schema: { tags: ['responses'], summary: '调整响应级别（提升/降低）或解除响应（第八十六条）', params: Params, body: ResponsePatch, response: { 200: ResponseDto, ...errors } },
    }, async (req) => svc.patch(authorise(req, 'response.activate'), req.params.id, req.body));

    app.get('/api/responses/:id/tasks', {
      schema: { tags: ['responses'], summary: '指挥看板：本响应的任务', params: Params, response: { 200: z.array(Task), ...errors } },
    }, async (req) => svc.tasks(authorise(req, 'incident.read'), req.params.id));

    app.get('/api/tasks/mine', {
      schema: { tags: ['responses'], summary: '我的任务（本人或本单位负责、未完成）', response: { 200: z.array(Task), ...errors } },
    }, async (req) => svc.myTasks(authorise(req, 'incident.read')));

    app.post('/api/tasks/:id/sign', {
      schema: { tags: ['responses'], summary: '签收任务', params: Params, response: { 200: Task, ...errors } },
    }, async (req) => svc.sign(authorise(req, 'task.work'), req.params.id));

    app.post('/api/tasks/:id/progress', {
      schema: { tags: ['responses'], summary: '反馈任务进展（文字与附件，附件为 Base64）', params: Params, body: TaskProgressBody, response: { 200: Task, ...errors, 413: ErrorBody } },
      bodyLimit: 60 * 1024 * 1024,
    }, async (req) => svc.progress(authorise(req, 'task.work'), req.params.id, req.body));

    app.get('/api/attachments/:id', {
      schema: { tags: ['responses'], summary: '下载附件', params: Params },
    }, async (req, reply) => {
      const a = await svc.attachment(authorise(req, 'incident.read'), req.params.id);
      return reply
        .type(a.mime)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
        .send(a.content);
    });

    app.get('/api/notifications', {
      schema: {
        tags: ['responses'], summary: '我的通知',
        response: { 200: z.array(z.object({ id: z.string(), text: z.string(), incidentId: z.string().nullable(), responseId: z.string().nullable(), at: z.string(), read: z.boolean() })), ...errors },
      },
    }, async (req) => {
      const list = await svc.notifications(authorise(req, 'incident.read'));
      return wantsEnglish(req) ? list.map(notificationInEnglish) : list; // stored in Chinese; English for a caller who asks
    });

    app.post('/api/notifications/read', {
      schema: { tags: ['responses'], summary: '全部标为已读', response: { 200: OkBody, ...errors } },
    }, async (req) => svc.markNotificationsRead(authorise(req, 'incident.read')));
  };
