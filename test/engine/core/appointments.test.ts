// Booked appointments: patients arrive at their times, shifted by their punctuality, or
// not at all (no-shows); arrivals stay sorted and within their period.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { delay, exit } from '../../../engine/core/pathway.ts';
import { deterministic, normal, uniform } from '../../../engine/core/distributions.ts';
import { ModelError } from '../../../engine/core/errors.ts';
import type { SourceDef } from '../../../engine/core/arrivals.ts';

function arrivals(source: Omit<SourceDef, 'pathway'>, horizon: number, seed = 1): number[] {
  const model = new Model().pathway('p', [delay(deterministic(0)), exit()]).source('booked', { pathway: 'p', ...source }).compile();
  const sim = new Simulation(model, { seed, horizon });
  const times: number[] = [];
  sim.observe((e) => { if (e.type === 'arrive') times.push(e.time); });
  sim.runUntil(horizon);
  return times;
}

describe('appointment sources', () => {
  test('on time and all attending: exactly the booked times, every period', () => {
    expect(arrivals({ times: [1, 2, 2, 3], repeatEvery: 10, appointments: {} }, 25)).toEqual([1, 2, 2, 3, 11, 12, 12, 13, 21, 22, 22, 23]);
  });

  test('punctuality shifts each arrival by its draw; arrivals come sorted and inside their period', () => {
    // Uniform(0, 2) shifted by 1: each patient arrives up to an hour early or late.
    const times = arrivals({ times: [0.5, 1, 1.5, 5, 9.5], repeatEvery: 10, appointments: { punctuality: { dist: uniform(0, 2), shift: 1 } } }, 1000);
    expect(times.length).toBe(500);
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThanOrEqual(times[k - 1]);
    for (let p = 0; p < 100; p++) {
      const inPeriod = times.filter((t) => t >= p * 10 && t < (p + 1) * 10);
      expect(inPeriod.length).toBe(5); // the 0.5 and 9.5 appointments were kept within their period
      const five = inPeriod.find((t) => t >= p * 10 + 4 && t <= p * 10 + 6);
      expect(five).toBeDefined();
    }
    // The 5 h appointment: offsets uniform on [-1, 1], mean 0.
    const offsets = times.filter((t) => t % 10 >= 4 && t % 10 <= 6).map((t) => (t % 10) - 5);
    const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length;
    expect(Math.abs(mean)).toBeLessThan(0.12); // sd of the mean 0.058
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(1);
  });

  test('no-shows: the share that attends is 1 - noShow (binomial), and punctuality draws are unchanged by it', () => {
    const all = arrivals({ times: [1, 2, 3, 4], repeatEvery: 10, appointments: { punctuality: { dist: normal(0.5, 0.1), shift: 0.5 } } }, 10_000);
    const some = arrivals({ times: [1, 2, 3, 4], repeatEvery: 10, appointments: { noShow: 0.2, punctuality: { dist: normal(0.5, 0.1), shift: 0.5 } } }, 10_000);
    expect(all.length).toBe(4000);
    expect(Math.abs(some.length / 4000 - 0.8)).toBeLessThan(4 * Math.sqrt(0.16 / 4000));
    // Common random numbers: each attending patient arrives exactly when they did with no no-shows.
    const attended = new Set(all);
    expect(some.every((t) => attended.has(t))).toBe(true);
  });

  test('bad definitions name themselves', () => {
    const build = (source: Omit<SourceDef, 'pathway'>) => () => new Model().pathway('p', [exit()]).source('booked', { pathway: 'p', ...source }).compile();
    expect(build({ rate: 1, appointments: {} })).toThrow(ModelError);
    expect(build({ rate: 1, appointments: {} })).toThrow('sources.booked.appointments: appointments need the appointment times (times)');
    expect(build({ times: [1], appointments: { noShow: 1 } })).toThrow('sources.booked.appointments.noShow: expected a probability in [0, 1), got 1');
  });
});
