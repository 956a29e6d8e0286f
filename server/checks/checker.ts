// Scenario checks for the server (validate, save, run admission): the whole check
// (server/store/check.ts) runs on a worker thread with a heap ceiling and a time limit,
// so no document — however large or however big its numbers — holds the thread that
// answers requests (GET /api/health goes on answering). Clients send the same documents
// again and again (a library scenario run many times), so the last few verdicts are kept,
// keyed by the document's JSON text.
//
// An experiment's work on whole scenarios (its base with the variant and settings applied,
// the choices it offers, a sweep's points, a seek's values: experiment-tasks.ts) runs on a
// thread of its own, with a time limit that grows with the scenarios' text: one point of a
// scenario near the body limit takes over a second to check, so a grid of them held the
// server's thread for minutes in one-point slices, and 50 settings of which the last was
// wrong parsed such a scenario 51 times in one go (34 s on a loaded machine). On the
// document thread it would hold up every save and validation meanwhile.
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import { createPool } from '../../runner/local/pool.ts';
import { workerEntry } from '../../runner/local/worker-entry.ts';
import { checkDocument, type Checked } from '../store/check.ts';
import { MAX_SWEEP_SCENARIO_BYTES, type PointsVerdict } from '../../runner/experiment/sweep-points.ts';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { grouped } from '../../engine/core/errors.ts';
import { lane, MAX_WAITING_CHECKS } from './lane.ts';
import {
  runExperimentTask, type BaseTask, type BaseVerdict, type ChoicesTask, type ChoicesVerdict, type ExperimentTask,
  type PointsTask, type SeekPointsTask, type SeekPointsVerdict,
} from './experiment-tasks.ts';

export interface DocumentTask {
  kind: 'document';
  /** The document as JSON text (cheaper to hand over than an object graph). */
  json: string;
  limits: CostLimits;
  only?: string[];
}

export type CheckTask = DocumentTask | ExperimentTask;

export interface Checker {
  /** The verdict on a document; with `only`, the baseline and those variants are compiled (all if omitted). */
  check(doc: unknown, only?: readonly string[]): Promise<Checked>;
  /** An experiment's base: the variant and settings applied (experiment-tasks.ts), or why not. */
  base(task: Omit<BaseTask, 'kind'>): Promise<BaseVerdict>;
  /** What a scenario offers to vary, and its KPI names. */
  choices(task: Omit<ChoicesTask, 'kind'>): Promise<ChoicesVerdict>;
  /** Every point of a sweep's grid checked (sweep-points.ts), or why not; `ok: false` also when the check ran out of time. */
  points(task: Omit<PointsTask, 'kind'>): Promise<PointsVerdict>;
  /**
   * The scenarios of values a seek tries (seek-points.ts), or why not (the first value that fails, or the time limit).
   * `running`: for a seek already running, which waits its turn however busy the thread is
   * (a request beyond MAX_WAITING_CHECKS waiting is refused 503 `busy`).
   */
  seekPoints(task: Omit<SeekPointsTask, 'kind'>, o?: { running?: boolean }): Promise<SeekPointsVerdict>;
  close(): Promise<void>;
}

/** A sweep's points (and a seek's values, an experiment's base) may take `seconds` (the server's check limit) per this much of their scenarios' text, and `seconds` at least: checking costs about 1–3 s per MB. */
export const POINTS_BYTES_PER_CHECK_PERIOD = 1024 * 1024;

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

