// The shapes of the experiments API (sweeps and goal-seeking, server/API.md): requests
// validated by these schemas, the OpenAPI document generated from them, and the types the
// web app imports (through api-schemas.ts). The result documents are exactly what
// `pathflow sweep --json` and `seek --json` print (runner/experiment/results.ts).
import { z } from 'zod';
import { ID_MAX_LENGTH } from '../scenarios/schema/id.ts';
import { MAX_POINTS } from '../runner/experiment/grid.ts';
import { SeekResultSchema, SweepResultSchema } from '../runner/experiment/results.ts';
import { OPERATORS } from '../runner/experiment/target.ts';
import { MAX_SEQUENTIAL_REPLICATIONS } from '../runner/experiment/allocate.ts';
import { MAX_SEEK_CONFIDENCE } from '../runner/experiment/seek.ts';

/** Parameters of one sweep at most (a grid of more is rarely readable, and the product is capped anyway). */
export const MAX_SWEEP_PARAMETERS = 4;
/** KPIs of one sweep at most. */
export const MAX_SWEEP_KPIS = 50;

const Source = {
  scenarioId: z.string().min(1).max(ID_MAX_LENGTH).optional().describe('a library or saved scenario'),
  scenario: z.looseObject({}).optional().describe('an inline scenario document'),
  variant: z.string().min(1).max(200).optional().describe('"baseline" (default) or the variant the experiment starts from'),
  settings: z.array(z.string().min(1).max(1000)).max(50).optional().describe('fixed settings PATH=VALUE applied to every point (the CLI\'s --set)'),
  // z.int() stops at 2^53 − 1, as time.seed and --seed do: a second, smaller maximum here
  // answered seed 1e20 with two contradicting limits.
  seed: z.int().min(0).optional().describe("base seed, a whole number from 0 to 9007199254740991 as the scenario's time.seed (default: time.seed); replication k of every point uses the streams of (seed, k)"),
};

function exactlyOneSource(r: { scenarioId?: string; scenario?: object }, ctx: z.RefinementCtx): void {
  if ((r.scenarioId === undefined) === (r.scenario === undefined)) {
    ctx.addIssue({ code: 'custom', path: [r.scenarioId === undefined ? 'scenarioId' : 'scenario'], message: 'give exactly one of scenarioId and scenario' });
  }
}

const Path = z.string().min(1).max(500).describe('a parameter path, as the CLI takes it: `sites[dgh].wards[medical].beds`');

export const SweepRequestSchema = z.strictObject({
  ...Source,
  parameters: z.array(z.strictObject({
    path: Path,
    values: z.union([
      z.string().min(1).max(2000).describe('`LO..HI:STEP` (STEP 1 if omitted) or `a,b,c`'),
      z.array(z.union([z.number(), z.string().max(200)])).min(1).max(MAX_POINTS).describe('the values themselves'),
    ]),
  })).min(1).max(MAX_SWEEP_PARAMETERS).describe('the grid is their cartesian product, the first varying slowest'),
  kpis: z.array(z.string().min(1).max(200)).min(1).max(MAX_SWEEP_KPIS).describe('KPI names, e.g. `ed.4h[all]`'),
  replications: z.int().min(1).optional().describe("per point (default: the scenario's time.replications; with `sequential`, what every point starts with, default 5)"),
  sequential: z.strictObject({
    maxReps: z.int().min(2).max(MAX_SEQUENTIAL_REPLICATIONS).optional().describe('replications a point may reach, doubling each round (default 80)'),
    target: z.string().min(3).max(300).optional()
      .describe('"KPI >= x": points whose 95% interval straddles it get more; without it, points that cannot be told apart from a grid neighbour on some KPI get more'),
  }).optional().describe('spend replications where they matter (the CLI\'s --sequential): the document says each point\'s replications'),
}).superRefine(exactlyOneSource);
export type SweepRequest = z.infer<typeof SweepRequestSchema>;

export const SeekRequestSchema = z.strictObject({
  ...Source,
  parameter: Path.describe('the one parameter whose value is sought (a number in the scenario)'),
  range: z.tuple([z.number(), z.number()]).describe('[LO, HI]: integers give an exact integer answer'),
  target: z.string().min(3).max(300).describe(`"KPI >= x" (or ${OPERATORS.slice(1).join(', ')}), e.g. "ed.4h[all] >= 0.95"`),
  seek: z.enum(['smallest', 'largest']).optional().describe('smallest (default): the least value that meets the target; largest: the greatest'),
  confidence: z.number().gt(0).max(MAX_SEEK_CONFIDENCE).optional().describe(`of the intervals the verdicts come from (default 0.95, at most ${MAX_SEEK_CONFIDENCE})`),
  initialReps: z.int().min(2).optional().describe('replications a point starts with (default 5)'),
  maxReps: z.int().min(2).optional().describe('replications a point may reach, doubling while its interval straddles the target (default 80)'),
  tolerance: z.number().gt(0).optional().describe('a real parameter: how close the bisection gets (default: a hundredth of the range)'),
}).superRefine(exactlyOneSource);
export type SeekRequest = z.infer<typeof SeekRequestSchema>;

export const ChoicesRequestSchema = z.strictObject({
  scenarioId: Source.scenarioId,
  scenario: Source.scenario,
  variant: Source.variant,
}).superRefine(exactlyOneSource);
export type ChoicesRequest = z.infer<typeof ChoicesRequestSchema>;

export const ChoicesSchema = z.object({
  parameters: z.array(z.object({
    path: z.string().describe('the path to send as a parameter'),
    label: z.string().describe('the field in words: "Beds on medical (dgh)"'),
    group: z.enum(['beds', 'staff', 'arrivals']),
    noun: z.string().describe('what the value counts, for sentences: "22 beds", "3 staff", "40 arrivals a day"'),
    current: z.number().describe("the scenario's value"),
    integer: z.boolean(),
  })),
  kpis: z.array(z.string()).describe('KPI names this scenario reports, in the order runs report them'),
});
export type Choices = z.infer<typeof ChoicesSchema>;

export const ExperimentKindSchema = z.enum(['sweep', 'seek']);
export const ExperimentStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const ExperimentSchema = z.object({
  id: z.string(),
  kind: ExperimentKindSchema,
  scenarioId: z.string(),
  title: z.string(),
  status: ExperimentStatusSchema,
  progress: z.object({
    done: z.int().describe('replications done'),
    total: z.int().nullable().describe('a sweep: points × replications; a seek: null (how many it needs depends on what it finds)'),
    at: z.string().optional().describe('a seek: the point being tried, "beds=22"'),
    reused: z.int().optional().describe('a seek: replications taken from an earlier seek of the same points (same scenario, seed and KPI: the same numbers) instead of run again; not counted in done'),
  }),
  createdAt: z.string().describe('ISO 8601'),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  sweep: SweepResultSchema.optional().describe('a finished sweep: the document `pathflow sweep --json` prints'),
  seek: SeekResultSchema.optional().describe('a finished seek: the document `pathflow seek --json` prints'),
});
export type Experiment = z.infer<typeof ExperimentSchema>;
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;
