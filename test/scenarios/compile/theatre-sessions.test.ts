// Sessions on one theatre are separate lists, whatever the gap between them: each is
// booked apart with its own case cap, its patients wait for their own session to start,
// and those not started by its end are cancelled even when the next session follows on
// at once (08:00-14:00 and 14:00-20:00, the usual AM and PM lists).
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { compileScenario, type HospitalModel } from '../../../scenarios/compile/compile.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { runReplication } from '../../../runner/replicate.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** One theatre with an AM and a PM list on weekdays, a long list of patients, beds to spare; deterministic case times. */
function ampm(o: { pm: string; cases: number; planned: number; actual?: number; weeks?: number }): HospitalModel {
  const r = parseScenario({
    id: 'ampm', title: 'AM and PM lists',
    time: { horizonDays: 7 * (o.weeks ?? 4), warmupDays: 0, replications: 1, seed: 1 },
    sites: [{
      id: 's', wards: [{ id: 'w', beds: 500 }],
      theatres: [{ id: 't', sessions: [{ days: WEEKDAYS, start: '08:00', end: '14:00' }, { days: WEEKDAYS, start: o.pm, end: '20:00' }] }],
    }],
    classes: [{ id: 'p2', site: 's', priority: 2 }, { id: 'p4', site: 's', priority: 4 }],
    waitingLists: [{
      id: 'l', site: 's', ward: 'w', theatres: ['t'],
      referrals: [{ class: 'p2', perWeek: 10 }, { class: 'p4', perWeek: 30 }],
      plannedCase: { dist: 'deterministic', value: o.planned },
      actualOverPlanned: { dist: 'deterministic', value: o.actual ?? 1 },
      casesPerSession: o.cases,
      stay: { dist: 'deterministic', value: 1, unit: 'days' },
      initialList: { patients: 400, oldestWeeks: 30 },
    }],
  });
  if (!r.ok) throw new Error(formatIssues(r.issues));
  const c = compileScenario(r.value);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  return c.value;
}

describe('touching sessions on one theatre', () => {
  test('08:00-14:00 and 14:00-20:00 with 2 cases a session: 4 a day, 20 a week, not 2 a day (one merged session)', () => {
    const k = runReplication(ampm({ pm: '14:00', cases: 2, planned: 1.5 }), 1, 0);
    expect(k['elective.operated[l]']).toBe(20); // before: 10
    expect(k['elective.cancelled[l]']).toBe(0);
    expect(k['theatre.utilisation[s/t]']).toBeCloseTo((4 * 1.5) / 12, 12);
  });

  test('with a one-minute gap: the same 20 a week and no cancellations', () => {
    const k = runReplication(ampm({ pm: '14:01', cases: 2, planned: 1.5 }), 1, 0);
    expect(k['elective.operated[l]']).toBe(20); // before: 16.5, the rest cancelled
    expect(k['elective.cancelled[l]']).toBe(0);
    expect(k['theatre.overrun[s/t]']).toBe(0); // before: 1.8 h a week (PM cases started in the AM session)
  });

  test('a PM patient waits for the PM session, even when the AM list ends early', () => {
    const h = ampm({ pm: '14:00', cases: 2, planned: 1.5, weeks: 1 });
    const sim = new Simulation(h.model, { seed: 1, horizon: h.horizon });
    const starts: number[] = [];
    sim.observe((e) => { if (e.type === 'seize' && e.pool === 's/t') starts.push(e.time % 24); });
    sim.run();
    expect(starts.length).toBe(20);
    // AM 08:00, 09:30; PM 14:00, 15:30 each day (before: the PM list called in at 13:00 started at 13:00)
    expect([...new Set(starts)].sort((a, b) => a - b)).toEqual([8, 9.5, 14, 15.5]);
  });

  test('the theatre stays open across 14:00 (no capacity change there), and a 14:01 session opens every week', () => {
    for (const pm of ['14:00', '14:01']) {
      const h = ampm({ pm, cases: 2, planned: 1.5, weeks: 3 });
      const sim = new Simulation(h.model, { seed: 1, horizon: h.horizon });
      const changes: number[] = [];
      sim.observe((e) => { if (e.type === 'capacity') changes.push(e.time); });
      const t = sim.pools.find((p) => p.id === 's/t')!;
      for (let week = 0; week < 3; week++) {
        for (let day = 0; day < 5; day++) {
          const at = (h: number) => week * 168 + day * 24 + h;
          sim.runUntil(at(14.02));
          expect(t.capacity, `${pm}, week ${week}, day ${day}`).toBe(1); // before (14:01): 0 from the second week on
        }
      }
      const fourteen = changes.filter((x) => Math.abs((x % 24) - 14) < 1e-9);
      expect(fourteen.length).toBe(pm === '14:00' ? 0 : 15);
    }
  });

  test('an AM case running past 14:00 takes PM time (in session, not an overrun); the PM list starts late and overruns at 20:00', () => {
    // Cases of 2 h planned, 2.2 h actual, 3 a session: AM 08:00-10:12-12:24-14:36; PM from
    // 14:36: 16:48, 19:00, the third 19:00-21:12, 1.2 h past 20:00. Busy 08:00-21:12 a day.
    const k = runReplication(ampm({ pm: '14:00', cases: 3, planned: 2, actual: 1.1 }), 1, 0);
    expect(k['elective.operated[l]']).toBe(30);
    expect(k['elective.cancelled[l]']).toBe(0);
    expect(k['theatre.overrun[s/t]']).toBeCloseTo(5 * 1.2, 9);
    expect(k['theatre.utilisation[s/t]']).toBeCloseTo(1, 9);
    // With a one-minute gap the minute between the lists is an overrun (the theatre has no
    // session then); the PM list (5 h 59 min) has room for two planned cases only, done by 19:00.
    const gap = runReplication(ampm({ pm: '14:01', cases: 3, planned: 2, actual: 1.1 }), 1, 0);
    expect(gap['elective.operated[l]']).toBe(25);
    expect(gap['theatre.overrun[s/t]']).toBeCloseTo(5 / 60, 9);
  });

  test('an AM patient not started by 14:00 is cancelled, even if the theatre frees at 14:00: the PM list gets its session', () => {
    // 3 h cases (2 h planned x 1.5): AM 08:00-11:00-14:00, the third AM patient cancelled at
    // 14:00; PM 14:00-17:00-20:00, the third PM patient cancelled at 20:00.
    const k = runReplication(ampm({ pm: '14:00', cases: 3, planned: 2, actual: 1.5 }), 1, 0);
    expect(k['elective.operated[l]']).toBe(20);
    expect(k['elective.cancelled[l]']).toBe(10);
    expect(k['theatre.overrun[s/t]']).toBe(0);
    expect(k['theatre.utilisation[s/t]']).toBeCloseTo(1, 9);
  });
});

