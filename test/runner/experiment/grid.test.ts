// Sweep grids: value lists from ranges and lists, the cartesian product, and each point's
// scenario checked by the schema with the offending path named.
import { describe, expect, test } from 'vitest';
import { experimentBase, gridPoints, parseParameter, parseValues, pointScenario } from '../../../runner/experiment/grid.ts';
import { loadScenario } from '../../../scenarios/load.ts';

const loaded = loadScenario(new URL('../../fixtures/small-ed.yaml', import.meta.url).pathname);
if (!loaded.ok) throw new Error('fixture');
const s = loaded.value;

describe('parseValues', () => {
  test('ranges, with the step or 1, and decimal steps without float noise', () => {
    expect(parseValues('20..26:2', 0)).toEqual({ ok: true, value: [20, 22, 24, 26] });
    expect(parseValues('20..25:2', 0)).toEqual({ ok: true, value: [20, 22, 24] });
    expect(parseValues('3..5', 0)).toEqual({ ok: true, value: [3, 4, 5] });
    expect(parseValues('0.1..0.5:0.1', 0)).toEqual({ ok: true, value: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(parseValues('7..7', 0)).toEqual({ ok: true, value: [7] });
  });

  test('lists: numbers, or text where the field is text', () => {
    expect(parseValues('20, 24,30', 0)).toEqual({ ok: true, value: [20, 24, 30] });
    expect(parseValues('mon,tue', 'monday')).toEqual({ ok: true, value: ['mon', 'tue'] });
    expect(parseValues('20,x', 0)).toEqual({ ok: false, message: 'expected numbers, got "x"' });
  });

  test('bad ranges say why', () => {
    expect(parseValues('5..1', 0)).toEqual({ ok: false, message: 'expected LO ≤ HI, got "5..1"' });
    expect(parseValues('1..5:0', 0)).toEqual({ ok: false, message: 'expected a STEP > 0, got "1..5:0"' });
    expect(parseValues('0..1e9', 0)).toEqual({ ok: false, message: '"0..1e9" gives 1000000001 values (at most 10000)' });
  });
});

test('the grid is the cartesian product, first parameter slowest', () => {
  const a = parseParameter('sites[dgh].wards[medical].beds=16,20', s);
  const b = parseParameter('sites[dgh].staff[acp].count=1..3', s);
  if (!a.ok || !b.ok) throw new Error('parameters');
  expect(a.value.path).toEqual(['sites', 0, 'wards', 1, 'beds']);
  expect(gridPoints([a.value, b.value])).toEqual([[16, 1], [16, 2], [16, 3], [20, 1], [20, 2], [20, 3]]);
});

test('the seed and the number of replications are the same at every point: options, not parameters', () => {
  expect(parseParameter('time.seed=1..3', s)).toEqual({ ok: false, message: 'time.seed cannot vary between points: every point runs the same replications with the same seed (common random numbers); use --seed or --set' });
  expect(parseParameter('time.replications=5,10', s).ok).toBe(false);
  const b = experimentBase(s, 'baseline', ['time.seed=7']);
  expect(b.ok && b.value.time.seed).toBe(7);
});

test('a parameter that is not a single value is refused with what is there', () => {
  expect(parseParameter('sites[dgh].wards[medical]=1,2', s)).toEqual({ ok: false, message: 'sites[0].wards[1] is an object (fields: id, beds, kind), not a number: a parameter sets one number (or text)' });
  expect(parseParameter('sites[dgh].wards[medical].beds', s)).toEqual({ ok: false, message: 'expected PATH=LO..HI:STEP or PATH=a,b,c, got "sites[dgh].wards[medical].beds"' });
});

describe('pointScenario', () => {
  test('sets the value, parses and compiles', () => {
    const p = parseParameter('sites[dgh].wards[medical].beds=16', s);
    if (!p.ok) throw new Error('parameter');
    const pt = pointScenario(s, [p.value], [16]);
    expect(pt.ok && pt.value.scenario.sites[0].wards[1].beds).toBe(16);
    expect(s.sites[0].wards[1].beds).toBe(20); // the base is not changed
  });

  test('a value that makes the scenario invalid is reported with its path', () => {
    const p = parseParameter('sites[dgh].wards[medical].beds=0', s);
    if (!p.ok) throw new Error('parameter');
    expect(pointScenario(s, [p.value], [0])).toEqual({ ok: false, message: 'at sites[dgh].wards[medical].beds=0 the scenario is invalid:\n  ✖ sites[0].wards[1].beds: expected an integer ≥ 1, got 0' });
  });
});

describe('experimentBase', () => {
  test("a variant's scenario, with fixed settings", () => {
    const b = experimentBase(s, 'fewer-beds', ['time.horizonDays=14']);
    expect(b.ok && [b.value.sites[0].wards[1].beds, b.value.time.horizonDays, b.value.variants]).toEqual([16, 14, []]);
  });

  test('a setting that breaks the scenario is reported with its path', () => {
    expect(experimentBase(s, 'baseline', ['time.horizonDays=5'])).toEqual({ ok: false, message: 'with the settings given the scenario is invalid:\n  ✖ time.warmupDays: expected fewer days than horizonDays (5), got 7' });
    expect(experimentBase(s, 'baseline', ['time.horizonDays=5,6'])).toEqual({ ok: false, message: '--set time.horizonDays=5,6: expected one value (PATH=VALUE), got 2' });
  });
});
