// The warm-up warning (scenarios/warnings/warm-up.ts): a run started empty whose measured
// window still climbs from that start says so, with the KPIs it biases and what to do;
// a well-warmed run of the same ward does not; and it agrees with the other warnings.
// The ward: 10 beds, rho = 0.9 (Erlang C: mean wait 64.2 h, occupancy 0.90).
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../../scenarios/load.ts';
import { parseScenario, type Scenario } from '../../../scenarios/schema/scenario.ts';
import { compileVariants } from '../../../runner/replicate.ts';
import { runVariants } from '../../../runner/summary.ts';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { StartFold, startProfile, startWindows } from '../../../scenarios/warnings/warm-up.ts';

const fixture = new URL('../../fixtures/warm-up-mmc.yaml', import.meta.url).pathname;
const ERLANG_C_WAIT_H = 64.2;

function ward(time: { warmupDays: number; horizonDays: number }, more: (raw: any) => void = () => {}): Scenario {
  const s = loadScenario(fixture);
  if (!s.ok) throw new Error('fixture');
  const raw = structuredClone(s.value) as any;
  Object.assign(raw.time, time);
  more(raw);
  const p = parseScenario(raw);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.value;
}

function run(s: Scenario, replications: number, seed = 1): RunResultDoc {
  const c = compileVariants(s);
  if (!c.ok) throw new Error('fixture does not compile');
  return runVariants(s, c.value, { replications, seed });
}

describe('the warm-up warning', () => {
  test('the windows: the first third of the measured days against the rest, the middle and last thirds, twelfths', () => {
    const w = startWindows(41, 0)!;
    expect([w.early, w.rest, w.middle, w.last]).toEqual([[0, 13], [13, 41], [13, 27], [27, 41]]);
    expect(w.blocks).toHaveLength(12);
    expect(w.blocks[0]).toEqual([0, 3]);
    expect(w.blocks[11][1]).toBe(41);
    expect(startWindows(41, 20.5)!.early).toEqual([21, 27]); // sampled at 00:00: day 21 is the first measured
    expect(startWindows(25, 20)).toBeUndefined(); // 5 days measured: too few
    const p = startProfile(Array.from({ length: 41 }, (_, d) => d), 0)!;
    expect([p.early, p.rest]).toEqual([6, 26.5]); // days 0–12 and 13–40
  });

  test('folded in order, a series some replication lacks is left out', () => {
    const fold = new StartFold();
    const xs = Array.from({ length: 20 }, (_, d) => d);
    fold.add({ a: startProfile(xs, 0)!, b: startProfile(xs, 0)! });
    fold.add({ a: startProfile(xs.map((x) => x + 1), 0)! });
    expect(fold.names()).toEqual(['a']);
    const d = fold.drift('a', 0.95)!;
    expect(d.start.change).toBeCloseTo(10, 12); // rest (days 6–19) − first third (days 0–5), the same in both
    expect(d.start.lower).toBeCloseTo(10, 12); // no spread: the interval is the point
  });

  test('started empty with no warm-up (40 days): serious, naming the series, the KPIs it biases and how to find the warm-up', () => {
    const doc = run(ward({ warmupDays: 0, horizonDays: 40 }), 60);
    const wait = doc.variants[0].kpis['wait.mean[dgh/ward]'];
    expect(wait.ciHigh!).toBeLessThan(ERLANG_C_WAIT_H / 2); // the bias is real: a tight interval far below the theory
    const w = doc.warnings.find((x) => x.code === 'warm-up')!;
    expect(w).toMatchObject({ severity: 'serious', variant: 'baseline', subject: 'queue.length[dgh/ward]', limit: 0.1 });
    expect(w.value).toBeGreaterThan(0.5);
    expect(w.kpis).toEqual(expect.arrayContaining(['wait.mean[dgh/ward]', 'occupancy.mean[dgh/ward]', 'time.mean[medical]', 'throughput[medical]']));
    expect(w.kpis).not.toContain('arrivals[medical]');
    expect(w.message).toMatch(/^queue\.length\[dgh\/ward\] is still moving away from the empty start in the measured window: [\d.]+ patients waiting on average in days 0–12, [\d.]+ in days 13–40 /);
    expect(w.message).toContain('Also beds.inUse[dgh/ward]');
    expect(w.message).toContain('The KPIs listed are biased by the empty start');
    expect(w.message).toContain('is still rising at the end of the run');
    expect(w.message).toContain('`pathflow warmup FILE --series "queue.length[dgh/ward]" --set time.horizonDays=160`');
    expect(w.message).toContain('time.warmupDays (now 0)');
  });

  test('beside short-run and wide-intervals (30 days, 10 replications), it says their advice does not remove the bias', () => {
    const doc = run(ward({ warmupDays: 0, horizonDays: 30 }), 10);
    expect(doc.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['warm-up', 'short-run']));
    const w = doc.warnings.find((x) => x.code === 'warm-up')!;
    expect(w.message).toContain('A longer horizon alone (short-run) only dilutes it: lengthen the warm-up with it.');
    const replications = doc.warnings.some((x) => x.code === 'wide-intervals' || x.code === 'few-replications');
    expect(w.message.includes('More replications narrow the intervals around these figures but do not remove the bias')).toBe(replications);
  });

  test('no false alarm: the same ward warmed up for 500 days and measured for 600, over seeds 1–6', () => {
    const s = ward({ warmupDays: 500, horizonDays: 1100 });
    for (let seed = 1; seed <= 6; seed++) {
      const doc = run(s, 10, seed);
      expect(doc.warnings.filter((w) => w.code === 'warm-up'), `seed ${seed}`).toEqual([]);
    }
  });

  test('not where another warning explains the drift (an overloaded ward), nor under seasons (the season and the start cannot be told apart)', () => {
    // Overloaded (rho 1.2): the overloaded and growing warnings say it, not this one.
    const over = run(ward({ warmupDays: 0, horizonDays: 40 }, (raw) => { raw.classes[0].arrivals.perDay = 3; }), 10);
    expect(over.warnings.map((w) => w.code)).toContain('overloaded');
    expect(over.warnings.map((w) => w.code)).not.toContain('warm-up');
    // Demand under a season: the season and the start cannot be told apart.
    const seasonal = run(ward({ warmupDays: 0, horizonDays: 40 }, (raw) => {
      raw.seasons = { winter: { ranges: [{ fromDay: 30, toDay: 39, factor: 1.05 }] } };
      raw.classes[0].arrivals.season = 'winter';
    }), 10);
    expect(seasonal.warnings.map((w) => w.code)).not.toContain('warm-up');
  });
});
