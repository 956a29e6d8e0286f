// `pathflow sweep FILE --param PATH=LO..HI:STEP … --kpi NAME …`: the scenario at every
// point of a grid of parameter values, each point's KPIs as a mean and 95% CI over the
// same replications (replication k of every point uses the streams of (seed, k): common
// random numbers, so points differ by the parameters, not by luck). Every point is checked
// before anything runs; then all (point, replication) tasks go to the runner at once.
import { gridPoints, parseParameter, type Parameter } from '../runner/experiment/grid.ts';
import { checkPoints, sweepTooHeavy } from '../runner/experiment/sweep-points.ts';
import { SEQUENTIAL_INITIAL_REPS, SEQUENTIAL_MAX_REPS, sameField, sweepDocument, sweepTooBig } from '../runner/experiment/documents.ts';
import { budgetOf } from '../scenarios/cost/limits.ts';
import { unknownName } from '../runner/experiment/outputs.ts';
import type { SweepResultDoc } from '../runner/experiment/results.ts';
import { COMMON } from '../runner/options.ts';
import { EXPERIMENT_OPTIONS, parseExperimentArgs, type Format } from './options.ts';
import { checkKpis, fail, limitsOf, loadBase, open, onRunner } from './experiment-setup.ts';
import { cell, showEstimate, textTable } from '../runner/report/format.ts';
import { sweepRuns, type Sequential } from '../runner/experiment/sweep-runs.ts';
import { MAX_SEQUENTIAL_REPLICATIONS } from '../runner/experiment/allocate.ts';
import { parseTarget } from '../runner/experiment/target.ts';
import { progressLine } from './progress.ts';
import type { Io } from './validate.ts';

export { MAX_SWEEP_REPLICATIONS } from '../runner/experiment/documents.ts';

export async function sweep(args: readonly string[], io: Io, progress = process.stderr.isTTY === true): Promise<number | { usage: string }> {
  const p = parseExperimentArgs('sweep', args, {
    ...EXPERIMENT_OPTIONS, '--reps': COMMON['--reps'], '--param': { kind: 'list' }, '--kpi': { kind: 'list' },
    '--sequential': { kind: 'flag' }, '--max-reps': { kind: 'count', least: 2 }, '--target': { kind: 'text', once: true },
  });
  if ('usage' in p) return p;
  const sequentialAsked = p.flags.has('--sequential');
  for (const f of ['--max-reps', '--target'] as const) {
    if (!sequentialAsked && (p.counts.has(f) || p.texts.has(f))) return { usage: `sweep: ${f} goes with --sequential (replications allocated where the answer is open)` };
  }
  const paramArgs = p.lists.get('--param') ?? [];
  const kpis = [...new Set((p.lists.get('--kpi') ?? []).flatMap((k) => k.split(',')).map((k) => k.trim()).filter((k) => k !== ''))];
  if (paramArgs.length === 0) return { usage: 'sweep: which parameter? (--param PATH=LO..HI:STEP or PATH=a,b,c)' };
  if (kpis.length === 0) return { usage: 'sweep: which KPI? (--kpi NAME, e.g. --kpi "ed.4h[all]")' };
  const limits = limitsOf('sweep', p);
  if ('usage' in limits) return limits;

  const setup = loadBase(io, 'sweep', p);
  if (!setup.ok) return setup.code;
  const { base, variant, settings } = setup.value;

  const params: Parameter[] = [];
  for (const a of paramArgs) {
    const r = parseParameter(a, base);
    if (!r.ok) return fail(io, 'sweep', r.message).code;
    params.push(r.value);
    const same = sameField(params);
    if (same) return fail(io, 'sweep', same).code;
  }
  // With --sequential, --reps is where every point starts and --max-reps where it may end.
  const replications = p.counts.get('--reps') ?? (sequentialAsked ? SEQUENTIAL_INITIAL_REPS : base.time.replications);
  let sequential: Sequential | undefined;
  if (sequentialAsked) {
    const max = p.counts.get('--max-reps') ?? Math.max(SEQUENTIAL_MAX_REPS, replications);
    if (replications < 2) return { usage: 'sweep: --sequential starts every point with at least 2 replications (--reps 2 or more): one gives no interval' };
    if (max < replications) return { usage: `sweep: --max-reps ${max} is below --reps ${replications}, where every point starts` };
    if (max > MAX_SEQUENTIAL_REPLICATIONS) return { usage: `sweep: --max-reps ${max} is more than the ${MAX_SEQUENTIAL_REPLICATIONS} a point may run` };
    const targetArg = p.texts.get('--target');
    const target = targetArg === undefined ? undefined : parseTarget(targetArg);
    if (target && !target.ok) return fail(io, 'sweep', `--target: ${target.message}`).code;
    if (target && !kpis.includes(target.value.kpi)) kpis.push(target.value.kpi);
    sequential = { max, ...(target ? { target: target.value } : {}) };
  }
  // Counted before anything is listed: each parameter is capped, their product must be too (at the most a point may reach).
  const tooBig = sweepTooBig(params, sequential?.max ?? replications, sequential ? '--max-reps' : '--reps');
  if (tooBig) return fail(io, 'sweep', tooBig).code;
  const heavy = sweepTooHeavy(base, params);
  if (heavy) return fail(io, 'sweep', heavy).code;
  const grid = gridPoints(params);
  const checked = await checkPoints(base, params, grid, limits);
  if (!checked.ok) return fail(io, 'sweep', checked.message).code;
  const { scenarios, known } = checked.value;
  const maybe = checkKpis(io, 'sweep', kpis, known);
  if (!maybe.ok) return maybe.code;

  const seed = p.counts.get('--seed') ?? base.time.seed;
  const total = scenarios.length * (sequential?.max ?? replications);
  const runner = await open(io, 'sweep', p, total, limits);
  if (!runner.ok) return runner.code;
  const bar = progressLine(io, progress);
  const done = await onRunner(io, 'sweep', runner.value, bar, (r) =>
    sweepRuns(r, { params, grid, scenarios, replications, kpis, seed, budget: budgetOf(limits), onDone: () => bar.tick(sequential ? 'at most ' + total : total) }, sequential));
  if (!done.ok) return done.code;
  const { runs, allocation } = done.value;

  // A name the probe could not confirm must appear in some replication's results.
  const seen = new Set(runs.flatMap((reps) => reps.flatMap((r) => Object.keys(r.kpis))));
  const missing = maybe.value.find((n) => !seen.has(n));
  if (missing !== undefined) return fail(io, 'sweep', unknownName('KPI', missing, [...new Set([...known, ...seen])])).code;

  const doc = sweepDocument({ scenario: base.id, variant, replications, seed, settings, params, grid, kpis, runs, ...(allocation ? { allocation } : {}) });
  io.out(render(doc, base.title, p.format));
  return 0;
}

