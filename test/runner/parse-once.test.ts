// A scenario is parsed and compiled once per run on the calling side, and once per worker:
// not again by the cost check, the compiler, the run's warnings or its replications.
import { afterEach, expect, test, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ScenarioCoreSchema, ScenarioShapeSchema } from '../../scenarios/schema/scenario.ts';
import { loadScenario } from '../../scenarios/load.ts';
import { run } from '../../cli/scenario.ts';

const file = fileURLToPath(new URL('../../scenarios/library/surgical-hub.yaml', import.meta.url));

afterEach(() => vi.restoreAllMocks());

test('pathflow run in this thread: the file parsed once, the base and each variant parsed once, for every replication', async () => {
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error('the library scenario is invalid');
  const variants = loaded.value.variants.length;
  expect(variants).toBeGreaterThanOrEqual(2);
  const shape = vi.spyOn(ScenarioShapeSchema, 'safeParse');
  const core = [vi.spyOn(ScenarioCoreSchema, 'safeParse'), vi.spyOn(ScenarioCoreSchema, 'parse')];
  const out: string[] = [];
  const code = await run({ file, replications: 3, format: 'json', workers: 1 }, { out: (s) => out.push(s), err: () => {} }, false);
  expect(code).toBe(0);
  expect(JSON.parse(out.join('')).variants).toHaveLength(variants + 1);
  expect(shape).toHaveBeenCalledTimes(1);
  expect(core.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBe(variants + 1);
});
