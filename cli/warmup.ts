// `pathflow warmup FILE --series NAME`: help choosing the warm-up by Welch's method. Runs
// the replications with the daily series on, averages the chosen series across them,
// smooths it with Welch's moving average and suggests a warm-up (MSER-5), printed beside
// the scenario's own time.warmupDays. The numbers come from engine/experiment/welch.ts,
// which the web app will chart.
import { AcrossReplications, atSearchLimit, driftAfter, welchOfMean } from '../engine/experiment/welch.ts';
import { isMaterialDrift } from '../engine/experiment/drift.ts';
import { LONGER, START_FLOOR, START_SHARE } from '../scenarios/warnings/warm-up.ts';
import type { Replication } from '../runner/replicate.ts';
import { grouped } from '../engine/core/errors.ts';
import { renamedSeries, seriesInfo } from '../scenarios/kpis/catalogue.ts';
import { pointScenario } from '../runner/experiment/grid.ts';
import { outputNames, unknownName } from '../runner/experiment/outputs.ts';
import type { WarmupResultDoc } from '../runner/experiment/results.ts';
import { COMMON } from '../runner/options.ts';
import { EXPERIMENT_OPTIONS, parseExperimentArgs } from './options.ts';
import { fail, limitsOf, loadBase, open, onRunner } from './experiment-setup.ts';
import { cell, showNumber, textTable } from '../runner/report/format.ts';
import { budgetOf } from '../scenarios/cost/limits.ts';
import { runBatches } from '../runner/batches.ts';
import { progressLine } from './progress.ts';
import type { Io } from './validate.ts';

const DEFAULT_WINDOW = 7;
/** Rows of the printed table at most (every day is in --csv and --json). */
const ROWS = 40;

