import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Organisation, OrganisationCreate } from '../../../contracts/admin';
import { ErrorBody } from '../../../contracts/common';
import { authorise } from '../../http/auth';
import type { OrganisationService } from './organisations.service';

export const organisationRoutes =
  (svc: OrganisationService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/organisations', {
      schema: { tags: ['admin'], summary: '辖区内单位', response: { 200: z.array(Organisation) } },
    }, async (req) => svc.list(authorise(req, 'incident.read')));
    app.post('/api/organisations', {
      schema: { tags: ['admin'], summary: '新建单位', body: OrganisationCreate, response: { 201: Organisation, 400: ErrorBody, 409: ErrorBody } },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'org.manage'), req.body)));
  };
