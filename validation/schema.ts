// The reference-case file format (validation/README.md): queueing models whose
// answers are known exactly, with the expected values and tolerances. It is a public
// input — people write new cases by hand — so every mistake is reported with the path
// of the field, what was expected and what came. Extra keys (notes, sources) are kept.
import { z } from 'zod';
import { parseWith, show, type Issue } from '../scenarios/errors.ts';
import { DISCIPLINES, DISTRIBUTIONS, METRIC_NAMES, SCOPE_KEYS, metricInfo } from './catalogue.ts';
import { exp, expm1, log, log1p } from '../engine/core/math.ts';
import { MAX_REPLICATIONS } from '../scenarios/schema/time.ts';

// ---------------------------------------------------------------- small pieces

/** Relative agreement for redundant parameters (rate vs mean, mu_log vs mean/sd, …). */
const AGREE = 1e-6;
const agrees = (a: number, b: number) => Math.abs(a - b) <= AGREE * Math.max(Math.abs(a), Math.abs(b), 1e-12);
const num = (x: number) => String(Number(x.toPrecision(10)));

const Positive = z.number().positive();
const NonNegative = z.number().min(0);
const Id = z.string().regex(/^[A-Za-z0-9][\w.-]*$/, { error: (iss) => `expected an id of letters, digits, "_", "." or "-", got ${show(iss.input)}` });

/** A positive integer or "infinite" (servers, and with `min0` waiting places). */
const countOrInfinite = (min: 0 | 1) =>
  z.custom<number | 'infinite'>((v) => v === 'infinite' || (typeof v === 'number' && Number.isInteger(v) && v >= min), {
    error: (iss) => `expected ${min === 1 ? 'a positive integer' : 'an integer ≥ 0'} or "infinite", got ${show(iss.input)}`,
  });

// ---------------------------------------------------------------- distributions

const Exponential = z.looseObject({ dist: z.literal('exponential'), mean: Positive.optional(), rate: Positive.optional() });
const Deterministic = z.looseObject({ dist: z.literal('deterministic'), value: NonNegative });
const Erlang = z.looseObject({ dist: z.literal('erlang'), k: z.int().min(1), mean: Positive.optional(), phase_rate: Positive.optional() });
const Lognormal = z.looseObject({
  dist: z.literal('lognormal'),
  mean: Positive.optional(), sd: Positive.optional(),
  mu_log: z.number().optional(), sigma_log: Positive.optional(),
});
const Hyperexponential = z.looseObject({ dist: z.literal('hyperexponential'), probs: z.array(NonNegative).min(1), means: z.array(Positive).min(1) });
const Uniform = z.looseObject({ dist: z.literal('uniform'), min: NonNegative, max: NonNegative });

/** Mean of a distribution as its parameters define it (undefined where they are incomplete). */
export function distributionMean(d: Distribution): number | undefined {
  switch (d.dist) {
    case 'exponential': return d.mean ?? (d.rate !== undefined ? 1 / d.rate : undefined);
    case 'deterministic': return d.value;
    case 'erlang': return d.mean ?? (d.phase_rate !== undefined ? d.k / d.phase_rate : undefined);
    case 'lognormal':
      if (d.mean !== undefined) return d.mean;
      return d.mu_log !== undefined && d.sigma_log !== undefined ? exp(d.mu_log + (d.sigma_log * d.sigma_log) / 2) : undefined;
    case 'hyperexponential': {
      const total = d.probs.reduce((a, b) => a + b, 0);
      return d.probs.reduce((s, p, i) => s + (p / total) * (d.means[i] ?? NaN), 0);
    }
    case 'uniform': return (d.min + d.max) / 2;
  }
}

