// The lost-connection watchdog. Either client down for `graceMs` rejects every pending call,
// so a run never completes with replications missing; while it stays down, so does each
// further graceMs. Back within it, the run goes on: the event reader catches up, and
// reconcile.ts asks for the jobs' states if nothing comes. An outage does not close the
// runner: the server shares one for all its runs, and the runs after it go on.
import { redactUrl } from './redact.ts';
import type { JobQueue } from './job-queue.ts';
import type { Ledger } from './ledger.ts';

export class Watchdog {
  private lostTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly ledger: Ledger, private readonly queue: JobQueue, private readonly url: string, private readonly graceMs: number) {
    for (const c of queue.clients) for (const event of ['close', 'reconnecting', 'end', 'ready']) c.on(event, () => this.watch());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.lostTimer);
  }

  private watch(): void {
    if (this.stopped) return;
    const down = this.queue.down();
    if (down && !this.lostTimer) {
      this.lostTimer = setTimeout(() => this.lost(), this.graceMs);
    } else if (!down && this.lostTimer) {
      clearTimeout(this.lostTimer);
      this.lostTimer = undefined;
      // Let the event reader catch up first (BullMQ's waits up to 5 s after an error); if
      // nothing comes back within reconcileMs, the jobs' states are asked for.
      this.ledger.lastNews = Date.now();
    }
  }

  private lost(): void {
    this.lostTimer = undefined;
    const error = this.queue.lastError;
    const cause = error ? ` (${error.message})` : '';
    this.ledger.rejectPending(new Error(`lost the connection to Redis at ${redactUrl(this.url)} for ${this.graceMs / 1000} s${cause}: the run stopped, and its results are incomplete`));
    this.watch(); // still down: calls made since wait at most another graceMs
  }
}
