import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginRequest, SessionBody } from '../../../contracts/auth';
import { OkBody, ErrorBody } from '../../../contracts/common';
import { AppError } from '../../errors';
import { principalOf } from '../../http/auth';
import { SESSION_COOKIE, type AuthService } from './auth.service';
import type { Principal } from './principal';

const sessionBody = (p: Principal, csrfToken: string) => ({
  user: {
    id: p.userId,
    username: p.username,
    displayName: p.name,
    roles: p.roles,
    organisation: { id: p.organisationId, name: p.organisationName },
    jurisdiction: { code: p.jurisdictionCode, name: p.jurisdictionName, level: p.jurisdictionLevel as 'county' },
  },
  csrfToken,
});

export const authRoutes =
  (auth: AuthService, opts: { secureCookies: boolean; sessionHours: number; attemptsPerMinute: number }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/auth/login', {
      schema: { tags: ['auth'], summary: '登录', body: LoginRequest, response: { 200: SessionBody, 401: ErrorBody } },
      config: {
        // Per address and username, so one attacker cannot lock out everybody else.
        rateLimit: {
          max: opts.attemptsPerMinute,
          timeWindow: 60_000,
          keyGenerator: (req: { ip: string; body?: unknown }) =>
            `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}`,
        },
      },
    }, async (req, reply) => {
      const s = await auth.login(req.body.username, req.body.password);
      if (!s) throw new AppError('unauthenticated', 'invalid_credentials', '用户名或密码错误');
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true, sameSite: 'lax', path: '/', secure: opts.secureCookies, maxAge: opts.sessionHours * 3600,
      });
      return sessionBody(s.principal, s.csrfToken);
    });

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkBody } } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionBody } } }, async (req) => {
      const p = principalOf(req);
      return sessionBody(p, req.csrfToken ?? '');
    });
  };
