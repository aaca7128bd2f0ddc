// Emergency resources over HTTP: the item catalogue, depots, stock and its ledger, teams, experts, equipment, shelters.
import { z } from 'zod';
import {
  EQUIPMENT_KINDS, EQUIPMENT_STATUSES, ITEM_CATEGORIES, SHELTER_KINDS, SHELTER_STATUSES, TEAM_KINDS, TEAM_STATUSES,
} from '../domain/resources/model';
import { MOVEMENT_KINDS } from '../domain/resources/ledger';
import { Id } from './common';

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const code = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码须为 6、9 或 12 位数字');
const text = (max: number, label: string) => z.string(`${label}须为文字`).trim().max(max, `${label}不超过 ${max} 字`);
const required = (max: number, label: string) => text(max, label).min(1, `请填写${label}`);
const phone = text(40, '电话').default('');
const location = z.object({
  lat: z.number('须为数字').min(-90, '纬度须在 -90 到 90 之间').max(90, '纬度须在 -90 到 90 之间'),
  lon: z.number('须为数字').min(-180, '经度须在 -180 到 180 之间').max(180, '经度须在 -180 到 180 之间'),
}).strict().nullable().default(null);
const count = (label: string) => z.int(`${label}须为整数`).min(0, `${label}不能为负数`).max(10_000_000, `${label}过大`);
const day = z.iso.date('须为日期，如 2027-06-30');
const Located = { location: z.object({ lat: z.number(), lon: z.number() }).nullable(), jurisdictionCode: z.string(), jurisdictionName: z.string() };

type NoDefaults<S extends z.ZodRawShape> = { [K in keyof S]: S[K] extends z.ZodDefault<infer T> ? T : S[K] };
/**
 * A change of a register entry (PATCH): the fields and rules of its create schema, each optional and without its
 * default — a field left out stays as it is, it is not reset — and at least one.
 */
const patchOf = <S extends z.ZodRawShape>(create: z.ZodObject<S>) =>
  z.object(Object.fromEntries(Object.entries(create.shape).map(([k, s]) => [k, s instanceof z.ZodDefault ? s.removeDefault() : s])) as NoDefaults<S>)
    .partial().strict().refine((v) => Object.keys(v).length > 0, { message: '请至少填写一项要修改的内容' });

export const ItemCreate = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,40}$/, '编码为 1–40 位字母、数字、点、横线或下划线'),
  name: required(100, '名称'),
  category: z.enum(keys(ITEM_CATEGORIES), '未知的物资类别'),
  unit: required(10, '计量单位'),
  spec: text(200, '规格型号').default(''),
}).strict();
export const ItemPatch = patchOf(ItemCreate);
export const Item = ItemCreate.extend({ id: z.string(), categoryLabel: z.string(), createdAt: z.string() });

export const DepotCreate = z.object({
  name: required(100, '名称'),
  address: text(200, '地址').default(''),
  location,
  jurisdictionCode: code,
  organisationId: Id.nullable().default(null),
  contactName: text(40, '联系人').default(''),
  contactPhone: phone,
}).strict();
export const DepotPatch = patchOf(DepotCreate);
export const Depot = z.object({
  id: z.string(), name: z.string(), address: z.string(), ...Located, organisationId: z.string().nullable(),
  contactName: z.string(), contactPhone: z.string(), createdAt: z.string(),
});

export const StockLine = z.object({
  id: z.string(), depotId: z.string(), depotName: z.string(), itemId: z.string(), itemCode: z.string(), itemName: z.string(), unit: z.string(),
  batch: z.string(), expiresOn: z.string().nullable(), quantity: z.int(), updatedAt: z.string(),
  /** The depot's minimum of the item (储备定额), and whether all its batches together are below it. */
  minimum: z.int().nullable(), belowMinimum: z.boolean(),
});
export const MinimumSet = z.object({
  depotId: Id, itemId: Id,
  minimum: z.int('须为整数').min(0, '不能为负数').max(10_000_000, '数量过大'),
}).strict();
export const StockQuery = z.object({
  depotId: Id.optional(),
  itemId: Id.optional(),
  /** Only lines that expire within this many days (and still hold stock). */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});

