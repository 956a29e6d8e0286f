// The scenarios a seek tries, for the command line and the server alike: the parameter
// located on the base scenario (a number, or the seek cannot vary it), and each value's
// scenario built once, when first tried (a seek does not know its values ahead). Both ends
// of the range are built at once, so a bad range is refused before anything runs.
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import { formatPath } from '../../scenarios/errors.ts';
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import { locate, pointScenario, type Parameter, type PointScenario } from './grid.ts';
import { outputNames } from './outputs.ts';

/** A value's scenario that could not be built (or that a caller's check refused): its message names the value. */
export class PointError extends Error {}

export interface SeekPoints {
  param: Parameter;
  /**
   * The value's scenario as its replications are sent (JSON), checked and built on first
   * use and kept as text only (a compiled point of a model of 300 wards is 3.7 MB, and a
   * seek tries up to 32); throws PointError.
   */
  point: (value: number) => string;
  /** The KPIs the range's ends report (the names a target may use). */
  known: string[];
}

export type SeekPointsResult = { ok: true; value: SeekPoints } | { ok: false; field: 'parameter' | 'range'; message: string };

/** `check`: a caller's own refusal of a built point (the server's horizon limit), as a message. */
export type PointCheck = (pt: PointScenario, value: number) => string | undefined;

/** The parameter a seek varies: a path to a number in the base scenario, or why not. */
export function seekParameter(base: Scenario, name: string): { ok: true; value: Parameter } | { ok: false; message: string } {
  const at = locate(name, base);
  if (!at.ok) return at;
  if (typeof at.value.current !== 'number') {
    return { ok: false, message: `${formatPath(at.value.path)} is text (${JSON.stringify(at.value.current)}), not a number: seek needs a numeric parameter` };
  }
  return { ok: true, value: { name, path: at.value.path, values: [] } };
}

/** One value's scenario built and checked, as its replications are sent (JSON), with its KPI names if asked; or why not, naming the value. */
export function seekPoint(base: Scenario, param: Parameter, value: number, limits: CostLimits, check?: PointCheck, names = false):
  { ok: true; text: string; known: string[] } | { ok: false; message: string } {
  const r = pointScenario(base, [param], [value], limits);
  if (!r.ok) return r;
  const refused = check?.(r.value, value);
  if (refused) return { ok: false, message: refused };
  return { ok: true, text: JSON.stringify(r.value.scenario), known: names ? outputNames(r.value.compiled.model).kpis : [] };
}

export function seekPoints(base: Scenario, name: string, lo: number, hi: number, limits: CostLimits, check?: PointCheck): SeekPointsResult {
  const located = seekParameter(base, name);
  if (!located.ok) return { ok: false, field: 'parameter', message: located.message };
  const param = located.value;
  const cache = new Map<number, string>();
  const build = (value: number, names = false): string[] => {
    const r = seekPoint(base, param, value, limits, check, names);
    if (!r.ok) throw new PointError(r.message);
    cache.set(value, r.text);
    return r.known;
  };
  const point = (value: number): string => {
    const known = cache.get(value);
    if (known !== undefined) return known;
    build(value);
    return cache.get(value)!;
  };
  try {
    build(lo);
    // The KPI names from the far end's model, while it is at hand.
    return { ok: true, value: { param, point, known: build(hi, true) } };
  } catch (e) {
    return { ok: false, field: 'range', message: (e as Error).message };
  }
}
