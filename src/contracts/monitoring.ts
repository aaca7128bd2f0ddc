// Sensors, readings and warnings over HTTP.
import { z } from 'zod';
import { CATEGORIES } from '../domain/incidents/model';
import { WARNING_LEVELS, WARNING_STATUSES, findWarningType } from '../domain/warnings/model';
import { Id, Instant } from './common';

const code = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '行政区划代码须为 6、9 或 12 位数字');
const text = (max: number, label: string) => z.string(`${label}须为文字`).trim().max(max, `${label}不超过 ${max} 字`);

/** Sensor kinds with their usual units (a registry entry may name another unit). */
export const SENSOR_KINDS = {
  rainfall: { zh: '雨量', en: 'Rainfall', unit: 'mm' },
  water_level: { zh: '水位', en: 'Water level', unit: 'm' },
  wind_speed: { zh: '风速', en: 'Wind speed', unit: 'm/s' },
  wind_gust: { zh: '阵风', en: 'Wind gust', unit: 'm/s' },
  wind_direction: { zh: '风向', en: 'Wind direction', unit: '°' },
  temperature: { zh: '气温', en: 'Air temperature', unit: '°C' },
  road_temperature: { zh: '路面温度', en: 'Road surface temperature', unit: '°C' },
  ground_temperature: { zh: '地面温度', en: 'Ground surface temperature', unit: '°C' },
  visibility: { zh: '能见度', en: 'Visibility', unit: 'm' },
  snowfall: { zh: '降雪量', en: 'Snowfall', unit: 'mm' },
  gas_lel: { zh: '可燃气体浓度', en: 'Combustible gas', unit: '%LEL' },
  pm25: { zh: 'PM2.5', en: 'PM2.5', unit: 'μg/m³' },
  displacement: { zh: '位移/裂缝', en: 'Displacement / crack', unit: 'mm' },
  lightning_strikes: { zh: '闪电次数', en: 'Lightning strikes', unit: '次' },
} as const;
export type SensorKind = keyof typeof SENSOR_KINDS;

export const SensorCreate = z.object({
  name: text(100, '名称').min(1, '请填写名称'),
  kind: z.enum(Object.keys(SENSOR_KINDS) as [SensorKind, ...SensorKind[]], '未知的监测类型'),
  unit: text(20, '单位').optional(),
  location: z.object({
    lat: z.number('须为数字').min(-90, '纬度须在 -90 到 90 之间').max(90, '纬度须在 -90 到 90 之间'),
    lon: z.number('须为数字').min(-180, '经度须在 -180 到 180 之间').max(180, '经度须在 -180 到 180 之间'),
  }).strict().nullable().default(null),
  jurisdictionCode: code,
  organisationId: Id.nullable().default(null),
  intervalSeconds: z.int('须为整数（秒）').min(1, '至少 1 秒').max(7 * 86_400, '不超过 7 天').default(300),
}).strict();

