// Test harness for the server: a real server on an ephemeral port with a temporary data
// directory, fetch for HTTP and a real `ws` client that collects messages in order.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { startServer, type RunningServer, type ServerOptions } from '../../server/server.ts';

const fixtures = new Map<string, Record<string, unknown>>();
/** A fresh copy of a fixture scenario as JSON data (the YAML is read once: parsing it costs tens of ms). */
export function fixtureDoc(name = 'small-ed'): Record<string, unknown> {
  let doc = fixtures.get(name);
  if (!doc) fixtures.set(name, (doc = parse(readFileSync(new URL(`../fixtures/${name}.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>));
  return structuredClone(doc);
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'pathflow-server-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export async function start(o: Partial<ServerOptions> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = o.dataDir ?? tempDir();
  const server = await startServer({ port: 0, workers: 2, uiDist: null, ...o, dataDir });
  return Object.assign(server, { dataDir });
}

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request with a JSON body (or a raw string body), answered as parsed JSON when it is JSON. */
export async function api<T = any>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const raw = typeof body === 'string';
  const r = await fetch(base + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  const text = await r.text();
  const json = (r.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { status: r.status, headers: r.headers, body: json ? JSON.parse(text) : text };
}

/** A WebSocket client that keeps every message and can wait for one. */
export class Client {
  readonly messages: any[] = [];
  /** Date.now() when each message arrived. */
  readonly times: number[] = [];
  private waiters: { test: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      this.messages.push(m);
      this.times.push(Date.now());
      this.waiters = this.waiters.filter((w) => (w.test(m) ? (w.resolve(m), false) : true));
    });
  }

  static open(base: string, query = '', headers: Record<string, string> = {}, options: { autoPong?: boolean } = {}): Promise<Client> {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + '/api/ws' + query, { headers, ...options });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (req, res) => {
        req.destroy(); // else the refused connection stays open and the server cannot close
        reject(new Error(`websocket refused: ${res.statusCode}`));
      });
    });
  }

  send(m: unknown): void {
    this.ws.send(typeof m === 'string' || Buffer.isBuffer(m) ? m : JSON.stringify(m));
  }

  /** The first message (already received or to come) that passes `test`. */
  next(test: (m: any) => boolean, timeoutMs = 20_000): Promise<any> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((x) => x.type))}`)), timeoutMs);
      this.waiters.push({ test, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** Resolves when the run ends (done, failed or cancelled). */
  end(runId: string, timeoutMs?: number): Promise<any> {
    return this.next((m) => m.runId === runId && ['done', 'failed', 'cancelled'].includes(m.type), timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * The run once its status is one of `statuses`, told by the run's own events on a
 * WebSocket (the state at subscribe, then each change): no polling. A wait for
 * 'queued'/'running' answers the run's summary; for an end, the run with its result.
 */
export async function until(base: string, id: string, statuses: string[], timeoutMs = 20_000): Promise<any> {
  const ws = await Client.open(base);
  try {
    ws.send({ type: 'subscribe', runId: id });
    const status = (m: any) => (m.runId === id && ['done', 'failed', 'cancelled'].includes(m.type) ? m.type : m.type === 'state' && m.run.id === id ? m.run.status : undefined);
    const m = await ws.next((x) => statuses.includes(status(x)), timeoutMs);
    // An end (also told by a `state` at subscribe, whose summary has no result): the whole run.
    return ['done', 'failed', 'cancelled'].includes(status(m)) ? (await api(base, 'GET', `/api/runs/${id}`)).body : m.run;
  } finally {
    ws.close();
  }
}

/**
 * Asks for the run every 50 ms until its status is one of `statuses`. Only where following
 * the run would change what is tested: a subscriber is a viewer, and a live run nobody
 * views is what gets cancelled. Everywhere else, until().
 */
export async function pollUntil(base: string, id: string, statuses: string[], tries = 400): Promise<any> {
  for (let i = 0; ; i++) {
    const r = await api(base, 'GET', `/api/runs/${id}`);
    if (statuses.includes(r.body.status)) return r.body;
    if (i === tries) throw new Error(`run ${id} still ${r.body.status} after ${tries} looks`);
    await new Promise((res) => setTimeout(res, 50));
  }
}
