// A patient class: who arrives, where, how often and along which pathway.
import { z } from 'zod';
import { IdSchema } from './id.ts';
import { ClockSchema, clockHours, WeekdaySchema } from './time.ts';
import { SeasonRefSchema } from './season.ts';
import { AttributesSchema } from './decision.ts';

export const AppointmentsSchema = z
  .strictObject({
    slots: z.array(z.strictObject({
      days: z.array(WeekdaySchema).min(1).describe('weekdays the clinic books'),
      start: ClockSchema.describe('first appointment, "HH:MM"'),
      end: ClockSchema.describe('no appointment at or after this time, "HH:MM"'),
      everyMinutes: z.number().positive().describe('minutes between appointments'),
      perSlot: z.int().min(1).default(1).describe('patients booked at each appointment time'),
    }).superRefine((b, ctx) => {
      const a = clockHours(b.start), e = clockHours(b.end);
      if (a !== undefined && e !== undefined && !(e > a)) ctx.addIssue({ code: 'custom', path: ['end'], message: `expected a time after start (${b.start}), got ${b.end}` });
    })).min(1).describe('blocks of appointments, e.g. every 6 minutes 09:00-10:00 then every 15 minutes 10:00-12:00'),
    punctuality: z.strictObject({
      meanMinutes: z.number().describe('mean arrival time minus appointment time (negative: early)'),
      sdMinutes: z.number().positive().describe('its standard deviation'),
    }).optional().describe('when booked patients arrive relative to their appointment (normal); on time if omitted'),
    noShow: z.number().min(0).lt(1).default(0).describe('probability that a booked patient does not attend'),
  })
  .describe('booked appointments at fixed times each week, instead of random arrivals');
export type Appointments = z.infer<typeof AppointmentsSchema>;

export const ArrivalsSchema = z
  .strictObject({
    perDay: z.number().positive().optional().describe('mean arrivals per day (Poisson)'),
    perWeek: z.number().positive().optional().describe('mean arrivals per week (Poisson), instead of perDay'),
    byHour: z.array(z.number().min(0)).length(24).optional().describe('24 relative weights, 00:00–01:00 first: the shape over the day (normalised)'),
    byWeekday: z.array(z.number().min(0)).length(7).optional().describe('7 relative weights, Monday first: the shape over the week (normalised)'),
    appointments: AppointmentsSchema.optional(),
    season: SeasonRefSchema.optional().describe('a season (a key of seasons) multiplying the rate through the year: by month, date range and growth (random arrivals only)'),
  })
  .superRefine((a, ctx) => {
    const given = [a.perDay, a.perWeek, a.appointments].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['perDay'], message: 'give exactly one of perDay, perWeek or appointments' });
    if (a.appointments && (a.byHour || a.byWeekday))
      ctx.addIssue({ code: 'custom', path: [a.byHour ? 'byHour' : 'byWeekday'], message: 'booked appointments have their own times: byHour and byWeekday shape random arrivals only' });
    for (const key of ['byHour', 'byWeekday'] as const)
      if (a[key] && !a[key].some((w) => w > 0)) ctx.addIssue({ code: 'custom', path: [key], message: 'expected at least one weight > 0' });
  })
  .describe('Poisson arrivals at a mean rate, optionally shaped by hour of day and weekday; or booked appointments');
export type Arrivals = z.infer<typeof ArrivalsSchema>;

export const PatientClassSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    priority: z.int().min(1).default(3).describe('1 is the most urgent; queues, and free places sought at one instant, go to lower numbers first'),
    site: IdSchema.describe('the site where they arrive (for an elective class: the site of its waiting list)'),
    arrivals: ArrivalsSchema.optional().describe('arrivals; omitted for an elective class, which is referred to a waiting list'),
    pathway: IdSchema.optional().describe('the pathway they follow (a key of pathways); omitted for an elective class'),
    ed: z.boolean().default(false).describe('an emergency department class: counted in the ED 4-hour KPI (arrival to admission or discharge)'),
    attributes: AttributesSchema.optional(),
  })
  .describe('a patient class: priority, site, and either arrivals and a pathway, or referrals to a waiting list');
export type PatientClass = z.infer<typeof PatientClassSchema>;
