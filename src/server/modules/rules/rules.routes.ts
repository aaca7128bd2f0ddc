import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { RuleSettings, RulesView } from '../../../contracts/rules';
import { authorise } from '../../http/auth';
import type { RulesService } from './rules.service';

const Code = z.string().regex(/^\d{6}(\d{3}){0,2}$/, '须为行政区划代码');
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const rulesRoutes =
  (svc: RulesService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/rules', {
      schema: { tags: ['rules'], summary: '本地规则（报告时限、定级口径）：本级设置、上级设置与生效值', querystring: z.object({ jurisdiction: Code.optional() }), response: { 200: RulesView, ...errors } },
    }, async (req) => svc.view(authorise(req, 'jurisdiction.read'), req.query.jurisdiction));
    app.put('/api/rules/:code', {
      schema: { tags: ['rules'], summary: '设置本辖区规则（只写需要改变的项；{} 恢复为上级/国家默认）', params: z.object({ code: Code }), body: RuleSettings, response: { 200: RulesView, ...errors } },
    }, async (req) => svc.set(authorise(req, 'rules.manage'), req.params.code, req.body));
  };
