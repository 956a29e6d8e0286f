// Expected visits to each step of a pathway (scenarios/cost/flow.ts), which the events
// estimate and the offered loads are built on: exact for a pathway without loops however
// long, the sum of a geometric series for a loop, and "endless" only for a loop that keeps
// every patient it takes. A linear pathway of 1,000 steps was once called a loop with
// probability 1, and one of 10,000 steps estimated at 10× fewer events than 1,000.
import { describe, expect, test } from 'vitest';
import { ENDLESS_PASSES, pathwayFlow } from '../../../scenarios/cost/flow.ts';
import type { Pathway } from '../../../scenarios/schema/pathway.ts';
import { parseScenario, type Scenario } from '../../../scenarios/schema/scenario.ts';
import { checkCost } from '../../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../../scenarios/cost/limits.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { smallScenario } from '../scenario-fixture.ts';

const task = (id: string): Pathway[number] => ({ id, do: 'task', skill: 'treat', keepPlace: false, duration: { dist: 'exponential', mean: 0.001, unit: 'minutes' } });
const linear = (n: number): Pathway => [...Array.from({ length: n }, (_, i) => task(`s${i}`)), { id: 'home', do: 'discharge' }];
const readmit = (probability: number, to: string): Pathway[number] => ({ id: 'again', do: 'readmit', probability, afterDays: { dist: 'deterministic', value: 1, unit: 'days' }, to });

/** The small scenario with its ED class on a pathway of `n` short tasks (10,000 of them are 10 minutes), and no variants. */
function withSteps(n: number): Scenario {
  const d = smallScenario();
  d.variants = [];
  d.pathways.ed = linear(n);
  const p = parseScenario(d);
  if (!p.ok) throw new Error(formatIssues(p.issues));
  return p.value;
}

describe('visits', () => {
  test('a pathway without loops: every step once, however long', () => {
    for (const n of [10, 1_000, 10_000]) {
      const f = pathwayFlow(linear(n));
      expect(f.endless).toBe(false);
      expect([...f.visits].every((v) => v === 1)).toBe(true);
    }
  });

  test('a readmission with probability p: 1 / (1 − p) times round, across a long loop too', () => {
    for (const [p, steps] of [[0.5, 3], [0.5, 3_000], [0.999, 100]] as const) {
      const path = [...linear(steps).slice(0, -1), readmit(p, 's0'), { id: 'home', do: 'discharge' } as const];
      const f = pathwayFlow(path);
      expect(f.endless).toBe(false);
      expect(f.visits[0]).toBeCloseTo(1 / (1 - p), 6);
      expect(f.visits[steps - 1]).toBeCloseTo(1 / (1 - p), 6);
      expect(f.visits[steps + 1]).toBeCloseTo(1, 6); // everyone leaves in the end
    }
  });

  test('a loop that keeps everyone is endless, counted for a fixed number of times round; nothing after it is reached', () => {
    const f = pathwayFlow([...linear(20).slice(0, -1), readmit(1, 's5'), { id: 'home', do: 'discharge' }]);
    expect(f.endless).toBe(true);
    expect(f.visits[0]).toBe(1); // before the loop: once
    expect(f.visits[5]).toBeCloseTo(ENDLESS_PASSES, 6);
    expect(f.visits[21]).toBe(0);
  });

  test('a branch back with probability 0.9 beside a way out: 10 visits; steps no route reaches: none', () => {
    const f = pathwayFlow([
      task('a'),
      { id: 'b', do: 'branch', options: [{ to: 'a', probability: 0.9 }, { to: 'out', probability: 0.1 }] },
      task('never'),
      { id: 'out', do: 'discharge' },
    ]);
    expect(f.endless).toBe(false);
    expect(f.visits[0]).toBeCloseTo(10, 8);
    expect(f.visits[2]).toBe(0);
    expect(f.visits[3]).toBeCloseTo(1, 8);
  });
});

describe('the check of a long pathway', () => {
  test('1,000 and 10,000 steps: no loop warning, and events in proportion to the steps', () => {
    const events = (n: number) => {
      const r = checkCost(withSteps(n), defaultCostLimits);
      expect(r.warnings.map((w) => w.message).filter((m) => m.includes('loops'))).toEqual([]);
      expect(r.estimates[0].estimate.inSystem).toBeLessThan(Infinity);
      return r.estimates[0].estimate.eventsTotal;
    };
    const [e10, e1k, e10k] = [events(10), events(1_000), events(10_000)];
    // Per ED patient: an arrival and one delay a task; the hip class and the daily samples are the same in all three.
    const perStep = (e1k - e10) / 990;
    expect(perStep).toBeCloseTo(10 * 14, 6); // 10 arrivals a day for 14 days, one event a task each
    expect(e10k - e1k).toBeCloseTo(9_000 * perStep, 3);
  });
});
