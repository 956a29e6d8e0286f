// The `pathflow` command line: parses arguments and hands over to a command. Returns the
// exit code (0 success, 1 a check failed, 2 a usage error or an unusable input file).
//
// A command's module is loaded when that command runs (import() below), so that `--version`,
// `help` and a usage error load none of zod, the engine, Fastify or BullMQ.
import { packageVersion } from '../runner/package-root.ts';
import { defaultPoolSize as defaultJobs } from '../runner/local/pool.ts';
import type { Io } from './validate.ts';
import type { RunArgs } from './scenario.ts';
import { parseWorkerArgs, WORKER_USAGE } from './worker.ts';
import { parseServeArgs, SERVE_USAGE } from './serve.ts';
import { capWorkers, countOption, limitsFrom, MAX_WORKERS } from '../runner/counts.ts';
import { COST_LIMITS, MAX_REPLICATIONS } from '../scenarios/cost/limits.ts';
import { grouped } from '../engine/core/errors.ts';

const USAGE = `usage: pathflow <command> [options]

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
  run FILE [--reps N] [--seed S] [--variants a,b] [--workers N] [--redis URL] [--limit NAME=N …] [--json | --csv]
      Runs the baseline and every variant (or those named) with the same seeds (common
      random numbers) and prints each KPI: baseline mean [95% CI], each variant's mean
      [95% CI] and its difference from the baseline [paired 95% CI].
      Exit 1 if the scenario is invalid, 2 for an unknown option or variant.
        --reps N        replications per variant (default: the scenario's time.replications; at most ${grouped(MAX_REPLICATIONS)})
        --seed S        base seed (default: the scenario's time.seed)
        --variants a,b  only these variants (the baseline always runs)
        --workers N     worker threads (default: the number of CPUs; 1 runs in this thread;
                        at most ${MAX_WORKERS}, and more than the CPUs runs as many as the CPUs);
                        the results are identical whatever N
        --redis URL     run on the job queue at URL instead, by \`pathflow worker\` processes
                        (also PATHFLOW_REDIS_URL); the results are identical
        --limit NAME=N  raise (or lower) one of the limits below for this command
        --json          one JSON document (shape: scenarios/schema/run-result.ts)
        --csv           one row per variant and KPI
${SERVE_USAGE}  sweep FILE --param PATH=LO..HI:STEP [--param …] --kpi NAME [--kpi …] [--reps N] [--seed S]
        [--variant ID] [--set PATH=VALUE …] [--workers N] [--redis URL] [--json | --csv]
      Runs the scenario at every point of the grid of parameter values (the cartesian
      product; PATH=a,b,c gives a list) with the same seeds at every point (common random
      numbers) and prints each KPI's mean [95% CI] per point. PATH is a field as errors
      print it, sites[0].wards[1].beds, or with ids: sites[dgh].wards[ortho].beds.
      Exit 1 for an unknown path or KPI or a value that makes the scenario invalid.
        --variant ID      start from this variant's scenario (default: the baseline)
        --set PATH=VALUE  a fixed setting for every point (e.g. --set time.horizonDays=120)
        --redis URL       run on the job queue at URL (also PATHFLOW_REDIS_URL)
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
      scenario's own.
${WORKER_USAGE}  demo            a small emergency department, with a redesign compared (see README)
  help            this text
  --version       the version of pathflow

limits (check, run, sweep, seek, warmup, validate and serve take --limit NAME=N to change one):
${COST_LIMITS.map((l) => `  ${l.name.padEnd(20)}${grouped(l.default).padStart(12)}  ${l.what}`).join('\n')}
`;

const stdio: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

function usageError(io: Io, message: string): number {
  io.err(`pathflow: ${message}\n\n${USAGE}`);
  return 2;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      return usageError(io, 'no command given');
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    case '--version':
    case '-v': {
      io.out(`pathflow ${packageVersion()}\n`);
      return 0;
    }
    case 'validate':
      return validateArgs(rest, io);
    case 'check': {
      const files: string[] = [];
      const settings: string[] = [];
      for (let i = 0; i < rest.length; i++) {
        const [flag, inline] = rest[i].startsWith('--') && rest[i].includes('=') ? [rest[i].slice(0, rest[i].indexOf('=')), rest[i].slice(rest[i].indexOf('=') + 1)] : [rest[i], undefined];
        if (flag === '--limit') {
          const v = inline ?? rest[++i];
          if (v === undefined) return usageError(io, 'check: --limit needs NAME=N');
          settings.push(v);
        } else if (flag.startsWith('-')) return usageError(io, `check: unknown option "${rest[i]}"`);
        else files.push(flag);
      }
      if (files.length !== 1) return usageError(io, 'check: which file? (check FILE)');
      const limits = limitsFrom('check', settings);
      return typeof limits === 'string' ? usageError(io, limits) : import('./scenario.ts').then((m) => m.check(files[0], io, limits));
    }
    case 'schema':
      if (rest.length !== 0) return usageError(io, `schema: takes no arguments, got ${rest.join(' ')}`);
      return (await import('./scenario.ts')).schema(io);
    case 'run':
      return runArgs(rest, io);
    case 'sweep':
    case 'seek':
    case 'warmup': {
      const commands = { sweep: () => import('./sweep.ts').then((m) => m.sweep), seek: () => import('./seek.ts').then((m) => m.seek), warmup: () => import('./warmup.ts').then((m) => m.warmup) };
      const r = await (await commands[command]())(rest, io);
      return typeof r === 'number' ? r : usageError(io, r.usage);
    }
    case 'serve': {
      const a = parseServeArgs(rest);
      return typeof a === 'string' ? usageError(io, a) : (await import('./serve.ts')).serve(a, io);
    }
    case 'worker': {
      const a = parseWorkerArgs(rest);
      return typeof a === 'string' ? usageError(io, a) : (await import('./worker.ts')).worker(a, io);
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
    default:
      return usageError(io, `unknown command "${command}"`);
  }
}

