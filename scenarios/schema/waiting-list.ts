// Elective waiting lists and mutual aid. A list belongs to a site: referrals of its
// classes join it; the sessions of its theatres are booked from it by clinical priority
// (the class priority, P1 = 1) then longest wait, using planned case times; on the day a
// booked patient needs a bed on its ward by the cut-off and the theatre before the
// session ends, or the operation is cancelled and they go back on the list keeping their
// referral date. Mutual aid offers long waiters a list expected to treat them sooner.
import { z } from 'zod';
import { IdSchema } from './id.ts';
import { SeasonRefSchema } from './season.ts';
import { DurationSchema } from './distribution.ts';
import { ClockSchema, WeekdaySchema, weekdayIndex } from './time.ts';
import { didYouMean } from '../suggest.ts';
import { ExtraSessionsSchema } from './extra-sessions.ts';

/** One band of the starting list's age profile: patients referred between fromWeeks and toWeeks ago. */
/** Latest day a list's ages may be reported on (the horizon's own bound is checked across the scenario). */
export const MAX_AGE_DAY = 36_500;
/**
 * Booking notice at most a year: at the start of a run every session within the notice is
 * booked at once, a week at a time, so a notice of 10^15 days made that loop endless.
 */
export const MAX_NOTICE_DAYS = 365;

export const AgeBandSchema = z
  .strictObject({
    fromWeeks: z.number().min(0).describe('the shortest wait in the band, weeks since referral'),
    toWeeks: z.number().positive().describe('the longest wait in the band, weeks since referral (after fromWeeks)'),
    patients: z.int().min(0).optional().describe('patients in the band, shared among the referral classes by their referral rates'),
    byClass: z.record(IdSchema, z.int().min(0)).optional().describe('instead of patients: patients in the band by class, e.g. { mri-urgent: 5, mri-routine: 120 }'),
  })
  .superRefine((b, ctx) => {
    if ((b.patients === undefined) === (b.byClass === undefined))
      ctx.addIssue({ code: 'custom', path: ['patients'], message: 'give either patients (shared by referral rates) or byClass (a count per class)' });
    if (b.toWeeks <= b.fromWeeks) ctx.addIssue({ code: 'custom', path: ['toWeeks'], message: `expected a number > fromWeeks (${b.fromWeeks}), got ${b.toWeeks}` });
  })
  .describe('patients on the list at the start who have waited between fromWeeks and toWeeks since referral (spread evenly within the band)');
export type AgeBand = z.infer<typeof AgeBandSchema>;

export const InitialListSchema = z
  .strictObject({
    patients: z.int().min(0).optional().describe('patients on the list at the start (with oldestWeeks)'),
    oldestWeeks: z.number().positive().optional().describe('their waits since referral are spread evenly up to this many weeks'),
    byWeeksWaited: z
      .array(AgeBandSchema)
      .min(1)
      .optional()
      .describe("instead of patients and oldestWeeks: the list's age profile, counts by weeks waited (and by class), bands in increasing order, not overlapping"),
  })
  .superRefine((l, ctx) => {
    const even = l.patients !== undefined || l.oldestWeeks !== undefined;
    if (l.byWeeksWaited !== undefined && even)
      ctx.addIssue({ code: 'custom', path: [l.patients !== undefined ? 'patients' : 'oldestWeeks'], message: 'give either patients and oldestWeeks (spread evenly) or byWeeksWaited (an age profile), not both' });
    else if (l.byWeeksWaited === undefined) {
      if (l.patients === undefined) ctx.addIssue({ code: 'custom', path: ['patients'], message: 'expected patients and oldestWeeks, or byWeeksWaited (an age profile)' });
      if (l.oldestWeeks === undefined) ctx.addIssue({ code: 'custom', path: ['oldestWeeks'], message: 'expected oldestWeeks with patients: their waits are spread evenly up to it' });
    }
    l.byWeeksWaited?.forEach((b, k) => {
      const prev = l.byWeeksWaited![k - 1];
      if (prev && b.fromWeeks < prev.toWeeks)
        ctx.addIssue({ code: 'custom', path: ['byWeeksWaited', k, 'fromWeeks'], message: `expected a number ≥ ${prev.toWeeks} (the end of byWeeksWaited[${k - 1}]): bands in increasing order, not overlapping, got ${b.fromWeeks}` });
    });
  })
  .describe('the list as it stands at the start of the run (otherwise it starts empty): patients spread evenly up to oldestWeeks, or an age profile byWeeksWaited');
