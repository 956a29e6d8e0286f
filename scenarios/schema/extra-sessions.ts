// Extra sessions of a waiting list (a waiting-list initiative): sessions of the list's own
// theatres (or clinics, scanners) that run only while the list is long. The rules are
// engine/hospital/extra-sessions.ts's; docs/scenario-language.md ("Extra sessions: a
// waiting-list initiative") states them for users. Which rooms they name, and that they
// do not overlap the rooms' timetables, is checked across the scenario (references.ts).
import { z } from 'zod';
import { ClockSchema, WeekdaySchema } from './time.ts';
import { IdSchema } from './id.ts';

/** A year of days: the longest clock or delay. */
const MAX_DAYS = 365;
/** The largest list size a threshold may name. */
const MAX_PATIENTS = 10_000_000;
/** Extra sessions a list may have (each a controller's visit per week). */
export const MAX_EXTRA_SESSIONS = 50;

const days = (what: string, min: number, dflt: number) =>
  z.int().min(min).max(MAX_DAYS).default(dflt).describe(`${what}, in days (${min} to ${MAX_DAYS}; default ${dflt})`);

export const ExtraSessionSchema = z
  .strictObject({
    theatre: IdSchema.optional().describe("the theatre it runs in: one of the list's theatres (a theatre list)"),
    clinic: IdSchema.optional().describe("instead of theatre, on a list booked into clinics: the clinic it runs in, one of the list's bookInto.clinics"),
    scanner: IdSchema.optional().describe("instead of theatre, on a list booked into scanners: the scanner it runs in, one of the list's bookInto.scanners"),
    days: z.array(WeekdaySchema).min(1).describe('weekdays it runs on (while the extra sessions are open)'),
    start: ClockSchema.describe('start, "HH:MM"'),
    end: ClockSchema.describe('end, "HH:MM" ("24:00" for midnight); after start'),
    maxCases: z.int().min(1).max(1000).optional().describe("most cases booked into it (a theatre list; the list's casesPerSession if omitted)"),
  })
  .superRefine((x, ctx) => {
    const named = (['theatre', 'clinic', 'scanner'] as const).filter((k) => x[k] !== undefined);
    if (named.length !== 1) ctx.addIssue({ code: 'custom', path: [named[1] ?? 'theatre'], message: 'give one room: theatre (a theatre list), clinic or scanner (a list with bookInto)' });
  })
  .describe("an extra session on each of the given weekdays, in one of the list's rooms, when its timetable leaves that room closed");
export type ExtraSession = z.infer<typeof ExtraSessionSchema>;

export const ExtraSessionsSchema = z
  .strictObject({
    sessions: z.array(ExtraSessionSchema).min(1).max(MAX_EXTRA_SESSIONS).describe(`the extra sessions (at most ${MAX_EXTRA_SESSIONS}), e.g. Saturday lists; each runs only if they are open at its booking time`),
    openAt: z.int().min(1).max(MAX_PATIENTS).describe("patients on the list (booked or not, as list.size counts them) at or above which a daily check counts towards opening, e.g. 400"),
    forDays: days('consecutive daily checks (00:00) with the list at or above openAt before the decision to open', 1, 1),
    openingDelayDays: days('from the decision to the extra sessions being open for booking (arranging staff)', 0, 0),
    closeBelow: z.int().min(0).max(MAX_PATIENTS).describe('patients on the list below which, while open, a daily check counts towards closing; below openAt (0: once open, never close)'),
    closeForDays: days('consecutive daily checks with the list below closeBelow before the extra sessions close', 1, 1),
    hourlyCost: z.number().min(0).max(1e6).default(0).describe('£ per hour of extra session run, on top of costs.theatreHour (or clinicHour, scannerHour) (a premium rate for the staff): cost.extraSessions'),
  })
  .refine((x) => x.closeBelow < x.openAt, { path: ['closeBelow'], message: 'expected below openAt (hysteresis: close at a shorter list than open)' })
  .describe('extra sessions (a waiting-list initiative): sessions that run only while the list is long, opened and closed by daily checks of its size');
export type ExtraSessions = z.infer<typeof ExtraSessionsSchema>;
