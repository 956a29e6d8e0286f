// The comparison's figures carry the result's own numbers (means, CI error bars, bands),
// and the pathway diagram's graph has every step, branch probability and the on-the-day
// cancellation loop of a waiting list.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { RunResultSchema } from '../../scenarios/schema/run-result.ts';
import { asBreach, byUnit, kpiBars, productivityScatter, qualityChoices, seriesFigure, seriesLabel, waitDistribution, ACTIVITY, MAX_WAIT_ROWS } from '../../ui/src/features/compare/chart-data.ts';
import { scenarioGraphs } from '../../scenarios/diagram/pathway-graph.ts';
import { describeDays, describeDuration } from '../../scenarios/diagram/describe.ts';

const est = (mean: number | null, ciLow: number | null, ciHigh: number | null) => ({ mean, ciLow, ciHigh });
const result: RunResultDoc = RunResultSchema.parse({
  scenario: 'demo', replications: 5, seed: 1,
  variants: [
    { id: 'baseline', name: 'baseline', kpis: {
      'throughput[minors]': est(100, 95, 105), 'wait.mean[dgh/minors]': est(2, 1.5, 2.5), 'wait.p90[dgh/minors]': est(5, 4, 6),
      'ed.4h[all]': est(0.8, 0.75, 0.85), 'productivity[all]': est(1.1, 1.0, 1.2), 'occupancy.mean[dgh/ward]': est(0.9, 0.88, 0.92) } },
    { id: 'more', name: 'More staff', kpis: {
      'throughput[minors]': est(110, 104, 116), 'wait.mean[dgh/minors]': est(1, 0.8, 1.2), 'wait.p90[dgh/minors]': est(3, 2.5, 3.5),
      'ed.4h[all]': est(0.9, 0.86, 0.94), 'productivity[all]': est(1.0, 0.9, 1.1), 'occupancy.mean[dgh/ward]': est(0.85, 0.83, 0.87) } },
  ],
  comparisons: [],
  series: { days: [0, 1, 2], warmupDays: 1, lines: [
    { variant: 'baseline', name: 'beds.inUse[dgh/ward]', mean: [10, 12, 13], ciLow: [9, 11, 12], ciHigh: [11, 13, 14] },
    { variant: 'more', name: 'beds.inUse[dgh/ward]', mean: [10, 11, 11], ciLow: [9, 10, 10], ciHigh: [11, 12, 12] },
  ] },
});

describe('comparison charts', () => {
  test('bars: one trace per variant with the means and asymmetric CI error bars', () => {
    const [g] = byUnit(result, ACTIVITY);
    const fig = kpiBars(result, g.names, { title: 'Activity', horizontal: true });
    expect(fig.data).toHaveLength(2);
    expect(fig.data[1]).toMatchObject({ name: 'More staff', x: [110], error_x: { array: [6], arrayminus: [6] } });
  });
  test('shares are drawn in %; ED 4-hour performance as breaches (1 − share)', () => {
    const fig = kpiBars(result, ['ed.4h[all]'], { title: 'Breaches', horizontal: true, transform: asBreach });
    const x = (fig.data[0] as { x: number[] }).x[0];
    expect(x).toBeCloseTo(20, 10);
    expect((fig.data[0] as { error_x: { array: number[] } }).error_x.array[0]).toBeCloseTo(5, 10);
  });
  test('nothing to draw says so instead of an empty chart', () => {
    expect(kpiBars(result, ['elective.cancelled[x]'], { title: 't' }).empty).toMatch(/none of these/);
  });
  test('the spread of waits lists each centile the result has, for every variant', () => {
    const fig = waitDistribution(result);
    expect((fig.data[0] as { y: string[] }).y).toEqual(['wait — minors (dgh): mean', 'wait — minors (dgh): 90th centile']);
    expect((fig.data[1] as { x: number[] }).x).toEqual([1, 3]);
  });
  test('the spread of waits of a model of many sites: the first rows, the title saying how many of how many', () => {
    const kpis = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`wait.mean[s${i}/w]`, est(i, i, i)]));
    const many = RunResultSchema.parse({ scenario: 'many', replications: 2, seed: 1, variants: [{ id: 'baseline', name: 'baseline', kpis }], comparisons: [] });
    const fig = waitDistribution(many);
    expect((fig.data[0] as { y: string[] }).y).toHaveLength(MAX_WAIT_ROWS);
    expect((fig.layout.title as { text: string }).text).toBe(`Spread of waits (days): the first ${MAX_WAIT_ROWS} of 100 (the table below has every one)`);
  });
  test('daily series: a band (upper, lower filled) and the mean line per variant; warm-up shaded', () => {
    const fig = seriesFigure(result, 'beds.inUse[dgh/ward]');
    expect(fig.data).toHaveLength(6);
    expect(fig.layout).toMatchObject({ title: { text: 'Beds in use (beds) — ward (dgh)' }, yaxis: { title: { text: 'beds' } } });
    expect(fig.data[1]).toMatchObject({ y: [9, 11, 12], fill: 'tonexty' });
    expect(fig.data[2]).toMatchObject({ name: 'Baseline', y: [10, 12, 13] });
    expect((fig.layout.shapes as { x1: number }[])[0].x1).toBe(1);
  });
  test('series labels say what is counted, in what unit; results saved under the old names read the same', () => {
    expect(seriesLabel('queue.length[dgh/ward]')).toBe('Patients waiting for a bed or place (patients) — ward (dgh)');
    expect(seriesLabel('occupancy[dgh/ward]')).toBe('Beds in use (beds) — ward (dgh)');
    expect(seriesLabel('list.size[north]')).toBe('Waiting-list size (patients) — north');
  });
  test('productivity against quality: one point per variant, quality default the ED 4-hour share', () => {
    expect(qualityChoices(result)[0]).toBe('ed.4h[all]');
    const fig = productivityScatter(result, 'ed.4h[all]');
    expect(fig.data[1]).toMatchObject({ x: [1.0], y: [90] });
    const noProductivity = { ...result, variants: result.variants.map((v) => ({ ...v, kpis: { 'wait.mean[a]': est(1, 0, 2) } })) };
    expect(productivityScatter(noProductivity, 'wait.mean[a]').empty).toMatch(/does not report productivity/);
  });
});

