// The synthetic step extract `pathflow fit` ships with (validation/examples/ed-steps.csv):
// four weeks of an emergency department, one row per step a patient entered (patient,
// class, step, time), drawn from a known routing and known step durations so that tests
// can check the fit recovers them. Every patient is triaged; 35% then go to majors, 65% to
// minors; from majors 40% are admitted to a ward, the rest go home; minors all go home.
// With the mess of a real extract: rows without a time or with an unreadable one, a
// patient's rows written out of time order, rows without a step, and patients still in at
// the extract date (their last step has no next).
//
// Regenerate: npx tsx validation/fit-steps-example.ts (the test checks the file is what this makes).
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gammaFromMean, lognormal, type Distribution } from '../engine/core/distributions.ts';
import { stream } from '../engine/core/random.ts';

/** Step durations in hours (entering the step to entering the next) and where patients go next. */
export const STEPS: Record<string, { duration?: { dist: 'lognormal' | 'gamma'; mean: number; sd: number }; next: Record<string, number> }> = {
  triage: { duration: { dist: 'gamma', mean: 0.4, sd: 0.25 }, next: { majors: 0.35, minors: 0.65 } },
  majors: { duration: { dist: 'lognormal', mean: 4, sd: 2.5 }, next: { ward: 0.4, home: 0.6 } },
  minors: { duration: { dist: 'gamma', mean: 1.5, sd: 0.8 }, next: { home: 1 } },
  ward: { duration: { dist: 'lognormal', mean: 72, sd: 48 }, next: { discharged: 1 } },
  home: { next: {} },
  discharged: { next: {} },
};
export const PER_DAY = 60;
/** 2025-03-03 (a Monday) for 28 days; the extract taken at the end. */
export const START = Date.UTC(2025, 2, 3) / 3_600_000;
export const DAYS = 28;
export const EXTRACT = START + DAYS * 24;
/** Share of rows spoiled in each way (their own stream). */
export const MESS = { missingTime: 0.002, badTime: 0.002, missingStep: 0.002, swapped: 0.003 };

const stamp = (hours: number) => new Date(Math.round(hours * 60) * 60_000).toISOString().slice(0, 16).replace('T', ' ');

export function syntheticSteps(seed = 1): string {
  const times = stream(seed, 0, 'arrivals'), durations = stream(seed, 0, 'durations'), where = stream(seed, 0, 'routing'), spoil = stream(seed, 0, 'mess');
  const dist: Record<string, Distribution> = {};
  for (const [id, s] of Object.entries(STEPS)) if (s.duration) dist[id] = s.duration.dist === 'lognormal' ? lognormal(s.duration.mean, s.duration.sd) : gammaFromMean(s.duration.mean, s.duration.sd);
  const pick = (next: Record<string, number>) => { let u = where(); for (const [to, p] of Object.entries(next)) if ((u -= p) < 0) return to; return Object.keys(next)[0]; };
  const lines: string[] = [];
  let patient = 0;
  // Poisson arrivals: exponential gaps.
  for (let t = START - Math.log(1 - times()) * 24 / PER_DAY; t < EXTRACT; t -= Math.log(1 - times()) * 24 / PER_DAY) {
    patient++;
    const rows: string[][] = [];
    let step = 'triage', at = t;
    for (;;) {
      // Minutes as the extract writes them: the step's time rounded to the minute.
      rows.push([String(patient), 'ed', step, stamp(at)]);
      const s = STEPS[step];
      if (!s.duration) break;
      at += dist[step].sample(durations);
      const next = pick(s.next);
      if (at >= EXTRACT) break; // still in this step at the extract
      step = next;
    }
    for (const r of rows) {
      let u = spoil();
      if (u < MESS.missingTime) r[3] = '';
      else if ((u -= MESS.missingTime) < MESS.badTime) r[3] = r[3].replace(/ (\d\d):/, ' 25:');
      else if ((u -= MESS.badTime) < MESS.missingStep) r[2] = '';
    }
    // A few patients' rows written in the wrong order (their first two swapped).
    if (rows.length > 1 && spoil() < MESS.swapped) [rows[0], rows[1]] = [rows[1], rows[0]];
    for (const r of rows) lines.push(r.join(','));
  }
  return ['patient,class,step,time', ...lines].join('\n') + '\n';
}

export const STEPS_EXAMPLE_PATH = fileURLToPath(new URL('./examples/ed-steps.csv', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(STEPS_EXAMPLE_PATH, syntheticSteps());
