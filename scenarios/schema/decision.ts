// Decisions that depend on time and on the patient: a class's attributes, drawn once per
// patient at arrival (a number, a category, or the time of an event before arrival such as
// symptom onset), and a branch's rules, the first whose conditions hold sending the
// patient on (thrombolysis only within 4.5 hours of onset). Conditions compare the time
// since arrival, since a step of the pathway or since an event, or an attribute. How they
// become engine steps: scenarios/compile/decisions.ts; rules across the scenario
// (unknown steps, attributes, steps not passed before): decision-rules.ts.
import { z } from 'zod';
import { IdSchema } from './id.ts';
import { DurationSchema } from './distribution.ts';
import { STEP_MOMENTS, TargetUnitSchema } from './measure.ts';

/** Bounds: what one patient's draws and one decision's checks may cost. */
export const MAX_ATTRIBUTES = 20;
export const MAX_CATEGORIES = 20;
export const MAX_RULES = 20;
export const MAX_CONDITIONS = 10;

const Probability = z.number().min(0).max(1);
/** Slack on probabilities summing to 1 (as a branch's options). */
const SLACK = 1e-9;

export const AttributeSchema = z
  .strictObject({
    draw: DurationSchema.optional().describe('a number drawn for each patient at arrival: a duration (in hours once its unit applies) or a score (give no unit: compared as drawn)'),
    before: DurationSchema.optional().describe('an event this long before arrival, drawn for each patient (e.g. symptom onset: onset-to-door time); rules ask for the time since it with timeSince: <name>'),
    oneOf: z.record(IdSchema, Probability).optional().describe('a category drawn for each patient with these probabilities (summing to 1), e.g. { minor: 0.7, major: 0.3 }; rules ask with is: <category>'),
  })
  .superRefine((a, ctx) => {
    const given = (['draw', 'before', 'oneOf'] as const).filter((k) => a[k] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: 'custom', path: [], message: `give exactly one of draw (a number), before (an event before arrival) or oneOf (a category), got ${given.length === 0 ? 'none' : given.join(' and ')}` });
    if (a.oneOf !== undefined) {
      const names = Object.keys(a.oneOf);
      if (names.length === 0 || names.length > MAX_CATEGORIES) ctx.addIssue({ code: 'custom', path: ['oneOf'], message: `expected 1 to ${MAX_CATEGORIES} categories, got ${names.length}` });
      const total = Object.values(a.oneOf).reduce((x, y) => x + y, 0);
      if (names.length > 0 && Math.abs(total - 1) > SLACK) ctx.addIssue({ code: 'custom', path: ['oneOf'], message: `expected probabilities summing to 1, got ${Number(total.toPrecision(12))}` });
    }
  })
  .describe('a patient attribute drawn once at arrival: draw (a number), before (the time of an event before arrival) or oneOf (a category)');
export type Attribute = z.infer<typeof AttributeSchema>;

export const AttributesSchema = z
  .record(IdSchema, AttributeSchema)
  .superRefine((r, ctx) => {
    const names = Object.keys(r);
    if (names.length > MAX_ATTRIBUTES) ctx.addIssue({ code: 'custom', path: [], message: `expected at most ${MAX_ATTRIBUTES} attributes, got ${names.length}` });
    if (names.includes('arrival')) ctx.addIssue({ code: 'custom', path: ['arrival'], message: '"arrival" is the patient\'s arrival (timeSince: arrival): name the attribute otherwise' });
  })
  .describe('attributes drawn once for each patient at arrival, by name: branch rules compare them (attribute: <name>) or the time since an event (timeSince: <name>)');

/** What is wrong with a timeSince: its string, or which field of { step, at }. */
function sinceError(iss: { input?: unknown }): string {
  const x = iss.input;
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return `expected "arrival", the name of an event attribute (before:) or { step, at? }, got ${JSON.stringify(x)}`;
  const o = x as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== 'step' && k !== 'at');
  if (extra.length > 0) return `unknown field "${extra[0]}" in { step, at? }`;
  if (typeof o.step !== 'string' || !IdSchema.safeParse(o.step).success) return `expected { step: <step id>, at? }, got step ${JSON.stringify(o.step)}`;
  return `expected "at" to be one of ${STEP_MOMENTS.join(', ')}, got ${JSON.stringify(o.at)}`;
}

