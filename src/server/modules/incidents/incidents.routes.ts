import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FiledReport, Incident, IncidentCreate, IncidentEvent, IncidentListQuery, IncidentPatch, IncidentTypeInfo, ReportFile, RequiredReport,
} from '../../../contracts/incidents';
import { CursorPage, ErrorBody } from '../../../contracts/common';
import { authorise, principalOf } from '../../http/auth';
import { invalid, wantsEnglish } from '../../http/errors';
import { eventInEnglish } from '../../http/summaries-en';
import type { IncidentService } from './incidents.service';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const incidentRoutes =
  (svc: IncidentService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/incident-types', {
      schema: { tags: ['incidents'], summary: '事件类型代码表', response: { 200: z.array(IncidentTypeInfo) } },
    }, async (req) => {
      principalOf(req);
      return svc.types();
    });

    app.get('/api/incidents', {
      schema: { tags: ['incidents'], summary: '事件列表（辖区内，新到旧）', querystring: IncidentListQuery, response: { 200: CursorPage(Incident), ...errors } },
    }, async (req) => svc.list(authorise(req, 'incident.read'), req.query));

    app.post('/api/incidents', {
      schema: {
        tags: ['incidents'], summary: '接报新事件（自动定级）', body: IncidentCreate,
        headers: z.object({ 'idempotency-key': z.string().min(8, '幂等键至少 8 位').max(100).optional() }),
        response: { 201: Incident, ...errors },
      },
    }, async (req, reply) => {
      const p = authorise(req, 'incident.create');
      const dto = await svc.create(p, req.body, req.headers['idempotency-key']);
      return reply.status(201).send(dto);
    });

    app.get('/api/incidents/:id', {
      schema: { tags: ['incidents'], summary: '事件详情', params: Params, response: { 200: Incident, ...errors } },
    }, async (req) => svc.get(authorise(req, 'incident.read'), req.params.id));

    app.patch('/api/incidents/:id', {
      schema: { tags: ['incidents'], summary: '修改事件、变更状态或人工定级', params: Params, body: IncidentPatch, response: { 200: Incident, ...errors } },
    }, async (req) => {
      const p = authorise(req, 'incident.read');
      if (Object.keys(req.body).length === 0) throw invalid([{ path: '', message: '没有要修改的内容' }]);
      return svc.patch(p, req.params.id, req.body);
    });

    app.get('/api/incidents/:id/events', {
      schema: { tags: ['incidents'], summary: '事件时间线', params: Params, response: { 200: z.array(IncidentEvent), ...errors } },
    }, async (req) => {
      const events = await svc.events(authorise(req, 'incident.read'), req.params.id);
      // Stored (and said to zh-CN callers) in Chinese; English on the way out when asked for.
      return wantsEnglish(req) ? events.map(eventInEnglish) : events;
    });

    app.get('/api/incidents/:id/reports', {
      schema: { tags: ['reports'], summary: '应报信息及时限（初报/续报/补报/终报）', params: Params, response: { 200: z.array(RequiredReport), ...errors } },
    }, async (req) => svc.requiredReports(authorise(req, 'incident.read'), req.params.id));

    app.get('/api/incidents/:id/reports/filed', {
      schema: { tags: ['reports'], summary: '已报送的信息', params: Params, response: { 200: z.array(FiledReport), ...errors } },
    }, async (req) => svc.filedReports(authorise(req, 'incident.read'), req.params.id));

    app.post('/api/incidents/:id/reports', {
      schema: { tags: ['reports'], summary: '报送信息（493号令 第十二条内容）', params: Params, body: ReportFile, response: { 201: FiledReport, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.fileReport(authorise(req, 'report.file'), req.params.id, req.body)));
  };
