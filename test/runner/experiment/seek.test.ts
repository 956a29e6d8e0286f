// The goal-seeking search on KPIs whose truth is known: f(value) plus noise that depends
// only on the replication index (as common random numbers make it), so the answer is
// where f crosses the target and the noise decides how many replications it takes.
import { describe, expect, test } from 'vitest';
import { MAX_SEEK_STEPS, naiveReplications, seek, seekTooFine, type Evaluate, type SeekPlan } from '../../../runner/experiment/seek.ts';
import { seekDocument } from '../../../runner/experiment/documents.ts';

/** Standard normal draws by replication index (Box-Muller on mulberry32 seeded by k): the same at every value. */
function noise(k: number): number {
  let a = (k * 0x9e3779b9 + 1) >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** ±1 in turn: a sample mean of exactly 0 after every even number of replications, so a point on the target stays uncertain. */
const alternating = (k: number) => (k % 2 === 0 ? 1 : -1);

function kpi(f: (v: number) => number, sd: number, draw = noise): Evaluate & { calls: [number, number, number][] } {
  const calls: [number, number, number][] = [];
  const e = async (v: number, from: number, to: number) => {
    calls.push([v, from, to]);
    return Array.from({ length: to - from }, (_, i) => f(v) + sd * draw(from + i));
  };
  return Object.assign(e, { calls });
}

const plan = (p: Partial<SeekPlan>): SeekPlan => ({
  lo: 1, hi: 20, integer: true, tolerance: 0, seek: 'smallest', target: { kpi: 'k', op: '<=', value: 0.95 },
  confidence: 0.95, initialReps: 5, maxReps: 80, ...p,
});

describe('seek, integer parameter', () => {
  test('the smallest value that meets, with replications added only where the interval straddles the target', async () => {
    const f = kpi((v) => 10 / v, 0.05); // 10/v ≤ 0.95 from v = 11 (10/11 = 0.909; 10/10 = 1)
    const r = await seek(plan({}), f);
    expect(r.outcome).toBe('found');
    expect(r.answer).toBe(11);
    const at = (v: number) => r.probes.find((p) => p.value === v)!;
    expect(at(10).verdict).toBe('fails');
    expect(at(20).replications).toBe(5); // clear cases stop at the first batch
    expect(at(1).replications).toBe(5);
    expect(at(11).replications).toBeGreaterThan(5); // 0.909 ± 0.062 at 5 straddles 0.95
    // Later batches continue the replication indices: no replication is run twice at a value.
    for (const v of new Set(f.calls.map((c) => c[0]))) {
      const ranges = f.calls.filter((c) => c[0] === v).map((c) => [c[1], c[2]]);
      ranges.forEach(([from], i) => expect(from).toBe(i === 0 ? 0 : ranges[i - 1][1]));
    }
    expect(r.replications).toBe(f.calls.reduce((n, c) => n + c[2] - c[1], 0));
    expect(r.replications).toBeLessThan(naiveReplications(plan({})) / 10);
  });

  test('the largest value that meets (--maximise)', async () => {
    const r = await seek(plan({ seek: 'largest' }), kpi((v) => v / 10, 0.02)); // v/10 ≤ 0.95 up to v = 9
    expect([r.outcome, r.answer]).toEqual(['found', 9]);
  });

  test('the whole range meets: the near end is the answer', async () => {
    const r = await seek(plan({ lo: 12 }), kpi((v) => 10 / v, 0.01));
    expect([r.outcome, r.answer, r.probes.length]).toEqual(['found', 12, 2]);
  });

  test('unreachable: even the far end fails, and nothing else is tried', async () => {
    const r = await seek(plan({ target: { kpi: 'k', op: '<=', value: 0.1 } }), kpi((v) => 10 / v, 0.01));
    expect(r.outcome).toBe('unreachable');
    expect(r.answer).toBeUndefined();
    expect(r.probes.map((p) => [p.value, p.verdict])).toEqual([[20, 'fails']]);
  });

  test('uncertain: the boundary point sits on the target, so no number of replications settles it', async () => {
    const r = await seek(plan({ target: { kpi: 'k', op: '<=', value: 1 }, maxReps: 20 }), kpi((v) => 10 / v, 0.05, alternating));
    expect(r.outcome).toBe('uncertain');
    expect(r.answer).toBe(11); // shown to meet; 10 (exactly 1) stays uncertain
    expect(r.probes.find((p) => p.value === 10)).toMatchObject({ verdict: 'uncertain', replications: 20 });
  });

  test('uncertain at the far end: no answer', async () => {
    const r = await seek(plan({ hi: 10, target: { kpi: 'k', op: '<=', value: 1 }, maxReps: 10 }), kpi((v) => 10 / v, 0.05, alternating));
    expect([r.outcome, r.answer, r.probes.length]).toEqual(['uncertain', undefined, 1]);
  });

  test('a KPI a replication could not measure is an error, not a verdict', async () => {
    await expect(seek(plan({}), async (_v, from, to) => Array(to - from).fill(NaN))).rejects.toThrow('k could not be measured at 20 (replication 0 gave NaN)');
  });
});

test('seek, real parameter: bisection to the tolerance, the answer on the meeting side', async () => {
  const r = await seek(plan({ integer: false, tolerance: 0.01, lo: 1, hi: 20 }), kpi((v) => 10 / v, 0)); // boundary 10/0.95 = 10.526…
  expect(r.outcome).toBe('found');
  expect(r.answer!).toBeGreaterThanOrEqual(10 / 0.95);
  expect(r.answer! - 10 / 0.95).toBeLessThanOrEqual(0.01);
});

test('a tolerance finer than numbers go (or integers past 2^53): the search ends at two neighbouring numbers; it spun on the same point for ever, freezing the process', async () => {
  // The boundary at 10/0.95, where numbers are 1.8e-15 apart: a tolerance of 1e-300 cannot be met.
  const fine = await seek(plan({ integer: false, tolerance: 1e-300, lo: 1, hi: 20 }), kpi((v) => 10 / v, 0));
  expect(fine.outcome).toBe('found');
  const below = Math.max(...fine.probes.filter((x) => x.verdict === 'fails').map((x) => x.value));
  expect(fine.answer).toBeGreaterThan(below);
  expect([below, fine.answer]).toContain((below + fine.answer!) / 2); // no number between them
  expect(fine.probes.length).toBeLessThan(80);
  // Integers past 2^53 are 2 apart, never within 1 of each other.
  const big = 2 ** 53;
  const wide = await seek(plan({ lo: big, hi: big + 64, target: { kpi: 'k', op: '>=', value: big + 34 } }), kpi((v) => v, 0));
  expect(wide).toMatchObject({ outcome: 'found', answer: big + 34 });
  expect(wide.probes.map((x) => x.value)).toContain(big + 32);
});

test('seekTooFine: at most 2^30 steps across the range, so a grid\'s cost stays a whole number a document holds', () => {
  expect(seekTooFine(0, 1, false, 1 / MAX_SEEK_STEPS)).toBeUndefined();
  expect(seekTooFine(0, 1, false, 0.5 / MAX_SEEK_STEPS)?.field).toBe('tolerance');
  expect(seekTooFine(0, MAX_SEEK_STEPS, true, 0)).toBeUndefined();
  expect(seekTooFine(0, MAX_SEEK_STEPS + 1, true, 0)?.field).toBe('range');
  expect(Number.isSafeInteger(naiveReplications(plan({ lo: 0, hi: MAX_SEEK_STEPS, maxReps: 10_000 })))).toBe(true);
});

test('the document shows each probe\'s interval within the KPI\'s range (a share in [0, 1]); the verdicts are the search\'s', async () => {
  // A share near 1 with wide noise: the t-interval of the top probes reaches above 1.
  const p = plan({ lo: 1, hi: 20, target: { kpi: 'ed.4h[all]', op: '>=', value: 0.8 }, initialReps: 3, maxReps: 6 });
  const result = await seek(p, kpi((v) => Math.min(0.99, 0.5 + v / 20), 0.05));
  expect(result.probes.some((x) => x.upper > 1)).toBe(true);
  const doc = seekDocument({ scenario: 's', variant: 'baseline', name: 'beds', param: { name: 'beds', path: ['beds'], values: [] }, plan: p, seed: 1, result });
  for (const [i, x] of doc.probes.entries()) {
    expect(x.ciLow! >= 0 && x.ciHigh! <= 1).toBe(true);
    expect(x.verdict).toBe(result.probes[i].verdict);
    expect(x.ciHigh).toBe(Math.min(1, result.probes[i].upper));
  }
});