export type InitialList = z.infer<typeof InitialListSchema>;

/** Patients on a starting list: the even spread or the sum of the age profile's bands. */
export function initialPatients(l: InitialList | undefined): number {
  if (!l) return 0;
  if (l.byWeeksWaited) return l.byWeeksWaited.reduce((a, b) => a + (b.patients ?? Object.values(b.byClass ?? {}).reduce((x, y) => x + y, 0)), 0);
  return l.patients ?? 0;
}

export const DnaSchema = z
  .strictObject({
    probability: z.number().min(0).max(1).describe('probability that a booked patient does not attend when called in'),
    byClass: z.record(IdSchema, z.number().min(0).max(1)).optional().describe('the probability for some referral classes, e.g. { mri-urgent: 0.03 }; the others take probability'),
    dischargeAfter: z.int().min(1).max(20).optional().describe('discharged back to the referrer at this many DNAs (the clock stops, not treated); omitted: always rebooked'),
  })
  .describe('did not attend (DNA): the booked time is lost and the patient goes back on the list keeping their referral date, or is discharged after dischargeAfter DNAs');
export type Dna = z.infer<typeof DnaSchema>;

export const BookIntoSchema = z
  .strictObject({
    clinics: z.array(IdSchema).min(1).optional().describe('clinics (at the site) whose sessions are booked from this list: outpatient appointments'),
    scanners: z.array(IdSchema).min(1).optional().describe('instead of clinics: scanners (at the site) whose sessions are booked from this list: diagnostic tests'),
    slotMinutes: z.number().positive().describe('minutes of each appointment slot'),
    slotMinutesByClass: z.record(IdSchema, z.number().positive()).optional().describe('slot minutes for some referral classes, e.g. { urgent: 20 }; the others take slotMinutes'),
  })
  .superRefine((b, ctx) => {
    if ((b.clinics === undefined) === (b.scanners === undefined)) ctx.addIssue({ code: 'custom', path: ['clinics'], message: 'give either clinics or scanners' });
  })
  .describe('booking into timed slots of clinics or scanners instead of theatre sessions: no bed, no length of stay; each session filled from its start with back-to-back slots, by priority then longest wait');
export type BookInto = z.infer<typeof BookIntoSchema>;

export const ProcedureSchema = z
  .strictObject({
    procedure: IdSchema.describe('the procedure, e.g. "primary-hip", "revision-knee"'),
    share: z.number().min(0).max(1).describe("share of the list's referrals (the shares sum to 1)"),
    plannedCase: DurationSchema.optional().describe("its planned case time (the list's plannedCase if omitted)"),
    stay: DurationSchema.optional().describe("its length of stay after surgery (the list's stay if omitted)"),
  })
  .describe("one procedure of a list's case mix");

export const SessionTemplateSchema = z
  .strictObject({
    probability: z.number().min(0).max(1).describe('probability a session is booked to this template (the probabilities sum to 1; one template with 1 for a fixed template)'),
    cases: z.record(IdSchema, z.int().min(0)).describe('most cases of each procedure, e.g. { primary-hip: 2, primary-knee: 2 }; procedures not named: none'),
    total: z.int().min(1).optional().describe('most cases in all, e.g. 2 for "2 primary joints, hips or knees"'),
    days: z.array(WeekdaySchema).min(1).optional().describe('only sessions on these weekdays draw from this template (a fixed weekly template: one per weekday with probability 1); sessions on a weekday no template names draw from those without days'),
  })
  .describe('a session template: how many cases of which procedures a session takes');

