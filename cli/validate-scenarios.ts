// `pathflow validate` on scenario reference cases: scenario files (YAML, or JSON without
// `format_version`) with an `expect` block, or directories of them (their .yaml/.yml
// files). Each case runs as `pathflow run` runs it — the same loader, compiler and
// runner, on the local worker pool — and every expected KPI is judged as the engine-level
// cases are (validation/scenario-case.ts). A file that cannot be used (not
// found, invalid, no expect block, a KPI the scenario does not report) is reported with
// its issues and the other cases still run. Exit 0 if every KPI passed, 1 if one failed
// or a case could not run, 2 if a file was unusable.
import { readdirSync, statSync } from 'node:fs';
import { readTextFile } from '../scenarios/read-text-file.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../scenarios/load.ts';
import { extname, join } from 'node:path';
import { formatIssues } from '../scenarios/errors.ts';
import { checkScenarioCase, loadScenarioCase, type ScenarioCase } from '../validation/scenario-case.ts';
import type { CaseReport } from '../validation/check.ts';
import { openRunner } from '../runner/open.ts';
import type { CostLimits } from '../scenarios/cost/limits.ts';
import { caseTable, summarise, type Io } from './validate.ts';

const isYaml = (path: string) => /^\.ya?ml$/i.test(extname(path));

/**
 * Whether `path` holds scenario reference cases rather than an engine-level case file
 * (format_version, cases: docs/validation.md): a directory, a YAML file, or JSON that is
 * not a case file.
 */
export function holdsScenarioCases(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return true;
  } catch {
    return isYaml(path); // not there: its reader says so
  }
  if (isYaml(path)) return true;
  const read = readTextFile(path, MAX_SCENARIO_FILE_BYTES);
  if (!read.ok) return false; // the case-file reader says why
  try {
    const data = JSON.parse(read.text) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) && !('format_version' in data) && !('cases' in data);
  } catch {
    return false; // not JSON: the case-file reader says why
  }
}

/** The files named, with each directory replaced by its YAML files in name order. */
function expand(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    try {
      if (statSync(p).isDirectory()) return readdirSync(p).filter(isYaml).sort().map((f) => join(p, f));
    } catch {
      // Not there: the loader says so.
    }
    return [p];
  });
}

export interface ScenarioValidateOptions {
  paths: string[];
  json: boolean;
  /** Scenario ids to run (all if empty). */
  cases: string[];
  /** Overrides each scenario's time.seed. */
  seed?: number;
  jobs: number;
  /** The scenario limits each case is checked against, and its replications' budgets (--limit). */
  limits?: CostLimits;
}

export async function validateScenarios(o: ScenarioValidateOptions, io: Io): Promise<number> {
  const files = expand(o.paths);
  if (files.length === 0) {
    io.err(`pathflow validate: no scenario files (.yaml, .yml) in ${o.paths.join(', ')}\n`);
    return 2;
  }
  const loaded: ScenarioCase[] = [];
  const unusable: { file: string; issues: string }[] = [];
  for (const file of files) {
    const c = loadScenarioCase(file, o.limits);
    if (c.ok) loaded.push(c.value);
    else unusable.push({ file, issues: formatIssues(c.issues) });
  }
  for (const u of unusable) io.err(`pathflow validate: ${u.file} cannot be used as a reference case:\n${u.issues}\n`);
  const ids = loaded.map((c) => c.scenario.id);
  const unknown = o.cases.filter((id) => !ids.includes(id));
  if (unknown.length) {
    io.err(`pathflow validate: no case ${unknown.map((u) => `"${u}"`).join(', ')} (cases: ${ids.join(', ') || 'none'})\n`);
    return 2;
  }
  const cases = loaded.filter((c) => o.cases.length === 0 || o.cases.includes(c.scenario.id));

  const started = performance.now();
  const reports: (CaseReport & { file: string })[] = [];
  const errors: { id: string; error: string }[] = [];
  const runner = await openRunner({ workers: o.jobs });
  try {
    // All cases at once, so that the workers stay busy; printed in file order as they finish.
    const pending = cases.map((c) => checkScenarioCase(c, { seed: o.seed }, runner).then(
      (report) => ({ report }),
      (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
    ));
    for (const [k, p] of pending.entries()) {
      const done = await p;
      const c = cases[k];
      if ('error' in done) {
        errors.push({ id: c.scenario.id, error: done.error });
        io.err(`pathflow validate: case "${c.scenario.id}" could not run: ${done.error}\n`);
        continue;
      }
      reports.push({ file: c.file, ...done.report });
      if (!o.json) io.out(caseTable(done.report, header(c, done.report)));
    }
  } finally {
    await runner.close();
  }
  const summary = { ...summarise(reports), errors: errors.length, unusable: unusable.length };
  summary.failed += errors.length;
  summary.casesFailed += errors.length;
  const seconds = (performance.now() - started) / 1000;
  if (o.json) {
    io.out(JSON.stringify({
      format: 'pathflow-validate/1', kind: 'scenario', files, seed: o.seed ?? null, smoke: null,
      seconds, cases: reports, errors, unusable, summary,
    }, null, 2) + '\n');
  } else {
    const bad = unusable.length ? `; ${unusable.length} file${unusable.length === 1 ? '' : 's'} unusable` : '';
    io.out(`${cases.length} scenario case${cases.length === 1 ? '' : 's'}, ${summary.casesFailed} with a failure${bad}; ${seconds.toFixed(1)} s\n`);
    io.out(`${summary.passed} passed, ${summary.failed} failed\n`);
  }
  return unusable.length > 0 ? 2 : summary.failed > 0 ? 1 : 0;
}

const days = (hours: number) => Number((hours / 24).toPrecision(6));

function header(c: ScenarioCase, r: CaseReport): string {
  const extra = r.replications > r.recommended ? ` (${r.recommended} in the file; more for precision)` : '';
  return `${r.id} (${c.file}): ${r.replications} replications${extra}, warm-up ${days(r.warmup)} days, horizon ${days(r.horizon)} days`;
}
