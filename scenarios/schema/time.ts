// Time in a scenario: the run's length and warm-up in days, the weekday of day 0, and
// clock times "HH:MM". Engine time is hours from day 0, 00:00; the hospital layer
// converts (scenarios/compile/site.ts), so a scenario never states hours without saying so.
import { z } from 'zod';
import { show } from '../errors.ts';
import { MAX_REPLICATIONS } from '../cost/limits.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export const WeekdaySchema = z
  .enum([...WEEKDAYS, ...LONG], { error: (iss) => `expected a weekday (mon tue wed thu fri sat sun), got ${show(iss.input)}` })
  .describe('a weekday: mon tue wed thu fri sat sun (or the full name)');
export type Weekday = z.infer<typeof WeekdaySchema>;

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(d: Weekday): number {
  const short = WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number]);
  return short >= 0 ? short : LONG.indexOf(d as (typeof LONG)[number]);
}

/** "HH:MM" from 00:00 to 24:00 ("24:00" ends a shift or session at midnight). */
export const ClockSchema = z
  .string({ error: (iss) => `expected a time "HH:MM", got ${show(iss.input)}` })
  .refine((s) => clockHours(s) !== undefined, { error: (iss) => `expected a time "HH:MM" from "00:00" to "24:00", got ${show(iss.input)}` })
  .describe('a clock time "HH:MM" (00:00 to 24:00)');

/** Hours after midnight of "HH:MM", or undefined if it is not a valid clock time. */
export function clockHours(s: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]), min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h + min / 60;
}

// The cap on time.replications lives with the limits (no zod there), for the command line's usage errors.
export { MAX_REPLICATIONS };

/** Days from 1970-01-01 of a date "YYYY-MM-DD" (years 1900 to 2200), or undefined if it is not one. */
export function dateDay(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d) return undefined; // 2025-02-30
  return ms / 86_400_000;
}

/** The weekday of a day from 1970-01-01 (a Thursday). */
export const weekdayOfDay = (day: number): Weekday => WEEKDAYS[(((day + 3) % 7) + 7) % 7];

export const DateSchema = z
  .string({ error: (iss) => `expected a date "YYYY-MM-DD", got ${show(iss.input)}` })
  .refine((s) => dateDay(s) !== undefined, { error: (iss) => `expected a real date "YYYY-MM-DD" (years 1900 to 2200), got ${show(iss.input)}` })
  .describe('a date "YYYY-MM-DD"');

/** The largest seed: z.int()'s bound (the largest exact integer), the same for time.seed, --seed and the server. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

export const TimeSchema = z
  .strictObject({
    horizonDays: z.number().positive().describe('length of each run in days, warm-up included'),
    warmupDays: z.number().min(0).default(0).describe('days at the start whose statistics are discarded (the model fills up)'),
    startDate: DateSchema.optional().describe('the date of day 0 (the run starts at 00:00 on it): needed for seasons by month or by date; startWeekday is then its weekday'),
    startWeekday: WeekdaySchema.optional().describe('weekday of day 0 (the run starts at 00:00 on it); default: the weekday of startDate, else monday'),
    replications: z.int().min(1).max(MAX_REPLICATIONS).default(20).describe('replications per variant, unless the command line says otherwise'),
    seed: z.int().min(0).default(1).describe('base seed of the named random streams'),
  })
  .superRefine((t, ctx) => {
    if (t.warmupDays >= t.horizonDays)
      ctx.addIssue({ code: 'custom', path: ['warmupDays'], message: `expected fewer days than horizonDays (${t.horizonDays}), got ${t.warmupDays}` });
    const day = t.startDate === undefined ? undefined : dateDay(t.startDate);
    if (day !== undefined && t.startWeekday !== undefined && weekdayIndex(t.startWeekday) !== weekdayIndex(weekdayOfDay(day)))
      ctx.addIssue({ code: 'custom', path: ['startWeekday'], message: `startDate ${t.startDate} is a ${LONG[weekdayIndex(weekdayOfDay(day))]}: expected ${weekdayOfDay(day)} (or leave startWeekday out), got ${t.startWeekday}` });
  })
  .describe('how long each run lasts, its warm-up, the date or weekday of day 0, replications and seed')
  // The weekday of day 0 is always known once parsed: given, or startDate's, or Monday
  // (the keys kept in the schema's order, as when startWeekday had a plain default).
  .transform(({ startWeekday, replications, seed, ...head }) => ({
    ...head,
    startWeekday: startWeekday ?? (head.startDate !== undefined ? weekdayOfDay(dateDay(head.startDate)!) : 'monday'),
    replications, seed,
  }));
export type Time = z.infer<typeof TimeSchema>;
