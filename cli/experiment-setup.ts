// What sweep, seek and warmup share before anything runs: the scenario loaded and checked,
// the variant and fixed settings applied, KPI names checked against what the scenario
// reports, and the runner opened through the one place that chooses it (openRunner).
// Each step either gives its value or the exit code after saying why, on stderr.
import { loadScenario } from '../scenarios/load.ts';
import { formatIssues } from '../scenarios/errors.ts';
import type { Scenario } from '../scenarios/schema/scenario.ts';
import { experimentBase } from '../runner/experiment/grid.ts';
import { isKnown, unknownName } from '../runner/experiment/outputs.ts';
import { openRunner } from '../runner/open.ts';
import type { Runner } from '../runner/runner.ts';
import { defaultJobs, type Io } from './validate.ts';
import type { ExperimentArgs } from './options.ts';
import { capWorkers, limitsFrom } from '../runner/counts.ts';
import type { CostLimits } from '../scenarios/cost/limits.ts';

export type Step<T> = { ok: true; value: T } | { ok: false; code: number };

export function fail(io: Io, command: string, message: string, code = 1): { ok: false; code: number } {
  io.err(`pathflow ${command}: ${message}\n`);
  return { ok: false, code };
}

/** The scenario the experiment varies: the file, its --variant (default the baseline) and --set settings. */
export function loadBase(io: Io, command: string, p: ExperimentArgs): Step<{ file: Scenario; base: Scenario; variant: string; settings: string[] }> {
  const loaded = loadScenario(p.file);
  if (!loaded.ok) {
    io.err(`scenario "${p.file}" is invalid:\n${formatIssues(loaded.issues)}\n`);
    return { ok: false, code: 1 };
  }
  const variant = p.texts.get('--variant') ?? 'baseline';
  const known = ['baseline', ...loaded.value.variants.map((v) => v.id)];
  // As `run` does: an unknown variant is a usage error.
  if (!known.includes(variant)) return fail(io, command, `unknown variant "${variant}" (known: ${known.join(', ')})`, 2);
  const settings = p.lists.get('--set') ?? [];
  const base = experimentBase(loaded.value, variant, settings);
  if (!base.ok) return fail(io, command, base.message);
  return { ok: true, value: { file: loaded.value, base: base.value, variant, settings } };
}

/** KPI names the probe does not know are an error listing the ones that exist; 'maybe' names are checked again on the results. */
export function checkKpis(io: Io, command: string, names: readonly string[], known: readonly string[]): Step<string[]> {
  const bad = names.find((n) => isKnown(n, known) === 'no');
  if (bad !== undefined) return fail(io, command, unknownName('KPI', bad, known));
  return { ok: true, value: names.filter((n) => isKnown(n, known) === 'maybe') };
}

/** The limits with --limit applied, or the usage message. */
export function limitsOf(command: string, p: ExperimentArgs): CostLimits | { usage: string } {
  const l = limitsFrom(command, p.lists.get('--limit') ?? []);
  return typeof l === 'string' ? { usage: l } : l;
}

/** The runner of --workers / --redis (or PATHFLOW_REDIS_URL): no more local workers than CPUs (said) or tasks. */
export async function open(io: Io, command: string, p: ExperimentArgs, tasks: number, limits: CostLimits): Promise<Step<Runner>> {
  try {
    const asked = p.counts.get('--workers');
    const cpus = asked === undefined ? defaultJobs() : capWorkers(asked, '--workers', (m) => io.err(`pathflow ${command}: ${m}\n`));
    const workers = Math.max(1, Math.min(cpus, tasks));
    return { ok: true, value: await openRunner({ workers, redis: p.texts.get('--redis'), heapMb: limits.workerMemoryMb }) };
  } catch (e) {
    return fail(io, command, e instanceof Error ? e.message : String(e));
  }
}

/**
 * Runs `work` on the opened runner: a failure clears the progress line and is reported
 * (exit 1); the runner is closed either way, and the progress line cleared on success.
 */
export async function onRunner<T>(io: Io, command: string, runner: Runner, bar: { clear(): void }, work: (r: Runner) => Promise<T>): Promise<Step<T>> {
  try {
    const value = await work(runner);
    bar.clear();
    return { ok: true, value };
  } catch (e) {
    bar.clear();
    return fail(io, command, e instanceof Error ? e.message : String(e));
  } finally {
    await runner.close();
  }
}

