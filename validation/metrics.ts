// Metric names of the reference-case format → numbers read from one finished replication.
//
// A metric becomes a Probe: a "scalar" gives one number per replication (the estimate
// is their mean); a "curve" gives a vector per replication and its value is a function
// of the replication-averaged vector (peak and trough of the mean occupancy, as the
// README asks; the occupancy variance and quantiles of the pooled distribution).
// Customer-based metrics (waits, times in system) count patients who arrive in
// [warm-up, horizon], followed to their exit; time-based metrics and counts cover
// [warm-up, horizon] (the engine resets its statistics at the warm-up).
import type { RunResult, PoolResult } from '../engine/core/results.ts';
import type { TallySummary } from '../engine/core/stats.ts';
import { CYCLE_GRID_HOURS, metricInfo } from './catalogue.ts';
import { NETWORK_OUTPUT, NETWORK_POOL, blockedOutput, visitOutput, type BuiltCase, type BuiltStation } from './build.ts';
import type { Scope } from './schema.ts';

export type Probe =
  | { kind: 'scalar'; read(run: RunView): number }
  | {
      kind: 'curve';
      read(run: RunView): number[];
      reduce(meanCurve: number[]): number;
      /**
       * A continuous version of `reduce` for the bootstrap's spread, where `reduce` is a
       * step function (an integer quantile): its interval then shrinks as 1/√n instead of
       * staying one step wide when the exact value sits on a step.
       */
      smooth?(meanCurve: number[]): number;
    };

export interface MetricRequest {
  metric: string;
  scope?: Scope;
  definition?: string;
}

/** What a definition override selects; "generic" is the README's table. */
export type Variant = 'generic' | 'all-arrivals' | 'W-minus-service';

export function variantOf(metric: string, definition: string | undefined): Variant {
  if (definition === undefined) return 'generic';
  if (metric === 'Wq' && /all arrivals|abandoners/i.test(definition)) return 'all-arrivals';
  if (metric === 'Wq' && /W\s*[-−]\s*(own )?mean service|time spent preempted/i.test(definition)) return 'W-minus-service';
  if (metric === 'P_wait' && /finding all servers busy|all arrivals/i.test(definition)) return 'all-arrivals';
  return 'generic';
}

/**
 * One replication, read twice: at the horizon, for everything measured over the window
 * (levels, counts), and once the patients who arrived in the window have all left (the
 * arrivals stop at the horizon), for their waits and times in system — so that long stays
 * are not cut off at the horizon, which would bias W low.
 */
export class RunView {
  /** Length of the measured window (hours). */
  readonly window: number;
  private folded = new Map<string, { bins: Int32Array; values: Float64Array; means: number[] }>();

  constructor(readonly result: RunResult, readonly final: RunResult, readonly built: BuiltCase) {
    this.window = result.end - result.warmup;
  }

  pool(id: string): PoolResult {
    return this.result.pools[id];
  }

  /** The pool once drained: waits of every patient who arrived in the window. */
  drained(id: string): PoolResult {
    return this.final.pools[id];
  }

  output(name: string, cls?: string): TallySummary | undefined {
    return cls === undefined ? this.final.outputs[name] : this.final.outputsByClass[name]?.[cls];
  }

  /** External arrivals in the window (one class, or all). */
  arrivals(cls?: string): number {
    const classes = this.result.classes;
    return cls !== undefined ? classes[cls].arrived : Object.values(classes).reduce((s, c) => s + c.arrived, 0);
  }

  /** Point samples of the number present at a station on the cycle grid, after warm-up. */
  cycleSamples(station: string) {
    let f = this.folded.get(station);
    if (f) return f;
    const period = this.built.period!;
    const nb = Math.round(period / CYCLE_GRID_HOURS);
    const series = this.result.series!;
    const bins: number[] = [], values: number[] = [];
    const sum = new Float64Array(nb), count = new Float64Array(nb);
    const busy = series.pools[station].busy, queue = series.pools[station].queue;
    series.times.forEach((t, j) => {
      // Whole cycles [warm-up, horizon): the sample at the horizon would start another.
      if (t < this.result.warmup || t >= this.result.end) return;
      const b = Math.round((t - Math.floor(t / period) * period) / CYCLE_GRID_HOURS) % nb;
      const v = busy[j] + queue[j];
      bins.push(b);
      values.push(v);
      sum[b] += v;
      count[b]++;
    });
    f = { bins: Int32Array.from(bins), values: Float64Array.from(values), means: Array.from(sum, (s, b) => s / count[b]) };
    this.folded.set(station, f);
    return f;
  }
}

