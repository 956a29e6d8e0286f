// Measures (scenarios/compile/measures.ts): times against a target, checked against exact
// answers. M/M/1 (Gross & Harris, Fundamentals of Queueing Theory, §2.2): with arrival
// rate λ and service rate μ, the FIFO wait has P(W ≤ x) = 1 − ρ e^{−(μ−λ)x} and the time
// in system is exponential with rate μ − λ. Two priority classes sharing one server
// (non-preemptive, Cobham 1954): W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), W0 = Σ λ_i E[S_i²] / 2.
// A deterministic pathway makes a step-to-step interval exact. Each 95% interval over
// replications must cover the exact value.
import { describe, expect, test } from 'vitest';
import { compileScenario, type HospitalModel } from '../../../scenarios/compile/compile.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';
import { runReplication } from '../../../runner/replicate.ts';
import { estimateKpi } from '../../../runner/summary.ts';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { checkCost } from '../../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../../scenarios/cost/limits.ts';
import { formatIssues } from '../../../scenarios/errors.ts';

function compiled(doc: unknown): HospitalModel {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

/** KPIs of `n` replications, by name. */
function replications(h: HospitalModel, n: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (let k = 0; k < n; k++) for (const [name, v] of Object.entries(runReplication(h, 1, k))) (out[name] ??= []).push(v);
  return out;
}

function expectCover(runs: Record<string, number[]>, name: string, exact: number): void {
  expect(runs[name], name).toBeDefined();
  const e = estimateKpi(name, runs[name]);
  expect(e.ciLow, `${name}: ${JSON.stringify(e)} against ${exact}`).toBeLessThanOrEqual(exact);
  expect(e.ciHigh, `${name}: ${JSON.stringify(e)} against ${exact}`).toBeGreaterThanOrEqual(exact);
}

const exp = (x: number) => Math.exp(x);

/** M/M/1: λ = 0.5 an hour, μ = 1 an hour (ρ = 0.5), one cubicle, FIFO. */
function mm1(measures: unknown[]) {
  return {
    id: 'mm1', title: 'M/M/1', time: { horizonDays: 400, warmupDays: 20 },
    sites: [{ id: 's', wards: [{ id: 'room', beds: 1, kind: 'cubicle' }] }],
    classes: [{ id: 'p', site: 's', arrivals: { perDay: 12 }, pathway: 'p' }],
    pathways: { p: [{ id: 'see', do: 'task', place: 'room', duration: { dist: 'exponential', mean: 1 } }, { id: 'out', do: 'discharge' }] },
    measures,
  };
}

describe('M/M/1 against its exact distributions', () => {
  const lambda = 0.5, mu = 1, rho = lambda / mu;
  const runs = replications(compiled(mm1([
    { id: 'wait', wait: { site: 's', place: 'room' }, within: { value: 60, unit: 'minutes' }, centiles: [90] },
    { id: 'to-seen', pathway: 'p', from: { step: 'see' }, to: { step: 'see', at: 'started' }, within: { value: 1 } },
    { id: 'tis', from: 'arrival', to: 'departure', within: { value: 2 }, centiles: [50, 90] },
    { id: 'see-done', pathway: 'p', from: 'arrival', to: { step: 'see', at: 'finished' }, within: { value: 2 } },
  ])), 20);

  test('the share of waits within 1 hour is 1 − ρe^{−(μ−λ)}, by a wait measure and by the interval reached → started', () => {
    expectCover(runs, 'measure.within[wait]', 1 - rho * exp(-(mu - lambda) * 1));
    expectCover(runs, 'measure.within[to-seen]', 1 - rho * exp(-(mu - lambda) * 1));
    // The same patients, the same waits: both ways agree replication by replication.
    expect(runs['measure.within[to-seen]']).toEqual(runs['measure.within[wait]']);
  });

  test('the 90th centile of the wait solves ρe^{−(μ−λ)x} = 0.1; the mean wait is ρ/(μ−λ)', () => {
    expectCover(runs, 'measure.p90[wait]', Math.log(rho / 0.1) / (mu - lambda));
    expectCover(runs, 'measure.mean[wait]', rho / (mu - lambda));
    expect(Object.keys(runs).filter((n) => n.endsWith('[wait]')).sort()).toEqual(
      ['measure.count[wait]', 'measure.mean[wait]', 'measure.over[wait]', 'measure.p90[wait]', 'measure.utilisation[wait/p]', 'measure.within[wait]'].sort().filter((n) => n !== 'measure.utilisation[wait/p]'));
  });

  test('time in system is exponential with rate μ − λ: share within 2 h, median and 90th centile', () => {
    expectCover(runs, 'measure.within[tis]', 1 - exp(-(mu - lambda) * 2));
    expectCover(runs, 'measure.p50[tis]', Math.log(2) / (mu - lambda));
    expectCover(runs, 'measure.p90[tis]', Math.log(10) / (mu - lambda));
    // Arrival to the end of the only task is the time in system too, and the engine's own time.mean.
    expect(runs['measure.within[see-done]']).toEqual(runs['measure.within[tis]']);
    expect(runs['measure.mean[tis]'].map((x, k) => x - runs['time.mean[p]'][k]).every((d) => Math.abs(d) < 1e-9)).toBe(true);
  });

  test('patients over the target per week and measured per week add up', () => {
    runs['measure.count[tis]'].forEach((n, k) => expect(runs['measure.over[tis]'][k]).toBeCloseTo(n * (1 - runs['measure.within[tis]'][k]), 9));
  });
});

describe('a shared resource, by class: two priority classes at one CT scanner', () => {
  // λ1 = 0.2 (stroke, priority 1), λ2 = 0.3 (others), exponential service mean 1: E[S²] = 2,
  // W0 = 0.5 · 2 / 2 = 0.5, σ1 = 0.2, σ2 = 0.5: W_stroke = 0.5 / 0.8 = 0.625, W_other = 0.5 / (0.8 · 0.5) = 1.25.
  const doc = {
    id: 'ct', title: 'ct', time: { horizonDays: 400, warmupDays: 20 },
    sites: [{ id: 's', wards: [{ id: 'ct', beds: 1, kind: 'cubicle' }] }],
    classes: [
      { id: 'stroke', site: 's', priority: 1, arrivals: { perDay: 0.2 * 24 }, pathway: 'scan' },
      { id: 'other', site: 's', priority: 3, arrivals: { perDay: 0.3 * 24 }, pathway: 'scan' },
    ],
    pathways: { scan: [{ id: 'scan', do: 'task', place: 'ct', duration: { dist: 'exponential', mean: 1 } }, { id: 'out', do: 'discharge' }] },
    measures: [{ id: 'ct-wait', wait: { site: 's', place: 'ct' }, within: { value: 30, unit: 'minutes' } }],
  };
  const runs = replications(compiled(doc), 20);

  test('each class has its own mean wait (Cobham) and its own share of the scanner (λ_k/μ)', () => {
    expectCover(runs, 'measure.mean[ct-wait/stroke]', 0.625);
    expectCover(runs, 'measure.mean[ct-wait/other]', 1.25);
    expectCover(runs, 'measure.utilisation[ct-wait/stroke]', 0.2);
    expectCover(runs, 'measure.utilisation[ct-wait/other]', 0.3);
  });

  test('the classes add up to the whole: counts, waits (the engine\'s wait.mean) and occupancy', () => {
    runs['measure.count[ct-wait]'].forEach((n, k) => {
      const a = runs['measure.count[ct-wait/stroke]'][k], b = runs['measure.count[ct-wait/other]'][k];
      expect(a + b).toBeCloseTo(n, 9);
      expect((a * runs['measure.mean[ct-wait/stroke]'][k] + b * runs['measure.mean[ct-wait/other]'][k]) / n).toBeCloseTo(runs['wait.mean[s/ct]'][k], 9);
      expect(runs['measure.utilisation[ct-wait/stroke]'][k] + runs['measure.utilisation[ct-wait/other]'][k]).toBeCloseTo(runs['occupancy.mean[s/ct]'][k], 9);
    });
  });
});

describe('a deterministic pathway: step-to-step intervals are exact', () => {
  // Nobody waits (plenty of places and beds): triage 30 min, then 2 h in majors, then admitted.
  const doc = {
    id: 'det', title: 'det', time: { horizonDays: 30, warmupDays: 2 },
    sites: [{ id: 's', wards: [{ id: 'majors', beds: 50, kind: 'cubicle' }, { id: 'ward', beds: 500 }] }],
    classes: [{ id: 'p', site: 's', arrivals: { perDay: 20 }, pathway: 'p' }],
    pathways: {
      p: [
        { id: 'triage', do: 'task', place: 'majors', keepPlace: true, duration: { dist: 'deterministic', value: 30, unit: 'minutes' } },
        { id: 'treat', do: 'stay', duration: { dist: 'deterministic', value: 2 } },
        { id: 'admit', do: 'admit', ward: 'ward' },
        { id: 'stay', do: 'stay', duration: { dist: 'deterministic', value: 1, unit: 'days' } },
        { id: 'home', do: 'discharge' },
      ],
    },
    measures: [
      { id: 'door-to-admit', from: 'arrival', to: { step: 'admit', at: 'started' }, pathway: 'p', within: { value: 150, unit: 'minutes' }, centiles: [50, 99] },
      { id: 'triage-to-decision', pathway: 'p', from: { step: 'triage', at: 'finished' }, to: { step: 'admit' }, within: { value: 119, unit: 'minutes' } },
      { id: 'ward-stay', pathway: 'p', from: { step: 'admit', at: 'finished' }, to: { step: 'stay', at: 'finished' }, within: { value: 1, unit: 'days' } },
    ],
  };
  const k = runReplication(compiled(doc), 1, 0);

  test('arrival → bed is 2.5 h for everyone: all within 150 minutes, mean and centiles 2.5', () => {
    expect(k['measure.within[door-to-admit]']).toBe(1);
    expect(k['measure.over[door-to-admit]']).toBe(0);
    expect(k['measure.mean[door-to-admit]']).toBeCloseTo(2.5, 9);
    expect(k['measure.p50[door-to-admit]']).toBeCloseTo(2.5, 9);
    expect(k['measure.p99[door-to-admit]']).toBeCloseTo(2.5, 9);
    expect(k['measure.p90[door-to-admit]']).toBeUndefined(); // not asked for
  });

  test('end of triage → decision to admit is 2 h: none within 119 minutes; a day on the ward is within 1 day', () => {
    expect(k['measure.within[triage-to-decision]']).toBe(0);
    expect(k['measure.mean[triage-to-decision]']).toBeCloseTo(2, 9);
    expect(k['measure.within[ward-stay]']).toBe(1);
    expect(k['measure.mean[ward-stay]']).toBeCloseTo(24, 9);
    // Measured: those whose interval started in the window and ended before the horizon.
    expect(k['measure.count[triage-to-decision]']).toBeGreaterThan(100);
  });

  test('measures change nothing else: the other KPIs are those of the scenario without them', () => {
    const without = runReplication(compiled({ ...doc, measures: [] }), 1, 0);
    expect(Object.fromEntries(Object.entries(k).filter(([n]) => !n.startsWith('measure.')))).toEqual(without);
  });
});

describe('waiting-list ages: the share over N weeks, overall and by class', () => {
  // Referrals that are never booked (a case never fits a session): at census time t the
  // list holds the Poisson referrals of [0, t], each referred uniformly in it, so the
  // expected share over N weeks is (t − N weeks) / t, for each class and overall; the KPI
  // is its mean over the daily censuses of the window.
  const doc = {
    id: 'ages', title: 'ages', time: { horizonDays: 210, warmupDays: 70 },
    sites: [{ id: 's', wards: [{ id: 'w', beds: 20 }], theatres: [{ id: 'th', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }] }],
    classes: [{ id: 'urgent', site: 's', priority: 1 }, { id: 'routine', site: 's', priority: 4 }],
    waitingLists: [{
      id: 'mri', site: 's', ward: 'w', theatres: ['th'],
      referrals: [{ class: 'urgent', perWeek: 10 }, { class: 'routine', perWeek: 30 }],
      plannedCase: { dist: 'deterministic', value: 100 }, stay: { dist: 'deterministic', value: 1 },
      overWeeks: [6, 18],
    }],
  };
  const runs = replications(compiled(doc), 10);
  const expected = (weeks: number) => {
    let sum = 0, n = 0;
    for (let d = 70; d < 210; d++) { sum += Math.max(0, (d * 24 - weeks * 168) / (d * 24)); n++; }
    return sum / n;
  };

  test('each share covers the mean of (t − N)/t over the census days', () => {
    for (const w of [6, 18]) {
      expectCover(runs, `list.over[mri/${w}w]`, expected(w));
      expectCover(runs, `list.over[mri/urgent/${w}w]`, expected(w));
      expectCover(runs, `list.over[mri/routine/${w}w]`, expected(w));
    }
    // The standard census agrees: within 18 weeks is the complement of over 18 weeks
    // (up to patients referred exactly 18 weeks before a census).
    runs['list.within18w[mri]'].forEach((x, k) => expect(x + runs['list.over[mri/18w]'][k]).toBeCloseTo(1, 9));
  });

  test('classes are told apart: booked urgent patients leave, routine ones stay', () => {
    // Now the cases fit and one Monday session takes 12 a week, most urgent first: the 10
    // urgent referrals a week are nearly all booked within the week, the 30 routine ones
    // get what is left (2 a week) and pile up.
    const busy = { ...doc, waitingLists: [{ ...doc.waitingLists[0], plannedCase: { dist: 'deterministic', value: 0.25 }, casesPerSession: 12 }] };
    const r = replications(compiled(busy), 3);
    r['list.over[mri/routine/6w]'].forEach((x, k) => {
      expect(x).toBeGreaterThan(0.5);
      expect(r['list.over[mri/urgent/6w]'][k]).toBeLessThan(0.05);
    });
  });

  test('no ages asked, none reported, and the list runs as before', () => {
    const plain = { ...doc, waitingLists: [{ ...doc.waitingLists[0], overWeeks: undefined }] };
    const k = runReplication(compiled(plain), 1, 0);
    expect(Object.keys(k).filter((n) => n.startsWith('list.over['))).toEqual([]);
    const withAges = runReplication(compiled(doc), 1, 0);
    expect(Object.fromEntries(Object.entries(withAges).filter(([n]) => !n.startsWith('list.over[')))).toEqual(k);
  });
});

describe('waiting-list ages with mutual aid: transferred patients counted under their own class', () => {
  // List a never treats anyone (a case never fits its session): its patients waiting over
  // a week are offered list b, and all accept. List b treats one urgent (priority 1) b-pt
  // patient a week, so its b-pt patients are the same, booked alike, with or without the
  // transfers, and the transferred a-pt patients are never booked there.
  const list = (id: string, cls: string, planned: number) => ({
    id, site: id, ward: 'w', theatres: ['th'], referrals: [{ class: cls, perWeek: 5 }], casesPerSession: 1,
    plannedCase: { dist: 'deterministic', value: planned }, stay: { dist: 'deterministic', value: 1 }, overWeeks: [2],
  });
  const site = (id: string) => ({ id, wards: [{ id: 'w', beds: 20 }], theatres: [{ id: 'th', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }] });
  const doc = (aid: boolean) => ({
    id: 'aid', title: 'aid', time: { horizonDays: 140, warmupDays: 28 },
    sites: [site('a'), site('b')],
    classes: [{ id: 'a-pt', site: 'a', priority: 4 }, { id: 'b-pt', site: 'b', priority: 1 }],
    waitingLists: [list('a', 'a-pt', 100), list('b', 'b-pt', 0.5)],
    mutualAid: aid ? [{ id: 'region', lists: ['a', 'b'], thresholdWeeks: 1, acceptance: 1, transferDelay: { dist: 'deterministic', value: 0 }, weeklyCap: 5, marginWeeks: 0 }] : [],
  });

  test('b\'s own patients keep their share; the transferred ones have theirs', () => {
    const withAid = runReplication(compiled(doc(true)), 1, 0);
    const alone = runReplication(compiled(doc(false)), 1, 0);
    expect(withAid['mutualAid.transfers[region]']).toBeGreaterThan(2);
    expect(withAid['list.over[b/b-pt/2w]']).toBe(alone['list.over[b/b-pt/2w]']);
    expect(withAid['list.over[b/a-pt/2w]']).toBeGreaterThan(0.5);
    expect(alone['list.over[b/a-pt/2w]']).toBeUndefined();
  });
});


describe('readmission: a patient readmitted to the first step arrives again', () => {
  // Seen for exactly 1 hour, then half are readmitted a day later to be seen again.
  const doc = {
    id: 'readmit', title: 'readmit', time: { horizonDays: 60, warmupDays: 5 },
    sites: [{ id: 's', wards: [{ id: 'room', beds: 100, kind: 'cubicle' }] }],
    classes: [{ id: 'p', site: 's', arrivals: { perDay: 10 }, pathway: 'p', ed: true }],
    pathways: {
      p: [
        { id: 'see', do: 'task', place: 'room', duration: { dist: 'deterministic', value: 1 } },
        { id: 'back', do: 'readmit', probability: 0.5, afterDays: { dist: 'deterministic', value: 1, unit: 'days' }, to: 'see' },
        { id: 'home', do: 'discharge' },
      ],
    },
    measures: [
      { id: 'door-to-seen', pathway: 'p', from: 'arrival', to: { step: 'see', at: 'finished' }, within: { value: 1 } },
      { id: 'tis', from: 'arrival', to: 'departure' },
    ],
  };
  const k = runReplication(compiled(doc), 1, 0);

  test('door to seen is 1 hour for every visit, the return included, and counts every visit', () => {
    expect(k['measure.within[door-to-seen]']).toBe(1);
    expect(k['measure.mean[door-to-seen]']).toBeCloseTo(1, 9);
    // The ED clock restarts at readmission too: every visit is an attendance.
    expect(k['measure.count[door-to-seen]']).toBeGreaterThan(k['throughput[p]'] * 1.5);
    // Time in system from the (last) arrival: 1 hour, where time.* counts from the first.
    expect(k['measure.mean[tis]']).toBeCloseTo(1, 9);
    expect(k['time.mean[p]']).toBeGreaterThan(10);
  });
});

describe('a waiting list: referral to treatment, as the list\'s own RTT tally counts it', () => {
  const doc = (measures: unknown[]) => ({
    id: 'rtt', title: 'rtt', time: { horizonDays: 365, warmupDays: 56 },
    sites: [{ id: 's', wards: [{ id: 'w', beds: 30 }], theatres: [{ id: 'th', sessions: [{ days: ['mon', 'wed'], start: '08:00', end: '16:00' }] }] }],
    classes: [{ id: 'p2', site: 's', priority: 2 }, { id: 'p4', site: 's', priority: 4 }],
    waitingLists: [{
      id: 'ortho', site: 's', ward: 'w', theatres: ['th'],
      referrals: [{ class: 'p2', perWeek: 2 }, { class: 'p4', perWeek: 5.5 }],
      plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'deterministic', value: 1, unit: 'days' },
      initialList: { patients: 60, oldestWeeks: 30 },
    }],
    measures,
  });
  const base = runReplication(compiled(doc([{ id: 'rtt', list: 'ortho', from: 'referral', to: 'treatment', within: { value: 18, unit: 'weeks' }, centiles: [50, 95] }])), 1, 0);

  test('the same clock stops as elective.rtt: count, mean and 95th centile; by class too', () => {
    expect(base['measure.count[rtt]']).toBeCloseTo(base['elective.operated[ortho]'], 9);
    expect(base['measure.mean[rtt]'] / 168).toBeCloseTo(base['elective.rtt.mean[ortho]'], 9);
    expect(base['measure.p95[rtt]'] / 168).toBeCloseTo(base['elective.rtt.p95[ortho]'], 9);
    expect(base['measure.mean[rtt/p2]'] / 168).toBeCloseTo(base['elective.rtt.mean[ortho/p2]'], 9);
    expect(base['measure.mean[rtt/p2]']).toBeLessThan(base['measure.mean[rtt/p4]']);
  });

  test('the share within a target just above / below the 95th centile is ≥ / < 95% (nearest rank, to the sketch\'s 0.5%)', () => {
    const p95 = base['measure.p95[rtt]'];
    const k = runReplication(compiled(doc([
      { id: 'above', list: 'ortho', from: 'referral', to: 'treatment', within: { value: p95 * 1.006 } },
      { id: 'below', list: 'ortho', from: 'referral', to: 'treatment', within: { value: p95 * 0.994 } },
    ])), 1, 0);
    expect(k['measure.within[above]']).toBeGreaterThanOrEqual(0.95);
    expect(k['measure.within[below]']).toBeLessThan(0.95);
    const n = k['measure.count[above]'] * (365 - 56) / 7;
    expect(Math.abs(n - Math.round(n))).toBeLessThan(1e-6);
  });

  test('referral to departure: every patient home in the window (completed[class]), overall and by class', () => {
    const k = runReplication(compiled(doc([{ id: 'home', list: 'ortho', from: 'referral', to: 'departure' }])), 1, 0);
    const weeks = (365 - 56) / 7;
    expect(k['measure.count[home]'] * weeks).toBeCloseTo(k['completed[p2]'] + k['completed[p4]'], 6);
    expect(k['measure.count[home/p4]'] * weeks).toBeCloseTo(k['completed[p4]'], 6);
    // Measures on a list change nothing else.
    const { ...rest } = k;
    for (const n of Object.keys(rest)) if (n.startsWith('measure.')) delete rest[n];
    expect(rest).toEqual(Object.fromEntries(Object.entries(base).filter(([n]) => !n.startsWith('measure.'))));
  });
});