function distributionCv(d: Distribution): number | undefined {
  const m = distributionMean(d);
  if (m === undefined || !(m > 0)) return undefined;
  switch (d.dist) {
    case 'exponential': return 1;
    case 'deterministic': return 0;
    case 'erlang': return 1 / Math.sqrt(d.k);
    case 'lognormal': return d.sd !== undefined ? d.sd / m : d.sigma_log !== undefined ? Math.sqrt(expm1(d.sigma_log ** 2)) : undefined;
    case 'hyperexponential': {
      const total = d.probs.reduce((a, b) => a + b, 0);
      const second = d.probs.reduce((s, p, i) => s + (p / total) * 2 * (d.means[i] ?? NaN) ** 2, 0);
      return Math.sqrt(second - m * m) / m;
    }
    case 'uniform': return (d.max - d.min) / Math.sqrt(12) / m;
  }
}

export const DistributionSchema = z
  .discriminatedUnion('dist', [Exponential, Deterministic, Erlang, Lognormal, Hyperexponential, Uniform], {
    error: (iss) => {
      const input = iss.input as { dist?: unknown } | undefined;
      const known = `(known: ${DISTRIBUTIONS.join(', ')})`;
      if (input === undefined) return 'missing: expected a distribution such as {"dist": "exponential", "mean": 2}';
      if (typeof input !== 'object' || input === null) return `expected a distribution such as {"dist": "exponential", "mean": 2}, got ${show(input)}`;
      if (input.dist === undefined) return `missing: expected the name of a distribution ${known}`;
      return `unknown distribution ${show(input.dist)} ${known}`;
    },
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    switch (d.dist) {
      case 'exponential':
        if (d.mean === undefined && d.rate === undefined) issue('mean', 'missing: an exponential needs a mean (or a rate)');
        else if (d.mean !== undefined && d.rate !== undefined && !agrees(d.rate, 1 / d.mean))
          issue('rate', `expected 1/mean = ${num(1 / d.mean)}, got ${d.rate} (give the mean alone, or consistent values)`);
        break;
      case 'erlang':
        if (d.mean === undefined && d.phase_rate === undefined) issue('mean', 'missing: an erlang needs a mean (or a phase_rate)');
        else if (d.mean !== undefined && d.phase_rate !== undefined && !agrees(d.phase_rate, d.k / d.mean))
          issue('phase_rate', `expected k/mean = ${num(d.k / d.mean)}, got ${d.phase_rate} (give the mean alone, or consistent values)`);
        break;
      case 'lognormal': {
        const natural = d.mean !== undefined && d.sd !== undefined;
        const ofLog = d.mu_log !== undefined && d.sigma_log !== undefined;
        if (!natural && !ofLog) {
          issue(d.mean === undefined && d.mu_log === undefined ? 'mean' : d.mean !== undefined ? 'sd' : 'sigma_log',
            'missing: a lognormal needs mean and sd (of the time), or mu_log and sigma_log (of its logarithm)');
        } else if (natural && ofLog) {
          const sigma2 = log1p((d.sd! / d.mean!) ** 2);
          const mu = log(d.mean!) - sigma2 / 2;
          if (!agrees(d.mu_log!, mu)) issue('mu_log', `expected ${num(mu)} from mean and sd, got ${d.mu_log} (give one pair, or consistent values)`);
          if (!agrees(d.sigma_log!, Math.sqrt(sigma2))) issue('sigma_log', `expected ${num(Math.sqrt(sigma2))} from mean and sd, got ${d.sigma_log} (give one pair, or consistent values)`);
        }
        break;
      }
      case 'hyperexponential': {
        if (d.probs.length !== d.means.length) issue('means', `expected one mean per probability (${d.probs.length}), got ${d.means.length}`);
        const total = d.probs.reduce((a, b) => a + b, 0);
        if (Math.abs(total - 1) > 1e-6) issue('probs', `expected probabilities summing to 1, got a sum of ${num(total)}`);
        break;
      }
      case 'uniform':
        if (!(d.max > d.min)) issue('max', `expected a number > min (${d.min}), got ${d.max}`);
        break;
    }
    // `mean` and `cv` are also given as a check on the sampler: they must match the parameters.
    const stated = d as { mean?: unknown; cv?: unknown };
    const mean = distributionMean(d);
    if (typeof stated.mean === 'number' && mean !== undefined && Number.isFinite(mean) && !agrees(stated.mean, mean) && d.dist !== 'exponential' && d.dist !== 'erlang' && d.dist !== 'lognormal')
      issue('mean', `expected ${num(mean)} from the parameters, got ${stated.mean}`);
    const cv = distributionCv(d);
    if (typeof stated.cv === 'number' && cv !== undefined && Number.isFinite(cv) && !agrees(stated.cv, cv))
      issue('cv', `expected ${num(cv)} from the parameters, got ${stated.cv}`);
  });
