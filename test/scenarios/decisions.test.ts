// Decisions that depend on time and on the patient (schema/decision.ts): exact answers on
// deterministic models, closed forms within a 95% interval over replications, and every
// mistake reported with its path.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { runReplication } from '../../runner/replicate.ts';
import { checkCost } from '../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';

const hours = (value: number) => ({ dist: 'deterministic', value });

/**
 * A stroke unit with no queues: arrival, CT (a plain delay of `ct` hours), a decision, then
 * one of three ends. Two measures count who reaches lysis and who reaches the others.
 */
function stroke(decide: object, attributes: object = {}, ct = 1): any {
  return {
    id: 'stroke', title: 'stroke',
    time: { horizonDays: 20, warmupDays: 0, replications: 1, seed: 1 },
    sites: [{ id: 'dgh', wards: [{ id: 'hasu', beds: 10 }], theatres: [], staff: [] }],
    classes: [{ id: 'stroke', site: 'dgh', arrivals: { perDay: 50 }, pathway: 'hasu', attributes }],
    pathways: {
      hasu: [
        { id: 'door', do: 'stay', duration: hours(0) },
        { id: 'ct', do: 'stay', duration: hours(ct) },
        { id: 'decide', do: 'branch', ...decide },
        { id: 'lysis', do: 'stay', duration: hours(0) },
        { id: 'lysed', do: 'discharge' },
        { id: 'thrombectomy', do: 'stay', duration: hours(0) },
        { id: 'out-t', do: 'discharge' },
        { id: 'home', do: 'discharge' },
      ],
    },
    costs: { bedDay: 0, theatreHour: 0, tariff: {} },
    measures: [
      { id: 'to-lysis', pathway: 'hasu', from: 'arrival', to: { step: 'lysis' } },
      { id: 'to-thrombectomy', pathway: 'hasu', from: 'arrival', to: { step: 'thrombectomy' } },
      { id: 'to-home', pathway: 'hasu', from: 'arrival', to: { step: 'home' } },
    ],
  };
}

function parseScenarioOk(s: any) {
  const r = parseScenario(s);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}

function check(s: any): string {
  const r = parseScenario(s);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

/** Shares of decided patients sent to lysis, thrombectomy and home, in replication r. */
function shares(s: any, r = 0): { lysis: number; thrombectomy: number; home: number } {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  const c = compileScenario(parsed.value);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  const k = runReplication(c.value, r, 0);
  const n = (id: string) => k[`measure.count[${id}]`];
  const total = n('to-lysis') + n('to-thrombectomy') + n('to-home');
  return { lysis: n('to-lysis') / total, thrombectomy: n('to-thrombectomy') / total, home: n('to-home') / total };
}

/** Mean and 95% half-width (t with n − 1 degrees of freedom, n = 20) over replications. */
function interval(xs: number[]): { mean: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, x) => a + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { mean, half: 2.093 * sd / Math.sqrt(n) };
}
const covers = (xs: number[], exact: number) => {
  const { mean, half } = interval(xs);
  expect(Math.abs(mean - exact)).toBeLessThanOrEqual(half);
};

const lysisWithin = (bound: object, attributes: object, extra: object = {}) =>
  stroke({ rules: [{ if: { timeSince: 'onset', ...bound }, to: 'lysis', ...extra }], otherwise: 'home' }, attributes);

