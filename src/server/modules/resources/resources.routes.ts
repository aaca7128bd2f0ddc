import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Id } from '../../../contracts/common';
import {
  DecisionBody, Depot, DepotCreate, DepotPatch, Equipment, EquipmentCreate, EquipmentPatch, Expert, ExpertCreate, ExpertPatch, Item, ItemCreate, ItemPatch,
  MinimumSet, MovementCreate, MovementDto, OrderCreate, RequestCreate, ResourceGap, ResourceRequest, Shelter, ShelterCreate, ShelterPatch, StockLine, StockQuery,
  Team, TeamCreate, TeamPatch,
} from '../../../contracts/resources';
import { invalid } from '../../errors';
import { authorise } from '../../http/auth';
import { uploadedFile } from '../../http/upload';
import { ORDER_ACTIONS, type OrderAction } from '../../../domain/resources/requests';
import type { RequestService } from './requests.service';
import { REGISTER_LABELS, type Register, type ResourceService } from './resources.service';
import type { ExchangeService } from './exchange.service';
import type { PlanService } from '../plans/plans.service';
import { RESOURCE_KINDS } from './nearest-index';
import type { NearestService } from './nearest.service';
import { SHEET_KINDS, SHEETS, type SheetKind } from './sheets';
import { MAX_XLSX_BYTES, XLSX_CONTENT_TYPE } from './xlsx';
import type { StockService } from './stock.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['resources'];

