// Whether a sweep or seek request can be accepted, and what exactly will run, checked as
// `pathflow sweep` / `seek` check it (the same functions: runner/experiment/) and before
// any replication runs: the scenario (by id or inline, on the check thread), the variant
// and fixed settings, each parameter's path and values, the grid's size against the CLI's
// limits and this server's, every point's scenario, and the KPI names. Every refusal is a
// 4xx whose issue names the request's field.
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import { gridPoints, locate, parseValues, type Parameter } from '../../runner/experiment/grid.ts';
import { sweepTooHeavy } from '../../runner/experiment/sweep-points.ts';
import { isKnown, unknownName } from '../../runner/experiment/outputs.ts';
import { SEEK_INITIAL_REPS, SEEK_MAX_REPS, SEQUENTIAL_INITIAL_REPS, SEQUENTIAL_MAX_REPS, sameField, sweepTooBig } from '../../runner/experiment/documents.ts';
import type { Sequential } from '../../runner/experiment/sweep-runs.ts';
import { PointError, seekParameter } from '../../runner/experiment/seek-points.ts';
import { seekTooFine, type SeekPlan } from '../../runner/experiment/seek.ts';
import { parseTarget, type Target } from '../../runner/experiment/target.ts';
import { formatPath } from '../../scenarios/errors.ts';
import { ApiError, issuesMessage, type ErrorCode } from '../errors.ts';
import type { Limits } from '../limits.ts';
import type { ScenarioStore } from '../store/scenarios.ts';
import type { Checker } from '../checks/checker.ts';
import type { ChoicesRequest, SeekRequest, SweepRequest } from '../experiment-schemas.ts';

/** A refusal about one field: its path leads the message and is the issue's path. */
export const fieldError = (status: number, code: ErrorCode, path: string, message: string) =>
  new ApiError(status, code, `${path}: ${message}`, [{ path, message }]);

const bad = (path: string, message: string) => fieldError(400, 'validation_failed', path, message);

export interface Base {
  scenarioId: string;
  title: string;
  variant: string;
  settings: string[];
  /** The variant's full scenario with the settings applied: what parameter paths address. */
  base: Scenario;
  seed: number;
}

/** The scenario, checked; the variant and settings applied (experimentBase, as the CLI, on the experiments' thread). */
export async function admitBase(req: ChoicesRequest & { settings?: string[]; seed?: number }, scenarios: ScenarioStore, limits: Limits, checks: Checker): Promise<Base> {
  let doc: Record<string, unknown>;
  if (req.scenarioId !== undefined) {
    const entry = scenarios.get(req.scenarioId);
    if (!entry) throw fieldError(404, 'not_found', 'scenarioId', `no scenario with id ${JSON.stringify(req.scenarioId)}`);
    doc = entry.scenario;
  } else doc = req.scenario!;
  const checked = await checks.check(doc, []);
  if (!checked.ok) throw new ApiError(400, 'invalid_scenario', issuesMessage('the scenario is invalid', checked.issues), checked.issues);
  const s = checked.scenario;
  const variant = req.variant ?? 'baseline';
  const known = ['baseline', ...s.variants.map((v) => v.id)];
  if (!known.includes(variant)) throw fieldError(400, 'unknown_variant', 'variant', `unknown variant "${variant}" (known: ${known.join(', ')})`);
  const settings = req.settings ?? [];
  // Off this thread (checker.ts): a parse of the whole scenario, and one per setting to name a wrong one.
  const base = await checks.base({ base: JSON.stringify(s), variant, settings });
  if (!base.ok) throw fieldError(400, base.overLimit ? 'limit_exceeded' : 'invalid_scenario', base.overLimit ? 'settings' : base.field ?? 'settings', base.message);
  if (base.value.time.horizonDays > limits.horizonDays) {
    throw fieldError(400, 'limit_exceeded', 'time.horizonDays', `expected ≤ ${limits.horizonDays} (this server's limit), got ${base.value.time.horizonDays}`);
  }
  return { scenarioId: s.id, title: s.title, variant, settings, base: base.value, seed: req.seed ?? base.value.time.seed };
}