describe('every route through a step carries its marks', () => {
  test('a task whose duration depends on the role: each interval is 1 h (doctor) or 2 h (ACP), so mean = within + 2 (1 − within)', () => {
    const doc = {
      id: 'roles', title: 'roles', time: { horizonDays: 60, warmupDays: 5 },
      sites: [{ id: 's', wards: [], staff: [
        { role: 'doctor', skills: ['see'], hourlyCost: 100, count: 1 },
        { role: 'acp', skills: ['see'], hourlyCost: 50, count: 1 },
      ] }],
      classes: [{ id: 'p', site: 's', arrivals: { perDay: 20 }, pathway: 'p' }],
      pathways: { p: [
        { id: 'see', do: 'task', skill: 'see', duration: { dist: 'deterministic', value: 1 }, durationByRole: { acp: { dist: 'deterministic', value: 2 } } },
        { id: 'out', do: 'discharge' },
      ] },
      measures: [{ id: 'consult', pathway: 'p', from: { step: 'see', at: 'started' }, to: { step: 'see', at: 'finished' }, within: { value: 1 }, centiles: [50, 99] }],
    };
    const k = runReplication(compiled(doc), 1, 0);
    const w = k['measure.within[consult]'];
    expect(w).toBeGreaterThan(0.05);
    expect(w).toBeLessThan(0.95);
    expect(k['measure.mean[consult]']).toBeCloseTo(w + 2 * (1 - w), 9);
    expect(k['measure.p99[consult]']).toBeCloseTo(2, 9);
  });

  test('an admission with overflow wards: the bed is obtained on the own ward, on an overflow ward at once, or after waiting', () => {
    const doc = {
      id: 'overflow', title: 'overflow', time: { horizonDays: 120, warmupDays: 10 },
      sites: [{ id: 's', wards: [{ id: 'own', beds: 4 }, { id: 'other', beds: 2 }] }],
      classes: [{ id: 'p', site: 's', arrivals: { perDay: 3 }, pathway: 'p' }],
      pathways: { p: [
        { id: 'admit', do: 'admit', ward: 'own', overflowTo: ['other'] },
        { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 1.5, unit: 'days' } },
        { id: 'out', do: 'discharge' },
      ] },
      measures: [
        { id: 'to-bed', pathway: 'p', from: { step: 'admit' }, to: { step: 'admit', at: 'started' }, within: { value: 1 } },
        { id: 'to-stay', pathway: 'p', from: { step: 'admit' }, to: { step: 'stay' }, within: { value: 1 } },
      ],
    };
    const k = runReplication(compiled(doc), 1, 0);
    expect(k['outliers[p]']).toBeGreaterThan(0);
    expect(k['measure.within[to-bed]']).toBeLessThan(1); // some waited for the own ward
    for (const m of ['count', 'within', 'mean', 'p90']) expect(k[`measure.${m}[to-bed]`]).toBe(k[`measure.${m}[to-stay]`]);
  });
});

describe('bounded: the tallies measures keep are held against the memory limit', () => {
  test('100 measures over 100 classes: 228 MB of tallies and the engine, refused with the field to change', () => {
    const classes = Array.from({ length: 100 }, (_, k) => ({ id: `c${k}`, site: 's', arrivals: { perDay: 1 }, pathway: 'p' }));
    const doc = {
      ...mm1(Array.from({ length: 100 }, (_, k) => ({ id: `m${k}`, from: 'arrival', to: 'departure' }))),
      classes,
    };
    const p = parseScenario(doc);
    if (!p.ok) throw new Error(formatIssues(p.issues));
    expect(formatIssues(checkCost(p.value, defaultCostLimits).issues)).toMatchInlineSnapshot(`"  ✖ measures: one replication would take about 233 MB (most for 100 measures over 100 classes), over the limit of 200 MB (raise with --limit memoryMb=N)"`);
    const few = parseScenario({ ...doc, measures: doc.measures.slice(0, 10) });
    if (!few.ok) throw new Error(formatIssues(few.issues));
    expect(checkCost(few.value, defaultCostLimits).issues).toEqual([]);
  });
});