describe('decisions on the time since an event before arrival (onset)', () => {
  test('deterministic onset: everyone or no one, and a time equal to the bound is at most it, not under it', () => {
    const onset = (h: number) => ({ onset: { before: hours(h) } });
    // Onset 3 h before the door, CT 1 h: 4 h since onset at the decision.
    expect(shares(lysisWithin({ under: 4.5 }, onset(3))).lysis).toBe(1);
    expect(shares(lysisWithin({ under: 4.5 }, onset(4))).lysis).toBe(0);
    expect(shares(lysisWithin({ under: 270, unit: 'minutes' }, onset(3))).lysis).toBe(1);
    // 3.5 + 1 = 4.5 h exactly.
    expect(shares(lysisWithin({ atMost: 4.5 }, onset(3.5))).lysis).toBe(1);
    expect(shares(lysisWithin({ under: 4.5 }, onset(3.5))).lysis).toBe(0);
    expect(shares(lysisWithin({ atLeast: 4.5 }, onset(3.5))).lysis).toBe(1);
    expect(shares(lysisWithin({ over: 4.5 }, onset(3.5))).lysis).toBe(0);
    // Both bounds must hold: between 2 and 4.5 h.
    expect(shares(lysisWithin({ atLeast: 2, under: 4.5 }, onset(3))).lysis).toBe(1);
    expect(shares(lysisWithin({ atLeast: 4.2, under: 4.5 }, onset(3))).lysis).toBe(0);
  });

  test('exponential onset-to-door: share within 4.5 h is 1 − e^(−λ(4.5 − door-to-decision)), within the 95% CI', () => {
    // λ = 1/2 per hour; decision 1 h after the door: P(onset-to-door < 3.5) = 1 − e^(−1.75).
    const s = lysisWithin({ under: 4.5 }, { onset: { before: { dist: 'exponential', mean: 2 } } });
    covers(Array.from({ length: 20 }, (_, r) => shares(s, r).lysis), 1 - Math.exp(-1.75));
  });

  test('with probability: 80% of the eligible are lysed, 0.8 (1 − e^(−1.75)) in all', () => {
    const s = lysisWithin({ under: 4.5 }, { onset: { before: { dist: 'exponential', mean: 2 } } }, { probability: 0.8 });
    covers(Array.from({ length: 20 }, (_, r) => shares(s, r).lysis), 0.8 * (1 - Math.exp(-1.75)));
  });
});

describe('decisions on the time since arrival and since a step', () => {
  const since = (timeSince: unknown, bound: object) => stroke({ rules: [{ if: { timeSince, ...bound }, to: 'lysis' }], otherwise: 'home' }, {}, 2);

  test('arrival: CT takes 2 h, so 2 h since arrival at the decision', () => {
    expect(shares(since('arrival', { under: 2.5 })).lysis).toBe(1);
    expect(shares(since('arrival', { under: 1.5 })).lysis).toBe(0);
  });

  test('a step: since it was reached (2 h) or since it finished (0 h)', () => {
    expect(shares(since({ step: 'ct' }, { atLeast: 2 })).lysis).toBe(1);
    expect(shares(since({ step: 'ct', at: 'reached' }, { under: 1 })).lysis).toBe(0);
    expect(shares(since({ step: 'ct', at: 'finished' }, { under: 1 })).lysis).toBe(1);
  });

  test('a step skipped on the route taken: the condition does not hold', () => {
    const s = stroke({ rules: [{ if: { timeSince: { step: 'ct' }, atLeast: 0 }, to: 'lysis' }], otherwise: 'home' });
    // A first branch skips CT for everyone, going straight to the decision.
    s.pathways.hasu[0] = { id: 'door', do: 'branch', options: [{ to: 'decide', probability: 0.5 }, { to: 'ct', probability: 0.5 }] };
    covers(Array.from({ length: 20 }, (_, r) => shares(s, r).lysis), 0.5);
    // Valid, but a warning before the run, with its path.
    const parsed = parseScenario(s);
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    expect(checkCost(parsed.value, defaultCostLimits).warnings).toContainEqual({
      path: ['pathways', 'hasu', 2, 'rules', 0, 'if', 'timeSince', 'step'],
      message: 'some routes of pathway "hasu" reach decision "decide" without passing step "ct": for those patients the condition does not hold',
    });
    expect(checkCost(parseScenarioOk(stroke({ rules: [{ if: { timeSince: { step: 'ct' }, atLeast: 0 }, to: 'lysis' }], otherwise: 'home' })), defaultCostLimits).warnings).toEqual([]);
  });
});

