// Scenario reference cases: a scenario file in the language users write (YAML or JSON)
// whose `expect` block gives, for some KPIs, the value theory says they must have
// (scenarios/schema/expect.ts; the project's own cases are scenarios/reference/*.yaml).
// It goes through the code path of `pathflow run`: loaded by scenarios/load.ts, compiled,
// each replication run as a task (the scenario's JSON, "baseline", seed, k) by the same
// runner, which compiles it again and calls runOne, and the KPIs read by name. Each KPI is
// judged with the rules of the engine-level cases (check.ts): a 95% confidence interval
// over replications, the precision gate, PASS iff |mean − value| ≤ tolerance.
import type { Issue } from '../scenarios/errors.ts';
import { loadScenario } from '../scenarios/load.ts';
import { compileVariant, type Replication } from '../runner/replicate.ts';
import type { Scenario } from '../scenarios/schema/scenario.ts';
import { toleranceOf, type Expect } from '../scenarios/schema/expect.ts';
import { isKnown, outputNames, unknownName } from '../runner/experiment/outputs.ts';
import { estimate } from '../engine/experiment/summary.ts';
import { DAY } from '../engine/hospital/week.ts';
import { untilPrecise, verdict, type CaseReport, type MetricVerdict } from './check.ts';
import { checkCost } from '../scenarios/cost/check.ts';
import { budgetOf, defaultCostLimits, type Budget, type CostLimits } from '../scenarios/cost/limits.ts';

export interface ScenarioCase {
  file: string;
  /** As loaded (variants and the expect block included): what each replication task carries. */
  scenario: Scenario;
  expect: Expect;
  /** Each replication's budgets (from the limits it was loaded under). */
  budget: Budget;
}

/**
 * Loads, checks (against the limits too, as `pathflow run` does) and compiles a scenario
 * case; every problem is an issue with its path (expect["name"] for a KPI the scenario
 * does not report).
 */
export function loadScenarioCase(file: string, limits: CostLimits = defaultCostLimits): { ok: true; value: ScenarioCase } | { ok: false; issues: Issue[] } {
  const loaded = loadScenario(file);
  if (!loaded.ok) return loaded;
  const s = loaded.value;
  const expect = s.expect ?? {};
  if (Object.keys(expect).length === 0)
    return { ok: false, issues: [{ path: ['expect'], message: 'no expected values: a reference case gives them in an `expect` block (docs/validation.md)' }] };
  // Only the baseline runs: its cost, not the variants'.
  const cost = checkCost(s, limits, []);
  if (cost.issues.length) return { ok: false, issues: cost.issues };
  const compiled = compileVariant(s, 'baseline');
  if (!compiled.ok) return compiled;
  // A KPI name the scenario cannot report is a mistake to show before a long run.
  const known = outputNames(compiled.value.model).kpis;
  const issues = Object.keys(expect).filter((name) => isKnown(name, known) === 'no').map((name) => ({ path: ['expect', name], message: unknownName('KPI', name, known) }));
  return issues.length ? { ok: false, issues } : { ok: true, value: { file, scenario: s, expect, budget: budgetOf(limits) } };
}

/** What runs replications: the shape of runner's Runner (the runner of `pathflow run`), so any of its back ends will do. */
export interface TaskRunner {
  run(task: { scenario: string; variant: string; seed: number; replication: number; series: boolean; budget?: Budget }): Promise<Replication>;
}

/**
 * Runs the baseline's replications (the scenario's `time.replications`, more if the
 * precision gate asks) and judges every expected KPI. `seed` overrides the scenario's.
 */
export async function checkScenarioCase(c: ScenarioCase, options: { seed?: number }, runner: TaskRunner): Promise<CaseReport> {
  const started = performance.now();
  const s = c.scenario;
  const json = JSON.stringify(s);
  const seed = options.seed ?? s.time.seed;
  const { rows, judged } = await untilPrecise(
    s.time.replications,
    (reps) => Promise.all(reps.map((k) => runner.run({ scenario: json, variant: 'baseline', seed, replication: k, series: false, budget: c.budget }).then((r) => r.kpis))),
    (rows) => judgeKpis(c.expect, rows),
  );
  return {
    id: s.id,
    family: s.title,
    replications: rows.length,
    recommended: s.time.replications,
    warmup: s.time.warmupDays * DAY,
    horizon: s.time.horizonDays * DAY,
    smoke: null,
    metrics: judged,
    checks: [],
    unchecked: [],
    seconds: (performance.now() - started) / 1000,
  };
}

/** Each expected KPI judged on the replications' KPIs so far. */
export function judgeKpis(expect: Expect, rows: readonly Record<string, number>[]): MetricVerdict[] {
  return Object.entries(expect).map(([name, e]) => {
    const tolerance = toleranceOf(e);
    const base = { metric: name, definition: e.theory, source: e.source, variant: 'generic' as const, value: e.value, tolerance };
    const xs = rows.map((r) => r[name]);
    // Some KPIs appear only once something happens (a wait for a skill): absent from every replication, it is not there at all.
    if (xs.every((x) => x === undefined)) {
      const metric = name.slice(0, name.indexOf('['));
      const same = Object.keys(rows[0] ?? {}).filter((k) => k.startsWith(`${metric}[`));
      const note = `no replication reported this KPI${same.length ? ` (reported: ${same.join(', ')})` : ''}`;
      return { ...base, n: rows.length, mean: NaN, halfWidth: NaN, pass: false, reason: 'not reported', notes: [note] };
    }
    if (xs.some((x) => x === undefined || !Number.isFinite(x))) return { ...base, n: rows.length, mean: NaN, halfWidth: NaN, ...verdict(e.value, tolerance, { n: rows.length, mean: NaN, halfWidth: NaN }) };
    const { n, mean, halfWidth } = estimate(xs);
    return { ...base, n, mean, halfWidth, ...verdict(e.value, tolerance, { n, mean, halfWidth }) };
  });
}
