// `pathflow validate FILE`: runs reference cases (the format of docs/validation.md) and
// prints, per case, every expected value beside the measured mean, its 95% confidence
// interval, the tolerance and PASS or FAIL, then the consistency checks; the last line is
// `N passed, M failed`, counting metrics and checks. Exit 0 if all passed, 1 if anything
// failed, 2 if the file cannot be read or is invalid.
import { readTextFile } from '../scenarios/read-text-file.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../scenarios/load.ts';
import { availableParallelism } from 'node:os';
import { formatIssues, type Issue } from '../scenarios/errors.ts';
import { parseReferenceFile, type ReferenceCase } from '../validation/schema.ts';
import { checkCase, inProcess, planCase, type CasePlan, type CaseReport, type Runner } from '../validation/check.ts';
import { workerPool } from '../validation/parallel.ts';
import type { CostLimits } from '../scenarios/cost/limits.ts';
import { largest } from '../engine/core/extremes.ts';

export interface ValidateOptions {
  file: string;
  json: boolean;
  cases: string[];
  seed: number;
  smoke?: number;
  jobs: number;
  /** Limits on each case's replications, arrivals, events and patients present (scenarios/cost). */
  limits?: CostLimits;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const defaultJobs = () => Math.max(1, availableParallelism());

/** Reads and checks the file; a message for exit code 2 when it cannot be used. */
export function loadCases(file: string, only: string[]): { ok: true; cases: ReferenceCase[]; index: number[] } | { ok: false; message: string } {
  const read = readTextFile(file, MAX_SCENARIO_FILE_BYTES);
  if (!read.ok) {
    if (read.tooLarge) return { ok: false, message: `cannot read ${file}: it holds more than the ${MAX_SCENARIO_FILE_BYTES / 1e6} MB a case file may be` };
    const code = read.code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : read.message;
    return { ok: false, message: `cannot read ${file}: ${why}` };
  }
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${file} is not valid JSON: ${(e as Error).message}` };
  }
  const parsed = parseReferenceFile(data);
  if (!parsed.ok) return { ok: false, message: invalid(file, parsed.issues) };
  const cases = parsed.file.cases;
  const unknown = only.filter((id) => !cases.some((c) => c.id === id));
  if (unknown.length) return { ok: false, message: `${file} has no case ${unknown.map((u) => `"${u}"`).join(', ')} (cases: ${cases.map((c) => c.id).join(', ')})` };
  const index = cases.flatMap((c, i) => (only.length === 0 || only.includes(c.id) ? [i] : []));
  return { ok: true, cases: index.map((i) => cases[i]), index };
}

const invalid = (file: string, issues: readonly Issue[]) => `${file} is invalid:\n${formatIssues(issues)}`;

export async function validate(o: ValidateOptions, io: Io): Promise<number> {
  const loaded = loadCases(o.file, o.cases);
  if (!loaded.ok) {
    io.err(`pathflow validate: ${loaded.message}\n`);
    return 2;
  }
  const { cases, index } = loaded;
  const options = { seed: o.seed, smoke: o.smoke, limits: o.limits };
  // Plan every case first, so that a case the model cannot express stops the run before it starts.
  const plans: CasePlan[] = [];
  const issues: Issue[] = [];
  cases.forEach((c, k) => {
    const planned = planCase(c, options);
    if (planned.ok) plans.push(planned.plan);
    else for (const i of planned.issues) issues.push({ path: ['cases', index[k], ...i.path], message: i.message });
  });
  if (issues.length) {
    io.err(`pathflow validate: ${invalid(o.file, issues)}\n`);
    return 2;
  }

  const pool = o.jobs > 1 ? workerPool(o.jobs) : null;
  const runner: Runner = pool?.runner ?? inProcess;
  const started = performance.now();
  if (!o.json && o.smoke !== undefined) io.out(`SMOKE RUN (--smoke ${o.smoke}): measured windows ${o.smoke}× shorter, tolerances ${Math.sqrt(o.smoke).toPrecision(3)}× wider. Not a validation.\n\n`);
  const reports: CaseReport[] = [];
  const errors: { id: string; error: string }[] = [];
  try {
    // All cases at once, so that the workers stay busy; printed in file order as they finish.
    const pending = cases.map((c, i) => checkCase(c, plans[i], options, runner).then(
      (report) => ({ report }),
      (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
    ));
    for (const [k, p] of pending.entries()) {
      const done = await p;
      if ('error' in done) {
        // A run that stops (an engine error) fails its case; the others go on.
        errors.push({ id: cases[k].id, error: done.error });
        io.err(`pathflow validate: case "${cases[k].id}" could not run: ${done.error}\n`);
        continue;
      }
      reports.push(done.report);
      if (!o.json) io.out(table(done.report, o.smoke !== undefined));
    }
  } finally {
    await pool?.close();
  }
  const summary = { ...summarise(reports), errors: errors.length };
  summary.failed += errors.length;
  summary.casesFailed += errors.length;
  if (o.json) {
    io.out(JSON.stringify({
      format: 'pathflow-validate/1', file: o.file, seed: o.seed, smoke: o.smoke ?? null,
      seconds: (performance.now() - started) / 1000, cases: reports, errors, summary,
    }, null, 2) + '\n');
  } else {
    const smoke = o.smoke !== undefined ? ` (smoke run, --smoke ${o.smoke})` : '';
    io.out(`${cases.length} case${cases.length === 1 ? '' : 's'}${smoke}, ${summary.casesFailed} with a failure; ${summary.notChecked} check${summary.notChecked === 1 ? '' : 's'} not checked; ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    io.out(`${summary.passed} passed, ${summary.failed} failed\n`);
  }
  return summary.failed > 0 ? 1 : 0;
}

