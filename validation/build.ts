// A reference case → an engine Model. Each station becomes a pool and a pathway
// "at:<station>" that a patient walks on every visit:
//
//   set arr:<s> now → seize <s> → delay service → branch on the routing row → one edge per
//   next station (or exit): release <s>, record W:<s> since arr:<s>, go on.
//
// A full station that "blocks the upstream server" gets a second pool "<s>:room" of
// servers + waiting places, seized with onFull "block" on the edge that leads to it, which
// releases the upstream server only once the patient has a place (blocking after service).
// A pool "@network" held from first arrival to final exit measures the whole system.
import { Model, type CompiledModel } from '../engine/core/model.ts';
import * as pw from '../engine/core/pathway.ts';
import type { StepDef } from '../engine/core/pathway.ts';
import * as dist from '../engine/core/distributions.ts';
import { piecewiseRate, sinusoidalRate, type SourceDef } from '../engine/core/arrivals.ts';
import { CYCLE_GRID_HOURS } from './catalogue.ts';
import {
  type ReferenceCase, type Distribution, type Station, type Arrival,
  blocksUpstream, classesOf, cycleOf, distributionMean, isPreemptive, isPriority,
} from './schema.ts';

export const NETWORK_POOL = '@network';
export const roomOf = (station: string) => `${station}:room`;
/** Output names of the records the pathways make. */
export const visitOutput = (station: string) => `W:${station}`;
export const blockedOutput = (station: string) => `B:${station}`;
export const NETWORK_OUTPUT = 'W:@network';

export interface BuiltStation {
  id: string;
  servers: number;
  /** Mean service time of a class at this station (hours). */
  serviceMean: Record<string, number>;
  patienceMean: number | null;
  /** Has a "room" pool: arrivals wait on the upstream server while it is full. */
  room: boolean;
}

export interface BuiltCase {
  model: CompiledModel;
  classes: string[];
  stations: BuiltStation[];
  network: boolean;
  /** Cycle of the time-varying arrivals (hours), null when arrivals do not vary. */
  period: number | null;
  /** Occupancy sampling interval for cyclic metrics (0: none). */
  sampleEvery: number;
  /** Clock time of the arrival-rate peak (sinusoidal profiles), else null. */
  arrivalPeak: number | null;
}

export interface BuildOptions {
  /** Hold a pool from first arrival to final exit (for network-wide L, W and throughput). */
  network: boolean;
  /** Fold station occupancy over the arrival cycle and sample it every CYCLE_GRID_HOURS. */
  cycle: boolean;
  /** No external arrivals after this time (the end of the measured window). */
  until?: number;
}

/** The engine's distribution for a case's distribution. */
export function toDistribution(d: Distribution): dist.Distribution {
  switch (d.dist) {
    case 'exponential': return dist.exponential(d.mean ?? 1 / d.rate!);
    case 'deterministic': return dist.deterministic(d.value);
    case 'erlang': return dist.erlang(d.k, d.mean ?? d.k / d.phase_rate!);
    case 'lognormal': return d.mean !== undefined && d.sd !== undefined ? dist.lognormal(d.mean, d.sd) : dist.lognormalLog(d.mu_log!, d.sigma_log!);
    case 'hyperexponential': return dist.hyperexponential(d.probs, d.means);
    case 'uniform': return dist.uniform(d.min, d.max);
  }
}

function source(a: Arrival, pathway: string, priority: number, until: number | undefined): SourceDef {
  const base = { pathway, class: a.class, priority, until };
  switch (a.process) {
    case 'poisson': return { ...base, interarrival: dist.exponential(1 / a.rate_per_hour) };
    case 'renewal': return { ...base, interarrival: toDistribution(a.interarrival) };
    case 'deterministic': return { ...base, interarrival: toDistribution(a.interarrival), firstAt: a.first_arrival_hours };
    case 'non-homogeneous poisson': {
      const p = a.rate_profile;
      const profile = p.type === 'sinusoidal'
        ? sinusoidalRate(p.mean_rate_per_hour, p.amplitude, p.period_hours, p.peak_hour)
        : piecewiseRate(p.rates_per_hour, p.step_hours);
      return { ...base, profile };
    }
  }
}

/** Rank of each class in a priority order (0 = most urgent); classes not listed come last. */
function ranks(order: readonly string[] | undefined, classes: readonly string[]): Record<string, number> {
  const o = order ?? [];
  return Object.fromEntries(classes.map((c) => [c, o.includes(c) ? o.indexOf(c) : o.length]));
}

