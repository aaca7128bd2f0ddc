// Sensors (监测设备) and their readings. A reading is (sensor, instant): a replay or duplicate is stored
// once and counted as a duplicate; late and out-of-order readings are stored by their own time. Batches
// are judged per reading (documented in the API): the good ones are stored, the bad ones listed.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { ReadingIn, SENSOR_KINDS, type SensorCreate, type SensorKind } from '../../../contracts/monitoring';
import { isWithinScope, subtreeRange } from '../../../domain/shared/jurisdiction';
import { sql } from 'kysely';
import { isSqlite, type Db, type Tx } from '../../db';
import type { SensorRow } from '../../db/schema';
import { transact } from '../../db/transact';
import type { Bus } from '../../events/bus';
import { inTransaction, notifyLeads } from '../../events/outbox';
import { isSilent } from '../../../domain/warnings/offline';
import { invalid } from '../../errors';
import { newSecret, sha256 } from '../auth/passwords';
import type { Principal } from '../auth/principal';
import { JurisdictionService } from '../jurisdictions/jurisdictions.service';

export const SENSOR_TOKEN_PREFIX = 'sws_';
export const MAX_READINGS_PER_REQUEST = 10_000;
/** Field clocks drift; a reading further ahead than this is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** An item that could not even be parsed (an NDJSON line or MQTT payload that is not JSON). */
export class UnparsableReading {
  constructor(readonly reason: string) {}
}

export interface StoredReading { sensorId: string; at: string; value: number }
/** Called after a batch is durable, with the readings that were new (rule evaluation). */
export type ReadingSink = (readings: StoredReading[]) => Promise<void> | void;

/** Who sends: a sensor with its own token (its readings only) or a user/gateway token (sensors in scope). */
export type ReadingSource = { kind: 'sensor'; sensorId: string } | { kind: 'principal'; principal: Principal } | { kind: 'broker' };

const SENSOR_COLUMNS = ['s.id', 's.name', 's.kind', 's.unit', 's.lat', 's.lon', 's.jurisdiction_code', 's.scope_path', 's.organisation_id',
  's.interval_seconds', 's.last_reading_at', 's.last_value', 's.created_at'] as const;

/**
 * The newest reading of each sensor is kept on the sensor (on-line state, last value on the map), in one statement
 * per batch: a join with the batch given as one JSON parameter (json_each on SQLite, json_to_recordset on PostgreSQL).
 */
async function setNewestReadings(tx: Tx, stored: StoredReading[]) {
  const latest = new Map<string, StoredReading>();
  for (const r of stored) if (!latest.has(r.sensorId) || latest.get(r.sensorId)!.at < r.at) latest.set(r.sensorId, r);
  if (!latest.size) return;
  const batch = JSON.stringify([...latest.values()].map((r) => ({ id: r.sensorId, at: r.at, value: r.value })));
  const newer = sql`(sensors.last_reading_at is null or sensors.last_reading_at < v.at)`;
  await (isSqlite(tx)
    ? sql`update sensors set last_reading_at = v.at, last_value = v.value
          from (select value ->> 'id' as id, value ->> 'at' as at, value ->> 'value' as value from json_each(${batch})) as v
          where sensors.id = v.id and ${newer}`
    : sql`update sensors set last_reading_at = v.at, last_value = v.value
          from json_to_recordset(${batch}::json) as v(id text, at text, value double precision)
          where sensors.id = v.id and ${newer}`
  ).execute(tx);
}

