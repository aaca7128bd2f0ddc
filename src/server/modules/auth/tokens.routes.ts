import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiToken, ApiTokenId, ApiTokenQuery } from '../../../contracts/auth';
import { ErrorBody, OkBody } from '../../../contracts/common';
import { principalOf } from '../../http/auth';
import type { TokenService } from './tokens.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export const tokenRoutes =
  (svc: TokenService): FastifyPluginAsyncZod =>
  async (app) => {
    // Any signed-in user manages their own tokens; whose else they may see is the service's scope rule.
    app.get('/api/auth/tokens', {
      schema: { tags: ['auth'], summary: 'API 令牌列表（本人，或管理员查看辖区内用户）', querystring: ApiTokenQuery, response: { 200: z.array(ApiToken), ...errors } },
    }, async (req) => svc.list(principalOf(req), req.query.userId));
    app.delete('/api/auth/tokens/:id', {
      schema: { tags: ['auth'], summary: '吊销 API 令牌', params: z.object({ id: ApiTokenId }), response: { 200: OkBody, ...errors } },
    }, async (req) => {
      await svc.revoke(principalOf(req), req.params.id);
      return { ok: true as const };
    });
  };