export async function warmup(args: readonly string[], io: Io, progress = process.stderr.isTTY === true): Promise<number | { usage: string }> {
  const p = parseExperimentArgs('warmup', args, { ...EXPERIMENT_OPTIONS, '--reps': COMMON['--reps'], '--series': { kind: 'text', once: true, aliases: ['--kpi'] }, '--window': { kind: 'count', least: 0 } });
  if ('usage' in p) return p;
  const asked = p.texts.get('--series');
  if (asked === undefined) return { usage: 'warmup: which series? (--series NAME, e.g. --series "beds.inUse[dgh/ortho]")' };
  const limits = limitsOf('warmup', p);
  if ('usage' in limits) return limits;
  // Old names still work, once said: `occupancy[…]` was beds in use, a count, not the KPI's fraction.
  const renamed = renamedSeries(asked);
  if (renamed !== undefined) io.err(`pathflow warmup: "${asked}" is renamed "${renamed}" (${seriesInfo(renamed)!.label}, in ${seriesInfo(renamed)!.unit}); using it, but the old name will be removed\n`);
  const series = renamed ?? asked;
  const setup = loadBase(io, 'warmup', p);
  if (!setup.ok) return setup.code;
  const { base, variant } = setup.value;
  const pt = pointScenario(base, [], [], limits);
  if (!pt.ok) return fail(io, 'warmup', pt.message).code;
  const known = outputNames(pt.value.compiled.model).series;
  if (!known.includes(series)) {
    return fail(io, 'warmup', known.length ? unknownName('series', series, known) : `unknown series "${series}": this scenario has no wards or waiting lists, so nothing is sampled daily`).code;
  }
  const replications = p.counts.get('--reps') ?? base.time.replications;
  const seed = p.counts.get('--seed') ?? base.time.seed;
  const window = p.counts.get('--window') ?? DEFAULT_WINDOW;

  // The caveat (unsettled, below) compares each replication's halves after the suggestion,
  // so each replication's chosen series is kept: one number a day, held to keptValues.
  const keptNumbers = replications * (Math.ceil(base.time.horizonDays) + 1);
  if (keptNumbers > limits.keptValues) {
    return fail(io, 'warmup', `--reps ${grouped(replications)}: ${grouped(replications)} replications of ${grouped(Math.ceil(base.time.horizonDays) + 1)} days would keep ${grouped(keptNumbers)} numbers, over the limit of ${grouped(limits.keptValues)} (keptValues): use fewer replications or a shorter horizon`).code;
  }
  const runner = await open(io, 'warmup', p, replications, limits);
  if (!runner.ok) return runner.code;
  const bar = progressLine(io, progress);
  // Of each replication only the chosen series is kept, and only until the ones before it
  // are in: the series are summed in replication order (the same numbers whatever the
  // workers' timing). Keeping every replication's series took 3.8 MB a replication of a
  // model sampled for 60,000 days (1.7 GB for 400 replications).
  const across = new AcrossReplications();
  const waiting = new Map<number, Float64Array>();
  const kept: Float64Array[] = [];
  const take = (r: Replication, k: number): Replication => {
    kept[k] = Float64Array.from(r.series[series] ?? []);
    waiting.set(k, kept[k]);
    for (let next = across.replications; waiting.has(next); next++) {
      across.add(waiting.get(next)!);
      waiting.delete(next);
    }
    return { kpis: {}, series: {}, trends: {}, arrived: r.arrived };
  };
  const done = await onRunner(io, 'warmup', runner.value, bar, (r) =>
    runBatches(r, [{ scenario: JSON.stringify(pt.value.scenario), label: variant, from: 0, to: replications }],
      { seed, series: true, budget: budgetOf(limits), onDone: () => bar.tick(replications), keep: take }));
  if (!done.ok) return done.code;

  const w = welchOfMean(across.mean, window);
  if (w.smoothed.length === 0) return fail(io, 'warmup', `--window ${window} leaves nothing to plot from ${w.mean.length} days of samples: use at most ${Math.max(0, w.mean.length - 1)} (Law advises a quarter of them at most, ${Math.floor(w.mean.length / 4)})`).code;
  const doc: WarmupResultDoc = {
    scenario: base.id, variant, series, unit: seriesInfo(series)?.unit ?? '', replications, seed, window,
    days: w.mean.map((_, d) => d), mean: w.mean, smoothed: w.smoothed,
    suggestedWarmupDays: w.suggested, currentWarmupDays: base.time.warmupDays,
    ...unsettled(kept, w.suggested, series, base.time.horizonDays),
  };
  const format = p.format;
  if (format === 'json') io.out(JSON.stringify(doc, null, 2) + '\n');
  else if (format === 'csv') io.out(['day,mean,smoothed', ...doc.days.map((d) => [d, doc.mean[d], doc.smoothed[d] ?? null].map(cell).join(','))].join('\n') + '\n');
  else io.out(table(doc, base.title));
  return 0;
}

