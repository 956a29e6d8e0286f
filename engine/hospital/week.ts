// The hospital week: engine time is hours from day 0, 00:00, and day 0 is a given weekday
// (the run's first), so a Monday session falls at a different hour of the engine's week
// when the run starts on a Wednesday. Weekly windows (shifts, theatre sessions) are
// [from, to) in hours of that week.

export const DAY = 24;
export const WEEK = 168;

/** A window of the week [from, to) in engine hours, 0 ≤ from < to ≤ 168. */
export type Window = [number, number];

/** "These weekdays, from `start` to `end`": weekdays as indices (0 = Monday … 6 = Sunday), start and end in hours after midnight (end ≤ 24). */
export interface WeeklySpan {
  readonly days: readonly number[];
  readonly start: number;
  readonly end: number;
}

/** Each span on each of its days, in engine hours of the week (day 0 is weekday `firstWeekday`), sorted by start; touching windows stay apart. */
export function weeklySpans(items: readonly WeeklySpan[], firstWeekday: number): Window[] {
  const raw: Window[] = [];
  for (const it of items) {
    for (const day of new Set(it.days)) {
      const offset = ((day - firstWeekday + 7) % 7) * DAY;
      raw.push([offset + it.start, offset + it.end]);
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

/** The windows of the spans, in engine hours of the week, sorted and merged. */
export function weeklyWindows(items: readonly WeeklySpan[], firstWeekday: number): Window[] {
  return mergeWindows(weeklySpans(items, firstWeekday));
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
