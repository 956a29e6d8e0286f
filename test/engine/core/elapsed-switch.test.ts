// A switch on the time elapsed since a time stamp (SwitchStep.elapsed): the engine's half
// of decisions that depend on time (scenarios/compile/decisions.ts). Exact event logs.
import { describe, test, expect } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { delay, set, switchOn, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import type { SimEvent } from '../../../engine/core/results.ts';
import { ModelError } from '../../../engine/core/errors.ts';

function exits(model: Model): string[] {
  const sim = new Simulation(model.compile(), { seed: 1, horizon: 100 });
  const events: SimEvent[] = [];
  sim.observe((e) => events.push(e));
  sim.run();
  return events.filter((e) => e.type === 'exit').map((e) => `${e.entity}@${e.time}:${e.step}`);
}

describe('switch on the time elapsed since a stamp', () => {
  test('now minus the stamp against the cases, in hours; the first matching case wins', () => {
    // Onset 1, 3 and 4 hours before arrival; decided 1 hour after arrival: 2, 4 and 5 hours since onset.
    const model = new Model()
      .pathway('p', [
        set('onset', 'now', { ago: deterministic(0) }),
        delay(deterministic(1)),
        switchOn('onset', [{ op: '<', value: 3, to: 'early' }, { op: '<=', value: 4, to: 'late' }], 'too-late', { elapsed: true }),
        exit({ label: 'early' }), exit({ label: 'late' }), exit({ label: 'too-late' }),
      ])
      .source('a', { pathway: 'p', times: [10], attributes: {} })
      .source('b', { pathway: 'q', times: [20] })
      .source('c', { pathway: 'r', times: [30] })
      .pathway('q', [set('onset', 'now', { ago: deterministic(3) }), delay(deterministic(1)),
        switchOn('onset', [{ op: '<', value: 3, to: 'q-early' }, { op: '<=', value: 4, to: 'q-late' }], 'q-too-late', { elapsed: true }),
        exit({ label: 'q-early' }), exit({ label: 'q-late' }), exit({ label: 'q-too-late' })])
      .pathway('r', [set('onset', 'now', { ago: deterministic(4) }), delay(deterministic(1)),
        switchOn('onset', [{ op: '<', value: 3, to: 'r-early' }, { op: '<=', value: 4, to: 'r-late' }], 'r-too-late', { elapsed: true }),
        exit({ label: 'r-early' }), exit({ label: 'r-late' }), exit({ label: 'r-too-late' })]);
    expect(exits(model)).toEqual(['1@11:early', '2@21:q-late', '3@31:r-too-late']);
  });

  test('an unset stamp (NaN) matches no case: the fallback', () => {
    const model = new Model()
      .pathway('p', [switchOn('never-set', [{ op: '<', value: 1e9, to: 'yes' }, { op: '>=', value: 0, to: 'yes' }], 'no', { elapsed: true }),
        exit({ label: 'yes' }), exit({ label: 'no' })])
      .source('a', { pathway: 'p', times: [5] });
    expect(exits(model)).toEqual(['1@5:no']);
  });

  test('class and priority are not time stamps', () => {
    const model = new Model()
      .pathway('p', [switchOn('class', [{ op: '<', value: 1, to: 'x' }], 'x', { elapsed: true }), exit({ label: 'x' })])
      .source('a', { pathway: 'p', times: [5] });
    expect(() => model.compile()).toThrow(ModelError);
  });
});
