// Following a run: the WebSocket's messages drive progress and the result; a socket that
// goes quiet is backed up by REST, so a lost "done" never leaves the page waiting forever;
// a socket that cannot connect at all falls back to polling.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

class FakeSocket {
  static all: FakeSocket[] = [];
  static refuse = false;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
    setTimeout(() => (FakeSocket.refuse ? this.onclose?.() : this.onopen?.()), 0);
  }
  send(text: string) { this.sent.push(JSON.parse(text)); }
  close() { this.onclose?.(); }
  receive(m: unknown) { this.onmessage?.({ data: JSON.stringify(m) }); }
}

const events = () => ({ onState: vi.fn(), onProgress: vi.fn(), onDone: vi.fn(), onFailed: vi.fn(), onCancelled: vi.fn() });
const doneRun = { id: 'r1', status: 'done', progress: { done: 2, total: 2 }, result: { scenario: 's', replications: 2, seed: 1, variants: [], comparisons: [] } };

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules(); // a fresh shared channel for each test
  FakeSocket.all = [];
  FakeSocket.refuse = false;
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { protocol: 'http:', host: 'app.test' });
});
afterEach(() => { vi.useRealTimers(); vi.unstubAllGlobals(); });

test('subscribes, reports progress with time left, then the result', async () => {
  const { followRun } = await import('../../ui/src/lib/run-socket.ts');
  const e = events();
  followRun('r1', e);
  await vi.advanceTimersByTimeAsync(1);
  const ws = FakeSocket.all[0];
  expect(ws.url).toBe('ws://app.test/api/ws');
  expect(ws.sent).toEqual([{ type: 'subscribe', runId: 'r1' }]);
  ws.receive({ type: 'progress', runId: 'r1', done: 1, total: 2, etaSeconds: 3 });
  ws.receive({ type: 'progress', runId: 'other', done: 9, total: 9, etaSeconds: 0 });
  ws.receive({ type: 'done', runId: 'r1', result: doneRun.result });
  expect(e.onProgress.mock.calls).toEqual([[1, 2, 3]]);
  expect(e.onDone).toHaveBeenCalledWith(doneRun.result);
  expect(ws.sent).toContainEqual({ type: 'unsubscribe', runId: 'r1' });
});

test('a socket that goes quiet is backed up by REST: the run is seen done', async () => {
  const fetch = vi.fn(async () => new Response(JSON.stringify(doneRun), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
  const { followRun } = await import('../../ui/src/lib/run-socket.ts');
  const e = events();
  followRun('r1', e);
  await vi.advanceTimersByTimeAsync(4000);
  expect(fetch).not.toHaveBeenCalled();
  await vi.advanceTimersByTimeAsync(3000);
  expect(fetch).toHaveBeenCalledWith('/api/runs/r1', expect.anything());
  expect(e.onDone).toHaveBeenCalledTimes(1);
  // A late "done" on the socket is not reported twice.
  FakeSocket.all[0].receive({ type: 'done', runId: 'r1', result: doneRun.result });
  expect(e.onDone).toHaveBeenCalledTimes(1);
});

test('no socket at all: the run is polled over REST', async () => {
  FakeSocket.refuse = true;
  const fetch = vi.fn(async () => new Response(JSON.stringify({ ...doneRun, status: 'failed', result: undefined, error: 'patient 3 at t=1 h: boom' }), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
  const { followRun } = await import('../../ui/src/lib/run-socket.ts');
  const e = events();
  followRun('r1', e);
  await vi.advanceTimersByTimeAsync(2000);
  expect(FakeSocket.all.length).toBeGreaterThanOrEqual(2);
  expect(e.onFailed).toHaveBeenCalledWith('Patient 3 at t=1 h: boom');
});

test('the server gone mid-run: after a few failed requests contact is lost, then back, and the reason reads as a sentence', async () => {
  let up = true;
  const running = { ...doneRun, status: 'running', result: undefined, progress: { done: 16, total: 180 } };
  const interrupted = { ...doneRun, status: 'failed', result: undefined, error: 'the server stopped during this run' };
  const fetch = vi.fn(async () => {
    if (!up) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(fetch.mock.calls.length > 20 ? interrupted : running), { status: 200 });
  });
  vi.stubGlobal('fetch', fetch);
  const { followRun, LOST_AFTER } = await import('../../ui/src/lib/run-socket.ts');
  const e = { ...events(), onConnection: vi.fn() };
  followRun('r1', e);
  await vi.advanceTimersByTimeAsync(1);
  // The server stops: its socket closes and cannot open again; REST fails too.
  up = false;
  FakeSocket.refuse = true;
  FakeSocket.all[0].close();
  await vi.advanceTimersByTimeAsync(1000 * (LOST_AFTER + 3));
  expect(e.onConnection.mock.calls).toEqual([[false]]);
  expect(e.onFailed).not.toHaveBeenCalled();
  // Still down a while later: said once, not once a request.
  await vi.advanceTimersByTimeAsync(10_000);
  expect(e.onConnection.mock.calls).toEqual([[false]]);
  up = true;
  await vi.advanceTimersByTimeAsync(30_000);
  expect(e.onConnection.mock.calls).toEqual([[false], [true]]);
  expect(e.onFailed).toHaveBeenCalledWith('The server stopped during this run');
});
