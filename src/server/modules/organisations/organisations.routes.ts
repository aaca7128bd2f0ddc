import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Organisation, OrganisationCreate, OrganisationPatch } from '../../../contracts/admin';
import { ErrorBody, OkBody } from '../../../contracts/common';
import { authorise } from '../../http/auth';
import type { OrganisationService } from './organisations.service';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.object({ id: z.string().max(64) });

export const organisationRoutes =
  (svc: OrganisationService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/organisations', {
      schema: { tags: ['admin'], summary: '辖区内单位', response: { 200: z.array(Organisation) } },
    }, async (req) => svc.list(authorise(req, 'incident.read')));
    app.post('/api/organisations', {
      schema: { tags: ['admin'], summary: '新建单位', body: OrganisationCreate, response: { 201: Organisation, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'org.manage'), req.body)));
    app.patch('/api/organisations/:id', {
      schema: { tags: ['admin'], summary: '修改单位（名称、类型、所属辖区、电话）', params, body: OrganisationPatch, response: { 200: Organisation, ...errors } },
    }, async (req) => svc.patch(authorise(req, 'org.manage'), req.params.id, req.body));
    app.delete('/api/organisations/:id', {
      schema: { tags: ['admin'], summary: '删除单位（仍被用户或记录引用时拒绝，409）', params, response: { 200: OkBody, ...errors } },
    }, async (req) => {
      await svc.remove(authorise(req, 'org.manage'), req.params.id);
      return { ok: true as const };
    });
  };
