// Runs one reference case and judges it as the README prescribes: the recommended
// replications, a mean and 95% CI half-width h per metric, tol = max(rel_tol·|value|,
// abs_tol); a precision gate (h > tol → more replications, as many as the widest
// interval says are needed (h shrinks as 1/√n), up to MAX_FACTOR times the recommended
// count; still imprecise → FAIL "imprecise"); PASS iff
// |mean − value| ≤ tol; a note when the value lies outside mean ± h. The consistency
// checks are judged on the same replications.
//
// Replication k always uses the streams of (seed, k), so the verdicts do not depend on
// how many workers ran the replications, or in which order.
import { Simulation } from '../engine/core/simulation.ts';
import { BudgetError } from '../engine/core/errors.ts';
import { budgetMessage } from '../scenarios/cost/budget.ts';
import { budgetOf, defaultCostLimits, type Budget, type CostLimits } from '../scenarios/cost/limits.ts';
import { caseCostIssues, unstableStations } from './cost.ts';
import { estimate, tQuantile } from '../engine/experiment/summary.ts';
import { buildCase, type BuiltCase } from './build.ts';
import { planMetric, RunView, variantOf, type Probe, type Variant } from './metrics.ts';
import { planIdentities, judgeIdentity, type IdentityPlan, type IdentityVerdict } from './identities.ts';
import { cycleOf, type ReferenceCase, type Scope } from './schema.ts';
import { metricInfo } from './catalogue.ts';
import type { Issue } from '../scenarios/errors.ts';
import { largest } from '../engine/core/extremes.ts';

export interface CaseOptions {
  /** Base seed (default 1). */
  seed?: number;
  /** Smoke run: the measured window is shortened by this factor and tolerances widened by its square root. */
  smoke?: number;
  /** Limits on a replication's arrivals, events and samples, and its budgets (the defaults if omitted). */
  limits?: CostLimits;
}

/** One replication's probe values, in plan order. */
export type Row = (number | number[])[];

/** A finished replication: its probe values and the seconds it took to run. */
export interface Replication { row: Row; seconds: number }

/** Runs replications `reps` of a case (in the order of `reps`). */
export type Runner = (c: ReferenceCase, options: CaseOptions, reps: number[]) => Promise<Replication[]>;

export interface CasePlan {
  built: BuiltCase;
  probes: Probe[];
  /** Probe index of each expected[] entry. */
  expected: number[];
  identities: IdentityPlan;
  warmup: number;
  horizon: number;
  /** Tolerance factor (√smoke). */
  widen: number;
  /** Each replication's budgets, and why the stations might outgrow them. */
  budget: Budget;
  unstable?: string;
}

/** Whether a smoke run shortens this case: not when it expects totals over the window (counts). */
export const shortens = (c: ReferenceCase, smoke: number | undefined) =>
  smoke !== undefined && smoke !== 1 && !c.expected.some((e) => metricInfo(e.metric)?.total);

/** Smoke runs keep whole cycles in time-varying cases, so clock times stay aligned. */
export function runLength(c: ReferenceCase, smoke: number | undefined): { warmup: number; horizon: number } {
  const warmup = c.run.warmup_hours;
  if (!shortens(c, smoke)) return { warmup, horizon: c.run.horizon_hours };
  let window = (c.run.horizon_hours - warmup) / smoke!;
  const period = cycleOf(c.model);
  if (period !== null) window = Math.max(1, Math.round(window / period)) * period;
  return { warmup, horizon: warmup + window };
}

/** Plans a case: the model, a probe per metric and per quantity of the checks. Issues name expected[i]. */
export function planCase(c: ReferenceCase, options: CaseOptions = {}): { ok: true; plan: CasePlan } | { ok: false; issues: Issue[] } {
  const networkScope = c.expected.some((e) => e.scope?.station === 'network') || (c.consistency_checks ?? []).some((t) => /network/i.test(t));
  const cyclic = c.expected.some((e) => metricInfo(e.metric)?.cyclic);
  const length = runLength(c, options.smoke);
  // Limits first: building the model allocates what the numbers ask for (a cycle's profile bins).
  const limits = options.limits ?? defaultCostLimits;
  const over = caseCostIssues(c, length.horizon, limits);
  if (over.length) return { ok: false, issues: over };
  const built = buildCase(c, { network: c.model.stations.length > 1 || networkScope, cycle: cyclic, until: length.horizon });
  const probes: Probe[] = [];
  const keys = new Map<string, number>();
  const add = (key: string, p: Probe) => {
    if (!keys.has(key)) keys.set(key, probes.push(p) - 1);
    return keys.get(key)!;
  };
  const issues: Issue[] = [];
  const expected = c.expected.map((e, i) => {
    const p = planMetric(built, e);
    if (typeof p === 'string') {
      issues.push({ path: ['expected', i, 'metric'], message: p });
      return -1;
    }
    return add(`expected:${i}`, p);
  });
  if (issues.length) return { ok: false, issues };
  const identities = planIdentities(c, built, add);
  return { ok: true, plan: { built, probes, expected, identities, ...length, widen: shortens(c, options.smoke) ? Math.sqrt(options.smoke!) : 1, budget: budgetOf(limits), unstable: unstableStations(c) } };
}

