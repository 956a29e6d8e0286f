// Arrival rates from arrival times: per hour of day × weekday (168 cells), per hour and per
// weekday alone (the language's separable byHour × byWeekday shape), and per calendar month
// where the data spans more than one (a season's byMonth), each with an exact Poisson
// (Garwood) 95% interval. Two likelihood-ratio (G) tests, chi-square with its degrees of
// freedom: whether the daily level differs by weekday, and whether the hourly shape
// differs by weekday (hour × weekday interaction), which the separable shape cannot hold.

import { chiSquareUpper, poissonInterval } from './special.ts';

/** Longest stretch of arrivals (days) read: longer is almost surely a mistyped year. */
export const MAX_WINDOW_DAYS = 20 * 366;

/** Hours of a calendar month the window must cover for the month to get its own factor. */
export const MIN_MONTH_HOURS = 7 * 24;

export interface Window {
  /** Hours since 1970-01-01 00:00 (wall clock): the first arrival's day at 00:00. */
  start: number;
  /** The end of the last arrival's day, or the extract if earlier. */
  end: number;
}

export interface Rate { count: number; exposureHours: number; perHour: number; low: number; high: number }

export interface Test { statistic: number; df: number; p: number; note?: string }

export interface ArrivalProfile {
  n: number;
  perDay: number;
  /** [weekday, Monday first][hour]. */
  cells: Rate[][];
  byHour: Rate[];
  byWeekday: Rate[];
  /** January first; undefined for a month the data does not cover. Only when it covers two or more. */
  byMonth?: (Rate | undefined)[];
  weekdayLevel: Test;
  weekdayShape: Test;
  monthLevel?: Test;
}

/** Monday-first weekday (0–6) of an hour since 1970-01-01, a Thursday. */
export const weekdayOf = (hour: number) => (((Math.floor(hour / 24) + 3) % 7) + 7) % 7;
export const monthOf = (hour: number) => new Date(Math.floor(hour / 24) * 86_400_000).getUTCMonth();

export function windowOf(arrivals: readonly number[], extract: number): Window {
  let lo = Infinity, hi = -Infinity;
  for (const a of arrivals) { if (a < lo) lo = a; if (a > hi) hi = a; }
  const start = Math.floor(lo / 24) * 24;
  return { start, end: Math.min(Math.floor(hi / 24) * 24 + 24, Math.max(extract, hi)) };
}

function rate(count: number, exposureHours: number): Rate {
  const [a, b] = poissonInterval(count);
  const e = exposureHours > 0 ? exposureHours : NaN;
  return { count, exposureHours, perHour: count / e, low: a / e, high: b / e };
}

/** G = 2 Σ observed·ln(observed/expected), cells with observed 0 adding nothing. */
function gStatistic(observed: readonly number[], expected: readonly number[]): number {
  let g = 0;
  observed.forEach((o, i) => { if (o > 0) g += o * Math.log(o / expected[i]); });
  return 2 * g;
}

/** The profile of arrival times (hours) over the window. */
export function arrivalProfile(arrivals: readonly number[], w: Window): ArrivalProfile {
  const count = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const exposure = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const monthCount = new Array<number>(12).fill(0), monthExposure = new Array<number>(12).fill(0);
  for (let t = w.start; t < w.end; t++) {
    const covered = Math.min(1, w.end - t);
    exposure[weekdayOf(t)][((t % 24) + 24) % 24] += covered;
    monthExposure[monthOf(t)] += covered;
  }
  for (const a of arrivals) {
    const h = Math.floor(a);
    count[weekdayOf(h)][((h % 24) + 24) % 24]++;
    monthCount[monthOf(h)]++;
  }
  const n = arrivals.length;
  const total = w.end - w.start;
  const cells = count.map((row, d) => row.map((c, h) => rate(c, exposure[d][h])));
  const byHour = Array.from({ length: 24 }, (_, h) => rate(count.reduce((s, r) => s + r[h], 0), exposure.reduce((s, r) => s + r[h], 0)));
  const dayCount = count.map((r) => r.reduce((s, c) => s + c, 0));
  const dayExposure = exposure.map((r) => r.reduce((s, c) => s + c, 0));
  const byWeekday = dayCount.map((c, d) => rate(c, dayExposure[d]));

  // Weekday level: the same rate every weekday, so each weekday's expected share is its exposure's.
  const seen = dayExposure.map((e, d) => d).filter((d) => dayExposure[d] > 0);
  const weekdayLevel = test(seen.map((d) => dayCount[d]), seen.map((d) => (n * dayExposure[d]) / total), seen.length - 1);
  // Hourly shape by weekday: independence of hour and weekday in the 7 × 24 table (each
  // weekday's hours have nearly equal exposure, so expected = row × column / n).
  const hourCount = Array.from({ length: 24 }, (_, h) => count.reduce((s, r) => s + r[h], 0));
  const obs: number[] = [], exp: number[] = [];
  for (const d of seen) for (let h = 0; h < 24; h++) if (hourCount[h] > 0) { obs.push(count[d][h]); exp.push((dayCount[d] * hourCount[h]) / n); }
  const hoursSeen = hourCount.filter((c) => c > 0).length;
  const weekdayShape = test(obs, exp, (seen.length - 1) * (hoursSeen - 1));
  const small = exp.filter((e) => e < 5).length;
  if (small > 0.2 * exp.length) weekdayShape.note = `${small} of ${exp.length} cells expect fewer than 5 arrivals: the chi-square approximation is rough (more data, or a longer extract, sharpens it)`;

  // A month with less than a week in the window gives no factor: a few days would mostly
  // measure their weekdays, and a factor from hours could be anything.
  const months = monthExposure.map((e, m) => m).filter((m) => monthExposure[m] >= MIN_MONTH_HOURS);
  let byMonth: ArrivalProfile['byMonth'];
  let monthLevel: Test | undefined;
  if (months.length >= 2) {
    byMonth = monthExposure.map((e, m) => (e >= MIN_MONTH_HOURS ? rate(monthCount[m], e) : undefined));
    const inMonths = months.reduce((s, m) => s + monthCount[m], 0), hours = months.reduce((s, m) => s + monthExposure[m], 0);
    monthLevel = test(months.map((m) => monthCount[m]), months.map((m) => (inMonths * monthExposure[m]) / hours), months.length - 1);
  }
  return { n, perDay: (n / total) * 24, cells, byHour, byWeekday, byMonth, weekdayLevel, weekdayShape, monthLevel };
}

function test(observed: number[], expected: number[], df: number): Test {
  const statistic = gStatistic(observed, expected);
  return { statistic, df, p: df > 0 ? chiSquareUpper(statistic, df) : 1 };
}