/** KPI names the probe does not know are refused (naming `field`); those it may not have seen yet are returned, to check on the results. */
function checkKpis(names: readonly string[], known: readonly string[], field: (i: number) => string): string[] {
  const i = names.findIndex((n) => isKnown(n, known) === 'no');
  if (i >= 0) throw bad(field(i), unknownName('KPI', names[i], known));
  return names.filter((n) => isKnown(n, known) === 'maybe');
}

export interface AdmittedSweep extends Base {
  params: Parameter[];
  grid: (number | string)[][];
  /** Each point's scenario as its replications are sent (sweep-points.ts). */
  scenarios: string[];
  kpis: string[];
  /** KPI names the probe could not confirm: each must appear in some replication's results. */
  maybe: string[];
  known: string[];
  replications: number;
  /** Replications allocated where the answer is open (allocate.ts). */
  sequential?: Sequential;
  /** Replications at most (with sequential allocation, the sweep may end well before). */
  total: number;
}

export async function admitSweep(req: SweepRequest, scenarios: ScenarioStore, limits: Limits, checks: Checker): Promise<AdmittedSweep> {
  const b = await admitBase(req, scenarios, limits, checks);
  const params: Parameter[] = [];
  for (const [i, p] of req.parameters.entries()) {
    const at = locate(p.path, b.base);
    if (!at.ok) throw bad(`parameters[${i}].path`, at.message);
    let values: (number | string)[];
    if (typeof p.values === 'string') {
      const v = parseValues(p.values, at.value.current);
      if (!v.ok) throw bad(`parameters[${i}].values`, v.message);
      values = v.value;
    } else {
      const k = p.values.findIndex((x) => typeof x !== typeof at.value.current);
      if (k >= 0) throw bad(`parameters[${i}].values[${k}]`, `${formatPath(at.value.path)} holds ${typeof at.value.current === 'number' ? 'a number' : 'text'}, got ${JSON.stringify(p.values[k])}`);
      values = p.values;
    }
    params.push({ name: p.path, path: at.value.path, values });
    const same = sameField(params);
    if (same) throw bad(`parameters[${i}].path`, same);
  }
  const replications = req.replications ?? (req.sequential ? SEQUENTIAL_INITIAL_REPS : b.base.time.replications);
  if (replications > limits.replications) {
    throw fieldError(400, 'limit_exceeded', req.replications !== undefined ? 'replications' : 'time.replications', `expected an integer ≤ ${limits.replications} (this server's limit), got ${replications}`);
  }
  let sequential: Sequential | undefined;
  if (req.sequential) {
    const max = req.sequential.maxReps ?? Math.max(SEQUENTIAL_MAX_REPS, replications);
    if (replications < 2) throw bad('replications', 'a sequential sweep starts every point with at least 2 replications: one gives no interval');
    if (max < replications) throw bad('sequential.maxReps', `expected at least replications (${replications}), where every point starts; got ${max}`);
    if (max > limits.replications) throw fieldError(400, 'limit_exceeded', 'sequential.maxReps', `expected an integer ≤ ${limits.replications} (this server's limit), got ${max}`);
    let target: Target | undefined;
    if (req.sequential.target !== undefined) {
      const t = parseTarget(req.sequential.target);
      if (!t.ok) throw bad('sequential.target', t.message);
      target = t.value;
    }
    sequential = { max, ...(target ? { target } : {}) };
  }
  // Counted, never listed, before anything is built: the CLI's limits on points and replications (at the most a point may reach).
  const tooBig = sweepTooBig(params, sequential?.max ?? replications, sequential ? 'sequential.maxReps' : 'replications');
  if (tooBig) throw fieldError(400, 'limit_exceeded', 'parameters', tooBig);

  const heavy = sweepTooHeavy(b.base, params, 'parameters');
  if (heavy) throw fieldError(400, 'limit_exceeded', 'parameters', heavy);
  const grid = gridPoints(params);
  // Off this thread (checker.ts): a grid of a large scenario takes minutes to check.
  const checked = await checks.points({ base: JSON.stringify(b.base), params, limits: limits.cost, horizonDays: limits.horizonDays });
  if (!checked.ok) throw fieldError(400, checked.overLimit ? 'limit_exceeded' : 'invalid_scenario', 'parameters', checked.message);
  const { scenarios: pointScenarios, known } = checked.value;
  const kpis = [...new Set(req.kpis.map((k) => k.trim()))];
  const maybe = checkKpis(kpis, known, (i) => `kpis[${req.kpis.indexOf(kpis[i])}]`);
  const targetKpi = sequential?.target?.kpi;
  if (targetKpi !== undefined && !kpis.includes(targetKpi)) {
    maybe.push(...checkKpis([targetKpi], known, () => 'sequential.target'));
    kpis.push(targetKpi);
  }
  return { ...b, params, grid, scenarios: pointScenarios, kpis, maybe, known, replications, sequential, total: pointScenarios.length * (sequential?.max ?? replications) };
}

