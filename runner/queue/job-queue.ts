// The runner's connections to the job queue, opened together and closed together: a command
// client (for the BullMQ Queue and the runner's own keys), a blocking one for the event
// reader (QueueEvents), and the Redis writes nobody waits for (run keys deleted, cancels),
// which close gives a moment to finish.
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { redisClient, redisError } from './connection.ts';
import { runKey, type ChunkJob, type ChunkResult } from './protocol.ts';
import type { ChunkState } from './ledger.ts';

// A scenario stays while a run needs it (the heartbeat renews it), then an hour: a sweep's
// hundreds of points do not pile up in Redis.
export const SCENARIO_TTL_S = 3600;
const EVENTS_KEPT = 2_000;

export class JobQueue {
  /** The latest connection error, for the watchdog's message if the connection stays lost. */
  lastError: Error | undefined;
  readonly client: Redis;
  readonly eventsClient: Redis;
  readonly queue: Queue<ChunkJob, ChunkResult>;
  /** The queue's event stream, read from where it ended when the queue was opened. */
  events!: QueueEvents;
  /** Worker processes connected when the queue was opened. */
  workers = 0;
  private readonly background = new Set<Promise<unknown>>();

  /**
   * Opens the queue `name` at `url` (already probed: it answers) and its event reader. Rejects,
   * with no client left reconnecting, if the server went away in between.
   */
  static async open(url: string, name: string): Promise<JobQueue> {
    const q = new JobQueue(url, name);
    try {
      await q.queue.waitUntilReady();
      // Read the event stream from its current end, decided before any job is added, so no
      // completion can slip between "add" and "listen".
      const last = await q.client.xrevrange(q.queue.keys.events, '+', '-', 'COUNT', 1);
      q.events = new QueueEvents(q.queue.name, { connection: q.eventsClient, lastEventId: last[0]?.[0] ?? '0-0' });
      q.events.on('error', q.onError);
      await q.events.waitUntilReady();
      q.workers = await q.queue.getWorkersCount().catch(() => 0);
      return q;
    } catch (e) {
      // The server went away between the probe and here: no client left reconnecting.
      q.client.disconnect();
      q.eventsClient.disconnect();
      throw redisError(url, 'cannot use', e);
    }
  }

  private constructor(url: string, name: string) {
    this.client = redisClient(url, this.onError);
    this.eventsClient = redisClient(url, this.onError, true);
    this.queue = new Queue<ChunkJob, ChunkResult>(name, {
      connection: this.client,
      streams: { events: { maxLen: EVENTS_KEPT } },
      // A job's result reaches the runner in its completion event, so the job itself goes at
      // once (a result whose event was missed is recomputed: see reconcile.ts).
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 24 * 3600, count: 1000 } },
    });
    this.queue.on('error', this.onError);
  }

  private readonly onError = (e: Error): void => {
    this.lastError = e;
  };

  get clients(): Redis[] {
    return [this.client, this.eventsClient];
  }

  /** Either client is not connected. */
  down(): boolean {
    return this.clients.some((c) => c.status !== 'ready');
  }

  /** The chunks as jobs, each under its own id. */
  add(jobs: readonly ChunkState[]): Promise<unknown> {
    return this.queue.addBulk(jobs.map((j) => ({ name: 'replications', data: j.data, opts: { jobId: j.id } })));
  }

  /** The run's last job is answered: its key goes, so a worker skips any job of it still around. */
  endRun(run: string): void {
    this.later(this.client.del(runKey(run)));
  }

  /** A write nobody waits for (its failure is harmless); close waits a moment for it. */
  later(p: Promise<unknown>): void {
    const q = p.catch(() => {}).finally(() => this.background.delete(q));
    this.background.add(q);
  }

  async close(): Promise<void> {
    const within = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())]);
    // With the server gone, BullMQ's close waits for a connection that is not coming: cut first.
    const down = this.down();
    if (down) for (const c of this.clients) c.disconnect();
    const wait = down ? 100 : 2000;
    await within(Promise.all(this.background), wait);
    await within(this.events.close(), wait);
    await within(this.queue.close(), wait);
    for (const c of this.clients) c.disconnect();
  }
}
