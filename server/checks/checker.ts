// Scenario checks for the server (validate, save, run admission): the whole check
// (server/store/check.ts) runs on a worker thread with a heap ceiling and a time limit,
// so no document — however large or however big its numbers — holds the thread that
// answers requests (GET /api/health goes on answering). Clients send the same documents
// again and again (a library scenario run many times), so the last few verdicts are kept,
// keyed by the document's JSON text.
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import { createPool } from '../../runner/local/pool.ts';
import { workerEntry } from '../../runner/local/worker-entry.ts';
import { checkDocument, type Checked } from '../store/check.ts';

export interface CheckTask {
  /** The document as JSON text (cheaper to hand over than an object graph). */
  json: string;
  limits: CostLimits;
  only?: string[];
}

export interface Checker {
  /** The verdict on a document; with `only`, the baseline and those variants are compiled (all if omitted). */
  check(doc: unknown, only?: readonly string[]): Promise<Checked>;
  close(): Promise<void>;
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

function cached(run: (json: string, only?: string[]) => Promise<Checked>, close: () => Promise<void>): Checker {
  const recent = new Recent<Promise<Checked>>(KEEP);
  return {
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

/** Checks on one worker thread, one at a time in arrival order. */
export function workerChecker(limits: CostLimits, o: WorkerCheckerOptions): Checker {
  const entry = workerEntry('worker', import.meta.url);
  const pool = createPool<CheckTask, Checked>(entry, 1, { heapMb: o.heapMb ?? limits.workerMemoryMb });
  const run = async (json: string, only?: string[]): Promise<Checked> => {
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new Error('time limit')), o.seconds * 1000);
    try {
      return await pool.run({ json, limits, only }, limit.signal);
    } catch (e) {
      if (limit.signal.aborted) return refused(`checking the scenario took longer than this server's limit of ${o.seconds} s, and was stopped: it is too large or too complex`);
      const message = e instanceof Error ? e.message : String(e);
      return refused(`the scenario could not be checked: ${message}`);
    } finally {
      clearTimeout(timer);
    }
  };
  return cached(run, () => pool.close());
}

/** Checks in this thread (tests and tools that build a server's parts by hand): the same verdicts. */
export function inThreadChecker(limits: CostLimits): Checker {
  return cached(async (json, only) => checkDocument(JSON.parse(json), limits, only), async () => {});
}
