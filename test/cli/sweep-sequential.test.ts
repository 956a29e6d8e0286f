// `pathflow sweep --sequential` as a user runs it: replications where the answer is open,
// the same document on 1 and 2 workers, each point's count and the total in the document,
// a point at the maximum exactly as the plain sweep at that many, and bad flags refused.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { pathflow } from './in-process.ts';
import { SweepResultSchema } from '../../runner/experiment/results.ts';

const fixture = fileURLToPath(new URL('../fixtures/small-ed.yaml', import.meta.url));
const BEDS = 'sites[dgh].wards[medical].beds';

const sweep = (...more: string[]) => pathflow('sweep', fixture, '--param', `${BEDS}=8..20:4`, '--kpi', 'ed.4h[all]', '--set', 'time.horizonDays=21', '--json', ...more);

describe('pathflow sweep --sequential', () => {
  test('the same document on 1 and 2 workers; fewer replications than every point at the maximum; a point at the maximum as the plain sweep', async () => {
    const one = await sweep('--sequential', '--reps', '3', '--max-reps', '12', '--target', 'ed.4h[all] >= 0.8', '--workers', '1');
    const two = await sweep('--sequential', '--reps', '3', '--max-reps', '12', '--target', 'ed.4h[all] >= 0.8', '--workers', '2');
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect(two.stdout).toBe(one.stdout);
    const doc = SweepResultSchema.parse(JSON.parse(one.stdout));
    const reps = doc.points.map((p) => p.replications!);
    expect(doc.allocation).toMatchObject({ rule: 'target', target: 'ed.4h[all] >= 0.8', initial: 3, max: 12, naiveReplications: 4 * 12 });
    expect(doc.allocation!.replications).toBe(reps.reduce((a, b) => a + b, 0));
    expect(reps.every((n) => [3, 6, 12].includes(n))).toBe(true);
    // Here: 8, 12 and 20 beds are clear at once, 16 beds straddles 0.8 to the end. (8 and 12
    // beds are overloaded, 14.7 beds offered: since the four-hour share counts patients still
    // in the ED over four hours at the end, 12 beds reads 0.22 [0, 0.75] at 3 replications,
    // not 0.62 at 12; it was [3, 12, 6, 3].)
    expect(reps).toEqual([3, 3, 12, 3]);
    // Each point stopped only once its interval was clear of the target, or at the maximum.
    for (const p of doc.points) {
      const e = p.kpis['ed.4h[all]'];
      if (p.replications! < 12) expect(e.ciLow! >= 0.8 || e.ciHigh! < 0.8).toBe(true);
    }
    // Replication k of a point is the same whichever round ran it: a point's estimate equals
    // the plain sweep's at that many replications.
    for (const [i, p] of doc.points.entries()) {
      const plain = await pathflow('sweep', fixture, '--param', `${BEDS}=${p.values[0]}`, '--kpi', 'ed.4h[all]', '--set', 'time.horizonDays=21', '--json',
        '--reps', String(p.replications), '--workers', '1');
      expect(plain.code).toBe(0);
      expect(JSON.parse(plain.stdout).points[0].kpis).toEqual(doc.points[i].kpis);
    }
  });

  test('the table says how the replications were spent', async () => {
    const r = await pathflow('sweep', fixture, '--param', `${BEDS}=8,20`, '--kpi', 'ed.4h[all]', '--set', 'time.horizonDays=21', '--sequential', '--reps', '2', '--max-reps', '4', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 points, \d+ replications allocated sequentially \(2 to 4 a point, more where a point could not be told apart from a neighbour; \d of 2 points reached 4; 8 at 4 everywhere\)/);
    expect(r.stdout).toMatch(/replications/);
  });

  test('bad flags: exit 2 naming the flag, nothing run', async () => {
    const alone = await sweep('--target', 'ed.4h[all] >= 0.9');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^pathflow: sweep: --target goes with --sequential/);
    expect((await sweep('--max-reps', '9')).stderr).toMatch(/--max-reps goes with --sequential/);
    expect((await sweep('--sequential', '--reps', '8', '--max-reps', '4')).stderr).toMatch(/--max-reps 4 is below --reps 8/);
    expect((await sweep('--sequential', '--reps', '1')).stderr).toMatch(/at least 2 replications/);
    expect((await sweep('--sequential', '--max-reps', '20000')).stderr).toMatch(/--max-reps needs an integer ≤ 10,000/);
    const target = await sweep('--sequential', '--target', 'ed.4h[all] = 0.9');
    expect(target.code).toBe(1);
    expect(target.stderr).toMatch(/--target: bad target/);
  });
});
