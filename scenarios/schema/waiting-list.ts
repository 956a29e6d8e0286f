// Elective waiting lists and mutual aid. A list belongs to a site: referrals of its
// classes join it; the sessions of its theatres are booked from it by clinical priority
// (the class priority, P1 = 1) then longest wait, using planned case times; on the day a
// booked patient needs a bed on its ward by the cut-off and the theatre before the
// session ends, or the operation is cancelled and they go back on the list keeping their
// referral date. Mutual aid offers long waiters a list expected to treat them sooner.
import { z } from 'zod';
import { IdSchema } from './id.ts';
import { DurationSchema } from './distribution.ts';
import { ClockSchema, WeekdaySchema } from './time.ts';

export const WaitingListSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional(),
    site: IdSchema.describe('the site that operates on this list'),
    ward: IdSchema.describe('the ward (at the site) where the patients stay; emergencies compete for it unless it is ring-fenced'),
    theatres: z.array(IdSchema).min(1).describe('theatres (at the site) whose sessions are booked from this list'),
    referrals: z
      .array(z.strictObject({
        class: IdSchema.describe('a patient class; its priority is the clinical priority (1 = P1)'),
        perWeek: z.number().positive().describe('referrals per week (Poisson)'),
      }))
      .min(1)
      .describe('who joins the list, and how often'),
    plannedCase: DurationSchema.describe('planned case time per patient: what booking fills sessions with'),
    actualOverPlanned: DurationSchema.optional().describe('actual ÷ planned case time (mean about 1); exactly the plan if omitted'),
    casesPerSession: z.int().min(1).optional().describe('most cases booked into one session (e.g. 4 joints on an all-day list)'),
    stay: DurationSchema.describe('length of stay on the ward after surgery'),
    delayedDischarge: z
      .strictObject({ probability: z.number().min(0).max(1), duration: DurationSchema })
      .optional()
      .describe('a share of patients medically fit but delayed, for a further duration'),
    initialList: z
      .strictObject({
        patients: z.int().min(0).describe('patients on the list at the start'),
        oldestWeeks: z.number().positive().describe('their waits since referral are spread evenly up to this many weeks'),
      })
      .optional()
      .describe('the list as it stands at the start of the run (otherwise it starts empty)'),
    bookingLeadHours: z.number().min(0).default(1).describe('hours before a session that its patients are called in (and, without notice, that it is booked)'),
    bookingNoticeDays: z.number().min(0).default(0).describe('days before the call-in that a session is booked: booked patients stay on the list, reserved for their date (0: booked when called in)'),
    overWeeks: z.array(z.number().positive().max(520)).max(20).optional().describe('report the share of the list waiting over each of these weeks since referral, from the daily census, overall and by class (KPI list.over[<list>/<N>w]; e.g. [6] for DM01, [18, 52, 65, 78] for RTT)'),
    bedCutoffHours: z.number().min(0).default(0).describe('hours after the session starts by which a bed must be free, or the operation is cancelled'),
  })
  .describe('an elective waiting list: referrals, booking into theatre sessions, on-the-day cancellation');
export type WaitingList = z.infer<typeof WaitingListSchema>;

export const MutualAidSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional(),
    lists: z.array(IdSchema).min(2).describe('waiting lists (of different sites) that share their long waiters'),
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
