// In-process bus that carries committed changes to live subscribers (SSE). Each message carries the
// jurisdiction path of its record so a subscriber receives only what its user may see. With several
// nodes a relay (pg-relay.ts) forwards what this node publishes and delivers what the others did.
import { EventEmitter } from 'node:events';

export interface LiveMessage {
  /**
   * SSE event name: 'timeline' (an appended event), 'incident' (the new state of an incident),
   * 'response' (a response or one of its tasks changed: `{ id, incidentId, taskId, change }`, screens refetch),
   * 'notification' (for the users named in `userIds` only), 'warning' (a warning changed: `{ id, change }`),
   * 'progress' (a long request's progress for the user who sent it: `{ id, phase, percent }`, id chosen by the client).
   */
  name: 'timeline' | 'incident' | 'response' | 'notification' | 'warning' | 'progress';
  scopePath: string;
  payload: unknown;
  /** Deliver only to these users (still within scope). */
  userIds?: string[];
  /** Also deliver to users below `scopePath` (an issued warning reaches the townships it covers). */
  reachesBelow?: boolean;
}

export class Bus {
  private readonly ee = new EventEmitter();
  constructor() {
    this.ee.setMaxListeners(0);
  }
  /** A change committed on this node: deliver here and hand it to any relay. */
  publish(m: LiveMessage): void {
    this.ee.emit('message', m);
    this.ee.emit('published', m);
  }
  /** A change committed on another node: deliver here only. */
  deliverLocally(m: LiveMessage): void {
    this.ee.emit('message', m);
  }
  subscribe(fn: (m: LiveMessage) => void): () => void {
    this.ee.on('message', fn);
    return () => this.ee.off('message', fn);
  }
  onPublish(fn: (m: LiveMessage) => void): () => void {
    this.ee.on('published', fn);
    return () => this.ee.off('published', fn);
  }
}