export type Distribution = z.infer<typeof Exponential> | z.infer<typeof Deterministic> | z.infer<typeof Erlang>
  | z.infer<typeof Lognormal> | z.infer<typeof Hyperexponential> | z.infer<typeof Uniform>;

// ---------------------------------------------------------------- arrivals

const arrivalBase = { class: z.string().min(1).default('default'), to: Id };

const Sinusoidal = z.looseObject({
  type: z.literal('sinusoidal'),
  mean_rate_per_hour: Positive,
  amplitude: z.number().min(0).max(1),
  period_hours: Positive,
  peak_hour: NonNegative,
});
const Piecewise = z.looseObject({
  type: z.literal('piecewise_constant'),
  rates_per_hour: z.array(NonNegative).min(1),
  step_hours: Positive.default(1),
  period_hours: Positive.optional(),
});
const RateProfile = z.discriminatedUnion('type', [Sinusoidal, Piecewise], {
  error: (iss) => `expected a rate profile with "type" "sinusoidal" or "piecewise_constant", got ${show((iss.input as { type?: unknown } | undefined)?.type)}`,
});

const PROCESSES = ['poisson', 'renewal', 'deterministic', 'non-homogeneous poisson'];
export const ArrivalSchema = z.discriminatedUnion('process', [
  z.looseObject({ ...arrivalBase, process: z.literal('poisson'), rate_per_hour: Positive, mean_interarrival_hours: Positive.optional() }),
  z.looseObject({ ...arrivalBase, process: z.literal('renewal'), interarrival: DistributionSchema, rate_per_hour: Positive.optional() }),
  z.looseObject({ ...arrivalBase, process: z.literal('deterministic'), first_arrival_hours: NonNegative, interarrival: DistributionSchema }),
  z.looseObject({ ...arrivalBase, process: z.literal('non-homogeneous poisson'), rate_profile: RateProfile }),
], {
  error: (iss) => {
    const p = (iss.input as { process?: unknown } | undefined)?.process;
    const known = PROCESSES.map((x) => `"${x}"`).join(', ');
    return p === undefined ? `missing: expected an arrival process (${known})` : `unknown arrival process ${show(p)} (known: ${known})`;
  },
}).superRefine((a, ctx) => {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (a.process === 'poisson' && a.mean_interarrival_hours !== undefined && !agrees(a.mean_interarrival_hours, 1 / a.rate_per_hour))
    issue(['mean_interarrival_hours'], `expected 1/rate_per_hour = ${num(1 / a.rate_per_hour)}, got ${a.mean_interarrival_hours}`);
  if (a.process === 'renewal') {
    const mean = distributionMean(a.interarrival);
    if (mean !== undefined && !(mean > 0)) issue(['interarrival'], `expected a mean time between arrivals > 0, got ${mean}`);
    else if (mean !== undefined && a.rate_per_hour !== undefined && !agrees(a.rate_per_hour, 1 / mean))
      issue(['rate_per_hour'], `expected 1/(mean interarrival) = ${num(1 / mean)}, got ${a.rate_per_hour}`);
  }
  if (a.process === 'deterministic') {
    if (a.interarrival.dist !== 'deterministic') issue(['interarrival', 'dist'], `a deterministic arrival process needs a "deterministic" interarrival, got ${show(a.interarrival.dist)}`);
    else if (!(a.interarrival.value > 0)) issue(['interarrival', 'value'], `expected a time between arrivals > 0, got ${a.interarrival.value}`);
  }
  if (a.process === 'non-homogeneous poisson') {
    const p = a.rate_profile;
    if (p.type === 'sinusoidal' && !(p.peak_hour < p.period_hours))
      issue(['rate_profile', 'peak_hour'], `expected a time within the period [0, ${p.period_hours}), got ${p.peak_hour}`);
    if (p.type === 'piecewise_constant') {
      const period = p.rates_per_hour.length * p.step_hours;
      if (p.period_hours !== undefined && !agrees(p.period_hours, period))
        issue(['rate_profile', 'period_hours'], `expected ${p.rates_per_hour.length} rates × step_hours ${p.step_hours} = ${num(period)}, got ${p.period_hours}`);
      if (!p.rates_per_hour.some((r) => r > 0)) issue(['rate_profile', 'rates_per_hour'], 'expected at least one rate > 0, got all zero');
    }
  }
});
export type Arrival = z.infer<typeof ArrivalSchema>;