export const resourceRoutes =
  (svc: ResourceService, stock: StockService, requests: RequestService, exchange: ExchangeService, near: NearestService, plans: PlanService): FastifyPluginAsyncZod =>
  async (app) => {
    // Per register: list, create, change and delete, the same shape each (validated and serialised by the schemas; the
    // generic helper is typed loosely because the type provider cannot follow a schema passed as a parameter).
    const plain = app as unknown as FastifyInstance;
    const id = z.object({ id: Id });
    const register = (kind: Register, what: string, create: z.ZodType, patch: z.ZodType, dto: z.ZodType) => {
      const one = REGISTER_LABELS[kind];
      const entry = (req: { params: unknown }) => (req.params as z.output<typeof id>).id;
      plain.get(`/api/${kind}`, { schema: { tags, summary: `${what}（辖区内）`, response: { 200: z.array(dto), ...errors } } },
        async (req) => svc.list(authorise(req, 'resource.read'), kind));
      plain.post(`/api/${kind}`, { schema: { tags, summary: `登记${one}`, body: create, response: { 201: dto, ...errors } } },
        async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'resource.manage'), kind, req.body as never)));
      plain.patch(`/api/${kind}/:id`, {
        schema: {
          tags, summary: `修改${one}（只改所给字段）`, description: '字段规则同登记；不在本辖区内的答复 404。', params: id, body: patch, response: { 200: dto, ...errors },
        },
      }, async (req) => svc.update(authorise(req, 'resource.manage'), kind, entry(req), req.body as never));
      plain.delete(`/api/${kind}/:id`, {
        schema: {
          tags, summary: `删除${one}`, description: '仍有库存，或已被出入库台账、资源需求、调拨单、装备引用时答复 409（error.code = in_use），不删除任何内容。',
          params: id, response: { 204: z.null(), ...errors },
        },
      }, async (req, reply) => {
        await svc.remove(authorise(req, 'resource.manage'), kind, entry(req));
        return reply.status(204).send(null);
      });
    };
    register('items', '物资目录', ItemCreate, ItemPatch, Item);
    register('depots', '仓库', DepotCreate, DepotPatch, Depot);
    register('teams', '救援队伍', TeamCreate, TeamPatch, Team);
    register('experts', '专家', ExpertCreate, ExpertPatch, Expert);
    register('equipment', '装备与车辆', EquipmentCreate, EquipmentPatch, Equipment);
    register('shelters', '避难场所', ShelterCreate, ShelterPatch, Shelter);

    app.get('/api/stock', {
      schema: { tags, summary: '库存（按仓库、物资、批次；expiringWithinDays 为临期）', querystring: StockQuery, response: { 200: z.array(StockLine), ...errors } },
    }, async (req) => stock.list(authorise(req, 'resource.read'), req.query));
    app.put('/api/stock/minimums', {
      schema: { tags, summary: '设置仓库某物资的储备定额（低于时提醒）', body: MinimumSet, response: { 200: MinimumSet, ...errors } },
    }, async (req) => stock.setMinimum(authorise(req, 'resource.manage'), req.body));
    app.get('/api/stock/movements', {
      schema: {
        tags, summary: '出入库台账（只增不改）', querystring: z.object({ depotId: Id.optional(), itemId: Id.optional(), incidentId: Id.optional() }),
        response: { 200: z.array(MovementDto), ...errors },
      },
    }, async (req) => stock.movements(authorise(req, 'resource.read'), req.query));
    app.post('/api/stock/movements', {
      schema: {
        tags, summary: '办理出入库：入库 / 出库 / 调拨 / 报损 / 归还',
        description: '库存只经台账变动；任何仓库的数量都不会小于 0。库存不足时答复 409（error.code = insufficient_stock），不写入任何内容。',
        body: MovementCreate, response: { 201: MovementDto, ...errors },
      },
    }, async (req, reply) => reply.status(201).send(await stock.move(authorise(req, 'resource.manage'), req.body)));

    app.get('/api/incidents/:id/resource-requests', {
      schema: { tags, summary: '事件的物资、队伍需求及其调拨单', params: id, response: { 200: z.array(ResourceRequest), ...errors } },
    }, async (req) => requests.list(authorise(req, 'resource.read'), req.params.id));
    app.post('/api/incidents/:id/resource-requests', {
      schema: { tags, summary: '提出物资或队伍需求（未给位置时送往事件地点）', params: id, body: RequestCreate, response: { 201: ResourceRequest, ...errors } },
    }, async (req, reply) => reply.status(201).send(await requests.create(authorise(req, 'resource.request'), req.params.id, req.body)));
    for (const decision of ['approve', 'reject'] as const)
      app.post(`/api/resource-requests/:id/${decision}`, {
        schema: { tags, summary: decision === 'approve' ? '批准需求' : '不批准需求', params: id, body: DecisionBody, response: { 200: ResourceRequest, ...errors } },
      }, async (req) => requests.decide(authorise(req, 'resource.dispatch'), req.params.id, decision === 'approve', req.body.note));
    app.post('/api/resource-requests/:id/orders', {
      schema: { tags, summary: '下达调拨单（仓库调物资或指派队伍）', params: id, body: OrderCreate, response: { 201: ResourceRequest, ...errors } },
    }, async (req, reply) => reply.status(201).send(await requests.createOrder(authorise(req, 'resource.dispatch'), req.params.id, req.body)));
    for (const action of Object.keys(ORDER_ACTIONS) as OrderAction[])
      app.post(`/api/dispatch-orders/:id/${action}`, {
        schema: {
          tags, summary: `调拨单${ORDER_ACTIONS[action].zh}${action === 'depart' ? '（仓库出库，队伍出动）' : action === 'return' ? '（物资归还入库，队伍休整）' : ''}`,
          params: id, response: { 200: ResourceRequest, ...errors },
        },
      }, async (req) => requests.act(authorise(req, action === 'receive' ? 'resource.request' : 'resource.manage'), req.params.id, action));

    // Excel: a blank template per kind, an import (all rows or none; ?onlyValid=true imports the valid ones), an export.
    const Kind = z.object({ kind: z.enum(SHEET_KINDS as [SheetKind, ...SheetKind[]], `可导入：${SHEET_KINDS.join('、')}`) });
    const xlsx = (reply: { header: (k: string, v: string) => unknown }, name: string) => {
      reply.header('content-type', XLSX_CONTENT_TYPE);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`);
    };
    app.get('/api/import/:kind/template.xlsx', { schema: { tags, summary: '导入模板（.xlsx，含填写说明与下拉选项）', params: Kind } }, async (req, reply) => {
      authorise(req, 'resource.read');
      xlsx(reply, `${SHEETS[req.params.kind].title}导入模板`);
      return exchange.template(req.params.kind);
    });
    app.get('/api/export/:file', {
      schema: { tags, summary: '导出为 .xlsx（如 /api/export/teams.xlsx）', params: z.object({ file: z.string().regex(new RegExp(`^(${SHEET_KINDS.join('|')})\\.xlsx$`), `可导出：${SHEET_KINDS.map((k) => `${k}.xlsx`).join('、')}`) }) },
    }, async (req, reply) => {
      const kind = req.params.file.replace(/\.xlsx$/, '') as SheetKind;
      const body = await exchange.export(authorise(req, 'resource.read'), kind);
      xlsx(reply, SHEETS[kind].title);
      return body;
    });
    app.post('/api/import/:kind', {
      schema: {
        tags, summary: '从 .xlsx 导入（multipart 的 file 字段）',
        description: '逐格检查；有任何错误时不导入，答复 400（error.code = invalid_rows，fields 为每个出错的单元格，如 D12）。onlyValid=true 时只导入无误的行，其余列在 invalidRows 与 errors 中。',
        params: Kind,
        querystring: z.object({
          onlyValid: z.enum(['true', 'false']).default('false'),
          /** The client's id for this import: its progress comes on the caller's live stream as `progress` events. */
          progressId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
        }),
      },
      bodyLimit: MAX_XLSX_BYTES + 1024 * 1024,
    }, async (req) => {
      const p = authorise(req, 'resource.manage');
      if (!req.isMultipart()) throw invalid([{ path: 'file', message: '请以 multipart/form-data 上传 .xlsx 文件（file 字段）' }]);
      const { bytes } = await uploadedFile(req, MAX_XLSX_BYTES, '请选择要导入的表格');
      return exchange.import(p, req.params.kind, bytes, { onlyValid: req.query.onlyValid === 'true', progressId: req.query.progressId });
    });

    app.get('/api/plans/:id/resource-gaps', {
      schema: {
        tags, summary: '预案某响应级别的资源缺口：所需物资、队伍与本辖区现有（库存、待命队伍）之差',
        params: id, querystring: z.object({ level: z.string().min(1).max(40) }), response: { 200: z.array(ResourceGap), ...errors },
      },
    }, async (req) => {
      const p = authorise(req, 'plan.read');
      const plan = await plans.levelNeeds(p, req.params.id, req.query.level);
      return svc.gaps(plan.scopePath, plan.needs);
    });
    app.get('/api/resources/nearest', {
      schema: {
        tags, summary: '离某点最近的队伍、仓库、避难场所、装备（道路距离 = 直线距离 × 道路系数，时间按平均车速估算）',
        querystring: z.object({
          lat: z.coerce.number().min(-90).max(90), lon: z.coerce.number().min(-180).max(180),
          kind: z.enum(RESOURCE_KINDS).optional(), limit: z.coerce.number().int().min(1).max(100).default(10),
        }),
      },
    }, async (req) => near.nearest(authorise(req, 'resource.read'), { lat: req.query.lat, lon: req.query.lon }, { kind: req.query.kind, limit: req.query.limit }));
  };
