// Escalation (engine/core/escalation.ts): extra units that open when the share of a pool's
// own units in use has stayed at or above openAt for forHours, openingDelay after the
// decision, and close once it has stayed below closeBelow for closeForHours. Deterministic
// arrivals and stays give every time exactly.
import { describe, expect, test } from 'vitest';
import { Model, type PoolDef } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import type { EscalationDef } from '../../../engine/core/escalation.ts';
import type { SimEvent } from '../../../engine/core/results.ts';

const rule: EscalationDef = { units: 2, openAt: 0.9, forHours: 4, openingDelay: 6, closeBelow: 0.5, closeForHours: 24 };
const stay = (hours: number) => [seize('ward'), delay(deterministic(hours)), release('ward'), exit()];

/** A 10-bed ward; each group of patients arrives at its times and stays its hours. */
function ward(groups: { times: number[]; hours: number }[], escalation: EscalationDef | null = rule, extra: Partial<PoolDef> = {}) {
  const m = new Model().pool('ward', { capacity: 10, discipline: 'priority', ...(escalation ? { escalation } : {}), ...extra });
  groups.forEach((g, i) => m.pathway(`p${i}`, stay(g.hours)).source(`s${i}`, { pathway: `p${i}`, times: g.times }));
  return m.compile();
}
const nine = (at = 0) => Array.from({ length: 9 }, () => at);

/** Times at which the ward's capacity changed, with the capacity after. */
function capacityChanges(model: ReturnType<typeof ward>, horizon: number, warmup = 0) {
  const sim = new Simulation(model, { seed: 1, horizon, warmup });
  const changes: [number, number][] = [];
  sim.observe((e: SimEvent) => { if (e.type === 'capacity') changes.push([e.time, sim.snapshot().pools[0].capacity]); });
  return { result: sim.run(), changes };
}