describe('decisions on attributes drawn at arrival', () => {
  test('a category: is one, or one of several; the first matching rule wins', () => {
    const attributes = { severity: { oneOf: { minor: 0.3, moderate: 0.5, major: 0.2 } } };
    const s = stroke({
      rules: [{ if: { attribute: 'severity', is: 'major' }, to: 'thrombectomy' }, { if: { attribute: 'severity', is: ['major', 'moderate'] }, to: 'lysis' }],
      otherwise: 'home',
    }, attributes);
    const runs = Array.from({ length: 20 }, (_, r) => shares(s, r));
    covers(runs.map((x) => x.thrombectomy), 0.2);
    covers(runs.map((x) => x.lysis), 0.5);
    covers(runs.map((x) => x.home), 0.3);
  });

  test('a number drawn (a score): uniform 0–10, at least 6 for 40%; a certain category for everyone', () => {
    const s = stroke({ rules: [{ if: { attribute: 'nihss', atLeast: 6 }, to: 'lysis' }], otherwise: 'home' }, { nihss: { draw: { dist: 'uniform', min: 0, max: 10 } } });
    covers(Array.from({ length: 20 }, (_, r) => shares(s, r).lysis), 0.4);
    const t = stroke({ rules: [{ if: { attribute: 'kind', is: 'ischaemic' }, to: 'lysis' }], otherwise: 'home' }, { kind: { oneOf: { ischaemic: 1, haemorrhagic: 0 } } });
    expect(shares(t).lysis).toBe(1);
  });

  test('a rule with several conditions (all must hold) and a rule with a probability only', () => {
    const attributes = { onset: { before: hours(2) }, severity: { oneOf: { minor: 0.5, major: 0.5 } } };
    const s = stroke({
      rules: [
        { ifAll: [{ timeSince: 'onset', under: 4.5 }, { attribute: 'severity', is: 'major' }], to: 'thrombectomy' },
        { probability: 0.25, to: 'lysis' },
      ],
      otherwise: 'home',
    }, attributes);
    const runs = Array.from({ length: 20 }, (_, r) => shares(s, r));
    covers(runs.map((x) => x.thrombectomy), 0.5);
    covers(runs.map((x) => x.lysis), 0.5 * 0.25);
  });
});

describe('invariants', () => {
  test('with the same seed, a wider window lyses at least as many, and every patient decided goes one way', () => {
    // Common random numbers: the onsets are drawn from their own stream, and a decision
    // without a probability draws nothing, so the same patients come with the same onsets.
    fc.assert(fc.property(fc.double({ min: 0.5, max: 6, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }),
      (mean, bound, wider) => {
        const counts = (b: number) => {
          const s = lysisWithin({ under: b }, { onset: { before: { dist: 'exponential', mean } } });
          s.time.horizonDays = 5;
          const c = compileScenario(parseScenarioOk(s));
          if (!c.ok) throw new Error(formatIssues(c.issues));
          const k = runReplication(c.value, 0, 0);
          return { lysis: k['measure.count[to-lysis]'], home: k['measure.count[to-home]'], other: k['measure.count[to-thrombectomy]'] };
        };
        const a = counts(bound), b = counts(bound + wider);
        expect(b.lysis).toBeGreaterThanOrEqual(a.lysis);
        expect(a.other).toBe(0);
        expect(a.lysis + a.home).toBeCloseTo(b.lysis + b.home, 9);
      }), { numRuns: 8 });
  });
});

