// Extra sessions (a waiting-list initiative) in the scenario language: a theatre list and a
// scanner list worked by hand (the day they open and close, sessions run, session hours,
// costs), and the mistakes a user can make, each with its path.
import { describe, expect, test } from 'vitest';
import { checkEdited, runEdited, yamlFixture } from './scenario-fixture.ts';

/**
 * One site, theatre th1 open Mondays 08:00–12:00, 1-hour cases four to a session, a day's
 * stay, 100 beds; 20 patients on the list at the start and (almost) no referrals; four
 * weeks from a Monday, no warm-up. Extra sessions on Saturdays 08:00–12:00.
 */
function ortho(): any {
  return {
    id: 'initiative', title: 'A waiting-list initiative',
    time: { horizonDays: 28, warmupDays: 0, replications: 1, seed: 1 },
    sites: [{
      id: 'dgh',
      wards: [{ id: 'ortho', beds: 100 }],
      theatres: [{ id: 'th1', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }, { id: 'th2', sessions: [{ days: ['tue'], start: '08:00', end: '12:00' }] }],
    }],
    classes: [{ id: 'hip', site: 'dgh', priority: 4 }],
    waitingLists: [{
      id: 'ortho', site: 'dgh', ward: 'ortho', theatres: ['th1'],
      referrals: [{ class: 'hip', perWeek: 0.0001 }],
      plannedCase: { dist: 'deterministic', value: 1, unit: 'hours' },
      stay: { dist: 'deterministic', value: 1, unit: 'days' },
      casesPerSession: 4,
      initialList: { patients: 20, oldestWeeks: 10 },
      extraSessions: {
        sessions: [{ theatre: 'th1', days: ['sat'], start: '08:00', end: '12:00' }],
        openAt: 10, forDays: 2, openingDelayDays: 1, closeBelow: 5, closeForDays: 2, hourlyCost: 100,
      },
    }],
    costs: { theatreHour: 1000 },
  };
}

describe('extra sessions of a theatre list (by hand)', () => {
  test('the fixture is valid', () => expect(checkEdited(ortho, () => {})).toBe('ok'));

  test('open from day 2, two Saturdays run, closed at day 14: sessions, hours, days open, costs', () => {
    // Checks at 00:00: day 0 sees 20 (the starting list), day 1 16 (Monday's four taken at
    // 07:00): the decision; open from day 2. Saturday day 5 (booked at 07:00): 16 → 12;
    // Monday day 7: 8; Saturday day 12: 4. Days 13 and 14 below 5: closed at day 14 (and
    // Monday day 14 takes the last four). Open at the checks of days 2 to 13: 12 days.
    const k = runEdited(ortho, () => {});
    const weeks = 4;
    expect(k['extraSessions.run[ortho]']).toBe(2 / weeks);
    expect(k['extraSessions.hours[ortho]']).toBe(8 / weeks);
    expect(k['extraSessions.daysOpen[ortho]']).toBe(12 / weeks);
    expect(k['extraSessions.openings[ortho]']).toBe(1 / weeks);
    expect(k['elective.operated[ortho]']).toBe(20 / weeks);
    // Session hours: th1's four Mondays and two Saturdays, 24 h, and th2's four Tuesdays,
    // 16 h, at £1,000; the premium on the 8 extra hours at £100, once, in the total.
    expect(k['cost.theatres[all]']).toBeCloseTo(((24 + 16) * 1000) / weeks, 9);
    expect(k['cost.extraSessions[ortho]']).toBeCloseTo((8 * 100) / weeks, 9);
    expect(k['cost.extraSessions[all]']).toBeCloseTo((8 * 100) / weeks, 9);
    expect(k['cost.total[all]']).toBeCloseTo(k['cost.theatres[all]'] + k['cost.beds[all]'] + k['cost.staff[all]'] + (8 * 100) / weeks, 6);
    expect(k['theatre.utilisation[dgh/th1]']).toBeCloseTo(20 / 24, 12);
    expect(k['theatre.overrun[dgh/th1]']).toBe(0);
  });

  test('after a warm-up of a week: only what happens in the window counts', () => {
    // The same run measured from day 7: Saturday day 12 (not day 5), the checks of days 7
    // to 13 open, and no opening (on day 2) in the window: 3 weeks.
    const k = runEdited(ortho, (s) => { s.time.warmupDays = 7; });
    expect(k['extraSessions.run[ortho]']).toBe(1 / 3);
    expect(k['extraSessions.hours[ortho]']).toBe(4 / 3);
    expect(k['extraSessions.daysOpen[ortho]']).toBe(7 / 3);
    expect(k['extraSessions.openings[ortho]']).toBe(0);
    expect(k['cost.extraSessions[ortho]']).toBeCloseTo((4 * 100) / 3, 9);
  });

  test('never open (openAt above the list): nothing runs, nothing is costed, the KPIs are 0', () => {
    const k = runEdited(ortho, (s) => { s.waitingLists[0].extraSessions.openAt = 21; s.waitingLists[0].extraSessions.closeBelow = 20; });
    expect(k['extraSessions.run[ortho]']).toBe(0);
    expect(k['extraSessions.openings[ortho]']).toBe(0);
    expect(k['cost.extraSessions[all]']).toBe(0);
    expect(k['cost.theatres[all]']).toBeCloseTo(((16 + 16) * 1000) / 4, 9);
    expect(k['elective.operated[ortho]']).toBe(16 / 4);
  });

  test('without extra sessions the list reports none of their KPIs', () => {
    const k = runEdited(ortho, (s) => { delete s.waitingLists[0].extraSessions; });
    expect(Object.keys(k).filter((x) => x.includes('xtraSessions'))).toEqual([]);
  });
});

