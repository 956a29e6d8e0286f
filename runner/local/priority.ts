// A server's worker threads (replications, checks, live runs) run at a lower scheduling
// priority than the thread that answers requests: on a machine whose cores they keep busy,
// the server's thread still gets a core when a request comes (GET /api/health, a page of
// the app). The command line's replications keep the normal priority: nothing waits on them.
// Linux only (a thread's own id from /proc/thread-self, then setpriority on that id, which
// Linux applies to the one thread); elsewhere, or if refused, nothing changes.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Niceness of a server's worker threads: low enough to yield to requests, and a quiet machine still runs them at full speed. */
export const SERVER_WORKER_NICENESS = 10;

/** Sets this thread's niceness (0: leave it); call at the top of a worker thread. */
export function niceThread(niceness: number): void {
  if (!niceness || process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, niceness);
  } catch {
    // No /proc, or not allowed: the thread keeps the process's priority.
  }
}
