// Where things are and when: engine pool ids for a site's wards, theatres and staff, and
// the week. Engine time is hours from day 0, 00:00, and day 0 is the scenario's
// startWeekday, so a Monday session is at a different hour of the engine's week when the
// run starts on a Wednesday.
import type { Duration } from '../../scenarios/schema/distribution.ts';
import { clockHours, weekdayIndex, type Weekday } from '../../scenarios/schema/time.ts';
import * as d from '../core/distributions.ts';
import type { Distribution } from '../core/distributions.ts';

export const DAY = 24;
export const WEEK = 168;

export const placeId = (site: string, ward: string) => `${site}/${ward}`;
export const theatreId = (site: string, theatre: string) => `${site}/${theatre}`;
export const staffId = (site: string) => `${site}/staff`;
export const delayedId = (site: string, ward: string) => `${site}/${ward}/delayed`;
export const edClockId = (cls: string) => `ed/${cls}`;

/** A window of the week [from, to) in engine hours, 0 ≤ from < to ≤ 168. */
export type Window = [number, number];

/** Each "these weekdays, start to end" on each of its days, in engine hours of the week, sorted by start; touching windows stay apart. */
export function weeklySpans(items: readonly { days: readonly Weekday[]; start: string; end: string }[], startWeekday: Weekday): Window[] {
  const first = weekdayIndex(startWeekday);
  const raw: Window[] = [];
  for (const it of items) {
    const a = clockHours(it.start)!, b = clockHours(it.end)!;
    for (const day of new Set(it.days.map(weekdayIndex))) {
      const offset = ((day - first + 7) % 7) * DAY;
      raw.push([offset + a, offset + b]);
    }
  }
  return raw.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** Windows that overlap or touch, merged: the time covered (a shift roster, a theatre's open hours). */
export function mergeWindows(windows: readonly Window[]): Window[] {
  const out: Window[] = [];
  for (const w of windows) {
    const last = out[out.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([w[0], w[1]]);
  }
  return out;
}

/** The windows of "these weekdays, start to end", in engine hours of the week, sorted and merged. */
export function weeklyWindows(items: readonly { days: readonly Weekday[]; start: string; end: string }[], startWeekday: Weekday): Window[] {
  return mergeWindows(weeklySpans(items, startWeekday));
}

/** Hours of [a, b) that fall inside the weekly windows. */
export function overlapHours(windows: readonly Window[], a: number, b: number): number {
  if (!(b > a)) return 0;
  let total = 0;
  const firstWeek = Math.floor(a / WEEK), lastWeek = Math.floor(b / WEEK);
  for (let k = firstWeek; k <= lastWeek; k++) {
    const base = k * WEEK;
    for (const [from, to] of windows) total += Math.max(0, Math.min(b, base + to) - Math.max(a, base + from));
  }
  return total;
}

const UNIT_HOURS = { minutes: 1 / 60, hours: 1, days: DAY } as const;

/** An engine distribution in hours. */
export function toDistribution(x: Duration): Distribution {
  const u = UNIT_HOURS[x.unit];
  switch (x.dist) {
    case 'exponential': return d.exponential(x.mean * u);
    case 'deterministic': return d.deterministic(x.value * u);
    case 'lognormal': return d.lognormal(x.mean * u, x.sd * u);
    case 'gamma': return d.gammaFromMean(x.mean * u, x.sd * u);
    case 'erlang': return d.erlang(x.k, x.mean * u);
    case 'weibull': return d.weibull(x.shape, x.scale * u);
    case 'normal': return d.normal(x.mean * u, x.sd * u);
    case 'uniform': return d.uniform(x.min * u, x.max * u);
    case 'triangular': return d.triangular(x.min * u, x.mode * u, x.max * u);
    case 'empirical': return d.empirical(x.values.map((v) => v * u));
  }
}
