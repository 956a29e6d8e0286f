// `pathflow check FILE`, `pathflow schema` and `pathflow run FILE`: the scenario language
// from the command line. Exit codes: 0 fine, 1 an invalid scenario (every error listed
// with its path), 2 a usage error (unknown option or variant).
import { z } from 'zod';
import { formatIssues, type Issue } from '../scenarios/errors.ts';
import { loadScenario } from '../scenarios/load.ts';
import { ScenarioSchema, type Scenario } from '../scenarios/schema/scenario.ts';
import { checkVariants, compileVariants } from '../runner/replicate.ts';
import { runExperiment, type Runner } from '../runner/runner.ts';
import { openRunner } from '../runner/open.ts';
import type { RunResultDoc } from '../scenarios/schema/run-result.ts';
import { UnknownPrecisionKpi, type Precision } from '../runner/precision.ts';
import { runTable, warningLines } from '../runner/report/table.ts';
import { csv, replicationCsv } from '../runner/report/csv.ts';
import { withSettings } from '../runner/experiment/grid.ts';
import type { Io } from './validate.ts';
import { formatPath } from '../scenarios/errors.ts';
import { summary } from '../scenarios/cost/check.ts';
import { budgetOf, defaultCostLimits, type CostLimits } from '../scenarios/cost/limits.ts';
import { eventLog, type EventLogArgs } from './event-log.ts';
import { machineFacts } from '../runner/report/stress.ts';

function invalid(io: Io, command: string, file: string, issues: readonly Issue[]): number {
  // A file that cannot be read or parsed at all (missing, bad syntax, an alias bomb) is one
  // line, as other command-line tools say it; a scenario with errors lists them with paths.
  const [only] = issues;
  if (issues.length === 1 && only.path.length === 0) io.err(`pathflow ${command}: ${file}: ${only.message}\n`);
  else io.err(`scenario "${file}" is invalid:\n${formatIssues(issues)}\n`);
  return 1;
}

/**
 * Checked against the limits and compiled (every variant, or those in `only`), or the exit
 * code after saying why. The compiled models are kept only for replications run in this
 * thread (`keep`); otherwise each is let go once it compiles, and the workers compile their own.
 */
function prepare(command: string, file: string, io: Io, s: Scenario, only: string[] | undefined, limits: CostLimits, keep = false) {
  const compiled = keep ? compileVariants(s, only, limits) : checkVariants(s, only, limits);
  if (!compiled.ok) return { code: invalid(io, command, file, compiled.issues) };
  return { scenario: s, variants: compiled.value, warnings: compiled.warnings, cost: compiled.cost };
}

/** "warning: path: message" lines on stderr: what the cost model says without refusing. */
export function warn(io: Io, prefix: string, warnings: readonly Issue[]): void {
  for (const w of warnings) io.err(`${prefix}warning: ${formatPath(w.path)}: ${w.message}\n`);
}

export function check(file: string, io: Io, limits: CostLimits = defaultCostLimits): number {
  const loaded = loadScenario(file);
  if (!loaded.ok) return invalid(io, 'check', file, loaded.issues);
  const r = prepare('check', file, io, loaded.value, undefined, limits);
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
  /** `PATH=VALUE` settings of the base scenario (--set). */
  settings?: string[];
  /** Every replication's KPIs in the output (--per-replication). */
  perReplication?: boolean;
  /** Replications added until the judged KPIs reach this precision, or its cap (--precision). */
  precision?: Precision;
  /** One replication's patient events written to a file (--event-log, docs/event-log.md). */
  eventLog?: EventLogArgs;
}

