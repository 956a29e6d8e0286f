// A scenario's variants summarised under common random numbers: replication k of every
// variant used the streams of (seed, k), so the variants differ by their design, not by
// luck. Each KPI's mean and 95% CI within its range, paired differences from the
// baseline, daily series as bands, and the run's warnings; folded in replication order,
// so the document is the same whichever runner ran the replications and in what order.
import { tQuantile } from '../engine/experiment/summary.ts';
import { differenceRange, estimateInRange } from '../engine/experiment/in-range.ts';
import { kpiRange } from '../scenarios/kpis/catalogue.ts';
import { DAY } from '../engine/hospital/week.ts';
import { baseScenario, variantScenario, type Scenario } from '../scenarios/schema/scenario.ts';
import type { RunResultDoc } from '../scenarios/schema/run-result.ts';
import type { Trend } from '../scenarios/warnings/trends.ts';
import { StartFold, type StartProfile } from '../scenarios/warnings/warm-up.ts';
import { runWarnings } from '../scenarios/warnings/checks.ts';
import { runOne, type CompiledVariant, type OpenCount, type Replication, type VariantInfo } from './replicate.ts';
import { judgePrecision, nextReplications, precisionBatch, unknownPrecisionKpi, type Precision, type PrecisionBatch } from './precision.ts';
import { NamedRows } from './named-rows.ts';
import { defaultCostLimits } from '../scenarios/cost/limits.ts';
import { raiseWith } from '../scenarios/cost/check.ts';
import { grouped } from '../engine/core/errors.ts';
import { smallest } from '../engine/core/extremes.ts';

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
    return lengths.length ? smallest(lengths) : 0;
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

/** One variant's replications as they come: KPIs and trends kept (8 B a number, named-rows.ts), series folded in replication order. */
class VariantTally {
  readonly kpis = new NamedRows();
  /** Each series' middle- and last-third means. */
  readonly trends = new NamedRows(2);
  readonly openIntervals: Record<string, OpenCount>[] = [];
  readonly bands = new SeriesBands();
  /** Each series' first third of the measured days against the rest (the warm-up warning), folded as the bands are. */
  readonly start = new StartFold();
  /** Series of replications that came before those before them: folded once those are in. */
  private readonly pending = new Map<number, { series: Record<string, number[]>; start: Record<string, StartProfile> }>();
  private next = 0;
  put(k: number, r: Replication): void {
    this.kpis.putRecord(k, r.kpis);
    const trends: Record<string, Trend> = r.trends ?? {};
    const names = Object.keys(trends);
    const values = new Float64Array(2 * names.length);
    names.forEach((name, j) => { values[2 * j] = trends[name].middle; values[2 * j + 1] = trends[name].last; });
    this.trends.put(k, names, values);
    this.openIntervals[k] = r.openIntervals ?? {};
    this.pending.set(k, { series: r.series, start: r.start ?? {} });
    while (this.pending.has(this.next)) {
      const p = this.pending.get(this.next)!;
      this.bands.add(p.series);
      this.start.add(p.start);
      this.pending.delete(this.next++);
    }
  }
  /** Numbers kept so far. */
  get kept(): number {
    return this.kpis.values + this.trends.values;
  }
}

/**
 * Every replication's KPIs and trends are kept until the run is summarised: a run keeps
 * about (KPIs + 2 × trends) × replications × options numbers. Held to `plan.keptValues`
 * once the first replication shows how many a replication has (projected over the most
 * replications the run may reach), then as they come, so that no number of replications
 * of a model of many wards can exhaust the memory of the process that summarises.
 */
function keptGuard(variants: number, plan: RunPlan): (tallies: readonly VariantTally[], r: Replication) => void {
  const limit = plan.keptValues ?? defaultCostLimits.keptValues;
  const most = Math.max(plan.replications, plan.precision?.maxReplications ?? 0);
  let projected = false;
  return (tallies, r) => {
    const perReplication = Object.keys(r.kpis).length + 2 * Object.keys(r.trends ?? {}).length;
    const field = plan.replicationsField ?? 'time.replications';
    const advice = `over the limit of ${grouped(limit)}: run fewer replications or options ${raiseWith('keptValues')}`;
    if (!projected) {
      projected = true;
      const total = perReplication * variants * most;
      const options = variants === 1 ? 'one option' : `${variants} options`;
      if (total > limit) throw new Error(`${field}: ${grouped(most)} replications × ${options} × ${grouped(perReplication)} numbers a replication (its KPIs, and two for each queue's and list's trend) would keep about ${grouped(total)} numbers for the comparisons, ${advice}`);
      return;
    }
    // Later replications (another option's, say) may have more names than the first.
    const kept = tallies.reduce((a, t) => a + t.kept, 0);
    if (kept > limit) throw new Error(`${field}: the replications run so far keep ${grouped(kept)} numbers for the comparisons (${grouped(perReplication)} in the last one, more than the first had), ${advice}`);
  };
}

