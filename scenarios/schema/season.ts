// Seasons: demand and length of stay through the year, within one run. A season is named
// once (`seasons: { winter: {...} }`) and used by any number of classes (their random
// arrivals) and pathway steps (their durations): factors by month, factors over date
// ranges (a bank holiday, a surge), and for arrivals a yearly growth trend. The factors
// multiply. How a season becomes hours is scenarios/compile/season.ts.
import { z } from 'zod';
import { IdSchema } from './id.ts';
import { DateSchema, dateDay } from './time.ts';
import type { Report } from './references.ts';

/** A factor's bounds: 0 (nobody arrives) to 100 times the base. */
export const MAX_FACTOR = 100;
/** Date ranges per season at most (each is two breakpoints in every source that uses the season). */
export const MAX_RANGES = 1_000;
/** Seasons per scenario at most. */
export const MAX_SEASONS = 100;
/** Mean days in a year, for growth: (1 + growthPerYear) ^ (days / 365.25). */
export const DAYS_PER_YEAR = 365.25;

const Factor = z.number().min(0).max(MAX_FACTOR);

export const SeasonRangeSchema = z
  .strictObject({
    name: z.string().optional().describe('what the range is (e.g. "Christmas Day")'),
    from: DateSchema.optional().describe('first date of the range, "YYYY-MM-DD" (needs time.startDate)'),
    to: DateSchema.optional().describe('last date of the range, included (needs time.startDate)'),
    fromDay: z.int().min(0).optional().describe('instead of from: the first day of the range, a day number of the run (day 0 is the first)'),
    toDay: z.int().min(0).optional().describe('instead of to: the last day of the range, included'),
    factor: Factor.describe(`multiplier in force over the range, 0 to ${MAX_FACTOR} (times the month's)`),
  })
  .superRefine((r, ctx) => {
    const dated = r.from !== undefined || r.to !== undefined;
    const numbered = r.fromDay !== undefined || r.toDay !== undefined;
    if (dated === numbered || (dated && (r.from === undefined || r.to === undefined)) || (numbered && (r.fromDay === undefined || r.toDay === undefined)))
      return void ctx.addIssue({ code: 'custom', path: [], message: 'give either from and to (dates) or fromDay and toDay (day numbers of the run)' });
    const a = dated ? dateDay(r.from!) : r.fromDay, b = dated ? dateDay(r.to!) : r.toDay;
    if (a !== undefined && b !== undefined && b < a)
      ctx.addIssue({ code: 'custom', path: [dated ? 'to' : 'toDay'], message: `expected a day on or after ${dated ? r.from : r.fromDay}, got ${dated ? r.to : r.toDay}` });
  })
  .describe('a stretch of whole days with its own factor, both ends included: dates (from, to) or day numbers of the run (fromDay, toDay)');
export type SeasonRange = z.infer<typeof SeasonRangeSchema>;

export const SeasonSchema = z
  .strictObject({
    name: z.string().optional().describe('what the season is'),
    byMonth: z.array(Factor).length(12, { error: (iss) => `expected 12 factors, January to December, got ${Array.isArray(iss.input) ? iss.input.length : 'another number'}` }).optional()
      .describe(`12 factors, January first, each 0 to ${MAX_FACTOR}: the multiplier in force through each calendar month (needs time.startDate)`),
    ranges: z.array(SeasonRangeSchema).max(MAX_RANGES).optional()
      .describe(`date ranges with their own factor, which multiplies the month's (bank holidays, a surge); at most ${MAX_RANGES}, none overlapping`),
    growthPerYear: z.number().min(-0.5).max(1).optional()
      .describe('a trend in arrivals, compounding from day 0: the rate is multiplied by (1 + growthPerYear) ^ (days / 365.25), e.g. 0.03 for 3% a year; arrivals only, not durations'),
  })
  .describe('a named multiplier through the year: by month, by date range and (arrivals only) a yearly growth; the factors multiply');
export type Season = z.infer<typeof SeasonSchema>;

export const SeasonsSchema = z
  .record(IdSchema, SeasonSchema)
  .refine((r) => Object.keys(r).length <= MAX_SEASONS, { message: `at most ${MAX_SEASONS} seasons` })
  .describe('seasons by id, each used by classes (arrivals.season), waiting lists\' referrals (referrals[].season) and stays (staySeason), and steps (season: the duration multiplied by the factor when the step starts)');

export const SeasonRefSchema = IdSchema.describe('a season (a key of seasons)');

