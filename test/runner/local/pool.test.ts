// The worker pool: a scenario's replications on worker threads give the same document as
// in this thread, whatever the number of workers; failures reject, never hang.
import { describe, expect, test } from 'vitest';
import { runVariants, runVariantsWith } from '../../../runner/summary.ts';
import { createPool, replicationPool } from '../../../runner/local/pool.ts';
import { smallEd } from '../../fixtures/small-ed.ts';

const scenario = smallEd;

describe('replications on worker threads', () => {
  test('1 and 2 workers give the document of the in-thread run, bit for bit', async () => {
    const { s, variants } = scenario();
    const plan = { replications: 4, seed: 7 };
    const sequential = runVariants(s, variants, plan);
    for (const size of [1, 2]) {
      const pool = replicationPool(size);
      const json = JSON.stringify(s);
      const done: number[] = [];
      try {
        const doc = await runVariantsWith(s, variants, { ...plan, onProgress: (d) => done.push(d) },
          (variant, seed, replication) => pool.run({ scenario: json, variant, seed, replication, series: true }));
        expect(doc).toStrictEqual(sequential);
        expect(done).toEqual(Array.from({ length: variants.length * 4 }, (_, i) => i + 1));
      } finally {
        await pool.close();
      }
    }
  }, 60_000);

  test('a task the worker cannot run (unknown variant) rejects with its message', async () => {
    const { s } = scenario();
    const pool = replicationPool(1);
    try {
      await expect(pool.run({ scenario: JSON.stringify(s), variant: 'nope', seed: 1, replication: 0, series: false }))
        .rejects.toThrow('unknown variant "nope" (known: baseline, ');
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('the pool', () => {
  const entry = new URL('../../fixtures/crash-worker.js', import.meta.url);

  test('a worker that dies fails its task, and the pool carries on with a new one', async () => {
    const pool = createPool<number | string, number>(entry, 1);
    try {
      await expect(pool.run('crash')).rejects.toThrow('exit code 3');
      await expect(pool.run('throw')).rejects.toThrow('asked to throw');
      expect(await Promise.all([1, 2, 3].map((x) => pool.run(x)))).toEqual([2, 4, 6]);
    } finally {
      await pool.close();
    }
  });

  test('an abort drops a queued task and terminates a running one; the pool carries on', async () => {
    const pool = createPool<number | string, number>(entry, 1);
    try {
      const run = new AbortController(), other = new AbortController();
      const spinning = pool.run('spin', run.signal);
      const queued = pool.run(5, run.signal);
      const bystander = pool.run(21, other.signal); // another run's task, queued behind
      run.abort();
      await expect(spinning).rejects.toThrow('aborted');
      await expect(queued).rejects.toThrow('aborted');
      expect(await bystander).toBe(42); // on a new worker: the spinning one was terminated
      expect(await pool.run(1)).toBe(2);
      await expect(pool.run(1, run.signal)).rejects.toThrow('aborted'); // already aborted
    } finally {
      await pool.close();
    }
  });

  test('a task that outgrows the heap ceiling fails alone, saying so, and the pool carries on', async () => {
    const pool = createPool<number | string, number>(entry, 1, { heapMb: 32 });
    try {
      await expect(pool.run('hog')).rejects.toThrow(/^it ran out of memory: a worker thread may use 32 MB \(.*raise with --limit workerMemoryMb=N\)$/);
      expect(await pool.run(4)).toBe(8);
    } finally {
      await pool.close();
    }
  });

  test('close() rejects what is queued', async () => {
    const pool = createPool<number, number>(entry, 1);
    const settled = Promise.allSettled([pool.run(1), pool.run(2)]);
    await pool.close();
    expect((await settled).map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value)))
      .toEqual(['the pool was closed', 'the pool was closed']);
  });
});
