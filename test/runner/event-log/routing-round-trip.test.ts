// The round trip of issue 18 for routing: a model with a known branch probability is run
// with an event log (`pathflow run --event-log`), the log is fitted as it is written
// (`pathflow fit LOG.csv`: a step extract, its patient, activity, lifecycle and time columns
// read by name), and the branch's probability is recovered within the fit's 95% interval;
// the scenario the fit writes is accepted by `check`, and run again it gives the same KPIs
// as the model it came from, within their uncertainty (the second test). Patients still in
// at the end of the run (the log's "leave … in-system" lines) are censored, not counted as
// leaving.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { pathflow } from '../../cli/in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathflow-routing-round-trip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Triage, then 30% admitted to a short-stay ward and 70% treated in a cubicle and sent home;
// room for everyone (about 3 of the 60 cubicles and 12 of the 400 beds in use), so nobody
// waits and each step's time in the log is its own duration. Stays of about a day over 120
// days leave few patients in at the end, so the fitted stays are barely shortened by
// censoring (the long stays still running are the ones a fit of complete stays misses).
const ORIGINAL = `
id: routing-round-trip
title: Triage and a branch, for the round trip
time: { startDate: "2025-01-06", horizonDays: 120, warmupDays: 0, replications: 1, seed: 7 }
sites:
  - id: hospital
    wards: [ { id: ward, beds: 400 }, { id: cubicles, beds: 60, kind: cubicle } ]
classes:
  - id: ed
    site: hospital
    arrivals: { perDay: 40 }
    pathway: ed
pathways:
  ed:
    - { id: triage, do: task, place: cubicles, duration: { dist: exponential, mean: 0.5 } }
    - { id: decide, do: branch, options: [ { to: admit, probability: 0.3 }, { to: treat, probability: 0.7 } ] }
    - { id: treat, do: task, place: cubicles, duration: { dist: lognormal, mean: 2, sd: 1 } }
    - { id: home, do: discharge }
    - { id: admit, do: admit, ward: ward }
    - { id: stay, do: stay, duration: { dist: lognormal, mean: 1, sd: 0.8, unit: days } }
    - { id: out, do: discharge }
`;

// The time from arrival to each exit, and how many reach it a week: the steps home and out
// keep their ids in the fitted scenario, so the same measures apply to both.
const MEASURES = `
measures:
  - { id: to-home, pathway: ed, from: arrival, to: { step: home } }
  - { id: to-out, pathway: ed, from: arrival, to: { step: out } }
`;

/** The original run with its event log and the log's fit (JSON), made once for both tests. */
let made: Promise<{ log: string; r: any }> | undefined;
function logAndFit() {
  return (made ??= (async () => {
    const original = join(dir, 'original.yaml');
    writeFileSync(original, ORIGINAL + MEASURES);
    const log = join(dir, 'log.csv');
    const logged = await pathflow('run', original, '--reps', '1', '--workers', '1', '--event-log', log);
    expect(logged.code).toBe(0);
    const fitted = await pathflow('fit', log, '--json');
    expect(fitted.code).toBe(0);
    return { log, r: JSON.parse(fitted.stdout) };
  })());
}

test('simulate → event log → fit: the branch probability 0.3 lies in the fitted share\'s 95% interval; the fitted scenario checks', async () => {
  const { log, r } = await logAndFit();
  expect(r.kind).toBe('steps');
  const ed = r.classes.find((c: { id: string }) => c.id === 'ed');
  const out = ed.steps.transitions.filter((t: { from: string }) => t.from === 'triage');
  expect(out.map((t: { to: string }) => t.to).sort()).toEqual(['admit', 'treat']);
  const admit = out.find((t: { to: string }) => t.to === 'admit');
  expect(admit.count).toBeGreaterThan(500);
  expect(admit.low).toBeLessThan(0.3);
  expect(admit.high).toBeGreaterThan(0.3);
  // The log's in-system patients are still in their step at the end, not leaving it.
  const inSystem = readFileSync(log, 'utf8').split('\r\n').filter((l) => l.includes(',leave,in-system,')).length;
  expect(inSystem).toBeGreaterThan(0);
  expect(r.data.problems['in-system'].count).toBe(inSystem);
  expect(ed.steps.steps.reduce((s: number, x: { open: number }) => s + x.open, 0)).toBe(inSystem);
  // Every path of the model, and no other: treat → home, admit → out (the stay step writes no lines of its own).
  expect(ed.steps.transitions.map((t: { from: string; to: string }) => `${t.from}→${t.to}`).sort()).toEqual(['admit→out', 'treat→home', 'triage→admit', 'triage→treat']);

  const scenario = join(dir, 'fitted.yaml');
  writeFileSync(scenario, r.scenario);
  const checked = await pathflow('check', scenario);
  expect(checked.code).toBe(0);
  expect(r.scenario).toMatch(/- \{ id: after-triage, do: branch, options: \[ \{ to: treat, probability: 0\.\d+ \}, \{ to: admit, probability: 0\.\d+ \} \] \}/);
}, 60_000);

