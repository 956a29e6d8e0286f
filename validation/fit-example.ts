// The synthetic extract `pathflow fit` ships with (validation/examples/admissions.csv), drawn
// from known distributions so that tests can check the fit recovers them. A year of two
// classes' admissions with arrivals shaped by hour, weekday and month, stays from a
// lognormal and a gamma, and the mess of a real extract: stays still in at the extract date
// (no departure), missing and unreadable times, departures before arrivals and stays of 0.
//
// Regenerate: npx tsx validation/fit-example.ts (the test checks the file is what this makes).
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gammaFromMean, lognormal, type Distribution } from '../engine/core/distributions.ts';
import { stream, type Rng } from '../engine/core/random.ts';

export interface TrueClass {
  id: string;
  /** Arrivals a day before the month's factor. */
  perDay: number;
  byHour: number[];
  /** Monday first. */
  byWeekday: number[];
  /** January first: multiplies the rate. */
  byMonth: number[];
  /** Length of stay in days. */
  stay: { dist: 'lognormal' | 'gamma'; mean: number; sd: number };
  /** Where stays end, with probabilities (written for stays that ended). */
  destinations: Record<string, number>;
}

export const TRUTH: readonly TrueClass[] = [
  {
    id: 'medical', perDay: 14,
    byHour: [0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5, 0.7, 1.0, 1.3, 1.5, 1.6, 1.7, 1.8, 1.8, 1.7, 1.6, 1.5, 1.3, 1.1, 0.9, 0.7, 0.5],
    byWeekday: [1.15, 1.05, 1, 1, 1, 0.9, 0.9],
    byMonth: [1.15, 1.1, 1, 1, 0.95, 0.9, 0.9, 0.9, 0.95, 1, 1.05, 1.15],
    stay: { dist: 'lognormal', mean: 6, sd: 5 },
    destinations: { 'home': 0.8, 'care-home': 0.15, 'died': 0.05 },
  },
  {
    id: 'surgical', perDay: 5,
    byHour: [0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 2, 2, 2, 2, 1.5, 1, 1, 0.5, 0.5, 0.5, 0.3, 0.2, 0, 0],
    byWeekday: [1.3, 1.3, 1.3, 1.3, 1.3, 0.25, 0.25],
    byMonth: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    stay: { dist: 'gamma', mean: 3, sd: 2 },
    destinations: { 'home': 0.97, 'rehab': 0.03 },
  },
];

/** The extract: 2024 (a leap year, from a Monday), taken at 2025-01-01 00:00. */
export const START = Date.UTC(2024, 0, 1) / 3_600_000;
export const DAYS = 366;
export const EXTRACT = START + DAYS * 24;
/** Share of rows spoiled in each way (drawn from their own stream); NO_MESS for a clean extract. */
export const MESS = { missingArrival: 0.002, badArrival: 0.002, negative: 0.002, zero: 0.001 };
export const NO_MESS: typeof MESS = { missingArrival: 0, badArrival: 0, negative: 0, zero: 0 };

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Poisson(m) by multiplying uniforms (Knuth): m here is a few per hour. */
function poisson(m: number, rng: Rng): number {
  const limit = Math.exp(-m);
  let k = 0, p = rng();
  while (p > limit) { k++; p *= rng(); }
  return k;
}

const stamp = (hours: number) => new Date(Math.floor(hours * 60) * 60_000).toISOString().slice(0, 16).replace('T', ' ');

/** The CSV text of the synthetic extract for `seed`. */
export function syntheticExtract(seed = 1, classes: readonly TrueClass[] = TRUTH, mess: typeof MESS = MESS): string {
  const rows: { arrival: number; line: string[] }[] = [];
  for (const c of classes) {
    const times = stream(seed, 0, `arrivals/${c.id}`);
    const stays = stream(seed, 0, `stays/${c.id}`);
    const where = stream(seed, 0, `destinations/${c.id}`);
    const pick = () => { let u = where(); for (const [d, p] of Object.entries(c.destinations)) if ((u -= p) < 0) return d; return Object.keys(c.destinations)[0]; };
    const los: Distribution = c.stay.dist === 'lognormal' ? lognormal(c.stay.mean, c.stay.sd) : gammaFromMean(c.stay.mean, c.stay.sd);
    const mh = mean(c.byHour), mw = mean(c.byWeekday);
    for (let t = START; t < EXTRACT; t++) {
      const day = Math.floor(t / 24);
      const weekday = (day + 3) % 7;
      const month = new Date(day * 86_400_000).getUTCMonth();
      const rate = (c.perDay / 24) * (c.byHour[t % 24] / mh) * (c.byWeekday[weekday] / mw) * c.byMonth[month];
      for (let k = poisson(rate, times); k > 0; k--) {
        const arrival = t + times();
        const departure = arrival + 24 * los.sample(stays);
        const ended = departure < EXTRACT;
        rows.push({ arrival, line: [c.id, stamp(arrival), ended ? stamp(departure) : '', ended ? pick() : ''] });
      }
    }
  }
  rows.sort((a, b) => a.arrival - b.arrival);
  const spoil = stream(seed, 0, 'mess');
  const lines = rows.map(({ line }, i) => {
    const [cls, arrival, departure, destination] = line;
    let u = spoil();
    let a = arrival, d = departure;
    if (u < mess.missingArrival) a = '';
    else if ((u -= mess.missingArrival) < mess.badArrival) a = `${arrival.slice(0, 8)}32${arrival.slice(10)}`; // day 32
    else if ((u -= mess.badArrival) < mess.negative && d !== '') [a, d] = [d, a];
    else if ((u -= mess.negative) < mess.zero && d !== '') d = a;
    return `${i + 1},${cls},${a},${d},${destination}`;
  });
  return ['stay,class,arrival,departure,destination', ...lines].join('\n') + '\n';
}

export const EXAMPLE_PATH = fileURLToPath(new URL('./examples/admissions.csv', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(EXAMPLE_PATH, syntheticExtract());
