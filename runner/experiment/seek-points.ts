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
export function seekPoints(base: Scenario, name: string, lo: number, hi: number, limits: CostLimits,
  check?: (pt: PointScenario, value: number) => string | undefined): SeekPointsResult {
  const at = locate(name, base);
  if (!at.ok) return { ok: false, field: 'parameter', message: at.message };
  if (typeof at.value.current !== 'number') {
    return { ok: false, field: 'parameter', message: `${formatPath(at.value.path)} is text (${JSON.stringify(at.value.current)}), not a number: seek needs a numeric parameter` };
  }
  const param: Parameter = { name, path: at.value.path, values: [] };
  const cache = new Map<number, string>();
  const build = (value: number): PointScenario => {
    const r = pointScenario(base, [param], [value], limits);
    if (!r.ok) throw new PointError(r.message);
    const refused = check?.(r.value, value);
    if (refused) throw new PointError(refused);
    cache.set(value, JSON.stringify(r.value.scenario));
    return r.value;
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
    return { ok: true, value: { param, point, known: outputNames(build(hi).compiled.model).kpis } };
  } catch (e) {
    return { ok: false, field: 'range', message: (e as Error).message };
  }
}
