// Every point of a sweep's grid checked as a scenario of its own (schema, limits,
// compiled: grid.ts pointScenario) before anything runs, for `pathflow sweep` and the
// server alike, and kept as the text its replications are sent as. Only the text: the
// parsed and compiled scenario of a point of a model of 300 wards took 3.7 MB, so an
// 80 KB scenario swept over 2,000 values of one field ran the server out of memory.
// What the grid's text may take in all is held to MAX_SWEEP_SCENARIO_BYTES, counted from
// the base's size before any point is built.
import { grouped } from '../../engine/core/errors.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import { gridSize, pointLabel, pointScenario, type Parameter, type PointScenario } from './grid.ts';
import { outputNames } from './outputs.ts';

/** The grid's scenarios, as text, at most: 10,000 points of the ED of the library (11 KB each) fit. */
export const MAX_SWEEP_SCENARIO_BYTES = 128 * 1024 * 1024;

/** Invalid points listed before giving up (a whole axis of bad values says the same thing each time). */
const SHOW_INVALID = 5;

/** Text of scenarios checked between two looks at the event loop (a server's thread answers meanwhile). */
const BYTES_PER_TURN = 1024 * 1024;
const POINTS_PER_TURN = 25;

const mb = (bytes: number) => `${grouped(Math.ceil(bytes / (1024 * 1024)))} MB`;

/** Why the grid's scenarios would be too big to check and keep, or undefined. `option` names the parameters in the advice. */
export function sweepTooHeavy(base: Scenario, params: readonly Parameter[], option = '--param'): string | undefined {
  const size = JSON.stringify(base).length;
  const points = gridSize(params);
  if (points * size <= MAX_SWEEP_SCENARIO_BYTES) return undefined;
  return `${grouped(points)} points of a ${grouped(Math.ceil(size / 1024))} KB scenario are about ${mb(points * size)} of scenarios to check and send to the workers, more than the ${mb(MAX_SWEEP_SCENARIO_BYTES)} a sweep may have: use fewer values in ${option}`;
}

export interface CheckedPoints {
  /** Each point's scenario as its replications are sent (JSON), in grid order. */
  scenarios: string[];
  /** KPI names the first point reports (outputs.ts): what the sweep's KPIs are checked against. */
  known: string[];
}

export interface PointChecks {
  /** A further reason to refuse a valid point (a server's own limits), or undefined. */
  within?: (pt: PointScenario, at: string) => string | undefined;
  /** Called between points now and then: a server gives its thread back to answer others. */
  turn?: () => Promise<void>;
}

/** `overLimit`: the check was stopped (a server's time limit), not a point found invalid. */
export type PointsVerdict = { ok: true; value: CheckedPoints } | { ok: false; message: string; overLimit?: boolean };

/** Every point checked, or why some are not valid (the first few, and how many). */
export async function checkPoints(base: Scenario, params: readonly Parameter[], grid: readonly (readonly (number | string)[])[], limits: CostLimits, o: PointChecks = {}): Promise<PointsVerdict> {
  const scenarios: string[] = [];
  const invalid: string[] = [];
  let known: string[] | undefined;
  let since = 0, points = 0;
  for (const values of grid) {
    if (o.turn && (since >= BYTES_PER_TURN || points >= POINTS_PER_TURN)) {
      await o.turn();
      since = points = 0;
    }
    const r = pointScenario(base, params, values, limits);
    const over = r.ok ? o.within?.(r.value, pointLabel(params, values)) : undefined;
    if (r.ok && over === undefined) {
      const text = JSON.stringify(r.value.scenario);
      scenarios.push(text);
      since += text.length;
      known ??= outputNames(r.value.compiled.model).kpis;
    } else invalid.push(r.ok ? over! : r.message);
    points++;
  }
  if (invalid.length) {
    const more = invalid.length > SHOW_INVALID ? `\n… and ${invalid.length - SHOW_INVALID} more invalid points` : '';
    return { ok: false, message: `${invalid.length} of ${grid.length} points give an invalid scenario:\n${invalid.slice(0, SHOW_INVALID).join('\n')}${more}` };
  }
  return { ok: true, value: { scenarios, known: known ?? [] } };
}