export async function run(a: RunArgs, io: Io, progress = process.stderr.isTTY === true): Promise<number> {
  const loaded = loadScenario(a.file);
  if (!loaded.ok) return invalid(io, 'run', a.file, loaded.issues);
  const set = withSettings(loaded.value, a.settings ?? []);
  if (!set.ok) {
    io.err(`pathflow run: ${set.message}\n`);
    return 1;
  }
  const s = set.value;
  const known = s.variants.map((v) => v.id);
  const unknown = (a.variants ?? []).filter((v) => !known.includes(v) && v !== 'baseline');
  if (unknown.length) {
    io.err(`pathflow run: unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `"${v}"`).join(', ')} (known: ${known.join(', ') || 'none'})\n`);
    return 2;
  }
  const limits = a.limits ?? defaultCostLimits;
  // In this thread (one worker, no queue), the replications use the models compiled here.
  const r = prepare('run', a.file, io, s, a.variants, limits, a.workers <= 1 && a.redis === undefined);
  if ('code' in r) return r.code!;
  // An overloaded resource is one of the run's own warnings (under the table, in --json): said once, there.
  warn(io, 'pathflow run: ', r.warnings.filter((w) => !r.cost.overloads.includes(w)));
  // The event log first: a path that cannot be written, or a log past its bound, fails before the long part.
  if (a.eventLog) {
    if (a.eventLog.replication > (a.replications ?? s.time.replications) && !a.precision) {
      io.err(`pathflow run: --event-log-replication ${a.eventLog.replication} is past the ${a.replications ?? s.time.replications} replications of this run\n`);
      return 2;
    }
    const failed = eventLog(s, a.eventLog, a.seed ?? s.time.seed, budgetOf(limits), io);
    if (failed !== undefined) return failed;
  }
  const started = Date.now();
  const plan = {
    replications: a.replications ?? s.time.replications,
    seed: a.seed ?? s.time.seed,
    perReplication: a.perReplication,
    precision: a.precision,
    keptValues: limits.keptValues,
    replicationsField: a.precision ? '--max-reps' : a.replications !== undefined ? '--reps' : 'time.replications',
    onProgress: progress ? (done: number, total: number) => io.err(`\rrunning ${done}/${total} replications${timeLeft(started, done, total)}`) : undefined,
  };
  let doc: RunResultDoc;
  let runner: Runner;
  try {
    // Never more workers than replications.
    runner = await openRunner({ workers: Math.min(a.workers, r.variants.length * (a.precision?.maxReplications ?? plan.replications)), redis: a.redis, heapMb: limits.workerMemoryMb, onNotice: (m) => io.err(`pathflow run: ${m}\n`) });
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
    // A misspelt name in an option, found once the first batch says which KPIs the run reports: a usage error.
    if (e instanceof UnknownPrecisionKpi) { io.err(`pathflow run: --precision-kpis: ${e.message}\n`); return 2; }
    io.err(`pathflow run: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    await runner.close();
  }
  if (progress) io.err('\r\x1b[K');
  // Where and how this run was made, for its report: the machine and the --set changes (the numbers do not depend on them).
  doc = { ...doc, provenance: { machine: machineFacts(), settings: [...(a.settings ?? [])] } };
  // Where the replications stopped, and why: on stderr beside a CSV, under the table otherwise.
  const stop = doc.precision ? precisionLine(doc) : '';
  if (a.format === 'json') io.out(JSON.stringify(doc, null, 2) + '\n');
  else if (a.format === 'csv') {
    io.out(a.perReplication ? replicationCsv(doc) : csv(doc));
    // CSV has no place for them, and readers of the file still need them.
    if (doc.warnings.length) io.err(warningLines(doc));
    if (stop) io.err(stop);
  } else io.out(runTable(s, doc) + stop);
  return 0;
}

/** "precision ±5% reached after 40 replications…" or which judged KPIs did not reach it at the cap. */
export function precisionLine(doc: RunResultDoc): string {
  const p = doc.precision!;
  if (p.met) return `\nprecision ${p.target}: every judged KPI (${p.kpis.length}) of every option within it after ${doc.replications} replications\n`;
  const list = p.notMet.slice(0, 8).map((x) => `  ${x.kpi} (${x.variant === 'baseline' ? 'baseline' : x.variant}): ${x.halfWidth === null ? 'not measurable' : `±${Number(x.halfWidth.toPrecision(3))}, target ±${Number(x.target!.toPrecision(3))}`}`);
  const more = p.notMet.length > 8 ? [`  … and ${p.notMet.length - 8} more`] : [];
  return `\nprecision ${p.target}: not reached at the cap of ${p.maxReplications} replications for ${p.notMet.length} of the judged KPIs:\n${[...list, ...more].join('\n')}\n`;
}

/** ", about 40 s left" from the pace so far (nothing until a tenth is done: too early to say). */
function timeLeft(started: number, done: number, total: number): string {
  if (done < total / 10 || done === total) return '\x1b[K';
  const s = Math.round(((Date.now() - started) / done) * (total - done) / 1000);
  return `, ${s === 0 ? 'under a second' : `about ${s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`}`} left\x1b[K`;
}

