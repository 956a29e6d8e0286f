// The reference-case schema is a public input: people write cases by hand, so each
// mistake must come back as one clear line naming the field. The messages are pinned.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseReferenceFile } from '../../../validation/schema.ts';
import { formatIssues } from '../../../scenarios/errors.ts';

type Json = Record<string, any>;

/** A valid one-case file (an M/M/1) for each test to break in one place. */
function file(edit: (c: Json, f: Json) => void = () => {}): Json {
  const c: Json = {
    id: 'mm1',
    model: {
      arrivals: [{ class: 'default', to: 's1', process: 'poisson', rate_per_hour: 2 }],
      stations: [{ id: 's1', servers: 1, service: { dist: 'exponential', mean: 0.25 }, queue_capacity: 'infinite', discipline: 'FIFO' }],
    },
    run: { horizon_hours: 1000, warmup_hours: 10, replications: 5 },
    expected: [{ metric: 'Wq', value: 0.25, rel_tol: 0.03 }],
  };
  const f: Json = { format_version: 1, cases: [c] };
  edit(c, f);
  return f;
}

/** The formatted issues, or "valid". */
function check(data: unknown): string {
  const r = parseReferenceFile(data);
  return r.ok ? 'valid' : formatIssues(r.issues);
}

const network = (c: Json) => {
  c.model.stations.push({ id: 's2', servers: 2, service: { dist: 'exponential', mean: 0.5 } });
  c.model.routing = { order: ['s1', 's2'], matrix: [[0, 1], [0, 0]], exit_prob: [0, 1] };
  c.expected[0].scope = { station: 's1' };
};

