// Costs: what a bed-day and an hour of a theatre, clinic or scanner session cost, and the tariff (or weight) of a completed
// patient of each class, so productivity (weighted activity per £) can be computed.
// Staff costs come from each role's hourlyCost.
import { z } from 'zod';
import { IdSchema } from './id.ts';

export const CostsSchema = z
  .strictObject({
    bedDay: z.number().min(0).default(0).describe('£ per occupied bed-day on wards (kind "ward")'),
    theatreHour: z.number().min(0).default(0).describe('£ per hour of theatre session'),
    clinicHour: z.number().min(0).default(0).describe('£ per hour of clinic session (room, clinic staff not rostered as staff)'),
    scannerHour: z.number().min(0).default(0).describe('£ per hour of scanner session (running costs, maintenance, staff not rostered as staff)'),
    tariff: z.record(IdSchema, z.number().min(0)).default({}).describe('£ (or weight) per completed patient, by class id'),
  })
  .describe('costs and tariffs, in £');
export type Costs = z.infer<typeof CostsSchema>;
