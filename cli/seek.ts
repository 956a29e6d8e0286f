// `pathflow seek FILE --param PATH --range LO..HI --target "KPI >= x"`: the smallest (or,
// with --maximise, the largest) value of one parameter at which a KPI meets a target with
// the stated confidence ("how many beds for a mean wait under 15 minutes?"). The search
// (runner/experiment/seek.ts) bisects the range assuming the KPI is monotone in the
// parameter, and adds replications only to points whose interval still straddles the
// target; each batch of replications goes to the runner at once.
import { PointError, seekPoints } from '../runner/experiment/seek-points.ts';
import { unknownName } from '../runner/experiment/outputs.ts';
import type { SeekResultDoc } from '../runner/experiment/results.ts';
import { MAX_SEEK_CONFIDENCE, seek as search, seekTooFine, type SeekPlan } from '../runner/experiment/seek.ts';
import { parseTarget } from '../runner/experiment/target.ts';
import { SEEK_INITIAL_REPS as DEFAULT_INITIAL_REPS, SEEK_MAX_REPS as DEFAULT_MAX_REPS, seekDocument } from '../runner/experiment/documents.ts';
import { EXPERIMENT_OPTIONS, parseExperimentArgs } from './options.ts';
import { checkKpis, fail, limitsOf, loadBase, open, onRunner } from './experiment-setup.ts';
import { cell, showEstimate, textTable } from '../runner/report/format.ts';
import { budgetOf } from '../scenarios/cost/limits.ts';
import { runBatches } from '../runner/batches.ts';
import { progressLine } from './progress.ts';
import type { Io } from './validate.ts';

export async function seek(args: readonly string[], io: Io, progress = process.stderr.isTTY === true): Promise<number | { usage: string }> {
  const p = parseExperimentArgs('seek', args, {
    ...EXPERIMENT_OPTIONS, '--param': { kind: 'text', once: true }, '--range': { kind: 'text', once: true }, '--target': { kind: 'text', once: true },
    '--confidence': { kind: 'number' }, '--max-reps': { kind: 'count', least: 1 }, '--initial-reps': { kind: 'count', least: 1 },
    '--maximise': { kind: 'flag', aliases: ['--maximize', '--largest'] }, '--tolerance': { kind: 'number' },
  });
  if ('usage' in p) return p;
  const name = p.texts.get('--param');
  const rangeText = p.texts.get('--range');
  const targetArg = p.texts.get('--target');
  if (name === undefined) return { usage: 'seek: which parameter? (--param PATH)' };
  if (name.includes('=')) return { usage: `seek: --param takes a path only, the values come from --range (got ${JSON.stringify(name)})` };
  if (rangeText === undefined) return { usage: 'seek: which range? (--range LO..HI)' };
  if (targetArg === undefined) return { usage: 'seek: which target? (--target "KPI >= x")' };
  const limits = limitsOf('seek', p);
  if ('usage' in limits) return limits;
  const confidence = p.numbers.get('--confidence') ?? 0.95;
  if (!(confidence > 0 && confidence <= MAX_SEEK_CONFIDENCE)) return { usage: `seek: --confidence needs a number above 0 and at most ${MAX_SEEK_CONFIDENCE}, got ${confidence}` };
  const initialReps = p.counts.get('--initial-reps') ?? DEFAULT_INITIAL_REPS;
  const maxReps = p.counts.get('--max-reps') ?? Math.max(DEFAULT_MAX_REPS, initialReps);
  if (initialReps < 2) return { usage: `seek: --initial-reps needs an integer ≥ 2 (one replication says nothing about spread), got ${initialReps}` };
  if (maxReps < initialReps) return { usage: `seek: --max-reps (${maxReps}) must be at least --initial-reps (${initialReps})` };
  const range = /^\s*(-?[\d.eE+-]+)\s*\.\.\s*(-?[\d.eE+-]+)\s*$/.exec(rangeText);
  const [lo, hi] = range ? [Number(range[1]), Number(range[2])] : [NaN, NaN];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return { usage: `seek: --range needs LO..HI with LO ≤ HI, got ${JSON.stringify(rangeText)}` };
  const tolerance = p.numbers.get('--tolerance');
  if (tolerance !== undefined && !(tolerance > 0)) return { usage: `seek: --tolerance needs a number > 0, got ${tolerance}` };
  const integer = tolerance === undefined && Number.isInteger(lo) && Number.isInteger(hi);
  const tooFine = seekTooFine(lo, hi, integer, tolerance ?? (hi - lo) / 100);
  if (tooFine) return { usage: `seek: --${tooFine.field}: ${tooFine.message}` };

  const setup = loadBase(io, 'seek', p);
  if (!setup.ok) return setup.code;
  const { base, variant } = setup.value;
  const target = parseTarget(targetArg);
  if (!target.ok) return fail(io, 'seek', target.message).code;
  const sp = seekPoints(base, name, lo, hi, limits);
  if (!sp.ok) return fail(io, 'seek', sp.message).code;
  const { param, point, known } = sp.value;
  const maybe = checkKpis(io, 'seek', [target.value.kpi], known);
  if (!maybe.ok) return maybe.code;

  const plan: SeekPlan = {
    lo, hi, integer, tolerance: tolerance ?? (hi - lo) / 100, seek: p.flags.has('--maximise') ? 'largest' : 'smallest',
    target: target.value, confidence, initialReps, maxReps,
  };
  const seed = p.counts.get('--seed') ?? base.time.seed;
  const kpi = target.value.kpi;
  const runner = await open(io, 'seek', p, maxReps, limits);
  if (!runner.ok) return runner.code;
  const bar = progressLine(io, progress);
  const done = await onRunner(io, 'seek', runner.value, bar, (r) => search(plan, async (value, from, to) => {
    const label = `${name}=${value}`;
    const [reps] = await runBatches(r, [{ scenario: point(value), label, from, to }], { seed, budget: budgetOf(limits), onDone: () => bar.tick(`(at ${label})`) });
    if (reps.every((x) => !(kpi in x.kpis))) throw new PointError(unknownName('KPI', kpi, [...new Set([...known, ...reps.flatMap((x) => Object.keys(x.kpis))])]));
    return reps.map((x) => x.kpis[kpi] ?? NaN);
  }));
  if (!done.ok) return done.code;
  const result = done.value;

  const doc: SeekResultDoc = seekDocument({ scenario: base.id, variant, name, param, plan, seed, result });
  const format = p.format;
  if (format === 'json') io.out(JSON.stringify(doc, null, 2) + '\n');
  else if (format === 'csv') {
    io.out([['value', 'replications', 'mean', 'ciLow', 'ciHigh', 'verdict'].join(','),
      ...doc.probes.map((x) => [x.value, x.replications, x.mean, x.ciLow, x.ciHigh, x.verdict].map(cell).join(','))].join('\n') + '\n');
  } else io.out(evidence(doc, base.title));
  const verdict = conclusion(doc);
  if (doc.outcome === 'found') {
    if (format === 'table') io.out(verdict + '\n');
    return 0;
  }
  return fail(io, 'seek', verdict).code;
}


