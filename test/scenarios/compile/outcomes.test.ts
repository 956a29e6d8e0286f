// How patients leave, counted apart: treated (pathway finished by discharge), left unseen
// (patience ran out), diverted (queue limit), still in the system at the end; `completed`,
// `throughput`, `time.*` and `productivity` count treated patients only. Each case is small
// and deterministic (booked appointments, fixed durations), so the answers are known by hand.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario, type HospitalModel } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A one-cubicle clinic: two booked patients a day, at 09:00 and 09:30, each seen for 2 h. */
function clinic(see: object, time: object = { horizonDays: 7 }): HospitalModel {
  const s = ScenarioCoreSchema.parse({
    id: 't', title: 't', time,
    sites: [{ id: 's', wards: [{ id: 'cubicle', beds: 1, kind: 'cubicle' }], staff: [{ role: 'doctor', skills: ['see'], hourlyCost: 100, count: 1 }] }],
    classes: [{ id: 'booked', site: 's', arrivals: { appointments: { slots: [{ days: everyDay, start: '09:00', end: '10:00', everyMinutes: 30 }] } }, pathway: 'p' }],
    pathways: { p: [{ id: 'see', do: 'task', place: 'cubicle', skill: 'see', duration: det(2), ...see }, { id: 'out', do: 'discharge' }] },
    costs: { tariff: { booked: 200 } },
  });
  const c = compileScenario(s);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

function kpisOf(h: HospitalModel) {
  const sim = new Simulation(h.model, { seed: 1, warmup: h.warmup, horizon: h.horizon });
  sim.runUntil(sim.horizon);
  return replicationKpis(sim.results(), h.layout);
}

describe('outcomes', () => {
  // Was: a patient whose patience runs out leaves by the same exit as a treated one, so
  // completed was 14 (every arrival), time.mean 1.5 h (2 h and 1 h alternately) and the
  // tariff was earned for 14 patients.
  test('patients who leave unseen are not counted as treated: completed, throughput, time in system and productivity', () => {
    // Each day the 09:00 patient holds the cubicle to 11:00; the 09:30 patient waits 1 h and leaves at 10:30.
    const k = kpisOf(clinic({ patience: det(1) }));
    expect(k['arrivals[booked]']).toBe(14);
    expect(k['completed[booked]']).toBe(7);
    expect(k['throughput[booked]']).toBeCloseTo(7, 12);
    expect(k['outcome.leftUnseen[booked]']).toBe(7);
    expect(k['left.unseen[booked]']).toBeCloseTo(0.5, 12);
    expect(k['time.mean[booked]']).toBeCloseTo(2, 12);
    expect(k['time.p95[booked]']).toBeCloseTo(2, 12);
    // 7 treated × £200 over a week of one doctor always on duty (168 h × £100).
    expect(k['productivity[all]']).toBeCloseTo((7 * 200) / (168 * 100), 12);
    expect(k['completed[all]']).toBe(7);
    expect(k['arrivals[all]']).toBe(14);
  });

  test('a queue limit of 0 diverts whoever finds the cubicle busy; they are not treated', () => {
    const k = kpisOf(clinic({ queueLimit: 0 }));
    expect(k['arrivals[booked]']).toBe(14);
    expect(k['completed[booked]']).toBe(7);
    expect(k['outcome.diverted[booked]']).toBe(7);
    expect(k['diverted[booked]']).toBeCloseTo(0.5, 12);
    expect(k['outcome.leftUnseen[booked]']).toBeUndefined(); // no step has patience: not reported as a zero
    expect(k['time.mean[booked]']).toBeCloseTo(2, 12);
  });

  test('a queue limit of 1 lets one wait: nobody is diverted', () => {
    const k = kpisOf(clinic({ queueLimit: 1 }));
    expect(k['completed[booked]']).toBe(14);
    expect(k['outcome.diverted[booked]']).toBe(0);
    // 09:00 → 11:00 (2 h); 09:30 waits to 11:00, out at 13:00 (3.5 h).
    expect(k['time.mean[booked]']).toBeCloseTo(2.75, 12);
  });

  test('with a warm-up, the patients present when the window opens are counted, so the identity is exact', () => {
    // Warm-up ends on day 1 at 10:00: the 09:00 patient of day 1 is in the cubicle, the 09:30 one waiting.
    const h = clinic({ patience: det(1) }, { horizonDays: 7, warmupDays: 1 + 10 / 24 });
    const k = kpisOf(h);
    expect(k['outcome.inSystemAtStart[booked]']).toBe(2);
    expect(k['arrivals[booked]']).toBe(10); // days 2–6
    expect(k['completed[booked]']).toBe(6); // day 1's 09:00 patient leaves at 11:00, in the window
    expect(k['outcome.leftUnseen[booked]']).toBe(6);
    expect(k['outcome.inSystem[booked]']).toBe(0);
    expect(k['time.mean[booked]']).toBeCloseTo(2, 12);
  });
});

describe('diversion (queueLimit)', () => {
  test('an ED patient turned away at a full line is not an ED attendance; one who leaves unseen is', () => {
    const ed = (see: object) => {
      const s = ScenarioCoreSchema.parse({
        id: 't', title: 't', time: { horizonDays: 7 },
        sites: [{ id: 's', wards: [{ id: 'cubicle', beds: 1, kind: 'cubicle' }] }],
        classes: [{ id: 'walk-in', site: 's', ed: true, arrivals: { appointments: { slots: [{ days: everyDay, start: '09:00', end: '10:00', everyMinutes: 30 }] } }, pathway: 'p' }],
        pathways: { p: [{ id: 'see', do: 'task', place: 'cubicle', duration: det(2), ...see }, { id: 'out', do: 'discharge' }] },
      });
      const c = compileScenario(s);
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      return kpisOf(c.value);
    };
    const diverted = ed({ queueLimit: 0 });
    expect(diverted['outcome.diverted[walk-in]']).toBe(7);
    expect(diverted['ed.4h[all]']).toBe(1); // one ED class: its share is ed.4h[all]; 7 attendances of 2 h; the 7 turned away (0 h in the department) are not in it
    expect(diverted['ed.time.mean[walk-in]']).toBeCloseTo(2, 12);
    const left = ed({ patience: det(1) });
    expect(left['outcome.leftUnseen[walk-in]']).toBe(7);
    expect(left['ed.time.mean[walk-in]']).toBeCloseTo(1.5, 12); // 2 h and 1 h (until they left)
  });

  test('admit with a queue limit: a patient who finds the ward line full gives up the cubicle and leaves; an overflow ward is tried first', () => {
    const run = (admit: object) => {
      const s = ScenarioCoreSchema.parse({
        id: 't', title: 't', time: { horizonDays: 1 },
        sites: [{ id: 's', wards: [{ id: 'cubicles', beds: 2, kind: 'cubicle' }, { id: 'medical', beds: 1 }, { id: 'surgical', beds: 1 }] }],
        classes: [{ id: 'em', site: 's', arrivals: { appointments: { slots: [{ days: ['mon'], start: '09:00', end: '10:00', everyMinutes: 30 }] } }, pathway: 'p' }],
        pathways: { p: [
          { id: 'assess', do: 'task', place: 'cubicles', keepPlace: true, duration: det(0.5) },
          { id: 'admit', do: 'admit', ward: 'medical', ...admit },
          { id: 'stay', do: 'stay', duration: det(2, 'days') },
          { id: 'home', do: 'discharge' },
        ] },
      });
      const c = compileScenario(s);
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const sim = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon });
      const r = sim.run();
      return { k: replicationKpis(r, c.value.layout), cubiclesBusy: r.pools['s/cubicles'].busy };
    };
    // 09:00 patient: bed at 09:30, stays 2 days; 09:30 patient: at 10:00 the ward is full and no one may wait.
    const { k, cubiclesBusy } = run({ queueLimit: 0 });
    expect(k['outcome.diverted[em]']).toBe(1);
    expect(k['diverted[em]']).toBeCloseTo(0.5, 12);
    expect(k['outcome.inSystem[em]']).toBe(1);
    expect(k['completed[em]']).toBe(0);
    expect(cubiclesBusy.mean * 24).toBeCloseTo(0.5 + 0.5, 12); // each held its cubicle for 30 min
    const overflow = run({ queueLimit: 0, overflowTo: ['surgical'] }).k;
    expect(overflow['outcome.diverted[em]']).toBe(0);
    expect(overflow['outliers[em]']).toBeGreaterThan(0);
    expect(overflow['outcome.inSystem[em]']).toBe(2);
  });
});