/**
 * Runs replication k of a planned case and reads every probe. Arrivals stop at the
 * horizon; the window's statistics are read there, then the run goes on until the
 * patients of the window have left, for their waits and times in system.
 */
export function runReplication(plan: CasePlan, seed: number, k: number): Replication {
  const started = performance.now();
  const sim = new Simulation(plan.built.model, {
    seed, replication: k, warmup: plan.warmup, horizon: Infinity, sampleEvery: plan.built.sampleEvery,
    maxInSystem: plan.budget.inSystem, maxEvents: plan.budget.events,
  });
  let atHorizon;
  try {
    sim.runBefore(plan.horizon); // the window [warm-up, horizon): not the events at the horizon itself
    atHorizon = sim.results();
    sim.runUntil(Infinity);
  } catch (e) {
    if (e instanceof BudgetError) throw new Error(budgetMessage(e, plan.unstable));
    throw e;
  }
  const view = new RunView(atHorizon, sim.results(), plan.built);
  return { row: plan.probes.map((p) => p.read(view)), seconds: (performance.now() - started) / 1000 };
}

/** Replications one after another in this thread. */
export const inProcess: Runner = async (c, options, reps) => {
  const planned = planCase(c, options);
  if (!planned.ok) throw new Error(planned.issues.map((i) => i.message).join('; '));
  return reps.map((k) => runReplication(planned.plan, options.seed ?? 1, k));
};

export interface MetricVerdict {
  metric: string;
  scope?: Scope;
  /** The case's definition of the metric (a scenario case: the theory in one line). */
  definition?: string;
  /** Where the expected value comes from (scenario cases). */
  source?: string;
  /** Which definition was computed: the README's generic one or an override. */
  variant: Variant;
  value: number;
  tolerance: number;
  n: number;
  mean: number;
  halfWidth: number;
  pass: boolean;
  /** Why it failed: "imprecise" (h > tol), "outside tolerance", "not observed", or (scenario cases) "not reported". */
  reason?: string;
  notes: string[];
}

export interface CaseReport {
  id: string;
  family?: string;
  replications: number;
  recommended: number;
  warmup: number;
  horizon: number;
  /** The smoke factor this case ran with (null: full length). */
  smoke: number | null;
  metrics: MetricVerdict[];
  checks: IdentityVerdict[];
  unchecked: { text: string; reason: string }[];
  /** Computing time of the replications (they may have run in parallel); scenario cases: wall-clock time of the case. */
  seconds: number;
}

/** Estimate of one probe over replications: scalars by Student t, curve functions by the jackknife. */
export function estimateProbe(probe: Probe, values: (number | number[])[]): { n: number; mean: number; halfWidth: number } {
  const n = values.length;
  if (probe.kind === 'scalar') {
    const xs = values as number[];
    if (xs.some((x) => !Number.isFinite(x))) return { n, mean: NaN, halfWidth: NaN };
    const e = estimate(xs);
    return { n, mean: e.mean, halfWidth: e.halfWidth };
  }
  // A function of the replication-averaged curve (a peak, a quantile): its spread by the
  // bootstrap over replications (Efron & Tibshirani 1993), with a fixed generator so that
  // verdicts are reproducible. The jackknife is unreliable for non-smooth functions (argmax).
  const curves = values as number[][];
  const len = largest(curves.map((c) => c.length));
  const average = (pick: (j: number) => number) => {
    const total = new Float64Array(len);
    for (let j = 0; j < n; j++) {
      const c = curves[pick(j)];
      for (let i = 0; i < c.length; i++) total[i] += c[i];
    }
    return Array.from(total, (s) => s / n);
  };
  const mean = probe.reduce(average((j) => j));
  if (n < 2 || !Number.isFinite(mean)) return { n, mean, halfWidth: NaN };
  const rng = mulberry32(0x5eed);
  const spread = probe.smooth ?? probe.reduce;
  const draws = Array.from({ length: BOOTSTRAP }, () => spread(average(() => Math.floor(rng() * n))));
  const avg = draws.reduce((a, b) => a + b, 0) / BOOTSTRAP;
  const sd = Math.sqrt(draws.reduce((a, b) => a + (b - avg) ** 2, 0) / (BOOTSTRAP - 1));
  return { n, mean, halfWidth: tQuantile(0.975, n - 1) * sd };
}