export const Sensor = z.object({
  id: z.string(), name: z.string(), kind: z.string(), kindLabel: z.string(), unit: z.string(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  jurisdictionCode: z.string(), jurisdictionName: z.string(), organisationName: z.string().nullable(),
  intervalSeconds: z.int(), lastReadingAt: z.string().nullable(), lastValue: z.number().nullable(),
  online: z.boolean(), createdAt: z.string(),
});
/** Answer to registering a sensor: the token is shown this once (only its hash is stored). */
export const SensorCreated = Sensor.extend({ token: z.string() });

/** One reading. With a sensor's own token `sensorId` may be left out. */
export const ReadingIn = z.object({
  sensorId: Id.optional(),
  at: Instant,
  value: z.number('读数须为数字').finite('读数须为有限数字'),
}).strict();

export const IngestResult = z.object({
  accepted: z.int(),
  duplicates: z.int(),
  rejected: z.array(z.object({ index: z.int(), path: z.string(), message: z.string() })),
});

export const WarningCreate = z.object({
  typeCode: z.string().max(40),
  level: z.enum(WARNING_LEVELS, '级别须为 red/orange/yellow/blue'),
  onset: Instant,
  expires: Instant.nullable().default(null),
  areaDesc: text(500, '可能影响范围').min(1, '请填写可能影响的范围'),
  jurisdictionCodes: z.array(code).min(1, '至少选择一个辖区').max(200),
  headline: text(200, '警示事项').min(1, '请填写警示事项'),
  description: text(4000, '详细内容').default(''),
  instruction: text(4000, '应当采取的措施').min(1, '请填写应当采取的措施'),
  issuer: text(100, '发布单位').optional(),
}).strict().superRefine((w, ctx) => {
  const t = findWarningType(w.typeCode);
  if (!t) ctx.addIssue({ code: 'custom', path: ['typeCode'], message: `未知的预警类型：${w.typeCode}` });
  else if (!t.levels.includes(w.level)) ctx.addIssue({ code: 'custom', path: ['level'], message: `${t.zh}预警没有该级别` });
  if (w.expires && Date.parse(w.expires) <= Date.parse(w.onset)) ctx.addIssue({ code: 'custom', path: ['expires'], message: '结束时间须晚于起始时间' });
});

export const WarningDto = z.object({
  id: z.string(), typeCode: z.string(), typeLabel: z.string(), category: z.enum(CATEGORIES), level: z.enum(WARNING_LEVELS), levelLabel: z.string(),
  status: z.enum(WARNING_STATUSES), origin: z.enum(['rule', 'person', 'cap_import']),
  onset: z.string(), expires: z.string().nullable(), areaDesc: z.string(), jurisdictionCodes: z.array(z.string()),
  headline: z.string(), description: z.string(), instruction: z.string(), issuer: z.string(), issuedAt: z.string().nullable(), liftedAt: z.string().nullable(),
  basis: z.string(), sensorId: z.string().nullable(), ruleId: z.string().nullable(), incidentId: z.string().nullable(), identifier: z.string(),
  jurisdictionName: z.string(), acks: z.array(z.object({ userName: z.string(), organisationName: z.string(), at: z.string() })), ackedByMe: z.boolean(),
  /** Issued, unacknowledged past the configured time: red on the board. */
  escalated: z.boolean(),
  channels: z.object({ sms: z.string(), broadcast: z.string() }),
  createdAt: z.string(), updatedAt: z.string(), version: z.int(),
});
/** Open an incident from a warning, or join an existing one. */
export const WarningToIncident = z.object({
  incidentId: Id.optional(),
  /** The incident type when the warning's type does not say (e.g. 其他). */
  typeCode: z.string().max(40).optional(),
}).strict();
export const WarningLift = z.object({ note: text(1000, '说明').default('') }).strict();

// Warning rules: a template bound to sensors (each read on its own) and sites (sensors of different kinds at one
// place read together, e.g. temperature + wind for 寒潮), with a jurisdiction's numeric changes.
const sensorRef = z.string().min(1).max(64);
export const WarningRuleCreate = z.object({
  name: text(100, '名称').min(1, '请填写规则名称').optional(),
  template: z.string().max(60),
  sensorIds: z.array(sensorRef).max(500).default([]),
  /** Per site: measured quantity (sensor kind) → sensor id. */
  sites: z.array(z.object({ sensors: z.record(z.string(), sensorRef) }).strict()).max(500).default([]),
  /** Thresholds, windows, 回差, hold: only what differs from the template (see bindTemplate). */
  overrides: z.record(z.string(), z.unknown()).default({}),
  autoIssue: z.boolean().default(false),
  jurisdictionCode: code,
}).strict().refine((v) => v.sensorIds.length + v.sites.length > 0, { path: ['sensorIds'], message: '至少绑定一个监测设备或站点' });

export const WarningRule = z.object({
  id: z.string(), name: z.string(), template: z.string(), typeCode: z.string(),
  sensorIds: z.array(z.string()),
  sites: z.array(z.object({ siteKey: z.string(), sensors: z.record(z.string(), z.string()) })),
  overrides: z.record(z.string(), z.unknown()), autoIssue: z.boolean(), enabled: z.boolean(),
  jurisdictionCode: z.string(), createdBy: z.string(), createdAt: z.string(),
});

/** Switch a rule or a webhook on or off (kept, with its history). */
export const EnabledPatch = z.object({ enabled: z.boolean('须为 true 或 false') }).strict();

// Webhooks: other systems receive every public change of a warning in their area, signed.
export const WebhookCreate = z.object({
  name: text(100, '名称').min(1, '请填写名称'),
  url: z.url({ protocol: /^https?$/, error: '须为 http:// 或 https:// 地址' }).max(500),
  jurisdictionCode: code,
}).strict();

export const Webhook = z.object({ id: z.string(), name: z.string(), url: z.string(), enabled: z.boolean(), jurisdictionCode: z.string(), createdBy: z.string(), createdAt: z.string() });
export const WebhookCreated = Webhook.extend({ secret: z.string() });

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export const WebhookDelivery = z.object({
  id: z.string(), webhookId: z.string(), webhookName: z.string(), warningId: z.string(), warningHeadline: z.string(), event: z.string(),
  status: z.enum(DELIVERY_STATUSES), attempts: z.int(), nextAttemptAt: z.string(), lastError: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable(),
});
