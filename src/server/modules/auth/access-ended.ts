// "Access ended" signals on this node: a session logged out, a token revoked, a user disabled, given a new
// password, or moved (roles, organisation). Long-lived connections (the SSE stream) listen and close, so
// nothing keeps flowing to someone who has lost access. Other nodes find out on their next re-check.
import { EventEmitter } from 'node:events';

export interface AccessEnded {
  /** Every connection of these users. */
  userIds?: string[];
  /** Connections opened with these credentials: sha256 of a session cookie or an API token. */
  credentialHashes?: string[];
}

export class AccessSignals {
  private readonly ee = new EventEmitter();
  constructor() {
    this.ee.setMaxListeners(0);
  }
  /** Call after the commit that ended the access, never inside the transaction. */
  ended(e: AccessEnded): void {
    if (e.userIds?.length || e.credentialHashes?.length) this.ee.emit('ended', e);
  }
  onEnded(fn: (e: AccessEnded) => void): () => void {
    this.ee.on('ended', fn);
    return () => this.ee.off('ended', fn);
  }
}
