// Measures: the times a scenario asks to be measured against a target, as NHS standards
// are written: the share of patients within a time and the centiles of that time, for
// the interval between two points of a pathway (door to CT, door to needle, decision to
// admit to admission), for time in system (arrival to departure) or for every wait for
// one place, theatre or skill (by class: stroke patients' CT wait apart from others').
// KPIs: measure.*[<id>] and, when a measure covers several classes, measure.*[<id>/<class>].
import { z } from 'zod';
import { IdSchema } from './id.ts';

/** Where along a step: on reaching it, when its work starts (place, clinician, bed or theatre obtained), or when it ends. */
export const STEP_MOMENTS = ['reached', 'started', 'finished'] as const;

/** What is wrong with a point: its string, or which field of { step, at }. */
function pointError(iss: { input?: unknown }): string {
  const x = iss.input;
  const got = typeof x === 'string' ? `, got "${x}"` : '';
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return `expected "arrival", "departure", "referral", "treatment" or { step, at? }${got}`;
  const o = x as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== 'step' && k !== 'at');
  if (extra.length > 0) return `unknown field "${extra[0]}" in { step, at? }`;
  if (typeof o.step !== 'string' || !IdSchema.safeParse(o.step).success) return `expected { step: <step id>, at? }, got step ${JSON.stringify(o.step)}`;
  return `expected "at" to be one of ${STEP_MOMENTS.join(', ')}, got ${JSON.stringify(o.at)}`;
}

export const PointSchema = z
  .union([
    z.literal('arrival').describe("the patient's arrival at the pathway's first step (a patient readmitted to the first step arrives again)"),
    z.literal('departure').describe('leaving treated: reaching any discharge step of the pathway (for a list: going home after surgery)'),
    z.literal('referral').describe('for a waiting list: the referral (the RTT clock start)'),
    z.literal('treatment').describe('for a waiting list: the start of surgery (the RTT clock stop); for a clinic or scanner list, the start of the appointment or test (the DM01 clock stop)'),
    z.strictObject({
      step: IdSchema.describe('a step id of the measure\'s pathway'),
      at: z.enum(STEP_MOMENTS).default('reached').describe('reached (default): on coming to the step, before any wait; started: its place, clinician, bed or theatre obtained (task, admit, operate; stay: as reached); finished: its duration over (task, operate, stay; admit: as started)'),
    }),
  ], { error: pointError })
  .describe('a point of the pathway: "arrival", "departure" or { step, at }; of a waiting list: "referral", "treatment" or "departure"');
export type Point = z.infer<typeof PointSchema>;

/** The units a target may be written in (weeks for referral to treatment, minutes for door to needle). */
export const TargetUnitSchema = z.enum(['minutes', 'hours', 'days', 'weeks']).default('hours').describe('unit of the value: minutes, hours (default), days or weeks');
export const TARGET_UNIT_HOURS = { minutes: 1 / 60, hours: 1, days: 24, weeks: 168 } as const;

/** Measures a scenario may ask for: each keeps a tally (and one a class) in every replication. */
export const MAX_MEASURES = 100;

/** Centiles every tally reports (engine/core/stats.ts); any other is asked of the engine by the measure. */
export const CENTILES = [50, 90, 95, 99] as const;
/** Centiles one measure may ask for (each is a walk of the sketch at the end of a replication). */
export const MAX_CENTILES = 10;
/** Decimals a centile may have (99.999): its KPI is named by it, measure.p99.999. */
const CENTILE_DECIMALS = 3;

const CentileSchema = z.number().gt(0).lt(100)
  .refine((c) => Math.abs(c * 10 ** CENTILE_DECIMALS - Math.round(c * 10 ** CENTILE_DECIMALS)) < 1e-6, { error: (iss) => `expected at most ${CENTILE_DECIMALS} decimals, got ${String(iss.input)}` })
  .describe('a centile in (0, 100), e.g. 80, 97.5 or 99.9');

export const MeasureSchema = z
  .strictObject({
    id: IdSchema.describe('the measure id: KPIs measure.*[<id>]'),
    name: z.string().optional().describe('what it measures, e.g. "door to needle"'),
    pathway: IdSchema.optional().describe('the pathway whose steps `from` and `to` name (needed when they name a step); every class following it is measured'),
    list: IdSchema.optional().describe('instead of a pathway: an elective waiting list, from "referral" to "treatment" (start of surgery, or of the appointment or test on a clinic or scanner list) or "departure" (home); clock stops in the window count, whatever the referral date, as RTT statistics do'),
    classes: z.array(IdSchema).min(1).optional().describe('only these classes (default: every class following the pathway, or every class with a pathway)'),
    from: PointSchema.optional().describe('where the interval starts (with `to`)'),
    to: PointSchema.optional().describe('where the interval ends (with `from`); patients who never reach it (left, diverted, another branch) are not counted'),
    wait: z
      .strictObject({
        site: IdSchema.describe('the site of the resource'),
        place: IdSchema.optional().describe('a ward, cubicle area or other place of the site: every wait for it (task places and admissions)'),
        theatre: IdSchema.optional().describe('a theatre of the site: every wait for it by an operate step'),
        skill: IdSchema.optional().describe('a skill of the site\'s staff: every wait for a clinician with it'),
      })
      .optional()
      .describe('instead of from/to: every wait for one place, theatre or skill (give exactly one), by class'),
    within: z
      .strictObject({
        value: z.number().positive().describe('the target time'),
        unit: TargetUnitSchema,
      })
      .optional()
      .describe('the target: the share of patients within it (measure.within) and those over it per week (measure.over)'),
    centiles: z.array(CentileSchema).min(1).max(MAX_CENTILES)
      .refine((cs) => new Set(cs).size === cs.length, { error: 'expected each centile once' })
      .default([50, 90, 95])
      .describe(`centiles of the time to report, any in (0, 100) with up to ${CENTILE_DECIMALS} decimals: KPIs measure.p<centile> (measure.p50, measure.p97.5); at most ${MAX_CENTILES}`),
  })
  .describe('a time measured against a target: an interval between two points of a pathway, or every wait for a resource');
export type Measure = z.infer<typeof MeasureSchema>;