describe('reference-case schema', () => {
  test('every case of the shared validation file is valid', () => {
    const data = JSON.parse(readFileSync(new URL('../../../validation/cases.json', import.meta.url), 'utf8'));
    expect(check(data)).toBe('valid');
  });

  test('the hand-written example is valid', () => {
    const data = JSON.parse(readFileSync(new URL('../../../validation/examples/clinic-mm2.json', import.meta.url), 'utf8'));
    expect(check(data)).toBe('valid');
  });

  test('extra keys (notes, sources) are allowed and kept', () => {
    const data = file((c, f) => { f.notes = 'x'; c.source = 'Gross & Harris'; c.model.stations[0].note = 'y'; });
    const r = parseReferenceFile(data);
    expect(r.ok && (r.file.cases[0] as Json).source).toBe('Gross & Harris');
  });

  test('servers: a positive integer or "infinite"', () => {
    expect(check(file((c) => { c.model.stations[0].servers = -2; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].servers: expected a positive integer or "infinite", got -2"`);
    expect(check(file((c) => { c.model.stations[0].servers = 'many'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].servers: expected a positive integer or "infinite", got "many""`);
  });

  test('queue_capacity: an integer ≥ 0 or "infinite"', () => {
    expect(check(file((c) => { c.model.stations[0].queue_capacity = 1.5; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].queue_capacity: expected an integer ≥ 0 or "infinite", got 1.5"`);
  });

  test('a missing field says what was expected', () => {
    expect(check(file((c) => { delete c.run.horizon_hours; }))).toMatchInlineSnapshot(`"  ✖ cases[0].run.horizon_hours: missing: expected a number"`);
    expect(check(file((c) => { delete c.model.stations[0].service; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service: missing: expected a distribution such as {"dist": "exponential", "mean": 2}"`);
  });

  test('the wrong type names what came', () => {
    expect(check(file((c) => { c.run.replications = '20'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].run.replications: expected an integer, got "20""`);
    expect(check(file((c) => { c.run.replications = 2.5; }))).toMatchInlineSnapshot(`"  ✖ cases[0].run.replications: expected an integer, got 2.5"`);
    expect(check(file((c) => { c.expected = []; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected: expected at least 1 item, got 0"`);
    expect(check([1, 2])).toMatchInlineSnapshot(`"  ✖ (top level): expected an object, got a list of 2"`);
    expect(check(file((c, f) => { f.format_version = 2; }))).toMatchInlineSnapshot(`"  ✖ format_version: expected 1 (the only version there is), got 2"`);
  });

  test('an unknown distribution lists the known ones', () => {
    expect(check(file((c) => { c.model.stations[0].service = { dist: 'gamma', shape: 2 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.dist: unknown distribution "gamma" (known: exponential, deterministic, erlang, lognormal, hyperexponential, uniform)"`);
    expect(check(file((c) => { c.model.stations[0].service = { mean: 2 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.dist: missing: expected the name of a distribution (known: exponential, deterministic, erlang, lognormal, hyperexponential, uniform)"`);
  });

  test('redundant distribution parameters must agree', () => {
    expect(check(file((c) => { c.model.stations[0].service = { dist: 'exponential', mean: 0.25, rate: 5 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.rate: expected 1/mean = 4, got 5 (give the mean alone, or consistent values)"`);
    expect(check(file((c) => { c.model.stations[0].service = { dist: 'lognormal', mean: 1, sd: 1.5, mu_log: -0.6, sigma_log: 1.085658784 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.mu_log: expected -0.5893274982 from mean and sd, got -0.6 (give one pair, or consistent values)"`);
    expect(check(file((c) => { c.model.stations[0].service = { dist: 'deterministic', value: 2, mean: 3 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.mean: expected 2 from the parameters, got 3"`);
    expect(check(file((c) => { c.model.stations[0].service = { dist: 'lognormal', mean: 1 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.sd: missing: a lognormal needs mean and sd (of the time), or mu_log and sigma_log (of its logarithm)"`);
    expect(check(file((c) => { c.model.stations[0].service = { dist: 'uniform', min: 2, max: 1 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].service.max: expected a number > min (2), got 1"`);
  });

  test('arrival processes', () => {
    expect(check(file((c) => { c.model.arrivals[0].process = 'batch poisson'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.arrivals[0].process: unknown arrival process "batch poisson" (known: "poisson", "renewal", "deterministic", "non-homogeneous poisson")"`);
    expect(check(file((c) => { c.model.arrivals[0].mean_interarrival_hours = 0.4; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.arrivals[0].mean_interarrival_hours: expected 1/rate_per_hour = 0.5, got 0.4"`);
    expect(check(file((c) => {
      c.model.arrivals[0] = { class: 'default', to: 's1', process: 'non-homogeneous poisson', rate_profile: { type: 'piecewise_constant', rates_per_hour: [1, 2, 3], period_hours: 24 } };
    }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.arrivals[0].rate_profile.period_hours: expected 3 rates × step_hours 1 = 3, got 24"`);
  });

  test('an unknown metric lists the known ones', () => {
    expect(check(file((c) => { c.expected[0].metric = 'Wqq'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].metric: unknown metric "Wqq" (known: Wq, W, Lq, L, utilisation, mean_busy_servers, P_wait, P_block, P_abandon, P_blocked, throughput, arrival_rate, mean_visits, state_prob, P_occupancy_ge, occupancy_quantile, occupancy_variance, occupancy_mean_at, occupancy_hour_avg, occupancy_peak_value, occupancy_peak_time, occupancy_trough_value, occupancy_trough_time, peak_lag_after_arrival_peak, P_occupancy_ge_at_peak, arrivals_per_cycle, W_minus_Wq, arrivals, admitted, lost, completed)"`);
  });

  test('scopes: unknown keys, keys a metric does not take, unknown names, missing keys', () => {
    expect(check(file((c) => { c.expected[0].scope = { klass: 'a' }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].scope.klass: unknown scope key "klass" (known: class, station, n, x, q, time_of_cycle_hours, hour_of_cycle)"`);
    expect(check(file((c) => { c.expected[0].scope = { n: 2 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].scope.n: Wq takes no "n" (its scope keys: station, class)"`);
    expect(check(file((c) => { c.expected[0].scope = { class: 'urgent', station: 'triage' }; }))).toMatchInlineSnapshot(`
      "  ✖ cases[0].expected[0].scope.station: unknown station "triage" (stations: "s1")
        ✖ cases[0].expected[0].scope.class: unknown class "urgent" (arrival classes: "default")"
    `);
    expect(check(file((c) => { c.expected[0] = { metric: 'state_prob', value: 0.5, rel_tol: 0.01 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].scope: missing: state_prob needs scope.n"`);
    expect(check(file((c) => { c.expected[0] = { metric: 'occupancy_quantile', scope: { q: 1.5 }, value: 3, rel_tol: 0, abs_tol: 1 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].scope.q: expected a probability in [0, 1], got 1.5"`);
    expect(check(file((c) => { c.expected[0] = { metric: 'occupancy_peak_time', value: 3, rel_tol: 0, abs_tol: 0.5 }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].metric: occupancy_peak_time needs a repeating cycle, but no arrival stream is "non-homogeneous poisson""`);
  });

  test('in a network, station metrics need scope.station', () => {
    expect(check(file((c) => { network(c); delete c.expected[0].scope; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].scope: missing: this case has several stations, so Wq needs scope.station ("s1", "s2")"`);
    expect(check(file((c) => { network(c); c.expected[0].scope = { station: 'network' }; }))).toMatchInlineSnapshot(`"  ✖ cases[0].expected[0].scope.station: Wq is a per-station metric; "network" applies only to W, L and throughput"`);
  });

  test('cross-field rules: stations, arrivals, priorities, run', () => {
    expect(check(file((c) => { c.model.arrivals[0].to = 'triage'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.arrivals[0].to: unknown station "triage" (stations: "s1")"`);
    expect(check(file((c) => { c.run.warmup_hours = 1000; }))).toMatchInlineSnapshot(`"  ✖ cases[0].run.warmup_hours: expected less than horizon_hours (1000), got 1000"`);
    expect(check(file((c) => { c.model.stations[0].priority_order = ['default']; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].priority_order: only a static priority discipline uses priority_order, but discipline is "FIFO""`);
    expect(check(file((c) => { c.model.stations[0].discipline = 'static priority, non-preemptive'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].priority_order: missing: a "static priority, non-preemptive" station needs priority_order, its classes from most to least urgent (classes: "default")"`);
    expect(check(file((c) => {
      c.model.stations[0].discipline = 'static priority, preemptive-resume';
      c.model.stations[0].priority_order = ['default', 'urgent'];
    }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].priority_order[1]: unknown class "urgent" (arrival classes: "default")"`);
    expect(check(file((c) => { c.model.stations[0].discipline = 'LIFO'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].discipline: expected one of "FIFO", "static priority, non-preemptive", "static priority, preemptive-resume", got "LIFO""`);
    expect(check(file((c) => { c.model.stations[0].queue_capacity = 3; c.model.stations[0].system_capacity = 5; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].system_capacity: expected servers + queue_capacity = 4, got 5"`);
    expect(check(file((c) => { c.model.stations[0].on_full = 'reject'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.stations[0].on_full: expected "lost" or "block upstream server (blocking after service)", got "reject""`);
    expect(check(file((c, f) => { f.cases.push(structuredClone(c)); }))).toMatchInlineSnapshot(`"  ✖ cases[1].id: case id "mm1" is used twice (also cases[0])"`);
  });

  test('cross-field rules: routing', () => {
    expect(check(file((c) => { network(c); delete c.model.routing; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.routing: missing: 2 stations need routing (order, matrix, exit_prob) to say where patients go after each service"`);
    expect(check(file((c) => { network(c); c.model.routing.order = ['s1', 'triage']; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.routing.order[1]: unknown station "triage" (stations: "s1", "s2")"`);
    expect(check(file((c) => { network(c); c.model.routing.matrix = [[0, 1]]; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.routing.matrix: expected a square matrix of 2 rows (one per station), got 1"`);
    expect(check(file((c) => { network(c); c.model.routing.matrix = [[0, 0.5], [0, 0]]; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.routing.matrix[0]: row plus exit_prob[0] must sum to 1, got 0.5"`);
    expect(check(file((c) => { network(c); c.model.stations[1].queue_capacity = 0; c.model.stations[1].on_full = 'block upstream server (blocking after service)'; c.model.arrivals[0].to = 's2'; }))).toMatchInlineSnapshot(`"  ✖ cases[0].model.arrivals[0].to: station "s2" blocks its upstream server when full (on_full), so it cannot take external arrivals; use on_full "lost""`);
  });

  test('several mistakes are all reported, in document order', () => {
    expect(check(file((c) => {
      c.model.stations[0].servers = 0;
      c.model.stations[0].service.mean = -1;
      c.expected[0].rel_tol = -0.1;
    }))).toMatchInlineSnapshot(`
      "  ✖ cases[0].model.stations[0].servers: expected a positive integer or "infinite", got 0
        ✖ cases[0].model.stations[0].service.mean: expected a number > 0, got -1
        ✖ cases[0].expected[0].rel_tol: expected a number ≥ 0, got -0.1"
    `);
  });
});