export function summarise(reports: readonly CaseReport[]) {
  let passed = 0, failed = 0, notChecked = 0, casesFailed = 0;
  for (const r of reports) {
    const bad = r.metrics.filter((m) => !m.pass).length + r.checks.filter((k) => !k.pass).length;
    passed += r.metrics.length + r.checks.length - bad;
    failed += bad;
    notChecked += r.unchecked.length;
    if (bad > 0) casesFailed++;
  }
  return { passed, failed, notChecked, cases: reports.length, casesFailed };
}

// ---------------------------------------------------------------- text output

const g = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : x === Infinity ? '∞' : '—');
const scopeText = (s: Record<string, unknown> | undefined) =>
  s && Object.keys(s).length ? ` [${Object.entries(s).map(([k, v]) => `${k}=${v}`).join(', ')}]` : '';

function table(r: CaseReport, smoke: boolean): string {
  const extra = r.replications > r.recommended ? ` (${r.recommended} recommended; more for precision)` : '';
  return caseTable(r, `${r.id}${r.family ? ` (${r.family})` : ''}: ${r.replications} replications${extra}, warm-up ${g(r.warmup)} h, horizon ${g(r.horizon)} h${r.smoke ? ' [smoke]' : smoke ? ' [full length: it expects totals over the window]' : ''}, ${r.seconds.toFixed(1)} s of computing`);
}

/** A case's verdicts under its header line: one row per metric, then the consistency checks. */
export function caseTable(r: CaseReport, header: string): string {
  const lines: string[] = [header];
  const head = ['metric', 'expected', 'mean', '95% CI', 'tolerance', 'verdict'];
  const rows = r.metrics.map((m) => [
    `${m.metric}${scopeText(m.scope)}${m.variant !== 'generic' ? ` (${m.variant})` : ''}`,
    g(m.value),
    g(m.mean),
    Number.isFinite(m.halfWidth) ? `± ${g(m.halfWidth)}` : '—',
    `± ${g(m.tolerance)}`,
    `${m.pass ? 'PASS' : 'FAIL'}${m.reason ? ` (${m.reason})` : ''}${m.notes.length ? `; note: ${m.notes.join('; ')}` : ''}`,
  ]);
  const widths = head.map((h, c) => largest([h.length, ...rows.map((row) => row[c].length)]));
  const line = (row: string[]) => '  ' + row.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : c === row.length - 1 ? x : x.padStart(widths[c]))).join('  ');
  lines.push(line(head));
  for (const row of rows) lines.push(line(row));
  for (const k of r.checks) {
    const detail = k.sides.length === 2 && k.tolerance === k.sides[1] && k.text.includes('<=')
      ? `|gap| ${g(k.sides[0])} ≤ ${g(k.sides[1])}`
      : `${k.sides.map(g).join(' vs ')} (± ${g(k.tolerance)})`;
    lines.push(`  check ${k.text}${scopeText(k.scope)}: ${detail}  ${k.pass ? 'PASS' : 'FAIL'}`);
  }
  for (const u of r.unchecked) lines.push(`  check ${u.text}: not checked (${u.reason})`);
  return lines.join('\n') + '\n\n';
}
