// An interval measure's intervals still open at the end (measure.openOver, and the run's
// open-intervals warning). Twenty patients arrive every 30 minutes from Monday 00:00 and
// each holds the one scanner for an hour: patient k (from 0) arrives at k/2 h and starts
// at k h, waiting k/2 h. At the end of a 12-hour run, patients 0–11 have started (3 of
// them within an hour: k ≤ 2) and patients 12–19 still wait, each already over an hour.
import { describe, expect, test } from 'vitest';
import { compileVariants, runOne } from '../../runner/replicate.ts';
import { runVariants } from '../../runner/summary.ts';
import { parseScenario, type Scenario } from '../../scenarios/schema/scenario.ts';

function scenario(extra: Record<string, unknown> = {}, horizonDays = 0.5): Scenario {
  const r = parseScenario({
    id: 'open', title: 'open intervals', time: { horizonDays, replications: 3 },
    sites: [{ id: 's', wards: [{ id: 'scanner', beds: 1, kind: 'cubicle' }] }],
    classes: [{ id: 'stroke', site: 's', arrivals: { appointments: { slots: [{ days: ['mon'], start: '00:00', end: '10:00', everyMinutes: 30 }] } }, pathway: 'p' }],
    pathways: { p: [{ id: 'scan', do: 'task', place: 'scanner', duration: { dist: 'deterministic', value: 1, unit: 'hours' } }, { id: 'out', do: 'discharge' }] },
    measures: [{ id: 'door-to-scan', pathway: 'p', from: 'arrival', to: { step: 'scan', at: 'started' }, within: { value: 60, unit: 'minutes' } }],
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const run = (s: Scenario) => {
  const c = compileVariants(s);
  if (!c.ok) throw new Error('compile');
  return { c: c.value, doc: runVariants(s, c.value, { replications: s.time.replications, seed: s.time.seed }) };
};

describe('intervals still open at the end', () => {
  test('counted by hand: 12 ended (3 within), 8 open and all over; the share counts only those that ended', () => {
    const s = scenario({ kpis: ['measure.within', 'measure.count'] });
    const { c, doc } = run(s);
    expect(runOne(c[0].model, s.time.seed, 0, false).openIntervals).toEqual({ 'door-to-scan': { counted: 12, within: 3, open: 8, over: 8 } });
    expect(doc.variants[0].kpis['measure.within[door-to-scan]'].mean).toBe(0.25);
    const w = doc.warnings.find((x) => x.code === 'open-intervals')!;
    expect(w).toMatchObject({ severity: 'caution', subject: 'door-to-scan', limit: 0.005, kpis: ['measure.within[door-to-scan]'] });
    expect(w.value).toBeCloseTo(0.25 - 3 / 20, 12);
    expect(w.message).toContain('8 patients on average (of 8 still in the interval) had been in it longer than 60 minutes already, against 12 intervals that ended');
    expect(w.message).toContain('it reads 25.0%, and 15.0% counting the open ones as over');
  });

  test('measure.openOver when the scenario asks for it: the patients over the target at the end', () => {
    const { doc } = run(scenario({ kpis: ['measure.openOver'] }));
    expect(doc.variants[0].kpis['measure.openOver[door-to-scan]'].mean).toBe(8);
  });

  test('no warning when every interval has ended: a run of a day', () => {
    const { doc } = run(scenario({}, 1));
    expect(doc.warnings.filter((x) => x.code === 'open-intervals')).toEqual([]);
    expect(doc.variants[0].kpis['measure.openOver[door-to-scan]'].mean).toBe(0);
  });

  test('a patient on another branch, who can no longer reach the end, is not open: the stamp is cleared there', () => {
    // Every other patient goes home by a long stay instead of the scan: by the end of a
    // day they are all still in, stamped at arrival, but can never reach the scan.
    const s = scenario({
      pathways: {
        p: [
          { id: 'which', do: 'branch', options: [{ to: 'scan', probability: 0.5 }, { to: 'elsewhere', probability: 0.5 }] },
          { id: 'scan', do: 'task', place: 'scanner', duration: { dist: 'deterministic', value: 1, unit: 'hours' } },
          { id: 'out', do: 'discharge' },
          { id: 'elsewhere', do: 'stay', duration: { dist: 'deterministic', value: 100, unit: 'hours' } },
          { id: 'home', do: 'discharge' },
        ],
      },
    }, 1);
    const { c } = run(s);
    for (let k = 0; k < 3; k++) {
      const o = runOne(c[0].model, s.time.seed, k, false).openIntervals!['door-to-scan'];
      // Ten or so scanned, none waiting at the end of the day; the others stay, not open.
      expect(o.open).toBe(0);
      expect(o.counted).toBeGreaterThan(0);
      expect(o.counted).toBeLessThan(20);
    }
  });

  test('no target, nothing reported: the share is not there to mislead', () => {
    const s = scenario({ measures: [{ id: 'door-to-scan', pathway: 'p', from: 'arrival', to: { step: 'scan', at: 'started' } }] });
    const { c, doc } = run(s);
    expect(runOne(c[0].model, s.time.seed, 0, false).openIntervals).toBeUndefined();
    expect(doc.warnings.filter((x) => x.code === 'open-intervals')).toEqual([]);
  });
});
