// The run manager with a runner whose replications finish when the test says so: at most
// N runs at once and the rest queued in order, a failing replication fails its run with
// the message, and progress messages are throttled to ten a second with the last count kept.
import { afterEach, describe, expect, test } from 'vitest';
import type { Runner } from '../../server/runner/runner.ts';
import type { ReplicationResult, ReplicationTask } from '../../server/pool/messages.ts';
import { runTask } from '../../server/pool/replication.ts';
import { RunManager } from '../../server/runs/manager.ts';
import type { RunEvent } from '../../server/runs/events.ts';
import { openDatabase, type Db } from '../../server/store/db.ts';
import { RunStore } from '../../server/store/runs.ts';
import { ScenarioStore } from '../../server/store/scenarios.ts';
import { defaultLimits } from '../../server/limits.ts';
import { fixtureDoc, removeDir, tempDir } from './harness.ts';

/** Replications held until released; `fail` makes the next released one throw. One real replication serves for all (quick). */
function heldRunner() {
  let one: ReplicationResult | undefined;
  const held: { task: ReplicationTask; signal?: AbortSignal; settle: (fail?: string) => void }[] = [];
  const runner: Runner = {
    parallelism: 2,
    run: (task, signal) => new Promise<ReplicationResult>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      held.push({ task, signal, settle: (fail) => (fail ? reject(new Error(fail)) : resolve((one ??= runTask(task)))) });
    }),
    close: async () => {},
  };
  const release = (n: number, fail?: string) => { for (const h of held.splice(0, n)) h.settle(fail); };
  return { runner, held, release };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
let db: Db | undefined;
let dir: string | undefined;
afterEach(() => {
  db?.close();
  if (dir) removeDir(dir);
});

function manager(runner: Runner, concurrentRuns: number) {
  dir = tempDir();
  db = openDatabase(dir);
  return new RunManager(new RunStore(db), new ScenarioStore(db, 10), runner, { limits: { ...defaultLimits, concurrentRuns } });
}

describe('RunManager', () => {
  test('at most concurrentRuns at once; the next queued run starts when one ends', async () => {
    const { runner, held, release } = heldRunner();
    const m = manager(runner, 1);
    const a = await m.submit({ scenario: fixtureDoc(), replications: 1, variants: [] });
    const b = await m.submit({ scenario: fixtureDoc(), replications: 1, variants: [] });
    await flush();
    expect([m.summary(a.id)!.status, m.summary(b.id)!.status]).toEqual(['running', 'queued']);
    expect(held).toHaveLength(1);
    release(1);
    await flush();
    await flush();
    expect([m.summary(a.id)!.status, m.summary(b.id)!.status]).toEqual(['done', 'running']);
    release(1);
    await flush();
    await flush();
    expect(m.summary(b.id)!.status).toBe('done');
    expect(m.load).toEqual({ queued: 0, running: 0 });
  });

  test('a failing replication fails the run with its message, and the others are stopped', async () => {
    const { runner, held, release } = heldRunner();
    const m = manager(runner, 1);
    const events: RunEvent[] = [];
    const run = await m.submit({ scenario: fixtureDoc(), replications: 2, variants: [] });
    m.subscribe(run.id, (e) => events.push(e));
    await flush();
    expect(held).toHaveLength(2);
    release(1, 'pool "dgh/medical" over-released at t=3.5 h');
    await flush();
    await flush();
    expect(m.summary(run.id)).toMatchObject({ status: 'failed', error: 'replication 0 of the baseline failed: pool "dgh/medical" over-released at t=3.5 h' });
    expect(events.at(-1)).toEqual({ type: 'failed', runId: run.id, error: 'replication 0 of the baseline failed: pool "dgh/medical" over-released at t=3.5 h' });
    expect(held).toHaveLength(1);
    expect(held[0].signal?.aborted).toBe(true); // the other replication was told to stop
  });

  test('progress: at most one message per 100 ms, the last count always sent before the end', async () => {
    const { runner, release } = heldRunner();
    const m = manager(runner, 1);
    const events: RunEvent[] = [];
    const run = await m.submit({ scenario: fixtureDoc(), replications: 30, variants: [] });
    m.subscribe(run.id, (e) => events.push(e));
    await flush();
    const t0 = Date.now();
    for (let i = 0; i < 30; i++) {
      release(1);
      await flush();
    }
    await flush();
    const elapsed = Date.now() - t0;
    const progress = events.filter((e) => e.type === 'progress');
    // 30 replications as fast as they come: one message, then at most one per 100 ms, then the last count.
    expect(progress.length).toBeLessThanOrEqual(2 + Math.floor(elapsed / 100));
    expect(progress.length).toBeLessThan(30);
    expect(progress.at(-1)).toMatchObject({ done: 30, total: 30 });
    expect(events.at(-1)!.type).toBe('done');
  });
});
