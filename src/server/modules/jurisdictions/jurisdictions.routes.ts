import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoundaryCollection, BoundaryImportResult, Jurisdiction, JurisdictionQuery } from '../../../contracts/jurisdictions';
import { authorise } from '../../http/auth';
import { uploadedFile } from '../../http/upload';
import { invalid } from '../../errors';
import type { JurisdictionService } from './jurisdictions.service';

/** A county's village outlines from a survey export run to tens of megabytes before simplifying. */
const MAX_BOUNDARY_BYTES = 50 * 1024 * 1024;

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

    app.post('/api/jurisdictions/boundaries', {
      schema: {
        tags: ['jurisdictions'], summary: '导入行政区划边界（multipart 的 file 字段，GeoJSON 经纬度；只更新本辖区）',
        description: '按要素属性中的区划代码（code、adcode、XZQDM、区划代码…，或 codeProperty 指定）匹配；6/9/12 位代码均可。投影坐标或几何有误时整份拒绝，不做更改。',
        querystring: z.object({ codeProperty: z.string().min(1).max(40).optional() }),
        response: { 200: BoundaryImportResult },
      },
      bodyLimit: MAX_BOUNDARY_BYTES + 1024 * 1024,
    }, async (req) => {
      const p = authorise(req, 'jurisdiction.manage');
      if (!req.isMultipart()) throw invalid([{ path: 'file', message: '请以 multipart/form-data 上传 GeoJSON 文件（file 字段）' }]);
      const { bytes } = await uploadedFile(req, MAX_BOUNDARY_BYTES, '请选择 GeoJSON 文件');
      return svc.importBoundaries(p, bytes.toString('utf8'), req.query.codeProperty);
    });
  };
