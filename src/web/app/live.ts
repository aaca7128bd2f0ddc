// One server-sent-events connection (GET /api/stream, cookie-authenticated) shared by every screen.
// Events: `incident` (data = the full Incident), `timeline` (data = an IncidentEvent), `response` (a response
// or one of its tasks changed; screens refetch), `notification` and `progress` (a long request of this user's, by the
// id it chose: `{ id, phase, percent }`).
// On error the connection is closed and reopened with exponential backoff (1 s → 30 s, jittered);
// after a reconnect, screens get a `reconnect` signal to refetch what they may have missed.
// In English the stream is opened with ?lang=en (EventSource cannot set Accept-Language), so timeline summaries come
// in English; switching the language reopens it (and screens refetch on the `reconnect` signal).
import { createContext, createElement, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { Incident, IncidentEvent } from '../../contracts/incidents';
import { useI18n, type Lang } from './i18n';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface ResponseSignal { id: string; incidentId: string; taskId: string | null; change: 'activated' | 'level' | 'lifted' | 'task' }
export interface WarningSignal { id: string; change: string }
export interface NotificationSignal {
  id: string; text: string; incidentId: string | null; responseId: string | null; at: string;
  /** Another alert already says it on screen (a report gone overdue: OverdueAlerts); the bell only keeps it. */
  quiet?: boolean;
}
export interface ProgressSignal { id: string; phase: string; percent: number }

interface LiveEvents {
  incident: Incident;
  timeline: IncidentEvent;
  response: ResponseSignal;
  notification: NotificationSignal;
  warning: WarningSignal;
  progress: ProgressSignal;
  reconnect: undefined;
}
type LiveKind = keyof LiveEvents;
type Listener<K extends LiveKind> = (data: LiveEvents[K]) => void;

const STREAM_URL = '/api/stream';
const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export class LiveHub {
  private es: EventSource | null = null;
  private status: LiveStatus = 'closed';
  private attempts = 0;
  private everOpened = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private lang: Lang = 'zh-CN';
  private readonly statusListeners = new Set<() => void>();
  private readonly listeners: { [K in LiveKind]: Set<Listener<K>> } = {
    incident: new Set(),
    timeline: new Set(),
    response: new Set(),
    notification: new Set(),
    warning: new Set(),
    progress: new Set(),
    reconnect: new Set(),
  };

  constructor(private readonly url: string = STREAM_URL) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  stop(): void {
    this.running = false;
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.es?.close();
    this.es = null;
    this.everOpened = false;
    this.attempts = 0;
    this.setStatus('closed');
  }

  /** The language timeline summaries come in; an open stream is reopened in the new one. */
  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    if (this.running && this.es) this.connect();
  }

  getStatus = (): LiveStatus => this.status;

  subscribeStatus = (cb: () => void): (() => void) => {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  };

  on<K extends LiveKind>(kind: K, cb: Listener<K>): () => void {
    const set = this.listeners[kind] as Set<Listener<K>>;
    set.add(cb);
    return () => set.delete(cb);
  }

  private emit<K extends LiveKind>(kind: K, data: LiveEvents[K]): void {
    for (const cb of this.listeners[kind] as Set<Listener<K>>) {
      try {
        cb(data);
      } catch (e) {
        console.error('live listener failed', e);
      }
    }
  }

  private setStatus(s: LiveStatus): void {
    if (this.status === s) return;
    this.status = s;
    for (const cb of this.statusListeners) cb();
  }

  private readonly onOnline = () => {
    if (this.running && this.status !== 'open') {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.connect();
    }
  };

  private connect(): void {
    this.es?.close();
    this.setStatus('connecting');
    const es = new EventSource(this.lang === 'en' ? `${this.url}${this.url.includes('?') ? '&' : '?'}lang=en` : this.url);
    this.es = es;
    es.onopen = () => {
      const wasReconnect = this.everOpened;
      this.everOpened = true;
      this.attempts = 0;
      this.setStatus('open');
      if (wasReconnect) this.emit('reconnect', undefined);
    };
    es.onerror = () => {
      // Take over from the browser's own retry so that backoff and status are ours.
      es.close();
      if (this.es !== es || !this.running) return;
      this.es = null;
      this.setStatus('closed');
      this.scheduleReconnect();
    };
    es.addEventListener('incident', (e) => this.dispatch('incident', e));
    es.addEventListener('timeline', (e) => this.dispatch('timeline', e));
    es.addEventListener('response', (e) => this.dispatch('response', e));
    es.addEventListener('notification', (e) => this.dispatch('notification', e));
    es.addEventListener('warning', (e) => this.dispatch('warning', e));
    es.addEventListener('progress', (e) => this.dispatch('progress', e));
  }

  private dispatch(kind: Exclude<LiveKind, 'reconnect'>, e: MessageEvent): void {
    let data: unknown;
    try {
      data = JSON.parse(String(e.data));
    } catch {
      console.warn('live: bad JSON in', kind, 'event');
      return;
    }
    if (data && typeof data === 'object') this.emit(kind, data as LiveEvents[typeof kind]);
  }

  private scheduleReconnect(): void {
    if (this.timer) clearTimeout(this.timer);
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempts);
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempts += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) this.connect();
    }, delay);
  }
}

const LiveContext = createContext<LiveHub | null>(null);

/** Opens the stream while `enabled` (i.e. while someone is logged in). */
export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const hubRef = useRef<LiveHub | null>(null);
  if (hubRef.current === null) hubRef.current = new LiveHub();
  const hub = hubRef.current;
  const { lang } = useI18n();
  useEffect(() => hub.setLang(lang), [hub, lang]);
  useEffect(() => {
    if (!enabled) return;
    hub.start();
    return () => hub.stop();
  }, [enabled, hub]);
  return createElement(LiveContext.Provider, { value: hub }, children);
}

function useHub(): LiveHub {
  const hub = useContext(LiveContext);
  if (!hub) throw new Error('live hook outside <LiveProvider>');
  return hub;
}

export function useLiveStatus(): LiveStatus {
  const hub = useHub();
  return useSyncExternalStore(hub.subscribeStatus, hub.getStatus, hub.getStatus);
}

/** Subscribe to one kind of live event; the handler may change between renders. */
export function useLiveEvent<K extends LiveKind>(kind: K, handler: Listener<K>): void {
  const hub = useHub();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => hub.on(kind, (data) => ref.current(data)), [hub, kind]);
}
