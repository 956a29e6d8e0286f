// `run --event-log FILE`: the file side of the event log (runner/event-log/ makes the
// text). The file is opened before anything runs, so a path that cannot be written fails
// at once, naming the option; chunks are written as they come (synchronously: the
// replication waits for the disk, so memory holds one chunk at a time).
import { openSync, writeSync, closeSync } from 'node:fs';
import type { Scenario } from '../scenarios/schema/scenario.ts';
import { writeEventLog } from '../runner/event-log/replication-log.ts';
import type { EventLogFormat } from '../runner/event-log/format.ts';
import { grouped } from '../engine/core/errors.ts';
import type { Budget } from '../scenarios/cost/limits.ts';
import type { Io } from './validate.ts';

export interface EventLogArgs {
  path: string;
  format: EventLogFormat;
  /** 1 = the first replication. */
  replication: number;
  variant?: string;
  maxEvents: number;
}

/** Writes the log; the exit code if it failed (after saying why), else undefined. */
export function eventLog(s: Scenario, a: EventLogArgs, seed: number, budget: Budget, io: Io): number | undefined {
  const variant = a.variant ?? 'baseline';
  if (variant !== 'baseline' && !s.variants.some((v) => v.id === variant)) {
    io.err(`pathflow run: --event-log-variant: unknown variant "${variant}" (known: ${['baseline', ...s.variants.map((v) => v.id)].join(', ')})\n`);
    return 2;
  }
  let fd: number;
  try {
    fd = openSync(a.path, 'w');
  } catch (e) {
    io.err(`pathflow run: --event-log ${a.path}: cannot write it (${e instanceof Error ? e.message : String(e)})\n`);
    return 1;
  }
  try {
    const r = writeEventLog(s, { format: a.format, replication: a.replication - 1, seed, variant, maxEvents: a.maxEvents, limits: { budget } }, (chunk) => {
      writeSync(fd, chunk);
    });
    if (!r.ok) {
      io.err(`pathflow run: --event-log: the variant "${variant}" does not compile: ${r.issues.map((i) => i.message).join('; ')}\n`);
      return 1;
    }
    const what = `replication ${a.replication} of ${variant === 'baseline' ? 'the baseline' : `variant "${variant}"`}`;
    if (r.value.stopped) {
      io.err(`pathflow run: --event-log ${a.path}: stopped at ${grouped(r.value.events)} events (--max-events ${grouped(a.maxEvents)}): ${what} has more; the file holds its events up to there. Raise --max-events (at most 50,000,000) or shorten the run (--set time.horizonDays=…)\n`);
      return 1;
    }
    io.err(`pathflow run: event log of ${what}: ${grouped(r.value.events)} events written to ${a.path}\n`);
    return undefined;
  } catch (e) {
    io.err(`pathflow run: --event-log: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    closeSync(fd);
  }
}
