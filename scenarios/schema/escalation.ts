// Escalation beds: extra beds of a ward that open when its occupancy has stayed high for a
// while and close when it has stayed low for a while (hysteresis), and the staff called in
// with them (or alone, with no beds). The rules are those of
// engine/core/escalation.ts; docs/scenario-language.md ("Escalation: beds that open under
// pressure") states them for users.
import { z } from 'zod';
import { IdSchema } from './id.ts';

/** A year: the longest wait, delay or hysteresis a rule may name. */
const MAX_HOURS = 8760;
const hours = (what: string) => z.number().min(0).max(MAX_HOURS).default(0).describe(`${what}, in hours (0 to ${MAX_HOURS}; default 0)`);

/** Most staff one escalation calls in, per role (scenarios/cost/limits.ts bounds a role's whole headcount). */
export const MAX_ESCALATION_STAFF = 1_000;

export const EscalationStaffSchema = z
  .strictObject({
    role: IdSchema.describe('a role of the site\'s staff: the people called in have its skills'),
    count: z.int().min(1).max(MAX_ESCALATION_STAFF).describe(`people of that role called in (1 to ${MAX_ESCALATION_STAFF}), on duty only while the escalation is open`),
    hourlyCost: z.number().min(0).max(1e6).optional().describe('£ per hour on duty for them (e.g. a bank or agency rate); the role\'s hourlyCost if omitted: cost.escalation'),
  })
  .describe('staff called in while the escalation is open: extra people of a role who do its tasks');
export type EscalationStaff = z.infer<typeof EscalationStaffSchema>;

export const EscalationSchema = z
  .strictObject({
    beds: z.int().min(0).max(100_000).default(0).describe('escalation beds that open together, on top of the ward\'s beds (0, the default, with staff: staff called in and no beds)'),
    staff: z.array(EscalationStaffSchema).min(1).max(20).optional().describe('staff called in while the escalation is open (on duty from its opening to its closing; a task in hand at the close is finished)'),
    openAt: z.number().gt(0).max(1).describe('occupancy (beds in use ÷ the ward\'s own beds open, patients waiting not counted) at or above which the open clock runs, in (0, 1], e.g. 0.95'),
    forHours: hours('how long occupancy must stay at or above openAt, without a break, before the decision to open'),
    openingDelayHours: hours('from the decision to the beds being open (calling in staff); they open whatever occupancy does meanwhile'),
    closeBelow: z.number().min(0).max(1).describe('occupancy below which, while open, the close clock runs; below openAt (0: once open, never close)'),
    closeForHours: hours('how long occupancy must stay below closeBelow, without a break, before the escalation beds close'),
    hourlyCostPerBed: z.number().min(0).max(1e6).default(0).describe('£ per escalation bed per hour open (the staff opening them cost), counted only while open: cost.escalation'),
  })
  .refine((x) => x.closeBelow < x.openAt, { path: ['closeBelow'], message: 'expected below openAt (hysteresis: close at a lower occupancy than open)' })
  .refine((x) => x.beds > 0 || (x.staff?.length ?? 0) > 0, { path: ['beds'], message: 'expected at least 1 bed, or staff called in: this escalation opens nothing' })
  .describe('escalation beds (and staff) that open when the ward stays full and close when it has emptied');
export type Escalation = z.infer<typeof EscalationSchema>;