const meanOf = (t: TallySummary | undefined) => (t && t.count > 0 ? t.mean : NaN);
/** A class's figure from a pool's per-class split; with one class there is no split (null) and the pool's own is the class's; a class absent from the split never used the pool. */
const byClassOr = (split: Record<string, number> | null, cls: string, whole: number) => (split ? (split[cls] ?? 0) : whole);
const sumOf = (t: TallySummary | undefined) => (t && t.count > 0 ? t.mean * t.count : 0);
const countOf = (t: TallySummary | undefined) => (t ? t.count : 0);
const scalar = (read: (run: RunView) => number): Probe => ({ kind: 'scalar', read });

function argExtreme(curve: number[], max: boolean): number {
  let best = 0;
  for (let i = 1; i < curve.length; i++) if (max ? curve[i] > curve[best] : curve[i] < curve[best]) best = i;
  return best;
}

/**
 * The probe for one metric of a case, or a message saying why it cannot be computed.
 * Scope rules are the schema's; this repeats only what a probe needs to locate.
 */
export function planMetric(built: BuiltCase, req: MetricRequest): Probe | string {
  const { metric } = req;
  const scope = req.scope ?? {};
  const info = metricInfo(metric);
  if (!info) return `unknown metric "${metric}"`;
  const variant = variantOf(metric, req.definition);
  const cls = scope.class === undefined ? undefined : String(scope.class);
  if (cls !== undefined && !built.classes.includes(cls)) return `unknown class "${cls}"`;
  const stationId = scope.station !== undefined ? String(scope.station) : built.stations.length === 1 ? built.stations[0].id : undefined;
  const networkWide = stationId === 'network';
  if (networkWide && !info.network) return `${metric} is not defined for the whole network`;
  if (networkWide && !built.network) return 'the network is not measured in this build';
  const station: BuiltStation | undefined = built.stations.find((s) => s.id === stationId);
  if (!station && !networkWide && metric !== 'arrivals_per_cycle') return stationId === undefined ? `${metric} needs scope.station` : `unknown station "${stationId}"`;
  const id = station?.id ?? '';
  const P = (run: RunView) => run.pool(id);

  /** Mean service time at the station, for a class or weighted by the classes served. */
  const serviceMean = (run: RunView): number => {
    if (cls !== undefined) return station!.serviceMean[cls];
    let n = 0, s = 0;
    for (const c of built.classes) {
      const k = countOf(run.output(visitOutput(id), c));
      n += k;
      s += k * station!.serviceMean[c];
    }
    return n > 0 ? s / n : station!.serviceMean[built.classes[0]];
  };
  const visitW = (run: RunView) => meanOf(run.output(networkWide ? NETWORK_OUTPUT : visitOutput(id), cls));
  const queueWait = (run: RunView) => meanOf(cls !== undefined ? run.drained(id).waitsByClass[cls] : run.drained(id).waits);
  const dist = (run: RunView) => P(run).presentDistribution;

  if (info.cyclic && built.period === null) return `${metric} needs the occupancy folded over the arrival cycle`;
  const period = built.period ?? 0;
  const grid = CYCLE_GRID_HOURS;

  switch (metric) {
    case 'Wq':
      if (variant === 'all-arrivals') {
        if (cls !== undefined) return 'Wq over all arrivals (abandoners included) is not available per class';
        return scalar((run) => {
          const p = run.drained(id);
          const n = p.waits.count + p.renegeWaits.count;
          return n > 0 ? (sumOf(p.waits) + sumOf(p.renegeWaits)) / n : NaN;
        });
      }
      if (variant === 'W-minus-service') return scalar((run) => visitW(run) - serviceMean(run));
      return scalar(queueWait);
    case 'W':
      return scalar(visitW);
    case 'W_minus_Wq':
      return scalar((run) => visitW(run) - queueWait(run));
    case 'Lq':
      return scalar((run) => (cls !== undefined ? byClassOr(P(run).queueByClass, cls, P(run).queue.mean) : P(run).queue.mean));
    case 'L': {
      const pool = networkWide ? NETWORK_POOL : id;
      return scalar((run) => {
        const p = run.pool(pool);
        if (cls === undefined) return p.present.mean;
        return byClassOr(p.busyByClass, cls, p.busy.mean) + byClassOr(p.queueByClass, cls, p.queue.mean);
      });
    }
    case 'utilisation':
      return scalar((run) => P(run).busy.mean / station!.servers);
    case 'mean_busy_servers':
      return scalar((run) => P(run).busy.mean);
    case 'P_wait':
      if (variant === 'all-arrivals') return scalar((run) => {
        const p = run.drained(id);
        return (p.waited + p.renegeWaits.count) / (p.waits.count + p.renegeWaits.count);
      });
      return scalar((run) => run.drained(id).waited / run.drained(id).waits.count);
    case 'P_block':
      return scalar((run) => P(run).diverted / P(run).requests);
    case 'P_abandon':
      return scalar((run) => P(run).reneged / P(run).requests);
    case 'P_blocked':
      return scalar((run) => sumOf(run.output(blockedOutput(id))) / (run.window * station!.servers));
    case 'throughput':
      // Per class and network-wide: completions of the patients who arrived in the window
      // (followed to their exit), per hour of window — the admitted arrival rate.
      if (networkWide) return scalar((run) => countOf(run.output(NETWORK_OUTPUT, cls)) / run.window);
      if (cls !== undefined) return scalar((run) => countOf(run.output(visitOutput(id), cls)) / run.window);
      return scalar((run) => P(run).completed / run.window);
    case 'arrival_rate':
      return scalar((run) => P(run).requests / run.window);
    case 'mean_visits':
      return scalar((run) => P(run).requests / run.arrivals());
    case 'state_prob': {
      const n = Number(scope.n);
      return scalar((run) => dist(run)[n] ?? 0);
    }
    case 'P_occupancy_ge': {
      const from = Math.max(0, Math.ceil(Number(scope.x)));
      return scalar((run) => dist(run).slice(from).reduce((a, b) => a + b, 0));
    }
    case 'occupancy_quantile': {
      // Of the distribution pooled over replications (the per-replication quantiles are
      // integers whose mean is not a quantile).
      const q = Number(scope.q);
      return {
        kind: 'curve',
        read: dist,
        reduce: (d) => {
          const total = d.reduce((a, b) => a + b, 0);
          let seen = 0;
          for (let k = 0; k < d.length; k++) {
            seen += d[k];
            if (seen >= q * total * (1 - 1e-12)) return k;
          }
          return d.length - 1;
        },
        // Linear interpolation of the cumulative distribution within the step that crosses q.
        smooth: (d) => {
          const total = d.reduce((a, b) => a + b, 0);
          const target = q * total;
          let seen = 0;
          for (let k = 0; k < d.length; k++) {
            if (seen + d[k] >= target) return d[k] > 0 ? k - 1 + (target - seen) / d[k] : k;
            seen += d[k];
          }
          return d.length - 1;
        },
      };
    }
    case 'occupancy_variance':
      // Around the mean over all replications: a replication's variance around its own
      // mean falls short by the variance of that mean (4% in a slow M/G/∞).
      return { kind: 'curve', read: (run) => [P(run).present.mean, P(run).present.variance + P(run).present.mean ** 2], reduce: ([m, m2]) => m2 - m * m };
    case 'occupancy_mean_at': {
      const bin = Math.round(Number(scope.time_of_cycle_hours) / grid) % Math.round(period / grid);
      return scalar((run) => run.cycleSamples(id).means[bin]);
    }
    case 'P_occupancy_ge_at_peak': {
      const bin = Math.round(Number(scope.time_of_cycle_hours) / grid) % Math.round(period / grid);
      const x = Number(scope.x);
      return scalar((run) => {
        const { bins, values } = run.cycleSamples(id);
        let n = 0, hit = 0;
        for (let j = 0; j < bins.length; j++) if (bins[j] === bin) { n++; if (values[j] >= x) hit++; }
        return hit / n;
      });
    }
    case 'occupancy_hour_avg': {
      const perHour = Math.round(1 / grid);
      const h = Number(scope.hour_of_cycle);
      return scalar((run) => {
        const means = P(run).profile!.binMeans;
        let s = 0;
        for (let b = h * perHour; b < (h + 1) * perHour; b++) s += means[b];
        return s / perHour;
      });
    }
    case 'occupancy_peak_value':
    case 'occupancy_peak_time':
    case 'occupancy_trough_value':
    case 'occupancy_trough_time':
    case 'peak_lag_after_arrival_peak': {
      const max = metric.includes('peak');
      const time = metric.endsWith('_time') || metric === 'peak_lag_after_arrival_peak';
      const lag = metric === 'peak_lag_after_arrival_peak';
      if (lag && built.arrivalPeak === null) return 'peak_lag_after_arrival_peak needs a sinusoidal arrival profile';
      return {
        kind: 'curve',
        read: (run) => run.cycleSamples(id).means,
        reduce: (curve) => {
          const k = argExtreme(curve, max);
          if (!time) return curve[k];
          if (!lag) return k * grid;
          const d = k * grid - built.arrivalPeak!;
          return d - Math.floor(d / period) * period;
        },
      };
    }
    case 'arrivals_per_cycle':
      return scalar((run) => run.arrivals(cls) / (run.window / period));
    case 'arrivals':
      return scalar((run) => P(run).requests);
    case 'admitted':
      return scalar((run) => P(run).requests - P(run).diverted);
    case 'lost':
      return scalar((run) => P(run).diverted);
    case 'completed':
      return scalar((run) => P(run).completed);
  }
  return `no computation for metric "${metric}"`;
}

