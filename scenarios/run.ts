// Running a scenario's variants under common random numbers: replication k of every
// variant uses the streams of (seed, k), and streams are named by scenario ids, so the
// variants differ by their design, not by luck. Summaries and paired comparisons come
// from engine/experiment. Nothing is compiled before the cost model (scenarios/cost) has
// checked the scenario against the limits, and every replication runs under its budgets.
import { Simulation } from '../engine/core/simulation.ts';
import { BudgetError } from '../engine/core/errors.ts';
import { tQuantile } from '../engine/experiment/summary.ts';
import { differenceRange, estimateInRange } from '../engine/experiment/in-range.ts';
import { kpiRange } from './kpis/catalogue.ts';
import { compileScenario, type HospitalModel } from './compile/compile.ts';
import { replicationKpis } from './kpis/replication.ts';
import { DAY } from '../engine/hospital/week.ts';
import type { Issue } from './errors.ts';
import { ScenarioCoreSchema, variantScenario, type Scenario, type ScenarioCore } from './schema/scenario.ts';
import { applyVariant } from './variants.ts';
import type { RunResultDoc } from './schema/run-result.ts';
import { checkCost, type CostReport } from './cost/check.ts';
import { budgetOf, defaultCostLimits, type Budget, type CostLimits } from './cost/limits.ts';
import { offeredLoads, type Loads } from './cost/load.ts';
import { budgetMessage } from './cost/budget.ts';
import { seriesTrend, type Trend } from './warnings/trends.ts';
import { runWarnings } from './warnings/checks.ts';

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
  const cost = checkCost(s, limits, only);
  if (cost.issues.length) return { ok: false, issues: cost.issues };
  const loadsOf = (id: string) => cost.estimates.find((e) => e.id === id)?.estimate.loads;
  const issues: Issue[] = [];
  const out: CompiledVariant[] = [];
  const base = compileScenario(ScenarioCoreSchema.parse(applyVariant(s as unknown as Record<string, unknown>, {})));
  if (base.ok) out.push({ id: 'baseline', name: 'baseline', warmup: base.value.warmup, model: base.value, loads: loadsOf('baseline') });
  else issues.push(...base.issues);
  s.variants.forEach((v, i) => {
    if (only && !only.includes(v.id)) return;
    const c = compileScenario(variantScenario(s, v.id));
    if (c.ok) out.push({ id: v.id, name: v.name, warmup: c.value.warmup, model: c.value, loads: loadsOf(v.id) });
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
  if (id === 'baseline') core = ScenarioCoreSchema.parse(applyVariant(s as unknown as Record<string, unknown>, {}));
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
  /** Patients that arrived (for benchmarks: core time per journey). */
  arrived: number;
}

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
  const budget = limits.budget ?? DEFAULT_BUDGET;
  const sim = new Simulation(h.model, {
    seed, replication: k, warmup: h.warmup, horizon: h.horizon, sampleEvery: DAY,
    maxInSystem: budget.inSystem, maxEvents: budget.events,
  });
  try {
    sim.runUntil(sim.horizon);
  } catch (e) {
    if (e instanceof BudgetError) throw new Error(budgetMessage(e, limits.loads));
    throw e;
  }
  const r = replicationOf(sim, h);
  return withSeries ? r : { ...r, series: {} };
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
  return { kpis: replicationKpis(r, h.layout), series, trends, arrived: sim.arrived };
}

/**
 * Mean and 95% CI at each time point of each daily series, folded in one replication at a
 * time (Welford), so memory is one set of running sums per series whatever the number of
 * replications; only KPIs are kept per replication (for the paired comparisons). Folded in
 * replication order, so the result does not depend on which replication finished first.
 */
export class SeriesBands {
  private readonly acc = new Map<string, { n: number; mean: Float64Array; m2: Float64Array; len: number }>();
  add(series: Record<string, number[]>): void {
    for (const [name, xs] of Object.entries(series)) {
      let a = this.acc.get(name);
      if (!a) this.acc.set(name, (a = { n: 0, mean: new Float64Array(xs.length), m2: new Float64Array(xs.length), len: xs.length }));
      a.n++;
      a.len = Math.min(a.len, xs.length);
      for (let t = 0; t < a.len; t++) {
        const d = xs[t] - a.mean[t];
        a.mean[t] += d / a.n;
        a.m2[t] += d * (xs[t] - a.mean[t]);
      }
    }
  }
  names(): string[] {
    return [...this.acc.keys()];
  }
  length(): number {
    const lengths = [...this.acc.values()].map((a) => a.len);
    return lengths.length ? Math.min(...lengths) : 0;
  }
  /** 4 significant digits: these go to browsers. */
  band(name: string): { mean: (number | null)[]; ciLow: (number | null)[]; ciHigh: (number | null)[] } {
    const a = this.acc.get(name)!;
    const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : null);
    const t = a.n > 1 ? tQuantile(0.975, a.n - 1) / Math.sqrt(a.n) : NaN;
    const mean: (number | null)[] = [], ciLow: (number | null)[] = [], ciHigh: (number | null)[] = [];
    for (let k = 0; k < a.len; k++) {
      mean.push(round(a.mean[k]));
      const h = t * Math.sqrt(a.m2[k] / (a.n - 1));
      ciLow.push(a.n > 1 ? round(a.mean[k] - h) : null);
      ciHigh.push(a.n > 1 ? round(a.mean[k] + h) : null);
    }
    return { mean, ciLow, ciHigh };
  }
}

