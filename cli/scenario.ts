// `pathflow check FILE`, `pathflow schema` and `pathflow run FILE`: the scenario language
// from the command line. Exit codes: 0 fine, 1 an invalid scenario (every error listed
// with its path), 2 a usage error (unknown option or variant).
import { z } from 'zod';
import { formatIssues, type Issue } from '../scenarios/errors.ts';
import { loadScenario } from '../scenarios/load.ts';
import { ScenarioSchema, type Scenario } from '../scenarios/schema/scenario.ts';
import { compileVariants } from '../scenarios/run.ts';
import { runExperiment, type Runner } from '../server/runner/runner.ts';
import { openRunner } from '../server/runner/open.ts';
import type { RunResultDoc } from '../scenarios/schema/run-result.ts';
import { kpiInfo } from '../scenarios/kpis/catalogue.ts';
import type { Io } from './validate.ts';
import { formatPath } from '../scenarios/errors.ts';
import { summary } from '../scenarios/cost/check.ts';
import { budgetOf, defaultCostLimits, type CostLimits } from '../scenarios/cost/limits.ts';

function invalid(io: Io, command: string, file: string, issues: readonly Issue[]): number {
  // A file that cannot be read or parsed at all (missing, bad syntax, an alias bomb) is one
  // line, as other command-line tools say it; a scenario with errors lists them with paths.
  const [only] = issues;
  if (issues.length === 1 && only.path.length === 0) io.err(`pathflow ${command}: ${file}: ${only.message}\n`);
  else io.err(`scenario "${file}" is invalid:\n${formatIssues(issues)}\n`);
  return 1;
}

/** Loaded, checked against the limits and compiled (every variant), or the exit code after saying why. */
function prepare(command: string, file: string, io: Io, only: string[] | undefined, limits: CostLimits) {
  const loaded = loadScenario(file);
  if (!loaded.ok) return { code: invalid(io, command, file, loaded.issues) };
  const compiled = compileVariants(loaded.value, only, limits);
  if (!compiled.ok) return { code: invalid(io, command, file, compiled.issues) };
  return { scenario: loaded.value, variants: compiled.value, warnings: compiled.warnings, cost: compiled.cost };
}

/** "warning: path: message" lines on stderr: what the cost model says without refusing. */
export function warn(io: Io, prefix: string, warnings: readonly Issue[]): void {
  for (const w of warnings) io.err(`${prefix}warning: ${formatPath(w.path)}: ${w.message}\n`);
}

export function check(file: string, io: Io, limits: CostLimits = defaultCostLimits): number {
  const r = prepare('check', file, io, undefined, limits);
  if ('code' in r) return r.code!;
  const s = r.scenario;
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const wards = s.sites.reduce((n, x) => n + x.wards.length, 0);
  io.out(`ok: "${s.id}" — ${count(s.sites.length, 'site')}, ${count(wards, 'ward')}, ${count(s.classes.length, 'class', 'classes')}, ` +
    `${count(Object.keys(s.pathways).length, 'pathway')}, ${count(s.variants.length, 'variant')}\n`);
  io.out(`${summary(r.cost.estimates[0].estimate)}\n`);
  warn(io, '', r.warnings);
  return 0;
}

export function schema(io: Io): number {
  io.out(JSON.stringify(z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }), null, 2) + '\n');
  return 0;
}

export interface RunArgs {
  file: string;
  replications?: number;
  seed?: number;
  variants?: string[];
  format: 'table' | 'json' | 'csv';
  /** Worker threads (1: in this thread, one replication after another). */
  workers: number;
  /** Run on the job queue at this Redis URL instead (also PATHFLOW_REDIS_URL; see `pathflow worker`). */
  redis?: string;
  /** The limits the scenario is checked against and its replications run under. */
  limits?: CostLimits;
}

