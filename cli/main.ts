// The `pathflow` command line: parses arguments and hands over to a command. Returns the
// exit code (0 success, 1 a check failed, 2 a usage error or an unusable input file).
//
// A command's module is loaded when that command runs (import() below), so that `--version`,
// `help` and a usage error load none of zod, the engine, Fastify or BullMQ. `serve` belongs to
// the server face (server/command.ts), which bin/pathflow.js hands in: the command line
// imports nothing of the server, nor it of the command line.
import { packageVersion } from '../runner/package-root.ts';
import { defaultPoolSize as defaultJobs } from '../runner/local/pool.ts';
import type { Io } from './validate.ts';
import type { RunArgs } from './scenario.ts';
import { parseWorkerArgs, WORKER_USAGE } from './worker.ts';
import { FIT_USAGE } from './fit-usage.ts';
import { REPORT_USAGE } from './report-usage.ts';
import { capWorkers, limitsFrom, MAX_WORKERS } from '../runner/counts.ts';
import { common, parseOptions, type Options, type Parsed } from '../runner/options.ts';
import { DEFAULT_MAX_EVENTS, MAX_EVENTS, formatOfPath } from '../runner/event-log/format.ts';
import { formatOf } from './options.ts';
import { COST_LIMITS, MAX_REPLICATIONS, type CostLimits } from '../scenarios/cost/limits.ts';
import { grouped } from '../engine/core/errors.ts';
import { watchOutput } from './output-errors.ts';

