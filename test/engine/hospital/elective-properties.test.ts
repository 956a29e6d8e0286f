// The elective model's story, as properties over replications under common random numbers:
// more beds never raise on-the-day cancellations, and ring-fencing the elective beds from
// emergency demand removes the "no bed" cancellations.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { lognormal, exponential } from '../../../engine/core/distributions.ts';
import { replicate } from '../../../engine/experiment/replicate.ts';
import { pairedDifference } from '../../../engine/experiment/summary.ts';
import { addElectiveService, electiveOutputs } from '../../../engine/hospital/elective.ts';

const WEEK = 168;
const sessions = [0, 1, 2, 3, 4].flatMap((day) => [
  { theatre: 0, start: day * 24 + 8, end: day * 24 + 12 },
  { theatre: 0, start: day * 24 + 13, end: day * 24 + 17 },
]);

/** Joints on a shared orthopaedic ward that also takes emergency admissions (unless ring-fenced). */
function ortho(sharedBeds: number, ringFenced: boolean) {
  const model = new Model()
    .pool('ward', { capacity: sharedBeds })
    .pool('elective-ward', { capacity: 16 })
    .pool('theatre', { capacity: 0, schedule: { period: WEEK, points: [0, 1, 2, 3, 4].flatMap((d) => [{ at: d * 24 + 8, capacity: 1 }, { at: d * 24 + 17, capacity: 0 }]) } })
    .pathway('emergency', [seize('ward'), delay(lognormal(5 * 24, 4 * 24), { stream: 'los:emergency' }), release('ward'), exit()])
    .source('emergencies', { pathway: 'emergency', rate: 4 / 24 });
  addElectiveService(model, {
    id: 'joints',
    referrals: [{ class: 'routine', priority: 4, perWeek: 14 }, { class: 'urgent', priority: 2, perWeek: 3 }],
    planned: lognormal(1.9, 0.4),
    actualRatio: lognormal(1, 0.15),
    ward: ringFenced ? 'elective-ward' : 'ward',
    theatres: ['theatre'],
    sessions,
    los: lognormal(3.5 * 24, 2 * 24),
  });
  return model.compile();
}

const plan = { replications: 12, seed: 3, warmup: 8 * WEEK, horizon: 60 * WEEK };
const cancellations = (model: ReturnType<typeof ortho>) =>
  replicate(model, plan, (sim) => sim.results().outputs[electiveOutputs('joints').noBed]?.count ?? 0);
const operated = (model: ReturnType<typeof ortho>) =>
  replicate(model, plan, (sim) => sim.results().outputs[electiveOutputs('joints').rtt]?.count ?? 0);

describe('elective properties (paired, common random numbers)', () => {
  test('more shared beds never raise on-the-day cancellations', () => {
    const few = cancellations(ortho(30, false));
    const more = cancellations(ortho(34, false));
    const d = pairedDifference(few, more);
    expect(d.meanA).toBeGreaterThan(0); // the shared ward does cancel operations
    expect(d.difference.upper).toBeLessThan(0); // significantly fewer with more beds
  });

  test('ring-fenced elective beds (sized for elective demand) cut "no bed" cancellations and raise throughput', () => {
    const shared = cancellations(ortho(30, false));
    const fenced = cancellations(ortho(30, true));
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(total(shared)).toBeGreaterThan(0);
    expect(total(fenced)).toBeLessThan(total(shared) / 10);
    const d = pairedDifference(operated(ortho(30, false)), operated(ortho(30, true)));
    expect(d.difference.lower).toBeGreaterThan(0);
  });
});