// ---------------------------------------------------------------- stations and routing

export const StationSchema = z.looseObject({
  id: Id.refine((id) => id !== 'network', { error: 'the id "network" is reserved for the whole system (scope.station: "network")' }),
  servers: countOrInfinite(1),
  service: DistributionSchema,
  service_by_class: z.record(z.string(), DistributionSchema).optional(),
  queue_capacity: countOrInfinite(0).default('infinite'),
  system_capacity: countOrInfinite(1).optional(),
  on_full: z.string().refine((s) => /^(lost|block)\b/i.test(s.trim()), {
    error: (iss) => `expected "lost" or "block upstream server (blocking after service)", got ${show(iss.input)}`,
  }).optional(),
  discipline: z.string().refine((s) => DISCIPLINES.some((d) => d.toLowerCase() === s.trim().toLowerCase()), {
    error: (iss) => `expected one of ${DISCIPLINES.map((d) => `"${d}"`).join(', ')}, got ${show(iss.input)}`,
  }).default('FIFO'),
  priority_order: z.array(z.string()).min(1).optional(),
  abandonment: z.looseObject({ patience: DistributionSchema }).optional(),
});
export type Station = z.infer<typeof StationSchema>;

export const RoutingSchema = z.looseObject({
  order: z.array(z.string()).min(1),
  matrix: z.array(z.array(z.number().min(0).max(1))),
  exit_prob: z.array(z.number().min(0).max(1)),
});

export const ModelSchema = z.looseObject({
  arrivals: z.array(ArrivalSchema).min(1),
  stations: z.array(StationSchema).min(1),
  routing: RoutingSchema.optional(),
});
export type CaseModel = z.infer<typeof ModelSchema>;

export const RunSchema = z.looseObject({
  horizon_hours: Positive,
  warmup_hours: NonNegative,
  replications: z.int().min(1).max(MAX_REPLICATIONS),
});

const ScopeSchema = z.record(z.string(), z.union([z.string(), z.number()], {
  error: (iss) => `expected a name or a number, got ${show(iss.input)}`,
}));

export const ExpectedSchema = z.looseObject({
  metric: z.string(),
  value: z.number(),
  rel_tol: NonNegative,
  abs_tol: NonNegative.optional(),
  scope: ScopeSchema.optional(),
  definition: z.string().optional(),
  unit: z.string().optional(),
});
export type Expected = z.infer<typeof ExpectedSchema>;
export type Scope = NonNullable<Expected['scope']>;

// ---------------------------------------------------------------- a case and a file

/**
 * Cases a file may hold, and expected values a case may give: the project's file has 32
 * cases of at most 54 values. Each case runs its replications (seconds to minutes), so
 * 5,000 cases were hours of work, and 200,000 values in one case a minute's judging and
 * then a crash printing them.
 */
export const MAX_CASES = 200;
export const MAX_EXPECTED = 1_000;

const atMost = (n: number, what: string) => ({ error: (iss: { input?: unknown }) => `expected at most ${n.toLocaleString('en-GB')} ${what}, got ${(iss.input as unknown[]).length.toLocaleString('en-GB')}` });