/** The usage text, with `serve`'s lines (the server face's) in their place. */
const usageText = (serve: string) => `usage: pathflow <command> [options]

commands:
  validate FILE [--json] [--case ID ...] [--seed N] [--smoke F] [--jobs N] [--limit NAME=N …]
  validate SCENARIO.yaml|DIR ... [--json] [--case ID ...] [--seed N] [--jobs N] [--limit NAME=N …]
      Runs reference cases (docs/validation.md) and judges every expected value. FILE:
      queueing models in the reference-case format (format_version), each metric and
      consistency check. SCENARIO.yaml, or a directory of them (scenarios/reference):
      scenarios with an \`expect\` block, each run as \`run\` runs it, each KPI judged.
      Prints a table per case and, last,
      "N passed, M failed", where N and M count metrics and consistency checks
      (checks it cannot read are listed as "not checked" and counted in neither).
      Exit 0 if all passed, 1 if any failed, 2 if a file is missing or invalid (the
      other scenario cases still run).
        --json       one JSON document (cases, metrics, estimates, verdicts, summary) instead
        --case ID    only this case (repeat, or give ID,ID,..., for several)
        --seed N     base seed of the random streams (default 1; scenarios: their time.seed)
        --smoke F    quick run: measured windows F times shorter, tolerances √F wider
                     (reference-case files only)
        --jobs N     worker threads (default: the number of CPUs; 1 runs in this thread)
  check FILE [--limit NAME=N …]
      Reads a scenario (JSON or YAML, docs/scenario-language.md), checks it and every
      variant against the schema and the limits below, and prints "ok: …" with what one
      replication would take (exit 0), or every error with its path (exit 1). A resource
      that cannot keep up (offered load ≥ 1×) is a warning on stderr.
  schema          prints the JSON Schema of scenario files (for editor autocompletion)
  run FILE [--reps N] [--seed S] [--variants a,b] [--set PATH=VALUE …] [--workers N] [--redis URL]
      [--limit NAME=N …] [--json | --csv] [--per-replication] [--precision 5% [--precision-kpis a,b] [--max-reps N]]
      [--event-log OUT.csv|OUT.ocel.json [--event-log-replication N] [--event-log-variant ID] [--max-events N]]
      Runs the baseline and every variant (or those named) with the same seeds (common
      random numbers) and prints each KPI: baseline mean [95% CI], each variant's mean
      [95% CI] and its difference from the baseline [paired 95% CI].
      Exit 1 if the scenario is invalid, 2 for an unknown option or variant.
        --reps N        replications per variant (default: the scenario's time.replications; at most ${grouped(MAX_REPLICATIONS)})
        --seed S        base seed (default: the scenario's time.seed)
        --variants a,b  only these variants (the baseline always runs)
        --set PATH=VALUE  change a field of the base scenario for this run (repeatable; PATH as
                        sweep takes it, sites[dgh].wards[ortho].beds); a variant patching the
                        same field keeps its own value
        --workers N     worker threads (default: the number of CPUs; 1 runs in this thread;
                        at most ${MAX_WORKERS}, and more than the CPUs runs as many as the CPUs);
                        the results are identical whatever N
        --redis URL     run on the job queue at URL instead, by \`pathflow worker\` processes
                        (also PATHFLOW_REDIS_URL); the results are identical
        --limit NAME=N  raise (or lower) one of the limits below for this command
        --json          one JSON document (shape: scenarios/schema/run-result.ts)
        --csv           one row per variant and KPI
        --per-replication  every replication's KPIs as well (with --json: replicationKpis;
                        with --csv instead of the summary: a row per variant and replication,
                        a column per KPI), to compute measures of your own
        --precision P   add replications until every judged KPI's 95% interval is within P:
                        "5%" of its mean, or a number in its unit (0.02); --reps is the first
                        batch, then the replications double, up to --max-reps (default
                        ${grouped(DEFAULT_PRECISION_MAX_REPS)}); every option runs the same replications. Judged: the
                        main KPIs, or --precision-kpis a,b (names or metrics). The table says
                        where it stopped and which KPIs did not reach P; --json: precision
        --event-log FILE  also write the patient events of one replication to FILE as they
                        happen: CSV (.csv) or OCEL 2.0 JSON (.json, .ocel.json); columns and
                        meaning in docs/event-log.md. Replication 1 of the baseline unless:
        --event-log-format csv|ocel   the format, whatever the file's extension
        --event-log-replication N     replication N (1 = the first; --per-replication's N − 1)
        --event-log-variant ID        that variant's replication
        --max-events N  stop the log (and exit 1) past N events (default ${grouped(DEFAULT_MAX_EVENTS)}, at most ${grouped(MAX_EVENTS)})
${serve}  sweep FILE --param PATH=LO..HI:STEP [--param …] --kpi NAME [--kpi …] [--reps N] [--seed S]
        [--variant ID] [--set PATH=VALUE …] [--workers N] [--redis URL] [--json | --csv]
        [--sequential [--max-reps N] [--target "KPI >= x"]]
      Runs the scenario at every point of the grid of parameter values (the cartesian
      product; PATH=a,b,c gives a list) with the same seeds at every point (common random
      numbers) and prints each KPI's mean [95% CI] per point. PATH is a field as errors
      print it, sites[0].wards[1].beds, or with ids: sites[dgh].wards[ortho].beds.
      Exit 1 for an unknown path or KPI or a value that makes the scenario invalid.
        --variant ID      start from this variant's scenario (default: the baseline)
        --set PATH=VALUE  a fixed setting for every point (e.g. --set time.horizonDays=120)
        --redis URL       run on the job queue at URL (also PATHFLOW_REDIS_URL)
        --sequential      spend replications where they matter: every point starts with
                          --reps (default 5); round by round, points still undecided double
                          theirs up to --max-reps (default 80) and the others stop. Undecided:
                          with --target, the interval straddles the target; without, the
                          point cannot be told apart from a grid neighbour on some --kpi
                          (paired 95% interval of the difference holds 0). The table and
                          --json say each point's replications and the total against all
                          points at the maximum.
  seek FILE --param PATH --range LO..HI --target "KPI >= x" [--confidence 0.95]
        [--max-reps N] [--initial-reps N] [--maximise] [--tolerance T] [--seed S]
        [--variant ID] [--set PATH=VALUE …] [--workers N] [--redis URL] [--json | --csv]
      Finds the smallest (--maximise: largest) value of PATH in LO..HI at which the KPI
      meets the target (>=, <=, >, <) with the stated confidence, by bisection, assuming
      the KPI is monotone in PATH; a point gets more replications (doubling from
      --initial-reps, default 5, to --max-reps, default 80) only while its CI straddles
      the target. Integer if LO and HI are, else real to --tolerance (default (HI−LO)/100).
      Prints the answer and every point tried. Exit 1 if the target is unreachable in the
      range or the answer is still uncertain at --max-reps.
  warmup FILE --series NAME [--reps N] [--window W] [--variant ID] [--seed S] [--set …]
        [--workers N] [--redis URL] [--json | --csv]
      Welch's method: the daily series NAME (beds.inUse[site/ward]: beds in use;
      queue.length[site/ward]: patients waiting for a bed there; list.size[list]: patients
      on the list) averaged across replications and smoothed with a moving window of
      half-width W days (default 7), with a suggested warm-up (MSER-5) beside the
      scenario's own; and a caveat instead of a bare number when the horizon is too
      short to find one (the series still drifts after it, or MSER-5 stopped at half
      the days: rerun with the horizon it names) or the replications too few to show
      the series flat after it.
${FIT_USAGE}${REPORT_USAGE}${WORKER_USAGE}  demo            a small emergency department, with a redesign compared (see README)
  help [COMMAND]  this text, or one command's part of it (also: pathflow COMMAND --help)
  --version       the version of pathflow

limits (check, run, sweep, seek, warmup, validate and serve take --limit NAME=N to change one):
${COST_LIMITS.map((l) => `  ${l.name.padEnd(20)}${grouped(l.default).padStart(12)}  ${l.what}`).join('\n')}
`;

