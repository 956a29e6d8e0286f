// The scenario reference cases (scenarios/reference/*.yaml): scenarios in the language
// users write, each with the exact answers theory gives for some of its KPIs. Each runs
// through the code path of `pathflow run` — loaded by scenarios/load.ts, compiled, its
// replications run as tasks by the runner of `run` (the local worker pool), its KPIs read
// by name — and is judged as `pathflow validate` judges it. One test per case.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { checkScenarioCase, loadScenarioCase } from '../../validation/scenario-case.ts';
import { localRunner } from '../../runner/runner.ts';
import { defaultJobs } from '../../cli/validate.ts';

const dir = fileURLToPath(new URL('../../scenarios/reference/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

const runner = localRunner(defaultJobs());
afterAll(() => runner.close());

describe('scenario reference cases (scenarios/reference), through the code path of pathflow run', () => {
  test('there are at least ten', () => expect(files.length).toBeGreaterThanOrEqual(10));

  for (const file of files) {
    test.concurrent(file, async () => {
      const loaded = loadScenarioCase(`${dir}${file}`);
      if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      const report = await checkScenarioCase(loaded.value, {}, runner);
      const failed = report.metrics.filter((m) => !m.pass);
      expect(failed.map((m) => `${m.metric}: mean ${m.mean} ± ${m.halfWidth} for ${m.value} ± ${m.tolerance} (${m.reason})`)).toEqual([]);
      expect(report.metrics.length).toBe(Object.keys(loaded.value.expect).length);
    });
  }
});
