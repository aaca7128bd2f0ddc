// In-process bus that carries committed changes to live subscribers (SSE). Each message carries the
// jurisdiction path of its record so a subscriber receives only what its user may see.
import { EventEmitter } from 'node:events';

export interface LiveMessage {
  /** SSE event name: 'timeline' (an appended event) or 'incident' (the new state of an incident). */
  name: 'timeline' | 'incident';
  scopePath: string;
  payload: unknown;
}

export class Bus {
  private readonly ee = new EventEmitter();
  constructor() {
    this.ee.setMaxListeners(0);
  }
  publish(m: LiveMessage): void {
    this.ee.emit('message', m);
  }
  subscribe(fn: (m: LiveMessage) => void): () => void {
    this.ee.on('message', fn);
    return () => this.ee.off('message', fn);
  }
}
