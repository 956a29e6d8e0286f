// What the command does when its own output fails: stdout into a closed pipe
// (`pathflow run --json | head -c1`) or onto a full disk (`> /dev/full`). Node reports such a
// failure as an 'error' event on process.stdout, which, unhandled, ends the process with a
// stack trace; every command writes through the same two streams, so they are watched here,
// once, rather than at each write.
//
// - EPIPE on stdout: the reader has gone (head, less quitting, grep -q). The command ends at
//   once and quietly, with status 0, as ripgrep and most newer command-line tools do: the
//   reader took what it wanted, and a script run with `set -o pipefail` should not fail because
//   a `| head` stopped reading. (Older tools are killed by SIGPIPE, status 141; Node ignores
//   SIGPIPE, so it is this handler or a stack trace.)
// - Any other error on stdout (ENOSPC, EIO): the output is cut short, which the user must
//   know: one line on stderr, status 1.
// - An error on stderr itself: nothing can be said anywhere, so further messages are dropped
//   and the command carries on; its exit status still tells how it ended.

/** The exit status for a reader that stopped reading (see above). */
export const CLOSED_PIPE_STATUS = 0;

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  exit(code: number): void;
}

let watched = false;

/** Watches process.stdout and process.stderr once per process; `who` names the command in the message ("pathflow run"). */
export function watchOutput(who: () => string, streams: Streams = { stdout: process.stdout, stderr: process.stderr, exit: (c) => process.exit(c) }): void {
  if (streams.stdout === process.stdout) {
    if (watched) return;
    watched = true;
  }
  let stderrFailed = false;
  streams.stderr.on('error', () => { stderrFailed = true; });
  streams.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return streams.exit(CLOSED_PIPE_STATUS);
    if (!stderrFailed) streams.stderr.write(`${who()}: could not write the output: ${e.message} (what was written is incomplete)\n`);
    streams.exit(1);
  });
}