describe('escalation opens after forHours + openingDelay and closes after the hysteresis', () => {
  test('9 of 10 beds from t=0 for 100 h: decision at 4, open at 10; below half from 100, closed at 124', () => {
    const { result, changes } = capacityChanges(ward([{ times: nine(), hours: 100 }]), 200);
    expect(changes).toEqual([[10, 12], [124, 10]]);
    const x = result.pools.ward.escalation!;
    expect(x).toEqual({ units: 2, open: 114 / 200, inUse: 0, openings: 1, decisions: 1 });
    expect(result.pools.ward.capacity).toBeCloseTo((10 * 200 + 2 * 114) / 200, 12);
  });

  test('waiting patients take the escalation beds the moment they open; those beds count as in use', () => {
    // 12 arrive at 0: 10 admitted, 2 wait until the beds open at 10 and stay to 110.
    const { result } = capacityChanges(ward([{ times: Array(12).fill(0), hours: 100 }]), 200);
    const p = result.pools.ward;
    expect(p.waits.max).toBe(10);
    // Beyond the 10 own beds: 2 from 10 to 100 (at 100 the first ten leave and the two are within the own beds).
    expect(p.escalation!.inUse * 200).toBeCloseTo(2 * 90, 9);
    expect(p.escalation!.open * 200).toBeCloseTo(124 - 10, 9);
  });

  test('a dip below openAt during the wait starts the clock again', () => {
    // One of the nine leaves at 2 (8/10 < 0.9), another comes at 3: the clock runs from 3, opens at 3 + 4 + 6.
    const { changes } = capacityChanges(ward([{ times: nine().slice(1), hours: 100 }, { times: [0], hours: 2 }, { times: [3], hours: 97 }]), 200);
    expect(changes).toEqual([[13, 12], [124, 10]]);
  });

  test('a bed freed and taken again at one instant does not stop the clock', () => {
    const { changes } = capacityChanges(ward([{ times: nine().slice(1), hours: 100 }, { times: [0], hours: 2 }, { times: [2], hours: 98 }]), 200);
    expect(changes).toEqual([[10, 12], [124, 10]]);
  });

  test('a rise back above closeBelow while open starts the close clock again', () => {
    // All leave at 100; one comes at 110 for 10 h... 1/10 is still below 0.5: no effect. Five come at 110 for 10 h: 0.5 ≥ closeBelow.
    const { changes } = capacityChanges(ward([{ times: nine(), hours: 100 }, { times: [110, 110, 110, 110, 110], hours: 10 }]), 300);
    expect(changes).toEqual([[10, 12], [120 + 24, 10]]);
  });

  test('the opening goes ahead after the decision even if the pressure has passed; then it closes by the rule', () => {
    // Nine from 0 to 5: decision at 4, open at 10; below half since 5, but the close clock starts when the beds open.
    const { result, changes } = capacityChanges(ward([{ times: nine(), hours: 5 }]), 100);
    expect(changes).toEqual([[10, 12], [34, 10]]);
    expect(result.pools.ward.escalation!.decisions).toBe(1);
  });

  test('no wait and no delay: beds open at the instant the threshold is reached, and close at once below it', () => {
    const instant = { ...rule, forHours: 0, openingDelay: 0, closeForHours: 0 };
    const { changes } = capacityChanges(ward([{ times: nine(5), hours: 10 }, { times: [7, 7], hours: 1 }], instant), 50);
    // 9 at 5: open at 5 (12 beds); the two at 7 take beds 10 and 11; at 15 all have left: 0 < 0.5, closed.
    expect(changes).toEqual([[5, 12], [15, 10]]);
  });

  test('it can open again after closing: openings count those in the window', () => {
    const groups = [{ times: nine(0), hours: 50 }, { times: nine(200), hours: 50 }];
    const whole = capacityChanges(ward(groups), 400);
    expect(whole.changes).toEqual([[10, 12], [74, 10], [210, 12], [274, 10]]);
    expect(whole.result.pools.ward.escalation!.openings).toBe(2);
    expect(whole.result.pools.ward.escalation!.open * 400).toBeCloseTo(128, 9);
    const after = capacityChanges(ward(groups), 400, 100);
    expect(after.result.pools.ward.escalation).toMatchObject({ openings: 1, decisions: 1 });
    expect(after.result.pools.ward.escalation!.open * 300).toBeCloseTo(64, 9);
  });

  test('a capacity schedule moves the own beds; open escalation beds stay on top', () => {
    // Own beds 10, then 20 from t=50: 9/20 < 0.5 from 50, closed at 74; capacity 22 from 50 to 74.
    const { changes } = capacityChanges(ward([{ times: nine(), hours: 100 }], rule, { schedule: { points: [{ at: 0, capacity: 10 }, { at: 50, capacity: 20 }] } }), 200);
    expect(changes).toEqual([[10, 12], [50, 22], [74, 20]]);
  });

  test('without escalation the run is the same as before, event for event', () => {
    const groups = [{ times: Array(12).fill(0), hours: 100 }];
    const a = new Simulation(ward(groups, null), { seed: 3, horizon: 200 }).run();
    expect(a.pools.ward.escalation).toBeUndefined();
    expect(a.pools.ward.waits.max).toBe(100);
  });
});

describe('escalation rules are checked, naming the path', () => {
  const bad = (x: Partial<EscalationDef>, extra: Partial<PoolDef> = {}) => () => ward([{ times: [0], hours: 1 }], { ...rule, ...x }, extra);
  test.each([
    [{ units: 0 }, 'pools.ward.escalation.units'],
    [{ openAt: 1.2 }, 'pools.ward.escalation.openAt'],
    [{ closeBelow: 0.9 }, 'pools.ward.escalation.closeBelow'],
    [{ forHours: -1 }, 'pools.ward.escalation.forHours'],
    [{ closeForHours: Infinity }, 'pools.ward.escalation.closeForHours'],
  ])('%o → %s', (x, path) => {
    expect(bad(x)).toThrow(path);
  });
  test('not on a pool that preempts when capacity drops', () => {
    expect(bad({}, { onCapacityDrop: 'preempt' })).toThrow('pools.ward.escalation');
  });
});