/** One variant's replications as they come: KPIs kept, series folded in replication order. */
class VariantTally {
  readonly kpis: Record<string, number>[] = [];
  readonly trends: Record<string, Trend>[] = [];
  readonly bands = new SeriesBands();
  private readonly pending = new Map<number, Replication>();
  private next = 0;
  put(k: number, r: Replication): void {
    this.kpis[k] = r.kpis;
    this.trends[k] = r.trends ?? {};
    this.pending.set(k, r);
    while (this.pending.has(this.next)) {
      this.bands.add(this.pending.get(this.next)!.series);
      this.pending.delete(this.next++);
    }
  }
}

const finite = (xs: readonly number[]) => xs.every((x) => Number.isFinite(x));
const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export interface RunPlan {
  replications: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

/** Every replication of every variant, one after another in this thread. */
export function runVariants(s: Scenario, variants: readonly CompiledVariant[], plan: RunPlan): RunResultDoc {
  const total = variants.length * plan.replications;
  let done = 0;
  const tallies = variants.map((v) => {
    const t = new VariantTally();
    for (let k = 0; k < plan.replications; k++) {
      t.put(k, runOne(v.model, plan.seed, k, true));
      plan.onProgress?.(++done, total);
    }
    return t;
  });
  return summarise(s, variants, plan, tallies);
}

/** Runs one replication somewhere (a worker pool): variant id, seed, replication index. */
export type ReplicationRunner = (variant: string, seed: number, k: number) => Promise<Replication>;

/**
 * The same as runVariants, with the replications handed to `runner` all at once (so a pool
 * keeps every worker busy) and summarised in replication order, whatever order they finish
 * in: the document is bit-identical to runVariants'. The first failure rejects.
 */
export async function runVariantsWith(s: Scenario, variants: readonly VariantInfo[], plan: RunPlan, runner: ReplicationRunner): Promise<RunResultDoc> {
  const total = variants.length * plan.replications;
  let done = 0;
  const tallies = variants.map(() => new VariantTally());
  await Promise.all(variants.flatMap((v, i) => Array.from({ length: plan.replications }, (_, k) =>
    runner(v.id, plan.seed, k).then((r) => {
      tallies[i].put(k, r);
      plan.onProgress?.(++done, total);
    }))));
  return summarise(s, variants, plan, tallies);
}

/** Days sampled in every series (none when nothing is sampled: a scenario without wards or lists). */
function sampledDays(tallies: readonly VariantTally[]): number {
  const lengths = tallies.filter((t) => t.bands.names().length > 0).map((t) => t.bands.length());
  return lengths.length ? Math.min(...lengths) : 0;
}

/** Mean, interval within the range, and why the interval is unreliable if it is. */
function inRange(xs: readonly number[], range: readonly [number, number]) {
  const e = estimateInRange(xs, range);
  return { mean: orNull(e.mean), ciLow: orNull(e.lower), ciHigh: orNull(e.upper), ...(e.unreliable ? { unreliable: e.unreliable } : {}) };
}

/** KPI `name` over replications as the documents give it: mean and 95% CI within its range; all null if a replication could not measure it. */
export function estimateKpi(name: string, xs: readonly number[]): { mean: number | null; ciLow: number | null; ciHigh: number | null; unreliable?: string } {
  return finite(xs) ? inRange(xs, kpiRange(name)) : { mean: null, ciLow: null, ciHigh: null };
}

/** b − a for KPI `name`, paired by replication (the differences as pairedDifference forms them), its interval within the range of a difference. */
export function compareKpi(name: string, a: readonly number[], b: readonly number[]): { mean: number | null; ciLow: number | null; ciHigh: number | null; unreliable?: string } {
  if (!finite(a) || !finite(b)) return { mean: null, ciLow: null, ciHigh: null };
  return inRange(b.map((x, k) => x - a[k]), differenceRange(kpiRange(name)));
}

/** A variant's scenario as its model was compiled from (the base for the baseline). */
function coreOf(s: Scenario, id: string) {
  return id === 'baseline' ? ScenarioCoreSchema.parse(applyVariant(s as unknown as Record<string, unknown>, {})) : variantScenario(s, id);
}

function summarise(s: Scenario, variants: readonly VariantInfo[], plan: RunPlan, tallies: VariantTally[]): RunResultDoc {
  const rows = tallies.map((t) => t.kpis);
  const names = (i: number) => Object.keys(rows[i][0] ?? {});
  const column = (i: number, name: string) => rows[i].map((r) => r[name] ?? NaN);
  const doc: RunResultDoc = {
    scenario: s.id, replications: plan.replications, seed: plan.seed,
    variants: variants.map((v, i) => ({
      id: v.id, name: v.name,
      kpis: Object.fromEntries(names(i).map((n) => [n, estimateKpi(n, column(i, n))])),
    })),
    comparisons: [],
    series: {
      days: Array.from({ length: sampledDays(tallies) }, (_, d) => d),
      warmupDays: variants[0] ? variants[0].warmup / DAY : 0,
      lines: tallies.flatMap((t, i) => t.bands.names().map((name) => ({ variant: variants[i].id, name, ...t.bands.band(name) }))),
    },
    warnings: [],
  };
  for (let i = 1; i < variants.length; i++) {
    for (const n of names(i)) {
      if (!(n in (rows[0][0] ?? {}))) continue;
      const d = compareKpi(n, column(0, n), column(i, n));
      doc.comparisons.push({ variant: variants[i].id, kpi: n, difference: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh, ...(d.unreliable ? { unreliable: d.unreliable } : {}) });
    }
  }
  doc.warnings = runWarnings(s.id, variants.map((v, i) => ({ id: v.id, core: coreOf(s, v.id), kpis: doc.variants[i].kpis, trends: tallies[i].trends })), plan.replications);
  return doc;
}