const f = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : String(Number(x.toPrecision(3))));
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${f(Math.abs(x))}`;

/**
 * A caveat when the suggestion cannot be trusted. The horizon is too short when what MSER-5
 * leaves still drifts (its two halves differ, replication by replication, significantly
 * and by START_SHARE of the level, as the run's warm-up warning judges) or when MSER-5
 * truncated as late as it may (half the days), having found no point after which the series
 * is flat. The replications are too few when the halves' difference cannot be shown
 * within ±START_SHARE of the level (a 90% interval: two one-sided tests; noise is no
 * evidence of flatness). A bare
 * number would read as a warm-up that removes the bias, which it may not.
 */
function unsettled(reps: readonly ArrayLike<number>[], suggested: number, series: string, horizonDays: number): Pick<WarmupResultDoc, 'caveat' | 'suggestedHorizonDays' | 'suggestedReplications'> {
  const d = driftAfter(reps, suggested);
  const drifting = d !== undefined && isMaterialDrift(d, START_SHARE, START_FLOOR);
  const limit = atSearchLimit(reps.reduce((m, r) => Math.min(m, r.length), reps.length ? Infinity : 0), suggested);
  const days = ([a, b]: [number, number]) => `days ${a}–${b - 1}`;
  const figures = d && `${f(d.before)} on average in ${days(d.halves[0])}, ${f(d.after)} in ${days(d.halves[1])}: ${signed(d.change)}, 95% interval ${signed(d.lower)} to ${signed(d.upper)} over ${d.n} replications`;
  if (drifting || limit) {
    const longer = Math.ceil((LONGER * horizonDays) / 10) * 10;
    const why = [
      drifting ? `${series} is still ${d.change > 0 ? 'rising' : 'falling'} after it (${figures})` : '',
      limit ? `MSER-5 stopped at the latest truncation it may try (half the days), so it found no point after which the series is flat` : '',
    ].filter(Boolean).join(', and ');
    return {
      suggestedHorizonDays: longer,
      caveat: `${suggested} days is not a warm-up to use: ${why}. The horizon of ${f(horizonDays)} days is too short to find the warm-up: ` +
        `rerun with a longer one, e.g. --set time.horizonDays=${longer} (${LONGER} times as long), and take the warm-up where the curve is flat from there to the end.`,
    };
  }
  // Flat: the 90% interval within ±band (two one-sided tests at 5%, the usual test of equivalence).
  const e = driftAfter(reps, suggested, 0.9);
  if (!d || !e) return {};
  const band = Math.max(START_SHARE * Math.max(Math.abs(d.before), Math.abs(d.after)), START_FLOOR);
  if (e.lower >= -band && e.upper <= band) return {};
  const more = Math.ceil(d.n * ((Math.abs(e.change) + (e.upper - e.lower) / 2) / band) ** 2);
  return {
    suggestedReplications: more,
    caveat: `the ${d.n} replications cannot show ${series} flat after ${suggested} days (${figures}; flat would be a 90% interval within ±${f(band)}): ` +
      `with so much noise MSER-5 may stop too early. Rerun with more replications, about --reps ${more}, before taking it.`,
  };
}

function table(doc: WarmupResultDoc, title: string): string {
  const n = doc.smoothed.length;
  const marks = new Map<number, string[]>();
  const mark = (d: number, what: string) => marks.set(d, [...(marks.get(d) ?? []), what]);
  mark(Math.round(doc.currentWarmupDays), 'current warm-up ends');
  mark(doc.suggestedWarmupDays, 'suggested warm-up ends');
  // The start, where the warm-up is decided, in detail (about 25 rows up to twice the
  // later warm-up); the rest more sparsely (about 15 rows), to show the curve stays flat.
  const early = Math.min(n, 2 * Math.max(doc.currentWarmupDays, doc.suggestedWarmupDays, doc.window) + doc.window + 1);
  const [fine, coarse] = [Math.max(1, Math.ceil(early / 25)), Math.max(1, Math.ceil((n - early) / 15))];
  const every = (from: number, to: number, step: number) => Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);
  const days = [...new Set([...every(0, early, fine), ...every(early, n, coarse), n - 1, ...[...marks.keys()].filter((d) => d < n)])].sort((a, b) => a - b);
  const stride = early >= n ? (fine === 1 ? '' : `, every ${fine} days shown`)
    : `, every ${fine === 1 ? 'day' : `${fine} days`} to day ${early}, then every ${coarse === 1 ? 'day' : `${coarse} days`}`;
  const rows = days.map((d) => [String(d), showNumber(doc.mean[d]), showNumber(doc.smoothed[d]), (marks.get(d) ?? []).join('; ')]);
  const from = doc.variant === 'baseline' ? '' : ` (variant ${doc.variant})`;
  return `${title}${from} — ${doc.series} (${seriesInfo(doc.series)?.label ?? doc.unit}), ${doc.replications} replications, seed ${doc.seed}; Welch's moving average, window ±${doc.window} days` +
    stride + '\n' +
    textTable(['day', `mean (${doc.unit})`, `moving average (±${doc.window})`, ''], rows, [3]) +
    `suggested warm-up: ${doc.suggestedWarmupDays} days (MSER-5: the truncation that minimises the standard error of the mean of the daily means left); ` +
    `the scenario's: ${doc.currentWarmupDays} days\n` +
    (doc.caveat ? `caveat: ${doc.caveat}\n` : '');
}
