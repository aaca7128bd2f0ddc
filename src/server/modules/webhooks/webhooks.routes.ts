import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { authorise } from '../../http/auth';
import { WebhookCreate, type WebhookService } from './webhooks.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const webhookRoutes =
  (svc: WebhookService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/webhooks', { schema: { tags: ['warnings'], summary: '预警推送地址（Webhook）' } }, async (req) => svc.list(authorise(req, 'rules.manage')));
    app.post('/api/webhooks', {
      schema: {
        tags: ['warnings'], summary: '新增预警推送地址（返回的签名密钥只显示这一次）', body: WebhookCreate,
        description: '每次预警发布、更新、解除、过期时 POST JSON；请求头 x-shouwang-signature = "sha256=" + HMAC-SHA256(密钥, 时间戳 + "." + 请求体)，x-shouwang-timestamp 为秒级时间戳。失败按 30 秒、1、2、4、8 分钟重试，6 次后进入死信列表。',
        response: {
          201: z.object({ id: z.string(), name: z.string(), url: z.string(), enabled: z.boolean(), jurisdictionCode: z.string(), createdBy: z.string(), createdAt: z.string(), secret: z.string() }),
          ...errors,
        },
      },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'rules.manage'), req.body)));
    app.get('/api/webhooks/deliveries', {
      schema: { tags: ['warnings'], summary: '推送记录（status=dead 为死信列表）', querystring: z.object({ status: z.enum(['pending', 'delivered', 'dead']).optional() }) },
    }, async (req) => svc.deliveries(authorise(req, 'rules.manage'), req.query.status));
    app.post('/api/webhooks/deliveries/:id/retry', {
      schema: { tags: ['warnings'], summary: '重新推送（死信）', params: z.object({ id: z.string().min(1).max(64) }) },
    }, async (req) => svc.retry(authorise(req, 'rules.manage'), req.params.id));
  };