type Estimate = { mean: number; ciLow: number; ciHigh: number };
type Interval = { estimate: number; low: number; high: number };
const z = 1.959963984540054;
/** The standard error behind a symmetric 95% interval. */
const se = (low: number, high: number) => (high - low) / (2 * z);

// What is compared, and why only these. The fitted pathway is triage, a branch, then treat or
// admit, each a `stay` (a plain delay) ending in the exits home and out: it has no cubicles
// and no ward beds, so its waits, occupancies and lengths of stay on a ward are not the
// original's KPIs at all (the original's waits are 0 here, its occupancies not). What both
// models have: arrivals, patients completed, time in the system (time.mean), and per exit
// (the measures above) the patients reaching it per week and the time from arrival to it.
//
// How: both scenarios run over the same 10 weeks after a week's warm-up, 30 replications
// each (never one run). A KPI's mean in the fitted model differs from the original's by the
// two runs' replication errors (their 95% intervals) and by the fit's own error (the fitted
// rate, shares and durations were estimated from one replication's data: their standard
// errors from the fit's intervals, carried to the KPI by the delta method). The difference
// must lie within 3 combined standard errors: a 99.7% interval for each of the 7 KPIs, so
// that all 7 pass together at about 98% when the models agree.
test('simulate → event log → fit → simulate: arrivals, completions, time in system and each exit\'s count and time agree within their uncertainty', async () => {
  const { r } = await logAndFit();
  const ed = r.classes.find((c: { id: string }) => c.id === 'ed');
  const step = (id: string) => {
    const st = ed.steps.steps.find((s: { id: string }) => s.id === id);
    const f = st.durations.ranked.find((g: { family: string }) => g.family === st.choice);
    const m: Interval = f.mean;
    return { mean: m.estimate, se: se(m.low, m.high) };
  };
  const [tri, treat, admit] = [step('triage'), step('treat'), step('admit')];
  const share = ed.steps.transitions.find((t: { from: string; to: string }) => t.from === 'triage' && t.to === 'admit');
  const p = share.share, seP = se(share.low, share.high);
  const rateRel = 1 / Math.sqrt(ed.arrivals.n);
  // The fitted model's durations, and the stays the data came from: nobody waited.
  expect(Math.abs(tri.mean - 0.5)).toBeLessThan(3 * tri.se);
  expect(Math.abs(treat.mean - 2)).toBeLessThan(3 * treat.se);
  expect(Math.abs(admit.mean - 24)).toBeLessThan(3 * admit.se);

  const fittedFile = join(dir, 'fitted-rerun.yaml');
  writeFileSync(fittedFile, r.scenario + '\n' + MEASURES);
  const same = ['--set', 'time.horizonDays=77', '--set', 'time.warmupDays=7', '--reps', '30', '--workers', '1', '--json'];
  const a = await pathflow('run', join(dir, 'original.yaml'), ...same);
  const b = await pathflow('run', fittedFile, ...same);
  expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
  const [ka, kb] = [JSON.parse(a.stdout).variants[0].kpis, JSON.parse(b.stdout).variants[0].kpis];

  // Each KPI's value in the fitted model as a function of the fitted figures, and the error the fit gives it.
  const exitMean = (x: { se: number }) => Math.hypot(tri.se, x.se);
  const inSystemMean = Math.hypot(tri.se, (1 - p) * treat.se, p * admit.se, (admit.mean - treat.mean) * seP);
  const cases: [kpi: string, fitSe: (mean: number) => number][] = [
    ['arrivals[ed]', (m) => rateRel * m],
    ['completed[ed]', (m) => rateRel * m],
    ['time.mean[ed]', () => inSystemMean],
    ['measure.count[to-home]', (m) => Math.hypot(rateRel, seP / (1 - p)) * m],
    ['measure.count[to-out]', (m) => Math.hypot(rateRel, seP / p) * m],
    ['measure.mean[to-home]', () => exitMean(treat)],
    ['measure.mean[to-out]', () => exitMean(admit)],
  ];
  for (const [kpi, fitSe] of cases) {
    const [x, y] = [ka[kpi] as Estimate, kb[kpi] as Estimate];
    expect(x, kpi).toBeDefined();
    expect(y, kpi).toBeDefined();
    const allowed = 3 * Math.hypot(se(x.ciLow, x.ciHigh), se(y.ciLow, y.ciHigh), fitSe(x.mean));
    expect(Math.abs(x.mean - y.mean), `${kpi}: original ${x.mean}, fitted ${y.mean}, allowed ${allowed}`).toBeLessThanOrEqual(allowed);
  }
  // The waits the fitted model cannot have were nothing in the original either: that is why its times compare.
  expect(ka['wait.mean[hospital/cubicles]'].mean).toBe(0);
  expect(ka['wait.mean[hospital/ward]'].mean).toBe(0);
}, 120_000);
