// The run manager with a runner whose replications finish when the test says so: at most
// N runs at once and the rest queued in order, a failing replication fails its run with
// the message, and progress messages are throttled to ten a second with the last count kept.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Runner } from '../../runner/runner.ts';
import type { ReplicationResult, ReplicationTask } from '../../runner/local/messages.ts';
import { runTask } from '../../runner/local/replication.ts';
import { RunManager } from '../../server/runs/manager.ts';
import type { RunEvent } from '../../server/runs/events.ts';
import { openDatabase, type Db } from '../../server/store/db.ts';
import { RunStore } from '../../server/store/runs.ts';
import { ScenarioStore } from '../../server/store/scenarios.ts';
import { defaultLimits } from '../../server/limits.ts';
import { fixtureDoc, removeDir, tempDir } from './harness.ts';

/**
 * Replications held until released; `fail` makes the released one throw. One real
 * replication serves for all (quick). `whenHeld(n)` resolves once n replications are held.
 */
function heldRunner() {
  let one: ReplicationResult | undefined;
  const held: { task: ReplicationTask; signal?: AbortSignal; settle: (fail?: string) => void }[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  const runner: Runner = {
    parallelism: 2,
    run: (task, signal) => new Promise<ReplicationResult>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      held.push({ task, signal, settle: (fail) => (fail ? reject(new Error(fail)) : resolve((one ??= runTask(task)))) });
      for (const w of waiting.splice(0)) if (held.length >= w.n) w.resolve(); else waiting.push(w);
    }),
    close: async () => {},
  };
  const release = (n: number, fail?: string) => { for (const h of held.splice(0, n)) h.settle(fail); };
  const whenHeld = (n: number) => new Promise<void>((resolve) => (held.length >= n ? resolve() : waiting.push({ n, resolve })));
  return { runner, held, release, whenHeld };
}

/** The run's next event of this type. */
const next = (m: RunManager, runId: string, type: RunEvent['type']) =>
  new Promise<RunEvent>((resolve) => {
    const stop = m.subscribe(runId, (e) => {
      if (e.type === type) {
        stop();
        resolve(e);
      }
    });
  });

let db: Db | undefined;
let dir: string | undefined;
afterEach(() => {
  db?.close();
  if (dir) removeDir(dir);
});

function manager(runner: Runner, concurrentRuns: number) {
  dir = tempDir();
  db = openDatabase(dir);
  return new RunManager(new RunStore(db), new ScenarioStore(db, { maxSaved: 10 }), runner, { limits: { ...defaultLimits, concurrentRuns } });
}

describe('RunManager', () => {
  test('at most concurrentRuns at once; the next queued run starts when one ends', async () => {
    const { runner, held, release, whenHeld } = heldRunner();
    const m = manager(runner, 1);
    const a = await m.submit({ scenario: fixtureDoc(), replications: 1, variants: [] });
    const b = await m.submit({ scenario: fixtureDoc(), replications: 1, variants: [] });
    await whenHeld(1);
    expect([m.summary(a.id)!.status, m.summary(b.id)!.status]).toEqual(['running', 'queued']);
    expect(held).toHaveLength(1);
    const aDone = next(m, a.id, 'done');
    release(1);
    await aDone;
    await whenHeld(1); // b's replication
    expect([m.summary(a.id)!.status, m.summary(b.id)!.status]).toEqual(['done', 'running']);
    const bDone = next(m, b.id, 'done');
    release(1);
    await bDone;
    expect(m.summary(b.id)!.status).toBe('done');
    expect(m.load).toEqual({ queued: 0, running: 0 });
  });

  test('a failing replication fails the run with its message, and the others are stopped', async () => {
    const { runner, held, release, whenHeld } = heldRunner();
    const m = manager(runner, 1);
    const events: RunEvent[] = [];
    const run = await m.submit({ scenario: fixtureDoc(), replications: 2, variants: [] });
    m.subscribe(run.id, (e) => events.push(e));
    await whenHeld(2);
    const failed = next(m, run.id, 'failed');
    release(1, 'pool "dgh/medical" over-released at t=3.5 h');
    await failed;
    expect(m.summary(run.id)).toMatchObject({ status: 'failed', error: 'replication 0 of the baseline failed: pool "dgh/medical" over-released at t=3.5 h' });
    expect(events.at(-1)).toEqual({ type: 'failed', runId: run.id, error: 'replication 0 of the baseline failed: pool "dgh/medical" over-released at t=3.5 h' });
    expect(held).toHaveLength(1);
    expect(held[0].signal?.aborted).toBe(true); // the other replication was told to stop
  });

  test('a run over the time limit is failed at the limit, saying why, and its replications are stopped', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const { runner, held, whenHeld } = heldRunner();
      dir = tempDir();
      db = openDatabase(dir);
      const m = new RunManager(new RunStore(db), new ScenarioStore(db, { maxSaved: 10 }), runner, { limits: { ...defaultLimits, concurrentRuns: 1, runSeconds: 2 } });
      const run = await m.submit({ scenario: fixtureDoc(), replications: 2, variants: [] });
      await whenHeld(2);
      vi.advanceTimersByTime(1999);
      expect(m.summary(run.id)!.status).toBe('running');
      vi.advanceTimersByTime(1);
      expect(m.summary(run.id)).toMatchObject({ status: 'failed', error: "the run took longer than this server's limit of 2 s and was stopped" });
      expect(held.every((h) => h.signal?.aborted)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  // The clock is vitest's (fake Date and timers): which counts are sent depends only on
  // when, in the run's time, each replication ended.
  test('progress: at most one message per 100 ms, the last count always sent before the end', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const { runner, release, whenHeld } = heldRunner();
      const m = manager(runner, 1);
      const events: RunEvent[] = [];
      const run = await m.submit({ scenario: fixtureDoc(), replications: 30, variants: [] });
      m.subscribe(run.id, (e) => events.push(e));
      await whenHeld(30);
      const counts = () => events.flatMap((e) => (e.type === 'progress' ? [e.done] : []));
      // A released replication reaches the manager through promise continuations only, and
      // every one of them runs before a setImmediate callback: no time passes, none is guessed.
      const settled = () => new Promise((r) => setImmediate(r));
      release(1);
      await settled();
      expect(counts()).toEqual([1]); // the first count at once
      release(9);
      await settled();
      vi.advanceTimersByTime(99);
      expect(counts()).toEqual([1]); // nine more in the same instant: one message, 100 ms after the last
      vi.advanceTimersByTime(1);
      expect(counts()).toEqual([1, 10]);
      vi.advanceTimersByTime(100);
      release(1);
      await settled();
      expect(counts()).toEqual([1, 10, 11]); // 100 ms on: at once
      release(19);
      await settled();
      // The rest in one instant: a message is due in 100 ms, but the end comes first and carries the last count.
      expect(counts()).toEqual([1, 10, 11, 30]);
      expect(events.at(-2)).toMatchObject({ type: 'progress', done: 30, total: 30 });
      expect(events.at(-1)!.type).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });
});