export interface AdmittedSeek extends Base {
  name: string;
  param: Parameter;
  plan: SeekPlan;
  known: string[];
  /** The point's scenario as its replications are sent (JSON), checked once on the points' thread (rejects with a PointError naming the point if it is invalid). */
  point(value: number): Promise<string>;
}

export async function admitSeek(req: SeekRequest, scenarios: ScenarioStore, limits: Limits, checks: Checker): Promise<AdmittedSeek> {
  const [lo, hi] = req.range;
  if (lo > hi) throw bad('range', `expected [LO, HI] with LO ≤ HI, got [${lo}, ${hi}]`);
  const initialReps = req.initialReps ?? SEEK_INITIAL_REPS;
  const maxReps = req.maxReps ?? Math.max(SEEK_MAX_REPS, initialReps);
  if (initialReps > limits.replications) throw fieldError(400, 'limit_exceeded', 'initialReps', `expected an integer ≤ ${limits.replications} (this server's limit), got ${initialReps}`);
  if (maxReps > limits.replications) throw fieldError(400, 'limit_exceeded', 'maxReps', `expected an integer ≤ ${limits.replications} (this server's limit), got ${maxReps}`);
  if (maxReps < initialReps) throw bad('maxReps', `must be at least initialReps (${initialReps}), got ${maxReps}`);
  const target = parseTarget(req.target);
  if (!target.ok) throw bad('target', target.message);

  const b = await admitBase(req, scenarios, limits, checks);
  const integer = req.tolerance === undefined && Number.isInteger(lo) && Number.isInteger(hi);
  const tooFine = seekTooFine(lo, hi, integer, req.tolerance ?? (hi - lo) / 100);
  if (tooFine) throw fieldError(400, 'limit_exceeded', tooFine.field, tooFine.message);
  const located = seekParameter(b.base, req.parameter);
  if (!located.ok) throw bad('parameter', located.message);
  const param = located.value;
  // Both ends built and checked before anything runs, each later value when first tried: off this thread (checker.ts).
  const task = { base: JSON.stringify(b.base), param, limits: limits.cost, horizonDays: limits.horizonDays };
  const ends = await checks.seekPoints({ ...task, values: [lo, hi] });
  if (!ends.ok) throw fieldError(400, ends.overLimit ? 'limit_exceeded' : 'invalid_scenario', 'range', ends.message);
  const { known } = ends;
  const built = new Map([[lo, ends.scenarios[0]], [hi, ends.scenarios[1]]]);
  const point = async (value: number): Promise<string> => {
    const kept = built.get(value);
    if (kept !== undefined) return kept;
    const r = await checks.seekPoints({ ...task, values: [value] }, { running: true });
    if (!r.ok) throw new PointError(r.message);
    built.set(value, r.scenarios[0]);
    return r.scenarios[0];
  };
  // A name the probe could not confirm is checked on each point's results (manager.ts).
  checkKpis([target.value.kpi], known, () => 'target');
  const plan: SeekPlan = {
    lo, hi, integer, tolerance: req.tolerance ?? (hi - lo) / 100, seek: req.seek ?? 'smallest',
    target: target.value, confidence: req.confidence ?? 0.95, initialReps, maxReps,
  };
  return { ...b, name: req.parameter, param, plan, known, point };
}