export const CaseSchema = z.looseObject({
  id: Id,
  family: z.string().optional(),
  description: z.string().optional(),
  model: ModelSchema,
  run: RunSchema,
  expected: z.array(ExpectedSchema).min(1).max(MAX_EXPECTED, atMost(MAX_EXPECTED, 'expected values in a case')),
  consistency_checks: z.array(z.string()).optional(),
}).superRefine((c, ctx) => {
  for (const { path, message } of crossCheck(c)) ctx.addIssue({ code: 'custom', path: [...path], message });
});
export type ReferenceCase = z.infer<typeof CaseSchema>;

export const ReferenceFileSchema = z.looseObject({
  format_version: z.literal(1, { error: (iss) => `expected 1 (the only version there is), got ${show(iss.input)}` }),
  cases: z.array(CaseSchema).min(1).max(MAX_CASES, atMost(MAX_CASES, 'cases in a file')),
}).superRefine((f, ctx) => {
  const seen = new Map<string, number>();
  f.cases.forEach((c, i) => {
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['cases', i, 'id'], message: `case id "${c.id}" is used twice (also cases[${seen.get(c.id)}])` });
    else seen.set(c.id, i);
  });
});
export type ReferenceFile = z.infer<typeof ReferenceFileSchema>;

export type ParseResult = { ok: true; file: ReferenceFile } | { ok: false; issues: Issue[] };

/** Checks a parsed JSON document; every issue carries the path of the offending field. */
export function parseReferenceFile(data: unknown): ParseResult {
  // parseWith: zod's own gathering of issues cannot overflow the stack there (a matrix of a million bad numbers).
  const r = parseWith(ReferenceFileSchema, data);
  return r.ok ? { ok: true, file: r.value } : { ok: false, issues: r.issues };
}

// ---------------------------------------------------------------- cross-field rules

/** The arrival classes of a case, in order of first appearance. */
export function classesOf(model: CaseModel): string[] {
  return [...new Set(model.arrivals.map((a) => a.class))];
}

/** The cycle length fixed by non-homogeneous arrivals (null when arrivals do not vary). */
export function cycleOf(model: CaseModel): number | null {
  for (const a of model.arrivals) if (a.process === 'non-homogeneous poisson') return profilePeriod(a.rate_profile);
  return null;
}

export function profilePeriod(p: z.infer<typeof RateProfile>): number {
  return p.type === 'sinusoidal' ? p.period_hours : p.rates_per_hour.length * p.step_hours;
}

export const isPriority = (s: Station) => s.discipline.trim().toLowerCase().startsWith('static priority');
export const isPreemptive = (s: Station) => s.discipline.trim().toLowerCase() === 'static priority, preemptive-resume';
/** "block upstream server": the station holds arrivals on the upstream server when full. */
export const blocksUpstream = (s: Station) => s.on_full !== undefined && /^block\b/i.test(s.on_full.trim());

type Found = { path: PropertyKey[]; message: string };

