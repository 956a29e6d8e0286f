// The points of a sweep: each parameter `PATH=LO..HI:STEP` (or `PATH=a,b,c`) gives a list
// of values, and the grid is their cartesian product, first parameter varying slowest.
// Each point's scenario is the base with its values set, parsed again by the scenario
// schema (so a value that makes it invalid is reported with its path, as `check` would).
import { formatIssues, formatPath } from '../../scenarios/errors.ts';
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { compileVariant, type CompiledVariant } from '../replicate.ts';
import { applyVariant } from '../../scenarios/variants.ts';
import { parsePath, resolvePath, setAt, type Result } from './param-path.ts';
import { checkCost } from '../../scenarios/cost/check.ts';
import { defaultCostLimits, type CostLimits } from '../../scenarios/cost/limits.ts';

export interface Parameter {
  /** As the user wrote it (the label in tables and exports). */
  name: string;
  /** Where it lives in the scenario, list positions resolved. */
  path: (string | number)[];
  values: (number | string)[];
}

/** More points than this, per parameter or in the whole grid, is almost certainly a mistyped step. */
export const MAX_POINTS = 10_000;

/** `LO..HI:STEP` (STEP 1 if omitted) or `a,b,c` → the numbers; strings only where the field is a string. */
export function parseValues(spec: string, current: unknown): Result<(number | string)[]> {
  const fail = (why: string): Result<(number | string)[]> => ({ ok: false, message: why });
  const range = /^\s*(-?[\d.eE+-]+)\s*\.\.\s*(-?[\d.eE+-]+)\s*(?::\s*([\d.eE+-]+)\s*)?$/.exec(spec);
  if (range) {
    const [lo, hi, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])];
    if (![lo, hi, step].every(Number.isFinite)) return fail(`expected LO..HI:STEP with numbers, got ${JSON.stringify(spec)}`);
    if (lo > hi) return fail(`expected LO ≤ HI, got ${JSON.stringify(spec)}`);
    if (!(step > 0)) return fail(`expected a STEP > 0, got ${JSON.stringify(spec)}`);
    const count = Math.floor((hi - lo) / step + 1e-9) + 1;
    if (count > MAX_POINTS) return fail(`${JSON.stringify(spec)} gives ${count} values (at most ${MAX_POINTS})`);
    // lo + k·step, rounded to the decimals given, so 0.1..0.3:0.1 is 0.1, 0.2, 0.3 and not 0.30000000000000004.
    const decimals = Math.max(...[range[1], range[3] ?? '1'].map((x) => (x.split('.')[1] ?? '').replace(/e.*$/i, '').length));
    return { ok: true, value: Array.from({ length: count }, (_, k) => Number((lo + k * step).toFixed(Math.min(decimals, 15)))) };
  }
  const items = spec.split(',').map((x) => x.trim());
  if (items.some((x) => x === '')) return fail(`expected LO..HI:STEP or a list a,b,c, got ${JSON.stringify(spec)}`);
  if (typeof current === 'string') return { ok: true, value: items };
  const nums = items.map(Number);
  const bad = items.find((_, k) => !Number.isFinite(nums[k]));
  if (bad !== undefined) return fail(`expected numbers, got ${JSON.stringify(bad)}`);
  return { ok: true, value: nums };
}

/** `PATH=SPEC` against the scenario: the path resolved and the values parsed, or a message naming what is wrong. */
export function parseParameter(arg: string, scenario: Scenario, fixed = false): Result<Parameter> {
  const eq = arg.indexOf('=');
  if (eq < 0) return { ok: false, message: `expected PATH=LO..HI:STEP or PATH=a,b,c, got ${JSON.stringify(arg)}` };
  const name = arg.slice(0, eq).trim();
  const at = locate(name, scenario, fixed);
  if (!at.ok) return at;
  const values = parseValues(arg.slice(eq + 1), at.value.current);
  if (!values.ok) return { ok: false, message: `${name}: ${values.message}` };
  return { ok: true, value: { name, path: at.value.path, values: values.value } };
}

/** A path that exists in the scenario and holds a number or a string (what a sweep or a seek can set); `fixed`: the same at every point (--set). */
export function locate(name: string, scenario: Scenario, fixed = false): Result<{ path: (string | number)[]; current: number | string }> {
  const steps = parsePath(name);
  if (!steps.ok) return steps;
  const r = resolvePath(scenario, steps.value);
  if (!r.ok) return r;
  const v = r.value.value;
  // Every point runs with one seed and one number of replications (that is what makes the
  // points comparable), so these two are options of the command, not parameters.
  const where = formatPath(r.value.path);
  if (!fixed && (where === 'time.seed' || where === 'time.replications')) {
    return { ok: false, message: `${where} cannot vary between points: every point runs the same replications with the same seed (common random numbers); use --${where === 'time.seed' ? 'seed' : 'reps'} or --set` };
  }
  if (typeof v !== 'number' && typeof v !== 'string') {
    const what = Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? `an object (fields: ${Object.keys(v as object).join(', ')})` : typeof v;
    return { ok: false, message: `${formatPath(r.value.path)} is ${what}, not a number: a parameter sets one number (or text)` };
  }
  return { ok: true, value: { path: r.value.path, current: v } };
}

