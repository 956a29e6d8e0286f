// What a sweep and a seek check before they run and the documents they end in, shared by
// `pathflow sweep` / `seek` and the server's experiments (server/experiments/), so that the
// same scenario, parameter, seed and replications give the same document and the same
// refusals whoever asks.
import { grouped } from '../../engine/core/errors.ts';
import { formatPath } from '../../scenarios/errors.ts';
import { kpiInfo, kpiRange } from '../../scenarios/kpis/catalogue.ts';
import type { Replication } from '../replicate.ts';
import { compareKpi, estimateKpi } from '../summary.ts';
import { gridSize, MAX_POINTS, type Parameter } from './grid.ts';
import type { SeekResultDoc, SweepResultDoc } from './results.ts';
import { naiveReplications, type SeekPlan, type SeekResult } from './seek.ts';
import { targetText } from './target.ts';
import type { AllocationSummary } from './allocate.ts';

/** Replications of one sweep at most (points × replications): every one is a task in memory at once. */
export const MAX_SWEEP_REPLICATIONS = 1_000_000;

/** A sequential sweep's replications per point: to start with (--reps), and at most (--max-reps). */
export const SEQUENTIAL_INITIAL_REPS = 5;
export const SEQUENTIAL_MAX_REPS = 80;

/** A seek's replications per point: to start with, and at most (doubling in between). */
export const SEEK_INITIAL_REPS = 5;
export const SEEK_MAX_REPS = 80;

/** Why a grid is too big to run (counted, never listed), or undefined. `repsOption` names the replications' option in the advice. */
export function sweepTooBig(params: readonly Parameter[], replications: number, repsOption = '--reps'): string | undefined {
  const size = gridSize(params);
  if (size > MAX_POINTS) {
    return `the grid has ${grouped(size)} points (${params.map((x) => grouped(x.values.length)).join(' × ')}), more than the ${grouped(MAX_POINTS)} a sweep may have: use fewer values or a coarser STEP`;
  }
  if (size * replications > MAX_SWEEP_REPLICATIONS) {
    return `${grouped(size)} points × ${grouped(replications)} replications is ${grouped(size * replications)} replications, more than the ${grouped(MAX_SWEEP_REPLICATIONS)} a sweep may run: use fewer points or ${repsOption}`;
  }
  return undefined;
}

/** Two parameters naming the same field, in words, or undefined. */
export function sameField(params: readonly Parameter[]): string | undefined {
  for (let i = 1; i < params.length; i++) {
    const same = params.slice(0, i).find((x) => formatPath(x.path) === formatPath(params[i].path));
    if (same) return `${params[i].name} and ${same.name} are the same field (${formatPath(params[i].path)})`;
  }
  return undefined;
}

export interface SweepRun {
  scenario: string;
  variant: string;
  replications: number;
  seed: number;
  settings: string[];
  params: readonly Parameter[];
  /** Each point's values, in grid order. */
  grid: readonly (readonly (number | string)[])[];
  kpis: readonly string[];
  /** Each point's replications, in replication order (as many at every point, unless allocated sequentially). */
  runs: readonly (readonly Replication[])[];
  /** How a sequential sweep spent its replications (allocate.ts). */
  allocation?: AllocationSummary & { target: string | null };
}

/** Each point's KPIs (mean and 95% CI) and paired difference from the first point. */
export function sweepDocument(r: SweepRun): SweepResultDoc {
  const { runs, kpis } = r;
  return {
    scenario: r.scenario, variant: r.variant, replications: r.replications, seed: r.seed, settings: [...r.settings],
    parameters: r.params.map((x) => ({ name: x.name, path: formatPath(x.path), values: x.values })),
    kpis: kpis.map((name) => ({ name, unit: kpiInfo(name)?.unit ?? '', better: kpiInfo(name)?.better ?? '' })),
    points: runs.map((_, i) => {
      // Paired with the first point over the replications both ran (all of them, unless allocated sequentially).
      const both = Math.min(runs[0].length, runs[i].length);
      const column = (k: string, at: number, n = runs[at].length) => runs[at].slice(0, n).map((x) => x.kpis[k] ?? NaN);
      return {
        values: [...r.grid[i]],
        ...(r.allocation ? { replications: runs[i].length } : {}),
        kpis: Object.fromEntries(kpis.map((k) => [k, estimateKpi(k, column(k, i))])),
        differences: Object.fromEntries(kpis.map((k) => [k, compareKpi(k, column(k, 0, both), column(k, i, both))])),
      };
    }),
    ...(r.allocation ? { allocation: r.allocation } : {}),
  };
}

/**
 * The seek's evidence and outcome as `pathflow seek --json` prints it. Each probe's interval
 * is shown within the KPI's range (a share in [0, 1], a wait ≥ 0), as run and sweep show
 * theirs; the verdict was taken on the t-interval, and for a target inside the range cutting
 * it changes no verdict.
 */
export function seekDocument(o: { scenario: string; variant: string; name: string; param: Parameter; plan: SeekPlan; seed: number; result: SeekResult }): SeekResultDoc {
  const { plan, result } = o;
  const [lo, hi] = kpiRange(plan.target.kpi);
  const orNull = (x: number) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : null);
  return {
    scenario: o.scenario, variant: o.variant, parameter: { name: o.name, path: formatPath(o.param.path) }, range: [plan.lo, plan.hi], seek: plan.seek,
    integer: plan.integer, tolerance: plan.integer ? null : plan.tolerance, target: targetText(plan.target), confidence: plan.confidence, seed: o.seed,
    outcome: result.outcome, answer: result.answer ?? null, replications: result.replications, naiveReplications: naiveReplications(plan),
    probes: result.probes.map((x) => ({ value: x.value, replications: x.replications, mean: x.mean, ciLow: orNull(x.lower), ciHigh: orNull(x.upper), verdict: x.verdict })),
  };
}