function crossCheck(c: ReferenceCase): Found[] {
  const out: Found[] = [];
  const add = (path: PropertyKey[], message: string) => out.push({ path, message });
  const { model, run } = c;
  const ids = model.stations.map((s) => s.id);
  const known = (list: readonly string[]) => list.map((x) => `"${x}"`).join(', ');
  const classes = classesOf(model);

  if (!(run.warmup_hours < run.horizon_hours))
    add(['run', 'warmup_hours'], `expected less than horizon_hours (${run.horizon_hours}), got ${run.warmup_hours}`);

  model.stations.forEach((s, i) => {
    const at = ['model', 'stations', i];
    const first = ids.indexOf(s.id);
    if (first !== i) add([...at, 'id'], `station id "${s.id}" is used twice (also stations[${first}])`);
    if (s.system_capacity !== undefined) {
      const k = s.servers === 'infinite' || s.queue_capacity === 'infinite' ? 'infinite' : s.servers + s.queue_capacity;
      if (s.system_capacity !== k) add([...at, 'system_capacity'], `expected servers + queue_capacity = ${k === 'infinite' ? '"infinite"' : k}, got ${show(s.system_capacity)}`);
    }
    if (isPriority(s)) {
      if (s.priority_order === undefined) add([...at, 'priority_order'], `missing: a "${s.discipline}" station needs priority_order, its classes from most to least urgent (classes: ${known(classes)})`);
    } else if (s.priority_order !== undefined) {
      add([...at, 'priority_order'], `only a static priority discipline uses priority_order, but discipline is "${s.discipline}"`);
    }
    s.priority_order?.forEach((cls, k) => {
      if (!classes.includes(cls)) add([...at, 'priority_order', k], `unknown class "${cls}" (arrival classes: ${known(classes)})`);
      else if (s.priority_order!.indexOf(cls) !== k) add([...at, 'priority_order', k], `class "${cls}" is listed twice`);
    });
    for (const cls of Object.keys(s.service_by_class ?? {}))
      if (!classes.includes(cls)) add([...at, 'service_by_class', cls], `unknown class "${cls}" (arrival classes: ${known(classes)})`);
    if (isPreemptive(s) && s.servers === 'infinite') add([...at, 'discipline'], 'preemption needs a finite number of servers, got "infinite"');
  });

  model.arrivals.forEach((a, i) => {
    const target = model.stations.find((s) => s.id === a.to);
    if (!target) add(['model', 'arrivals', i, 'to'], `unknown station "${a.to}" (stations: ${known(ids)})`);
    else if (blocksUpstream(target) && target.queue_capacity !== 'infinite')
      add(['model', 'arrivals', i, 'to'], `station "${a.to}" blocks its upstream server when full (on_full), so it cannot take external arrivals; use on_full "lost"`);
  });
  const periods = model.arrivals.flatMap((a, i) => (a.process === 'non-homogeneous poisson' ? [{ i, period: profilePeriod(a.rate_profile) }] : []));
  for (const p of periods.slice(1))
    if (!agrees(p.period, periods[0].period))
      add(['model', 'arrivals', p.i, 'rate_profile'], `all time-varying arrivals must share one cycle: expected a period of ${num(periods[0].period)} h (as arrivals[${periods[0].i}]), got ${num(p.period)}`);

  const r = model.routing;
  if (r === undefined) {
    if (model.stations.length > 1) add(['model', 'routing'], `missing: ${model.stations.length} stations need routing (order, matrix, exit_prob) to say where patients go after each service`);
  } else {
    const n = ids.length;
    if (r.order.length !== n || ids.some((id) => !r.order.includes(id)) || new Set(r.order).size !== r.order.length) {
      const bad = r.order.findIndex((id, k) => !ids.includes(id) || r.order.indexOf(id) !== k);
      if (bad >= 0) add(['model', 'routing', 'order', bad], ids.includes(r.order[bad]) ? `station "${r.order[bad]}" is listed twice` : `unknown station "${r.order[bad]}" (stations: ${known(ids)})`);
      else add(['model', 'routing', 'order'], `expected each station once (${known(ids)}), got ${known(r.order)}`);
    }
    if (r.matrix.length !== n) add(['model', 'routing', 'matrix'], `expected a square matrix of ${n} rows (one per station), got ${r.matrix.length}`);
    r.matrix.forEach((row, i) => {
      if (row.length !== n) add(['model', 'routing', 'matrix', i], `expected ${n} columns (one per station), got ${row.length}`);
    });
    if (r.exit_prob.length !== n) add(['model', 'routing', 'exit_prob'], `expected ${n} probabilities (one per station), got ${r.exit_prob.length}`);
    if (r.matrix.length === n && r.exit_prob.length === n && r.matrix.every((row) => row.length === n)) {
      r.matrix.forEach((row, i) => {
        const total = row.reduce((a, b) => a + b, 0) + r.exit_prob[i];
        if (Math.abs(total - 1) > 1e-6) add(['model', 'routing', 'matrix', i], `row plus exit_prob[${i}] must sum to 1, got ${num(total)}`);
      });
    }
  }

  const period = cycleOf(model);
  c.expected.forEach((e, i) => checkExpected(e, ['expected', i], { model, classes, ids, period, add }));
  return out;
}