export async function run(a: RunArgs, io: Io, progress = process.stderr.isTTY === true): Promise<number> {
  const loaded = loadScenario(a.file);
  if (!loaded.ok) return invalid(io, 'run', a.file, loaded.issues);
  const s = loaded.value;
  const known = s.variants.map((v) => v.id);
  const unknown = (a.variants ?? []).filter((v) => !known.includes(v) && v !== 'baseline');
  if (unknown.length) {
    io.err(`pathflow run: unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `"${v}"`).join(', ')} (known: ${known.join(', ') || 'none'})\n`);
    return 2;
  }
  const limits = a.limits ?? defaultCostLimits;
  const r = prepare('run', a.file, io, a.variants, limits);
  if ('code' in r) return r.code!;
  // An overloaded resource is one of the run's own warnings (under the table, in --json): said once, there.
  warn(io, 'pathflow run: ', r.warnings.filter((w) => !r.cost.overloads.includes(w)));
  const started = Date.now();
  const plan = {
    replications: a.replications ?? s.time.replications,
    seed: a.seed ?? s.time.seed,
    onProgress: progress ? (done: number, total: number) => io.err(`\rrunning ${done}/${total} replications${timeLeft(started, done, total)}`) : undefined,
  };
  let doc: RunResultDoc;
  let runner: Runner;
  try {
    // Never more workers than replications.
    runner = await openRunner({ workers: Math.min(a.workers, r.variants.length * plan.replications), redis: a.redis, heapMb: limits.workerMemoryMb, onNotice: (m) => io.err(`pathflow run: ${m}\n`) });
  } catch (e) {
    io.err(`pathflow run: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  // Ctrl-C cancels the run, so that its jobs leave the queue (a local run just stops).
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort(new Error('cancelled (interrupted)'));
  process.once('SIGINT', onInterrupt);
  try {
    doc = await runExperiment(s, r.variants, { ...plan, signal: interrupt.signal, budget: budgetOf(limits) }, runner);
  } catch (e) {
    if (progress) io.err('\r\x1b[K');
    io.err(`pathflow run: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    await runner.close();
  }
  if (progress) io.err('\r\x1b[K');
  if (a.format === 'json') io.out(JSON.stringify(doc, null, 2) + '\n');
  else if (a.format === 'csv') {
    io.out(csv(doc));
    // CSV has no place for them, and readers of the file still need them.
    if (doc.warnings.length) io.err(warningLines(doc));
  } else io.out(table(s, doc));
  return 0;
}

/** ", about 40 s left" from the pace so far (nothing until a tenth is done: too early to say). */
function timeLeft(started: number, done: number, total: number): string {
  if (done < total / 10 || done === total) return '\x1b[K';
  const s = Math.round(((Date.now() - started) / done) * (total - done) / 1000);
  return `, ${s === 0 ? 'under a second' : `about ${s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`}`} left\x1b[K`;
}

const DAGGER = '†';
const num = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const ci = (e: { mean: number | null; ciLow: number | null; ciHigh: number | null; unreliable?: string }) =>
  e.mean === null ? '—' : e.ciLow === null ? num(e.mean) : `${num(e.mean)} [${num(e.ciLow)}, ${num(e.ciHigh)}]${e.unreliable ? DAGGER : ''}`;
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${num(x)}`);

function table(s: Scenario, doc: RunResultDoc): string {
  const [base, ...others] = doc.variants;
  const header = ['KPI', 'unit', 'baseline mean [95% CI]', ...others.flatMap((v) => [`${v.id} mean [95% CI]`, `Δ ${v.id} [paired 95% CI]`])];
  // Every KPI any variant reports (a variant may add a list, a policy, a ward), baseline first.
  const names = [...new Set(doc.variants.flatMap((v) => Object.keys(v.kpis)))];
  const rows = names.map((name) => {
    const info = kpiInfo(name);
    return [name, info?.unit ?? '', base.kpis[name] ? ci(base.kpis[name]) : '—', ...others.flatMap((v) => {
      const c = doc.comparisons.find((x) => x.variant === v.id && x.kpi === name);
      const d = c ? (c.ciLow === null ? signed(c.difference) : `${signed(c.difference)} [${signed(c.ciLow)}, ${signed(c.ciHigh)}]${c.unreliable ? DAGGER : ''}`) : '—';
      return [v.kpis[name] ? ci(v.kpis[name]) : '—', d];
    })];
  });
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => r.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  const title = `${s.title} — ${doc.replications} replications, seed ${doc.seed}, common random numbers\n`;
  return title + [line(header), ...rows.map(line)].join('\n') + '\n' + unreliableLines(doc) + warningLines(doc);
}

/** Footnotes lines at most: the rest are in the JSON document. */
const MAX_NOTES = 12;

/** The footnote to † marks: why each interval is unreliable (a reason every one shares, once). */
function unreliableLines(doc: RunResultDoc): string {
  const marked = [
    ...doc.variants.flatMap((v) => Object.entries(v.kpis).filter(([, e]) => e.unreliable).map(([kpi, e]) => ({ where: `${kpi} (${v.id})`, why: e.unreliable! }))),
    ...doc.comparisons.filter((c) => c.unreliable).map((c) => ({ where: `Δ ${c.kpi} (${c.variant})`, why: c.unreliable! })),
  ];
  if (marked.length === 0) return '';
  const first = (why: string) => why.split('; ')[0];
  const shared = marked.every((m) => first(m.why) === first(marked[0].why)) && marked.length > 1 ? first(marked[0].why) : undefined;
  const rest = marked.map((m) => ({ ...m, why: shared ? m.why.split('; ').slice(1).join('; ') : m.why })).filter((m) => m.why);
  const lines = [`\n${DAGGER} unreliable interval${shared ? `: every one here, ${shared}` : 's'}${rest.length ? (shared ? '; and' : ':') : ''}`];
  for (const m of rest.slice(0, MAX_NOTES)) lines.push(`  ${m.where}: ${m.why}`);
  if (rest.length > MAX_NOTES) lines.push(`  … and ${rest.length - MAX_NOTES} more ("unreliable" in --json)`);
  return lines.join('\n') + '\n';
}

/** The run's warnings, serious first, each with the option it concerns. */
export function warningLines(doc: RunResultDoc): string {
  if (doc.warnings.length === 0) return '';
  const serious = doc.warnings.filter((w) => w.severity === 'serious').length;
  const head = `\nWarnings (${[serious ? `${serious} serious` : '', doc.warnings.length - serious ? `${doc.warnings.length - serious} caution` : ''].filter(Boolean).join(', ')}):`;
  const run = doc.variants.length > 1 ? 'every option' : doc.variants[0].id;
  return [head, ...doc.warnings.map((w) => `  [${w.severity}] ${w.variant ?? run}: ${w.message}`)].join('\n') + '\n';
}

export function csv(doc: RunResultDoc): string {
  const q = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const v = (x: number | null) => (x === null ? '' : String(x));
  const lines = ['variant,kpi,unit,better,mean,ciLow,ciHigh,difference,diffCiLow,diffCiHigh,unreliable,diffUnreliable'];
  for (const variant of doc.variants) {
    for (const [name, e] of Object.entries(variant.kpis)) {
      const info = kpiInfo(name);
      const c = doc.comparisons.find((x) => x.variant === variant.id && x.kpi === name);
      lines.push([q(variant.id), q(name), q(info?.unit ?? ''), info?.better ?? '', v(e.mean), v(e.ciLow), v(e.ciHigh),
        v(c?.difference ?? null), v(c?.ciLow ?? null), v(c?.ciHigh ?? null), q(e.unreliable ?? ''), q(c?.unreliable ?? '')].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
