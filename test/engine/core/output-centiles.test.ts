// Any centile of a recorded output (RecordStep.centiles): the quantiles of the tally's
// sketch (stats.ts: nearest rank, within 0.5%), reported by the number as written.
import { describe, test, expect } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { exit, record, waitUntil } from '../../../engine/core/pathway.ts';

describe('a record step asking for any centile', () => {
  test('nearest-rank centiles of 1, 2, …, 100 hours, within the sketch\'s 0.5%, overall and by class', () => {
    // Arrivals at 0, 1, …, 99, all recorded at t = 100: times since arrival 100 down to 1.
    const model = new Model()
      .pathway('p', [waitUntil(100), record('t', undefined, { centiles: [80, 97.5, 99.9] }), exit()])
      .source('s', { pathway: 'p', class: 'x', times: Array.from({ length: 100 }, (_, k) => k) });
    const result = new Simulation(model.compile(), { seed: 1, horizon: 200 }).run();
    for (const o of [result.outputs.t, result.outputsByClass.t.x]) {
      const c = o.centiles!;
      expect(Object.keys(c)).toEqual(['80', '97.5', '99.9']);
      // ceil(q n): the 80th, 98th and 100th smallest (the last rank is the maximum, exactly).
      expect(Math.abs(c['80'] - 80)).toBeLessThanOrEqual(0.005 * 80);
      expect(Math.abs(c['97.5'] - 98)).toBeLessThanOrEqual(0.005 * 98);
      expect(c['99.9']).toBe(100);
    }
  });

  test('outputs that ask for none report none; one list per output; centiles in (0, 100)', () => {
    const plain = new Model().pathway('p', [record('t'), exit()]).source('s', { pathway: 'p', times: [0] });
    expect(new Simulation(plain.compile(), { seed: 1, horizon: 1 }).run().outputs.t.centiles).toBeUndefined();
    const two = new Model().pathway('p', [record('t', undefined, { centiles: [80] }), record('t', undefined, { centiles: [85] }), exit()]).source('s', { pathway: 'p', times: [0] });
    expect(() => two.compile()).toThrow(/one list per output/);
    const bad = new Model().pathway('p', [record('t', undefined, { centiles: [100] }), exit()]).source('s', { pathway: 'p', times: [0] });
    expect(() => bad.compile()).toThrow(/expected a centile in \(0, 100\), got 100/);
  });
});
