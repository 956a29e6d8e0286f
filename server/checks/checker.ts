// Scenario checks for the server (validate, save, run admission): the whole check
// (server/store/check.ts) runs on a worker thread with a heap ceiling and a time limit,
// so no document — however large or however big its numbers — holds the thread that
// answers requests (GET /api/health goes on answering). Clients send the same documents
// again and again (a library scenario run many times), so the last few verdicts are kept,
// keyed by the document's JSON text.
//
// A sweep's points (every point of its grid checked as a scenario of its own) are checked
// on a thread of their own, with a time limit that grows with the grid: one point of a
// scenario near the body limit takes over a second, so a grid of them held the server's
// thread for minutes in one-point slices, and on the document thread it would hold up
// every save and validation meanwhile.
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import { createPool } from '../../runner/local/pool.ts';
import { workerEntry } from '../../runner/local/worker-entry.ts';
import { checkDocument, type Checked } from '../store/check.ts';
import { checkPoints, MAX_SWEEP_SCENARIO_BYTES, type PointsVerdict } from '../../runner/experiment/sweep-points.ts';
import { gridPoints, type Parameter, type PointScenario } from '../../runner/experiment/grid.ts';
import { seekPoint } from '../../runner/experiment/seek-points.ts';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { grouped } from '../../engine/core/errors.ts';

export interface DocumentTask {
  kind: 'document';
  /** The document as JSON text (cheaper to hand over than an object graph). */
  json: string;
  limits: CostLimits;
  only?: string[];
}

/** A sweep's grid: each point's scenario checked, and refused past this server's horizon. */
export interface PointsTask {
  kind: 'points';
  /** The sweep's base scenario (already checked) as JSON text. */
  base: string;
  params: Parameter[];
  limits: CostLimits;
  horizonDays: number;
}

/** Values a seek tries: each one's scenario checked, and refused past this server's horizon; the KPI names from the last. */
export interface SeekPointsTask {
  kind: 'seek-points';
  /** The seek's base scenario (already checked) as JSON text. */
  base: string;
  param: Parameter;
  values: number[];
  limits: CostLimits;
  horizonDays: number;
}

export type SeekPointsVerdict = { ok: true; scenarios: string[]; known: string[] } | { ok: false; message: string; overLimit?: boolean };

export type CheckTask = DocumentTask | PointsTask | SeekPointsTask;

export interface Checker {
  /** The verdict on a document; with `only`, the baseline and those variants are compiled (all if omitted). */
  check(doc: unknown, only?: readonly string[]): Promise<Checked>;
  /** Every point of a sweep's grid checked (sweep-points.ts), or why not; `ok: false` also when the check ran out of time. */
  points(task: Omit<PointsTask, 'kind'>): Promise<PointsVerdict>;
  /** The scenarios of values a seek tries (seek-points.ts), or why not (the first value that fails, or the time limit). */
  seekPoints(task: Omit<SeekPointsTask, 'kind'>): Promise<SeekPointsVerdict>;
  close(): Promise<void>;
}

/** A sweep's points may take `seconds` (the server's check limit) per this much of their scenarios' text, and `seconds` at least: checking costs about 1–2 s per MB. */
export const POINTS_BYTES_PER_CHECK_PERIOD = 1024 * 1024;

/** The points of a task checked (in whichever thread calls it); `turn` gives the thread back now and then. */
export function runPointsTask(t: Omit<PointsTask, 'kind'>, turn?: () => Promise<void>): Promise<PointsVerdict> {
  return checkPoints(JSON.parse(t.base), t.params, gridPoints(t.params), t.limits, { within: (pt, at) => withinHorizon(pt, t.horizonDays, at), turn });
}

/** The values of a seek's task built (in whichever thread calls it). */
export function runSeekPointsTask(t: Omit<SeekPointsTask, 'kind'>): SeekPointsVerdict {
  const base = JSON.parse(t.base);
  const scenarios: string[] = [];
  let known: string[] = [];
  for (const [i, value] of t.values.entries()) {
    const r = seekPoint(base, t.param, value, t.limits, (pt) => withinHorizon(pt, t.horizonDays, `${t.param.name}=${value}`), i === t.values.length - 1);
    if (!r.ok) return r;
    scenarios.push(r.text);
    known = r.known;
  }
  return { ok: true, scenarios, known };
}

/** A point's scenario over this server's horizon limit is refused as the base is. */
export function withinHorizon(pt: PointScenario, horizonDays: number, at: string): string | undefined {
  const h = pt.scenario.time.horizonDays;
  return h > horizonDays ? `at ${at} time.horizonDays is ${h}, over this server's limit of ${horizonDays}` : undefined;
}

const KEEP = 32;