const stdio: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

/**
 * A command another face provides. Both are functions, so that its module loads only when the
 * command runs or the usage text is printed, never for `--version` or another command.
 */
export interface Face {
  /** Its lines of the usage text. */
  usage(): Promise<string>;
  /** The exit code, or a usage message (printed with the usage text, exit 2). */
  run(args: string[], io: Io): Promise<number | { usage: string }>;
}

export interface Faces {
  serve?: Face;
}

export async function main(argv: string[], io: Io = stdio, faces: Faces = {}): Promise<number> {
  const usage = async () => usageText((await faces.serve?.usage()) ?? '');
  const [command, ...rest] = argv;
  // A usage error prints its message with that command's usage only, not the whole text
  // (14.7 KB, which buried the one line that mattered), and where the rest is.
  const usageError = async (message: string): Promise<number> => {
    const text = await usage();
    const own = command === undefined || command === 'help' ? null : commandUsage(text, command);
    io.err(`pathflow: ${message}\n\n${own ?? shortUsage(text)}`);
    return 2;
  };
  const ran = async (r: number | { usage: string }) => (typeof r === 'number' ? r : usageError(r.usage));
  // The process's own streams (not a caller's Io): a closed pipe or a full disk is said, not a stack trace.
  if (io === stdio) watchOutput(() => (command === undefined || command.startsWith('-') ? 'pathflow' : `pathflow ${command}`));
  // `pathflow CMD --help` and `pathflow help CMD`: that command's lines of the usage text.
  const asked = command === 'help' || command === '--help' || command === '-h' ? rest[0] : rest.some(isHelp) ? command : undefined;
  if (asked !== undefined && !isHelp(asked)) {
    const text = commandUsage(await usage(), asked);
    if (text === null) return usageError(`help: unknown command "${asked}"`);
    io.out(text);
    return 0;
  }
  switch (command) {
    case undefined:
      return usageError('no command given');
    case 'help':
    case '--help':
    case '-h':
      io.out(await usage());
      return 0;
    case '--version':
    case '-v': {
      io.out(`pathflow ${packageVersion()}\n`);
      return 0;
    }
    case 'validate':
      return ran(await validateArgs(rest, io));
    case 'check':
      return ran(await checkArgs(rest, io));
    case 'schema':
      if (rest.length !== 0) return usageError(`schema: takes no arguments, got ${rest.join(' ')}`);
      return (await import('./scenario.ts')).schema(io);
    case 'run':
      return ran(await runArgs(rest, io));
    case 'sweep':
    case 'seek':
    case 'warmup': {
      const commands = { sweep: () => import('./sweep.ts').then((m) => m.sweep), seek: () => import('./seek.ts').then((m) => m.seek), warmup: () => import('./warmup.ts').then((m) => m.warmup) };
      return ran(await (await commands[command]())(rest, io));
    }
    case 'fit':
      return ran((await import('./fit.ts')).fit(rest, io));
    case 'report':
      return ran((await import('./report.ts')).report(rest, io));
    case 'worker': {
      const a = parseWorkerArgs(rest);
      return typeof a === 'string' ? usageError(a) : (await import('./worker.ts')).worker(a, io);
    }
    case 'demo': {
      // Loaded on demand: the demo is optional and not needed to validate.
      let mod: { demo(argv: string[]): number };
      try {
        mod = await import('./demo.ts');
      } catch {
        io.err('pathflow: the demo is not part of this installation\n');
        return 2;
      }
      return mod.demo(rest);
    }
    case 'serve':
      // The server face's command, when bin/pathflow.js composed it in.
      if (faces.serve) return ran(await faces.serve.run(rest, io));
      return usageError(`unknown command "${command}"`);
    default:
      return usageError(`unknown command "${command}"`);
  }
}

