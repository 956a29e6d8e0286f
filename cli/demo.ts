// `pathflow demo`: a small emergency department run for R replications, against one
// redesign (four more ward beds), compared replication by replication under common
// random numbers. It shows the engine and the experiment layer end to end with no input.
import { Model, seize, delay, release, branch, set, record, exit, lognormal, exponential, weeklyRate } from '../engine/index.ts';
import { replicate, summarise, compare } from '../engine/experiment/replicate.ts';
import type { Simulation } from '../engine/core/simulation.ts';
import { COMMON, common, parseOptions, type Options, type Refusal } from '../runner/options.ts';
import { largest } from '../engine/core/extremes.ts';

const WEEK = 168;
const BASE_BEDS = 66;

// Arrivals per hour by hour of day: a typical type-1 ED curve (~130 a day), quieter at night.
const hourly = [3.2, 2.6, 2.2, 1.9, 1.8, 1.9, 2.5, 4.0, 6.2, 8.0, 8.6, 8.6, 8.4, 8.2, 8.0, 7.8, 7.6, 7.6, 7.2, 6.8, 6.0, 5.2, 4.4, 3.8];

export function edModel(wardBeds: number): Model {
  return new Model()
    .pool('cubicle', { capacity: 24 })
    .pool('ward', { capacity: wardBeds })
    .pathway('ed', [
      seize('cubicle'),
      delay(lognormal(2.2, 1.4), { stream: 'ed:assessment' }),
      branch([{ to: 'admit', weight: 0.12 }, { to: 'home', weight: 0.88 }], { stream: 'ed:disposition' }),
      // Admitted: the patient keeps the cubicle until a ward bed is free (boarding).
      seize('ward', { label: 'admit' }),
      release('cubicle'),
      record('ed.time'),
      delay(lognormal(96, 110), { stream: 'ward:los' }),
      release('ward'),
      exit(),
      release('cubicle', { label: 'home' }),
      record('ed.time'),
      exit(),
    ])
    .source('arrivals', { pathway: 'ed', profile: weeklyRate([hourly]) });
}

function kpis(sim: Simulation): Record<string, number> {
  const r = sim.results();
  return {
    'time in ED, mean (h)': r.outputs['ed.time'].mean,
    'time in ED, 95th centile (h)': r.outputs['ed.time'].p95,
    'wait for a cubicle, mean (h)': r.pools.cubicle.waits.mean,
    'boarding: wait for a ward bed, mean (h)': r.pools.ward.waits.mean,
    'cubicle utilisation': r.pools.cubicle.utilisation ?? NaN,
    'ward occupancy': r.pools.ward.utilisation ?? NaN,
    'patients seen per week': r.pools.cubicle.granted / ((r.end - r.warmup) / WEEK),
  };
}

export function runDemo(replications: number, seed: number) {
  const plan = { replications, seed, warmup: 4 * WEEK, horizon: 30 * WEEK };
  const base = replicate(edModel(BASE_BEDS).compile(), plan, kpis);
  const more = replicate(edModel(BASE_BEDS + 4).compile(), plan, kpis);
  return { plan, baseline: summarise(base), variant: summarise(more), difference: compare(base, more) };
}

const OPTIONS = {
  // At least two: one replication has no spread, so no confidence interval.
  '--reps': { ...COMMON['--reps'], least: 2 },
  ...common('--seed', '--json'),
} as const satisfies Options;

/** The demo's own words for a refused argument (it prints no usage text). */
function refusal(r: Refusal): string {
  if (r.option === undefined) return `unknown option ${r.arg} (options: --replications R, --seed N, --json)`;
  const least = r.option === '--seed' ? 0 : OPTIONS['--reps'].least;
  const whole = r.value !== undefined && /^\d+$/.test(r.value) && Number(r.value) >= least;
  // A count that is no integer ≥ least, in the demo's words; over its maximum (runner/counts.ts), or `--json=x`, in the common ones.
  if (r.option !== '--json' && !whole) return `${r.option} expects an integer ≥ ${least}, got ${r.value ?? 'nothing'}`;
  return r.usage.replace(/^demo: /, '');
}

export function demo(argv: string[]): number {
  const p = parseOptions('demo', argv, OPTIONS, false);
  if ('usage' in p) {
    process.stderr.write(`pathflow demo: ${refusal(p)}\n`);
    return 2;
  }
  const replications = p.counts.get('--reps') ?? 20;
  const seed = p.counts.get('--seed') ?? 1;
  const json = p.flags.has('--json');
  const out = runDemo(replications, seed);
  if (json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const f = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
  const ci = (e: { mean: number; halfWidth: number }) => `${f(e.mean)} ± ${f(e.halfWidth)}`;
  const rows = Object.keys(out.baseline).map((k) => [k, ci(out.baseline[k]), ci(out.variant[k]), `${f(out.difference[k].difference.mean)} [${f(out.difference[k].difference.lower)}, ${f(out.difference[k].difference.upper)}]`]);
  const head = ['KPI', `${BASE_BEDS} ward beds`, `${BASE_BEDS + 4} ward beds`, 'difference [95% CI]'];
  const widths = head.map((h, c) => largest([h.length, ...rows.map((r) => r[c].length)]));
  const line = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  console.log(`Emergency department, 24 cubicles, ~130 arrivals a day, 12% admitted; ${replications} replications of 26 weeks after a 4-week warm-up, seed ${seed}.`);
  console.log('Means with 95% confidence intervals; differences paired by replication (common random numbers).\n');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  return 0;
}