describe('pathway diagram', () => {
  const hub = parse(readFileSync(new URL('../../scenarios/library/surgical-hub.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
  const graphs = scenarioGraphs(hub);
  test('one graph per pathway and per waiting list', () => {
    expect(graphs.map((g) => g.id)).toEqual(['trauma', 'outlier', 'list-joints']);
  });
  test('the trauma pathway: arrivals, every step, branches with their probabilities', () => {
    const trauma = graphs[0];
    expect(trauma.nodes.map((n) => n.key)).toEqual(['$start', 'ed', 'admit', 'route', 'op', 'op-done', 'op-overflow', 'stay', 'fit', 'home']);
    expect(trauma.nodes[0].lines).toEqual(['trauma: 25 a week']);
    const fromRoute = trauma.edges.filter((e) => e.from === 3).map((e) => [trauma.nodes[e.to].key, e.label]);
    expect(fromRoute).toEqual([['op', '63%'], ['op-overflow', '7%'], ['stay', '30%']]);
    // A branch does not also fall through to the next step; discharge has no way out.
    expect(trauma.edges.filter((e) => e.from === 5)).toEqual([{ from: 5, to: 7, label: '100%', dashed: false }]);
    expect(trauma.edges.filter((e) => e.from === 9)).toEqual([]);
    expect(trauma.nodes[7].lines).toEqual(['mean 9 days (sd 8)']);
  });
  test('a waiting list: cancelled on the day goes back to the list', () => {
    const list = graphs[2];
    const back = list.edges.find((e) => e.dashed)!;
    expect([list.nodes[back.from].key, list.nodes[back.to].key, back.label]).toEqual(['bed', 'list', 'no: cancelled on the day']);
    expect(list.nodes.find((n) => n.key === 'delay')!.lines[0]).toBe('7.6% delayed');
    expect(list.nodes.find((n) => n.key === 'book')!.lines).toContain('14 days ahead');
  });
  test('booked appointments, task times by role and overflow wards are drawn', () => {
    const read = (f: string) => parse(readFileSync(new URL(`../../scenarios/library/${f}`, import.meta.url), 'utf8')) as Record<string, unknown>;
    const clinic = scenarioGraphs(read('teaching-clinic.yaml'))[0];
    // 10 an hour 09:00-10:00 and 4 an hour 10:00-12:00 on five weekdays: 90 a week.
    expect(clinic.nodes[0].lines).toEqual(['booked: 90 booked a week', 'walk-in: 30 a week']);
    const minors = scenarioGraphs(read('ed-skill-mix.yaml')).find((g) => g.id === 'minors')!;
    expect(minors.nodes.find((n) => n.key === 'see')!.lines).toContain('acp: mean 37 min');
    const overflow = scenarioGraphs({ pathways: { p: [{ id: 'in', do: 'admit', ward: 'medical', overflowTo: ['surgical', 'ortho'] }] }, classes: [] });
    expect(overflow[0].nodes[1].lines).toEqual(['bed on medical', 'if full: surgical, ortho']);
  });
  test('a branch by rules: each edge says when it is taken, the last "otherwise"', () => {
    const g = scenarioGraphs({ classes: [], pathways: { p: [
      { id: 'decide', do: 'branch', otherwise: 'admit', rules: [
        { ifAll: [{ timeSince: 'onset', under: 4.5, unit: 'hours' }, { attribute: 'eligible', is: 'yes' }], to: 'lyse' },
        { if: { timeSince: { step: 'ct', at: 'finished' }, atMost: 30, unit: 'minutes' }, probability: 0.8, to: 'lyse' },
      ] },
      { id: 'lyse', do: 'task', skill: 'thrombolyse', duration: { dist: 'deterministic', value: 10, unit: 'minutes' } },
      { id: 'admit', do: 'discharge' },
    ] } })[0];
    expect(g.edges.filter((e) => e.from === 1).map((e) => e.label)).toEqual([
      'time since onset < 4.5 h and eligible is yes',
      'time since ct finished ≤ 30 min (80%)',
      'otherwise',
    ]);
  });
  test('a list booked into scanner slots: no bed or theatre; a DNA goes back on the list', () => {
    const read = (f: string) => parse(readFileSync(new URL(`../../scenarios/library/${f}`, import.meta.url), 'utf8')) as Record<string, unknown>;
    const mri = scenarioGraphs(read('diagnostics-dm01.yaml')).find((g) => g.id === 'list-mri')!;
    expect(mri.nodes.map((x) => x.key)).toEqual(['referral', 'list', 'book', 'attend', 'seen', 'home']);
    expect(mri.nodes[2].lines).toEqual(['scanners mri-1, mri-2', '30-minute slots', '14 days ahead']);
    const back = mri.edges.find((e) => e.dashed)!;
    expect([mri.nodes[back.from].key, mri.nodes[back.to].key, back.label]).toEqual(['attend', 'list', 'no: back on the list']);
  });
  test('durations and weekdays in words', () => {
    expect(describeDuration({ dist: 'uniform', min: 2, max: 4, unit: 'days' })).toBe('2–4 days');
    expect(describeDuration({ dist: 'deterministic', value: 30, unit: 'minutes' })).toBe('fixed 30 min');
    expect(describeDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('Mon–Fri');
    expect(describeDays(['monday', 'wed'])).toBe('Mon, Wed');
  });
});

describe('at a glance', async () => {
  const { summarise } = await import('../../ui/src/features/compare/summary.ts');
  test('clearly better and worse by direction; activity and cost always listed; the rest counted', () => {
    const withComparisons: RunResultDoc = {
      ...result,
      comparisons: [
        { variant: 'more', kpi: 'throughput[minors]', difference: 10, ciLow: -1, ciHigh: 21 },
        { variant: 'more', kpi: 'wait.mean[dgh/minors]', difference: -1, ciLow: -1.5, ciHigh: -0.5 },
        { variant: 'more', kpi: 'ed.4h[all]', difference: -0.05, ciLow: -0.08, ciHigh: -0.02 },
        { variant: 'more', kpi: 'wait.p90[dgh/minors]', difference: -2, ciLow: -5, ciHigh: 1 },
        { variant: 'more', kpi: 'productivity[all]', difference: -0.1, ciLow: -0.15, ciHigh: -0.05 },
        { variant: 'more', kpi: 'occupancy.mean[dgh/ward]', difference: -0.05, ciLow: -0.07, ciHigh: -0.03 },
      ],
    };
    const [more] = summarise(withComparisons);
    expect(more.better.map((f) => f.text)).toEqual(['Mean wait — minors (dgh): −1 hours']);
    expect(more.worse.map((f) => f.text)).toEqual(['Modelled ED attendances within 4 hours: −5 pts']);
    expect(more.costAndActivity.map((f) => f.text)).toEqual([
      'Patients treated a week — minors: +10 patients a week (no clear difference)',
      'Activity per £ (tariff earned per £ spent): −0.1 £ of tariff per £ spent',
    ]);
    expect(more.unclear).toBe(1); // occupancy is neither better nor worse: not counted as unclear
  });
});
