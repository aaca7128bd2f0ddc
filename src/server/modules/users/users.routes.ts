import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { User, UserCreate, UserPatch } from '../../../contracts/admin';
import { ErrorBody } from '../../../contracts/common';
import { authorise } from '../../http/auth';
import type { UserService } from './users.service';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const userRoutes =
  (svc: UserService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/users', { schema: { tags: ['admin'], summary: '辖区内用户', response: { 200: z.array(User), ...errors } } },
      async (req) => svc.list(authorise(req, 'user.manage')));
    app.post('/api/users', { schema: { tags: ['admin'], summary: '新建用户', body: UserCreate, response: { 201: User, ...errors } } },
      async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'user.manage'), req.body)));
    app.patch('/api/users/:id', {
      schema: { tags: ['admin'], summary: '修改、停用用户', params: z.object({ id: z.string().max(64) }), body: UserPatch, response: { 200: User, ...errors } },
    }, async (req) => svc.patch(authorise(req, 'user.manage'), req.params.id, req.body));
  };