function checkExpected(
  e: Expected, at: PropertyKey[],
  ctx: { model: CaseModel; classes: string[]; ids: string[]; period: number | null; add: (path: PropertyKey[], message: string) => void },
): void {
  const { add, ids, classes, period, model } = ctx;
  const info = metricInfo(e.metric);
  if (!info) {
    add([...at, 'metric'], `unknown metric "${e.metric}" (known: ${METRIC_NAMES.join(', ')})`);
    return;
  }
  const scope = e.scope ?? {};
  const allowed = new Set<string>(['station', ...(info.requires ?? []), ...(info.allows ?? [])]);
  for (const key of Object.keys(scope)) {
    if (!(SCOPE_KEYS as readonly string[]).includes(key)) add([...at, 'scope', key], `unknown scope key "${key}" (known: ${SCOPE_KEYS.join(', ')})`);
    else if (!allowed.has(key)) add([...at, 'scope', key], `${e.metric} takes no "${key}" (its scope keys: ${[...allowed].join(', ')})`);
  }
  for (const key of info.requires ?? []) if (scope[key] === undefined) add([...at, 'scope'], `missing: ${e.metric} needs scope.${key}`);

  const station = scope.station;
  if (station !== undefined) {
    if (station === 'network') {
      if (!info.network) add([...at, 'scope', 'station'], `${e.metric} is a per-station metric; "network" applies only to W, L and throughput`);
    } else if (!ids.includes(String(station))) {
      add([...at, 'scope', 'station'], `unknown station ${show(station)} (stations: ${ids.map((x) => `"${x}"`).join(', ')}${info.network ? ', or "network"' : ''})`);
    }
  } else if (ids.length > 1 && !['arrivals_per_cycle'].includes(e.metric)) {
    add([...at, 'scope'], `missing: this case has several stations, so ${e.metric} needs scope.station (${ids.map((x) => `"${x}"`).join(', ')}${info.network ? ', or "network"' : ''})`);
  }
  const st = model.stations.find((s) => s.id === (station ?? (ids.length === 1 ? ids[0] : undefined)));
  if (scope.class !== undefined && !classes.includes(String(scope.class)))
    add([...at, 'scope', 'class'], `unknown class ${show(scope.class)} (arrival classes: ${classes.map((x) => `"${x}"`).join(', ')})`);
  const integer = (key: string, min: number, max = Infinity) => {
    const v = scope[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min && v < max))
      add([...at, 'scope', key], `expected an integer in [${min}, ${max === Infinity ? '∞' : max}), got ${show(v)}`);
  };
  const number = (key: string, min: number, max: number, what: string) => {
    const v = scope[key];
    if (v !== undefined && !(typeof v === 'number' && v >= min && v <= max)) add([...at, 'scope', key], `expected ${what}, got ${show(v)}`);
  };
  integer('n', 0);
  number('x', 0, Infinity, 'a number ≥ 0');
  number('q', 0, 1, 'a probability in [0, 1]');
  if (info.cyclic) {
    if (period === null) {
      add([...at, 'metric'], `${e.metric} needs a repeating cycle, but no arrival stream is "non-homogeneous poisson"`);
    } else {
      integer('hour_of_cycle', 0, Math.floor(period));
      const t = scope.time_of_cycle_hours;
      if (t !== undefined && !(typeof t === 'number' && t >= 0 && t < period))
        add([...at, 'scope', 'time_of_cycle_hours'], `expected a clock time in [0, ${period}), got ${show(t)}`);
    }
  }
  // What the model cannot show.
  if ((e.metric === 'utilisation' || e.metric === 'P_blocked') && st?.servers === 'infinite')
    add([...at, 'metric'], `${e.metric} is undefined for station "${st.id}", whose servers are "infinite"`);
  if (e.metric === 'peak_lag_after_arrival_peak' && !model.arrivals.some((a) => a.process === 'non-homogeneous poisson' && a.rate_profile.type === 'sinusoidal'))
    add([...at, 'metric'], 'peak_lag_after_arrival_peak needs a sinusoidal arrival profile (its peak_hour is the arrival peak)');
}
