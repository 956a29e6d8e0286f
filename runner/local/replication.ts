// Running one replication task (messages.ts) wherever it lands: a pool worker, the main
// thread, or a job-queue worker. Each (scenario, variant) is parsed and compiled once and
// kept (a few, least recently used first out, so a long-lived process serving many
// scenarios stays bounded in memory).
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';
import { compileVariant, runOne, type CompiledVariant } from '../replicate.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import type { ReplicationResult, ReplicationTask } from './messages.ts';

const KEEP = 8;
const scenarios = new Map<string, { scenario: Scenario; variants: Map<string, CompiledVariant> }>();

function compiled(task: ReplicationTask): CompiledVariant {
  let entry = scenarios.get(task.scenario);
  if (entry) scenarios.delete(task.scenario); // re-inserted below: most recently used last
  else {
    const parsed = parseScenario(JSON.parse(task.scenario));
    if (!parsed.ok) throw new Error(`the scenario sent to the worker is invalid:\n${formatIssues(parsed.issues)}`);
    entry = { scenario: parsed.value, variants: new Map() };
  }
  scenarios.set(task.scenario, entry);
  while (scenarios.size > KEEP) scenarios.delete(scenarios.keys().next().value!);
  let v = entry.variants.get(task.variant);
  if (!v) {
    const c = compileVariant(entry.scenario, task.variant);
    if (!c.ok) throw new Error(`variant "${task.variant}" does not compile:\n${formatIssues(c.issues)}`);
    entry.variants.set(task.variant, (v = c.value));
  }
  return v;
}

/**
 * Variants the caller has already parsed and compiled, kept for tasks of that scenario run
 * in this thread (the in-thread runner), so a run compiles its scenario once, not again
 * for its replications. `json` is the tasks' scenario text, the cache's key.
 */
export function rememberCompiled(json: string, scenario: Scenario, variants: readonly CompiledVariant[]): void {
  const entry = scenarios.get(json) ?? { scenario, variants: new Map<string, CompiledVariant>() };
  for (const v of variants) entry.variants.set(v.id, v);
  scenarios.delete(json);
  scenarios.set(json, entry);
  while (scenarios.size > KEEP) scenarios.delete(scenarios.keys().next().value!);
}

/** Replication `task.replication` of the task's variant: the same numbers wherever it runs. */
export function runTask(task: ReplicationTask): ReplicationResult {
  const v = compiled(task);
  return runOne(v.model, task.seed, task.replication, task.series, { budget: task.budget, loads: v.loads });
}
