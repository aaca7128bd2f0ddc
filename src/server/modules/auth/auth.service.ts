import type { Db } from '../../db';
import type { AccessSignals } from './access-ended';
import { authRepository } from './auth.repository';
import { DUMMY_HASH, newSecret, sha256, verifyPassword } from './passwords';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'sw_session';
export const API_TOKEN_PREFIX = 'swt_';

export class AuthService {
  private readonly repo;
  constructor(db: Db, private readonly sessionHours: number, private readonly access?: AccessSignals) {
    this.repo = authRepository(db);
  }

  /** Checks a password; returns a new session or null. Unknown users cost the same time as wrong passwords. */
  async login(username: string, password: string, now = new Date()) {
    const u = await this.repo.userForLogin(username);
    const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
    if (!u || !ok || u.disabled) return null;
    const token = newSecret();
    const csrfToken = newSecret(24);
    await this.repo.createSession({
      token_hash: sha256(token),
      user_id: u.principal.userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.sessionHours * 3_600_000).toISOString(),
    });
    return { token, csrfToken, principal: u.principal };
  }

  /** Ends the session and, on this node, the live connections opened with it. */
  async logout(token: string) {
    const hash = sha256(token);
    await this.repo.deleteSession(hash);
    this.access?.ended({ credentialHashes: [hash] });
  }

  bySession(token: string, now = new Date()) {
    return this.repo.bySession(sha256(token), now.toISOString());
  }

  byApiToken(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return Promise.resolve(undefined);
    return this.repo.byApiToken(sha256(token));
  }

  /** Issues a bearer token for a machine client; only its hash is stored. */
  async createApiToken(userId: string, name: string) {
    const token = API_TOKEN_PREFIX + newSecret();
    await this.repo.createApiToken({ token_hash: sha256(token), user_id: userId, name, created_at: new Date().toISOString() });
    return token;
  }
}
