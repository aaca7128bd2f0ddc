// Several Shouwang nodes on one PostgreSQL: each node's committed changes are announced with
// NOTIFY (ids only — a payload is limited to 8 000 bytes) and every other node re-reads them and
// delivers them to its own live subscribers. SQLite installations are single-node and need none of this.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Bus, LiveMessage } from './bus';

/** `p` carries small signals whole ('response', 'notification', 'warning', 'progress'); the rest are re-read by id. */
interface Ref { o: string; n: LiveMessage['name']; id: string; s: string; p?: unknown; u?: string[]; b?: boolean }
const INLINE = new Set<LiveMessage['name']>(['response', 'notification', 'warning', 'progress']);

export interface Relay { stop(): Promise<void> }

export async function startPgRelay(opts: {
  url: string;
  schema?: string;
  bus: Bus;
  /** Re-reads a change announced by another node; null when it is gone or not readable. */
  resolve: (name: LiveMessage['name'], id: string, scopePath: string) => Promise<unknown | null>;
  onError?: (err: unknown) => void;
}): Promise<Relay> {
  const node = randomUUID();
  const channel = `shouwang_live${opts.schema ? `_${opts.schema}` : ''}`;
  const listener = new pg.Client({ connectionString: opts.url });
  const sender = new pg.Pool({ connectionString: opts.url, max: 2 });
  await listener.connect();
  await listener.query(`listen ${channel}`);
  listener.on('notification', (msg) => {
    if (msg.channel !== channel || !msg.payload) return;
    const ref = JSON.parse(msg.payload) as Ref;
    if (ref.o === node) return;
    if (ref.p !== undefined) {
      opts.bus.deliverLocally({ name: ref.n, scopePath: ref.s, payload: ref.p, ...(ref.u ? { userIds: ref.u } : {}), ...(ref.b ? { reachesBelow: true } : {}) });
      return;
    }
    opts.resolve(ref.n, ref.id, ref.s).then(
      (payload) => payload && opts.bus.deliverLocally({ name: ref.n, scopePath: ref.s, payload }),
      (err) => opts.onError?.(err),
    );
  });
  listener.on('error', (err) => opts.onError?.(err));
  const off = opts.bus.onPublish((m) => {
    const id = (m.payload as { id?: string }).id;
    if (!id) return;
    const ref: Ref = { o: node, n: m.name, id, s: m.scopePath, ...(INLINE.has(m.name) ? { p: m.payload, u: m.userIds, b: m.reachesBelow } : {}) };
    sender.query('select pg_notify($1, $2)', [channel, JSON.stringify(ref)]).catch((err) => opts.onError?.(err));
  });
  return {
    async stop() {
      off();
      await listener.end();
      await sender.end();
    },
  };
}
