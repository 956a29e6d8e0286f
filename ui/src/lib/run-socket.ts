// Following runs over the server's one WebSocket (/api/ws): progress with time left, then
// the result, a failure or a cancellation. One socket is shared by every run followed and
// can be opened ahead of time (preconnect), so pressing Run does not also wait for a
// connection. On a drop it reconnects and subscribes again (the server re-sends state,
// and done for a finished run); if it cannot connect at all, runs are polled over REST
// instead, so progress never silently stops.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { api, runErrorText, type PrecisionBatch, type RunInfo } from './api.ts';
import { accessToken } from './access-token.ts';

export interface RunEvents {
  onState(run: RunInfo): void;
  onProgress(done: number, total: number, etaSeconds: number | null): void;
  onDone(result: RunResultDoc): void;
  onFailed(message: string): void;
  onCancelled(): void;
  /**
   * Contact with the server lost (false: LOST_AFTER requests in a row failed, socket and REST
   * alike) or back (true: a message or an answer again). Only the changes are told.
   */
  onConnection?(ok: boolean): void;
  /** A run sized to a precision: what the stopping rule saw after each batch (the batches so far first, on a rejoin). */
  onPrecision?(batch: PrecisionBatch): void;
}

type Message =
  | { type: 'state'; run: RunInfo }
  | { type: 'progress'; runId: string; done: number; total: number; etaSeconds?: number | null }
  | { type: 'done'; runId: string; result: RunResultDoc }
  | ({ type: 'precision'; runId: string } & PrecisionBatch)
  | { type: 'failed'; runId: string; error: RunInfo['error'] }
  | { type: 'cancelled'; runId: string }
  | { type: 'error'; error: { code: string; message: string } };

/** Silence (ms) after which a followed run is checked over REST. */
const QUIET_MS = 5000;
/** Failed polls (about one a second) before the run bar says contact is lost. */
export const LOST_AFTER = 3;

export function socketUrl(): string {
  const token = accessToken();
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Routes one socket's messages to the run each is about. */
class RunChannel {
  private socket: WebSocket | undefined;
  private open = false;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  readonly listeners = new Map<string, (m: Message) => void>();
  /** Called when the socket looks unusable here, so followers fall back to polling. */
  readonly fallbacks = new Set<() => void>();

  connect(): void {
    if (this.socket || typeof WebSocket === 'undefined') return;
    let ws: WebSocket;
    try { ws = new WebSocket(socketUrl()); } catch { this.unavailable(); return; }
    this.socket = ws;
    ws.onopen = () => {
      this.open = true;
      this.failures = 0;
      for (const runId of this.listeners.keys()) this.send({ type: 'subscribe', runId });
    };
    ws.onmessage = (ev) => {
      let m: Message;
      try { m = JSON.parse(String(ev.data)) as Message; } catch { return; }
      const runId = m.type === 'state' ? m.run.id : m.type === 'error' ? undefined : m.runId;
      if (runId) this.listeners.get(runId)?.(m);
    };
    ws.onclose = () => {
      const wasOpen = this.open;
      this.socket = undefined;
      this.open = false;
      if (!wasOpen) this.failures++;
      // Never opened twice in a row: no socket here (a proxy without WebSocket); poll instead.
      if (this.failures >= 2) { this.unavailable(); return; }
      if (this.listeners.size > 0) this.retry = setTimeout(() => this.connect(), Math.min(4000, 250 * 2 ** this.failures));
    };
  }

  private unavailable(): void {
    this.failures = 0;
    for (const f of this.fallbacks) f();
  }

  send(m: unknown): void {
    if (this.open) this.socket?.send(JSON.stringify(m));
    else this.connect();
  }

  follow(runId: string, handle: (m: Message) => void): () => void {
    this.listeners.set(runId, handle);
    if (this.open) this.send({ type: 'subscribe', runId });
    else { clearTimeout(this.retry); this.connect(); }
    return () => {
      this.listeners.delete(runId);
      if (this.open) this.send({ type: 'unsubscribe', runId });
    };
  }
}

const channel = new RunChannel();

/** Open the socket now, before a run is started (the scenario page calls this). */
export function preconnect(): void {
  channel.connect();
}

/** Follow `runId` until it ends; returns a function that stops following (not the run). */
export function followRun(runId: string, events: RunEvents): () => void {
  let finished = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let unfollow: (() => void) | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const finish = () => { finished = true; clearTimeout(pollTimer); clearInterval(watchdog); unfollow?.(); };

  const fromRun = (run: RunInfo) => {
    events.onState(run);
    if (run.status === 'done' && run.result) { finish(); events.onDone(run.result); }
    else if (run.status === 'failed') { finish(); events.onFailed(runErrorText(run.error)); }
    else if (run.status === 'cancelled') { finish(); events.onCancelled(); }
    else if (run.progress) events.onProgress(run.progress.done, run.progress.total, null);
  };
  // Requests that failed in a row: past LOST_AFTER the user is told, and again when one succeeds.
  let misses = 0;
  let lost = false;
  const heard = () => {
    misses = 0;
    if (lost && !finished) { lost = false; events.onConnection?.(true); }
  };
  const missed = () => {
    if (finished) return;
    misses++;
    if (!lost && misses >= LOST_AFTER) { lost = true; events.onConnection?.(false); }
  };
  const answered = (run: RunInfo) => { heard(); if (!finished) fromRun(run); };
  const poll = () => {
    if (finished) return;
    api.run(runId).then(answered, missed).finally(() => { if (!finished) pollTimer = setTimeout(poll, 1000); });
  };

  // A watchdog: if the socket has said nothing about this run for a while (a message lost,
  // a proxy that buffers), ask over REST; the first answer that ends the run wins.
  let lastHeard = Date.now();
  watchdog = setInterval(() => {
    if (finished || Date.now() - lastHeard <= QUIET_MS) return;
    lastHeard = Date.now();
    api.run(runId).then(answered, missed);
  }, 1000);

  unfollow = channel.follow(runId, (m) => {
    lastHeard = Date.now();
    heard();
    if (finished) return;
    if (m.type === 'state') { if (m.run.status !== 'done') fromRun(m.run); else events.onState(m.run); }
    else if (m.type === 'progress') events.onProgress(m.done, m.total, m.etaSeconds ?? null);
    else if (m.type === 'precision') events.onPrecision?.(m);
    else if (m.type === 'done') { finish(); events.onDone(m.result); }
    else if (m.type === 'failed') { finish(); events.onFailed(runErrorText(m.error)); }
    else if (m.type === 'cancelled') { finish(); events.onCancelled(); }
  });
  channel.fallbacks.add(poll);
  return () => { finish(); channel.fallbacks.delete(poll); };
}