const finite = (xs: readonly number[]) => xs.every((x) => Number.isFinite(x));
const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export interface RunPlan {
  replications: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
  /** Keep every replication's KPIs in the document (`replicationKpis`), for measures of the user's own. */
  perReplication?: boolean;
  /** Add replications, doubling from `replications`, until the chosen KPIs reach this precision or its cap (precision.ts). */
  precision?: Precision;
  /** With `precision`: told what the stopping rule saw after each batch (the app draws the intervals narrowing). */
  onBatch?: (batch: PrecisionBatch) => void;
  /** Numbers the run may keep for its comparisons (KPIs and trends × replications × options; default: the default limits'). */
  keptValues?: number;
  /** What sets the replications, named when there are too many to keep (default `time.replications`; `--reps`, a request's `replications`). */
  replicationsField?: string;
}

/** Every replication of every variant, one after another in this thread. */
export function runVariants(s: Scenario, variants: readonly CompiledVariant[], plan: RunPlan): RunResultDoc {
  const total = variants.length * plan.replications;
  let done = 0;
  const guard = keptGuard(variants.length, plan);
  const tallies: VariantTally[] = [];
  for (const v of variants) {
    const t = new VariantTally();
    tallies.push(t);
    for (let k = 0; k < plan.replications; k++) {
      const r = runOne(v.model, plan.seed, k, true);
      t.put(k, r);
      guard(tallies, r);
      plan.onProgress?.(++done, total);
    }
  }
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
  let done = 0;
  const tallies = variants.map(() => new VariantTally());
  const guard = keptGuard(variants.length, plan);
  // Replications from … to − 1 of every variant, at once.
  const runRange = (from: number, to: number) => Promise.all(variants.flatMap((v, i) => Array.from({ length: to - from }, (_, j) =>
    runner(v.id, plan.seed, from + j).then((r) => {
      tallies[i].put(from + j, r);
      guard(tallies, r);
      plan.onProgress?.(++done, variants.length * to);
    }))));
  let n = plan.replications;
  await runRange(0, n);
  const p = plan.precision;
  if (!p) return summarise(s, variants, plan, tallies);
  for (;;) {
    const doc = summarise(s, variants, { ...plan, replications: n }, tallies);
    const unknown = n === plan.replications ? unknownPrecisionKpi(doc, p) : undefined;
    if (unknown) throw unknown;
    const outcome = judgePrecision(doc, p);
    plan.onBatch?.(precisionBatch(doc, p, outcome));
    if (outcome.met || n >= p.maxReplications) return { ...doc, precision: { ...outcome, firstReplications: plan.replications } };
    const next = nextReplications(n, p);
    await runRange(n, next);
    n = next;
  }
}

/** Days sampled in every series (none when nothing is sampled: a scenario without wards or lists). */
function sampledDays(tallies: readonly VariantTally[]): number {
  const lengths = tallies.filter((t) => t.bands.names().length > 0).map((t) => t.bands.length());
  return lengths.length ? smallest(lengths) : 0;
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
  return id === 'baseline' ? baseScenario(s) : variantScenario(s, id);
}

function summarise(s: Scenario, variants: readonly VariantInfo[], plan: RunPlan, tallies: VariantTally[]): RunResultDoc {
  const rows = tallies.map((t) => t.kpis);
  const names = (i: number) => rows[i].names(0);
  const column = (i: number, name: string) => rows[i].column(name);
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
      if (rows[0].get(0, n) === undefined) continue;
      const d = compareKpi(n, column(0, n), column(i, n));
      doc.comparisons.push({ variant: variants[i].id, kpi: n, difference: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh, ...(d.unreliable ? { unreliable: d.unreliable } : {}) });
    }
  }
  if (plan.perReplication) {
    doc.replicationKpis = variants.flatMap((v, i) => Array.from({ length: rows[i].size }, (_, replication) => ({
      variant: v.id, replication, kpis: Object.fromEntries(Object.entries(rows[i].record(replication)).map(([k, x]) => [k, orNull(x)])),
    })));
  }
  doc.warnings = runWarnings(s.id, variants.map((v, i) => ({ id: v.id, core: coreOf(s, v.id), kpis: doc.variants[i].kpis, trends: tallies[i].trends, openIntervals: tallies[i].openIntervals, start: tallies[i].start })), plan.replications);
  return doc;
}
