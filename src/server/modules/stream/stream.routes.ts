// GET /api/stream: server-sent events of every committed change the caller may see (their subtree only).
// A stream lives only as long as the access it was opened with: it closes when its session or token ends
// or its user is disabled, re-passworded or moved (signalled on this node; re-checked on every node), and
// the browser reconnects with whatever access it has now.
import type { FastifyPluginAsync } from 'fastify';
import { isWithinScope } from '../../../domain/shared/jurisdiction';
import type { Bus, LiveMessage } from '../../events/bus';
import { authorise } from '../../http/auth';
import { wantsEnglish } from '../../http/errors';
import { notificationInEnglish } from '../../http/notifications-en';
import { eventInEnglish } from '../../http/summaries-en';
import type { AccessSignals } from '../auth/access-ended';
import { SESSION_COOKIE, type AuthService } from '../auth/auth.service';
import { sha256 } from '../auth/passwords';
import type { Principal } from '../auth/principal';

export interface StreamOptions {
  heartbeatMs?: number;
  /** How often open streams re-read their session or token (catches changes made on other nodes, and expiry). */
  recheckMs?: number;
  auth?: AuthService;
  access?: AccessSignals;
}

interface Conn { p: Principal; end: () => void }
/** Open streams by the credential they were opened with: one re-check per credential, however many tabs. */
interface Credential { read: () => Promise<Principal | undefined>; conns: Set<Conn> }

const sameAccess = (a: Principal, b: Principal) =>
  a.scopePath === b.scopePath && a.roles.length === b.roles.length && a.roles.every((r) => b.roles.includes(r));

/** What is said in Chinese in a live message, in English (stored and sent to zh-CN callers unchanged). */
const IN_ENGLISH: Partial<Record<LiveMessage['name'], (payload: unknown) => unknown>> = {
  timeline: (e) => eventInEnglish(e as { summary: string }),
  notification: (n) => notificationInEnglish(n as { text: string }),
};
const data = (name: string, payload: unknown) => `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;

export const streamRoutes =
  (bus: Bus, opts: StreamOptions = {}): FastifyPluginAsync =>
  async (app) => {
    const open = new Map<string, Credential>();
    const stopListening = opts.access?.onEnded((e) => {
      for (const [hash, c] of open)
        for (const conn of c.conns) if (e.credentialHashes?.includes(hash) || e.userIds?.includes(conn.p.userId)) conn.end();
    });
    const auth = opts.auth;
    const recheck = auth
      ? setInterval(() => {
          for (const c of open.values())
            c.read().then((now) => {
              for (const conn of c.conns) if (!now || !sameAccess(conn.p, now)) conn.end();
            }, () => undefined);
        }, opts.recheckMs ?? 30_000).unref()
      : undefined;
    app.addHook('onClose', async () => {
      clearInterval(recheck);
      stopListening?.();
    });

    // One frame per message and language, however many streams write it: the bus hands every listener the same message.
    const frames = new WeakMap<LiveMessage, { zh?: string; en?: string }>();
    const frame = (m: LiveMessage, english: boolean): string => {
      let f = frames.get(m);
      if (!f) frames.set(m, (f = {}));
      return english ? (f.en ??= data(m.name, IN_ENGLISH[m.name]?.(m.payload) ?? m.payload)) : (f.zh ??= data(m.name, m.payload));
    };

    app.get('/api/stream', { schema: { tags: ['live'], summary: '实时推送（SSE）：timeline / incident 事件' } }, async (req, reply) => {
      const p = authorise(req, 'incident.read');
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const cookie = bearer ? undefined : req.cookies[SESSION_COOKIE];
      const hash = sha256(bearer ?? cookie ?? '');
      // Timeline summaries and notifications in English for ?lang=en (EventSource cannot set headers) or Accept-Language: en.
      const english = wantsEnglish(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 3000\n: connected\n\n`);
      const unsubscribe = bus.subscribe((m) => {
        if (!isWithinScope(m.scopePath, p.scopePath) && !(m.reachesBelow && isWithinScope(p.scopePath, m.scopePath))) return;
        if (m.userIds && !m.userIds.includes(p.userId)) return;
        res.write(frame(m, english));
      });
      const beat = setInterval(() => res.write(': keep-alive\n\n'), opts.heartbeatMs ?? 25_000);
      let closed = false;
      const conn: Conn = {
        p,
        // The access is gone: say so (the client reconnects and meets a 401 or its new scope) and hang up.
        end: () => {
          if (closed) return;
          close();
          res.end(`event: ended\ndata: {"reason":"access"}\n\n`);
        },
      };
      const credential = open.get(hash) ?? {
        read: () => (bearer ? auth!.byApiToken(bearer) : auth!.bySession(cookie ?? '').then((s) => s?.principal)),
        conns: new Set<Conn>(),
      };
      credential.conns.add(conn);
      open.set(hash, credential);
      function close() {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        unsubscribe();
        credential.conns.delete(conn);
        if (credential.conns.size === 0 && open.get(hash) === credential) open.delete(hash);
      }
      req.raw.on('close', close);
      res.on('error', close);
    });
  };
