import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common';
import { IngestResult, Sensor, SensorCreate, SensorCreated } from '../../../contracts/monitoring';
import { authorise } from '../../http/auth';
import { invalid, unauthenticated } from '../../http/errors';
import { SENSOR_TOKEN_PREFIX, UnparsableReading, type ReadingSource, type SensorService } from './sensors.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };

export const sensorRoutes =
  (svc: SensorService): FastifyPluginAsyncZod =>
  async (app) => {
    // NDJSON: one reading per line; a line that is not JSON is reported as such, the others still count.
    app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) => {
      const items = String(body)
        .split('\n')
        .map((line, i) => [line.trim(), i] as const)
        .filter(([line]) => line.length > 0)
        .map(([line, i]) => {
          try {
            return JSON.parse(line) as unknown;
          } catch {
            return new UnparsableReading(`第 ${i + 1} 行不是有效的 JSON`);
          }
        });
      done(null, items);
    });

    app.get('/api/sensors', {
      schema: { tags: ['monitoring'], summary: '监测设备（辖区内）', response: { 200: z.array(Sensor), ...errors } },
    }, async (req) => svc.list(authorise(req, 'incident.read')));

    app.post('/api/sensors', {
      schema: { tags: ['monitoring'], summary: '登记监测设备（返回的令牌只显示这一次）', body: SensorCreate, response: { 201: SensorCreated, ...errors } },
    }, async (req, reply) => reply.status(201).send(await svc.create(authorise(req, 'sensor.manage'), req.body)));

    app.post('/api/ingest/readings', {
      schema: {
        tags: ['monitoring'], summary: '上报读数（JSON 数组或 NDJSON，每次最多 10 000 条）',
        description:
          '认证：设备令牌 Authorization: Bearer sws_…（只能报本设备，可省略 sensorId），或有“登记监测设备”权限的用户令牌 swt_…（须填 sensorId，限本辖区设备）。' +
          '逐条处理：合格的读数入库，重复的（同一设备同一时刻）计入 duplicates 不重复入库，不合格的逐条列在 rejected（index、字段、原因）。请求体整体无效时返回 400，什么也不入库。',
        response: { 200: IngestResult, ...errors },
      },
      bodyLimit: 8 * 1024 * 1024,
    }, async (req) => {
      const header = req.headers.authorization ?? '';
      let source: ReadingSource;
      if (header.startsWith(`Bearer ${SENSOR_TOKEN_PREFIX}`)) {
        const sensorId = await svc.byToken(header.slice(7).trim());
        if (!sensorId) throw unauthenticated('设备令牌无效');
        source = { kind: 'sensor', sensorId };
      } else source = { kind: 'principal', principal: authorise(req, 'sensor.manage') };
      const body = req.body;
      const items = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { readings?: unknown }).readings) ? (body as { readings: unknown[] }).readings : null;
      if (!items) throw invalid([{ path: '', message: '请求体须为读数数组、{ "readings": [...] } 或 NDJSON' }]);
      return svc.ingest(source, items);
    });
  };
