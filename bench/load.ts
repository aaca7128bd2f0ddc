// A closed-loop HTTP load generator on its own thread (so it does not share the server's event loop):
// N concurrent clients, each sending its next request as soon as the previous answer is fully read,
// over keep-alive connections. Bounded by duration AND by a request count.
// Client: node:http with a keep-alive Agent (default), or Node's global fetch (undici). On the 2-core
// bench machine fetch itself tops out near 2 000 req/s against a bare Fastify route while node:http
// reaches ~20 000, so fetch would make the peer client-bound and the ratio meaningless.
import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  /** JSON body template; the string "{{n}}" in it is replaced by the request's sequence number. */
  bodyTemplate?: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  client?: 'http' | 'fetch';
}

export interface LoadResult {
  /** Completed measured requests per second (warm-up excluded). */
  rps: number;
  requests: number;
  elapsedMs: number;
  /** Latencies (ms) of the measured requests, ascending. */
  latencies: Float64Array;
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  firstBadBody: string | null;
  warmupRequests: number;
  warmupStatuses: Record<string, number>;
  /** Bytes of the (first) request body. */
  bodyBytes: number;
}

// Plain JavaScript, evaluated as the worker's script (no loader needed in the worker).
const WORKER = String.raw`
const { parentPort, workerData: o } = require('node:worker_threads');
const http = require('node:http');
const target = new URL(o.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
function viaHttp(body) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? o.headers : { ...o.headers, 'content-length': Buffer.byteLength(body) };
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: o.method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function viaFetch(body) {
  const res = await fetch(o.url, { method: o.method, headers: o.headers, body });
  return { status: res.status, text: await res.text() };
}
const send = o.client === 'fetch' ? viaFetch : viaHttp;
let seq = 0;
const bodyOf = () => (o.bodyTemplate === undefined ? undefined : o.bodyTemplate.split('{{n}}').join(String(seq++)));
async function phase(ms, max, record) {
  const lat = [];
  const statuses = {};
  let errors = 0, firstError = null, firstBadBody = null, done = 0, started = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  async function client() {
    while (performance.now() < end && started < max) {
      started++;
      const body = bodyOf();
      const s = performance.now();
      try {
        const res = await send(body);
        const text = res.text;
        const dt = performance.now() - s;
        statuses[res.status] = (statuses[res.status] || 0) + 1;
        if (res.status >= 300 && firstBadBody === null) firstBadBody = res.status + ' ' + text.slice(0, 300);
        if (record) lat.push(dt);
        done++;
      } catch (e) {
        errors++;
        if (firstError === null) firstError = String(e && e.cause ? e.cause : e);
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, client));
  return { lat, statuses, errors, firstError, firstBadBody, done, elapsedMs: performance.now() - t0 };
}
(async () => {
  const bodyBytes = o.bodyTemplate === undefined ? 0 : Buffer.byteLength(o.bodyTemplate.split('{{n}}').join('0'));
  const w = o.warmupMs > 0 ? await phase(o.warmupMs, o.maxRequests, false) : { done: 0, statuses: {}, errors: 0, firstError: null, firstBadBody: null };
  const m = await phase(o.durationMs, o.maxRequests, true);
  agent.destroy();
  const latencies = Float64Array.from(m.lat).sort();
  parentPort.postMessage({
    rps: m.done / (m.elapsedMs / 1000), requests: m.done, elapsedMs: m.elapsedMs, latencies,
    statuses: m.statuses, errors: m.errors + w.errors, firstError: m.firstError || w.firstError,
    firstBadBody: m.firstBadBody || w.firstBadBody, warmupRequests: w.done, warmupStatuses: w.statuses, bodyBytes,
  });
})().catch((e) => { throw e; });
`;

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: o });
    let result: LoadResult | null = null;
    w.once('message', (m: LoadResult) => (result = m));
    w.once('error', reject);
    w.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load worker exited with ${code} and no result`))));
  });
}