export const WaitingListSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    site: IdSchema.describe('the site that operates on this list'),
    ward: IdSchema.optional().describe('the ward (at the site) where the patients stay; emergencies compete for it unless it is ring-fenced (a theatre list; not with bookInto)'),
    theatres: z.array(IdSchema).min(1).optional().describe('theatres (at the site) whose sessions are booked from this list (not with bookInto)'),
    bookInto: BookIntoSchema.optional(),
    referrals: z
      .array(z.strictObject({
        class: IdSchema.describe('a patient class; its priority is the clinical priority (1 = P1)'),
        perWeek: z.number().positive().describe('referrals per week (Poisson)'),
        season: SeasonRefSchema.optional().describe('a season (a key of seasons) multiplying the referral rate through the run (by month, date range, growth)'),
      }))
      .min(1)
      .describe('who joins the list, and how often'),
    plannedCase: DurationSchema.optional().describe('planned case time per patient: what booking fills sessions with (a theatre list)'),
    actualOverPlanned: DurationSchema.optional().describe('actual ÷ planned case time (mean about 1); exactly the plan if omitted'),
    casesPerSession: z.int().min(1).optional().describe('most cases booked into one session (e.g. 4 joints on an all-day list)'),
    stay: DurationSchema.optional().describe('length of stay on the ward after surgery (a theatre list)'),
    staySeason: SeasonRefSchema.optional().describe('a season (a key of seasons) multiplying the length of stay after surgery (the list\'s or the procedure\'s) and any delayed discharge, each by its factor on the day it starts (e.g. longer stays in winter; a theatre list)'),
    delayedDischarge: z
      .strictObject({ probability: z.number().min(0).max(1).describe('share of patients delayed'), duration: DurationSchema.describe('the delay, in the bed') })
      .optional()
      .describe('a share of patients medically fit but delayed, for a further duration'),
    initialList: InitialListSchema.optional(),
    dna: DnaSchema.optional(),
    caseMix: z
      .array(ProcedureSchema)
      .min(1)
      .optional()
      .describe('procedures within the list (e.g. primary hips, knees, revisions), each referral one of them by share; with their own case time and stay'),
    sessionTemplates: z
      .array(SessionTemplateSchema)
      .min(1)
      .optional()
      .describe('what each session is booked with, one template drawn per session by probability (e.g. 2 primary joints or 1 revision); with caseMix'),
    bookingLeadHours: z.number().min(0).default(1).describe('hours before a session that its patients are called in (and, without notice, that it is booked)'),
    bookingNoticeDays: z.number().min(0).max(MAX_NOTICE_DAYS).default(0).describe(`days before the call-in that a session is booked, at most ${MAX_NOTICE_DAYS}: booked patients stay on the list, reserved for their date (0: booked when called in)`),
    overWeeks: z.array(z.number().positive().max(520)).max(20).optional().describe('report the share of the list waiting over each of these weeks since referral, from the daily census, overall and by class (KPI list.over[<list>/<N>w]; e.g. [6] for DM01, [18, 52, 65, 78] for RTT)'),
    overWeeksAtDays: z.array(z.int().min(0).max(MAX_AGE_DAY)).min(1).max(20).optional().describe('also report the shares over each of overWeeks on these days of the run, from that day\'s census at 00:00 (KPI list.over.onDay[<list>/<N>w/d<day>], by class too); each day in [warmupDays, horizonDays)'),
    bedCutoffHours: z.number().min(0).default(0).describe('hours after the session starts by which a bed must be free, or the operation is cancelled'),
    extraSessions: ExtraSessionsSchema.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.overWeeksAtDays !== undefined && !l.overWeeks?.length) ctx.addIssue({ code: 'custom', path: ['overWeeksAtDays'], message: 'give overWeeks: the thresholds whose shares are reported on these days' });
    if (l.overWeeksAtDays && new Set(l.overWeeksAtDays).size !== l.overWeeksAtDays.length) ctx.addIssue({ code: 'custom', path: ['overWeeksAtDays'], message: 'expected each day once' });
    const theatreFields = ['ward', 'theatres', 'plannedCase', 'stay'] as const;
    const SLACK = 1e-9;
    if (l.caseMix) {
      const sum = l.caseMix.reduce((a, p) => a + p.share, 0);
      if (Math.abs(sum - 1) > SLACK) ctx.addIssue({ code: 'custom', path: ['caseMix'], message: `expected shares summing to 1, got ${sum}` });
      const seen = new Set<string>();
      l.caseMix.forEach((p, k) => {
        if (seen.has(p.procedure)) ctx.addIssue({ code: 'custom', path: ['caseMix', k, 'procedure'], message: `procedure "${p.procedure}" is defined twice` });
        seen.add(p.procedure);
      });
    }
    if (l.sessionTemplates) {
      if (!l.caseMix) ctx.addIssue({ code: 'custom', path: ['sessionTemplates'], message: 'session templates book procedures of a caseMix: give caseMix' });
      // The templates a weekday's sessions draw from: those naming it, else those naming no day.
      const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
      const reported = new Set<string>();
      for (let d = 0; d < 7; d++) {
        const named = l.sessionTemplates.filter((t) => t.days?.some((x) => weekdayIndex(x) === d));
        const apply = named.length > 0 ? named : l.sessionTemplates.filter((t) => !t.days);
        if (apply.length === 0) continue;
        const sum = apply.reduce((a, t) => a + t.probability, 0);
        const key = apply.map((t) => l.sessionTemplates!.indexOf(t)).join(',');
        if (Math.abs(sum - 1) > SLACK && !reported.has(key)) {
          reported.add(key);
          ctx.addIssue({ code: 'custom', path: ['sessionTemplates'], message: `expected probabilities summing to 1${named.length > 0 ? ` for sessions on ${WEEKDAYS[d]}` : ''}, got ${sum}` });
        }
      }
      const procedures = [...new Set(l.caseMix?.map((p) => p.procedure) ?? [])];
      l.sessionTemplates.forEach((t, k) => {
        for (const p of Object.keys(t.cases))
          if (l.caseMix && !procedures.includes(p))
            ctx.addIssue({ code: 'custom', path: ['sessionTemplates', k, 'cases', p], message: `unknown procedure "${p}"${didYouMean(p, procedures) ? `: ${didYouMean(p, procedures)}` : ''} (known: ${procedures.join(', ')})` });
      });
    }
    if (l.bookInto) {
      for (const f of [...theatreFields, 'actualOverPlanned', 'casesPerSession', 'delayedDischarge', 'caseMix', 'sessionTemplates', 'staySeason'] as const)
        if (l[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: `a list booked into clinic or scanner slots (bookInto) has no ${f}: no bed, no theatre, no stay` });
    } else
      for (const f of theatreFields)
        if (l[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: `expected ${f} for a list booked into theatre sessions (or bookInto: clinic or scanner slots)` });
  })
  .describe('an elective waiting list: referrals, booking into theatre sessions (ward, theatres, plannedCase, stay) or into clinic or scanner slots (bookInto), on-the-day cancellation');
export type WaitingList = z.infer<typeof WaitingListSchema>;

export const MutualAidSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    lists: z.array(IdSchema).min(2).describe('waiting lists (of different sites, and of one kind: theatre lists, clinic lists or scanner lists) that share their long waiters'),
    thresholdWeeks: z.number().positive().describe('offer a transfer to patients waiting longer than this since referral'),
    acceptance: z.number().min(0).max(1).describe('probability that a patient offered a transfer accepts (each patient is offered once)'),
    transferDelay: DurationSchema.describe('time from accepting to joining the other list'),
    weeklyCap: z.int().min(0).describe('most transfers per week, all lists together'),
    marginWeeks: z.number().min(0).default(4).describe('offer only where the expected wait is shorter by at least this'),
    day: WeekdaySchema.default('mon').describe('weekday the offers are made'),
    at: ClockSchema.default('09:00').describe('time of day the offers are made'),
  })
  .describe('mutual aid: long waiters offered a transfer to a list expected to treat them sooner');
export type MutualAid = z.infer<typeof MutualAidSchema>;
