// Case mix and session templates on a theatre list in the scenario language: the
// mistakes a user can make, each with its path; a fixed template's exact throughput.
import { describe, expect, test } from 'vitest';
import { yamlFixture, checkEdited } from './scenario-fixture.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { runReplication } from '../../runner/replicate.ts';

function fixture() {
  const s = yamlFixture('elective');
  s.variants = [];
  s.waitingLists[0].caseMix = [
    { procedure: 'primary-hip', share: 0.7, plannedCase: { dist: 'deterministic', value: 90, unit: 'minutes' } },
    { procedure: 'revision-hip', share: 0.3, plannedCase: { dist: 'deterministic', value: 3 }, stay: { dist: 'deterministic', value: 6, unit: 'days' } },
  ];
  return s;
}

const check = (edit: (s: any) => void) => checkEdited(fixture, edit);

describe('waitingLists[].caseMix and sessionTemplates', () => {
  test('shares and probabilities sum to 1; templates name procedures of the mix', () => {
    expect(check(() => {})).toBe('ok');
    expect(check((s) => {
      s.waitingLists[0].caseMix[1].share = 0.2;
      s.waitingLists[0].caseMix.push({ procedure: 'primary-hip', share: 0.1 });
      s.waitingLists[0].sessionTemplates = [{ probability: 0.5, cases: { 'primary-hips': 2 } }, { probability: 0.4, cases: { 'revision-hip': 1 }, total: 0 }];
    })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].caseMix[2].procedure: procedure "primary-hip" is defined twice
        ✖ waitingLists[0].sessionTemplates: expected probabilities summing to 1, got 0.9
        ✖ waitingLists[0].sessionTemplates[0].cases["primary-hips"]: unknown procedure "primary-hips": did you mean "primary-hip"? (known: primary-hip, revision-hip)
        ✖ waitingLists[0].sessionTemplates[1].total: expected an integer ≥ 1, got 0"
    `);
    expect(check((s) => {
      delete s.waitingLists[0].caseMix;
      s.waitingLists[0].sessionTemplates = [{ probability: 1, cases: { 'primary-hip': 2 } }];
    })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].sessionTemplates: session templates book procedures of a caseMix: give caseMix"`);
  });

  test('a fixed template, 2 primary hips a session: exactly 4 a week on two sessions a week, no revisions', () => {
    const s = fixture();
    s.sites[0].wards[0].beds = 200; // no cancellation for want of a bed
    s.waitingLists[0].initialList = { patients: 300, oldestWeeks: 20 };
    s.waitingLists[0].sessionTemplates = [{ probability: 1, cases: { 'primary-hip': 2 } }];
    const parsed = parseScenario(s);
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const c = compileScenario(parsed.value);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const k = runReplication(c.value, 1, 0);
    expect(k['elective.operated[north-ortho/primary-hip]']).toBe(4);
    expect(k['elective.operated[north-ortho/revision-hip]']).toBe(0);
    expect(k['elective.operated[north-ortho]']).toBe(4);
  });

  test('a fixed weekly template: Monday 2 primary hips, Wednesday 1 revision: exactly 2 and 1 a week', () => {
    const s = fixture();
    s.sites[0].wards[0].beds = 200;
    s.waitingLists[0].initialList = { patients: 300, oldestWeeks: 20 };
    s.waitingLists[0].sessionTemplates = [
      { probability: 1, days: ['mon'], cases: { 'primary-hip': 2 } },
      { probability: 1, days: ['wed'], cases: { 'revision-hip': 1 } },
    ];
    const parsed = parseScenario(s);
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const c = compileScenario(parsed.value);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const k = runReplication(c.value, 1, 0);
    expect([k['elective.operated[north-ortho/primary-hip]'], k['elective.operated[north-ortho/revision-hip]']]).toEqual([2, 1]);
  });

  test("templates by weekday: each weekday's probabilities sum to 1", () => {
    expect(check((s) => {
      s.waitingLists[0].sessionTemplates = [
        { probability: 0.5, days: ['mon'], cases: { 'primary-hip': 2 } },
        { probability: 1, cases: { 'revision-hip': 1 } },
      ];
    })).toMatchInlineSnapshot(`"  ✖ waitingLists[0].sessionTemplates: expected probabilities summing to 1 for sessions on mon, got 0.5"`);
  });
});
