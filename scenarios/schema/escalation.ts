// Escalation beds: extra beds of a ward that open when its occupancy has stayed high for a
// while and close when it has stayed low for a while (hysteresis). The rules are those of
// engine/core/escalation.ts; docs/scenario-language.md ("Escalation: beds that open under
// pressure") states them for users.
import { z } from 'zod';

/** A year: the longest wait, delay or hysteresis a rule may name. */
const MAX_HOURS = 8760;
const hours = (what: string) => z.number().min(0).max(MAX_HOURS).default(0).describe(`${what}, in hours (0 to ${MAX_HOURS}; default 0)`);

export const EscalationSchema = z
  .strictObject({
    beds: z.int().min(1).max(100_000).describe('escalation beds that open together, on top of the ward\'s beds'),
    openAt: z.number().gt(0).max(1).describe('occupancy (beds in use ÷ the ward\'s own beds open, patients waiting not counted) at or above which the open clock runs, in (0, 1], e.g. 0.95'),
    forHours: hours('how long occupancy must stay at or above openAt, without a break, before the decision to open'),
    openingDelayHours: hours('from the decision to the beds being open (calling in staff); they open whatever occupancy does meanwhile'),
    closeBelow: z.number().min(0).max(1).describe('occupancy below which, while open, the close clock runs; below openAt (0: once open, never close)'),
    closeForHours: hours('how long occupancy must stay below closeBelow, without a break, before the escalation beds close'),
    hourlyCostPerBed: z.number().min(0).max(1e6).default(0).describe('£ per escalation bed per hour open (the staff opening them cost), counted only while open: cost.escalation'),
  })
  .refine((x) => x.closeBelow < x.openAt, { path: ['closeBelow'], message: 'expected below openAt (hysteresis: close at a lower occupancy than open)' })
  .describe('escalation beds that open when the ward stays full and close when it has emptied');
export type Escalation = z.infer<typeof EscalationSchema>;
