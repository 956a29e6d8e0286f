// `pathflow run --precision`: replications added in doubling batches until every judged
// KPI's 95% interval is within the target, or the cap. Checked on a count whose variance
// theory gives (Poisson arrivals), against the stopping rule itself, and against the
// document `run --reps N` gives for the N where it stopped.
import { describe, expect, test } from 'vitest';
import { parseRunArgs } from '../../cli/main.ts';
import { precisionLine } from '../../cli/scenario.ts';
import { compileVariants } from '../../runner/replicate.ts';
import { runExperiment, inThreadRunner } from '../../runner/runner.ts';
import { runVariants } from '../../runner/summary.ts';
import { judgePrecision, MAX_BATCH_ESTIMATES, precisionBatch, type Precision, type PrecisionBatch } from '../../runner/precision.ts';
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { tQuantile } from '../../engine/experiment/summary.ts';
import { smallScenario } from '../scenarios/scenario-fixture.ts';

const none = () => {};

describe('run --precision: the options', () => {
  test('a share of the mean or a number in the unit; the cap and the KPIs go with it; the first batch within the cap', () => {
    expect(parseRunArgs(['f.yaml', '--precision', '5%'], none)).toMatchObject({ precision: { relative: 0.05, maxReplications: 1000 } });
    expect(parseRunArgs(['f.yaml', '--precision=0.02', '--max-reps', '200', '--precision-kpis', 'ed.4h,wait.mean[dgh/ward]'], none))
      .toMatchObject({ precision: { absolute: 0.02, maxReplications: 200, kpis: ['ed.4h', 'wait.mean[dgh/ward]'] } });
    expect(parseRunArgs(['f.yaml', '--precision', '150%'], none)).toEqual({ usage: 'run: --precision expected a share of the mean between 0% and 100%, got 150%' });
    expect(parseRunArgs(['f.yaml', '--precision', 'tight'], none)).toEqual({ usage: 'run: --precision expected "5%" (of each mean) or a number > 0 (in the KPI\'s unit), got tight' });
    expect(parseRunArgs(['f.yaml', '--max-reps', '50'], none)).toEqual({ usage: 'run: --max-reps goes with --precision' });
    expect(parseRunArgs(['f.yaml', '--precision', '5%', '--reps', '80', '--max-reps', '50'], none)).toEqual({ usage: 'run: --reps (80, the first batch) is more than --max-reps (50)' });
    expect(parseRunArgs(['f.yaml', '--precision', '5%', '--max-reps', '20000'], none)).toMatchObject({ usage: expect.stringMatching(/--max-reps/) });
  });
});

/** The small ED, one class arriving at 10 a day for 28 measured days: arrivals per replication are Poisson(280). */
function scenario(): Scenario {
  const doc = smallScenario();
  doc.time = { horizonDays: 28, warmupDays: 0, replications: 5, seed: 1 };
  doc.variants = [];
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}