describe('call-ins at one instant', () => {
  test.each([1, 0])('two lists calling in %d h before an 08:00 session for one free bed: the more urgent patient gets it, whichever list is booked first', (lead) => {
    const r = parseScenario({
      id: 'two-lists', title: 'two lists, one bed',
      time: { horizonDays: 1, warmupDays: 0, replications: 1, seed: 1 },
      sites: [{
        id: 's', wards: [{ id: 'w', beds: 1 }],
        theatres: [{ id: 'ta', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }, { id: 'tb', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }],
      }],
      classes: [{ id: 'routine', site: 's', priority: 4 }, { id: 'urgent', site: 's', priority: 2 }],
      waitingLists: ['routine', 'urgent'].map((cls, k) => ({
        id: cls, site: 's', ward: 'w', theatres: [k === 0 ? 'ta' : 'tb'],
        referrals: [{ class: cls, perWeek: 0.001 }],
        plannedCase: { dist: 'deterministic', value: 2 },
        stay: { dist: 'deterministic', value: 1, unit: 'days' },
        initialList: { patients: 1, oldestWeeks: 10 },
        bookingLeadHours: lead,
      })),
    });
    if (!r.ok) throw new Error(formatIssues(r.issues));
    const c = compileScenario(r.value);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const k = runReplication(c.value, 1, 0);
    // before: the routine list's controller ran first, its patient took the bed, the urgent one was cancelled
    expect(k['elective.operated[urgent]']).toBe(7); // one in the day: 7 a week
    expect(k['elective.operated[routine]']).toBe(0);
    expect(k['elective.cancelled.noBed[routine]']).toBe(7);
  });
});

describe('sessions in the scenario language', () => {
  test('overlapping sessions on one theatre are an error; touching ones are fine', () => {
    const check = (sessions: unknown[]) => {
      const r = parseScenario({
        id: 'x', title: 'x', time: { horizonDays: 7 },
        sites: [{ id: 's', wards: [{ id: 'w', beds: 1 }], theatres: [{ id: 't', sessions }] }],
        classes: [{ id: 'c', site: 's', arrivals: { perDay: 1 }, pathway: 'p' }],
        pathways: { p: [{ id: 'out', do: 'discharge' }] },
      });
      return r.ok ? 'ok' : formatIssues(r.issues);
    };
    expect(check([{ days: ['mon'], start: '08:00', end: '14:00' }, { days: ['monday', 'tue'], start: '14:00', end: '20:00' }])).toBe('ok');
    expect(check([{ days: ['mon'], start: '08:00', end: '14:00' }, { days: ['tue', 'monday'], start: '13:00', end: '20:00' }])).toMatchInlineSnapshot(
      `"  ✖ sites[0].theatres[0].sessions[1]: overlaps sessions[0] (08:00-14:00) on monday: a theatre runs one session at a time (sessions may touch, e.g. 14:00-20:00 after 08:00-14:00)"`,
    );
  });
});