function render(doc: SweepResultDoc, title: string, format: Format): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  if (format === 'csv') {
    const a = doc.allocation;
    const lines = [[...doc.parameters.map((x) => x.name), ...(a ? ['replications'] : []), 'kpi', 'unit', 'better', 'mean', 'ciLow', 'ciHigh', 'difference', 'diffCiLow', 'diffCiHigh'].map(cell).join(',')];
    for (const pt of doc.points) {
      for (const k of doc.kpis) {
        const [e, d] = [pt.kpis[k.name], pt.differences[k.name]];
        lines.push([...pt.values, ...(a ? [pt.replications ?? null] : []), k.name, k.unit, k.better, e.mean, e.ciLow, e.ciHigh, d.mean, d.ciLow, d.ciHigh].map(cell).join(','));
      }
    }
    return lines.join('\n') + '\n';
  }
  const a = doc.allocation;
  const header = [...doc.parameters.map((x) => x.name), ...(a ? ['replications'] : []), ...doc.kpis.map((k) => `${k.name}${k.unit ? ` (${k.unit})` : ''} mean [95% CI]`)];
  const rows = doc.points.map((pt) => [...pt.values.map(String), ...(a ? [String(pt.replications)] : []), ...doc.kpis.map((k) => showEstimate(pt.kpis[k.name]))]);
  const from = doc.variant === 'baseline' ? '' : ` (variant ${doc.variant})`;
  const settings = doc.settings.length ? `, with ${doc.settings.join(', ')}` : '';
  const reps = a
    ? `${a.replications} replications allocated sequentially (${a.initial} to ${a.max} a point, ${a.rule === 'target' ? `more where the interval straddles ${a.target}` : 'more where a point could not be told apart from a neighbour'}; ${a.pointsAtMax} of ${doc.points.length} points reached ${a.max}; ${a.naiveReplications} at ${a.max} everywhere)`
    : `${doc.points.length} points × ${doc.replications} replications`;
  return `${title}${from} — ${a ? `${doc.points.length} points, ` : ''}${reps}, seed ${doc.seed}, common random numbers${settings}\n` +
    textTable(header, rows);
}