export const MovementCreate = z.object({
  kind: z.enum(keys(MOVEMENT_KINDS), '未知的出入库类型'),
  itemId: Id,
  batch: text(40, '批次').default(''),
  /** With a receipt: the batch's expiry date. */
  expiresOn: day.nullable().default(null),
  fromDepotId: Id.nullable().default(null),
  toDepotId: Id.nullable().default(null),
  quantity: z.int('数量须为正整数').min(1, '数量须为正整数').max(10_000_000, '数量过大'),
  reason: required(500, '事由'),
  incidentId: Id.nullable().default(null),
}).strict();
export const MovementDto = z.object({
  id: z.string(), kind: z.enum(keys(MOVEMENT_KINDS)), kindLabel: z.string(), itemId: z.string(), itemName: z.string(), unit: z.string(), batch: z.string(),
  fromDepotId: z.string().nullable(), fromDepotName: z.string().nullable(), toDepotId: z.string().nullable(), toDepotName: z.string().nullable(),
  quantity: z.int(), reason: z.string(), incidentId: z.string().nullable(), actorName: z.string(), at: z.string(),
});

export const TeamCreate = z.object({
  name: required(100, '名称'),
  kind: z.enum(keys(TEAM_KINDS), '未知的队伍类型'),
  headcount: count('人数'),
  skills: z.array(required(40, '专长')).max(30).default([]),
  equipment: text(1000, '装备').default(''),
  status: z.enum(keys(TEAM_STATUSES), '未知的状态').default('standby'),
  location,
  contactName: text(40, '联系人').default(''),
  contactPhone: phone,
  jurisdictionCode: code,
  organisationId: Id.nullable().default(null),
}).strict();
export const TeamPatch = patchOf(TeamCreate);
export const Team = TeamCreate.omit({ location: true, jurisdictionCode: true }).extend({ id: z.string(), ...Located, skills: z.array(z.string()), createdAt: z.string() });

export const ExpertCreate = z.object({
  name: required(40, '姓名'),
  field: required(100, '专业领域'),
  title: text(60, '职称').default(''),
  employer: text(100, '工作单位').default(''),
  phone,
  jurisdictionCode: code,
}).strict();
export const ExpertPatch = patchOf(ExpertCreate);
export const Expert = ExpertCreate.omit({ jurisdictionCode: true }).extend({ id: z.string(), jurisdictionCode: z.string(), jurisdictionName: z.string(), createdAt: z.string() });

export const EquipmentCreate = z.object({
  name: required(100, '名称'),
  kind: z.enum(keys(EQUIPMENT_KINDS), '未知的装备类型'),
  model: text(100, '型号').default(''),
  plate: text(20, '车牌号').default(''),
  status: z.enum(keys(EQUIPMENT_STATUSES), '未知的状态').default('available'),
  depotId: Id.nullable().default(null),
  teamId: Id.nullable().default(null),
  location,
  jurisdictionCode: code,
}).strict();
export const EquipmentPatch = patchOf(EquipmentCreate);
export const Equipment = EquipmentCreate.omit({ location: true, jurisdictionCode: true }).extend({ id: z.string(), ...Located, createdAt: z.string() });

/** The rule across a shelter's fields: checked here on create, and against the stored entry on a change. */
export const OCCUPANCY_RULE = { path: 'occupancy', message: '现有人数不能超过容纳人数' } as const;
const ShelterFields = z.object({
  name: required(100, '名称'),
  kind: z.enum(keys(SHELTER_KINDS), '未知的场所类型'),
  capacity: count('容纳人数'),
  occupancy: count('现有人数').default(0),
  areaM2: z.number('须为数字').min(0, '面积不能为负数').nullable().default(null),
  facilities: z.array(required(40, '设施')).max(30).default([]),
  address: text(200, '地址').default(''),
  location,
  status: z.enum(keys(SHELTER_STATUSES), '未知的状态').default('open'),
  jurisdictionCode: code,
}).strict();
export const ShelterCreate = ShelterFields.refine((v) => v.occupancy <= v.capacity, { path: [OCCUPANCY_RULE.path], message: OCCUPANCY_RULE.message });
export const ShelterPatch = patchOf(ShelterFields);
export const Shelter = z.object({
  id: z.string(), name: z.string(), kind: z.enum(keys(SHELTER_KINDS)), capacity: z.int(), occupancy: z.int(), areaM2: z.number().nullable(),
  facilities: z.array(z.string()), address: z.string(), status: z.enum(keys(SHELTER_STATUSES)), ...Located, createdAt: z.string(),
});

