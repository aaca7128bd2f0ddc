import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoundaryCollection, Jurisdiction, JurisdictionQuery } from '../../../contracts/jurisdictions';
import { authorise } from '../../http/auth';
import type { JurisdictionService } from './jurisdictions.service';

export const jurisdictionRoutes =
  (svc: JurisdictionService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/jurisdictions', {
      schema: { tags: ['jurisdictions'], summary: '下级行政区划', querystring: JurisdictionQuery, response: { 200: z.array(Jurisdiction) } },
    }, async (req) => svc.list(authorise(req, 'jurisdiction.read'), req.query.parent));

    app.get('/api/jurisdictions/boundaries', {
      schema: {
        tags: ['jurisdictions'], summary: '行政区划边界（本级及下一级，GeoJSON）',
        querystring: z.object({ code: JurisdictionQuery.shape.parent }), response: { 200: BoundaryCollection },
      },
    }, async (req) => svc.boundaries(authorise(req, 'jurisdiction.read'), req.query.code));
  };
