// The runner: the same document in this thread and on the pool, an abort stops at once and
// frees the workers, the first failure stops the rest.
import { describe, expect, test } from 'vitest';
import { runVariants, runVariantsWith } from '../../runner/summary.ts';
import { inThreadRunner, localRunner, runExperiment } from '../../runner/runner.ts';
import { runOne, type Replication } from '../../runner/replicate.ts';
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

  test('every replication\'s KPIs as it gave them (--per-replication): names in order, NaN as null', () => {
    const { s, variants } = scenario();
    const doc = runVariants(s, variants, { replications: 3, seed: 11, perReplication: true });
    const expected = variants.flatMap((v) => [0, 1, 2].map((k) => {
      const kpis = runOne(v.model, 11, k, true).kpis;
      return { variant: v.id, replication: k, kpis: Object.fromEntries(Object.entries(kpis).map(([n, x]) => [n, Number.isFinite(x) ? x : null])) };
    }));
    expect(doc.replicationKpis).toStrictEqual(expected);
    expect(Object.keys(doc.replicationKpis![4].kpis)).toEqual(Object.keys(expected[4].kpis));
  });

  test('a run that would keep more numbers than keptValues fails at its first replication, naming time.replications, and frees the workers', async () => {
    const { s, variants } = scenario();
    // 63 KPIs and 2 trends a replication here: 200 × 3 × 67 = 40,200 numbers.
    const over = /^time\.replications: 200 replications × 3 options × 67 numbers a replication \(its KPIs, and two for each queue's and list's trend\) would keep about 40,200 numbers for the comparisons, over the limit of 40,199: run fewer replications or options \(raise with --limit keptValues=N\)$/;
    expect(() => runVariants(s, variants, { replications: 200, seed: 1, keptValues: 40_199 })).toThrow(over);
    const runner = localRunner(2);
    try {
      let done = 0;
      await expect(runExperiment(s, variants, { replications: 200, seed: 1, keptValues: 40_199, onProgress: () => done++ }, runner)).rejects.toThrow(over);
      expect(done).toBeLessThan(20); // the others stopped
      // At the limit exactly it runs (3 replications here: the limit scaled to them).
      const next = await runExperiment(s, variants, { replications: 3, seed: 1, keptValues: 3 * 3 * 67 }, runner);
      expect(next).toStrictEqual(runVariants(s, variants, { replications: 3, seed: 1 }));
    } finally {
      await runner.close();
    }
  }, 60_000);

  test('a precision run is held to the numbers it may reach at its cap; later replications with more names to their count', async () => {
    const { s, variants } = scenario();
    expect(() => runVariants(s, variants, { replications: 2, seed: 1, keptValues: 1000 })).not.toThrow();
    const precision = { kpis: ['ed.4h'], relative: 0.0001, maxReplications: 100 };
    await expect(runExperiment(s, variants, { replications: 2, seed: 1, keptValues: 1000, precision }, inThreadRunner()))
      .rejects.toThrow(/^time\.replications: 100 replications × 3 options × 67 numbers/);
    // Replications that grow after the first: refused once what is kept passes the limit.
    const rep = (n: number): Replication => ({ kpis: Object.fromEntries(Array.from({ length: n }, (_, j) => [`k${j}`, j])), series: {}, trends: {}, arrived: 0 });
    let calls = 0;
    await expect(runVariantsWith(s, [variants[0]], { replications: 10, seed: 1, keptValues: 50 }, async () => rep(calls++ === 0 ? 1 : 30)))
      .rejects.toThrow(/^time\.replications: the replications run so far keep 61 numbers for the comparisons \(30 in the last one, more than the first had\), over the limit of 50: run fewer replications or options \(raise with --limit keptValues=N\)$/);
  });
});
