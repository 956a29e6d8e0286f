// What `pathflow run --json` prints (and the server and UI will exchange): per variant,
// each KPI's mean over replications with its 95% confidence interval; per variant other
// than the baseline, each KPI's paired difference from the baseline (common random
// numbers) with its 95% confidence interval. A value the replications could not measure
// (e.g. a wait in a queue nobody joined) or an interval from one replication is null.
// Intervals stay within what the KPI can be (engine/experiment/in-range.ts), and the
// document carries warnings where its numbers should not be read at face value
// (scenarios/warnings/).
import { z } from 'zod';
import { MAX_VARIANTS } from './variant.ts';

const Num = z.number().nullable();

const INTERVAL_METHOD = 'Student t over replications; where that crosses the KPI\'s range (a share in [0, 1], ' +
  'anything else ≥ 0; a difference of shares in [−1, 1]) it is cut to the range and marked unreliable';

const Unreliable = z.string().optional()
  .describe('present when the interval should not be taken at face value, and why: fewer than 5 replications, ' +
    'a t-interval that crossed the range (cut to it), or replications too skewed for a normal interval (Cochran\'s rule)');

export const KpiEstimateSchema = z.object({
  mean: Num.describe('mean over replications'),
  ciLow: Num.describe(`lower end of the 95% confidence interval (${INTERVAL_METHOD})`),
  ciHigh: Num.describe('upper end of the 95% confidence interval'),
  unreliable: Unreliable,
});

export const RunWarningSchema = z.object({
  code: z.enum(['overloaded', 'overloaded-season', 'growing', 'falling', 'short-run', 'few-replications', 'wide-intervals', 'open-intervals', 'warm-up']).describe(
    'overloaded: offered load (arrivals × mean time held) ≥ capacity, by arithmetic on the scenario (with seasons, their mean over the measured window); a caution where every line for it has a way out (queueLimit, patience): a steady state with patients turned away; ' +
    'overloaded-season: below capacity over the window, but at or above it over the busiest four weeks the seasons make; ' +
    'growing / falling: a queue or waiting list that rose / fell by a material amount over the run (last third against middle third of the measured days, across replications, with every series the run tests allowed for); ' +
    'short-run: the measured window is short against lengths of stay or times in system; ' +
    'few-replications: fewer than 5; wide-intervals: 95% CIs wide against their means; ' +
    'open-intervals: an interval measure\'s share within its target would fall by half a point or more counting the intervals still open at the end and already over it; ' +
    'warm-up: a queue, beds in use or a list still moving away from the start in the first third of the measured days (against the rest, across replications): the warm-up is too short'),
  severity: z.enum(['serious', 'caution']).describe('serious: the KPIs concerned describe the run\'s length, not a steady state; caution: less certain than they look'),
  variant: z.string().nullable().describe('the option it concerns ("baseline" or a variant id); null: every option run'),
  subject: z.string().describe('the resource (`dgh/cubicles`, `dgh/skill:assess`, `dgh/staff`, a theatre, a waiting list), series (`queue.length[dgh/medical]`) or KPI concerned, or the scenario id'),
  message: z.string().describe('in plain words, with the figure behind it'),
  value: z.number().describe('the figure behind it (e.g. offered load, replications, growth)'),
  limit: z.number().describe('the limit it was held against (e.g. capacity)'),
  kpis: z.array(z.string()).describe('KPIs it concerns, to mark next to their numbers (empty: the whole option or run)'),
});
export type RunWarning = z.infer<typeof RunWarningSchema>;

export const RunResultSchema = z.object({
  scenario: z.string().describe('scenario id'),
  replications: z.int().min(1),
  seed: z.int().min(0),
  variants: z.array(z.object({
    id: z.string().describe('"baseline" or a variant id'),
    name: z.string(),
    kpis: z.record(z.string(), KpiEstimateSchema).describe('KPI name `metric[scope]` → estimate, in the unit of the KPI catalogue (scenarios/kpis/catalogue.ts): `occupancy.mean[site/ward]` is a fraction of beds, `wait.mean[…]` hours, `ed.4h[…]` a fraction of patients'),
  })).min(1).max(MAX_VARIANTS + 1, { error: (iss) => `expected at most ${MAX_VARIANTS + 1} options (the baseline and a scenario's ${MAX_VARIANTS} variants at most), got ${(iss.input as unknown[]).length.toLocaleString('en-GB')}` })
    .describe(`the baseline first, then each variant run (at most ${MAX_VARIANTS + 1})`),
  comparisons: z.array(z.object({
    variant: z.string(),
    kpi: z.string(),
    difference: Num.describe('variant minus baseline, mean of the paired differences'),
    ciLow: Num,
    ciHigh: Num,
    unreliable: Unreliable,
  })).describe('paired differences from the baseline, by variant and KPI'),
  replicationKpis: z.array(z.object({
    variant: z.string(),
    replication: z.int().min(0).describe('replication k: every variant ran it with the same random streams (seed, k), so rows pair by replication'),
    kpis: z.record(z.string(), Num).describe('the KPIs of this one replication (null: not measurable in it)'),
  })).optional().describe('with --per-replication: every replication\'s KPIs, variant by variant, in replication order'),
  precision: z.object({
    target: z.string().describe('the half-width asked for: "±5%" of each mean, or "±0.02" in the KPI\'s unit'),
    kpis: z.array(z.string()).describe('the KPIs judged'),
    maxReplications: z.int().min(1).describe('the cap on replications per option'),
    met: z.boolean().describe('every judged KPI of every option within the target'),
    notMet: z.array(z.object({ variant: z.string(), kpi: z.string(), halfWidth: Num, target: Num }))
      .describe('the judged KPIs still wider than the target at the end (the cap reached), with their half-width and target'),
    firstReplications: z.int().min(1).optional().describe('the first batch: replications per option run before the target was first judged (--reps, or the scenario\'s time.replications)'),
  }).optional().describe('with --precision: replications added in batches until the judged KPIs\' 95% intervals were within the target, or the cap; `replications` is where it stopped'),
  provenance: z.object({
    machine: z.object({
      cpuModel: z.string().describe('the processor model as the operating system names it'),
      cores: z.int().min(1).describe('logical processors'),
      os: z.string().describe('operating system, release and architecture: "linux 6.1.0 (x64)"'),
      node: z.string().describe('the Node.js version: "v20.20.2"'),
    }).describe('the machine the command ran on (with --redis, the replications ran on the queue\'s workers)'),
    settings: z.array(z.string()).describe('the --set PATH=VALUE changes made to the scenario file for this run, in order (empty: none)'),
  }).optional().describe('where and how the command line made this run (`pathflow run`), for a report (STRESS-DES 5.4, 6) and to reproduce it; not a number of the run'),
  warnings: z.array(RunWarningSchema).default([]).describe('where the numbers should not be read at face value: serious first'),
  series: z.object({
    days: z.array(z.number()).describe('sample times: 00:00 of each day from day 0 (warm-up included, to judge it)'),
    warmupDays: z.number(),
    lines: z.array(z.object({
      variant: z.string(),
      name: z.string().describe('`beds.inUse[site/ward]` (beds in use, a count of beds: not the fraction `occupancy.mean`), `queue.length[site/ward]` (patients waiting for a bed or place there), `list.size[list]` (patients on the waiting list); SERIES_CATALOGUE in scenarios/kpis/catalogue.ts'),
      mean: z.array(Num),
      ciLow: z.array(Num),
      ciHigh: z.array(Num),
    })),
  }).optional().describe('daily time series per variant: mean over replications with a 95% band'),
});
export type RunResultDoc = z.infer<typeof RunResultSchema>;
