// `pathflow seek` as a user runs it (main(argv, io)), on an M/M/c queue whose answer is
// known exactly: with arrivals at λ = 4 an hour and service of mean 1 hour, the mean wait
// for one of c bays is Erlang C, C(c, a)/(cμ − λ) with a = λ/μ (Gross & Harris,
// Fundamentals of Queueing Theory, 4th ed., 2.3). The smallest c with a mean wait of at
// most 0.09 h is 7 (c = 6: 0.142 h; c = 7: 0.045 h).
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.ts';
import { pathflow } from './in-process.ts';
import { SeekResultSchema } from '../../runner/experiment/results.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mmc = `${root}test/runner/experiment/fixtures/mmc.yaml`;
const bays = 'sites[unit].wards[bays].beds';

/** Erlang C mean wait in queue for c servers, offered load a = λ/μ, service rate μ. */
function erlangCWait(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  let term = 1, sum = 0; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top) / (c * mu - lambda);
}

const seek = (...args: string[]) => pathflow('seek', mmc, '--param', bays, '--workers', '1', ...args);

describe('pathflow seek on an M/M/c queue', () => {
  test('finds the smallest number of bays Erlang C gives, with fewer replications than a grid', async () => {
    const target = 0.09;
    let expected = 5;
    while (erlangCWait(expected, 4, 1) > target) expected++;
    expect(expected).toBe(7); // the theory, stated in the header

    const r = await seek('--range', '5..20', '--target', `wait.mean[unit/bays] <= ${target}`, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = SeekResultSchema.parse(JSON.parse(r.stdout));
    expect([doc.outcome, doc.answer]).toEqual(['found', expected]);
    expect(doc.probes.find((p) => p.value === expected - 1)?.verdict).toBe('fails');
    // The naive grid: 16 values × 80 replications; even giving every value only the
    // replications the hardest point needed would take more.
    expect(doc.naiveReplications).toBe(16 * 80);
    expect(doc.replications).toBeLessThan(16 * Math.max(...doc.probes.map((p) => p.replications)));
    expect(doc.replications).toBe(doc.probes.reduce((n, p) => n + p.replications, 0));
  });

  test('the evidence table and the answer', async () => {
    const r = await seek('--range', '5..20', '--target', 'wait.mean[unit/bays] <= 0.09');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "An M/M/c queue (4 arrivals an hour, 1 hour of service) — smallest sites[unit].wards[bays].beds in 5..20 with wait.mean[unit/bays] <= 0.09 (95% confidence), seed 1
      #  sites[unit].wards[bays].beds  replications  wait.mean[unit/bays] mean [95% CI]  verdict
      1                            20             5                0.000 [0.000, 0.000]  meets
      2                             5             5                0.580 [0.454, 0.705]  fails
      3                            12             5                0.000 [0.000, 0.000]  meets
      4                             8             5                0.015 [0.009, 0.021]  meets
      5                             6             5                0.158 [0.113, 0.202]  fails
      6                             7             5                0.048 [0.032, 0.065]  meets
      smallest sites[unit].wards[bays].beds meeting wait.mean[unit/bays] <= 0.09 with 95% confidence: 7 (6 fails); 30 replications (a grid at the maximum would take 1280)
      "
    `);
  });

  test('an unreachable target: the evidence and a clear message, exit 1', async () => {
    const r = await seek('--range', '5..6', '--target', 'wait.mean[unit/bays] <= 0.09');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^An M\/M\/c queue .*\n#  .*\n1 +6 +5 +0\.\d+ \[.*\] +fails\n$/);
    expect(r.stderr).toMatchInlineSnapshot(`
      "pathflow seek: the target is unreachable in 5..6: even at sites[unit].wards[bays].beds=6, wait.mean[unit/bays] <= 0.09 fails (mean 0.158 [0.113, 0.202] over 5 replications); widen --range or change the target
      "
    `);
  });

  test('still uncertain at --max-reps: says where the answer lies and why it cannot tell, exit 1', async () => {
    // c = 7 waits 0.045 h in theory: a target of 0.05 is too close to settle in 10 replications.
    const r = await seek('--range', '5..20', '--target', 'wait.mean[unit/bays] <= 0.05', '--max-reps', '10', '--json');
    expect(r.code).toBe(1);
    const doc = SeekResultSchema.parse(JSON.parse(r.stdout));
    expect([doc.outcome, doc.answer]).toEqual(['uncertain', 8]);
    expect(doc.probes.find((p) => p.value === 7)).toMatchObject({ verdict: 'uncertain', replications: 10 });
    expect(r.stderr).toMatchInlineSnapshot(`
      "pathflow seek: uncertain: the smallest sites[unit].wards[bays].beds meeting wait.mean[unit/bays] <= 0.05 with 95% confidence is between 7 and 8: 8 meets it, but at 7 the 95% CI still straddles the target after 10 replications (raise --max-reps); 6 fails. 35 replications (a grid at the maximum would take 160)
      "
    `);
  });

  test('a real parameter, largest: the Erlang C threshold lies in the interval seek reports', async () => {
    // The largest arrival rate 8 bays serve with a mean wait ≤ 0.09 h: bisect Erlang C for λ.
    let [lo, hi] = [4, 7.99];
    for (let i = 0; i < 60; i++) [lo, hi] = erlangCWait(8, (lo + hi) / 2, 1) <= 0.09 ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
    const threshold = lo * 24; // per day: 129.7
    const r = await pathflow('seek', mmc, '--param', 'classes[patients].arrivals.perDay', '--range', '48..180', '--tolerance', '8', '--maximise',
      '--max-reps', '20', '--target', 'wait.mean[unit/bays] <= 0.09', '--set', 'sites[unit].wards[bays].beds=8', '--set', 'time.horizonDays=14', '--workers', '1', '--json');
    const doc = SeekResultSchema.parse(JSON.parse(r.stdout));
    expect([doc.integer, doc.seek, doc.tolerance]).toEqual([false, 'largest', 8]);
    // Points near the threshold straddle it at any finite number of replications: the
    // answer is the largest rate shown to meet, and the threshold lies between it and the
    // nearest rate shown to fail.
    const fails = Math.min(...doc.probes.filter((p) => p.verdict === 'fails').map((p) => p.value));
    expect(doc.answer!).toBeLessThanOrEqual(threshold);
    expect(fails).toBeGreaterThan(threshold);
    expect(r.code).toBe(doc.outcome === 'found' ? 0 : 1);
    if (doc.outcome === 'found') expect(fails - doc.answer!).toBeLessThanOrEqual(8);
  });

  test('bad targets and unknown KPIs are named', async () => {
    expect(await seek('--range', '5..20', '--target', 'wait.mean[unit/bays] = 0.09')).toEqual({
      code: 1, stdout: '', stderr: 'pathflow seek: bad target "wait.mean[unit/bays] = 0.09": expected "KPI >= x" (or <=, >, <), e.g. "ed.4h[all] >= 0.95"\n',
    });
    const unknown = await seek('--range', '5..20', '--target', 'ed.fourHour >= 0.95');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^pathflow seek: unknown KPI "ed\.fourHour"; this scenario reports:\n {4}arrivals\[patients \| all\]\n/);
    expect(unknown.stderr).toContain('\n    wait.mean[unit/bays]\n');
  });

  test('a range that leaves the schema is reported with the path before anything runs; usage errors exit 2', async () => {
    expect(await seek('--range', '0..20', '--target', 'wait.mean[unit/bays] <= 0.09')).toEqual({
      code: 1, stdout: '', stderr: 'pathflow seek: at sites[unit].wards[bays].beds=0 the scenario is invalid:\n  ✖ sites[0].wards[0].beds: expected an integer ≥ 1, got 0\n',
    });
    expect((await seek('--range', '5..20')).stderr).toMatch(/^pathflow: seek: which target\? \(--target "KPI >= x"\)\n\nusage:/);
    expect((await seek('--range', '20..5', '--target', 'x <= 1')).code).toBe(2);
    expect((await seek('--range', '5..20', '--target', 'x <= 1', '--confidence', '95')).stderr).toMatch(/^pathflow: seek: --confidence needs a number above 0 and at most 0.9999, got 95\n/);
    expect((await seek('--range', '5..20', '--target', 'x <= 1', '--confidence', '0.9999999999999999')).stderr).toMatch(/^pathflow: seek: --confidence needs a number above 0 and at most 0.9999, got 0.9999999999999999\n/);
    // Finer than 30 halvings: refused before anything runs (1e-300 searched for ever, freezing the process).
    const fine = await seek('--range', '5..20', '--target', 'x <= 1', '--tolerance', '1e-300');
    expect(fine.code).toBe(2);
    expect(fine.stderr).toMatch(/^pathflow: seek: --tolerance: a tolerance of 1e-300 cuts the range 5\.\.20 into 1\.50e\+301 steps, more than the 1,073,741,824 a seek may take \(30 halvings\): give a tolerance of at least 1\.4e-8\n/);
    const wide = await seek('--range', '1..100000000000', '--target', 'x <= 1');
    expect(wide.stderr).toMatch(/^pathflow: seek: --range: 100,000,000,000 whole numbers from 1 to 100000000000 are more than the 1,073,741,824 a seek may search: narrow the range\n/);
  });
});
