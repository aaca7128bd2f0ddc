// Authentication for every /api route that is not deliberately public: a session cookie (browsers,
// with a CSRF token on writes) or a bearer API token (machine clients, no CSRF needed).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { can, type Action } from '../../domain/access/permissions';
import { SESSION_COOKIE, type AuthService } from '../modules/auth/auth.service';
import type { Principal } from '../modules/auth/principal';
import { forbidden, unauthenticated } from './errors';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    csrfToken: string | null;
  }
}

const PUBLIC = new Set(['/api/health', '/api/auth/login', '/api/openapi.json']);
/** Routes that authenticate a device token themselves (sensors are not users). */
const DEVICE_TOKEN_ROUTES = new Set(['/api/ingest/readings']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function registerAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    const url = req.url.split('?')[0] ?? '';
    if (!url.startsWith('/api/') || PUBLIC.has(url) || url.startsWith('/api/docs')) return;
    const header = req.headers.authorization;
    if (DEVICE_TOKEN_ROUTES.has(url) && header?.startsWith('Bearer sws_')) return;
    if (header?.startsWith('Bearer ')) {
      const p = await auth.byApiToken(header.slice(7).trim());
      if (!p) throw unauthenticated('API 令牌无效或已停用');
      req.principal = p;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    const s = token ? await auth.bySession(token) : undefined;
    if (!s) throw unauthenticated();
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, s.csrfToken)) throw new AppError('forbidden', 'csrf', 'CSRF 校验失败，请刷新页面后重试');
    }
    req.principal = s.principal;
    req.csrfToken = s.csrfToken;
  });
}

/** The authenticated caller, or 401 (routes behind the auth hook always have one). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

/** The caller, who must also hold a role that allows `action` (permission table in domain/access). */
export function authorise(req: FastifyRequest, action: Action): Principal {
  const p = principalOf(req);
  if (!can(p.roles, action)) throw forbidden();
  return p;
}
