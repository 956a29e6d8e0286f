// Replications sized to a precision: run a first batch, then double the replications of
// every option until each chosen KPI's 95% interval is within the target (relative to its
// mean, or absolute in its unit), or a cap is reached. Every option runs the same
// replications (common random numbers: the paired differences stay paired), and
// replication k uses the streams of (seed, k) whatever the batch, so the document is the
// one `run --reps N` gives for the N reached, plus what the stopping rule saw.
import type { RunResultDoc } from '../scenarios/schema/run-result.ts';
import { splitKpiName } from '../scenarios/kpis/catalogue.ts';
import { MAIN_METRICS } from '../scenarios/warnings/checks.ts';
import { nearest } from '../scenarios/suggest.ts';
import { unknownName } from './experiment/outputs.ts';

export interface Precision {
  /** Half-width at most this share of |mean| (0.05 for ±5%). */
  relative?: number;
  /** Or at most this, in the KPI's unit. */
  absolute?: number;
  /** KPIs judged: full names (`ed.4h[all]`) or metrics (`ed.4h`); default the main KPIs reported. */
  kpis?: readonly string[];
  /** Replications per option never beyond this. */
  maxReplications: number;
}

export type PrecisionOutcome = NonNullable<RunResultDoc['precision']>;

/** "±5%" or "±0.02". */
export const describeTarget = (p: Precision) => (p.relative !== undefined ? `±${Number((p.relative * 100).toPrecision(6))}%` : `±${p.absolute}`);

/** Whether a KPI is judged: named in full or by metric; by default the main KPIs. */
function chosen(p: Precision, name: string): boolean {
  const metric = splitKpiName(name).metric;
  return p.kpis?.length ? p.kpis.includes(name) || p.kpis.includes(metric) : MAIN_METRICS.has(metric);
}

/**
 * A KPI named for the precision (`kpis`) that the run does not report, neither in full nor
 * as a metric: judged as nothing, it would let the first batch pass as "precise". Known only
 * once replications have run (a scenario's KPIs depend on its model), so the rule looks
 * after the first batch, as a sweep checks its --kpi names on its first point.
 */
export class UnknownPrecisionKpi extends Error {
  constructor(readonly index: number, readonly kpi: string, message: string) {
    super(message);
  }
}

/** The first of `p.kpis` the document does not report, as an error naming it with the nearest name and every KPI reported. */
export function unknownPrecisionKpi(doc: RunResultDoc, p: Precision): UnknownPrecisionKpi | undefined {
  if (!p.kpis?.length) return undefined;
  const names = new Set(doc.variants.flatMap((v) => Object.keys(v.kpis)));
  const metrics = new Set([...names].map((n) => splitKpiName(n).metric));
  const index = p.kpis.findIndex((k) => !names.has(k) && !metrics.has(k));
  if (index < 0) return undefined;
  const name = p.kpis[index];
  const near = nearest(name, [...metrics, ...names]);
  const list = unknownName('KPI', name, [...names]);
  return new UnknownPrecisionKpi(index, name, near === undefined ? list : list.replace('; this scenario reports', `: did you mean "${near}"? This scenario reports`));
}

/** The stopping rule on a run's document: which chosen KPIs of which options are still too wide. */
export function judgePrecision(doc: RunResultDoc, p: Precision): PrecisionOutcome {
  const judged = new Set<string>();
  const notMet: PrecisionOutcome['notMet'] = [];
  for (const v of doc.variants) {
    for (const [name, e] of Object.entries(v.kpis)) {
      if (!chosen(p, name)) continue;
      judged.add(name);
      if (e.mean === null || e.ciLow === null || e.ciHigh === null) {
        notMet.push({ variant: v.id, kpi: name, halfWidth: null, target: null });
        continue;
      }
      const half = (e.ciHigh - e.ciLow) / 2;
      const target = p.relative !== undefined ? p.relative * Math.abs(e.mean) : p.absolute!;
      if (!(half <= target)) notMet.push({ variant: v.id, kpi: name, halfWidth: half, target });
    }
  }
  return { target: describeTarget(p), kpis: [...judged].sort(), maxReplications: p.maxReplications, met: notMet.length === 0, notMet };
}

/** The next number of replications: double, within the cap. */
export const nextReplications = (n: number, p: Precision) => Math.min(p.maxReplications, Math.max(n + 1, 2 * n));

/** One judged KPI of one option after a batch: its estimate, half-width and target (null: not measurable). */
export interface BatchEstimate { variant: string; kpi: string; mean: number | null; halfWidth: number | null; target: number | null; met: boolean }

/** What the stopping rule saw after a batch: replications per option so far, and each judged estimate. */
export interface PrecisionBatch {
  replications: number;
  /** The target in words ("±5%") and the cap on replications per option. */
  target: string;
  maxReplications: number;
  /** Every judged KPI of every option within the target. */
  met: boolean;
  /** The rule says stop: met, or the cap reached. */
  stopped: boolean;
  /** Judged KPIs of all options still wider than the target (all of them, even beyond `estimates`). */
  notMet: number;
  /** At most MAX_BATCH_ESTIMATES, options and KPIs in the document's order; `truncated` if more were judged. */
  estimates: BatchEstimate[];
  truncated: boolean;
}

/** A batch's estimates sent to a watcher are bounded whatever the scenario reports (a message per batch, batches double). */
export const MAX_BATCH_ESTIMATES = 120;

/** The batch as a watcher sees it (the server sends it to the app): judged KPIs' estimates, bounded. */
export function precisionBatch(doc: RunResultDoc, p: Precision, outcome: PrecisionOutcome): PrecisionBatch {
  const judged = new Set(outcome.kpis);
  const estimates: BatchEstimate[] = [];
  let truncated = false;
  for (const v of doc.variants) {
    for (const [name, e] of Object.entries(v.kpis)) {
      if (!judged.has(name)) continue;
      if (estimates.length >= MAX_BATCH_ESTIMATES) { truncated = true; continue; }
      const half = e.mean === null || e.ciLow === null || e.ciHigh === null ? null : (e.ciHigh - e.ciLow) / 2;
      const target = e.mean === null ? null : p.relative !== undefined ? p.relative * Math.abs(e.mean) : p.absolute!;
      estimates.push({ variant: v.id, kpi: name, mean: e.mean, halfWidth: half, target, met: half !== null && target !== null && half <= target });
    }
  }
  return {
    replications: doc.replications, target: outcome.target, maxReplications: outcome.maxReplications, met: outcome.met,
    stopped: outcome.met || doc.replications >= p.maxReplications, notMet: outcome.notMet.length, estimates, truncated,
  };
}
