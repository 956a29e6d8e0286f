// Waiting lists booked into timed clinic or scanner slots in the scenario language: the
// mistakes a user can make, each with its path; scans a week exact when every slot is
// full; and the outputs named for what they are.
import { describe, expect, test } from 'vitest';
import { yamlFixture, checkEdited, runEdited } from './scenario-fixture.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { runReplication } from '../../runner/replicate.ts';

const fixture = () => yamlFixture('diagnostics');

const check = (edit: (s: any) => void) => checkEdited(fixture, edit);

const run = (edit: (s: any) => void) => runEdited(fixture, edit);

describe('waitingLists[].bookInto', () => {
  test('the fixture is valid', () => expect(check(() => {})).toBe('ok'));

  test("clinics or scanners of the list's site; slots by referred class; no ward, theatre or stay", () => {
    expect(check((s) => {
      s.waitingLists[0].bookInto = { scanners: ['mri-2'], slotMinutes: 0, slotMinutesByClass: { 'ct-urgent': 10 } };
      s.waitingLists[0].ward = 'radiology';
    })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].bookInto.scanners[0]: unknown scanner "mri-2" at site "dgh": did you mean "mri-1"? (known: mri-1)
        ✖ waitingLists[0].bookInto.slotMinutes: expected a number > 0, got 0
        ✖ waitingLists[0].bookInto.slotMinutesByClass["ct-urgent"]: class "ct-urgent" is not referred to waiting list "mri": did you mean "mri-urgent"? (referred: mri-urgent, mri-routine)
        ✖ waitingLists[0].ward: a list booked into clinic or scanner slots (bookInto) has no ward: no bed, no theatre, no stay"
    `);
    expect(check((s) => { s.waitingLists[0].bookInto = { clinics: ['a'], scanners: ['mri-1'], slotMinutes: 15 }; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].bookInto.clinics: give either clinics or scanners"`);
    expect(check((s) => { delete s.waitingLists[0].bookInto; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].ward: expected ward for a list booked into theatre sessions (or bookInto: clinic or scanner slots)
        ✖ waitingLists[0].theatres: expected theatres for a list booked into theatre sessions (or bookInto: clinic or scanner slots)
        ✖ waitingLists[0].plannedCase: expected plannedCase for a list booked into theatre sessions (or bookInto: clinic or scanner slots)
        ✖ waitingLists[0].stay: expected stay for a list booked into theatre sessions (or bookInto: clinic or scanner slots)"
    `);
    expect(check((s) => {
      s.sites[0].clinics = [{ id: 'mri-1', sessions: [{ days: ['mon'], start: '09:00', end: '12:00' }, { days: ['mon'], start: '11:00', end: '13:00' }] }];
    })).toMatchInlineSnapshot(`
      "  ✖ sites[0].scanners[0].id: "mri-1" is already the id of a ward, theatre, clinic or scanner at site "dgh"
        ✖ sites[0].clinics[0].sessions[1]: overlaps sessions[0] (09:00-12:00) on mon: a clinic runs one session at a time (sessions may touch, e.g. 14:00-20:00 after 08:00-14:00)"
    `);
  });

  test('every slot full: exactly the slots a week are scanned, the scanner busy all session', () => {
    // 2,000 routine patients waiting and none urgent: 5 sessions of 3 hours, 15-minute slots.
    const k = run((s) => {
      s.classes.shift();
      s.waitingLists[0].referrals = [{ class: 'mri-routine', perWeek: 1 }];
      delete s.waitingLists[0].bookInto.slotMinutesByClass;
      s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 0, toWeeks: 10, patients: 2000 }] };
      s.costs = { scannerHour: 100 };
    });
    expect(k['scans[mri]']).toBe(5 * 12);
    expect(k['scanner.utilisation[dgh/mri-1]']).toBe(1);
    // Session costs: 15 session hours a week at £100, whatever the scanning.
    expect(k['cost.scanners[all]']).toBeCloseTo(15 * 100, 9);
    expect(k['cost.total[all]']).toBeCloseTo(15 * 100, 9);
    expect(k['cost.clinics[all]']).toBeUndefined();
    expect(k['elective.operated[mri]']).toBeUndefined();
    expect(k['appointments[mri]']).toBeUndefined();
    expect(k['referral.wait.mean[mri]']).toBeGreaterThan(0);
    expect(k['list.size[mri]']).toBeGreaterThan(1500);
  });

  test('a clinic list reports appointments; DNAs leave slots unused', () => {
    const k = run((s) => {
      s.sites[0].clinics = s.sites[0].scanners.map((x: any) => ({ ...x, id: 'fracture' }));
      delete s.sites[0].scanners;
      s.waitingLists[0].bookInto = { clinics: ['fracture'], slotMinutes: 15 };
      s.classes.shift();
      s.waitingLists[0].referrals = [{ class: 'mri-routine', perWeek: 1 }];
      delete s.waitingLists[0].bookInto.slotMinutesByClass;
      s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 0, toWeeks: 10, patients: 2000 }] };
      s.waitingLists[0].dna = { probability: 0.25 };
    });
    expect(k['appointments[mri]'] + k['dna.perWeek[mri]']).toBe(5 * 12);
    expect(k['clinic.utilisation[dgh/fracture]']).toBeCloseTo(k['appointments[mri]'] / 60, 12);
    expect(k['clinic.utilisation[dgh/fracture]']).toBeLessThan(0.9);
  });
});

describe('offered load of a clinic or scanner list', () => {
  test('slots a week against session hours: the scanner is judged, and warned of when overloaded', async () => {
    const { offeredLoad } = await import('../../scenarios/warnings/offered-load.ts');
    const parsed = parseScenario(fixture());
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    // 5 urgent × 20 min + 40 routine × 15 min = 700 minutes a week, against 15 session hours.
    const d = offeredLoad(parsed.value).demands.find((x) => x.members.includes('dgh/mri-1'))!;
    expect(d.kind).toBe('slots');
    expect(d.load * 168).toBeCloseTo(700 / 60, 9);
    expect(d.capacity * 168).toBeCloseTo(15, 9);
    const over = fixture();
    over.waitingLists[0].referrals[1].perWeek = 80; // 100 + 1,200 minutes > 900
    const p2 = parseScenario(over);
    if (!p2.ok) throw new Error(formatIssues(p2.issues));
    const d2 = offeredLoad(p2.value).demands.find((x) => x.members.includes('dgh/mri-1'))!;
    expect(d2.load).toBeGreaterThan(d2.capacity);
    // The limits' estimate sees it too: the list grows without end.
    const { offeredLoads } = await import('../../scenarios/cost/load.ts');
    const l = offeredLoads(p2.value).loads.find((x) => x.resource === 'scanner "mri-1" at site "dgh"')!;
    expect(l.ratio).toBeCloseTo(1300 / 900, 9);
  });
});

describe('the DM01 questions on a clinic or scanner list', () => {
  test('overWeeks: the share over 6 weeks read from the starting age profile, overall and by class', () => {
    // No sessions in the measured day (a Sunday run of one day): the list is the profile,
    // and the day's one census (00:00) reads it: 30 of 120 over 6 weeks, all routine.
    const k = run((s) => {
      s.time = { horizonDays: 1, warmupDays: 0, startWeekday: 'sunday', seed: 1 };
      s.waitingLists[0].referrals = [{ class: 'mri-urgent', perWeek: 0.001 }, { class: 'mri-routine', perWeek: 0.001 }];
      s.waitingLists[0].overWeeks = [6];
      s.waitingLists[0].initialList = { byWeeksWaited: [
        { fromWeeks: 0, toWeeks: 6, byClass: { 'mri-urgent': 10, 'mri-routine': 80 } },
        { fromWeeks: 6, toWeeks: 13, byClass: { 'mri-routine': 30 } },
      ] };
    });
    expect(k['list.over[mri/6w]']).toBe(30 / 120);
    expect(k['list.over[mri/mri-routine/6w]']).toBe(30 / 110);
    expect(k['list.over[mri/mri-urgent/6w]']).toBe(0);
  });

  test('a measure on the list: referral to the scan (treatment) and to its end (departure), exact on a deterministic list', () => {
    // One patient, on the list at the start, referred two weeks ago (referrals are all but
    // nil): booked into Monday's 09:00 slot (no notice), so referral to scan is two weeks
    // and 9 hours, and to departure 15 minutes (the slot) more.
    const s = fixture();
    s.time = { horizonDays: 1, warmupDays: 0, startWeekday: 'monday', seed: 1 };
    s.waitingLists[0].referrals = [{ class: 'mri-urgent', perWeek: 0.0001 }, { class: 'mri-routine', perWeek: 0.0001 }];
    s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 2, toWeeks: 2.000001, byClass: { 'mri-routine': 1 } }] };
    s.measures = [
      { id: 'rtt', list: 'mri', from: 'referral', to: 'treatment', within: { value: 6, unit: 'weeks' } },
      { id: 'out', list: 'mri', from: 'referral', to: 'departure' },
    ];
    const parsed = parseScenario(s);
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const c = compileScenario(parsed.value);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const k = runReplication(c.value, 1, 0);
    expect(k['measure.count[rtt]']).toBeCloseTo(7, 9); // one a day, per week
    expect(k['measure.mean[rtt]']).toBeCloseTo(2 * 168 + 9, 3);
    expect(k['measure.within[rtt]']).toBe(1);
    expect(k['measure.mean[out]'] - k['measure.mean[rtt]']).toBeCloseTo(0.25, 9);
  });
});