const isHelp = (a: string) => a === '--help' || a === '-h';

/** The commands by name, for a usage error without a known command. */
function shortUsage(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('commands:');
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
  const names = [...new Set(lines.slice(start + 1, end).filter((l) => /^ {2}[a-z]/.test(l)).map((l) => l.trim().split(/\s+/)[0]))];
  return `usage: pathflow <command> [options]\ncommands: ${names.join(', ')}\n\nEvery command and its options: pathflow help (one command: pathflow help COMMAND)\n`;
}

/** Commands that take --limit: their help ends with the limits' table. */
const TAKES_LIMITS = new Set(['check', 'run', 'sweep', 'seek', 'warmup', 'validate', 'serve']);

/**
 * One command's entries of the usage text (`validate` has two), from its first line to
 * the next command's, with the limits' table for a command that takes --limit; null for
 * a command the text does not have. Cut from the one text, so that the two never differ.
 */
export function commandUsage(text: string, command: string): string | null {
  const lines = text.split('\n');
  const start = lines.indexOf('commands:');
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(' '));
  const entries: string[][] = [];
  for (const line of lines.slice(start + 1, end)) {
    // An entry starts at a line indented by exactly two spaces; its other lines are indented more.
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else entries.at(-1)?.push(line);
  }
  const own = entries.filter((e) => e[0].trim().split(/\s+/)[0] === command);
  if (own.length === 0 || command.startsWith('-')) return null;
  const body = own.map((e) => e.join('\n').replace(/^ {2}/, 'usage: pathflow ')).join('\n');
  const limits = TAKES_LIMITS.has(command) ? `\n\n${lines.slice(end).join('\n').trim()}` : '';
  return `${body}${limits}\n\nEvery command: pathflow help\n`;
}

type Usage = { usage: string };
/** Where a worker count capped at the CPUs is said (runner/counts.ts: capWorkers). */
type Notice = (message: string) => void;

const CHECK_OPTIONS = common('--limit') satisfies Options;

/** `check FILE [--limit NAME=N …]`, or the usage message. */
export function parseCheckArgs(args: readonly string[]): { file: string; limits: CostLimits } | Usage {
  const p = parseOptions('check', args, CHECK_OPTIONS);
  if ('usage' in p) return { usage: p.usage };
  if (p.positionals.length !== 1) return { usage: 'check: which file? (check FILE)' };
  const limits = limitsFrom('check', p.lists.get('--limit') ?? []);
  return typeof limits === 'string' ? { usage: limits } : { file: p.positionals[0], limits };
}

async function checkArgs(args: string[], io: Io): Promise<number | Usage> {
  const a = parseCheckArgs(args);
  return 'usage' in a ? a : (await import('./scenario.ts')).check(a.file, io, a.limits);
}