/** Points of the grid (the product of the parameters' value counts), counted without listing them. */
export const gridSize = (params: readonly Parameter[]) => params.reduce((n, p) => n * p.values.length, 1);

/** The cartesian product of the parameters' values, the first parameter varying slowest (check gridSize first). */
export function gridPoints(params: readonly Parameter[]): (number | string)[][] {
  let points: (number | string)[][] = [[]];
  for (const p of params) points = points.flatMap((pt) => p.values.map((v) => [...pt, v]));
  return points;
}

/** `beds=20, lists=3`: a point as people read it. */
export function pointLabel(params: readonly Parameter[], values: readonly (number | string)[]): string {
  return params.map((p, k) => `${p.name}=${values[k]}`).join(', ');
}

/** A point's scenario, checked (schema, then limits) and compiled; a value that makes it invalid is an error with every issue's path. */
export interface PointScenario {
  /** The scenario with the values set (no variants: the chosen variant is already applied). */
  scenario: Scenario;
  compiled: CompiledVariant;
}

export function pointScenario(base: Scenario, params: readonly Parameter[], values: readonly (number | string)[], limits: CostLimits = defaultCostLimits): Result<PointScenario> {
  let data: unknown = base;
  params.forEach((p, k) => (data = setAt(data, p.path, values[k])));
  const parsed = parseScenario(data);
  // No parameters (warmup's one scenario): no point to name.
  const the = params.length > 0 ? `at ${pointLabel(params, values)} the scenario` : 'the scenario';
  if (!parsed.ok) return { ok: false, message: `${the} is invalid:\n${formatIssues(parsed.issues)}` };
  const cost = checkCost(parsed.value, limits, []);
  if (cost.issues.length) return { ok: false, message: `${the} is over a limit:\n${formatIssues(cost.issues)}` };
  const compiled = compileVariant(parsed.value, 'baseline');
  if (!compiled.ok) return { ok: false, message: `${the} is invalid:\n${formatIssues(compiled.issues)}` };
  return { ok: true, value: { scenario: parsed.value, compiled: compiled.value } };
}

/**
 * What an experiment varies from: the chosen variant's full scenario (the baseline: the
 * base itself) without its variants, with the fixed settings `PATH=VALUE` (`--set`) applied
 * and checked. Paths of parameters then address this scenario.
 */
export function experimentBase(s: Scenario, variant: string, settings: readonly string[]): Result<Scenario> {
  const v = s.variants.find((x) => x.id === variant);
  if (variant !== 'baseline' && !v) return { ok: false, message: `unknown variant "${variant}" (known: ${['baseline', ...s.variants.map((x) => x.id)].join(', ')})` };
  const { variants: _drop, ...rest } = s;
  let data: unknown = v ? applyVariant(s as unknown as Record<string, unknown>, v.patch) : rest;
  for (const arg of settings) {
    const p = parseParameter(arg, data as Scenario, true);
    if (!p.ok) return p;
    if (p.value.values.length !== 1) return { ok: false, message: `--set ${arg}: expected one value (PATH=VALUE), got ${p.value.values.length}` };
    data = setAt(data, p.value.path, p.value.values[0]);
  }
  const parsed = parseScenario(data);
  if (!parsed.ok) return { ok: false, message: `${settings.length ? 'with the settings given ' : ''}the scenario is invalid:\n${formatIssues(parsed.issues)}` };
  return { ok: true, value: parsed.value };
}

/**
 * The scenario with each `PATH=VALUE` of --set applied to its base, variants kept (`run`
 * runs them all): a variant that patches the same field keeps its own value. Checked again
 * as a whole, so a setting that breaks a variant is an error naming it.
 */
export function withSettings(s: Scenario, settings: readonly string[]): Result<Scenario> {
  if (settings.length === 0) return { ok: true, value: s };
  let data: unknown = s;
  for (const arg of settings) {
    const p = parseParameter(arg, data as Scenario, true);
    if (!p.ok) return p;
    if (p.value.values.length !== 1) return { ok: false, message: `--set ${arg}: expected one value (PATH=VALUE), got ${p.value.values.length}` };
    data = setAt(data, p.value.path, p.value.values[0]);
  }
  const parsed = parseScenario(data);
  if (!parsed.ok) return { ok: false, message: `with the settings given the scenario is invalid:\n${formatIssues(parsed.issues)}` };
  return { ok: true, value: parsed.value };
}
