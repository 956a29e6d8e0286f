// An experiment's work on whole scenarios, done off the server's thread (checker.ts runs
// it on a thread of its own): the base (the variant and settings applied, as `pathflow
// sweep` and `seek` apply them), what the base offers to vary, every point of a sweep's
// grid, and the values a seek tries. Each is a parse, and most a compilation, of a
// scenario as big as a request may be (over a second near the body limit), as many times
// as there are points or settings.
import type { CostLimits } from '../../scenarios/cost/limits.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import { checkPoints, type PointsVerdict } from '../../runner/experiment/sweep-points.ts';
import { experimentBase, gridPoints, pointScenario, type Parameter, type PointScenario } from '../../runner/experiment/grid.ts';
import { seekPoint } from '../../runner/experiment/seek-points.ts';
import { outputNames } from '../../runner/experiment/outputs.ts';
import { parameterChoices } from '../experiments/choices.ts';
import type { Choices } from '../experiment-schemas.ts';

/** The variant and settings applied to a checked scenario. */
export interface BaseTask {
  kind: 'base';
  /** The checked scenario (variants included) as JSON text. */
  base: string;
  variant: string;
  settings: string[];
}

/** `field`: the request's field to name (`settings[i]`, or `variant`). */
export type BaseVerdict = { ok: true; value: Scenario } | { ok: false; field?: string; message: string; overLimit?: boolean };

/** What an experiment's base offers to vary, and the KPIs it reports. */
export interface ChoicesTask {
  kind: 'choices';
  base: string;
  limits: CostLimits;
}

export type ChoicesVerdict = { ok: true; value: Choices } | { ok: false; message: string; overLimit?: boolean };

/** A sweep's grid: each point's scenario checked, and refused past this server's horizon. */
export interface PointsTask {
  kind: 'points';
  /** The sweep's base scenario (already checked) as JSON text. */
  base: string;
  params: Parameter[];
  limits: CostLimits;
  horizonDays: number;
}

/** Values a seek tries: each one's scenario checked, and refused past this server's horizon; the KPI names from the last. */
export interface SeekPointsTask {
  kind: 'seek-points';
  /** The seek's base scenario (already checked) as JSON text. */
  base: string;
  param: Parameter;
  values: number[];
  limits: CostLimits;
  horizonDays: number;
}

export type SeekPointsVerdict = { ok: true; scenarios: string[]; known: string[] } | { ok: false; message: string; overLimit?: boolean };

export type ExperimentTask = BaseTask | ChoicesTask | PointsTask | SeekPointsTask;

/** A task done in whichever thread calls it; `turn` (a sweep's points) gives the thread back now and then. */
export async function runExperimentTask(t: ExperimentTask, turn?: () => Promise<void>): Promise<BaseVerdict | ChoicesVerdict | PointsVerdict | SeekPointsVerdict> {
  switch (t.kind) {
    case 'base': return baseOf(t);
    case 'choices': return choicesOf(t);
    case 'points': return checkPoints(JSON.parse(t.base), t.params, gridPoints(t.params), t.limits, { within: (pt, at) => withinHorizon(pt, t.horizonDays, at), turn });
    case 'seek-points': return seekValues(t);
  }
}

function baseOf(t: BaseTask): BaseVerdict {
  const s = JSON.parse(t.base) as Scenario;
  const base = experimentBase(s, t.variant, t.settings);
  if (base.ok) return { ok: true, value: base.value };
  // Which setting: the first whose addition makes it fail (the variant alone was checked with the scenario).
  const at = t.settings.findIndex((_, i) => !experimentBase(s, t.variant, t.settings.slice(0, i + 1)).ok);
  return { ok: false, field: at >= 0 ? `settings[${at}]` : 'variant', message: base.message };
}

function choicesOf(t: ChoicesTask): ChoicesVerdict {
  const base = JSON.parse(t.base) as Scenario;
  const pt = pointScenario(base, [], [], t.limits);
  if (!pt.ok) return pt;
  return { ok: true, value: { parameters: parameterChoices(base), kpis: outputNames(pt.value.compiled.model).kpis } };
}

function seekValues(t: SeekPointsTask): SeekPointsVerdict {
  const base = JSON.parse(t.base) as Scenario;
  const scenarios: string[] = [];
  let known: string[] = [];
  for (const [i, value] of t.values.entries()) {
    const r = seekPoint(base, t.param, value, t.limits, (pt) => withinHorizon(pt, t.horizonDays, `${t.param.name}=${value}`), i === t.values.length - 1);
    if (!r.ok) return r;
    scenarios.push(r.text);
    known = r.known;
  }
  return { ok: true, scenarios, known };
}

/** A point's scenario over this server's horizon limit is refused as the base is. */
export function withinHorizon(pt: PointScenario, horizonDays: number, at: string): string | undefined {
  const h = pt.scenario.time.horizonDays;
  return h > horizonDays ? `at ${at} time.horizonDays is ${h}, over this server's limit of ${horizonDays}` : undefined;
}
