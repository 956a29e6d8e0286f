// One check thread's turn-taking: the tasks given to a thread run one at a time, in
// arrival order, and each one's time limit starts when its turn comes, not when it was
// asked for. With the clock started on arrival, six slow validations sent at once made a
// plain save queued behind them fail after 11 s with "too large or too complex": the
// load was blamed on the document (probe-server.md #3). How many may wait is bounded: a
// task beyond it is answered 503 `busy` with Retry-After at once, not refused as invalid.
import { ApiError } from '../errors.ts';

/** How many tasks may wait for a check thread's turn (besides the one running) before more are refused as busy. */
export const MAX_WAITING_CHECKS = 32;

export interface Lane {
  /**
   * `work` once the tasks before it are done, stopped after `seconds` counted from its start.
   * `failed` words what went wrong (`late`: the time limit, else the work's own failure).
   * With `mustRun` the task waits however many are waiting (a running experiment's next step).
   */
  timed<R>(work: (signal: AbortSignal) => Promise<R>, seconds: number, failed: (message: string, late: boolean) => R, what: string, mustRun?: boolean): Promise<R>;
  /** Tasks waiting for their turn now (not the one running). */
  readonly waiting: number;
}

export function lane(maxWaiting = MAX_WAITING_CHECKS, retryAfterSeconds = 10): Lane {
  const queue: (() => void)[] = [];
  let running = false;
  const next = () => {
    const go = queue.shift();
    if (go) go();
    else running = false;
  };
  return {
    get waiting() { return queue.length; },
    async timed(work, seconds, failed, what, mustRun = false) {
      if (running) {
        if (!mustRun && queue.length >= maxWaiting) {
          throw new ApiError(503, 'busy', `the server is busy checking other scenarios (${maxWaiting} waiting): try again in ${retryAfterSeconds} s`,
            undefined, undefined, retryAfterSeconds);
        }
        await new Promise<void>((go) => queue.push(go));
      } else running = true;
      const limit = new AbortController();
      const timer = setTimeout(() => limit.abort(new Error('time limit')), seconds * 1000);
      try {
        return await work(limit.signal);
      } catch (e) {
        if (limit.signal.aborted) return failed(`checking ${what} took longer than this server's limit of ${seconds} s, and was stopped`, true);
        return failed(`${what} could not be checked: ${e instanceof Error ? e.message : String(e)}`, false);
      } finally {
        clearTimeout(timer);
        next();
      }
    },
  };
}