/** A map that forgets its least recently used entry beyond `size`. */
class Recent<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v !== undefined) this.map.delete(key);
    else v = make();
    this.map.set(key, v);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return v;
  }
  forget(key: string): void {
    this.map.delete(key);
  }
}

const refused = (message: string): Checked => ({ ok: false, issues: [{ path: '(top level)', message }] });

function cached(run: (json: string, only?: string[]) => Promise<Checked>, points: Pick<Checker, 'points' | 'seekPoints'>, close: () => Promise<void>): Checker {
  const recent = new Recent<Promise<Checked>>(KEEP);
  return {
    ...points,
    check(doc, only) {
      const json = JSON.stringify(doc);
      const key = `${only ? JSON.stringify(only) : '*'}\n${json}`;
      const verdict = recent.get(key, () => run(json, only ? [...only] : undefined));
      // A check that could not finish (time limit, memory) is not kept: it may be the load, not the document.
      verdict.catch(() => recent.forget(key));
      return verdict;
    },
    close,
  };
}

export interface WorkerCheckerOptions {
  /** Seconds one check may take before it is stopped and the document refused. */
  seconds: number;
  /** Heap of the check thread, MB. */
  heapMb?: number;
}

/** Checks on one worker thread, one at a time in arrival order; a sweep's points on another. */
export function workerChecker(limits: CostLimits, o: WorkerCheckerOptions): Checker {
  const entry = workerEntry('worker', import.meta.url);
  const heapMb = o.heapMb ?? limits.workerMemoryMb;
  const pool = createPool<CheckTask, Checked>(entry, 1, { heapMb });
  // Room for the grid's text (up to MAX_SWEEP_SCENARIO_BYTES, two bytes a character at worst) beside one point's check.
  const pointsPool = createPool<CheckTask, PointsVerdict | SeekPointsVerdict>(entry, 1, { heapMb: heapMb + Math.ceil((2 * MAX_SWEEP_SCENARIO_BYTES) / (1024 * 1024)) });
  /** `work` stopped after `seconds`; `failed` words what went wrong (`late`: the time limit, else the thread's own failure). */
  async function timed<R>(work: (signal: AbortSignal) => Promise<R>, seconds: number, failed: (message: string, late: boolean) => R, what: string): Promise<R> {
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new Error('time limit')), seconds * 1000);
    try {
      return await work(limit.signal);
    } catch (e) {
      if (limit.signal.aborted) return failed(`checking ${what} took longer than this server's limit of ${seconds} s, and was stopped`, true);
      return failed(`${what} could not be checked: ${e instanceof Error ? e.message : String(e)}`, false);
    } finally {
      clearTimeout(timer);
    }
  }
  const run = (json: string, only?: string[]) => timed(
    (signal) => pool.run({ kind: 'document', json, limits, only }, signal), o.seconds,
    (m, late) => refused(late ? `${m}: it is too large or too complex` : m), 'the scenario');
  /** `task` on the points' thread, within `seconds` per MB of its points' scenarios. */
  type Refusal = { ok: false; overLimit: true; message: string };
  const onPoints = <R extends PointsVerdict | SeekPointsVerdict>(task: PointsTask | SeekPointsTask, n: number, what: string) => timed<R | Refusal>(
    (signal) => pointsPool.run(task, signal) as Promise<R>,
    o.seconds * Math.max(1, Math.ceil((n * task.base.length) / POINTS_BYTES_PER_CHECK_PERIOD)),
    (m, late) => ({ ok: false as const, overLimit: true, message: late ? `${m} (${o.seconds} s per MB of the points' scenarios): use fewer values, or a smaller scenario` : m }),
    what);
  const points = {
    points: (t: Omit<PointsTask, 'kind'>) => {
      const n = t.params.reduce((k, p) => k * p.values.length, 1);
      return onPoints<PointsVerdict>({ kind: 'points', ...t }, n, `the grid's ${grouped(n)} point${n === 1 ? '' : 's'}`);
    },
    seekPoints: (t: Omit<SeekPointsTask, 'kind'>) =>
      onPoints<SeekPointsVerdict>({ kind: 'seek-points', ...t }, t.values.length, `${t.param.name}=${t.values.join(', ')}`),
  };
  return cached(run, points, async () => { await Promise.all([pool.close(), pointsPool.close()]); });
}

/** Checks in this thread (tests and tools that build a server's parts by hand): the same verdicts. */
export function inThreadChecker(limits: CostLimits): Checker {
  const points = { points: (t: Omit<PointsTask, 'kind'>) => runPointsTask(t, () => yieldToEventLoop()), seekPoints: async (t: Omit<SeekPointsTask, 'kind'>) => runSeekPointsTask(t) };
  return cached(async (json, only) => checkDocument(JSON.parse(json), limits, only), points, async () => {});
}