function cached(run: (json: string, only?: string[]) => Promise<Checked>, points: Pick<Checker, 'base' | 'choices' | 'points' | 'seekPoints'>, close: () => Promise<void>): Checker {
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

/** Checks on one worker thread, one at a time in arrival order; experiments' scenarios on another. */
export function workerChecker(limits: CostLimits, o: WorkerCheckerOptions): Checker {
  const entry = workerEntry('worker', import.meta.url);
  const heapMb = o.heapMb ?? limits.workerMemoryMb;
  const pool = createPool<CheckTask, Checked>(entry, 1, { heapMb });
  // Room for the grid's text (up to MAX_SWEEP_SCENARIO_BYTES, two bytes a character at worst) beside one point's check.
  const pointsPool = createPool<CheckTask, unknown>(entry, 1, { heapMb: heapMb + Math.ceil((2 * MAX_SWEEP_SCENARIO_BYTES) / (1024 * 1024)) });
  // Each thread takes its tasks in turn, each timed from its own start (lane.ts).
  const documents = lane(MAX_WAITING_CHECKS, o.seconds);
  const experiments = lane(MAX_WAITING_CHECKS, o.seconds);
  const run = (json: string, only?: string[]) => documents.timed(
    (signal) => pool.run({ kind: 'document', json, limits, only }, signal), o.seconds,
    (m, late) => refused(late ? `${m}: it is too large or too complex` : m), 'the scenario');
  /** `task` on the points' thread, within `seconds` per MB of its points' scenarios. */
  type Refusal = { ok: false; overLimit: true; message: string };
  /** `task` on the experiments' thread, within `seconds` per MB of the `n` scenarios it builds from its base. */
  const onThread = <R>(task: ExperimentTask, n: number, what: string, advice: string, mustRun = false) => experiments.timed<R | Refusal>(
    (signal) => pointsPool.run(task, signal) as Promise<R>,
    o.seconds * Math.max(1, Math.ceil((n * task.base.length) / POINTS_BYTES_PER_CHECK_PERIOD)),
    (m, late) => ({ ok: false as const, overLimit: true, message: late ? `${m} (${o.seconds} s per MB of the scenarios it builds): ${advice}` : m }),
    what, mustRun);
  const points = {
    base: (t: Omit<BaseTask, 'kind'>) =>
      onThread<BaseVerdict>({ kind: 'base', ...t }, t.settings.length + 1, 'the variant and settings', 'use fewer settings, or a smaller scenario'),
    choices: (t: Omit<ChoicesTask, 'kind'>) => onThread<ChoicesVerdict>({ kind: 'choices', ...t }, 1, 'the choices', 'use a smaller scenario'),
    points: (t: Omit<PointsTask, 'kind'>) => {
      const n = t.params.reduce((k, p) => k * p.values.length, 1);
      return onThread<PointsVerdict>({ kind: 'points', ...t }, n, `the grid's ${grouped(n)} point${n === 1 ? '' : 's'}`, 'use fewer values, or a smaller scenario');
    },
    seekPoints: (t: Omit<SeekPointsTask, 'kind'>, o: { running?: boolean } = {}) =>
      onThread<SeekPointsVerdict>({ kind: 'seek-points', ...t }, t.values.length, `${t.param.name}=${t.values.join(', ')}`, 'use a smaller scenario', o.running),
  };
  return cached(run, points, async () => { await Promise.all([pool.close(), pointsPool.close()]); });
}

/** Checks in this thread (tests and tools that build a server's parts by hand): the same verdicts. */
export function inThreadChecker(limits: CostLimits): Checker {
  const turn = () => yieldToEventLoop();
  const points = {
    base: async (t: Omit<BaseTask, 'kind'>) => runExperimentTask({ kind: 'base', ...t }, turn) as Promise<BaseVerdict>,
    choices: async (t: Omit<ChoicesTask, 'kind'>) => runExperimentTask({ kind: 'choices', ...t }, turn) as Promise<ChoicesVerdict>,
    points: (t: Omit<PointsTask, 'kind'>) => runExperimentTask({ kind: 'points', ...t }, turn) as Promise<PointsVerdict>,
    seekPoints: async (t: Omit<SeekPointsTask, 'kind'>) => runExperimentTask({ kind: 'seek-points', ...t }, turn) as Promise<SeekPointsVerdict>,
  };
  return cached(async (json, only) => checkDocument(JSON.parse(json), limits, only), points, async () => {});
}
