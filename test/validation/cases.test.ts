// The validation suite: every reference case of shared/validation/cases.json (exact
// queueing-theory answers), at full length, judged as the README prescribes (precision
// gate, tolerances, consistency checks). One test per case; the replications of all cases
// share a pool of worker threads, so the cases run side by side.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { parseReferenceFile } from '../../scenarios/reference-case/schema.ts';
import { checkCase, planCase, inProcess } from '../../scenarios/reference-case/check.ts';
import { workerPool } from '../../scenarios/reference-case/parallel.ts';
import { defaultJobs } from '../../cli/validate.ts';

const parsed = parseReferenceFile(JSON.parse(readFileSync(new URL('../../../shared/validation/cases.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error(`cases.json is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
const cases = parsed.file.cases;

/**
 * Metrics whose recommended run is too short for the README's precision gate even at four
 * times the recommended replications (the most the validator adds), so they are reported
 * FAIL (imprecise) rather than judged. The case notes size runs for L alone (variance of
 * the time-average occupancy, λE[S²]/T); the occupancy variance, the tail probabilities and
 * the quantiles of a slowly mixing M/G/∞ need 10-20 times more. With 200 replications of
 * mginf_lognormal_beds every one of them lies within its tolerance of the exact value
 * (occupancy variance 189 ± 5 for 192; P(N ≥ 220) 0.0245 ± 0.0026 for 0.0255). Here they
 * must fail for that reason only, never because the estimate is off.
 */
const UNDER_SIZED: Record<string, string[]> = {
  mginf_lognormal_beds: ['occupancy_variance', 'P_occupancy_ge', 'occupancy_quantile'],
  mginf_deterministic_los: ['P_occupancy_ge'],
};

const pool = defaultJobs() > 1 ? workerPool(defaultJobs()) : null;
afterAll(() => pool?.close());

describe('reference cases at full length (shared/validation/cases.json)', () => {
  test('there are 32 cases', () => expect(cases.length).toBe(32));

  test.concurrent.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const planned = planCase(c, { seed: 1 });
    if (!planned.ok) throw new Error(planned.issues.map((i) => i.message).join('; '));
    const report = await checkCase(c, planned.plan, { seed: 1 }, pool?.runner ?? inProcess);
    const failed = report.metrics.filter((m) => !m.pass);
    const unexpected = failed.filter((m) => !(UNDER_SIZED[c.id]?.includes(m.metric) && m.reason === 'imprecise'));
    expect(unexpected.map((m) => `${m.metric} ${JSON.stringify(m.scope ?? {})}: mean ${m.mean} ± ${m.halfWidth} for ${m.value} ± ${m.tolerance} (${m.reason})`)).toEqual([]);
    expect(report.checks.filter((k) => !k.pass).map((k) => `${k.text} ${JSON.stringify(k.scope)}: ${k.sides.join(' vs ')}`)).toEqual([]);
  });
});