describe('run --precision: where it stops', () => {
  test('a Poisson count to ±2% of its mean: the first doubling whose interval is within it, the same document as --reps N', async () => {
    const s = scenario();
    const c = compileVariants(s);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const precision: Precision = { relative: 0.02, kpis: ['arrivals[ed]'], maxReplications: 640 };
    const doc = await runExperiment(s, c.value, { replications: 5, seed: 1, series: true, precision }, inThreadRunner());
    const n = doc.replications;
    expect(doc.precision).toMatchObject({ target: '±2%', kpis: ['arrivals[ed]'], met: true, notMet: [] });
    // Theory: half-width t·√280/√n ≤ 0.02 × 280 needs n of about 36, so a doubling from 5 stops
    // at 40 give or take a doubling (the sample variance varies).
    const need = (tQuantile(0.975, 39) * Math.sqrt(280) / (0.02 * 280)) ** 2;
    expect(need).toBeGreaterThan(20);
    expect(need).toBeLessThan(40);
    expect([20, 40, 80]).toContain(n);
    // The rule: met at n, not at the doubling before.
    const before = runVariants(s, c.value, { replications: n / 2, seed: 1 });
    expect(judgePrecision(before, precision).met).toBe(false);
    // And the document is the one --reps n gives, plus what the rule saw.
    const { precision: seen, ...rest } = doc;
    expect(seen!.met).toBe(true);
    expect(rest).toStrictEqual(runVariants(s, c.value, { replications: n, seed: 1 }));
  });

  test('a target out of reach: it stops at the cap and names what did not reach it', async () => {
    const s = scenario();
    const c = compileVariants(s);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const doc = await runExperiment(s, c.value, { replications: 4, seed: 1, series: false, precision: { relative: 0.0001, kpis: ['arrivals'], maxReplications: 12 } }, inThreadRunner());
    expect(doc.replications).toBe(12); // 4, 8, then the cap
    expect(doc.precision!.met).toBe(false);
    expect(doc.precision!.notMet.map((x) => x.kpi)).toEqual(expect.arrayContaining(['arrivals[ed]', 'arrivals[hip]', 'arrivals[all]']));
    expect(precisionLine(doc)).toMatch(/^\nprecision ±0\.01%: not reached at the cap of 12 replications for 3 of the judged KPIs:\n  arrivals\[ed\] \(baseline\): ±[\d.]+, target ±0\.0\d+/);
  });

  test('each batch told as the rule judged it (what the server sends the app): the documents of --reps 4, 8, 12 judged, the last the stop', async () => {
    const s = scenario();
    const c = compileVariants(s);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const precision: Precision = { relative: 0.0001, kpis: ['arrivals'], maxReplications: 12 };
    const batches: PrecisionBatch[] = [];
    const doc = await runExperiment(s, c.value, { replications: 4, seed: 1, series: false, precision, onBatch: (b) => batches.push(b) }, inThreadRunner());
    expect(batches.map((b) => [b.replications, b.stopped])).toEqual([[4, false], [8, false], [12, true]]);
    for (const b of batches) {
      // Each is the judgement of the document --reps N gives, the estimates its judged KPIs'.
      const at = runVariants(s, c.value, { replications: b.replications, seed: 1 });
      const judged = judgePrecision(at, precision);
      expect(b).toMatchObject({ target: '±0.01%', maxReplications: 12, met: judged.met, notMet: judged.notMet.length, truncated: false });
      expect(b.estimates.map((e) => e.kpi).sort()).toEqual(judged.kpis);
      for (const e of b.estimates) {
        const k = at.variants[0].kpis[e.kpi];
        expect(e).toEqual({ variant: 'baseline', kpi: e.kpi, mean: k.mean, halfWidth: (k.ciHigh! - k.ciLow!) / 2, target: 0.0001 * Math.abs(k.mean!), met: false });
      }
    }
    expect(doc.precision!.notMet.length).toBe(batches.at(-1)!.notMet);
  });

  test('a batch tells at most MAX_BATCH_ESTIMATES estimates, and counts every one still too wide', () => {
    const kpis = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`arrivals[c${i}]`, { mean: 100, ciLow: 90, ciHigh: 110 }]));
    const doc = { scenario: 'x', replications: 5, seed: 1, variants: [{ id: 'baseline', name: 'Baseline', kpis }], comparisons: [], warnings: [], series: { days: [], warmupDays: 0, lines: [] } } as any;
    const p: Precision = { relative: 0.05, kpis: ['arrivals'], maxReplications: 10 };
    const b = precisionBatch(doc, p, judgePrecision(doc, p));
    expect(b.estimates).toHaveLength(MAX_BATCH_ESTIMATES);
    expect(b).toMatchObject({ truncated: true, notMet: 200, met: false, stopped: false });
    expect(b.estimates[0]).toEqual({ variant: 'baseline', kpi: 'arrivals[c0]', mean: 100, halfWidth: 10, target: 5, met: false });
  });
});

describe('run --precision-kpis: a name the run does not report', () => {
  test('refused after the first batch, naming the option, the nearest name and what the scenario reports; exit 2, never "precision met"', async () => {
    const { pathflow } = await import('./in-process.ts');
    const r = await pathflow('run', 'test/fixtures/small-ed.yaml', '--reps', '2', '--workers', '1', '--precision', '5%', '--precision-kpis', 'ed.4h,ed.4hh', '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^pathflow run: --precision-kpis: unknown KPI "ed\.4hh": did you mean "ed\.4h"\? This scenario reports:\n {4}arrivals\[minors \| majors \| all\]\n/);
    const far = await pathflow('run', 'test/fixtures/small-ed.yaml', '--reps', '2', '--workers', '1', '--precision', '5%', '--precision-kpis', 'nope');
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^pathflow run: --precision-kpis: unknown KPI "nope"; this scenario reports:\n/);
    expect(far.stderr).toContain('    ed.4h[minors | majors | all]\n');
  });

  test('the rule itself: full names and metrics the document has pass, the first other is returned with its index', async () => {
    const { unknownPrecisionKpi, UnknownPrecisionKpi } = await import('../../runner/precision.ts');
    const s = scenario();
    const c = compileVariants(s);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const doc = runVariants(s, c.value, { replications: 2, seed: 1 });
    const p = (kpis: string[]): Precision => ({ relative: 0.05, kpis, maxReplications: 10 });
    expect(unknownPrecisionKpi(doc, p([]))).toBeUndefined();
    const name = Object.keys(doc.variants[0].kpis)[0];
    expect(unknownPrecisionKpi(doc, p([name, name.replace(/\[.*$/, '')]))).toBeUndefined();
    const bad = unknownPrecisionKpi(doc, p([name, 'no.such[kpi]']));
    expect(bad).toBeInstanceOf(UnknownPrecisionKpi);
    expect([bad!.index, bad!.kpi]).toEqual([1, 'no.such[kpi]']);
  });
});
