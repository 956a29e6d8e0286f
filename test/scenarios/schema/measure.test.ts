// Mistakes in measures and waiting-list ages, each reported with its path (messages pinned:
// they are the user interface).
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { smallScenario } from '../scenario-fixture.ts';

function check(edit: (s: any) => void): string {
  const s = smallScenario();
  edit(s);
  const r = parseScenario(s);
  return r.ok ? 'ok' : formatIssues(r.issues);
}
const measure = (m: unknown) => (s: any) => { s.measures = [m]; };

describe('measures', () => {
  test('good ones pass: an interval, time in system, a wait by class', () => {
    expect(check((s) => {
      s.measures = [
        { id: 'door-to-doctor', pathway: 'ed', from: 'arrival', to: { step: 'see', at: 'started' }, within: { value: 60, unit: 'minutes' }, centiles: [50, 95] },
        { id: 'tis', from: 'arrival', to: 'departure', classes: ['ed'], within: { value: 4 } },
        { id: 'bed-wait', wait: { site: 'dgh', place: 'medical' } },
        { id: 'nurse-wait', wait: { site: 'dgh', skill: 'treat' }, within: { value: 15, unit: 'minutes' } },
      ];
    })).toBe('ok');
  });

  test('shapes: a target not positive, an unknown unit, a centile out of range, a point of neither kind', () => {
    expect(check(measure({ id: 'm', pathway: 'ed', from: 'arrival', to: { step: 'see' }, within: { value: 0, unit: 'fortnights' }, centiles: [100] }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].within.value: expected a number > 0, got 0
        ✖ measures[0].within.unit: expected "minutes" or "hours" or "days" or "weeks", got "fortnights"
        ✖ measures[0].centiles[0]: expected a number < 100, got 100"
    `);
    expect(check(measure({ id: 'm', pathway: 'ed', from: 'door', to: { step: 'see', at: 'begun' } }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].from: expected "arrival", "departure", "referral", "treatment" or { step, at? }, got "door"
        ✖ measures[0].to: expected "at" to be one of reached, started, finished, got "begun""
    `);
  });

  test('a step point with a field it does not have', () => {
    expect(check(measure({ id: 'm', pathway: 'ed', from: 'arrival', to: { step: 'see', when: 'started' } }))).toMatchInlineSnapshot(`"  ✖ measures[0].to.when: unknown field (fields: step, at)"`);
  });

  test('references: pathway, steps, moments, classes', () => {
    expect(check(measure({ id: 'm', pathway: 'edd', from: 'arrival', to: { step: 'see' } }))).toMatchInlineSnapshot(`"  ✖ measures[0].pathway: unknown pathway "edd": did you mean "ed"? (known: ed, hip)"`);
    expect(check(measure({ id: 'm', pathway: 'ed', from: { step: 'sea' }, to: { step: 'home', at: 'started' } }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].from.step: unknown step "sea": did you mean "see"? (steps of pathway "ed": see, decide, admit, stay, home)
        ✖ measures[0].to.at: step "home" is a discharge: only "reached" applies (started is for task, admit, operate and stay)"
    `);
    expect(check(measure({ id: 'm', from: { step: 'see' }, to: 'departure' }))).toMatchInlineSnapshot(`"  ✖ measures[0].pathway: measure "m": "from" names step "see": give the pathway it is a step of"`);
    expect(check(measure({ id: 'm', pathway: 'ed', from: 'arrival', to: 'departure', classes: ['hip', 'knee'] }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].classes[0]: class "hip" follows pathway "hip", not "ed"
        ✖ measures[0].classes[1]: unknown class "knee" (known: ed, hip)"
    `);
  });

  test('kinds: an interval needs both ends, not a wait as well; a wait names one resource that exists', () => {
    expect(check(measure({ id: 'm', from: 'arrival' }))).toMatchInlineSnapshot(`"  ✖ measures[0].to: measure "m" has a "from" but no "to""`);
    expect(check(measure({ id: 'm' }))).toMatchInlineSnapshot(`"  ✖ measures[0]: measure "m": give from and to (an interval) or wait (every wait for a resource)"`);
    expect(check(measure({ id: 'm', from: 'arrival', to: 'departure', wait: { site: 'dgh', place: 'medical' } }))).toMatchInlineSnapshot(`"  ✖ measures[0]: measure "m": give either from and to (an interval) or wait (every wait for a resource), not both"`);
    expect(check(measure({ id: 'm', from: 'departure', to: 'arrival' }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].from: measure "m": an interval cannot start at departure
        ✖ measures[0].to: measure "m": an interval cannot end at arrival"
    `);
    expect(check(measure({ id: 'm', wait: { site: 'dgh', place: 'medical', theatre: 'th1' } }))).toMatchInlineSnapshot(`"  ✖ measures[0].wait: measure "m": give exactly one of place, theatre or skill, got place and theatre"`);
    expect(check(measure({ id: 'm', wait: { site: 'dgh', place: 'medicl' } }))).toMatchInlineSnapshot(`"  ✖ measures[0].wait.place: unknown place "medicl" at site "dgh": did you mean "medical"? (known: cubicles, medical, hub)"`);
    expect(check(measure({ id: 'm', wait: { site: 'dgh', skill: 'scan' } }))).toMatchInlineSnapshot(`"  ✖ measures[0].wait.skill: unknown skill "scan" at site "dgh" (known: treat, operate)"`);
    expect(check((s) => { s.measures = [{ id: 'm', from: 'arrival', to: 'departure' }, { id: 'm', from: 'arrival', to: 'departure' }]; })).toMatchInlineSnapshot(`"  ✖ measures[1].id: measure "m" is defined twice"`);
  });

  test('at most 100 measures', () => {
    expect(check((s) => { s.measures = Array.from({ length: 101 }, (_, k) => ({ id: `m${k}`, from: 'arrival', to: 'departure' })); })).toMatchInlineSnapshot(`"  ✖ measures: expected at most 100 items, got 101"`);
  });

  test('a variant may add a measure, addressed by id', () => {
    expect(check((s) => {
      s.measures = [{ id: 'tis', from: 'arrival', to: 'departure' }];
      s.variants[0].patch.measures = { tis: { within: { value: 4 } }, '+see': { pathway: 'ed', from: 'arrival', to: { step: 'sea' } } };
    })).toMatchInlineSnapshot(`"  ✖ variants[0].patch.measures["+see"].to.step: unknown step "sea": did you mean "see"? (steps of pathway "ed": see, decide, admit, stay, home) (in the patched scenario)"`);
  });
});

describe('measures on a waiting list', () => {
  const withList = (m: unknown) => (s: any) => {
    s.classes.push({ id: 'knee', site: 'dgh', priority: 4 });
    s.waitingLists = [{
      id: 'ortho', site: 'dgh', ward: 'medical', theatres: ['th1'], referrals: [{ class: 'knee', perWeek: 5 }],
      plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'deterministic', value: 2, unit: 'days' },
    }];
    s.measures = [m];
  };
  test('referral to treatment or departure, nothing else', () => {
    expect(check(withList({ id: 'rtt', list: 'ortho', from: 'referral', to: 'treatment', within: { value: 18, unit: 'weeks' } }))).toBe('ok');
    expect(check(withList({ id: 'rtt', list: 'orto', from: 'arrival', to: { step: 'op' }, classes: ['knee'] }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].list: unknown waiting list "orto": did you mean "ortho"? (known: ortho)
        ✖ measures[0].from: measure "rtt" is on waiting list "orto": it starts at "referral", got "arrival"
        ✖ measures[0].to: measure "rtt" is on waiting list "orto": it ends at "treatment" (start of surgery) or "departure" (home), got {"step":"op","at":"reached"}
        ✖ measures[0].classes: measure "rtt" is on waiting list "orto": classes is for pathways (its classes are the list's)"
    `);
    expect(check(withList({ id: 'rtt', pathway: 'ed', from: 'referral', to: 'treatment' }))).toMatchInlineSnapshot(`
      "  ✖ measures[0].from: measure "rtt": "referral" is a point of a waiting list: give the list (list: <id>)
        ✖ measures[0].to: measure "rtt": "treatment" is a point of a waiting list: give the list (list: <id>)"
    `);
  });
});

describe('waiting-list ages (overWeeks)', () => {
  const list = (overWeeks: unknown) => (s: any) => {
    s.classes.push({ id: 'knee', site: 'dgh', priority: 4 });
    s.waitingLists = [{
      id: 'ortho', site: 'dgh', ward: 'medical', theatres: ['th1'], referrals: [{ class: 'knee', perWeek: 5 }],
      plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'deterministic', value: 2, unit: 'days' }, overWeeks,
    }];
  };
  test('weeks are positive numbers, at most 520, at most 20 of them', () => {
    expect(check(list([6, 18, 52]))).toBe('ok');
    expect(check(list([0, 'six', 1000]))).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].overWeeks[0]: expected a number > 0, got 0
        ✖ waitingLists[0].overWeeks[1]: expected a number, got "six"
        ✖ waitingLists[0].overWeeks[2]: expected a number ≤ 520, got 1000"
    `);
    expect(check(list(Array.from({ length: 21 }, (_, k) => k + 1)))).toMatchInlineSnapshot(`"  ✖ waitingLists[0].overWeeks: expected at most 20 items, got 21"`);
  });
});
