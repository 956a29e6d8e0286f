// How one replication runs: a scenario's variants checked against the limits (the cost
// model, scenarios/cost) and compiled, then replication k of a compiled variant run under
// its budgets with the random streams of (seed, k): streams are named by scenario ids, so
// variants share numbers where they share structure (common random numbers). Every runner
// (this thread, the worker pool, the job queue, the teaching worker in a browser) runs a
// replication through runOne; summary.ts folds them into the run's document.
import { Simulation } from '../engine/core/simulation.ts';
import { BudgetError } from '../engine/core/errors.ts';
import { tQuantile } from '../engine/experiment/summary.ts';
import { differenceRange, estimateInRange } from '../engine/experiment/in-range.ts';
import { kpiRange } from '../scenarios/kpis/catalogue.ts';
import { compileScenario, type HospitalModel } from '../scenarios/compile/compile.ts';
import { replicationKpis } from '../scenarios/kpis/replication.ts';
import { DAY } from '../engine/hospital/week.ts';
import type { Issue } from '../scenarios/errors.ts';
import { baseScenario, variantScenario, type Scenario, type ScenarioCore } from '../scenarios/schema/scenario.ts';
import type { RunResultDoc } from '../scenarios/schema/run-result.ts';
import { checkCost, type CostReport } from '../scenarios/cost/check.ts';
import { budgetOf, defaultCostLimits, type Budget, type CostLimits } from '../scenarios/cost/limits.ts';
import { offeredLoads, type Loads } from '../scenarios/cost/load.ts';
import { budgetMessage } from '../scenarios/cost/budget.ts';
import { seriesTrend, type Trend } from '../scenarios/warnings/trends.ts';
import { runWarnings } from '../scenarios/warnings/checks.ts';
import { startProfile, type StartProfile } from '../scenarios/warnings/warm-up.ts';

/** What a summary needs to know of a variant (the compiled model stays where it runs). */
export interface VariantInfo {
  id: string;
  name: string;
  /** Warm-up in hours (the series' warm-up mark). */
  warmup: number;
}

export interface CompiledVariant extends VariantInfo {
  model: HospitalModel;
  /** The variant's offered loads (cost model): what a budget error says about why. */
  loads?: Loads;
}

export type Compiled<T> = { ok: true; value: T; warnings: Issue[]; cost: CostReport } | { ok: false; issues: Issue[] };

/**
 * The baseline and the named variants (all if `only` is omitted), checked against the
 * limits (scenarios/cost) and then compiled; or every issue, with its path. Warnings are
 * what the cost model says without refusing (a resource that cannot keep up).
 */
export function compileVariants(s: Scenario, only?: readonly string[], limits: CostLimits = defaultCostLimits): Compiled<CompiledVariant[]> {
  return compileEach(s, only, limits, (v) => v);
}

/**
 * The same check as compileVariants, letting go of each compiled model once it compiles:
 * for those who need the verdict, not the models (`pathflow check`, the server's check, a
 * run whose replications compile their own on the workers). Holding every variant's model
 * took 3.5 MB a variant of a model of 300 wards: 1.8 GB for 500 variants.
 */
export function checkVariants(s: Scenario, only?: readonly string[], limits: CostLimits = defaultCostLimits): Compiled<(VariantInfo & { loads?: Loads })[]> {
  return compileEach(s, only, limits, ({ id, name, warmup, loads }) => ({ id, name, warmup, loads }));
}

