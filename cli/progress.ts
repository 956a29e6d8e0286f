// The progress line of sweep, seek and warm-up on stderr.
import type { Io } from './validate.ts';

/** "running 12/630 replications" on stderr, rewritten in place (only when it is a terminal, as `run` does). */
export function progressLine(io: Io, enabled: boolean) {
  let done = 0;
  return {
    /** One more replication done, of `total` (a number) or of an open-ended search (a note such as "at beds=20"). */
    tick(total: number | string) {
      done++;
      if (enabled) io.err(`\rrunning ${typeof total === 'number' ? `${done}/${total} replications` : `${done} replications ${total}`}\x1b[K`);
    },
    clear() {
      if (enabled) io.err('\r\x1b[K');
    },
  };
}
