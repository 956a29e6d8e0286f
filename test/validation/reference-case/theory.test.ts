// The exact answers behind the scenario reference cases. First the formulas against
// published values (the engine-level reference cases of validation/, quoted here
// with their sources) and against each other in limits where they must agree; then every
// expected value in scenarios/reference/*.yaml recomputed from the parameters of its own
// scenario, so a value copied wrongly, or a parameter changed without its answer, fails.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseText } from '../../../scenarios/text.ts';
import * as theory from '../../../validation/theory.ts';

const close = (actual: number, expected: number, rel = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('queueing formulas', () => {
  test('Erlang B and C match the published values (Gross et al. §2.3, §2.6; validation/)', () => {
    close(theory.erlangB(10, 7), 0.07874088297, 1e-9); // erlangB_c10_a7
    close(theory.mmc(5, 4, 1).wq, 0.5541125541, 1e-9); // mmc_c5_rho080
    close(theory.mmc(10, 9, 1).wq, 0.6687315241, 1e-9); // mmc_c10_rho090
    expect(() => theory.erlangC(3, 3)).toThrow(/unstable/);
  });

  test('the M/M/c distribution sums to 1 and its tail beyond c is the Erlang C probability', () => {
    const d = theory.mmcDistribution(10, 2, 0.25, 500);
    close(d.reduce((s, x) => s + x, 0), 1, 1e-12);
    close(1 - d.slice(0, 10).reduce((s, x) => s + x, 0), theory.erlangC(10, 8), 1e-12);
  });

  test('non-preemptive priorities match Cobham on one server (priority_np_mm1_2class) and conserve the FIFO wait', () => {
    const [w1, w2] = theory.priorityMmc(1, [0.3, 0.5], 1);
    close(w1, 1.142857143, 1e-9);
    close(w2, 5.714285714, 1e-9);
    const [u, r] = theory.priorityMmc(10, [1.5, 2.5], 0.5);
    close((1.5 * u + 2.5 * r) / 4, theory.mmc(10, 4, 0.5).wq, 1e-12);
  });

  test('Erlang A matches erlangA_c10 (Garnett, Mandelbaum & Reiman 2002) and becomes Erlang C without abandonment', () => {
    const a = theory.erlangA(10, 10, 1, 2);
    close(a.pAbandon, 0.1460092534, 1e-9);
    close(a.wqAll, 0.07300462671, 1e-9);
    close(a.pWait, 0.4655746412, 1e-9);
    close(a.utilisation, 0.8539907466, 1e-9);
    close(a.pAbandon, 2 * a.wqAll, 1e-12); // P(abandon) = theta·Wq over all arrivals
    const patient = theory.erlangA(5, 4, 1, 1e-9);
    close(patient.wqServed, theory.mmc(5, 4, 1).wq, 1e-6);
  });

  test('the banded chain solver gives M/M/1 its geometric law', () => {
    const pi = theory.stationary(200, (i) => [...(i < 199 ? [[i + 1, 0.5]] : []), ...(i > 0 ? [[i - 1, 1]] : [])] as [number, number][]);
    pi.slice(0, 20).forEach((p, n) => close(p, 0.5 ** (n + 1), 1e-12));
  });

  test('ED to ward with blocking: flow balance, and the plain M/M/c of the cubicles when beds never run out', () => {
    const p = { lambda: 0.75, c1: 6, mu1: 0.5, q: 0.5, c2: 12, mu2: 1 / 24, maxEd: 300 };
    const x = theory.edWardBlocking(p);
    expect(x.atLimit).toBeLessThan(1e-18);
    close(x.bedOccupancy, (p.q * p.lambda) / p.mu2 / p.c2, 1e-10);
    const free = theory.edWardBlocking({ ...p, c2: 30, maxEd: 60 });
    expect(free.waitBed).toBeLessThan(1e-6);
    close(free.waitCubicle, theory.mmc(6, 0.75, 0.5).wq, 1e-6);
  });

  test('M_t/M/∞ by hour matches mtinf_piecewise_ed_profile (Eick, Massey & Whitt 1993)', () => {
    const m = theory.mtInfinityHourly(ED_PROFILE, 1 / 3);
    close(m[0], 10.22321042, 1e-9);
    close(m[6], 4.626322855, 1e-9);
    close(m[16], 17.12423881, 1e-9);
    close(m.reduce((s, x) => s + x, 0) / 24, 11.7375, 1e-12); // the daily mean is lambda/mu
  });

  test('the mean list size agrees with a direct numerical integration', () => {
    const removals = [{ hourOfWeek: 7, count: 2 }, { hourOfWeek: 100, count: 3 }];
    const from = 50, to = 400;
    let area = 0;
    const dt = 0.01;
    for (let t = from + dt / 2; t < to; t += dt) {
      let removed = 0;
      for (let w = 0; w * 168 < to; w++) for (const r of removals) if (w * 168 + r.hourOfWeek <= t) removed += r.count;
      area += (30 + 0.2 * t - removed) * dt;
    }
    close(theory.listSizeMean({ initial: 30, perHour: 0.2, removals, from, to }), area / (to - from), 1e-6);
  });
});

// ---------------------------------------------------------------- the case files

type Json = Record<string, any>;
const dir = new URL('../../../scenarios/reference/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function load(name: string): Json {
  const r = parseText(readFileSync(new URL(name, dir), 'utf8'), 'yaml');
  if (!r.ok) throw new Error(`${name}: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.value as Json;
}

const HOURS = { minutes: 1 / 60, hours: 1, days: 24 } as Record<string, number>;
/** A duration's mean in hours. */
const hours = (d: Json) => (d.dist === 'deterministic' ? d.value : d.mean) * HOURS[d.unit ?? 'hours'];
const ward = (s: Json, site: string, id: string) => s.sites.find((x: Json) => x.id === site).wards.find((w: Json) => w.id === id);
const step = (s: Json, pathway: string, id: string) => s.pathways[pathway].find((x: Json) => x.id === id);
const perHour = (c: Json) => c.arrivals.perDay / 24;
const cls = (s: Json, id: string) => s.classes.find((c: Json) => c.id === id);
/** Hours of the weekday sessions of a list's timetable at which patients are called in. */
const callIns = (s: Json, site: string, lead: number) => s.sites.find((x: Json) => x.id === site).theatres[0].sessions
  .flatMap((x: Json) => x.days.map((d: string) => ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(d) * 24 + Number(x.start.slice(0, 2)) - lead));

/** Each case's KPI values from theory, computed from its own scenario. */
const EXACT: Record<string, (s: Json) => Record<string, number>> = {
  'ward-mmc.yaml': (s) => {
    const c = ward(s, 'dgh', 'ward').beds, lambda = perHour(cls(s, 'medical')), stay = hours(step(s, 'medical', 'stay').duration);
    const m = theory.mmc(c, lambda, 1 / stay);
    const d = theory.mmcDistribution(c, lambda, 1 / stay, 2000);
    const atLeast = (n: number) => 1 - d.slice(0, n).reduce((a, b) => a + b, 0);
    return {
      'wait.mean[dgh/ward]': m.wq, 'time.mean[medical]': m.w, 'occupancy.mean[dgh/ward]': m.rho,
      'occupancy.above85[dgh/ward]': atLeast(Math.floor(0.85 * c) + 1), 'occupancy.above95[dgh/ward]': atLeast(Math.floor(0.95 * c) + 1),
    };
  },
  'ed-erlang-b.yaml': (s) => {
    const c = ward(s, 'dgh', 'cubicles').beds, a = perHour(cls(s, 'walk-in')) * hours(step(s, 'walk-in', 'see').duration);
    const b = theory.erlangB(c, a);
    return { 'diverted[walk-in]': b, 'occupancy.mean[dgh/cubicles]': (a * (1 - b)) / c, 'wait.mean[dgh/cubicles]': 0 };
  },
  'ed-erlang-a.yaml': (s) => {
    const see = step(s, 'walk-in', 'see');
    const a = theory.erlangA(ward(s, 'dgh', 'cubicles').beds, perHour(cls(s, 'walk-in')), 1 / hours(see.duration), 1 / hours(see.patience));
    return { 'left.unseen[walk-in]': a.pAbandon, 'occupancy.mean[dgh/cubicles]': a.utilisation, 'wait.mean[dgh/cubicles]': a.wqServed };
  },
  'ward-priority.yaml': (s) => {
    const c = ward(s, 'dgh', 'ward').beds, stay = hours(step(s, 'stay', 'stay').duration);
    const [u, r] = [cls(s, 'urgent'), cls(s, 'routine')];
    expect([u.priority, r.priority]).toEqual([1, 2]);
    const [wu, wr] = theory.priorityMmc(c, [perHour(u), perHour(r)], 1 / stay);
    const fifo = theory.mmc(c, perHour(u) + perHour(r), 1 / stay);
    return { 'time.mean[urgent]': wu + stay, 'time.mean[routine]': wr + stay, 'wait.mean[dgh/ward]': fifo.wq, 'occupancy.mean[dgh/ward]': fifo.rho };
  },
  'ed-ward-blocking.yaml': (s) => {
    const q = step(s, 'walk-in', 'decide').options.find((o: Json) => o.to === 'admit').probability;
    const stay = hours(step(s, 'walk-in', 'stay').duration);
    const x = theory.edWardBlocking({
      lambda: perHour(cls(s, 'walk-in')), c1: ward(s, 'dgh', 'cubicles').beds, mu1: 1 / hours(step(s, 'walk-in', 'assess').duration),
      q, c2: ward(s, 'dgh', 'unit').beds, mu2: 1 / stay, maxEd: 300,
    });
    expect(x.atLimit).toBeLessThan(1e-14);
    return {
      'wait.mean[dgh/cubicles]': x.waitCubicle, 'wait.mean[dgh/unit]': x.waitBed, 'occupancy.mean[dgh/cubicles]': x.cubicleOccupancy, 'occupancy.mean[dgh/unit]': x.bedOccupancy,
      'ed.time.mean[walk-in]': x.timeInEd, 'time.mean[walk-in]': x.timeInSystem,
    };
  },
  'ward-hourly-mtinf.yaml': (s) => {
    const c = cls(s, 'acute');
    const weights: number[] = c.arrivals.byHour;
    const mean = weights.reduce((a, b) => a + b, 0) / 24;
    const stay = hours(step(s, 'acute', 'stay').duration);
    const m = theory.mtInfinityHourly(weights.map((w) => (perHour(c) * w) / mean), 1 / stay);
    const beds = ward(s, 'dgh', 'unit').beds;
    return {
      'occupancy.mean[dgh/unit]': (perHour(c) * stay) / beds,
      ...Object.fromEntries(m.map((x, h) => [`census.byHour[dgh/unit/${String(h).padStart(2, '0')}]`, x])),
    };
  },
  'ward-readmission.yaml': (s) => {
    const lambda = perHour(cls(s, 'medical')), stay = hours(step(s, 'medical', 'stay').duration), back = step(s, 'medical', 'back');
    const p = back.probability, home = hours(back.afterDays);
    const m = theory.mmc(ward(s, 'dgh', 'ward').beds, lambda / (1 - p), 1 / stay);
    const window = (s.time.horizonDays - s.time.warmupDays) * 24;
    return {
      'wait.mean[dgh/ward]': m.wq, 'occupancy.mean[dgh/ward]': m.rho, 'time.mean[medical]': (m.wq + stay) / (1 - p) + (p / (1 - p)) * home,
      'throughput[medical]': lambda * 168, 'readmissions[medical]': (lambda / (1 - p)) * p * window,
    };
  },
  'rostered-staff.yaml': (s) => {
    const staff = s.sites[0].staff as Json[];
    const rostered = (r: Json) => (r.count ? r.count * 168 : r.shifts.reduce((h: number, x: Json) => h + x.count * x.days.length * (Number(x.end.slice(0, 2)) - Number(x.start.slice(0, 2))), 0));
    const work = (skill: string) => s.pathways['walk-in'].filter((x: Json) => x.skill === skill).reduce((h: number, x: Json) => h + hours(x.duration), 0) * perHour(cls(s, 'walk-in')) * 168;
    const [nurse, doctor] = ['nurse', 'doctor'].map((r) => staff.find((x) => x.role === r)!);
    return {
      'staff.utilisation[dgh/nurse]': work('triage') / rostered(nurse), 'staff.utilisation[dgh/doctor]': work('treat') / rostered(doctor),
      'cost.staff[all]': rostered(nurse) * nurse.hourlyCost + rostered(doctor) * doctor.hourlyCost,
    };
  },
  'theatre-list.yaml': (s) => {
    const l = s.waitingLists[0];
    const sessions = callIns(s, 'hub', l.bookingLeadHours);
    const planned = hours(l.plannedCase), stay = hours(l.stay);
    // Called in an hour before: case k of a session starts lead + k·planned after the call-in.
    const held = Array.from({ length: l.casesPerSession }, (_, k) => l.bookingLeadHours + (k + 1) * planned + stay).reduce((a, b) => a + b, 0);
    return {
      'elective.operated[ortho]': sessions.length * l.casesPerSession,
      'theatre.utilisation[hub/th1]': (l.casesPerSession * planned) / 4,
      'wait.mean[hub/th1]': (planned * (l.casesPerSession - 1)) / 2, // from the session's start
      'occupancy.mean[hub/surgical]': (sessions.length * held) / (ward(s, 'hub', 'surgical').beds * 168),
      'elective.cancelled[ortho]': 0,
      'list.size[ortho]': theory.listSizeMean({
        initial: l.initialList.patients, perHour: l.referrals[0].perWeek / 168, removals: sessions.map((h: number) => ({ hourOfWeek: h, count: l.casesPerSession })),
        from: s.time.warmupDays * 24, to: s.time.horizonDays * 24,
      }),
    };
  },
  'wait-targets.yaml': (s) => {
    expect(ward(s, 'dgh', 'ct').beds).toBe(1);
    const [stroke, other] = [cls(s, 'stroke'), cls(s, 'other')];
    expect(stroke.priority ?? 3).toBe(other.priority ?? 3); // first come, first served
    const lambda = perHour(stroke) + perHour(other), mu = 1 / hours(step(s, 'scan', 'scan').duration), rho = lambda / mu;
    const [wait, tis] = s.measures as Json[];
    const x = wait.within.value * HOURS[wait.within.unit], t = tis.within.value * HOURS[tis.within.unit];
    const withinWait = 1 - rho * Math.exp(-(mu - lambda) * x);
    return {
      'measure.within[ct-wait]': withinWait,
      'measure.within[ct-wait/stroke]': withinWait,
      'measure.p90[ct-wait]': Math.log(rho / 0.1) / (mu - lambda),
      'measure.mean[ct-wait]': rho / (mu - lambda),
      'measure.within[time-in-system]': 1 - Math.exp(-(mu - lambda) * t),
      'measure.p50[time-in-system]': Math.log(2) / (mu - lambda),
      'measure.utilisation[ct-wait/stroke]': perHour(stroke) / mu,
    };
  },
  'ed-four-hours.yaml': (s) => {
    expect(ward(s, 'dgh', 'cubicle').beds).toBe(1);
    const lambda = perHour(cls(s, 'walk-in')), mu = 1 / hours(step(s, 'walk-in', 'see').duration);
    return { 'ed.4h[all]': 1 - Math.exp(-(mu - lambda) * 4), 'ed.time.mean[walk-in]': 1 / (mu - lambda) };
  },
  'mutual-aid.yaml': (s) => {
    const [north, hub] = s.waitingLists;
    const aid = s.mutualAid[0];
    const sessions = callIns(s, 'north', north.bookingLeadHours);
    const capacity = sessions.length * north.casesPerSession;
    return {
      'elective.operated[north]': capacity,
      'mutualAid.transfers[region]': aid.weeklyCap,
      'elective.operated[hub]': hub.referrals[0].perWeek + aid.weeklyCap,
      'list.size[north]': theory.listSizeMean({
        initial: north.initialList.patients, perHour: north.referrals[0].perWeek / 168,
        removals: [...sessions.map((h: number) => ({ hourOfWeek: h, count: north.casesPerSession })), { hourOfWeek: 9, count: aid.weeklyCap }],
        from: s.time.warmupDays * 24, to: s.time.horizonDays * 24,
      }),
    };
  },
};

describe('the values in the case files are the exact answers of their own scenarios', () => {
  test('every case file has its formula here, and there are at least ten', () => {
    expect(files).toEqual(Object.keys(EXACT).sort());
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  test.each(files)('%s', (name) => {
    const s = load(name);
    const exact = EXACT[name](s);
    expect(Object.keys(s.expect).sort()).toEqual(Object.keys(exact).sort());
    for (const [kpi, value] of Object.entries(exact)) {
      // Files give ten significant digits (more where the answer is exact arithmetic).
      const given = s.expect[kpi].value as number;
      expect(Math.abs(given - value), `${name}: ${kpi} is ${given}, theory gives ${value}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
    }
  });
});

/** Hourly rates of mtinf_piecewise_ed_profile (validation/), also in ward-hourly-mtinf.yaml. */
const ED_PROFILE = [2.0, 1.6, 1.3, 1.1, 1.0, 1.1, 1.6, 2.6, 4.2, 5.6, 6.4, 6.6, 6.4, 6.2, 6.0, 5.8, 5.6, 5.6, 5.2, 4.8, 4.2, 3.6, 3.0, 2.4];
