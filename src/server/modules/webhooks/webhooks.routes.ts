import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { authorise } from '../../http/auth';
import { DELIVERY_STATUSES, EnabledPatch, Webhook, WebhookCreate, WebhookCreated, WebhookDelivery } from '../../../contracts/monitoring';
import type { WebhookService } from './webhooks.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const webhookRoutes =
  (svc: WebhookService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/webhooks', { schema: { tags: ['warnings'], summary: '预警推送地址（Webhook）', response: { 200: z.array(Webhook), ...errors } } }, async (req) => svc.list(authorise(req, 'rules.manage')));
    app.post('/api/webhooks', {
      schema: {
        tags: ['warnings'], summary: '新增预警推送地址（返回的签名密钥只显示这一次）', body: WebhookCreate,
        description: '每次预警发布、更新、解除、过期时 POST JSON；请求头 x-shouwang-signature = "sha256=" + HMAC-SHA256(密钥, 时间戳 + "." + 请求体)，x-shouwang-timestamp 为秒级时间戳。失败按 30 秒、1、2、4、8 分钟重试，6 次后进入死信列表。',
        response: {
          201: WebhookCreated,
          ...errors,
        },
      },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'rules.manage'), req.body)));
    app.patch('/api/webhooks/:id', {
      schema: { tags: ['warnings'], summary: '启用或停用推送地址', params: z.object({ id: z.string().min(1).max(64) }), body: EnabledPatch, response: { 200: Webhook, ...errors } },
    }, async (req) => svc.setEnabled(authorise(req, 'rules.manage'), req.params.id, req.body.enabled));
    app.get('/api/webhooks/deliveries', {
      schema: {
        tags: ['warnings'], summary: '推送记录（status=dead 为死信列表）', querystring: z.object({ status: z.enum(DELIVERY_STATUSES).optional() }),
        response: { 200: z.array(WebhookDelivery), ...errors },
      },
    }, async (req) => svc.deliveries(authorise(req, 'rules.manage'), { status: req.query.status }));
    app.post('/api/webhooks/deliveries/:id/retry', {
      schema: { tags: ['warnings'], summary: '重新推送（死信）', params: z.object({ id: z.string().min(1).max(64) }), response: { 200: WebhookDelivery, ...errors } },
    }, async (req) => svc.retry(authorise(req, 'rules.manage'), req.params.id));
  };
