// A waiting list's starting backlog as an age profile in the scenario language: the
// mistakes a user can make, each with its path; and the day-0 census it gives, exactly.
import { describe, expect, test } from 'vitest';
import { yamlFixture, checkEdited } from './scenario-fixture.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { runReplication } from '../../runner/replicate.ts';

/** The two-trust fixture, the north list with two referral classes and no mutual aid. */
function fixture() {
  const s = yamlFixture('elective');
  s.classes.push({ id: 'north-urgent', site: 'north', priority: 2 });
  s.waitingLists[0].referrals = [{ class: 'north-urgent', perWeek: 1 }, { class: 'north-routine', perWeek: 3 }];
  s.variants = [];
  return s;
}

const check = (edit: (s: any) => void) => checkEdited(fixture, edit);

describe('initialList.byWeeksWaited', () => {
  test('bands: weeks in order, counts whole, classes of the list', () => {
    expect(check((s) => {
      s.waitingLists[0].initialList = { byWeeksWaited: [
        { fromWeeks: 0, toWeeks: 6, patients: 10 },
        { fromWeeks: 5, toWeeks: 4, byClass: { 'north-routine': 2.5 } },
      ] };
    })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].initialList.byWeeksWaited[1].byClass["north-routine"]: expected an integer, got 2.5"`);
    expect(check((s) => {
      s.waitingLists[0].initialList = { byWeeksWaited: [
        { fromWeeks: 0, toWeeks: 6, patients: 10, byClass: { 'north-routine': 1 } },
        { fromWeeks: 5, toWeeks: 8, byClass: { 'south-routine': 1, 'north-urgnt': 1 } },
        { fromWeeks: 8, toWeeks: 8, patients: 1 },
      ] };
    })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].initialList.byWeeksWaited[0].patients: give either patients (shared by referral rates) or byClass (a count per class)
        ✖ waitingLists[0].initialList.byWeeksWaited[1].fromWeeks: expected a number ≥ 6 (the end of byWeeksWaited[0]): bands in increasing order, not overlapping, got 5
        ✖ waitingLists[0].initialList.byWeeksWaited[1].byClass["south-routine"]: class "south-routine" is not referred to waiting list "north-ortho": did you mean "north-routine"? (referred: north-urgent, north-routine)
        ✖ waitingLists[0].initialList.byWeeksWaited[1].byClass["north-urgnt"]: class "north-urgnt" is not referred to waiting list "north-ortho": did you mean "north-urgent"? (referred: north-urgent, north-routine)
        ✖ waitingLists[0].initialList.byWeeksWaited[2].toWeeks: expected a number > fromWeeks (8), got 8"
    `);
    expect(check((s) => { s.waitingLists[0].initialList = { patients: 10, byWeeksWaited: [{ fromWeeks: 0, toWeeks: 6, patients: 10 }] }; }))
      .toMatchInlineSnapshot(`"  ✖ waitingLists[0].initialList.patients: give either patients and oldestWeeks (spread evenly) or byWeeksWaited (an age profile), not both"`);
    expect(check((s) => { s.waitingLists[0].initialList = { patients: 10 }; })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].initialList.oldestWeeks: expected oldestWeeks with patients: their waits are spread evenly up to it"`);
    expect(check((s) => { s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 6, toWeeks: 13, byClass: { 'north-urgent': 3 } }, { fromWeeks: 13, toWeeks: 52, patients: 4 }] }; }))
      .toBe('ok');
  });

  test('the day-0 census counts exactly the profile: within 18 weeks and over 52', () => {
    const s = fixture();
    s.time = { horizonDays: 1, warmupDays: 0, replications: 1, seed: 1 };
    // Referrals rare enough that none come on day 0 (the backlog alone), still 1:3.
    s.waitingLists[0].referrals = [{ class: 'north-urgent', perWeek: 0.001 }, { class: 'north-routine', perWeek: 0.003 }];
    // 30 patients in 0–6 weeks shared 1:3 by referral rate, 12 urgent at 6–18, 8 over 52 weeks.
    s.waitingLists[0].initialList = { byWeeksWaited: [
      { fromWeeks: 0, toWeeks: 6, patients: 30 },
      { fromWeeks: 6, toWeeks: 18, byClass: { 'north-urgent': 12 } },
      { fromWeeks: 20, toWeeks: 40, byClass: { 'north-routine': 0 } },
      { fromWeeks: 52, toWeeks: 78, patients: 8 },
    ] };
    const parsed = parseScenario(s);
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const c = compileScenario(parsed.value);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const k = runReplication(c.value, 1, 0);
    expect(k['list.within18w[north-ortho]']).toBe(42 / 50);
    expect(k['list.over52w[north-ortho]']).toBe(8);
    // Shared by referral rate, 1:3, largest remainders: 30 → 7.5 + 22.5 → 8 + 22 (ties to the first); 8 → 2 + 6.
    expect([k['arrivals[north-urgent]'], k['arrivals[north-routine]']]).toEqual([8 + 12 + 2, 22 + 0 + 6]);
  });
});

test('an age profile is held against the limits like any starting list', async () => {
  const { checkCost } = await import('../../scenarios/cost/check.ts');
  const { defaultCostLimits } = await import('../../scenarios/cost/limits.ts');
  const s = fixture();
  s.waitingLists[0].initialList = { byWeeksWaited: [{ fromWeeks: 0, toWeeks: 6, patients: 1e9 }, { fromWeeks: 6, toWeeks: 7, byClass: { 'north-urgent': 1e9 } }] };
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  expect(formatIssues(checkCost(parsed.value, defaultCostLimits).issues)).toContain(
    'waitingLists[0].initialList.byWeeksWaited: 2,000,000,000 patients on the waiting lists at the start exceeds the limit of 1,000,000');
});
