import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, Id } from '../../../contracts/common';
import {
  DecisionBody, Depot, DepotCreate, Equipment, EquipmentCreate, Expert, ExpertCreate, Item, ItemCreate, MovementCreate, MovementDto, OrderCreate, RequestCreate,
  ResourceRequest, Shelter, ShelterCreate, StockLine, StockQuery, Team, TeamCreate,
} from '../../../contracts/resources';
import { authorise } from '../../http/auth';
import type { Principal } from '../auth/principal';
import { ORDER_ACTIONS, type OrderAction } from '../../../domain/resources/requests';
import type { RequestService } from './requests.service';
import type { ResourceService } from './resources.service';
import type { StockService } from './stock.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['resources'];

export const resourceRoutes =
  (svc: ResourceService, stock: StockService, requests: RequestService): FastifyPluginAsyncZod =>
  async (app) => {
    // One list and one create route per register, the same shape each (validated and serialised by the schemas;
    // the generic helper is typed loosely because the type provider cannot follow a schema passed as a parameter).
    const plain = app as unknown as FastifyInstance;
    const register = <C extends z.ZodType, D extends z.ZodType>(path: string, what: string, body: C, dto: D,
      list: (p: Principal) => Promise<unknown>, create: (p: Principal, v: z.output<C>) => Promise<unknown>) => {
      plain.get(path, { schema: { tags, summary: `${what}（辖区内）`, response: { 200: z.array(dto), ...errors } } }, async (req) => list(authorise(req, 'resource.read')));
      plain.post(path, { schema: { tags, summary: `登记${what}`, body, response: { 201: dto, ...errors } } },
        async (req, reply) => reply.status(201).send(await create(authorise(req, 'resource.manage'), req.body as z.output<C>)));
    };
    register('/api/items', '物资目录', ItemCreate, Item, () => svc.items(), (p, v) => svc.createItem(p, v));
    register('/api/depots', '仓库', DepotCreate, Depot, (p) => svc.depots(p), (p, v) => svc.createDepot(p, v));
    register('/api/teams', '救援队伍', TeamCreate, Team, (p) => svc.teams(p), (p, v) => svc.createTeam(p, v));
    register('/api/experts', '专家', ExpertCreate, Expert, (p) => svc.experts(p), (p, v) => svc.createExpert(p, v));
    register('/api/equipment', '装备与车辆', EquipmentCreate, Equipment, (p) => svc.equipment(p), (p, v) => svc.createEquipment(p, v));
    register('/api/shelters', '避难场所', ShelterCreate, Shelter, (p) => svc.shelters(p), (p, v) => svc.createShelter(p, v));

    app.get('/api/stock', {
      schema: { tags, summary: '库存（按仓库、物资、批次；expiringWithinDays 为临期）', querystring: StockQuery, response: { 200: z.array(StockLine), ...errors } },
    }, async (req) => stock.list(authorise(req, 'resource.read'), req.query));
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

    const id = z.object({ id: Id });
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
  };
