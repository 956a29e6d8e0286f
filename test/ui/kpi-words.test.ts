// Every KPI the library scenarios report reads in plain words: each library scenario is run
// briefly in this process (one replication of every option, a short warm-up and window), every KPI id
// it produces collected, and its label, place and unit as the app shows them (with the
// scenario's own names) checked for internal ids: no `[`, `/`, `skill:` or dotted metric
// name. Waits come in the unit that fits them.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioText } from '../../scenarios/load.ts';
import { compileVariants, runReplication } from '../../runner/replicate.ts';
import { splitKpiName, KPI_METRICS } from '../../scenarios/kpis/catalogue.ts';
import { fittingUnit, kpiTitle, kpiWords, namesOf, placeWords, unitWords } from '../../ui/src/lib/kpi-words.ts';
import { CSV_COLUMNS, resultsCsv } from '../../ui/src/lib/results-csv.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { warningWords } from '../../ui/src/lib/warning-words.ts';

const library = fileURLToPath(new URL('../../scenarios/library/', import.meta.url));

/** Each library scenario's KPI ids, from one replication of each option over at most 10 measured days. */
function libraryKpis(): { file: string; doc: Record<string, unknown>; kpis: string[] }[] {
  return readdirSync(library).filter((f) => f.endsWith('.yaml')).map((file) => {
    const text = readFileSync(library + file, 'utf8');
    const parsed = loadScenarioText(text, 'yaml');
    if (!parsed.ok) throw new Error(`${file} does not load`);
    const s = parsed.value;
    // Long warm-ups (a year for waiting lists) cut short: the KPI names do not depend on them.
    s.time.warmupDays = Math.min(s.time.warmupDays, 7);
    s.time.horizonDays = Math.min(s.time.horizonDays, s.time.warmupDays + 10);
    const compiled = compileVariants(s);
    if (!compiled.ok) throw new Error(`${file} does not compile`);
    const kpis = new Set<string>();
    for (const v of compiled.value) for (const k of Object.keys(runReplication(v.model, 1, 0))) kpis.add(k);
    return { file, doc: parse(text) as Record<string, unknown>, kpis: [...kpis] };
  });
}

const RAW = /\[|\]|\/|skill:|\b[a-z]+\.[a-zA-Z]+/;

describe('every KPI of the library scenarios in plain words', () => {
  const scenarios = libraryKpis();
  test('the library reports KPIs of many kinds', () => {
    const metrics = new Set(scenarios.flatMap((s) => s.kpis.map((k) => splitKpiName(k).metric)));
    expect(metrics.size).toBeGreaterThan(40);
  });
  for (const { file, doc, kpis } of scenarios) {
    test(`${file}: ${kpis.length} KPIs, none shown by its id`, () => {
      const names = namesOf(doc);
      const raw = kpis.map((k) => ({ k, shown: kpiTitle(k, names) })).filter(({ shown }) => RAW.test(shown));
      expect(raw).toEqual([]);
      for (const k of kpis) expect(kpiWords(k, names).unit, k).not.toBe('');
    });
  }
  test('every catalogue metric has a label without analysts\' notes', () => {
    const raw = KPI_METRICS.map((m) => kpiWords(`${m}[all]`).label).filter((l) => RAW.test(l) || /scope|only when/.test(l));
    expect(raw).toEqual([]);
  });
});

describe('words for one KPI', () => {
  const clinic = namesOf({ sites: [{ id: 'clinic', name: 'Walk-in clinic', staff: [{ role: 'clinician', skills: ['consult'] }] }], classes: [{ id: 'booked', name: 'Booked patients' }] });
  test('a wait for a skill at a site', () => {
    expect(kpiWords('wait.mean[clinic/skill:consult]', clinic)).toEqual({ label: 'Mean wait', where: 'consult tasks (Walk-in clinic)', unit: 'hours', text: 'Mean wait — consult tasks (Walk-in clinic)' });
    expect(kpiTitle('wait.mean[clinic/skill:consult]', clinic, 'minutes')).toBe('Mean wait — consult tasks (Walk-in clinic), minutes');
  });
  test('names from the scenario, ids in words without one; the whole scenario says nothing', () => {
    expect(placeWords('throughput[booked]', clinic)).toBe('Booked patients');
    expect(placeWords('occupancy.mean[dgh/elective-ortho]')).toBe('elective ortho (dgh)');
    expect(placeWords('list.over[mri/mri-urgent/13w]')).toBe('mri urgent, over 13 weeks (mri)');
    expect(placeWords('ed.4h[all]')).toBe('');
  });
  test('units in words', () => {
    expect(unitWords('patients/week')).toBe('patients a week');
    expect(unitWords('£/week')).toBe('£ a week');
    expect(unitWords('fraction')).toBe('%');
    expect(unitWords('h')).toBe('hours');
  });
});