const VALIDATE_OPTIONS = {
  ...common('--json', '--seed', '--jobs', '--limit'),
  '--case': { kind: 'list', needs: 'a case id' },
  '--smoke': { kind: 'number', least: 1, what: 'a factor ≥ 1' },
} as const satisfies Options;

export interface ValidateArgs {
  files: string[];
  json: boolean;
  cases: string[];
  seed?: number;
  smoke?: number;
  jobs: number;
  limits: CostLimits;
}

/** `validate FILE … [options]`, or the usage message. */
export function parseValidateArgs(args: readonly string[], notice: Notice): ValidateArgs | Usage {
  const p = parseOptions('validate', args, VALIDATE_OPTIONS);
  if ('usage' in p) return { usage: p.usage };
  if (p.positionals.length === 0) return { usage: 'validate: which file? (validate FILE)' };
  const limits = limitsFrom('validate', p.lists.get('--limit') ?? []);
  if (typeof limits === 'string') return { usage: limits };
  const jobs = p.counts.get('--jobs');
  return {
    files: p.positionals, json: p.flags.has('--json'), limits,
    cases: (p.lists.get('--case') ?? []).flatMap((ids) => ids.split(',')).filter((id) => id !== ''),
    seed: p.counts.get('--seed'), smoke: p.numbers.get('--smoke'),
    jobs: jobs === undefined ? defaultJobs() : capWorkers(jobs, '--jobs', notice),
  };
}

async function validateArgs(args: string[], io: Io): Promise<number | Usage> {
  const a = parseValidateArgs(args, (m) => io.err(`pathflow validate: ${m}\n`));
  if ('usage' in a) return a;
  const { files, json, cases, seed, smoke, jobs, limits } = a;
  const vs = await import('./validate-scenarios.ts');
  if (files.map(vs.holdsScenarioCases).every((x) => x)) {
    if (smoke !== undefined) return { usage: 'validate: --smoke applies to reference-case files (format_version), not to scenario cases' };
    return vs.validateScenarios({ paths: files, json, cases, seed, jobs, limits }, io);
  }
  if (files.length !== 1) return { usage: `validate: one reference-case file (format_version) at a time, got ${files.length} files` };
  return (await import('./validate.ts')).validate({ file: files[0], json, cases, seed: seed ?? 1, smoke, jobs, limits }, io);
}

const RUN_OPTIONS = {
  ...common('--reps', '--seed', '--workers', '--redis', '--limit', '--set', '--json', '--csv'),
  '--variants': { kind: 'list', needs: 'variant ids (a,b)' },
  '--per-replication': { kind: 'flag' },
  '--precision': { kind: 'text', once: true },
  '--precision-kpis': { kind: 'list', needs: 'KPI names or metrics (ed.4h,wait.mean[dgh/ward])' },
  '--max-reps': { kind: 'count', least: 1 },
  '--event-log': { kind: 'text', once: true, needs: 'a file (out.csv, or out.ocel.json for OCEL 2.0)' },
  '--event-log-format': { kind: 'text', once: true, needs: 'csv or ocel' },
  '--event-log-replication': { kind: 'count', least: 1 },
  '--event-log-variant': { kind: 'text', once: true, needs: 'a variant id (or baseline)' },
  '--max-events': { kind: 'count', least: 1 },
} as const satisfies Options;

/** The event log options of `run`, or a usage message naming the option at fault. */
function eventLogArgs(p: Parsed): RunArgs['eventLog'] | { usage: string } | undefined {
  const path = p.texts.get('--event-log');
  const others = ['--event-log-format', '--event-log-replication', '--event-log-variant', '--max-events'].filter((f) => p.texts.has(f) || p.counts.has(f));
  if (path === undefined) return others.length ? { usage: `run: ${others[0]} goes with --event-log FILE` } : undefined;
  const given = p.texts.get('--event-log-format');
  if (given !== undefined && given !== 'csv' && given !== 'ocel') return { usage: `run: --event-log-format expected csv or ocel, got ${JSON.stringify(given)}` };
  const format = given ?? formatOfPath(path);
  if (format === undefined) return { usage: `run: --event-log ${path}: say which format by the file's extension (.csv, or .json / .ocel.json for OCEL 2.0) or --event-log-format csv|ocel` };
  return {
    path, format, replication: p.counts.get('--event-log-replication') ?? 1,
    variant: p.texts.get('--event-log-variant'), maxEvents: p.counts.get('--max-events') ?? DEFAULT_MAX_EVENTS,
  };
}

