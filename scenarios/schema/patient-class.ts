// A patient class: who arrives, where, how often and along which pathway.
import { z } from 'zod';
import { IdSchema } from './id.ts';

export const ArrivalsSchema = z
  .strictObject({
    perDay: z.number().positive().optional().describe('mean arrivals per day (Poisson)'),
    perWeek: z.number().positive().optional().describe('mean arrivals per week (Poisson), instead of perDay'),
    byHour: z.array(z.number().min(0)).length(24).optional().describe('24 relative weights, 00:00–01:00 first: the shape over the day (normalised)'),
    byWeekday: z.array(z.number().min(0)).length(7).optional().describe('7 relative weights, Monday first: the shape over the week (normalised)'),
  })
  .superRefine((a, ctx) => {
    if ((a.perDay === undefined) === (a.perWeek === undefined))
      ctx.addIssue({ code: 'custom', path: ['perDay'], message: 'give exactly one of perDay or perWeek' });
    for (const key of ['byHour', 'byWeekday'] as const)
      if (a[key] && !a[key].some((w) => w > 0)) ctx.addIssue({ code: 'custom', path: [key], message: 'expected at least one weight > 0' });
  })
  .describe('Poisson arrivals at a mean rate, optionally shaped by hour of day and weekday');
export type Arrivals = z.infer<typeof ArrivalsSchema>;

export const PatientClassSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional(),
    priority: z.int().min(1).default(3).describe('1 is the most urgent; queues serve lower numbers first'),
    site: IdSchema.describe('the site where they arrive (for an elective class: the site of its waiting list)'),
    arrivals: ArrivalsSchema.optional().describe('arrivals; omitted for an elective class, which is referred to a waiting list'),
    pathway: IdSchema.optional().describe('the pathway they follow (a key of pathways); omitted for an elective class'),
    ed: z.boolean().default(false).describe('an emergency department class: counted in the ED 4-hour KPI (arrival to admission or discharge)'),
  })
  .describe('a patient class: priority, site, and either arrivals and a pathway, or referrals to a waiting list');
export type PatientClass = z.infer<typeof PatientClassSchema>;