describe('the cost estimate counts extra sessions', () => {
  test('a daily check, and per session a booking, a call-in, a start and an end', async () => {
    const { parseScenario } = await import('../../scenarios/schema/scenario.ts');
    const { estimate } = await import('../../scenarios/cost/estimate.ts');
    const parsed = parseScenario(ortho());
    if (!parsed.ok) throw new Error('invalid');
    const part = estimate(parsed.value).events.find((e) => e.path.join('.') === 'waitingLists.0.extraSessions');
    // 28 daily checks; one Saturday session a week, 4 events, for 4 weeks.
    expect(part?.amount).toBe(28 + 4 * 4);
  });
});

test('the list\'s diagram says when its extra sessions open', async () => {
  const { waitingListGraph } = await import('../../scenarios/diagram/pathway-graph.ts');
  const book = waitingListGraph(ortho().waitingLists[0], []).nodes.find((x) => x.key === 'book')!;
  expect(book.lines).toContain('extra sessions while 10+ wait');
});

describe('extra sessions of a scanner list (by hand)', () => {
  test('Saturday scanning lists open and close as a theatre list\'s do: slots filled, hours counted', () => {
    // mri-1 Mondays 09:00–12:00, 30-minute slots (six a session); 30 waiting at the start.
    // Day 0: 30; Monday's six at 08:00; day 1: 24, decided; open day 2. Saturday day 5: 24 →
    // 18; Monday: 12; Saturday day 12: 6; Monday day 14: 0; closed at day 16 (days 15 and
    // 16 below 5): open at days 2 to 15. Thirty half-hour scans in 4 Mondays and 2
    // Saturdays of 3 hours.
    const k = runEdited(() => yamlFixture('diagnostics'), (s) => {
      s.time = { horizonDays: 28, warmupDays: 0, replications: 1, seed: 1 };
      s.sites[0].scanners[0].sessions = [{ days: ['mon'], start: '09:00', end: '12:00' }];
      s.classes.shift();
      s.waitingLists[0].referrals = [{ class: 'mri-routine', perWeek: 0.0001 }];
      s.waitingLists[0].bookInto = { scanners: ['mri-1'], slotMinutes: 30 };
      s.waitingLists[0].initialList = { patients: 30, oldestWeeks: 4 };
      delete s.waitingLists[0].dna;
      s.waitingLists[0].extraSessions = {
        sessions: [{ scanner: 'mri-1', days: ['sat'], start: '09:00', end: '12:00' }],
        openAt: 10, forDays: 2, openingDelayDays: 1, closeBelow: 5, closeForDays: 2,
      };
      s.costs = { scannerHour: 200 };
    });
    expect(k['scans[mri]']).toBe(30 / 4);
    expect(k['extraSessions.run[mri]']).toBe(2 / 4);
    expect(k['extraSessions.hours[mri]']).toBe(6 / 4);
    expect(k['extraSessions.daysOpen[mri]']).toBe(14 / 4);
    expect(k['scanner.utilisation[dgh/mri-1]']).toBeCloseTo(15 / 18, 12);
    expect(k['cost.scanners[all]']).toBeCloseTo((18 * 200) / 4, 9);
    expect(k['cost.extraSessions[all]']).toBe(0);
  });
});