// ------------------------------------------------------------------ conservation

interface Spec {
  horizonDays: number;
  warmupShare: number;
  cubicles: number;
  wardBeds: number;
  classes: {
    ed: boolean;
    perDay: number;
    place: boolean;
    keepPlace: boolean;
    see: number;
    patience: number | null;
    taskLimit: number | null;
    admit: number;
    admitLimit: number | null;
    overflow: boolean;
    readmit: number;
  }[];
  elective: { perWeek: number; backlog: number; noticeDays: number; cutoff: number } | null;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  horizonDays: fc.integer({ min: 3, max: 20 }),
  warmupShare: fc.constantFrom(0, 0, 0.2, 0.5),
  cubicles: fc.integer({ min: 1, max: 3 }),
  wardBeds: fc.integer({ min: 1, max: 4 }),
  classes: fc.array(fc.record({
    ed: fc.boolean(),
    perDay: fc.integer({ min: 2, max: 30 }),
    place: fc.boolean(),
    keepPlace: fc.boolean(),
    see: fc.double({ min: 0.1, max: 3, noNaN: true }),
    patience: fc.option(fc.double({ min: 0.1, max: 4, noNaN: true }), { freq: 2 }),
    taskLimit: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
    admit: fc.double({ min: 0, max: 1, noNaN: true }),
    admitLimit: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
    overflow: fc.boolean(),
    readmit: fc.constantFrom(0, 0.1, 0.3),
  }), { minLength: 1, maxLength: 2 }),
  elective: fc.option(fc.record({
    perWeek: fc.integer({ min: 2, max: 30 }),
    backlog: fc.integer({ min: 0, max: 20 }),
    noticeDays: fc.constantFrom(0, 3),
    cutoff: fc.constantFrom(0, 2),
  }), { freq: 2 }),
});

