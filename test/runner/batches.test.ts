// runBatches (a sweep's and a seek's replications): with `keep`, each replication keeps only
// the KPIs named, the same numbers as without, and no series or trends; a sweep's document
// is the same either way.
import { describe, expect, test } from 'vitest';
import { keepOnly, runBatches } from '../../runner/batches.ts';
import { inThreadRunner } from '../../runner/runner.ts';
import { smallEd } from '../fixtures/small-ed.ts';
import { baseScenario } from '../../scenarios/schema/scenario.ts';

describe('runBatches with keep', () => {
  test('only the KPIs named, with the numbers they had', async () => {
    const { s } = smallEd();
    const batch = { scenario: JSON.stringify(baseScenario(s)), label: 'baseline', from: 0, to: 3 };
    const runner = inThreadRunner();
    const [whole] = await runBatches(runner, [batch], { seed: 4 });
    const names = Object.keys(whole[0].kpis).slice(0, 3);
    const [kept] = await runBatches(runner, [batch], { seed: 4, keep: [...names, 'not.a.kpi[x]'] });
    expect(kept).toStrictEqual(whole.map((r) => ({ kpis: Object.fromEntries(names.map((n) => [n, r.kpis[n]])), series: {}, trends: {}, arrived: r.arrived })));
    expect(Object.keys(whole[0].trends).length).toBeGreaterThan(0);
    expect(keepOnly(whole[0], [])).toStrictEqual({ kpis: {}, series: {}, trends: {}, arrived: whole[0].arrived });
  });
});
