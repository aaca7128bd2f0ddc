// Several Shouwang nodes on one PostgreSQL: the warning rules must see every reading of a sensor, wherever it was
// received, so exactly one node evaluates them — the holder of a session advisory lock (released by PostgreSQL when
// that node's connection ends). The other nodes hand it the readings they store, and rule changes, by NOTIFY; the
// node that takes the lock over rebuilds from the stored readings and reconciles the open warnings.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SensorService, StoredReading } from '../sensors/sensors.service';
import type { WarningRuleService } from './rules.service';

/** A NOTIFY payload is limited to 8 000 bytes; readings go in chunks well below it. */
const CHUNK = 80;

type Message = { o: string; rules: true } | { o: string; r: [string, string, number][] };

export interface RulesLease {
  /** Whether this node evaluates the rules now. */
  holding(): boolean;
  stop(): Promise<void>;
}

export async function startRulesLease(opts: {
  url: string;
  schema?: string;
  sensors: SensorService;
  rules: WarningRuleService;
  /** How often a node without the lock tries to take it (ms). */
  retryMs?: number;
  onError?: (err: unknown) => void;
}): Promise<RulesLease> {
  const node = randomUUID();
  const name = `shouwang_rules${opts.schema ? `_${opts.schema}` : ''}`;
  const onError = opts.onError ?? (() => {});
  const sender = new pg.Pool({ connectionString: opts.url, max: 2 });
  const send = (m: Message) => void sender.query('select pg_notify($1, $2)', [name, JSON.stringify(m)]).catch(onError);
  let lock: pg.Client | null = null;
  let held = false;
  let stopped = false;

  const listener = new pg.Client({ connectionString: opts.url });
  await listener.connect();
  await listener.query(`listen ${name}`);
  listener.on('error', onError);
  listener.on('notification', (msg) => {
    if (msg.channel !== name || !msg.payload || !held) return;
    const m = JSON.parse(msg.payload) as Message;
    if (m.o === node) return;
    if ('rules' in m) void opts.rules.rulesChanged().catch(onError);
    else void opts.rules.onReadings(m.r.map(([sensorId, at, value]) => ({ sensorId, at, value }))).catch(onError);
  });

  // What this node stores goes to the evaluator when that is another node.
  opts.sensors.onReadings((readings: StoredReading[]) => {
    if (held) return;
    for (let i = 0; i < readings.length; i += CHUNK)
      send({ o: node, r: readings.slice(i, i + CHUNK).map((r) => [r.sensorId, r.at, r.value]) });
  });
  opts.rules.onRulesChanged(() => send({ o: node, rules: true }));

  const release = async () => {
    if (held) await opts.rules.setEvaluating(false);
    held = false;
    const c = lock;
    lock = null;
    await c?.end().catch(() => undefined);
  };
  const tryTake = async () => {
    if (stopped || held) return;
    try {
      lock ??= await connect(opts.url, () => void release());
      const r = await lock.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [name]);
      if (r.rows[0]?.ok && !stopped) {
        held = true;
        await opts.rules.setEvaluating(true);
      }
    } catch (err) {
      onError(err);
      await release();
    }
  };
  await tryTake();
  const timer = setInterval(() => void tryTake(), opts.retryMs ?? 5000);
  timer.unref();

  return {
    holding: () => held,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await release();
      await listener.end();
      await sender.end();
    },
  };
}

async function connect(url: string, onLost: () => void) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', onLost);
  c.on('end', onLost);
  await c.connect();
  return c;
}
