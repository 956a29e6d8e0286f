// The experiments view's words and figures, from the documents alone: a seek's answer in
// each outcome (found with its failing neighbour, the whole range, unreachable, uncertain
// between two values or at the end of the range) and a sweep's band in the KPI's unit.
import { describe, expect, test } from 'vitest';
import { seekWords } from '../../ui/src/features/experiments/seek-words.ts';
import { sweepFigure } from '../../ui/src/features/experiments/sweep-figure.ts';
import type { SeekDoc, SweepDoc } from '../../ui/src/features/experiments/experiment-api.ts';

const probe = (value: number, verdict: 'meets' | 'fails' | 'uncertain', replications = 5, mean = 0.9) => ({ value, replications, mean, ciLow: mean - 0.01, ciHigh: mean + 0.01, verdict });
const seekDoc = (over: Partial<SeekDoc>): SeekDoc => ({
  scenario: 's', variant: 'baseline', parameter: { name: 'beds', path: 'sites[0].wards[0].beds' }, range: [10, 40], seek: 'smallest', integer: true, tolerance: null,
  target: 'ed.4h[all] >= 0.95', confidence: 0.95, seed: 1, outcome: 'found', answer: 22, replications: 40, naiveReplications: 2480, probes: [], ...over,
});

describe('a seek in words', () => {
  test('found: the value and its neighbour shown to fail', () => {
    const w = seekWords(seekDoc({ probes: [probe(40, 'meets'), probe(10, 'fails'), probe(25, 'meets'), probe(17, 'fails'), probe(21, 'fails'), probe(23, 'meets'), probe(22, 'meets')] }), 'beds');
    expect(w.headline).toBe('22 beds reach “Modelled ED attendances within 4 hours” at least 95%; 21 do not, with 95% confidence.');
    expect(w.uncertain).toBe(false);
    expect(w.detail).toBe('7 values tried, 40 replications in all (a grid over the range at the most replications would take 2480).');
  });

  test('found at the start of the range; the largest value; a measure with a unit', () => {
    expect(seekWords(seekDoc({ answer: 10, probes: [probe(40, 'meets'), probe(10, 'meets')] }), 'beds').headline)
      .toBe('10 beds, the start of the range, already reach “Modelled ED attendances within 4 hours” at least 95%, with 95% confidence.');
    expect(seekWords(seekDoc({ seek: 'largest', target: 'wait.mean[dgh/amu] <= 2', answer: 31, probes: [probe(10, 'meets'), probe(40, 'fails'), probe(32, 'fails'), probe(31, 'meets')] }), 'arrivals a day').headline)
      .toBe('Up to 31 arrivals a day reach “Mean wait — amu (dgh)” at most 2 h; 32 do not, with 95% confidence.');
  });

  test('unreachable', () => {
    const w = seekWords(seekDoc({ outcome: 'unreachable', answer: null, probes: [probe(40, 'fails', 20)] }), 'beds');
    expect(w.headline).toBe('Even 40 beds do not reach “Modelled ED attendances within 4 hours” at least 95%, with 95% confidence: widen the range or change the target.');
    expect(w.uncertain).toBe(false);
  });

  test('uncertain between two values, and at the end of the range: more replications may settle it', () => {
    const between = seekWords(seekDoc({ outcome: 'uncertain', answer: 23, probes: [probe(40, 'meets'), probe(10, 'fails'), probe(25, 'meets'), probe(17, 'fails'), probe(21, 'uncertain', 80), probe(23, 'meets'), probe(22, 'uncertain', 80), probe(19, 'fails')] }), 'beds');
    expect(between.headline).toBe('Uncertain between 20 and 23 beds: 23 beds reach “Modelled ED attendances within 4 hours” at least 95%, but at 21, 22 the 95% interval still straddles the target after 80 replications; 19 do not.');
    expect(between.uncertain).toBe(true);
    const end = seekWords(seekDoc({ outcome: 'uncertain', answer: null, probes: [probe(40, 'uncertain', 80)] }), 'beds');
    expect(end.headline).toBe('Uncertain: even at 40 beds the 95% interval still straddles “Modelled ED attendances within 4 hours” at least 95% after 80 replications.');
    expect(end.uncertain).toBe(true);
  });
});

test('a sweep: the mean inside its band, shares in percent, against the parameter', () => {
  const e = (mean: number) => ({ mean, ciLow: mean - 0.1, ciHigh: mean + 0.1 });
  const doc: SweepDoc = {
    scenario: 's', variant: 'baseline', replications: 4, seed: 1, settings: [], parameters: [{ name: 'beds', path: 'sites[0].wards[0].beds', values: [18, 20] }],
    kpis: [{ name: 'ed.4h[all]', unit: 'fraction', better: 'higher' }],
    points: [{ values: [18], kpis: { 'ed.4h[all]': e(0.5) }, differences: {} }, { values: [20], kpis: { 'ed.4h[all]': e(0.75) }, differences: {} }],
  };
  const f = sweepFigure(doc, 'ed.4h[all]', 'Beds on amu (dgh)');
  expect(f.data.map((t) => [t.x, t.y, t.fill])).toEqual([[[18, 20], [60, 85], undefined], [[18, 20], [40, 65], 'tonexty'], [[18, 20], [50, 75], undefined]]);
  expect(f.layout).toMatchObject({ title: { text: 'Modelled ED attendances within 4 hours' }, xaxis: { title: { text: 'Beds on amu (dgh)' } }, yaxis: { ticksuffix: '%' } });
  expect(sweepFigure({ ...doc, points: doc.points.map((p) => ({ ...p, kpis: { 'ed.4h[all]': { mean: null, ciLow: null, ciHigh: null } } })) }, 'ed.4h[all]', 'b').empty).toMatch(/No replication measured/);
});