describe('waits in the unit that fits', () => {
  test('minutes, hours, days or weeks by the largest value shown', () => {
    expect(fittingUnit('h', [0.2, 0.5])).toEqual({ unit: 'minutes', factor: 60 });
    expect(fittingUnit('h', [3, 12])).toEqual({ unit: 'hours', factor: 1 });
    expect(fittingUnit('h', [30, 100])).toEqual({ unit: 'days', factor: 1 / 24 });
    expect(fittingUnit('h', [1000])).toEqual({ unit: 'weeks', factor: 1 / 168 });
    expect(fittingUnit('weeks', [18, 40])).toEqual({ unit: 'weeks', factor: 1 });
    expect(fittingUnit('weeks', [0.5])).toEqual({ unit: 'days', factor: 7 });
    // As many values as a run of 5,000 classes reports: a fold, not Math.max(...values) (a stack overflow).
    expect(fittingUnit('h', Array.from({ length: 200_000 }, (_, k) => (k === 7 ? 100 : 1)))).toEqual({ unit: 'days', factor: 1 / 24 });
  });
  test('what is not a time keeps its unit; nothing measured keeps the catalogue\'s', () => {
    expect(fittingUnit('patients/week', [3])).toEqual({ unit: 'patients a week', factor: 1 });
    expect(fittingUnit('h', [null, undefined])).toEqual({ unit: 'hours', factor: 1 });
  });
});

test('the CSV: plain column names, measures in words, units, times in the unit that fits', () => {
  const result: RunResultDoc = {
    scenario: 'clinic', replications: 5, seed: 1, warnings: [],
    variants: [
      { id: 'baseline', name: 'baseline', kpis: { 'wait.mean[clinic/skill:consult]': { mean: 0.25, ciLow: 0.2, ciHigh: 0.3 }, 'ed.4h[all]': { mean: 0.9, ciLow: 0.88, ciHigh: 0.92 } } },
      { id: 'early', name: 'Start on time', kpis: { 'wait.mean[clinic/skill:consult]': { mean: 0.1, ciLow: 0.05, ciHigh: 0.15 }, 'ed.4h[all]': { mean: 0.95, ciLow: 0.93, ciHigh: 0.97 } } },
    ],
    comparisons: [
      { variant: 'early', kpi: 'wait.mean[clinic/skill:consult]', difference: -0.15, ciLow: -0.2, ciHigh: -0.1 },
      { variant: 'early', kpi: 'ed.4h[all]', difference: 0.05, ciLow: 0.03, ciHigh: 0.07 },
    ],
  };
  const names = namesOf({ sites: [{ id: 'clinic', name: 'Walk-in clinic' }] });
  const lines = resultsCsv(result, names).trim().split('\n');
  expect(lines[0]).toBe(CSV_COLUMNS.join(','));
  expect(lines[0]).toMatchInlineSnapshot(`"Measure,Where,Unit,Option,Mean,95% CI low,95% CI high,Difference from baseline,Difference 95% CI low,Difference 95% CI high,Verdict,Note,Measure id"`);
  expect(lines.slice(1)).toEqual([
    'Mean wait,consult tasks (Walk-in clinic),minutes,Baseline,15,12,18,,,,,,wait.mean[clinic/skill:consult]',
    'Mean wait,consult tasks (Walk-in clinic),minutes,Start on time,6,3,9,-9,-12,-6,better,,wait.mean[clinic/skill:consult]',
    'Modelled ED attendances within 4 hours,whole scenario,%,Baseline,90,88,92,,,,,,ed.4h[all]',
    'Modelled ED attendances within 4 hours,whole scenario,%,Start on time,95,93,97,5,3,7,better,,ed.4h[all]',
  ]);
});

describe('a ward and a class with the same id', () => {
  // winter-dgh has a ward "medical" (Medical wards) and a class "medical" (Medical emergency
  // admissions): ed.4h[medical] was shown as "— Medical wards", the first name of the id found.
  const doc = {
    sites: [{ id: 'dgh', name: 'District general', wards: [{ id: 'medical', name: 'Medical wards' }, { id: 'surgical', name: 'Surgical ward' }], staff: [{ role: 'medical', name: 'Doctors' }] }],
    classes: [{ id: 'medical', name: 'Medical emergency admissions' }, { id: 'surgical' }],
    waitingLists: [{ id: 'surgical', name: 'Surgical waiting list' }],
  };
  const names = namesOf(doc);
  test('a KPI of a class reads the class\'s name, of a ward the ward\'s', () => {
    expect(kpiWords('ed.4h[medical]', names).text).toBe('Modelled ED attendances within 4 hours — Medical emergency admissions');
    expect(placeWords('occupancy.mean[dgh/medical]', names)).toBe('Medical wards (District general)');
    expect(placeWords('beds.byClass[dgh/medical/medical]', names)).toBe('Medical wards, Medical emergency admissions (District general)');
    expect(placeWords('staff.utilisation[dgh/medical]', names)).toBe('Doctors (District general)');
    expect(placeWords('list.size[surgical]', names)).toBe('Surgical waiting list');
  });
  test('a class without a name reads as its id, never as the ward or list of that id', () => {
    expect(placeWords('ed.4h[surgical]', names)).toBe('surgical');
    expect(placeWords('completed[surgical]', names)).toBe('surgical');
  });
  test('warnings name lists and places by their kind', () => {
    expect(warningWords('on list surgical the wait grew', names)).toBe('on list “Surgical waiting list” the wait grew');
    expect(warningWords('the widest is ed.4h[medical], ±6.5 points', names)).toBe('the widest is “Modelled ED attendances within 4 hours — Medical emergency admissions”, ±6.5 points');
  });
});