function evidence(doc: SeekResultDoc, title: string): string {
  const pct = `${+(doc.confidence * 100).toFixed(2)}%`;
  const rows = doc.probes.map((x, i) => [String(i + 1), String(x.value), String(x.replications), showEstimate({ mean: x.mean, ciLow: x.ciLow, ciHigh: x.ciHigh }), x.verdict]);
  const from = doc.variant === 'baseline' ? '' : ` (variant ${doc.variant})`;
  return `${title}${from} — ${doc.seek} ${doc.parameter.name} in ${doc.range[0]}..${doc.range[1]} with ${doc.target} (${pct} confidence), seed ${doc.seed}\n` +
    textTable(['#', doc.parameter.name, 'replications', `${doc.target.split(' ')[0]} mean [${pct} CI]`, 'verdict'], rows, [4]);
}

function conclusion(doc: SeekResultDoc): string {
  const pct = `${+(doc.confidence * 100).toFixed(2)}%`;
  const used = `${doc.replications} replications (a grid at the maximum would take ${doc.naiveReplications})`;
  const below = doc.seek === 'smallest';
  const end = below ? doc.range[1] : doc.range[0];
  const atEnd = doc.probes.find((x) => x.value === end);
  if (doc.outcome === 'unreachable') {
    return `the target is unreachable in ${doc.range[0]}..${doc.range[1]}: even at ${doc.parameter.name}=${end}, ${doc.target} fails ` +
      `(mean ${showEstimate(atEnd!)} over ${atEnd!.replications} replications); widen --range or change the target`;
  }
  if (doc.answer === null) {
    return `uncertain: even at ${doc.parameter.name}=${end} the ${pct} CI still straddles ${doc.target} after ${atEnd!.replications} replications; raise --max-reps or widen --range`;
  }
  // Under monotonicity the answer lies between the nearest value shown to fail beyond it
  // (or the end of the range) and the value shown to meet.
  const answer = doc.answer;
  const beyond = (v: number) => (below ? v < answer : v > answer);
  const failing = doc.probes.filter((x) => x.verdict === 'fails' && beyond(x.value)).map((x) => x.value);
  const nearestFail = failing.length ? (below ? Math.max(...failing) : Math.min(...failing)) : undefined;
  if (doc.outcome === 'found') {
    const why = nearestFail !== undefined ? ` (${nearestFail} fails)` : ' (the whole range meets it)';
    return `${doc.seek} ${doc.parameter.name} meeting ${doc.target} with ${pct} confidence: ${answer}${why}; ${used}`;
  }
  const stuck = doc.probes.filter((x) => x.verdict === 'uncertain' && beyond(x.value) && (nearestFail === undefined || (below ? x.value > nearestFail : x.value < nearestFail)));
  const order = (a: number, b: number) => `between ${Math.min(a, b)} and ${Math.max(a, b)}`;
  const where = nearestFail === undefined ? order(below ? doc.range[0] : doc.range[1], answer)
    : doc.integer ? order(below ? nearestFail + 1 : nearestFail - 1, answer)
    : `${below ? 'above' : 'below'} ${nearestFail} and ${below ? 'at most' : 'at least'} ${answer}`;
  return `uncertain: the ${doc.seek} ${doc.parameter.name} meeting ${doc.target} with ${pct} confidence is ${where}: ${answer} meets it, ` +
    `but at ${stuck.map((x) => x.value).join(', ')} the ${pct} CI still straddles the target after ${Math.max(...stuck.map((x) => x.replications))} replications ` +
    `(raise --max-reps)${nearestFail === undefined ? '' : `; ${nearestFail} fails`}. ${used}`;
}