const BOOTSTRAP = 1000;
/** The precision gate adds replications up to this many times the recommended count. */
export const MAX_FACTOR = 25;

/** A small seeded generator for the bootstrap (Mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The precision gate: runs the recommended replications, judges them, and while some
 * verdict is "imprecise" (h > tol) adds as many as the widest interval says are needed
 * (h shrinks as 1/√n), up to MAX_FACTOR times the recommended count. `run` gets the
 * replication indices to run next (0, 1, … in order); `judgeAll` judges all rows so far.
 * Shared by the engine-level cases and the scenario cases (scenario-case.ts).
 */
export async function untilPrecise<R>(recommended: number, run: (reps: number[]) => Promise<R[]>, judgeAll: (rows: R[]) => MetricVerdict[]): Promise<{ rows: R[]; judged: MetricVerdict[] }> {
  const rows: R[] = [];
  let judged: MetricVerdict[] = [];
  const most = MAX_FACTOR * recommended;
  let batch = recommended;
  for (;;) {
    const reps = Array.from({ length: Math.min(batch, most - rows.length) }, (_, j) => rows.length + j);
    for (const row of await run(reps)) rows.push(row);
    judged = judgeAll(rows);
    const imprecise = judged.filter((v) => v.reason === 'imprecise');
    if (imprecise.length === 0 || rows.length >= most) return { rows, judged };
    // Sequential sizing: h ∝ 1/√n, so n·(h/tol)² replications should do; 20% spare for
    // the noise in h itself, and never fewer than half the recommended count per step.
    const worst = largest(imprecise.map((v) => (Number.isFinite(v.halfWidth) && v.tolerance > 0 ? v.halfWidth / v.tolerance : 2)));
    batch = Math.max(Math.ceil(recommended / 2), Math.ceil(rows.length * worst * worst * 1.2) - rows.length);
  }
}

/** Runs a case with the precision gate and judges every metric and consistency check. */
export async function checkCase(c: ReferenceCase, plan: CasePlan, options: CaseOptions, runner: Runner): Promise<CaseReport> {
  let seconds = 0;
  const { rows: done, judged } = await untilPrecise(c.run.replications, async (reps) => {
    const ran = await runner(c, options, reps);
    for (const r of ran) seconds += r.seconds;
    return ran.map((r) => r.row);
  }, (rows) => c.expected.map((e, i) => judge(e, plan, plan.expected[i], rows)));
  const checks = plan.identities.planned.map((p) => judgeIdentity(p, done));
  return {
    id: c.id,
    family: c.family,
    replications: done.length,
    recommended: c.run.replications,
    warmup: plan.warmup,
    horizon: plan.horizon,
    smoke: shortens(c, options.smoke) ? options.smoke! : null,
    metrics: judged,
    checks,
    unchecked: plan.identities.unchecked,
    seconds,
  };
}

function judge(e: ReferenceCase['expected'][number], plan: CasePlan, index: number, rows: Row[]): MetricVerdict {
  const probe = plan.probes[index];
  const estimated = estimateProbe(probe, rows.map((r) => r[index]));
  const tolerance = Math.max(e.rel_tol * Math.abs(e.value), e.abs_tol ?? 0) * plan.widen;
  return { metric: e.metric, scope: e.scope, definition: e.definition, variant: variantOf(e.metric, e.definition), value: e.value, tolerance, ...estimated, ...verdict(e.value, tolerance, estimated) };
}

/**
 * The verdict on one metric, as the README of the reference cases prescribes: not
 * observed (NaN) fails; h > tol is "imprecise" (too short to judge); otherwise PASS iff
 * |mean − value| ≤ tol, with a note when the value lies outside mean ± h.
 */
export function verdict(value: number, tolerance: number, e: { n: number; mean: number; halfWidth: number }): { pass: boolean; reason?: string; notes: string[] } {
  const notes: string[] = [];
  if (Number.isNaN(e.mean)) return { pass: false, reason: 'not observed', notes: ['no observation in some replication'] };
  // Floating-point slack, so that exact counts compare equal (README: "up to 1e-9").
  const within = Math.abs(e.mean - value) <= tolerance + 1e-9 * Math.max(1, Math.abs(value));
  const precise = e.n > 1 && e.halfWidth <= tolerance + 1e-12;
  if (precise && Math.abs(e.mean - value) > e.halfWidth + 1e-12) notes.push('value outside mean ± h');
  if (!precise) return { pass: false, reason: 'imprecise', notes };
  return within ? { pass: true, notes } : { pass: false, reason: 'outside tolerance', notes };
}
