import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Id } from '../../../contracts/common';
import { AllocationProposalDto } from '../../../contracts/resources';
import { authorise } from '../../http/auth';
import { AcceptBody, ProposeBody, type AllocationService } from './allocation.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const allocationRoutes =
  (svc: AllocationService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/allocation/propose', {
      schema: {
        tags: ['resources'], summary: '优化调配：已批准而未满足的物资需求 × 辖区仓库库存，按最小加权运输时间求解（HiGHS），并列出贪心（就近）方案以作对比',
        description: '返回 { id, allocations, unmet, cost, greedyCost, greedy, saving }；cost = Σ 数量 × 运输分钟 + Σ 未满足数量 × 紧急程度罚值。',
        body: ProposeBody, response: { 200: AllocationProposalDto, ...errors },
      },
    }, async (req) => svc.propose(authorise(req, 'resource.dispatch'), req.body));
    app.post('/api/allocation/warm-up', {
      schema: {
        tags: ['resources'], summary: '预热优化求解线程：打开“优化调配”时调用，随后的首个方案不必等待线程启动（空闲 15 分钟后自动停止）',
        response: { 204: z.null(), ...errors },
      },
    }, async (req, reply) => {
      authorise(req, 'resource.dispatch');
      // Best effort: if the workers cannot start, the proposal itself will say why.
      await svc.solver.warm().catch(() => {});
      return reply.status(204).send(null);
    });
    app.post('/api/allocation/:id/accept', {
      schema: {
        tags: ['resources'], summary: '采纳调配方案（可先修改）：一次性下达全部调拨单', params: z.object({ id: Id }), body: AcceptBody,
        response: { 200: z.object({ id: z.string(), orders: z.int() }), ...errors },
      },
    }, async (req) => svc.accept(authorise(req, 'resource.dispatch'), req.params.id, req.body));
  };
