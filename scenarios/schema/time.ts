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

export const TimeSchema = z
  .strictObject({
    horizonDays: z.number().positive().describe('length of each run in days, warm-up included'),
    warmupDays: z.number().min(0).default(0).describe('days at the start whose statistics are discarded (the model fills up)'),
    startWeekday: WeekdaySchema.default('monday').describe('weekday of day 0 (the run starts at 00:00 on it)'),
    replications: z.int().min(1).max(MAX_REPLICATIONS).default(20).describe('replications per variant, unless the command line says otherwise'),
    seed: z.int().min(0).default(1).describe('base seed of the named random streams'),
  })
  .superRefine((t, ctx) => {
    if (t.warmupDays >= t.horizonDays)
      ctx.addIssue({ code: 'custom', path: ['warmupDays'], message: `expected fewer days than horizonDays (${t.horizonDays}), got ${t.warmupDays}` });
  })
  .describe('how long each run lasts, its warm-up, the weekday of day 0, replications and seed');
export type Time = z.infer<typeof TimeSchema>;