function validateArgs(args: string[], io: Io): Promise<number> | number {
  const files: string[] = [];
  const cases: string[] = [];
  const limits: string[] = [];
  let json = false, seed: number | undefined, smoke: number | undefined, jobs = defaultJobs();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--json':
        json = true;
        break;
      case '--case': {
        const ids = value();
        if (ids === undefined || ids.startsWith('--')) return usageError(io, 'validate: --case needs a case id');
        cases.push(...ids.split(',').filter((id) => id !== ''));
        break;
      }
      case '--seed': {
        const n = countOption('validate', '--seed', value(), 0);
        if (typeof n === 'string') return usageError(io, n);
        seed = n;
        break;
      }
      case '--smoke': {
        const v = value();
        const f = Number(v);
        if (v === undefined || !(f >= 1) || !Number.isFinite(f)) return usageError(io, `validate: --smoke needs a factor ≥ 1, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
        smoke = f;
        break;
      }
      case '--jobs': {
        const n = countOption('validate', '--jobs', value(), 1);
        if (typeof n === 'string') return usageError(io, n);
        jobs = capWorkers(n, '--jobs', (m) => io.err(`pathflow validate: ${m}\n`));
        break;
      }
      case '--limit': {
        const v = value();
        if (v === undefined) return usageError(io, 'validate: --limit needs NAME=N');
        limits.push(v);
        break;
      }
      default:
        if (a.startsWith('-')) return usageError(io, `validate: unknown option "${a}"`);
        files.push(a);
    }
  }
  if (files.length === 0) return usageError(io, 'validate: which file? (validate FILE)');
  const l = limitsFrom('validate', limits);
  if (typeof l === 'string') return usageError(io, l);
  return import('./validate-scenarios.ts').then((vs) => {
    if (files.map(vs.holdsScenarioCases).every((x) => x)) {
      if (smoke !== undefined) return usageError(io, 'validate: --smoke applies to reference-case files (format_version), not to scenario cases');
      return vs.validateScenarios({ paths: files, json, cases, seed, jobs, limits: l }, io);
    }
    if (files.length !== 1) return usageError(io, `validate: one reference-case file (format_version) at a time, got ${files.length} files`);
    return import('./validate.ts').then((m) => m.validate({ file: files[0], json, cases, seed: seed ?? 1, smoke, jobs, limits: l }, io));
  });
}

function runArgs(args: string[], io: Io): Promise<number> | number {
  const files: string[] = [];
  const a: Omit<RunArgs, 'file' | 'limits'> = { format: 'table', workers: defaultJobs() };
  const settings: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--json':
      case '--csv': {
        const f = flag === '--json' ? 'json' : 'csv';
        if (a.format !== 'table' && a.format !== f) return usageError(io, 'run: give --json or --csv, not both');
        a.format = f;
        break;
      }
      case '--reps':
      case '--replications':
      case '--seed':
      case '--workers': {
        const name = flag === '--replications' ? '--reps' : flag;
        const n = countOption('run', name, value(), flag === '--seed' ? 0 : 1);
        if (typeof n === 'string') return usageError(io, n);
        if (flag === '--seed') a.seed = n;
        else if (flag === '--workers') a.workers = capWorkers(n, '--workers', (m) => io.err(`pathflow run: ${m}\n`));
        else a.replications = n;
        break;
      }
      case '--limit': {
        const v = value();
        if (v === undefined) return usageError(io, 'run: --limit needs NAME=N');
        settings.push(v);
        break;
      }
      case '--redis': {
        const v = value();
        if (v === undefined || v.startsWith('--')) return usageError(io, 'run: --redis needs a URL (redis://host:port)');
        a.redis = v;
        break;
      }
      case '--variants': {
        const v = value();
        if (v === undefined || v.startsWith('--')) return usageError(io, 'run: --variants needs variant ids (a,b)');
        a.variants = [...(a.variants ?? []), ...v.split(',').filter((x) => x !== '')];
        break;
      }
      default:
        if (arg.startsWith('-')) return usageError(io, `run: unknown option "${arg}"`);
        files.push(arg);
    }
  }
  if (files.length !== 1) return usageError(io, files.length === 0 ? 'run: which file? (run FILE)' : `run: one file at a time, got ${files.length}`);
  const limits = limitsFrom('run', settings);
  if (typeof limits === 'string') return usageError(io, limits);
  return import('./scenario.ts').then((m) => m.run({ file: files[0], ...a, limits }, io));
}
