// The vocabulary of reference cases: the metric names a case may list in `expected[]`,
// the scope keys each accepts, and the distributions a model may use. The schema checks
// a hand-written case against it; metrics.ts computes every name listed here.

export const SCOPE_KEYS = ['class', 'station', 'n', 'x', 'q', 'time_of_cycle_hours', 'hour_of_cycle'] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];

export interface MetricInfo {
  meaning: string;
  /** Scope keys that must be given. */
  requires?: ScopeKey[];
  /** Scope keys that may be given (besides the required ones). `station` is always allowed. */
  allows?: ScopeKey[];
  /** `station: "network"` (the whole system) is meaningful. */
  network?: boolean;
  /** Needs a repeating cycle: a non-homogeneous arrival stream fixes its period. */
  cyclic?: boolean;
  /** A total over the measured window (a count), so it depends on the window's length. */
  total?: boolean;
}

export const METRICS = {
  Wq: { meaning: 'mean wait from arrival to start of service', allows: ['class'] },
  W: { meaning: 'mean time from arrival to departure (per visit; network: first arrival to final exit)', allows: ['class'], network: true },
  Lq: { meaning: 'time-average number waiting', allows: ['class'] },
  L: { meaning: 'time-average number present', allows: ['class'], network: true },
  utilisation: { meaning: 'time-average busy servers ÷ servers' },
  mean_busy_servers: { meaning: 'time-average busy servers' },
  P_wait: { meaning: 'fraction of admitted arrivals that wait > 0' },
  P_block: { meaning: 'fraction of arrivals lost because the station was full' },
  P_abandon: { meaning: 'fraction of arrivals that abandon before service' },
  P_blocked: { meaning: 'fraction of time a server is held by a finished patient who cannot move on' },
  throughput: { meaning: 'completions per hour', allows: ['class'], network: true },
  arrival_rate: { meaning: 'arrivals per hour at the station (external + internal)' },
  mean_visits: { meaning: 'visits to the station per external arrival' },
  state_prob: { meaning: 'fraction of time with exactly n present', requires: ['n'] },
  P_occupancy_ge: { meaning: 'fraction of time with at least x present', requires: ['x'] },
  occupancy_quantile: { meaning: 'smallest k with time-fraction(occupancy ≤ k) ≥ q', requires: ['q'] },
  occupancy_variance: { meaning: 'time-average variance of the number present' },
  occupancy_mean_at: { meaning: 'expected number present at a clock time of the cycle', requires: ['time_of_cycle_hours'], cyclic: true },
  occupancy_hour_avg: { meaning: 'expected time-average number present over hour [h, h+1) of the cycle', requires: ['hour_of_cycle'], cyclic: true },
  occupancy_peak_value: { meaning: 'maximum of the mean-occupancy curve', cyclic: true },
  occupancy_peak_time: { meaning: 'clock time of the maximum of the mean-occupancy curve', cyclic: true },
  occupancy_trough_value: { meaning: 'minimum of the mean-occupancy curve', cyclic: true },
  occupancy_trough_time: { meaning: 'clock time of the minimum of the mean-occupancy curve', cyclic: true },
  peak_lag_after_arrival_peak: { meaning: 'hours from the arrival-rate peak to the occupancy peak', cyclic: true },
  P_occupancy_ge_at_peak: { meaning: 'probability of at least x present at a clock time of the cycle', requires: ['x', 'time_of_cycle_hours'], cyclic: true },
  arrivals_per_cycle: { meaning: 'external arrivals per cycle', allows: ['class'], cyclic: true },
  W_minus_Wq: { meaning: 'W − Wq: mean service time of completed patients', allows: ['class'] },
  arrivals: { total: true, meaning: 'arrivals at the station in the measured window (a count)' },
  admitted: { total: true, meaning: 'arrivals admitted (not lost) in the measured window (a count)' },
  lost: { total: true, meaning: 'arrivals lost in the measured window (a count)' },
  completed: { total: true, meaning: 'services completed in the measured window (a count)' },
} satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function metricInfo(name: string): MetricInfo | undefined {
  return Object.hasOwn(METRICS, name) ? (METRICS as Record<string, MetricInfo>)[name] : undefined;
}

export const DISTRIBUTIONS = ['exponential', 'deterministic', 'erlang', 'lognormal', 'hyperexponential', 'uniform'] as const;

export const DISCIPLINES = ['FIFO', 'static priority, non-preemptive', 'static priority, preemptive-resume'] as const;

/** Grid of clock times on which occupancy is sampled in time-varying cases (hours). */
export const CYCLE_GRID_HOURS = 0.25;
