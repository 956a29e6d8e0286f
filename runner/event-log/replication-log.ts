// The event log of one replication: replication k of one variant run as runOne runs it
// (same seed, same budgets, so the same numbers as the run's replication k), with a
// JourneyEvents listener writing each patient event, as it happens, as CSV or OCEL 2.0
// JSON into bounded chunks handed to `write` (a file, an HTTP response). Never more than
// `maxEvents` events: past them the replication stops and the log is closed where it got to.
import { compileVariant, replicationOf, replicationSimulation, type Replication, type RunLimits } from '../replicate.ts';
import { baseScenario, variantScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { stepOrigins } from '../../scenarios/compile/step-origins.ts';
import { JourneyEvents, type JourneyEvent } from './journey-events.ts';
import { TextChunks } from './text-chunks.ts';
import { CsvEventLog } from './csv.ts';
import { OcelEventLog } from './ocel.ts';
import type { Issue } from '../../scenarios/errors.ts';
import { DEFAULT_MAX_EVENTS, MAX_EVENTS, type EventLogFormat } from './format.ts';
import { DAY } from '../../engine/hospital/week.ts';

export interface EventLogRequest {
  format: EventLogFormat;
  /** The replication's index, from 0 (the command line's --event-log-replication N is N − 1). */
  replication: number;
  seed: number;
  /** "baseline" (default) or a variant id. */
  variant?: string;
  maxEvents?: number;
  limits?: RunLimits;
}

export interface EventLogResult {
  events: number;
  /** The log stopped before the end (at maxEvents, or its reader went away): the replication was not finished, and has no KPIs. */
  stopped: boolean;
  /** The replication's own KPIs (as --per-replication gives them), when it ran to the end. */
  replication?: Replication;
}

class Stop extends Error {}

/** Runs the replication with its event log written to `write` (UTF-8 bytes in a reused buffer: valid during the call only); the scenario's issues if its variant does not compile. */
export function writeEventLog(s: Scenario, req: EventLogRequest, write: (chunk: Uint8Array) => void): { ok: true; value: EventLogResult } | { ok: false; issues: Issue[] } {
  const r = openEventLog(s, req, write);
  if (!r.ok) return r;
  r.value.runTo(Infinity);
  return { ok: true, value: r.value.end() };
}

/**
 * Events one slice of a streamed replication may take (written, and the simulation's own)
 * before the thread is given back: a few hundred kB of text and a few milliseconds of work
 * (20,000 held the server's thread 40 ms a slice, 300 ms on a loaded machine: /api/health's
 * p99 target is 50 ms). A slice of simulated time is halved while it takes more and doubled
 * (up to a day) while it takes much less, so a day of millions of arrivals neither holds
 * the server's thread for a minute nor piles its text up in memory.
 */
export const SLICE_EVENTS = 2_000;
const MIN_SLICE = 1e-6;

/** Back to the event loop (sockets first, then timers) before the next slice. */
const nextTurn = typeof setImmediate === 'function'
  ? () => new Promise<void>((resolve) => setImmediate(resolve))
  : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The same, for a writer that can say "wait" (an HTTP response, on the thread that answers
 * requests): the replication runs a slice of simulated time at a time (see SLICE_EVENTS),
 * giving the thread back after each; after a slice whose chunks the sink could not take at
 * once (write returned false) it waits for drain() before going on, so the chunks waiting
 * to be sent stay bounded. `stopped()` true (the client went away) ends it where it is.
 * The slicing changes only when the work is done: the events, and so the bytes, are those
 * of writeEventLog.
 */
export async function streamEventLog(s: Scenario, req: EventLogRequest, sink: { write(chunk: Uint8Array): boolean; drain(): Promise<void>; stopped(): boolean }): Promise<{ ok: true; value: EventLogResult } | { ok: false; issues: Issue[] }> {
  let full = false;
  const r = openEventLog(s, req, (chunk) => { if (!sink.write(chunk)) full = true; });
  if (!r.ok) return r;
  const log = r.value;
  let slice = DAY / 1440; // a minute first: a day may hold millions of events
  for (let t = 0; !log.done;) {
    t += slice;
    const before = log.work;
    log.runTo(t);
    const work = log.work - before;
    if (work > SLICE_EVENTS) slice = Math.max(slice / 2, MIN_SLICE);
    else if (work < SLICE_EVENTS / 4) slice = Math.min(slice * 2, DAY);
    if (full) {
      full = false;
      await sink.drain();
    } else await nextTurn();
    if (sink.stopped()) return { ok: true, value: log.end(true) };
  }
  return { ok: true, value: log.end() };
}

interface OpenLog {
  /** Runs on to time t (Infinity or past the horizon: to the end, with the patients still there). */
  runTo(t: number): void;
  /** The replication is over (or the log stopped at its bound). */
  readonly done: boolean;
  /** Work done so far: events written and the simulation's own events (a slice's size). */
  readonly work: number;
  /** Closes the log (a valid file up to there) and says how far it got. */
  end(cut?: boolean): EventLogResult;
}

function openEventLog(s: Scenario, req: EventLogRequest, write: (chunk: Uint8Array) => void): { ok: true; value: OpenLog } | { ok: false; issues: Issue[] } {
  const variant = req.variant ?? 'baseline';
  const compiled = compileVariant(s, variant);
  if (!compiled.ok) return compiled;
  const h = compiled.value.model;
  const core = variant === 'baseline' ? baseScenario(s) : variantScenario(s, variant);
  const max = Math.min(req.maxEvents ?? DEFAULT_MAX_EVENTS, MAX_EVENTS);
  const chunks = new TextChunks(write);
  const push = (t: string) => chunks.push(t);
  const activities = [...new Set(stepOrigins(core, h.model).map((o) => o.step))];
  const log = req.format === 'csv' ? new CsvEventLog(chunks, core.time.startDate) : new OcelEventLog(push, core.time.startDate, activities);
  const sim = replicationSimulation(h, req.seed, req.replication, req.limits ?? {});
  let events = 0;
  const journey = new JourneyEvents(sim, h, core, (e: JourneyEvent) => {
    if (events >= max) throw new Stop();
    events++;
    log.add(e);
  });
  let stopped = false, finished = false;
  return {
    ok: true,
    value: {
      get done() { return stopped || finished; },
      get work() { return events + sim.events; },
      runTo(t: number) {
        if (stopped || finished) return;
        try {
          if (t < sim.horizon) sim.runUntil(t);
          else {
            sim.runUntil(sim.horizon);
            journey.finish();
            finished = true;
          }
        } catch (e) {
          if (!(e instanceof Stop)) throw e;
          stopped = true;
        }
      },
      end(cut = false) {
        log.end();
        chunks.flush();
        return { events, stopped: stopped || cut, ...(finished && !stopped ? { replication: replicationOf(sim, h) } : {}) };
      },
    },
  };
}
