// Readings over MQTT on `shouwang/sensors/<sensorId>/readings`: an embedded broker (aedes) that checks each
// device's token, or, when SHOUWANG_MQTT_URL names an external broker (Mosquitto…), a subscription to it —
// that broker then authenticates publishers. A payload that is not JSON is logged and dropped; nothing a
// device sends can stop the broker or the server.
import net from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import type { FastifyBaseLogger } from 'fastify';
import { can } from '../../../domain/access/permissions';
import type { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { MAX_READINGS_PER_REQUEST, UnparsableReading, type ReadingSource, type SensorService } from './sensors.service';

export const READINGS_TOPIC = /^shouwang\/sensors\/([^/]{1,64})\/readings$/;

/** A payload is one reading `{at, value}` or an array of them; the topic names the sensor. */
export function payloadItems(payload: Buffer, sensorId: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(payload.toString('utf8'));
  } catch {
    return [new UnparsableReading('消息不是有效的 JSON')];
  }
  const items = Array.isArray(data) ? data : [data];
  return items.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? { sensorId, ...(x as object) } : x));
}

interface Deps {
  sensors: SensorService;
  auth: AuthService;
  log: FastifyBaseLogger;
}

export interface MqttIngest {
  /** The port the embedded broker listens on, or null (external broker, or port taken). */
  port: number | null;
  /** Resolves when every reading received so far is stored. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type Identified = { sensorId?: string; principal?: Principal };

/** Readings waiting for the running batch to finish; beyond this a flood is dropped (and logged), not buffered. */
const MAX_PENDING = 200_000;

/**
 * Devices publish one reading per message, thousands a second. Storing each message on its own would cost a
 * transaction and statements per reading; instead the messages that arrive while a batch is being stored wait and
 * are stored together as the next batch (up to the HTTP limit per call), one batch at a time. The delay this adds
 * is at most the time of one batch. A stored batch's evaluation (rules → warnings) runs on while the next batch is
 * stored, so the two share commits.
 */
export class ReadingBatcher {
  private pending = new Map<string, { source: ReadingSource; items: unknown[] }>();
  private size = 0;
  private running: Promise<void> | null = null;
  private evaluating: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(private readonly deps: Deps) {}

  add(source: ReadingSource, topic: string, payload: Buffer) {
    const m = READINGS_TOPIC.exec(topic);
    if (!m) return;
    const items = payloadItems(payload, m[1]!);
    if (this.size + items.length > MAX_PENDING) {
      if (this.dropped++ % 10_000 === 0) this.deps.log.warn({ pending: this.size, dropped: this.dropped }, 'mqtt readings dropped: storage is behind');
      return;
    }
    const key = source.kind === 'sensor' ? `s:${source.sensorId}` : source.kind === 'principal' ? `p:${source.principal.userId}` : 'broker';
    const entry = this.pending.get(key);
    if (entry) entry.items.push(...items);
    else this.pending.set(key, { source, items });
    this.size += items.length;
    this.running ??= this.drain();
  }

  /** Resolves when everything received so far is stored (tests, shutdown). */
  async idle() {
    while (this.running) await this.running;
    await this.evaluating;
  }

  private async drain() {
    // Let the messages of this turn of the event loop (one TCP read holds many) join the first batch.
    await new Promise((r) => setImmediate(r));
    while (this.pending.size) {
      const batches = [...this.pending.values()];
      this.pending = new Map();
      this.size = 0;
      for (const { source, items } of batches)
        for (let i = 0; i < items.length; i += MAX_READINGS_PER_REQUEST) await this.store(source, items.slice(i, i + MAX_READINGS_PER_REQUEST));
    }
    this.running = null;
  }

  private async store(source: ReadingSource, items: unknown[]) {
    try {
      const r = await this.deps.sensors.ingest(source, items, (done) => {
        this.evaluating = done.catch((err: unknown) => this.deps.log.warn({ err }, 'warning rules failed on mqtt readings'));
      });
      if (r.rejected.length) this.deps.log.warn({ rejected: r.rejected.slice(0, 5), count: r.rejected.length }, 'mqtt readings rejected');
    } catch (err) {
      this.deps.log.warn({ err }, 'mqtt readings refused');
    }
  }
}

export async function startEmbeddedBroker(deps: Deps, opts: { port: number; host: string }): Promise<MqttIngest> {
  const broker = await Aedes.createBroker({
    // Username is free text; the password is a device token (sws_…) or a user API token (swt_…).
    authenticate: (client, _username, password, done) => {
      const token = password?.toString('utf8') ?? '';
      void (async () => {
        const sensorId = await deps.sensors.byToken(token);
        if (sensorId) return ((client as unknown as Identified).sensorId = sensorId), done(null, true);
        const p = await deps.auth.byApiToken(token);
        if (p && can(p.roles, 'sensor.manage')) return ((client as unknown as Identified).principal = p), done(null, true);
        const err = Object.assign(new Error('bad token'), { returnCode: 4 as const });
        done(err, false);
      })().catch(() => done(Object.assign(new Error('auth failed'), { returnCode: 3 as const }), false));
    },
    authorizePublish: (client, packet, done) => {
      const m = READINGS_TOPIC.exec(packet.topic);
      const who = client as unknown as Identified | null;
      if (!m || !who) return done(new Error('topic not allowed'));
      if (who.sensorId && who.sensorId !== m[1]) return done(new Error('a device publishes its own readings only'));
      done(null);
    },
    // Devices only send; nobody reads other devices' data through the broker.
    authorizeSubscribe: (_client, _sub, done) => done(new Error('subscriptions are not allowed'), null),
  });
  const batcher = new ReadingBatcher(deps);
  broker.on('publish', (packet, client) => {
    if (!client) return; // the broker's own $SYS messages
    const who = client as unknown as Identified;
    const source: ReadingSource = who.sensorId ? { kind: 'sensor', sensorId: who.sensorId } : { kind: 'principal', principal: who.principal! };
    batcher.add(source, packet.topic, packet.payload as Buffer);
  });
  broker.on('clientError', (client, err) => deps.log.debug({ client: client.id, err: err.message }, 'mqtt client error'));
  const server = net.createServer(broker.handle);
  const port = await new Promise<number | null>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      deps.log.warn({ err: err.message }, `内置 MQTT 代理未启动：端口 ${opts.port} 不可用（可设置 SHOUWANG_MQTT_PORT 或 SHOUWANG_MQTT_URL）`);
      resolve(null);
    });
    server.listen(opts.port, opts.host, () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    idle: () => batcher.idle(),
    close: async () => {
      // The broker first (it ends its clients' connections), then the listener, then what is still queued.
      await new Promise<void>((resolve) => broker.close(() => (port === null ? resolve() : server.close(() => resolve()))));
      await batcher.idle();
    },
  };
}

export async function startBrokerSubscription(deps: Deps, url: string): Promise<MqttIngest> {
  const client = mqtt.connect(url, { clientId: `shouwang-${process.pid}-${Date.now().toString(36)}`, reconnectPeriod: 2000 });
  const batcher = new ReadingBatcher(deps);
  client.on('message', (topic, payload) => batcher.add({ kind: 'broker' }, topic, payload));
  client.on('error', (err) => deps.log.warn({ err: err.message }, 'mqtt broker'));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync('shouwang/sensors/+/readings', { qos: 1 });
  return {
    port: null,
    idle: () => batcher.idle(),
    close: async () => {
      await client.endAsync();
      await batcher.idle();
    },
  };
}