/** A small scenario: each class sees a doctor (in a cubicle or not), perhaps is admitted, perhaps readmitted; perhaps an elective list on the same wards. */
function scenarioOf(x: Spec) {
  const pathways: Record<string, object[]> = {};
  const classes: object[] = x.classes.map((c, i) => {
    pathways[`p${i}`] = [
      { id: 'see', do: 'task', skill: 'see', duration: { dist: 'exponential', mean: c.see },
        ...(c.place ? { place: 'cubicles', keepPlace: c.keepPlace, ...(c.taskLimit !== null ? { queueLimit: c.taskLimit } : {}) } : {}),
        ...(c.patience !== null ? { patience: { dist: 'exponential', mean: c.patience } } : {}) },
      { id: 'decide', do: 'branch', options: [{ to: 'admit', probability: c.admit }, { to: 'home', probability: 1 - c.admit }] },
      { id: 'admit', do: 'admit', ward: 'medical', ...(c.overflow ? { overflowTo: ['surgical'] } : {}), ...(c.admitLimit !== null ? { queueLimit: c.admitLimit } : {}) },
      { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 1.5, unit: 'days' } },
      { id: 'back', do: 'readmit', probability: c.readmit, afterDays: { dist: 'uniform', min: 0.5, max: 3, unit: 'days' }, to: 'see' },
      { id: 'home', do: 'discharge' },
    ];
    return { id: `c${i}`, site: 's', ed: c.ed, arrivals: { perDay: c.perDay }, pathway: `p${i}` };
  });
  const e = x.elective;
  if (e) classes.push({ id: 'hip', site: 's', priority: 4 });
  return ScenarioCoreSchema.parse({
    id: 't', title: 't', time: { horizonDays: x.horizonDays, warmupDays: x.warmupShare * x.horizonDays },
    sites: [{
      id: 's',
      wards: [{ id: 'cubicles', beds: x.cubicles, kind: 'cubicle' }, { id: 'medical', beds: x.wardBeds }, { id: 'surgical', beds: 2 }],
      theatres: [{ id: 'th1', sessions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }] }],
      staff: [{ role: 'doctor', skills: ['see'], count: 2 }],
    }],
    classes, pathways,
    waitingLists: e ? [{
      id: 'ortho', site: 's', ward: 'surgical', theatres: ['th1'], referrals: [{ class: 'hip', perWeek: e.perWeek }],
      plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'exponential', mean: 2, unit: 'days' },
      ...(e.backlog > 0 ? { initialList: { patients: e.backlog, oldestWeeks: 10 } } : {}),
      bookingNoticeDays: e.noticeDays, bedCutoffHours: e.cutoff,
    }] : [],
  });
}

describe('conservation', () => {
  test('per class and for all: in the system at the start + arrivals = treated + left unseen + diverted + in the system at the end, exactly', () => {
    fc.assert(fc.property(spec, fc.integer({ min: 1, max: 1_000_000 }), (x, seed) => {
      const c = compileScenario(scenarioOf(x));
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const sim = new Simulation(c.value.model, { seed, warmup: c.value.warmup, horizon: c.value.horizon });
      const k = replicationKpis(sim.run(), c.value.layout);
      const canLeave = x.classes.some((cl) => cl.patience !== null);
      const canDivert = x.classes.some((cl) => (cl.place && cl.taskLimit !== null) || cl.admitLimit !== null);
      const scopes = [...x.classes.map((_, i) => `c${i}`), ...(x.elective ? ['hip'] : []), 'all'];
      for (const scope of scopes) {
        const at = (metric: string) => k[`${metric}[${scope}]`];
        expect(at('outcome.leftUnseen') !== undefined, `left unseen reported for ${scope}`).toBe(canLeave);
        expect(at('outcome.diverted') !== undefined, `diverted reported for ${scope}`).toBe(canDivert);
        const out = at('completed') + (at('outcome.leftUnseen') ?? 0) + (at('outcome.diverted') ?? 0) + at('outcome.inSystem');
        expect(at('outcome.inSystemAtStart') + at('arrivals'), scope).toBe(out);
      }
      expect(k['outcome.inSystem[all]']).toBe(sim.inSystem);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) });
  });
});