export class SensorService {
  private readonly sinks: ReadingSink[] = [];

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly clock: () => Date = () => new Date()) {}

  onReadings(sink: ReadingSink) {
    this.sinks.push(sink);
  }

  private dto(r: Pick<SensorRow, 'id' | 'name' | 'kind' | 'unit' | 'lat' | 'lon' | 'jurisdiction_code' | 'interval_seconds' | 'last_reading_at' | 'last_value' | 'created_at'> & { j_name: string; o_name: string | null }) {
    const now = this.clock();
    return {
      id: r.id, name: r.name, kind: r.kind, kindLabel: SENSOR_KINDS[r.kind as SensorKind]?.zh ?? r.kind, unit: r.unit,
      location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
      jurisdictionCode: r.jurisdiction_code, jurisdictionName: r.j_name, organisationName: r.o_name,
      intervalSeconds: r.interval_seconds, lastReadingAt: r.last_reading_at, lastValue: r.last_value,
      // 在线: has reported, and not for longer than its interval ago.
      online: r.last_reading_at !== null && !isSilent(r.last_reading_at, r.created_at, r.interval_seconds, now),
      createdAt: r.created_at,
    };
  }

  private query() {
    return this.db
      .selectFrom('sensors as s')
      .innerJoin('jurisdictions as j', 'j.code', 's.jurisdiction_code')
      .leftJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(SENSOR_COLUMNS)
      .select(['j.name as j_name', 'o.name as o_name']);
  }

  async list(p: Principal) {
    const r = subtreeRange(p.scopePath);
    const rows = await this.query().where('s.scope_path', '>=', r.from).where('s.scope_path', '<', r.to).orderBy('s.scope_path').orderBy('s.name').execute();
    return rows.map((x) => this.dto(x));
  }

  async create(p: Principal, input: z.output<typeof SensorCreate>) {
    const id = uuidv7();
    const token = SENSOR_TOKEN_PREFIX + newSecret();
    const at = this.clock().toISOString();
    await inTransaction(this.db, this.bus, async (out) => {
      const j = await JurisdictionService.inScope(out.tx, p, input.jurisdictionCode);
      if (input.organisationId) {
        const o = await out.tx.selectFrom('organisations').select('scope_path').where('id', '=', input.organisationId).executeTakeFirst();
        if (!o || !isWithinScope(o.scope_path, p.scopePath)) throw invalid([{ path: 'organisationId', message: '单位不存在或不在管辖范围内' }]);
      }
      await out.tx.insertInto('sensors').values({
        id, name: input.name, kind: input.kind, unit: input.unit || SENSOR_KINDS[input.kind].unit, lat: input.location?.lat ?? null, lon: input.location?.lon ?? null,
        jurisdiction_code: j.code, scope_path: j.path, organisation_id: input.organisationId, interval_seconds: input.intervalSeconds,
        token_hash: sha256(token), last_reading_at: null, last_value: null, offline_since: null, created_at: at,
      }).execute();
      await out.append({ incidentId: null, type: 'sensor.created', actor: { id: p.userId, name: p.name }, jurisdictionCode: j.code, scopePath: j.path, summary: `${p.name} 登记监测设备：${input.name}`, data: { sensorId: id } });
    });
    const row = await this.query().where('s.id', '=', id).executeTakeFirstOrThrow();
    return { ...this.dto(row), token };
  }

  /**
   * The scheduled check: a sensor silent for longer than its interval is reported 离线 once (timeline, and a notice to
   * the duty staff of its jurisdiction); when it reports again its return is recorded.
   */
  async checkOffline(): Promise<{ offline: number; back: number }> {
    const now = this.clock();
    const at = now.toISOString();
    const rows = await this.db.selectFrom('sensors').select(['id', 'name', 'jurisdiction_code', 'scope_path', 'interval_seconds', 'last_reading_at', 'offline_since', 'created_at']).execute();
    let offline = 0;
    let back = 0;
    for (const s of rows) {
      const silent = isSilent(s.last_reading_at, s.created_at, s.interval_seconds, now);
      if (silent === (s.offline_since !== null)) continue;
      await inTransaction(this.db, this.bus, async (out) => {
        const res = await out.tx.updateTable('sensors').set({ offline_since: silent ? at : null }).where('id', '=', s.id)
          .where('offline_since', silent ? 'is' : 'is not', null).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return; // another node was first
        const base = { incidentId: null, actor: null, jurisdictionCode: s.jurisdiction_code, scopePath: s.scope_path, data: { sensorId: s.id } };
        if (silent) {
          const since = s.last_reading_at ? `最后读数 ${s.last_reading_at}` : '登记后从未上报';
          const text = `监测设备离线：${s.name}（超过 ${Math.round(s.interval_seconds / 60) || 1} 分钟无读数，${since}）`;
          await out.append({ ...base, type: 'sensor.offline', summary: text });
          await notifyLeads(out, s.scope_path, text, null, at);
          offline++;
        } else {
          await out.append({ ...base, type: 'sensor.online', summary: `监测设备恢复上报：${s.name}` });
          back++;
        }
      });
    }
    return { offline, back };
  }

  /** The sensor a token belongs to (sensor tokens only). */
  async byToken(token: string): Promise<string | null> {
    if (!token.startsWith(SENSOR_TOKEN_PREFIX)) return null;
    const r = await this.db.selectFrom('sensors').select('id').where('token_hash', '=', sha256(token)).executeTakeFirst();
    return r?.id ?? null;
  }

  /**
   * Stores a batch. Per reading: invalid, unknown, out-of-scope or future readings are listed with their
   * index and reason; the rest are stored in one durable transaction; duplicates are counted, not stored.
   * It resolves once the new readings have also been evaluated (the rules' warnings are written), unless
   * `evaluated` is given: then it resolves when they are stored, and the evaluation is handed over.
   */
  async ingest(source: ReadingSource, items: unknown[], evaluated?: (done: Promise<void>) => void) {
    if (items.length > MAX_READINGS_PER_REQUEST)
      throw invalid([{ path: '', message: `一次最多 ${MAX_READINGS_PER_REQUEST} 条读数，本次 ${items.length} 条` }], '读数过多');
    const now = this.clock();
    const rejected: { index: number; path: string; message: string }[] = [];
    const good: { index: number; sensorId: string; at: string; value: number }[] = [];
    items.forEach((item, index) => {
      if (item instanceof UnparsableReading) return rejected.push({ index, path: '', message: item.reason });
      const r = ReadingIn.safeParse(item);
      if (!r.success) {
        for (const i of r.error.issues) rejected.push({ index, path: i.path.join('.'), message: i.message });
        return;
      }
      const sensorId = source.kind === 'sensor' ? source.sensorId : r.data.sensorId;
      if (!sensorId) return rejected.push({ index, path: 'sensorId', message: '请填写设备编号 sensorId' });
      if (source.kind === 'sensor' && r.data.sensorId && r.data.sensorId !== source.sensorId)
        return rejected.push({ index, path: 'sensorId', message: '设备令牌只能上报本设备的读数' });
      const at = new Date(r.data.at);
      if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return rejected.push({ index, path: 'at', message: '读数时间晚于当前时间' });
      good.push({ index, sensorId, at: at.toISOString(), value: r.data.value });
    });

    // Sensors must exist, and for a user's token lie in the user's area.
    const ids = [...new Set(good.map((g) => g.sensorId))];
    const known = new Map(
      ids.length ? (await this.db.selectFrom('sensors').select(['id', 'scope_path']).where('id', 'in', ids).execute()).map((s) => [s.id, s.scope_path]) : [],
    );
    const accepted = good.filter((g) => {
      const path = known.get(g.sensorId);
      const ok = path !== undefined && (source.kind !== 'principal' || isWithinScope(path, source.principal.scopePath));
      if (!ok) rejected.push({ index: g.index, path: 'sensorId', message: `未知的设备：${g.sensorId}` });
      return ok;
    });

    const receivedAt = now.toISOString();
    // In key order (time first, migration 0007), consecutive rows land on the same pages.
    accepted.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.sensorId < b.sensorId ? -1 : a.sensorId > b.sensorId ? 1 : 0));
    const fresh = await transact(this.db, async (tx) => {
      const stored: StoredReading[] = [];
      for (let i = 0; i < accepted.length; i += 500) {
        const rows = accepted.slice(i, i + 500).map((g) => ({ sensor_id: g.sensorId, at: g.at, value: g.value, received_at: receivedAt }));
        const inserted = await tx.insertInto('readings').values(rows).onConflict((oc) => oc.columns(['sensor_id', 'at']).doNothing()).returning(['sensor_id', 'at', 'value']).execute();
        for (const r of inserted) stored.push({ sensorId: r.sensor_id, at: r.at, value: Number(r.value) });
      }
      await setNewestReadings(tx, stored);
      return stored;
    });
    const evaluation = (async () => {
      for (const sink of this.sinks) await sink(fresh);
    })();
    if (evaluated) evaluated(evaluation);
    else await evaluation;
    rejected.sort((a, b) => a.index - b.index);
    return { accepted: fresh.length, duplicates: accepted.length - fresh.length, rejected };
  }
}