export const SinceSchema = z
  .union([
    z.literal('arrival').describe("the patient's arrival (at the pathway's first step; a readmitted patient keeps their first arrival)"),
    z.strictObject({
      step: IdSchema.describe('a step id of this pathway, passed before the branch'),
      at: z.enum(STEP_MOMENTS).default('reached').describe('reached (default): on coming to the step, before any wait; started: its place, clinician, bed or theatre obtained; finished: its duration over (the last time the patient passed it)'),
    }),
    IdSchema.describe('an attribute of the class declared with before: (an event before arrival, e.g. onset)'),
  ], { error: sinceError })
  .describe('what the time is counted from: "arrival", { step, at } or an event attribute');
export type Since = z.infer<typeof SinceSchema>;

const Bound = (what: string) => z.number().min(0).optional().describe(`holds when the value is ${what} this (in unit)`);
export const BOUNDS = ['under', 'atMost', 'atLeast', 'over'] as const;

export const ConditionSchema = z
  .strictObject({
    timeSince: SinceSchema.optional().describe('compare the time since this point (give this or attribute)'),
    attribute: IdSchema.optional().describe('compare an attribute of the class drawn at arrival (give this or timeSince)'),
    under: Bound('below (<)'),
    atMost: Bound('at most (≤)'),
    atLeast: Bound('at least (≥)'),
    over: Bound('above (>)'),
    unit: TargetUnitSchema,
    is: z.union([IdSchema, z.array(IdSchema).min(1).max(MAX_CATEGORIES)], { error: (iss) => (iss.code === 'invalid_union' ? `expected a category or a list of categories, got ${JSON.stringify(iss.input)}` : undefined) }).optional().describe('for a category attribute (oneOf): holds when the patient\'s category is this one, or one of these'),
  })
  .superRefine((c, ctx) => {
    const bounds = BOUNDS.filter((b) => c[b] !== undefined);
    if ((c.timeSince === undefined) === (c.attribute === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of timeSince (a time) or attribute (a value drawn at arrival)' });
    else if (c.timeSince !== undefined && c.is !== undefined) ctx.addIssue({ code: 'custom', path: ['is'], message: 'is compares a category attribute: a time takes under, atMost, atLeast or over' });
    else if (c.is !== undefined && bounds.length > 0) ctx.addIssue({ code: 'custom', path: [bounds[0]], message: 'give either is (a category) or bounds (a number), not both' });
    else if (c.is === undefined && bounds.length === 0) ctx.addIssue({ code: 'custom', path: [], message: `give a bound: under, atMost, atLeast or over${c.attribute !== undefined ? ' (or is, for a category)' : ''}` });
  })
  .describe('a condition: the time since a point, or an attribute, within bounds (all given must hold), or a category');
export type Condition = z.infer<typeof ConditionSchema>;

export const RuleSchema = z
  .strictObject({
    // Two fields rather than a union of one and a list, so that a mistake inside either is
    // reported at its own path.
    if: ConditionSchema.optional().describe('a condition that must hold'),
    ifAll: z.array(ConditionSchema).min(1).max(MAX_CONDITIONS).optional().describe('conditions that must all hold (with if: that one too)'),
    probability: Probability.optional().describe('of the patients for whom the conditions hold, this share takes the rule (drawn at random); the others go on to the next rule'),
    to: IdSchema.describe('step id of this pathway'),
  })
  .superRefine((r, ctx) => {
    if (r.if === undefined && r.ifAll === undefined && r.probability === undefined) ctx.addIssue({ code: 'custom', path: ['if'], message: 'give a condition (if or ifAll), a probability or both (a rule that always holds is `otherwise`)' });
  })
  .describe('first matching rule wins: where patients for whom the conditions hold go (with probability: that share of them)');
export type Rule = z.infer<typeof RuleSchema>;

export const RulesSchema = z.array(RuleSchema).min(1).max(MAX_RULES)
  .describe('rules tried in order; the first that holds sends the patient to its step');

/** The conditions of a rule, with their paths within it. */
export const conditionsOf = (r: Rule): { c: Condition; path: PropertyKey[] }[] =>
  [...(r.if !== undefined ? [{ c: r.if, path: ['if'] }] : []), ...(r.ifAll ?? []).map((c, j) => ({ c, path: ['ifAll', j] }))];

/**
 * Where a branch goes, with probabilities: its options; for rules, each distinct target an
 * equal share (the true shares depend on the run). For the cost model, the offered-load
 * warnings and the check that no loop takes no time.
 */
export function branchTargets(st: { options?: { to: string; probability: number }[]; rules?: Rule[]; otherwise?: string }): { to: string; probability: number }[] {
  if (st.options) return st.options;
  const to = [...new Set([...(st.rules ?? []).map((r) => r?.to), st.otherwise].filter((x): x is string => typeof x === 'string'))];
  return to.map((x) => ({ to: x, probability: 1 / to.length }));
}
