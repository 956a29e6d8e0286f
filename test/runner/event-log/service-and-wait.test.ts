// A step's duration fitted from an event log of a system with real queues: one cubicle at
// about 80% use, so patients wait about 2 hours (Pollaczek–Khinchine: λE[S²]/2(1 − ρ)) for a
// service of 0.8 hours. The log's lifecycle values (`wait`, `start`, `complete`) tell the
// wait from the service, and `pathflow fit` fits the service alone: the true mean 0.8 lies
// in the fitted mean's 95% interval, while the time from entering the step to entering the
// next (what an extract without them gives) is several times longer and far outside it.
// The waits the fit reports (n, mean, median, 90th centile) are the log's own, counted here
// from its lines independently.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { pathflow } from '../../cli/in-process.ts';
import { CSV_COLUMNS } from '../../../runner/event-log/csv.ts';
import { sampleQuantile } from '../../../scenarios/fit/stay-fit.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathflow-service-and-wait-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One an hour, seen in one cubicle for a gamma time of mean 0.8 hours: ρ = 0.8. No
// startDate, so the log's times are its hours (time_hours), read back exactly.
const MODEL = `
id: one-cubicle
title: One cubicle at 80% use
time: { horizonDays: 200, warmupDays: 0, replications: 1, seed: 11 }
sites:
  - id: hospital
    wards: [ { id: cubicles, beds: 1, kind: cubicle } ]
classes:
  - id: ed
    site: hospital
    arrivals: { perDay: 24 }
    pathway: ed
pathways:
  ed:
    - { id: see, do: task, place: cubicles, duration: { dist: gamma, mean: 0.8, sd: 0.4 } }
    - { id: home, do: discharge }
`;

test('an event log with queues: the service is fitted apart from the wait (0.8 h in its 95% interval, entering to entering far outside), and the waits reported are the log\'s own', async () => {
  const model = join(dir, 'model.yaml');
  writeFileSync(model, MODEL);
  const log = join(dir, 'log.csv');
  expect((await pathflow('run', model, '--reps', '1', '--workers', '1', '--event-log', log)).code).toBe(0);
  const fitted = await pathflow('fit', log, '--json');
  expect(fitted.code, fitted.stderr).toBe(0);
  const r = JSON.parse(fitted.stdout);
  const see = r.classes[0].steps.steps.find((s: { id: string }) => s.id === 'see');
  expect(see.basis).toBe('service');
  const f = see.durations.ranked.find((g: { family: string }) => g.family === see.choice);
  expect(f.mean.low).toBeLessThan(0.8);
  expect(f.mean.high).toBeGreaterThan(0.8);

  // The log's own lines: per patient, when they reached `see` (its wait line), started and completed it, and reached home.
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  const at = new Map<string, { wait?: number; start?: number; complete?: number; home?: number }>();
  for (const line of readFileSync(log, 'utf8').split('\r\n').slice(1)) {
    if (line === '') continue;
    const x = line.split(',');
    const p = at.get(x[col('patient')]) ?? {};
    at.set(x[col('patient')], p);
    const t = Number(x[col('time_hours')]);
    if (x[col('activity')] === 'see') {
      const lc = x[col('lifecycle')];
      if (lc === 'wait') p.wait = t; else if (lc === 'start') p.start = t; else if (lc === 'complete') p.complete = t;
    } else if (x[col('activity')] === 'home' && p.home === undefined) p.home = t;
  }
  // A free cubicle: a `start` with no `wait` line before it, a wait of 0 (as the KPIs count it, docs/event-log.md).
  const waits = [...at.values()].flatMap((p) => (p.start !== undefined ? [p.start - (p.wait ?? p.start)] : []));
  expect(waits.filter((w) => w === 0).length).toBeGreaterThan(0);
  const sorted = [...waits].sort((a, b) => a - b);
  const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
  expect(see.waits.n).toBe(waits.length);
  expect(see.waits.mean).toBeCloseTo(mean, 9);
  expect(see.waits.median).toBeCloseTo(sampleQuantile(sorted, 0.5), 9);
  expect(see.waits.p90).toBeCloseTo(sampleQuantile(sorted, 0.9), 9);
  // Patients still waiting at the end of the run are counted apart, not in the figures.
  expect(see.waits.waiting).toBe([...at.values()].filter((p) => p.wait !== undefined && p.start === undefined).length);
  // Queues there were: about 2 hours on average (a single replication at ρ = 0.8 wanders, so loosely).
  expect(mean).toBeGreaterThan(1);

  // Entering `see` to entering `home`, waits included: the old duration, nowhere near 0.8.
  const through = [...at.values()].flatMap((p) => (p.start !== undefined && p.home !== undefined ? [p.home - (p.wait ?? p.start)] : []));
  const throughMean = through.reduce((a, b) => a + b, 0) / through.length;
  expect(throughMean).toBeGreaterThan(f.mean.high + 10 * (f.mean.high - f.mean.low));
  // Service and wait add up to the visit: every served patient's complete is when they reach home.
  expect([...at.values()].every((p) => p.complete === undefined || p.complete === p.home)).toBe(true);

  // The scenario says so: the service in the step, the wait in a comment.
  expect(r.scenario).toMatch(/# Each step's duration is its service/);
  expect(r.scenario).toMatch(/#   waits before the service \(not in the duration\): [\d,]+, mean [\d.]+ (hours|minutes)/);
  const text = await pathflow('fit', log);
  expect(text.stdout).toMatch(/see: waits before the service \(not in the duration\)/);
}, 60_000);
