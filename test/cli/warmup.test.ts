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
    expect(lines.at(-2)).toMatch(/^suggested warm-up: \d+ days \(MSER-5: .*\); the scenario's: 7 days$/);
    // 35 days: MSER-5 stops at half of them, so the suggestion comes with its caveat.
    expect(lines.at(-1)).toMatch(/^caveat: 15 days is not a warm-up to use: MSER-5 stopped at the latest truncation it may try .* --set time\.horizonDays=140 /);
  });

  test('a horizon too short to find the warm-up (rho 0.9 from empty, 40 days): the suggestion carries a caveat, not a bare number', async () => {
    const probe = `${root}test/fixtures/warm-up-mmc.yaml`;
    const r = await pathflow('warmup', probe, '--series', 'queue.length[dgh/ward]', '--reps', '40', '--workers', '1', '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = WarmupResultSchema.parse(JSON.parse(r.stdout));
    expect(doc.suggestedWarmupDays).toBe(20); // MSER-5 at half the 41 days: all it may try
    expect(doc.suggestedHorizonDays).toBe(160);
    expect(doc.caveat).toMatch(/^20 days is not a warm-up to use: queue\.length\[dgh\/ward\] is still rising after it \([\d.]+ on average in days 20–29, [\d.]+ in days 30–40: \+/);
    expect(doc.caveat).toContain('The horizon of 40 days is too short to find the warm-up: rerun with a longer one, e.g. --set time.horizonDays=160');
    // Rising after it: the second half's mean above the first's, as the daily means show.
    const half = (a: number, b: number) => doc.mean.slice(a, b).reduce((x, y) => x + y, 0) / (b - a);
    expect(half(30, 41)).toBeGreaterThan(half(20, 30));
  });

  test('a long horizon on a series that settles: no caveat', async () => {
    const probe = `${root}test/fixtures/warm-up-mmc.yaml`;
    // rho = 0.6 (1.5 a day): settles within weeks; 200 days of 40 replications show it flat.
    const r = await pathflow('warmup', probe, '--series', 'beds.inUse[dgh/ward]', '--reps', '40', '--workers', '1', '--json',
      '--set', 'time.horizonDays=200', '--set', 'classes[medical].arrivals.perDay=1.5');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = WarmupResultSchema.parse(JSON.parse(r.stdout));
    expect(doc.caveat).toBeUndefined();
    expect(doc.suggestedWarmupDays).toBeLessThan(50);
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

  test('a scenario over a limit: said as the scenario, with no empty point label (sweep\'s "at beds=20" has no place here)', async () => {
    const r = await pathflow('warmup', fixture, '--series', 'beds.inUse[dgh/medical]', '--reps', '2', '--workers', '1', '--limit', 'seriesPoints=10');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pathflow warmup: the scenario is over a limit:\n {2}✖ /);
  });
});
