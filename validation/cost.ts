// The cost model of a reference case (`pathflow validate`), as scenarios/cost does for
// scenarios: from the numbers of the case, without building anything proportional to
// them, the patients arriving in one replication, its events, the cycle profile's bins and
// samples, held against the limits; and each station's offered load, which says why a
// replication that outgrew its budget did.
import { grouped } from '../engine/core/errors.ts';
import type { Issue } from '../scenarios/errors.ts';
import type { CostLimits } from '../scenarios/cost/limits.ts';
import { CYCLE_GRID_HOURS } from './catalogue.ts';
import { cycleOf, distributionMean, type Arrival, type ReferenceCase } from './schema.ts';

/** Mean arrivals per hour of a stream, and the field that sets it. */
function rate(a: Arrival): { perHour: number; field: PropertyKey[] } {
  switch (a.process) {
    case 'poisson': return { perHour: a.rate_per_hour, field: ['rate_per_hour'] };
    case 'renewal':
    case 'deterministic': {
      const m = distributionMean(a.interarrival);
      return { perHour: m !== undefined && m > 0 ? 1 / m : 0, field: ['interarrival'] };
    }
    case 'non-homogeneous poisson': {
      const p = a.rate_profile;
      const perHour = p.type === 'sinusoidal' ? p.mean_rate_per_hour : p.rates_per_hour.reduce((x, y) => x + y, 0) / p.rates_per_hour.length;
      return { perHour, field: ['rate_profile'] };
    }
  }
}

/** Visits per hour to each station (external arrivals, then the routing, as Jackson's traffic equations). */
function stationRates(c: ReferenceCase): number[] {
  const ids = c.model.stations.map((s) => s.id);
  const external = ids.map((id) => c.model.arrivals.filter((a) => a.to === id).reduce((x, a) => x + rate(a).perHour, 0));
  const r = c.model.routing;
  if (!r || r.matrix.length !== ids.length) return external;
  const at = r.order.map((id) => ids.indexOf(id));
  // λ = λ0 + λP by iteration; the rounds are bounded (a network that never lets patients
  // out is caught by the budget of a replication, not here).
  let lambda = [...external];
  for (let k = 0; k < 500; k++) {
    const next = [...external];
    r.matrix.forEach((row, i) => row.forEach((p, j) => {
      if (at[i] >= 0 && at[j] >= 0) next[at[j]] += lambda[at[i]] * p;
    }));
    const change = next.reduce((x, v, i) => x + Math.abs(v - lambda[i]), 0);
    lambda = next;
    if (!(change > 1e-12 * (1 + lambda.reduce((x, v) => x + v, 0)))) break;
  }
  return lambda;
}

/** Stations whose offered load reaches their servers, in words (undefined: none). */
export function unstableStations(c: ReferenceCase): string | undefined {
  const lambda = stationRates(c);
  const over = c.model.stations.flatMap((s, i) => {
    if (s.servers === 'infinite' || s.queue_capacity !== 'infinite') return [];
    const load = (lambda[i] * (distributionMean(s.service) ?? 0)) / s.servers;
    return load >= 1 ? [`station "${s.id}" has an offered load of ${Number(load.toPrecision(2))}× its ${s.servers} server${s.servers === 1 ? '' : 's'}`] : [];
  });
  return over.length ? over.join('; ') : undefined;
}

const n = (x: number) => grouped(Math.round(x));
const YEAR_HOURS = 8766;
const raise = (name: keyof CostLimits) => `(raise with --limit ${name}=N)`;

/** What is over a limit in a case run for `horizon` hours; paths are within the case. */
export function caseCostIssues(c: ReferenceCase, horizon: number, limits: CostLimits): Issue[] {
  const issues: Issue[] = [];
  const rates = c.model.arrivals.map((a, i) => ({ ...rate(a), i }));
  const arrivals = rates.reduce((x, r) => x + r.perHour * horizon, 0);
  if (!(arrivals <= limits.arrivals)) {
    const top = rates.reduce((b, r) => (r.perHour > b.perHour ? r : b));
    // The field to change: the rates, unless a year of them would be within the limit (then the horizon is what is out of scale).
    const total = rates.reduce((x, r) => x + r.perHour, 0);
    issues.push({
      path: total * YEAR_HOURS <= limits.arrivals ? ['run', 'horizon_hours'] : ['model', 'arrivals', top.i, ...top.field],
      message: `about ${n(arrivals)} patients would arrive in one replication (${Number(top.perHour.toPrecision(4))} an hour for ${n(horizon)} hours), over the limit of ${n(limits.arrivals)} ${raise('arrivals')}`,
    });
  }
  // Events: an arrival, then a service (and a move) at each station visited.
  const lambda = stationRates(c);
  const visits = lambda.reduce((x, v) => x + v, 0) * horizon;
  const period = cycleOf(c.model);
  const samples = period !== null ? horizon / CYCLE_GRID_HOURS : 0;
  const events = arrivals + 2 * visits + samples;
  if (issues.length === 0 && !(events <= limits.events)) {
    issues.push({ path: ['run', 'horizon_hours'], message: `about ${n(events)} events in one replication of ${n(horizon)} hours, over the limit of ${n(limits.events)} ${raise('events')}` });
  }
  // A time-varying case keeps a profile of the cycle per station, and samples every grid step.
  if (period !== null) {
    const stations = c.model.stations.length;
    const bins = (period / CYCLE_GRID_HOURS) * stations;
    const at = c.model.arrivals.findIndex((a) => a.process === 'non-homogeneous poisson');
    if (!(bins <= limits.seriesPoints)) {
      issues.push({ path: ['model', 'arrivals', at, 'rate_profile'], message: `a cycle of ${n(period)} hours is ${n(bins)} profile bins of ${CYCLE_GRID_HOURS} h over ${stations} station(s), over the limit of ${n(limits.seriesPoints)} ${raise('seriesPoints')}` });
    } else if (!(samples * (2 * stations + 1) <= limits.seriesPoints)) {
      issues.push({ path: ['run', 'horizon_hours'], message: `${n(horizon)} hours sampled every ${CYCLE_GRID_HOURS} h is ${n(samples * (2 * stations + 1))} samples, over the limit of ${n(limits.seriesPoints)} ${raise('seriesPoints')}` });
    }
  }
  return issues;
}