describe('waitingLists[].extraSessions: mistakes, each with its path', () => {
  const check = (edit: (x: any, s: any) => void) => checkEdited(ortho, (s) => edit(s.waitingLists[0].extraSessions, s));

  test('a room not of the list, with a did-you-mean; the wrong kind of room', () => {
    expect(check((x) => { x.sessions[0].theatre = 'th3'; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0].theatre: unknown theatre "th3" for waiting list "ortho": did you mean "th1"? (its theatres: th1)"`);
    expect(check((x) => { x.sessions[0].theatre = 'th2'; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0].theatre: theatre "th2" of site "dgh" is not one of waiting list "ortho"'s theatres (th1): extra sessions run in the list's own theatres"`);
    expect(check((x) => { x.sessions[0] = { scanner: 'th1', days: ['sat'], start: '08:00', end: '12:00' }; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0].scanner: waiting list "ortho" is a theatre list: name the theatre (one of its theatres: th1)"`);
    expect(check((x) => { x.sessions[0].clinic = 'th1'; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0].clinic: give one room: theatre (a theatre list), clinic or scanner (a list with bookInto)"`);
  });

  test('overlapping a session of the theatre\'s timetable, ending as one starts, or another extra session; end before start', () => {
    expect(check((x) => { x.sessions[0].days = ['mon']; x.sessions[0].start = '11:00'; x.sessions[0].end = '13:00'; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0]: overlaps theatre "th1"'s sessions[0] (08:00-12:00) on mon: extra sessions run when the theatre is otherwise closed"`);
    expect(check((x) => { x.sessions[0].days = ['mon']; x.sessions[0].start = '06:00'; x.sessions[0].end = '08:00'; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0]: ends as theatre "th1"'s sessions[0] (08:00-12:00) starts on mon: end it before (the theatre would be open twice over at that instant)"`);
    // Starting as a timetabled session ends is allowed (an evening list after a day list).
    expect(check((x) => { x.sessions[0].days = ['mon']; x.sessions[0].start = '12:00'; x.sessions[0].end = '18:00'; })).toBe('ok');
    expect(check((x) => { x.sessions.push({ theatre: 'th1', days: ['sat', 'sun'], start: '10:00', end: '14:00' }); })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[1]: overlaps waitingLists[0].extraSessions.sessions[0] (08:00-12:00) on sat: extra sessions run when the theatre is otherwise closed"`);
    expect(check((x) => { x.sessions[0].end = '07:00'; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions[0].end: expected a time after start ("08:00"), got "07:00""`);
  });

  test('two lists on one theatre: their extra sessions may neither overlap nor touch', () => {
    const spine = (start: string, end: string) => (s: any) => {
      s.classes.push({ id: 'back', site: 'dgh', priority: 4 });
      s.waitingLists.push({ ...s.waitingLists[0], id: 'spine', referrals: [{ class: 'back', perWeek: 1 }],
        extraSessions: { ...s.waitingLists[0].extraSessions, sessions: [{ theatre: 'th1', days: ['sat'], start, end }] } });
    };
    expect(checkEdited(ortho, spine('12:00', '16:00'))).toMatchInlineSnapshot(`"  ✖ waitingLists[1].extraSessions.sessions[0]: starts as waitingLists[0].extraSessions.sessions[0] (08:00-12:00) ends on sat: start it after (the theatre would be open twice over at that instant)"`);
    expect(checkEdited(ortho, spine('10:00', '16:00'))).toMatchInlineSnapshot(`"  ✖ waitingLists[1].extraSessions.sessions[0]: overlaps waitingLists[0].extraSessions.sessions[0] (08:00-12:00) on sat: extra sessions run when the theatre is otherwise closed"`);
    expect(checkEdited(ortho, spine('13:00', '16:00'))).toBe('ok');
  });

  test('closeBelow not below openAt; numbers out of bounds', () => {
    expect(check((x) => { x.closeBelow = 10; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.closeBelow: expected below openAt (hysteresis: close at a shorter list than open)"`);
    expect(check((x) => { x.openAt = 0; x.closeBelow = -1; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].extraSessions.openAt: expected an integer ≥ 1, got 0
        ✖ waitingLists[0].extraSessions.closeBelow: expected an integer ≥ 0, got -1"
    `);
    expect(check((x) => { x.forDays = 0; x.closeForDays = 366; x.openingDelayDays = 1e9; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].extraSessions.forDays: expected an integer ≥ 1, got 0
        ✖ waitingLists[0].extraSessions.openingDelayDays: expected an integer ≤ 365, got 1000000000
        ✖ waitingLists[0].extraSessions.closeForDays: expected an integer ≤ 365, got 366"
    `);
    expect(check((x) => { x.openAt = 1e12; x.hourlyCost = -5; x.forDays = 1.5; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].extraSessions.openAt: expected an integer ≤ 10000000, got 1000000000000
        ✖ waitingLists[0].extraSessions.forDays: expected an integer, got 1.5
        ✖ waitingLists[0].extraSessions.hourlyCost: expected a number ≥ 0, got -5"
    `);
    expect(check((x) => { x.sessions = Array(51).fill(x.sessions[0]); })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions: expected at most 50 items, got 51"`);
    expect(check((x) => { x.sessions = []; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].extraSessions.sessions: expected at least 1 item, got 0"`);
  });
});
