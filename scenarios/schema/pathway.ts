// Pathways: named lists of steps (`do`) a patient walks through. Which ward, theatre or
// skill a step names is checked against the site of each class that uses the pathway
// (scenario.ts); how a step becomes engine steps is scenarios/compile/pathway.ts.
import { z } from 'zod';
import { discriminatorError } from '../errors.ts';
import { IdSchema } from './id.ts';
import { DurationSchema } from './distribution.ts';
import { SeasonRefSchema } from './season.ts';
import { RulesSchema } from './decision.ts';

const id = IdSchema.describe('step id, unique within the pathway (branch and readmit targets name it)');
const Probability = z.number().min(0).max(1);
const season = SeasonRefSchema.optional().describe('a season (a key of seasons): the duration drawn is multiplied by its factor on the day the step starts (e.g. longer stays in winter)');
const QueueLimit = (what: string) => z.int().min(0).optional()
  .describe(`at most this many patients may wait for ${what} (counting those of every pathway); a patient who arrives to a full line is diverted: gives up what they hold and leaves (counted in the outcome "diverted"); 0: no waiting at all (a loss system)`);

export const TaskStepSchema = z
  .strictObject({
    id, do: z.literal('task').describe('the kind of step'),
    skill: IdSchema.optional().describe('skill the task needs (a member of staff with it is busy for the duration)'),
    place: IdSchema.optional().describe('ward, cubicles, chairs… of the site the task happens in (kept if already held)'),
    duration: DurationSchema,
    durationByRole: z.record(IdSchema, DurationSchema).optional()
      .describe('a different duration when a member of this role does the task (e.g. an ACP takes longer than a doctor); other roles take `duration`'),
    keepPlace: z.boolean().default(false).describe('keep the place after the task, for the next step'),
    patience: DurationSchema.optional().describe('how long a patient waits for the place, then for the clinician, before leaving without being seen (drawn afresh for each wait); they give up whatever they hold and leave'),
    queueLimit: QueueLimit('the place (needs `place`; not applied when the place is already held)'),
    season,
  })
  .describe('work needing a skill and/or a place for a duration');

export const AdmitStepSchema = z
  .strictObject({
    id, do: z.literal('admit').describe('the kind of step'), ward: IdSchema.describe('ward of the site'),
    overflowTo: z.array(IdSchema).min(1).optional()
      .describe('wards to take a bed on, in this order, when the own ward has none free on arrival (outliers); if they are full too, the patient waits for the own ward'),
    queueLimit: QueueLimit('a bed on the own ward (after any overflow wards were tried)'),
  })
  .describe('take a bed on a ward (ring-fencing applies), then give up any place held before (the patient waits where they are: bed-blocking)');

export const StayStepSchema = z
  .strictObject({ id, do: z.literal('stay').describe('the kind of step'), duration: DurationSchema.describe('length of stay'), season })
  .describe('time on the ward (length of stay), keeping what is held');

export const OperateStepSchema = z
  .strictObject({
    id, do: z.literal('operate').describe('the kind of step'),
    theatre: IdSchema.optional().describe('theatre of the site; may be omitted when the site has one theatre'),
    skill: IdSchema.optional().describe('skill the operation needs (e.g. a surgeon)'),
    duration: DurationSchema,
    season,
  })
  .describe('theatre time, in a session, with a skill');

export const DelayDischargeStepSchema = z
  .strictObject({
    id, do: z.literal('delay-discharge').describe('the kind of step'),
    probability: Probability.describe('share of patients medically fit but not discharged'),
    duration: DurationSchema.describe('extra time in the bed, waiting (care package, placement)'),
    season,
  })
  .describe('medically fit but delayed: keeps the bed for a while (delayed-discharge bed-days)');

export const BranchStepSchema = z
  .strictObject({
    id, do: z.literal('branch').describe('the kind of step'),
    options: z
      .array(z.strictObject({ to: IdSchema.describe('step id of this pathway'), probability: Probability.describe('share of patients going there') }))
      .min(1)
      .optional()
      .describe('where to go next, with probabilities summing to 1 (or rules)'),
    rules: RulesSchema.optional(),
    otherwise: IdSchema.optional().describe('with rules: the step when no rule holds'),
  })
  .superRefine((b, ctx) => {
    if ((b.options === undefined) === (b.rules === undefined))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'give exactly one of options (a random choice) or rules (a decision)' });
    else if (b.rules !== undefined && b.otherwise === undefined) ctx.addIssue({ code: 'custom', path: ['otherwise'], message: 'rules need otherwise: the step when no rule holds' });
    else if (b.options !== undefined && b.otherwise !== undefined) ctx.addIssue({ code: 'custom', path: ['otherwise'], message: 'otherwise goes with rules; options already say where everyone goes' });
  })
  .describe('choose the next step: at random (options), or by rules on time and attributes (rules, otherwise)');

export const ReadmitStepSchema = z
  .strictObject({
    id, do: z.literal('readmit').describe('the kind of step'),
    probability: Probability.describe('share of patients who leave and come back'),
    afterDays: DurationSchema.describe('time at home before coming back (give unit: days)'),
    to: IdSchema.describe('step id of this pathway where they come back'),
  })
  .describe('failure demand: with probability, leave (releasing everything) and come back later at step `to`');

export const DischargeStepSchema = z
  .strictObject({ id, do: z.literal('discharge').describe('the kind of step') })
  .describe('release everything held and leave');

export const StepSchema = z.discriminatedUnion('do', [
  TaskStepSchema, AdmitStepSchema, StayStepSchema, OperateStepSchema,
  DelayDischargeStepSchema, BranchStepSchema, ReadmitStepSchema, DischargeStepSchema,
], { error: discriminatorError('do', ['task', 'admit', 'stay', 'operate', 'delay-discharge', 'branch', 'readmit', 'discharge']) });
export type Step = z.infer<typeof StepSchema>;

export const PathwaySchema = z.array(StepSchema).min(1).describe('steps in order; a patient goes to the next step unless a step sends them elsewhere');
export type Pathway = z.infer<typeof PathwaySchema>;
