// The validation suite: every reference case of validation/cases.json (exact
// queueing-theory answers), at full length, judged as the README prescribes (precision
// gate, tolerances, consistency checks). One test per case; the replications of all cases
// share a pool of worker threads, so the cases run side by side.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { parseReferenceFile } from '../../validation/schema.ts';
import { checkCase, planCase, inProcess } from '../../validation/check.ts';
import { workerPool } from '../../validation/parallel.ts';
import { defaultJobs } from '../../cli/validate.ts';

const parsed = parseReferenceFile(JSON.parse(readFileSync(new URL('../../validation/cases.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error(`cases.json is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
const cases = parsed.file.cases;

const pool = defaultJobs() > 1 ? workerPool(defaultJobs()) : null;
afterAll(() => pool?.close());

describe('reference cases at full length (validation/cases.json)', () => {
  test('there are 32 cases', () => expect(cases.length).toBe(32));

  test.concurrent.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const planned = planCase(c, { seed: 1 });
    if (!planned.ok) throw new Error(planned.issues.map((i) => i.message).join('; '));
    const report = await checkCase(c, planned.plan, { seed: 1 }, pool?.runner ?? inProcess);
    const failed = report.metrics.filter((m) => !m.pass);
    expect(failed.map((m) => `${m.metric} ${JSON.stringify(m.scope ?? {})}: mean ${m.mean} ± ${m.halfWidth} for ${m.value} ± ${m.tolerance} (${m.reason})`)).toEqual([]);
    expect(report.checks.filter((k) => !k.pass).map((k) => `${k.text} ${JSON.stringify(k.scope)}: ${k.sides.join(' vs ')}`)).toEqual([]);
  });
});
