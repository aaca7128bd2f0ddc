import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { Gap, ImportedPlan, PlanCreate, PlanDetail, PlanDiff, PlanImportBody, PlanIssue, PlanRecord, PlanSummary, PlanUpdate } from '../../../contracts/plans';
import { PLAN_KINDS } from '../../../domain/plans/model';
import { authorise } from '../../http/auth';
import { uploadedFile } from '../../http/upload';
import { invalid } from '../../errors';
import { MAX_PLAN_DOCUMENT_BYTES } from './plan-document';
import type { PlanService } from './plans.service';

const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
/** A version number, or the pending draft, or the version in force. */
const Which = z.union([z.literal('draft'), z.literal('current'), z.coerce.number().int().min(1)], { error: '须为版本号、draft 或 current' });

export const planRoutes =
  (svc: PlanService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/plans', {
      schema: {
        tags: ['plans'], summary: '预案列表（本辖区及上级预案）与预案健康度（备案、演练、评估）',
        querystring: z.object({ q: z.string().max(100).optional(), kind: z.enum(PLAN_KINDS).optional(), health: z.enum(['ok', 'due_soon', 'overdue', 'done', 'not_issued']).optional() }),
        response: { 200: z.array(PlanSummary), ...errors },
      },
    }, async (req) => svc.list(authorise(req, 'plan.read'), req.query));

    app.post('/api/plans', {
      schema: { tags: ['plans'], summary: '新建预案草稿', body: PlanCreate, response: { 201: PlanDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'plan.manage'), req.body)));

    app.get('/api/plans/:id', {
      schema: { tags: ['plans'], summary: '预案详情：草稿、现行版本、要素检查、版本与记录', params: Params, response: { 200: PlanDetail, ...errors } },
    }, async (req) => svc.get(authorise(req, 'plan.read'), req.params.id));

    app.put('/api/plans/:id', {
      schema: { tags: ['plans'], summary: '保存草稿（已发布版本不变）', params: Params, body: PlanUpdate, response: { 200: PlanDetail, ...errors } },
      bodyLimit: 5 * 1024 * 1024,
    }, async (req) => svc.update(authorise(req, 'plan.manage'), req.params.id, req.body));

    app.post('/api/plans/:id/versions', {
      schema: { tags: ['plans'], summary: '发布草稿为新版本（不可再改）', params: Params, body: PlanIssue, response: { 201: PlanDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.issue(authorise(req, 'plan.manage'), req.params.id, req.body)));

    app.get('/api/plans/:id/diff', {
      schema: {
        tags: ['plans'], summary: '两个版本之间的差异', params: Params,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.union([z.literal('draft'), z.coerce.number().int().min(1)]) }),
        response: { 200: PlanDiff, ...errors },
      },
    }, async (req) => svc.diff(authorise(req, 'plan.read'), req.params.id, req.query.from, req.query.to));

    app.get('/api/plans/:id/export.yaml', {
      schema: { tags: ['plans'], summary: '导出为 YAML（可编辑后再导入）', params: Params, querystring: z.object({ version: Which.default('current') }) },
    }, async (req, reply) => {
      const f = await svc.exportYaml(authorise(req, 'plan.read'), req.params.id, req.query.version);
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="plan.yaml"; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .send(f.text);
    });

    app.post('/api/plans/:id/records', {
      schema: { tags: ['plans'], summary: '登记备案、演练或评估', params: Params, body: PlanRecord, response: { 201: PlanDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.addRecord(authorise(req, 'plan.manage'), req.params.id, req.body)));

    app.get('/api/plans/:id/gaps', {
      schema: {
        tags: ['plans'], summary: '缺口检查：无人担任的岗位、无责任岗位的任务、无联系方式的单位、无人接收的通知', params: Params,
        querystring: z.object({ level: z.string().min(1).max(40), version: Which.default('current') }), response: { 200: z.array(Gap), ...errors },
      },
    }, async (req) => svc.gaps(authorise(req, 'plan.read'), req.params.id, req.query.level, req.query.version));

    // multipart/form-data (field "file") or JSON { filename, content } — content is text, or Base64 for .docx.
    app.post('/api/plans/import', {
      schema: {
        tags: ['plans'], summary: '导入预案文档（.docx/.md/.txt 生成结构化草稿；.yaml/.json 按结构校验）',
        description: 'multipart/form-data 的 file 字段，或 JSON {filename, content}（.docx 的 content 为 Base64）。返回草稿，不保存；用 POST /api/plans 保存。',
        response: { 200: ImportedPlan, ...errors },
      },
      bodyLimit: 15 * 1024 * 1024,
    }, async (req) => {
      authorise(req, 'plan.manage');
      if (req.isMultipart()) {
        const upload = await uploadedFile(req, MAX_PLAN_DOCUMENT_BYTES);
        return svc.importFile(upload.filename, upload.bytes);
      }
      const body = PlanImportBody.safeParse(req.body);
      if (!body.success) throw invalid(body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const { filename, content } = body.data;
      return svc.importFile(filename, /\.docx$/i.test(filename) ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8'));
    });
  };
