// The runner: the same document in this thread and on the pool, an abort stops at once and
// frees the workers, the first failure stops the rest.
import { describe, expect, test } from 'vitest';
import { runVariants } from '../../runner/summary.ts';
import { inThreadRunner, localRunner, runExperiment } from '../../runner/runner.ts';
import { smallEd } from '../fixtures/small-ed.ts';

const scenario = smallEd;

describe('runExperiment', () => {
  test('in this thread and on 2 workers: the document of runVariants, bit for bit', async () => {
    const { s, variants } = scenario();
    const plan = { replications: 3, seed: 11 };
    const expected = runVariants(s, variants, plan);
    for (const runner of [inThreadRunner(), localRunner(2)]) {
      try {
        expect(await runExperiment(s, variants, plan, runner)).toStrictEqual(expected);
      } finally {
        await runner.close();
      }
    }
  }, 60_000);

  test('an abort rejects with its reason at once, and the pool runs the next experiment', async () => {
    const { s, variants } = scenario();
    const runner = localRunner(2);
    try {
      const cancel = new AbortController();
      let done = 0;
      const running = runExperiment(s, variants, { replications: 200, seed: 1, signal: cancel.signal, onProgress: (d) => { if (++done === 2) cancel.abort(new Error('cancelled by the user')); } }, runner);
      await expect(running).rejects.toThrow('cancelled by the user');
      expect(done).toBeLessThan(20); // stopped, not run to the end
      const next = await runExperiment(s, variants, { replications: 2, seed: 1 }, runner);
      expect(next).toStrictEqual(runVariants(s, variants, { replications: 2, seed: 1 }));
    } finally {
      await runner.close();
    }
  }, 60_000);

  test('an unknown variant fails the experiment with a message naming the replication', async () => {
    const { s, variants } = scenario();
    const runner = inThreadRunner();
    // Not compiled by the caller (no model): the runner compiles it, and cannot.
    const bad = [...variants, { id: 'nope', name: 'nope', warmup: variants[0].warmup }];
    await expect(runExperiment(s, bad, { replications: 2, seed: 1 }, runner)).rejects.toThrow(/replication 0 of variant "nope" failed: unknown variant "nope"/);
  });
});
