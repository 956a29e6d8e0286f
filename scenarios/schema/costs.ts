// Costs: what a bed-day and a theatre hour cost, and the tariff (or weight) of a completed
// patient of each class, so productivity (weighted activity per £) can be computed.
// Staff costs come from each role's hourlyCost.
import { z } from 'zod';
import { IdSchema } from './id.ts';

export const CostsSchema = z
  .strictObject({
    bedDay: z.number().min(0).default(0).describe('£ per occupied bed-day on wards (kind "ward")'),
    theatreHour: z.number().min(0).default(0).describe('£ per hour of theatre session'),
    tariff: z.record(IdSchema, z.number().min(0)).default({}).describe('£ (or weight) per completed patient, by class id'),
  })
  .describe('costs and tariffs, in £');
export type Costs = z.infer<typeof CostsSchema>;