export function buildCase(c: ReferenceCase, options: BuildOptions): BuiltCase {
  const { model: cm } = c;
  const classes = classesOf(cm);
  const period = options.cycle ? cycleOf(cm) : null;
  const network = options.network;
  const m = new Model().classes(...classes);

  // Priorities travel with the patient: the first priority station sets the arrival
  // priority; a station with another order re-ranks patients on entry.
  const firstPriority = cm.stations.find(isPriority);
  const arrivalRank = ranks(firstPriority?.priority_order, classes);
  const hasRoom = (s: Station) => blocksUpstream(s) && s.queue_capacity !== 'infinite';

  for (const s of cm.stations) {
    const capacity = s.servers === 'infinite' ? Infinity : s.servers;
    const lossLimit = s.queue_capacity === 'infinite' || hasRoom(s) ? undefined : s.queue_capacity;
    m.pool(s.id, {
      capacity,
      discipline: isPreemptive(s) ? 'preemptive' : isPriority(s) ? 'priority' : 'fifo',
      queueLimit: lossLimit,
      profile: period !== null ? { period, bins: Math.round(period / CYCLE_GRID_HOURS) } : undefined,
    });
    if (hasRoom(s)) m.pool(roomOf(s.id), { capacity: capacity + (s.queue_capacity as number), queueLimit: 0 });
  }
  if (network) m.pool(NETWORK_POOL, { capacity: Infinity });

  for (const s of cm.stations) {
    const steps: StepDef[] = [];
    const rank = ranks(s.priority_order, classes);
    if (isPriority(s) && classes.some((cls) => rank[cls] !== arrivalRank[cls])) {
      steps.push(pw.switchOn('class', classes.map((cls) => ({ op: '==' as const, value: cls, to: `rank:${cls}` })), 'enter'));
      for (const cls of classes) steps.push(pw.set('priority', rank[cls], { label: `rank:${cls}` }), pw.goto('enter'));
    }
    // Leaving without service (lost or abandoned) must give back what the patient holds.
    const holds = [...(hasRoom(s) ? [roomOf(s.id)] : []), ...(network ? [NETWORK_POOL] : [])];
    const canLeave = s.abandonment !== undefined || (s.queue_capacity !== 'infinite' && !hasRoom(s));
    const gone = canLeave && holds.length > 0 ? 'gone' : undefined;
    const byClass = s.service_by_class ? Object.fromEntries(Object.entries(s.service_by_class).map(([k, d]) => [k, toDistribution(d)])) : undefined;
    steps.push(
      pw.set(`arr:${s.id}`, 'now', { label: 'enter' }),
      pw.seize(s.id, {
        patience: s.abandonment ? toDistribution(s.abandonment.patience) : undefined,
        onRenege: s.abandonment ? gone : undefined,
        divertTo: gone,
      }),
      pw.delay(toDistribution(s.service), { byClass, stream: `service:${s.id}` }),
    );
    const row = cm.routing ? cm.routing.matrix[cm.routing.order.indexOf(s.id)] : undefined;
    const exitProb = cm.routing ? cm.routing.exit_prob[cm.routing.order.indexOf(s.id)] : 1;
    const edges = [
      ...(row ?? []).flatMap((w, k) => (w > 0 ? [{ to: `to:${cm.routing!.order[k]}`, weight: w }] : [])),
      ...(exitProb > 0 ? [{ to: 'to:exit', weight: exitProb }] : []),
    ];
    steps.push(edges.length === 1 ? pw.goto(edges[0].to) : pw.branch(edges, { stream: `routing:${s.id}` }));

    const own = [s.id, ...(hasRoom(s) ? [roomOf(s.id)] : [])];
    for (const { to } of edges) {
      const next = to === 'to:exit' ? undefined : cm.stations.find((x) => x.id === to.slice(3))!;
      if (next !== undefined && hasRoom(next)) {
        // Blocking after service: the upstream server (and room) are freed on entry to the next room.
        steps.push(
          pw.set(`blk:${s.id}`, 'now', { label: to }),
          pw.seize(roomOf(next.id), { onFull: 'block', releaseOnEntry: own }),
          pw.record(blockedOutput(s.id), `blk:${s.id}`),
          pw.record(visitOutput(s.id), `arr:${s.id}`),
          pw.goto(`at:${next.id}`),
        );
        continue;
      }
      steps.push(pw.release(s.id, { label: to }));
      if (hasRoom(s)) steps.push(pw.release(roomOf(s.id)));
      steps.push(pw.record(visitOutput(s.id), `arr:${s.id}`));
      if (next !== undefined) steps.push(pw.goto(`at:${next.id}`));
      else {
        if (network) steps.push(pw.release(NETWORK_POOL), pw.record(NETWORK_OUTPUT));
        steps.push(pw.exit());
      }
    }
    if (gone) {
      steps.push(...holds.map((p, k) => pw.release(p, k === 0 ? { label: gone } : {})), pw.exit());
    }
    m.pathway(`at:${s.id}`, steps);
  }

  if (network) {
    // Entry to the system: hold @network, then walk to the first station.
    for (const id of new Set(cm.arrivals.map((a) => a.to))) m.pathway(`from-outside:${id}`, [pw.seize(NETWORK_POOL), pw.goto(`at:${id}`)]);
  }
  cm.arrivals.forEach((a, i) => m.source(`arrivals[${i}]`, source(a, network ? `from-outside:${a.to}` : `at:${a.to}`, arrivalRank[a.class], options.until)));

  const sinusoid = cm.arrivals.find((a) => a.process === 'non-homogeneous poisson' && a.rate_profile.type === 'sinusoidal');
  return {
    model: m.compile(),
    classes,
    network,
    period,
    sampleEvery: period !== null ? CYCLE_GRID_HOURS : 0,
    arrivalPeak: sinusoid?.process === 'non-homogeneous poisson' && sinusoid.rate_profile.type === 'sinusoidal' ? sinusoid.rate_profile.peak_hour : null,
    stations: cm.stations.map((s) => ({
      id: s.id,
      servers: s.servers === 'infinite' ? Infinity : s.servers,
      serviceMean: Object.fromEntries(classes.map((cls) => [cls, distributionMean(s.service_by_class?.[cls] ?? s.service)!])),
      patienceMean: s.abandonment ? distributionMean(s.abandonment.patience)! : null,
      room: hasRoom(s),
    })),
  };
}