/** Quantities the consistency checks use besides metrics: model constants and measured rates. */
export function planQuantity(built: BuiltCase, name: string, scope: Scope): Probe | string {
  const cls = scope.class === undefined ? undefined : String(scope.class);
  const stationId = scope.station !== undefined ? String(scope.station) : built.stations.length === 1 ? built.stations[0].id : undefined;
  const station = built.stations.find((s) => s.id === stationId);
  switch (name) {
    case 'external_rate':
      return scalar((run) => run.arrivals(cls) / run.window);
    case 'lambda':
      // At a station: its arrivals (external + internal); per class, the class's arrivals.
      if (cls !== undefined && built.stations.length === 1) return scalar((run) => run.arrivals(cls) / run.window);
      if (cls !== undefined) return 'per-class arrival rates at a station are not measured';
      if (stationId === 'network') return scalar((run) => run.arrivals() / run.window);
      if (!station) return 'needs scope.station';
      return scalar((run) => run.pool(station.id).requests / run.window);
    case 'servers':
      if (!station || !Number.isFinite(station.servers)) return 'needs a station with finite servers';
      return scalar(() => station.servers);
    case 'patience':
      if (!station || station.patienceMean === null) return 'needs a station with abandonment';
      return scalar(() => station.patienceMean!);
    case 'service_mean': {
      if (!station) return 'needs scope.station';
      if (cls !== undefined) return scalar(() => station.serviceMean[cls]);
      return scalar((run) => {
        let n = 0, s = 0;
        for (const c of built.classes) {
          const k = countOf(run.output(visitOutput(station.id), c));
          n += k;
          s += k * station.serviceMean[c];
        }
        return n > 0 ? s / n : station.serviceMean[built.classes[0]];
      });
    }
    case 'sum_station_L':
      if (cls !== undefined) return 'not per class';
      return scalar((run) => built.stations.reduce((s, st) => s + run.pool(st.id).present.mean, 0));
    case 'sum_state_prob':
      if (!station) return 'needs scope.station';
      return scalar((run) => run.pool(station.id).presentDistribution.reduce((a, b) => a + b, 0));
    case 'sum_n_state_prob':
      if (!station) return 'needs scope.station';
      return scalar((run) => run.pool(station.id).presentDistribution.reduce((a, p, n) => a + n * p, 0));
  }
  return `unknown quantity "${name}"`;
}
