// `pathflow warmup` as a user runs it (main(argv, io)): the chosen daily series of the
// same replications `run` would make, Welch's curves from engine/experiment/welch.ts, the
// suggestion beside the scenario's warm-up, and clear messages for unknown series.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.ts';
import { pathflow } from './in-process.ts';
import { WarmupResultSchema } from '../../runner/experiment/results.ts';
import { loadScenario } from '../../scenarios/load.ts';
import { compileVariant, runOne } from '../../runner/replicate.ts';
import { movingAverage, mserTruncation } from '../../engine/experiment/welch.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = `${root}test/fixtures/small-ed.yaml`;

describe('pathflow warmup', () => {
  test("the daily means of the scenario's replications, Welch's moving average and the MSER-5 suggestion", async () => {
    const r = await pathflow('warmup', fixture, '--series', 'beds.inUse[dgh/medical]', '--reps', '4', '--window', '3', '--workers', '1', '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = WarmupResultSchema.parse(JSON.parse(r.stdout));
    expect([doc.series, doc.unit]).toEqual(['beds.inUse[dgh/medical]', 'beds']);
    // The same replications as `run` makes: (seed 1, k) for k = 0..3, sampled daily from day 0.
    const loaded = loadScenario(fixture);
    if (!loaded.ok) throw new Error('fixture');
    const c = compileVariant(loaded.value, 'baseline');
    if (!c.ok) throw new Error('compile');
    const reps = [0, 1, 2, 3].map((k) => runOne(c.value.model, 1, k, true).series['beds.inUse[dgh/medical]']);
    expect(doc.days).toHaveLength(36); // 35 days, sampled at 00:00 of days 0..35
    doc.mean.forEach((m, d) => expect(m).toBeCloseTo((reps[0][d] + reps[1][d] + reps[2][d] + reps[3][d]) / 4, 12));
    expect(doc.smoothed).toEqual(movingAverage(doc.mean, 3));
    expect(doc.suggestedWarmupDays).toBe(mserTruncation(doc.mean, 5));
    expect(doc.currentWarmupDays).toBe(7);
    expect(doc.mean[0]).toBe(0); // the run starts empty: that is what the warm-up discards
  });

  test('the same document whatever the workers (the series are summed in replication order as they come)', async () => {
    const args = ['warmup', fixture, '--series', 'queue.length[dgh/cubicles]', '--reps', '7', '--json'] as const;
    const one = await pathflow(...args, '--workers', '1');
    const two = await pathflow(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  test('the table marks both warm-ups and ends with the suggestion', async () => {
    const r = await pathflow('warmup', fixture, '--kpi', 'beds.inUse[dgh/medical]', '--reps', '4', '--workers', '1');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe("A small emergency department — beds.inUse[dgh/medical] (beds in use), 4 replications, seed 1; Welch's moving average, window ±7 days, every 2 days shown");
    expect(lines[1]).toBe('day  mean (beds)  moving average (±7)');
    expect(lines.find((l) => l.startsWith('  7 '))).toMatch(/current warm-up ends$/);
    expect(lines.filter((l) => l.endsWith('suggested warm-up ends'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^suggested warm-up: \d+ days \(MSER-5: .*\); the scenario's: 7 days$/);
  });

  test('the old names (occupancy[…] was beds in use, a count) still work, with the new name said once', async () => {
    const old = await pathflow('warmup', fixture, '--series', 'occupancy[dgh/medical]', '--reps', '2', '--workers', '1', '--json');
    const now = await pathflow('warmup', fixture, '--series', 'beds.inUse[dgh/medical]', '--reps', '2', '--workers', '1', '--json');
    expect(old.code).toBe(0);
    expect(old.stdout).toBe(now.stdout);
    expect(old.stderr).toMatchInlineSnapshot(`
      "pathflow warmup: "occupancy[dgh/medical]" is renamed "beds.inUse[dgh/medical]" (beds in use, in beds); using it, but the old name will be removed
      "
    `);
    const queue = await pathflow('warmup', fixture, '--series', 'queue[dgh/medical]', '--reps', '2', '--workers', '1', '--json');
    expect(JSON.parse(queue.stdout)).toMatchObject({ series: 'queue.length[dgh/medical]', unit: 'patients' });
  });

  test('an unknown series lists the ones sampled, exit 1; a window too wide says how wide it may be', async () => {
    expect(await pathflow('warmup', fixture, '--series', 'beds.inUse[dgh/icu]', '--workers', '1')).toEqual({
      code: 1, stdout: '',
      stderr: 'pathflow warmup: unknown series "beds.inUse[dgh/icu]"; this scenario reports:\n    beds.inUse[dgh/cubicles | dgh/medical]\n    queue.length[dgh/cubicles | dgh/medical]\n',
    });
    const wide = await pathflow('warmup', fixture, '--series', 'queue.length[dgh/medical]', '--reps', '2', '--window', '40', '--workers', '1');
    expect(wide).toEqual({ code: 1, stdout: '', stderr: 'pathflow warmup: --window 40 leaves nothing to plot from 36 days of samples: use at most 35 (Law advises a quarter of them at most, 9)\n' });
    expect((await pathflow('warmup', fixture)).code).toBe(2);
  });
});
