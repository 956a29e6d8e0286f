// The text table `pathflow run` prints (runner/report/table.ts), for runs of many KPIs
// (probe #6): each cell's comparison is found by variant and KPI in a map, not by a search
// of every comparison per cell (5,000 classes: 45 s for the table, against 22 s for --json;
// 20,000 classes printed nothing in 10 minutes), and the column widths without a spread
// of one argument per row.
import { expect, test } from 'vitest';
import { runTable } from '../../../runner/report/table.ts';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import type { Scenario } from '../../../scenarios/schema/scenario.ts';

const scenario = { title: 'Many KPIs' } as Scenario;

function doc(kpis: number): RunResultDoc {
  const names = Array.from({ length: kpis }, (_, k) => `arrivals[c${k}]`);
  const estimate = (x: number) => ({ mean: x, ciLow: x - 1, ciHigh: x + 1 });
  const variants = ['baseline', 'more', 'fewer'].map((id, v) => ({ id, name: id, kpis: Object.fromEntries(names.map((n, k) => [n, estimate(1000 * v + k)])) }));
  // Comparisons in an order of their own (variant by variant, KPIs backwards), and one KPI
  // compared twice: the table shows the first, as a search from the start did.
  const comparisons = ['fewer', 'more'].flatMap((variant) => [...names].reverse().map((kpi) => ({ variant, kpi, difference: variant === 'more' ? 1 : -1, ciLow: null, ciHigh: null })));
  comparisons.push({ variant: 'more', kpi: names[0], difference: 99, ciLow: null, ciHigh: null });
  return { scenario: 'many', replications: 1, seed: 1, variants, comparisons, warnings: [] };
}

test('each cell beside the comparison of its own variant and KPI', () => {
  const lines = runTable(scenario, doc(3)).split('\n');
  expect(lines[1]).toMatch(/^KPI +unit +baseline mean \[95% CI\] +more mean \[95% CI\] +Δ more \[paired 95% CI\] +fewer mean \[95% CI\] +Δ fewer \[paired 95% CI\]$/);
  expect(lines[2]).toMatch(/^arrivals\[c0\] +patients +0\.000 \[-1\.00, 1\.00\] +1000 \[999\.0, 1001\] +\+1\.00 +2000 \[1999, 2001\] +-1\.00$/);
  expect(lines[4]).toMatch(/^arrivals\[c2\] .* \+1\.00 .* -1\.00$/);
});

test('150,000 KPIs: a row each, the widest cell setting each column, the comparisons found', () => {
  const lines = runTable(scenario, doc(150_000)).trimEnd().split('\n');
  expect(lines).toHaveLength(2 + 150_000);
  const last = lines[150_001];
  expect(last).toMatch(/^arrivals\[c149999\] +patients +149999 \[149998, 150000\] +150999 \[150998, 151000\] +\+1\.00 +151999 \[151998, 152000\] +-1\.00$/);
  expect(last.length).toBe(lines[2].length);
}, 60_000);