// An incident's resource requests and the dispatch orders that meet them.
export const RequestCreate = z.object({
  kind: z.enum(['item', 'team'], '须为 item（物资）或 team（队伍）'),
  /** For kind item: the catalogue item. */
  itemId: Id.nullable().default(null),
  /** For kind team: the team kind wanted. */
  teamKind: z.enum(keys(TEAM_KINDS), '未知的队伍类型').nullable().default(null),
  description: text(200, '说明').default(''),
  quantity: z.int('数量须为正整数').min(1, '数量须为正整数').max(10_000_000, '数量过大'),
  destination: required(200, '送达地点'),
  location,
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], '紧急程度须为 1（特急）到 4（一般）').default(2),
  neededBy: z.iso.datetime({ offset: true, error: '须为带时区的 ISO 8601 时间' }).nullable().default(null),
  note: text(1000, '备注').default(''),
}).strict().superRefine((v, ctx) => {
  if (v.kind === 'item' && !v.itemId) ctx.addIssue({ code: 'custom', path: ['itemId'], message: '请选择物资' });
  if (v.kind === 'team' && !v.teamKind) ctx.addIssue({ code: 'custom', path: ['teamKind'], message: '请选择队伍类型' });
});

export const OrderCreate = z.object({
  depotId: Id.nullable().default(null),
  teamId: Id.nullable().default(null),
  batch: text(40, '批次').default(''),
  quantity: z.int('数量须为正整数').min(1, '数量须为正整数').max(10_000_000, '数量过大'),
}).strict().refine((v) => !!v.depotId !== !!v.teamId, { path: ['depotId'], message: '请指定一个仓库或一支队伍' });

export const ResourceGap = z.object({
  kind: z.enum(['item', 'team']), type: z.string(), unit: z.string(), required: z.number(), held: z.number().nullable(), gap: z.number(),
  matched: z.object({ itemId: z.string().optional(), teamKind: z.string().optional(), name: z.string() }).nullable(), note: z.string().nullable(),
});

export const DecisionBody = z.object({ note: text(1000, '说明').default('') }).strict();

export const DispatchOrder = z.object({
  id: z.string(), requestId: z.string(), depotId: z.string().nullable(), depotName: z.string().nullable(), teamId: z.string().nullable(), teamName: z.string().nullable(),
  batch: z.string(), quantity: z.int(), status: z.enum(['ordered', 'in_transit', 'received', 'returned', 'cancelled']), etaMinutes: z.number().nullable(),
  createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(),
});

export const ResourceRequest = z.object({
  id: z.string(), incidentId: z.string(), responseId: z.string().nullable(), kind: z.enum(['item', 'team']), itemId: z.string().nullable(), teamKind: z.string().nullable(),
  description: z.string(), quantity: z.int(), unit: z.string(), destination: z.string(), location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  priority: z.int(), priorityLabel: z.string(), neededBy: z.string().nullable(), status: z.enum(['requested', 'approved', 'rejected', 'fulfilled', 'cancelled']),
  statusLabel: z.string(), note: z.string(), createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(),
  ordered: z.int(), received: z.int(), outstanding: z.int(), orders: z.array(DispatchOrder),
});

// 优化调配: the proposal as shown beside the greedy allocation.
const AllocationLine = z.object({
  requestId: z.string(), depotId: z.string(), itemId: z.string(), quantity: z.int(), km: z.number(), minutes: z.number(), request: z.string(), depot: z.string().nullable(),
});
const UnmetLine = z.object({ requestId: z.string(), itemId: z.string(), quantity: z.int(), code: z.string(), reason: z.string(), request: z.string() });
export const AllocationProposalDto = z.object({
  id: z.string(), allocations: z.array(AllocationLine), unmet: z.array(UnmetLine), cost: z.number(), greedyCost: z.number(),
  greedy: z.object({ allocations: z.array(AllocationLine), unmet: z.array(UnmetLine), cost: z.number() }),
  saving: z.number(), requests: z.int(), depots: z.int(), ms: z.number(),
});
