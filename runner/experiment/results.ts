// What `pathflow sweep --json`, `seek --json` and `warmup --json` print (and what the
// server and app will exchange for the same experiments). Null marks a value the
// replications could not measure, or an interval from one replication, as in run-result.ts.
import { z } from 'zod';
import { KpiEstimateSchema } from '../../scenarios/schema/run-result.ts';

const Value = z.union([z.number(), z.string()]);

export const SweepResultSchema = z.object({
  scenario: z.string().describe('scenario id'),
  variant: z.string().describe('"baseline" or the variant the sweep starts from'),
  replications: z.int().min(1).describe('per point (with sequential allocation: what every point started with; each point says how many it reached); replication k of every point has the streams of (seed, k)'),
  seed: z.int().min(0),
  settings: z.array(z.string()).describe('fixed settings PATH=VALUE applied to every point (--set)'),
  parameters: z.array(z.object({
    name: z.string().describe('the path as given'),
    path: z.string().describe('the path with list positions, as errors print it'),
    values: z.array(Value),
  })).min(1),
  kpis: z.array(z.object({ name: z.string(), unit: z.string(), better: z.string() })).min(1),
  points: z.array(z.object({
    values: z.array(Value).describe("one per parameter, in the parameters' order"),
    replications: z.int().min(1).optional().describe('sequential allocation only: the replications this point ran (its interval is over these)'),
    kpis: z.record(z.string(), KpiEstimateSchema).describe('KPI name → mean and 95% CI'),
    differences: z.record(z.string(), KpiEstimateSchema)
      .describe('KPI name → this point minus the first, mean of the differences replication by replication (over the replications both ran) and its paired 95% CI (common random numbers make it tight)'),
  })).describe('the cartesian product, first parameter varying slowest'),
  allocation: z.object({
    rule: z.enum(['target', 'neighbours']).describe('target: points whose 95% interval straddled the target got more; neighbours: points not told apart from a grid neighbour (paired 95% interval of the difference holding 0) got more'),
    target: z.string().nullable().describe('"KPI >= x" for the target rule'),
    initial: z.int().min(1).describe('replications every point started with'),
    max: z.int().min(1).describe('replications a point could reach (doubling each round)'),
    rounds: z.int().min(1),
    replications: z.int().min(0).describe('all points together'),
    naiveReplications: z.int().min(0).describe('what every point at the maximum would have run'),
    pointsAtMax: z.int().min(0).describe('points that ran to the maximum: still undecided there, or beside one that was'),
  }).optional().describe('present when the sweep allocated its replications sequentially (--sequential)'),
});
export type SweepResultDoc = z.infer<typeof SweepResultSchema>;

export const SeekProbeSchema = z.object({
  value: z.number(),
  replications: z.int().min(1),
  mean: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  verdict: z.enum(['meets', 'fails', 'uncertain']),
});

export const SeekResultSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  parameter: z.object({ name: z.string(), path: z.string() }),
  range: z.tuple([z.number(), z.number()]),
  seek: z.enum(['smallest', 'largest']),
  integer: z.boolean(),
  tolerance: z.number().nullable().describe('for a real parameter: how close the bisection gets'),
  target: z.string().describe('"KPI >= x"'),
  confidence: z.number(),
  seed: z.int().min(0),
  outcome: z.enum(['found', 'unreachable', 'uncertain']),
  answer: z.number().nullable(),
  replications: z.int().min(0).describe('all points together'),
  naiveReplications: z.int().min(0).describe('a grid over the range with every point at the maximum replications'),
  probes: z.array(SeekProbeSchema).describe('every point tried, in the order tried'),
});
export type SeekResultDoc = z.infer<typeof SeekResultSchema>;

export const WarmupResultSchema = z.object({
  scenario: z.string(),
  variant: z.string(),
  series: z.string().describe('`beds.inUse[site/ward]` (beds), `queue.length[site/ward]` (patients) or `list.size[list]` (patients)'),
  unit: z.string().describe('unit of the series: beds or patients'),
  replications: z.int().min(1),
  seed: z.int().min(0),
  window: z.int().min(0).describe("Welch's moving-average half-width, in days"),
  days: z.array(z.number()).describe('00:00 of each day from day 0'),
  mean: z.array(z.number()).describe('mean across replications on each day'),
  smoothed: z.array(z.number()).describe("Welch's moving average, one per day up to the last window"),
  suggestedWarmupDays: z.number().describe('MSER-5 on the daily means'),
  currentWarmupDays: z.number().describe("the scenario's time.warmupDays"),
  caveat: z.string().optional().describe('present when the suggestion cannot be trusted: the horizon is too short to find the warm-up (the series still drifts after the suggestion, or MSER-5 stopped at half the days), or the replications too few to show the series flat after it; says why and what to rerun'),
  suggestedHorizonDays: z.number().optional().describe('with a caveat on the horizon: one to rerun with (4 times the one given)'),
  suggestedReplications: z.int().optional().describe('with a caveat on the replications: about as many as would show the series flat after the suggestion, if it is'),
});
export type WarmupResultDoc = z.infer<typeof WarmupResultSchema>;