describe('mistakes, each with its path', () => {
  test('shapes: a branch with both options and rules, rules without otherwise, a condition of neither kind, no bound', () => {
    expect(check(stroke({ options: [{ to: 'home', probability: 1 }], rules: [{ probability: 1, to: 'lysis' }], otherwise: 'home' }))).toMatchInlineSnapshot(`"  ✖ pathways.hasu[2].options: give exactly one of options (a random choice) or rules (a decision)"`);
    expect(check(stroke({ rules: [{ if: { timeSince: 'arrival', under: 1 }, to: 'lysis' }] }))).toMatchInlineSnapshot(`"  ✖ pathways.hasu[2].otherwise: rules need otherwise: the step when no rule holds"`);
    expect(check(stroke({ rules: [{ if: { under: 1 }, to: 'lysis' }, { if: { timeSince: 'arrival' }, to: 'lysis' }, { to: 'lysis' }], otherwise: 'home' }))).toMatchInlineSnapshot(`
      "  ✖ pathways.hasu[2].rules[0].if: give exactly one of timeSince (a time) or attribute (a value drawn at arrival)
        ✖ pathways.hasu[2].rules[1].if: give a bound: under, atMost, atLeast or over
        ✖ pathways.hasu[2].rules[2].if: give a condition (if or ifAll), a probability or both (a rule that always holds is \`otherwise\`)"
    `);
    expect(check(stroke({ rules: [{ if: { timeSince: { step: 'ct', at: 'ended' }, under: 1, unit: 'fortnights' }, to: 'lysis', probability: 2 }], otherwise: 'home' }))).toMatchInlineSnapshot(`
      "  ✖ pathways.hasu[2].rules[0].if.timeSince: expected "at" to be one of reached, started, finished, got "ended"
        ✖ pathways.hasu[2].rules[0].if.unit: expected "minutes" or "hours" or "days" or "weeks", got "fortnights"
        ✖ pathways.hasu[2].rules[0].probability: expected a number ≤ 1, got 2"
    `);
  });

  test('attributes: exactly one kind, probabilities summing to 1, not named arrival', () => {
    expect(check(stroke({ options: [{ to: 'home', probability: 1 }] }, {
      a: { draw: hours(1), before: hours(1) }, b: { oneOf: { x: 0.5, y: 0.6 } }, arrival: { draw: hours(1) }, c: {},
    }))).toMatchInlineSnapshot(`
      "  ✖ classes[0].attributes.a: give exactly one of draw (a number), before (an event before arrival) or oneOf (a category), got draw and before
        ✖ classes[0].attributes.b.oneOf: expected probabilities summing to 1, got 1.1
        ✖ classes[0].attributes.arrival: "arrival" is the patient's arrival (timeSince: arrival): name the attribute otherwise
        ✖ classes[0].attributes.c: give exactly one of draw (a number), before (an event before arrival) or oneOf (a category), got none"
    `);
  });

  test('references: unknown steps and attributes, the wrong kind of attribute, unknown categories', () => {
    expect(check(stroke({ rules: [{ if: { timeSince: { step: 'cat' }, under: 1 }, to: 'lysys' }], otherwise: 'hom' }))).toMatchInlineSnapshot(`
      "  ✖ pathways.hasu[2].rules[0].if.timeSince.step: unknown step "cat": did you mean "ct"? (steps of pathway "hasu": door, ct, decide, lysis, lysed, thrombectomy, out-t, home)
        ✖ pathways.hasu[2].rules[0].to: unknown step "lysys": did you mean "lysis"? (steps of pathway "hasu": door, ct, decide, lysis, lysed, thrombectomy, out-t, home)
        ✖ pathways.hasu[2].otherwise: unknown step "hom": did you mean "home"? (steps of pathway "hasu": door, ct, decide, lysis, lysed, thrombectomy, out-t, home)"
    `);
    expect(check(stroke({
      rules: [
        { if: { timeSince: 'onsett', under: 4.5 }, to: 'lysis' },
        { if: { timeSince: 'nihss', under: 4.5 }, to: 'lysis' },
        { if: { attribute: 'onset', atLeast: 1 }, ifAll: [{ attribute: 'severity', atLeast: 1 }, { attribute: 'severity', is: 'mjaor' }], to: 'lysis' },
        { if: { attribute: 'nihss', is: 'high' }, to: 'lysis' },
      ],
      otherwise: 'home',
    }, { onset: { before: hours(1) }, nihss: { draw: hours(1) }, severity: { oneOf: { minor: 0.5, major: 0.5 } } }))).toMatchInlineSnapshot(`
      "  ✖ pathways.hasu[2].rules[0].if.timeSince: class "stroke" follows pathway "hasu" but has no attribute "onsett": did you mean "onset"? (its attributes: onset, nihss, severity)
        ✖ pathways.hasu[2].rules[1].if.timeSince: attribute "nihss" of class "stroke" is a number, not an event: compare it with attribute: nihss
        ✖ pathways.hasu[2].rules[2].if.attribute: attribute "onset" of class "stroke" is an event before arrival: ask for the time since it with timeSince: onset
        ✖ pathways.hasu[2].rules[2].ifAll[0].attribute: attribute "severity" of class "stroke" is a category (minor, major): compare it with is
        ✖ pathways.hasu[2].rules[2].ifAll[1].is: unknown category "mjaor" of attribute "severity" (class "stroke"): did you mean "major"? (categories: minor, major)
        ✖ pathways.hasu[2].rules[3].if.is: attribute "nihss" of class "stroke" is a number: compare it with under, atMost, atLeast or over"
    `);
  });

  test('a category compared with something else; attributes on a class without a pathway; a rule waits for the attributes\' shape', () => {
    const s = stroke({ rules: [{ if: { attribute: 'severity', is: 4 }, to: 'lysis' }, { if: { attribute: 'severity', is: 'x' }, to: 'lysis' }], otherwise: 'home' }, { severity: { oneOf: 3 } });
    s.classes.push({ id: 'elective', site: 'dgh', attributes: { a: { draw: hours(1) } } });
    s.waitingLists = [{ id: 'list', site: 'dgh', ward: 'hasu', theatres: ['th'], referrals: [{ class: 'elective', perWeek: 1 }], plannedCase: hours(1), stay: hours(24) }];
    s.sites[0].theatres = [{ id: 'th', sessions: [{ days: ['mon'], start: '08:00', end: '12:00' }] }];
    expect(check(s)).toMatchInlineSnapshot(`
      "  ✖ classes[0].attributes.severity.oneOf: expected record, got 3
        ✖ classes[1].attributes: class "elective" has no pathway (a class on a waiting list): its attributes would never be used
        ✖ pathways.hasu[2].rules[0].if.is: expected a category or a list of categories, got 4"
    `);
  });

  test('a step that cannot come before the decision, or is the decision', () => {
    expect(check(stroke({ rules: [{ if: { timeSince: { step: 'lysis' }, under: 1 }, to: 'lysis' }, { if: { timeSince: { step: 'decide' }, under: 1 }, to: 'lysis' }], otherwise: 'home' }))).toMatchInlineSnapshot(`
      "  ✖ pathways.hasu[2].rules[0].if.timeSince.step: step "lysis" cannot come before decision "decide" (no route of pathway "hasu" passes it on the way there): the condition would never hold
        ✖ pathways.hasu[2].rules[1].if.timeSince.step: step "decide" is this decision: the time since it is always 0"
    `);
    expect(check(stroke({ rules: [{ if: { timeSince: { step: 'home', at: 'started' }, under: 1 }, to: 'lysis' }], otherwise: 'home' }))).toMatchInlineSnapshot(`
      "  ✖ pathways.hasu[2].rules[0].if.timeSince.step: step "home" cannot come before decision "decide" (no route of pathway "hasu" passes it on the way there): the condition would never hold
        ✖ pathways.hasu[2].rules[0].if.timeSince.at: step "home" is a discharge: only "reached" applies (started and finished are for task, admit, operate and stay)"
    `);
  });
});
