// A season (scenarios/schema/season.ts) as the engine's time factor: the calendar turned
// into hours from day 0, 00:00. A breakpoint at 00:00 on the first of every month of the
// run (with byMonth) and at both ends of every range (a range's last day is included, so
// it ends at 24:00 on it); each piece's factor is its month's times its range's. Only
// breakpoints inside the run are kept. Growth compounds continuously from day 0:
// (1 + g) ^ (days / 365.25) is exp(t × ln(1 + g) / 8766) with t in hours.
import type { TimeFactor } from '../../engine/core/time-factor.ts';
import { log1p } from '../../engine/core/math.ts';
import { DAY } from '../../engine/hospital/week.ts';
import { dateDay } from '../schema/time.ts';
import { DAYS_PER_YEAR, type Season } from '../schema/season.ts';

type RunTime = { readonly startDate?: string; readonly horizonDays: number };

const MS_PER_DAY = 86_400_000;

/** The first day (from 1970-01-01) of each month after `start`'s, while before `endDay`. */
function monthStarts(start: number, endDay: number): number[] {
  const d = new Date(start * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const out: number[] = [];
  for (let m = d.getUTCMonth() + 1; ; m++) {
    const day = Date.UTC(y, m, 1) / MS_PER_DAY;
    if (day >= endDay) return out;
    out.push(day);
  }
}

/** The month (0 = January) of a day from 1970-01-01. */
const monthOf = (day: number) => new Date(day * MS_PER_DAY).getUTCMonth();

/** A range's days as day numbers of the run, both ends included. */
function rangeDays(r: NonNullable<Season['ranges']>[number], start: number | undefined): [number, number] {
  if (r.from !== undefined) return [dateDay(r.from)! - start!, dateDay(r.to!)! - start!];
  return [r.fromDay!, r.toDay!];
}

/**
 * The season as a factor over the run's hours. `use: 'durations'` leaves out the growth
 * (arrivals only; the scenario rules forbid it on a season used by a step).
 */
export function seasonFactor(season: Season, time: RunTime, use: 'arrivals' | 'durations'): TimeFactor {
  const start = time.startDate !== undefined ? dateDay(time.startDate) : undefined;
  const days = time.horizonDays;
  const ranges = (season.ranges ?? []).map((r) => ({ days: rangeDays(r, start), factor: r.factor })).sort((a, b) => a.days[0] - b.days[0]);
  // Breakpoints as day numbers of the run, inside (0, horizon).
  const points = new Set<number>();
  if (season.byMonth && start !== undefined) for (const d of monthStarts(start, start + days)) points.add(d - start);
  for (const r of ranges) for (const d of [r.days[0], r.days[1] + 1]) if (d > 0 && d < days) points.add(d);
  const breaks = [...points].sort((a, b) => a - b);
  // Each piece's factor, read at its first day (pieces start in increasing order, so one pass over the ranges).
  let k = 0;
  const factorOn = (day: number) => {
    const month = season.byMonth && start !== undefined ? season.byMonth[monthOf(start + day)] : 1;
    while (k < ranges.length && ranges[k].days[1] < day) k++;
    const r = ranges[k];
    return r && r.days[0] <= day ? month * r.factor : month;
  };
  const factors = [factorOn(0), ...breaks.map(factorOn)];
  const g = use === 'arrivals' ? season.growthPerYear ?? 0 : 0;
  return { breaks: breaks.map((d) => d * DAY), factors, ...(g !== 0 ? { growth: log1p(g) / (DAYS_PER_YEAR * DAY) } : {}) };
}

/** A scenario's seasons in hours, each built once for each use, on first use. */
export function seasonFactors(s: { readonly seasons?: Record<string, Season>; readonly time: RunTime }): (id: string, use: 'arrivals' | 'durations') => TimeFactor {
  const built = new Map<string, TimeFactor>();
  return (id, use) => {
    const key = `${use}:${id}`;
    let f = built.get(key);
    if (!f) built.set(key, (f = seasonFactor(s.seasons![id], s.time, use)));
    return f;
  };
}

/** Breakpoints a season makes over a run, without building them (the cost model's memory figure). */
export function seasonPieces(season: Season, time: RunTime): number {
  const months = season.byMonth && time.startDate !== undefined ? Math.ceil(time.horizonDays / 28) : 0;
  return 1 + months + 2 * (season.ranges?.length ?? 0);
}

/** The largest factor a season reaches over a run: the largest month's × the largest range's × the growth at the horizon. */
export function seasonPeak(season: Season, time: RunTime, use: 'arrivals' | 'durations'): number {
  const month = season.byMonth && time.startDate !== undefined ? Math.max(...season.byMonth) : 1;
  const range = Math.max(1, ...(season.ranges ?? []).map((r) => r.factor));
  const g = use === 'arrivals' ? season.growthPerYear ?? 0 : 0;
  return month * range * Math.max(1, (1 + g) ** (time.horizonDays / DAYS_PER_YEAR));
}

/** Days of the window at most that seasonMean reads (a longer window is read at evenly spaced days). */
const MEAN_DAYS = 3_660;

/**
 * A season's mean factor over the measured window [warmupDays, horizonDays), read at noon
 * of each day (its pieces are whole days; growth changes little within one): what the
 * offered-load check multiplies a rate or a duration by. It runs before the limits are
 * held against the scenario, so it builds nothing proportional to the run: each day's
 * factor is worked out on its own, at most MEAN_DAYS days (evenly spaced beyond that).
 */
export function seasonMean(season: Season, time: RunTime & { readonly warmupDays: number }, use: 'arrivals' | 'durations'): number {
  const first = time.warmupDays, days = time.horizonDays - time.warmupDays;
  if (!(days > 0) || !Number.isFinite(days)) return 1;
  const start = time.startDate !== undefined ? dateDay(time.startDate) : undefined;
  const ranges = (season.ranges ?? []).map((r) => ({ days: rangeDays(r, start), factor: r.factor }));
  const g = use === 'arrivals' ? season.growthPerYear ?? 0 : 0;
  const n = Math.min(days, MEAN_DAYS);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const day = first + Math.floor((k * days) / n);
    let f = season.byMonth && start !== undefined ? season.byMonth[monthOf(start + day)] : 1;
    for (const r of ranges) if (r.days[0] <= day && day <= r.days[1]) { f *= r.factor; break; }
    if (g !== 0) f *= (1 + g) ** ((day + 0.5) / DAYS_PER_YEAR);
    sum += f;
  }
  return sum / n;
}