interface SeasonUser {
  seasons?: Record<string, Season>;
  time: { startDate?: string; horizonDays: number };
  classes: { id: string; arrivals?: { season?: string; appointments?: unknown } }[];
  pathways: Record<string, { id: string; do: string; season?: string }[]>;
  waitingLists?: { referrals: { season?: string }[]; staySeason?: string }[];
}

/**
 * The rules across the scenario: a season named exists; months and dates need a start
 * date; ranges do not overlap; a season that multiplies durations has no growth and no 0
 * (a stay of length 0 would let a patient circle at one instant); appointments keep their times.
 */
export function checkSeasons(s: SeasonUser, report: Report, known: (id: string, ids: readonly string[]) => string): void {
  const seasons = s.seasons ?? {};
  const ids = Object.keys(seasons);
  const dated = s.time?.startDate !== undefined;
  for (const [id, season] of Object.entries(seasons)) {
    const at = ['seasons', id];
    if (season.byMonth && !dated) report([...at, 'byMonth'], 'months need a calendar: give time.startDate (the date of day 0)', [['time', 'startDate']]);
    const spans: { a: number; b: number; k: number }[] = [];
    season.ranges?.forEach((r, k) => {
      if (r.from !== undefined && !dated)
        return void report([...at, 'ranges', k, 'from'], 'dates need a calendar: give time.startDate (the date of day 0), or give the range as fromDay and toDay', [['time', 'startDate']]);
      const start = dated ? dateDay(s.time.startDate!) : 0;
      const a = r.from !== undefined ? dateDay(r.from) : r.fromDay, b = r.to !== undefined ? dateDay(r.to) : r.toDay;
      if (a === undefined || b === undefined || start === undefined || b < a) return;
      const [x, y] = r.from !== undefined ? [a - start!, b - start!] : [a, b];
      spans.push({ a: x, b: y, k });
    });
    // In order of their first day (n log n, whatever the number of ranges): each overlapping
    // range is reported, at the later of the two in the file, naming the other.
    spans.sort((p, q) => p.a - q.a || p.k - q.k);
    let last: (typeof spans)[number] | undefined;
    for (const x of spans) {
      if (last && x.a <= last.b) {
        const [later, earlier] = x.k > last.k ? [x, last] : [last, x];
        report([...at, 'ranges', later.k], `overlaps ranges[${earlier.k}]: ranges may not overlap (give the days they share a range of their own, with the product of the factors)`);
      }
      if (!last || x.b > last.b) last = x;
    }
  }
  s.classes?.forEach((c, ci) => {
    const name = c.arrivals?.season;
    if (name === undefined) return;
    const path = ['classes', ci, 'arrivals', 'season'];
    if (!ids.includes(name)) report(path, `unknown season "${name}"${known(name, ids)}`, [['seasons']]);
    else if (c.arrivals?.appointments !== undefined) report(path, 'booked appointments keep their times: a season multiplies random arrivals (perDay, perWeek) only');
  });
  s.waitingLists?.forEach((l, li) => l?.referrals?.forEach((r, ri) => {
    const name = r?.season;
    if (name !== undefined && !ids.includes(name)) report(['waitingLists', li, 'referrals', ri, 'season'], `unknown season "${name}"${known(name, ids)}`, [['seasons']]);
  }));
  // A season on durations: a step's, or a list's stays.
  const forDurations = (name: string, path: PropertyKey[]) => {
    const season = seasons[name];
    if (!season) return void report(path, `unknown season "${name}"${known(name, ids)}`, [['seasons']]);
    if (season.growthPerYear !== undefined && season.growthPerYear !== 0)
      report(path, `season "${name}" has a growthPerYear, which is for arrivals: give durations a season without one`, [['seasons', name, 'growthPerYear']]);
    const zero = [...(season.byMonth ?? []), ...(season.ranges ?? []).map((r) => r.factor)].some((x) => x === 0);
    if (zero) report(path, `season "${name}" has a factor of 0, which would make a duration 0: a duration's factors must be > 0`, [['seasons', name]]);
  };
  s.waitingLists?.forEach((l, li) => {
    if (l?.staySeason !== undefined) forDurations(l.staySeason, ['waitingLists', li, 'staySeason']);
  });
  for (const [pid, steps] of Object.entries(s.pathways ?? {})) {
    steps?.forEach((st, i) => {
      if (st?.season !== undefined) forDurations(st.season, ['pathways', pid, i, 'season']);
    });
  }
}