/** The default cap on replications per option with --precision. */
export const DEFAULT_PRECISION_MAX_REPS = 1000;

/** `--precision 5%` (relative to each mean) or `--precision 0.02` (absolute, in the KPI's unit). */
function parsePrecision(text: string): { relative: number } | { absolute: number } | string {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (m) {
    const x = Number(m[1]) / 100;
    return x > 0 && x < 1 ? { relative: x } : `run: --precision expected a share of the mean between 0% and 100%, got ${text}`;
  }
  const x = Number(text);
  return text.trim() !== '' && Number.isFinite(x) && x > 0 ? { absolute: x } : `run: --precision expected "5%" (of each mean) or a number > 0 (in the KPI's unit), got ${text}`;
}

/** `run FILE [options]`, or the usage message. */
export function parseRunArgs(args: readonly string[], notice: Notice): RunArgs | Usage {
  const p = parseOptions('run', args, RUN_OPTIONS);
  if ('usage' in p) return { usage: p.usage };
  const format = formatOf('run', p);
  if (typeof format !== 'string') return format;
  const files = p.positionals;
  if (files.length !== 1) return { usage: files.length === 0 ? 'run: which file? (run FILE)' : `run: one file at a time, got ${files.length}` };
  const limits = limitsFrom('run', p.lists.get('--limit') ?? []);
  if (typeof limits === 'string') return { usage: limits };
  const perReplication = p.flags.has('--per-replication');
  if (perReplication && format === 'table') return { usage: 'run: --per-replication needs --json or --csv (a table of every replication would not fit a terminal)' };
  const workers = p.counts.get('--workers');
  const precisionText = p.texts.get('--precision');
  const target = precisionText === undefined ? undefined : parsePrecision(precisionText);
  if (typeof target === 'string') return { usage: target };
  const maxReps = p.counts.get('--max-reps');
  const precisionKpis = p.lists.get('--precision-kpis')?.flatMap((v) => v.split(',')).map((x) => x.trim()).filter((x) => x !== '');
  if (!target && (maxReps !== undefined || precisionKpis)) return { usage: `run: ${maxReps !== undefined ? '--max-reps' : '--precision-kpis'} goes with --precision` };
  const first = p.counts.get('--reps');
  if (target && maxReps !== undefined && first !== undefined && first > maxReps) return { usage: `run: --reps (${first}, the first batch) is more than --max-reps (${maxReps})` };
  const eventLog = eventLogArgs(p);
  if (eventLog && 'usage' in eventLog) return eventLog;
  if (eventLog && eventLog.replication > (first ?? Infinity)) return { usage: `run: --event-log-replication ${eventLog.replication} is past the replications run (--reps ${first})` };
  return {
    ...(eventLog ? { eventLog } : {}),
    ...(target ? { precision: { ...target, ...(precisionKpis?.length ? { kpis: precisionKpis } : {}), maxReplications: maxReps ?? DEFAULT_PRECISION_MAX_REPS } } : {}),
    file: files[0], format, limits,
    workers: workers === undefined ? defaultJobs() : capWorkers(workers, '--workers', notice),
    replications: p.counts.get('--reps'), seed: p.counts.get('--seed'), redis: p.texts.get('--redis'),
    variants: p.lists.get('--variants')?.flatMap((v) => v.split(',')).filter((x) => x !== ''),
    settings: p.lists.get('--set') ?? [], perReplication,
  };
}

async function runArgs(args: string[], io: Io): Promise<number | Usage> {
  const a = parseRunArgs(args, (m) => io.err(`pathflow run: ${m}\n`));
  return 'usage' in a ? a : (await import('./scenario.ts')).run(a, io);
}
