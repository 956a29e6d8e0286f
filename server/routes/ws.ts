// GET /api/ws: a client subscribes to runs and receives their events (runs/events.ts).
// On subscribe the server sends the run's state at once and, if it has finished, its end
// (done with the result, failed or cancelled), and for a run sized to a precision the
// batches judged so far: a client that reconnects resubscribes and
// resumes from there. A bad message gets an error message, never a closed socket or server.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { errorMap, formatPath } from '../../scenarios/errors.ts';
import { ClientMessageSchema } from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';
import type { RunEvent } from '../runs/events.ts';
import { withResult } from '../runs/manager.ts';
import type { ErrorCode } from '../errors.ts';

/** Each event is written once as JSON however many sockets it goes to (a result can be megabytes). */
const texts = new WeakMap<object, string>();
function textOf(m: object): string {
  let s = texts.get(m);
  if (s === undefined) texts.set(m, (s = JSON.stringify(m)));
  return s;
}

const HEARTBEAT_MS = 30_000;
/** Runs one socket may follow at once (the app follows a handful; a client looping over ids should not grow the server). */
const MAX_SUBSCRIPTIONS = 100;

/** Frames a slow client has not read yet beyond which progress and snapshots are dropped for
 * it, and any other frame closes the socket instead of queueing (code 1008). */
const BACKLOG_BYTES = 4 * 1024 * 1024;
/** 1008 "policy violation": the client reads too slowly for what it asks for. */
const BACKLOG_CLOSE = 1008;
const sizeText = (bytes: number) => (bytes >= 1 << 20 ? `${+(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

export default async function wsRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  app.get('/api/ws', { websocket: true, schema: { hide: true } }, (socket: WebSocket) => {
    const subscriptions = new Map<string, () => void>();
    /** Runs whose end this socket has been sent: a result can be megabytes, and a client
     * repeating `subscribe` must not make the server read and queue it again each time. */
    const ended = new Set<string>();
    const backlog = ctx.wsBacklogBytes ?? BACKLOG_BYTES;
    const send = (m: object | string, droppable = false) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > backlog) {
        // Queueing more for a client that does not read would grow this process without
        // bound (one socket once held gigabytes): close it, the one frame that crossed the
        // bound being the most it holds. Progress and snapshots are simply dropped first.
        if (droppable) return;
        socket.close(BACKLOG_CLOSE, `too slow: more than ${sizeText(backlog)} of messages unread`);
        return;
      }
      socket.send(typeof m === 'string' ? m : textOf(m));
    };
    const error = (code: ErrorCode, message: string) => send({ type: 'error', error: { code, message } });

    socket.on('message', (data, isBinary) => {
      let json: unknown;
      try {
        json = JSON.parse(isBinary ? '' : data.toString());
      } catch {
        return error('invalid_json', 'a message must be a JSON object such as {"type":"subscribe","runId":"…"}');
      }
      const m = ClientMessageSchema.safeParse(json, { error: errorMap, reportInput: true });
      if (!m.success) {
        const i = m.error.issues[0];
        return error('validation_failed', `${formatPath(i.path as PropertyKey[])}: ${i.message} (messages: {"type":"subscribe"|"unsubscribe","runId":"…"})`);
      }
      const { runId } = m.data;
      if (m.data.type === 'unsubscribe') {
        subscriptions.get(runId)?.();
        subscriptions.delete(runId);
        return;
      }
      const run = ctx.runs.summary(runId);
      if (!run) return error('not_found', `no run with id ${JSON.stringify(runId)}`);
      const most = ctx.maxSubscriptions ?? MAX_SUBSCRIPTIONS;
      if (!subscriptions.has(runId) && subscriptions.size >= most) {
        return error('limit_exceeded', `a socket follows at most ${most} runs at once: unsubscribe from some first`);
      }
      subscriptions.get(runId)?.();
      send({ type: 'state', run });
      // Its end already sent on this socket: the state says how it ended; the result is
      // not sent twice (GET /api/runs/:id has it).
      if (ended.has(runId)) return;
      // A run sized to a precision: the batches judged so far (or all of them, for one
      // ended lately), so a page that subscribes late still draws the intervals from the
      // first batch. Same tick as the read above: no event can fall between them.
      for (const b of ctx.runs.precisionBatches(runId)) send(b);
      const end = () => {
        ended.add(runId);
        subscriptions.delete(runId);
      };
      if (run.status === 'done') {
        end();
        send(withResult(JSON.stringify({ type: 'done', runId }), ctx.runs.resultText(runId)));
      } else if (run.status === 'failed') {
        end();
        send({ type: 'failed', runId, error: run.error ?? 'failed' });
      } else if (run.status === 'cancelled') {
        end();
        send({ type: 'cancelled', runId });
      } else {
        subscriptions.set(runId, ctx.runs.subscribe(runId, (e: RunEvent) => {
          send(e, e.type === 'progress' || e.type === 'snapshot');
          if (e.type === 'done' || e.type === 'failed' || e.type === 'cancelled') end();
        }));
      }
    });
    // A client that vanished without closing (a laptop lid shut) would keep its
    // subscriptions for ever: a ping every half minute, and no pong by the next one ends it.
    let alive = true;
    socket.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, ctx.heartbeatMs ?? HEARTBEAT_MS);
    socket.on('close', () => {
      clearInterval(heartbeat);
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    });
    socket.on('error', () => socket.terminate());
  });
}