function compileEach<T>(s: Scenario, only: readonly string[] | undefined, limits: CostLimits, keep: (v: CompiledVariant) => T): Compiled<T[]> {
  const cost = checkCost(s, limits, only);
  if (cost.issues.length) return { ok: false, issues: cost.issues };
  const loadsOf = (id: string) => cost.estimates.find((e) => e.id === id)?.estimate.loads;
  const issues: Issue[] = [];
  const out: T[] = [];
  const base = compileScenario(baseScenario(s));
  if (base.ok) out.push(keep({ id: 'baseline', name: 'baseline', warmup: base.value.warmup, model: base.value, loads: loadsOf('baseline') }));
  else for (const x of base.issues) issues.push(x);
  s.variants.forEach((v, i) => {
    if (only && !only.includes(v.id)) return;
    const c = compileScenario(variantScenario(s, v.id));
    if (c.ok) out.push(keep({ id: v.id, name: v.name, warmup: c.value.warmup, model: c.value, loads: loadsOf(v.id) }));
    // Only what the base does not already report, under the variant's path.
    else for (const x of c.issues) if (!issues.some((b) => b.message === x.message)) issues.push({ path: ['variants', i, 'patch', ...x.path], message: `${x.message} (in the patched scenario)` });
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: out, warnings: cost.warnings, cost };
}

/** KPIs of replication k of one compiled variant. */
export function runReplication(h: HospitalModel, seed: number, k: number): Record<string, number> {
  return runOne(h, seed, k, false).kpis;
}

/**
 * One variant's compiled model ("baseline" or a variant id), or the issues; an unknown id
 * throws. Compiled as it is: the caller has checked the scenario (compileVariants, or the
 * cost check of a sweep point) — a worker is sent only what its sender checked.
 */
export function compileVariant(s: Scenario, id: string): { ok: true; value: CompiledVariant } | { ok: false; issues: Issue[] } {
  let core: ScenarioCore;
  let name = 'baseline';
  if (id === 'baseline') core = baseScenario(s);
  else {
    const v = s.variants.find((x) => x.id === id);
    if (!v) throw new Error(`unknown variant "${id}" (known: ${['baseline', ...s.variants.map((x) => x.id)].join(', ')})`);
    core = variantScenario(s, id);
    name = v.name;
  }
  const c = compileScenario(core);
  return c.ok ? { ok: true, value: { id, name, warmup: c.value.warmup, model: c.value, loads: offeredLoads(core) } } : c;
}

/** What one replication returns (compact: no event lists); also what a worker sends back. */
export interface Replication {
  kpis: Record<string, number>;
  /** Daily samples (00:00 of each day from day 0): `beds.inUse[site/ward]`, `queue.length[site/ward]`, `list.size[list]` (empty unless asked for). */
  series: Record<string, number[]>;
  /** Each queue and list series reduced to its middle- and last-third means after warm-up (always: the run's warnings need them). */
  trends: Record<string, Trend>;
  /** Each series (beds in use too) reduced to the means of parts of the measured days (always: the warm-up warning needs them). */
  start?: Record<string, StartProfile>;
  /** Patients that arrived (for benchmarks: core time per journey). */
  arrived: number;
  /**
   * Per interval measure with a target (by id): intervals counted in the window, and those
   * still open at the end, already over the target or not (always: the run's open-intervals
   * warning needs them, whether or not the scenario's kpis list measure.openOver).
   */
  openIntervals?: Record<string, OpenCount>;
}

export interface OpenCount { counted: number; within: number; open: number; over: number }

export interface RunLimits {
  /** The replication's budgets (default: the default limits' inSystem and events). */
  budget?: Budget;
  /** The variant's offered loads, to say why a budget was exceeded. */
  loads?: Loads;
}

const DEFAULT_BUDGET = budgetOf(defaultCostLimits);

/**
 * Replication k of one compiled variant, with the daily series if asked, under its
 * budgets. The series are sampled either way (one sample a day, which changes no other
 * number): their trends are always returned, for the warnings on queues still growing
 * at the end.
 */
export function runOne(h: HospitalModel, seed: number, k: number, withSeries: boolean, limits: RunLimits = {}): Replication {
  const sim = replicationSimulation(h, seed, k, limits);
  try {
    sim.runUntil(sim.horizon);
  } catch (e) {
    if (e instanceof BudgetError) throw new Error(budgetMessage(e, limits.loads));
    throw e;
  }
  const r = replicationOf(sim, h);
  return withSeries ? r : { ...r, series: {} };
}

/** Replication k as runOne runs it, not yet run: for a caller that also observes it (the event log). */
export function replicationSimulation(h: HospitalModel, seed: number, k: number, limits: RunLimits = {}): Simulation {
  const budget = limits.budget ?? DEFAULT_BUDGET;
  return new Simulation(h.model, {
    seed, replication: k, warmup: h.warmup, horizon: h.horizon, sampleEvery: DAY,
    maxInSystem: budget.inSystem, maxEvents: budget.events,
  });
}

/** What a simulation of a hospital model run to its horizon returns (KPIs, daily series): also for a run stepped live. */
export function replicationOf(sim: Simulation, h: HospitalModel): Replication {
  const r = sim.results();
  const series: Record<string, number[]> = {};
  if (r.series) {
    // Names and units: SERIES_CATALOGUE (scenarios/kpis/catalogue.ts).
    for (const w of h.layout.wards) {
      series[`beds.inUse[${w.pool}]`] = r.series.pools[w.pool].busy;
      series[`queue.length[${w.pool}]`] = r.series.pools[w.pool].queue;
    }
    for (const id of h.layout.lists) series[`list.size[${id}]`] = r.series.stores[`list:${id}`];
  }
  const trends: Record<string, Trend> = {};
  for (const [name, xs] of Object.entries(series)) {
    if (name.startsWith('beds.inUse[')) continue; // beds in use cannot grow past the beds
    const t = seriesTrend(xs, h.warmup / DAY);
    if (t) trends[name] = t;
  }
  const start: Record<string, StartProfile> = {};
  for (const [name, xs] of Object.entries(series)) {
    const p = startProfile(xs, h.warmup / DAY);
    if (p) start[name] = p;
  }
  const openIntervals: Record<string, OpenCount> = {};
  for (const m of h.layout.measures) {
    const o = r.outputs[m.output];
    const open = o?.within?.open;
    if (open) openIntervals[m.id] = { counted: o.count, within: o.within!.count, open: open.count, over: open.over };
  }
  return { kpis: replicationKpis(r, h.layout), series, trends, start, arrived: sim.arrived, ...(Object.keys(openIntervals).length > 0 ? { openIntervals } : {}) };
}

