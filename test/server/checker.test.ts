// The server's checks on their threads: a sweep's points give the verdict they give in
// this thread (the CLI's), and a grid that takes longer than its time limit is refused
// as over a limit, naming nothing that was not checked.
import { afterAll, expect, test } from 'vitest';
import { inThreadChecker, workerChecker } from '../../server/checks/checker.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { locate, type Parameter } from '../../runner/experiment/grid.ts';
import { fixtureDoc } from './harness.ts';

const BEDS = 'sites[dgh].wards[medical].beds';
const threads = workerChecker(defaultCostLimits, { seconds: 30 });
const hurried = workerChecker(defaultCostLimits, { seconds: 0.001 });
const here = inThreadChecker(defaultCostLimits);
afterAll(async () => { await Promise.all([threads.close(), hurried.close(), here.close()]); });

function task(values: (number | string)[], path = BEDS, horizonDays = 365) {
  const parsed = parseScenario(fixtureDoc());
  if (!parsed.ok) throw new Error('fixture invalid');
  const at = locate(path, parsed.value);
  if (!at.ok) throw new Error(at.message);
  const params: Parameter[] = [{ name: path, path: at.value.path, values }];
  return { base: JSON.stringify(parsed.value), params, limits: defaultCostLimits, horizonDays };
}

test('the points checked on their thread: the same scenarios, KPI names and refusals as in this thread', async () => {
  for (const t of [
    task([10, 14]),
    task([10, 0, -1]), // beds must be at least 1: two invalid points, each named
    task([7, 30], 'time.horizonDays', 20), // over this server's horizon
  ]) {
    const [there, inThread] = await Promise.all([threads.points(t), here.points(t)]);
    expect(there).toEqual(inThread);
  }
  const ok = await threads.points(task([10, 14]));
  expect(ok.ok).toBe(true);
  if (ok.ok) {
    expect(ok.value.scenarios.map((s) => JSON.parse(s).sites[0].wards[1].beds)).toEqual([10, 14]);
    expect(ok.value.known).toContain('ed.4h[all]');
  }
  const bad = await threads.points(task([10, 0, -1]));
  expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/^2 of 3 points give an invalid scenario:\n/) });
  const far = await threads.points(task([7, 30], 'time.horizonDays', 20));
  expect(far).toMatchObject({ ok: false, message: expect.stringContaining('time.horizonDays is 30, over this server\'s limit of 20') });
});

test('a grid that takes longer than its time limit is stopped and refused as over a limit', async () => {
  const r = await hurried.points(task([10, 11, 12]));
  expect(r).toEqual({
    ok: false, overLimit: true,
    message: 'checking the grid\'s 3 points took longer than this server\'s limit of 0.001 s, and was stopped (0.001 s per MB of the scenarios it builds): use fewer values, or a smaller scenario',
  });
  // The thread was stopped and a new one serves the next grid.
  const again = await threads.points(task([10]));
  expect(again.ok).toBe(true);
});

test('the values a seek tries, built on the points\' thread: the same scenarios, KPI names and refusals as in this thread', async () => {
  const seekTask = (values: number[], path = BEDS, horizonDays = 365) => {
    const { base, params, limits } = task([], path, horizonDays);
    return { base, param: params[0], values, limits, horizonDays };
  };
  for (const t of [seekTask([10, 30]), seekTask([10, 0]), seekTask([8, 30], 'time.horizonDays', 20)]) {
    const [there, inThread] = await Promise.all([threads.seekPoints(t), here.seekPoints(t)]);
    expect(there).toEqual(inThread);
  }
  const ends = await threads.seekPoints(seekTask([10, 30]));
  expect(ends.ok).toBe(true);
  if (ends.ok) {
    expect(ends.scenarios.map((s) => JSON.parse(s).sites[0].wards[1].beds)).toEqual([10, 30]);
    expect(ends.known).toContain('wait.mean[dgh/medical]');
  }
  expect(await threads.seekPoints(seekTask([10, 0]))).toMatchObject({ ok: false, message: expect.stringContaining(`${BEDS}=0`) });
  expect(await threads.seekPoints(seekTask([8, 30], 'time.horizonDays', 20))).toEqual({
    ok: false, message: 'at time.horizonDays=30 time.horizonDays is 30, over this server\'s limit of 20',
  });
  expect(await hurried.seekPoints(seekTask([10, 30]))).toMatchObject({ ok: false, overLimit: true, message: expect.stringMatching(/^checking sites\[dgh\]\.wards\[medical\]\.beds=10, 30 took longer than this server's limit of 0\.001 s/) });
});

test('an experiment\'s base and choices on the thread: the same as in this thread, a wrong setting named among 50', async () => {
  const { base, limits } = task([]);
  const settings = [...Array.from({ length: 49 }, (_, i) => `sites[dgh].wards[medical].beds=${10 + i}`), 'sites[dgh].wards[medical].beds=0'];
  for (const t of [{ base, variant: 'baseline', settings: [] }, { base, variant: 'fewer-beds', settings: settings.slice(0, 3) }, { base, variant: 'baseline', settings }]) {
    const [there, inThread] = await Promise.all([threads.base(t), here.base(t)]);
    expect(there).toEqual(inThread);
  }
  const ok = await threads.base({ base, variant: 'fewer-beds', settings: ['time.horizonDays=21'] });
  expect(ok.ok && [ok.value.sites[0].wards[1].beds, ok.value.time.horizonDays, ok.value.variants]).toEqual([16, 21, []]);
  expect(await threads.base({ base, variant: 'baseline', settings })).toMatchObject({ ok: false, field: 'settings[49]' });
  const choices = await threads.choices({ base, limits });
  expect(choices).toEqual(await here.choices({ base, limits }));
  expect(choices.ok && choices.value.parameters.map((p) => p.path)).toContain(BEDS);
  expect(choices.ok && choices.value.kpis).toContain('ed.4h[all]');
});
