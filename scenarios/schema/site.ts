// A site (a hospital, a surgical hub): its wards and other places (bed pools), its
// theatres (a weekly timetable of sessions) and its staff (roles with skills, hourly
// cost and a roster of shifts). Rules that look across the scenario (ring-fencing names a
// class) live in scenario.ts.
import { z } from 'zod';
import { IdSchema } from './id.ts';
import { ClockSchema, WeekdaySchema } from './time.ts';
import { EscalationSchema } from './escalation.ts';

/**
 * Bed changes a ward may have: a real plan has a handful (winter beds), a daily count from
 * data a few hundred. A list far longer is a mistake, and each change is an event of every
 * replication and a point the ward's schedule keeps.
 */
export const MAX_WARD_CHANGES = 10_000;

export const WardSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    beds: z.int().min(1).describe('staffed beds (or cubicles, chairs, trolleys) open at the start'),
    kind: z.enum(['ward', 'cubicle', 'chair', 'trolley']).default('ward').describe('ward (default) | cubicle | chair | trolley; only wards count in bed-day costs'),
    specialty: z.string().optional().describe('free text, e.g. "emergency", "orthopaedics"'),
    ringFencedFor: z.array(IdSchema).min(1).optional().describe('only these patient classes may use it (a ring-fenced ward)'),
    changes: z
      .array(z.strictObject({
        fromDay: z.number().min(0).describe('day of the run from which the new number applies'),
        beds: z.int().min(0).describe('beds open from then on'),
      }))
      .max(MAX_WARD_CHANGES, { error: (iss) => `expected at most ${MAX_WARD_CHANGES.toLocaleString('en-GB')} changes, got ${(iss.input as unknown[]).length.toLocaleString('en-GB')}` })
      .optional()
      .describe(`beds opened (winter) or closed during the run, in increasing fromDay order (at most ${MAX_WARD_CHANGES.toLocaleString('en-GB')})`),
    escalation: EscalationSchema.optional(),
  })
  .describe('a bed pool: a ward, ED cubicles, chairs or trolleys');
export type Ward = z.infer<typeof WardSchema>;

const DaysSchema = z.array(WeekdaySchema).min(1).describe('weekdays it applies to');

export const SessionSchema = z
  .strictObject({
    days: DaysSchema,
    start: ClockSchema.describe('start, "HH:MM"'),
    end: ClockSchema.describe('end, "HH:MM" ("24:00" for midnight); after start'),
  })
  .describe('a theatre session on each of the given weekdays');
export type Session = z.infer<typeof SessionSchema>;

export const TheatreSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    sessions: z.array(SessionSchema).min(1).describe('the weekly timetable; the theatre is closed outside it'),
  })
  .describe('an operating theatre: one room, open in its sessions');
export type Theatre = z.infer<typeof TheatreSchema>;

export const ClinicSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    sessions: z.array(SessionSchema).min(1).describe('the weekly timetable of sessions (clinic or scanning lists); closed outside it'),
  })
  .describe('an outpatient clinic room or a diagnostic scanner: one appointment at a time, open in its sessions, booked in timed slots from a waiting list (bookInto)');
export type Clinic = z.infer<typeof ClinicSchema>;

export const ShiftSchema = z
  .strictObject({
    days: DaysSchema,
    start: ClockSchema.describe('start, "HH:MM"'),
    end: ClockSchema.describe('end, "HH:MM" ("24:00" for midnight); after start — split a night shift in two'),
    count: z.int().min(1).describe('staff on this shift'),
  })
  .describe('a shift of the roster: count staff on duty from start to end on each of the days');
export type Shift = z.infer<typeof ShiftSchema>;

export const RoleSchema = z
  .strictObject({
    role: IdSchema.describe('the role, e.g. "acp", "nurse", "consultant"; unique within the site'),
    skills: z.array(IdSchema).min(1).describe('tasks people in this role can do'),
    hourlyCost: z.number().min(0).default(0).describe('£ per hour on duty (employer cost)'),
    shifts: z.array(ShiftSchema).min(1).optional().describe('the roster: headcount by shift'),
    count: z.int().min(1).optional().describe('instead of shifts: this many always on duty'),
  })
  .describe('staff in one role: skills, cost and roster (shifts, or count for always on duty)');
export type Role = z.infer<typeof RoleSchema>;

export const SiteSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().optional().describe('a name for people'),
    wards: z.array(WardSchema).default([]).describe('bed pools: wards, ED cubicles, chairs, trolleys'),
    theatres: z.array(TheatreSchema).default([]).describe('operating theatres with their weekly sessions'),
    clinics: z.array(ClinicSchema).optional().describe('outpatient clinic rooms with their weekly sessions, booked in timed slots from waiting lists'),
    scanners: z.array(ClinicSchema).optional().describe('diagnostic scanners (MRI, CT, ultrasound…) with their weekly sessions, booked in timed slots from waiting lists'),
    staff: z.array(RoleSchema).default([]).describe('roles with skills, hourly cost and roster'),
    allocation: z.enum(['cheapest', 'first-free']).default('cheapest').describe('which free qualified person takes a task: the cheapest per hour, or the first listed'),
  })
  .describe('a hospital, a surgical hub or a community service');
export type Site = z.infer<typeof SiteSchema>;
