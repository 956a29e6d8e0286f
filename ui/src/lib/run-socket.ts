// Following one run over the server's WebSocket (/api/ws): progress with time left, then
// the result, a failure or a cancellation. The socket reconnects and subscribes again
// (the server re-sends state, and done for a finished run); if it cannot connect at all,
// the run is polled over REST instead, so progress never silently stops.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { api, runErrorText, type RunInfo } from './api.ts';

export interface RunEvents {
  onState(run: RunInfo): void;
  onProgress(done: number, total: number, etaSeconds: number | null): void;
  onDone(result: RunResultDoc): void;
  onFailed(message: string): void;
  onCancelled(): void;
}

type Message =
  | { type: 'state'; run: RunInfo }
  | { type: 'progress'; runId: string; done: number; total: number; etaSeconds?: number | null }
  | { type: 'done'; runId: string; result: RunResultDoc }
  | { type: 'failed'; runId: string; error: RunInfo['error'] }
  | { type: 'cancelled'; runId: string };

export function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
}

/** Follow `runId` until it ends; returns a function that stops following (not the run). */
export function followRun(runId: string, events: RunEvents): () => void {
  let stopped = false;
  let finished = false;
  let socket: WebSocket | undefined;
  let attempts = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const finish = () => { finished = true; socket?.close(); clearTimeout(pollTimer); clearTimeout(retryTimer); };

  const fromRun = (run: RunInfo) => {
    events.onState(run);
    if (run.progress) events.onProgress(run.progress.done, run.progress.total, null);
    if (run.status === 'done' && run.result) { finish(); events.onDone(run.result); }
    else if (run.status === 'failed') { finish(); events.onFailed(runErrorText(run.error)); }
    else if (run.status === 'cancelled') { finish(); events.onCancelled(); }
  };

  const poll = () => {
    if (stopped || finished) return;
    api.run(runId).then(fromRun, () => undefined).finally(() => {
      if (!stopped && !finished) pollTimer = setTimeout(poll, 1000);
    });
  };

  const connect = () => {
    if (stopped || finished) return;
    let opened = false;
    try { socket = new WebSocket(socketUrl()); } catch { poll(); return; }
    socket.onopen = () => {
      opened = true;
      attempts = 0;
      socket?.send(JSON.stringify({ type: 'subscribe', runId }));
    };
    socket.onmessage = (ev) => {
      let m: Message;
      try { m = JSON.parse(String(ev.data)) as Message; } catch { return; }
      if ('runId' in m && m.runId !== runId) return;
      if (m.type === 'state') { if (m.run.id === runId) fromRun(m.run); }
      else if (m.type === 'progress') events.onProgress(m.done, m.total, m.etaSeconds ?? null);
      else if (m.type === 'done') { finish(); events.onDone(m.result); }
      else if (m.type === 'failed') { finish(); events.onFailed(runErrorText(m.error)); }
      else if (m.type === 'cancelled') { finish(); events.onCancelled(); }
    };
    socket.onclose = () => {
      if (stopped || finished) return;
      attempts++;
      // Never connected twice in a row: the socket is not available here; poll instead.
      if (!opened && attempts >= 2) { poll(); return; }
      retryTimer = setTimeout(connect, Math.min(4000, 250 * 2 ** attempts));
    };
  };

  connect();
  return () => { stopped = true; finish(); };
}
