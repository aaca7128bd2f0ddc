import { z } from 'zod';
import { ROLES } from '../domain/access/permissions';
import { JURISDICTION_LEVELS } from '../domain/shared/jurisdiction';

export const LoginRequest = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const JurisdictionRef = z.object({ code: z.string(), name: z.string(), level: z.enum(JURISDICTION_LEVELS) });

export const CurrentUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisation: z.object({ id: z.string(), name: z.string() }),
  jurisdiction: JurisdictionRef,
});
export type CurrentUser = z.infer<typeof CurrentUser>;

/** Answer to login and to GET /api/auth/me: the csrfToken goes in `x-csrf-token` on cookie-authenticated writes. */
export const SessionBody = z.object({ user: CurrentUser, csrfToken: z.string() });
export type SessionBody = z.infer<typeof SessionBody>;

/** An API token as listed (GET /api/auth/tokens): never the secret, only its name and when it was issued. */
export const ApiToken = z.object({ id: z.string(), userId: z.string(), name: z.string(), createdAt: z.string() });
export type ApiToken = z.infer<typeof ApiToken>;
/** Token ids are the first 16 hex digits of the stored hash (the secret itself is never stored). */
export const ApiTokenId = z.string().regex(/^[0-9a-f]{16}$/, '令牌编号格式不正确');
export const ApiTokenQuery = z.object({ userId: z.string().min(1).max(64).optional() }).strict();
