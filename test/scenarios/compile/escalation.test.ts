// Escalation beds in the scenario language: a ward's `escalation` compiled onto the engine
// (engine/core/escalation.ts), its KPIs over the window, and its errors naming the path.
// Booked admissions every 30 minutes from Monday 00:00 and deterministic stays give every
// time by hand.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { parseScenario, ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';
import { estimate } from '../../../scenarios/cost/estimate.ts';

const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });
const escalation = { beds: 2, openAt: 0.9, forHours: 4, openingDelayHours: 6, closeBelow: 0.5, closeForHours: 24, hourlyCostPerBed: 35 };

/** A 10-bed ward; admissions every 30 minutes from Monday 00:00 until `until` ("HH:MM"), each staying 100 h. */
function hospital(until: string, ward: Record<string, unknown> = { escalation }) {
  return {
    id: 't', title: 't', time: { horizonDays: 7 },
    sites: [{ id: 's', wards: [{ id: 'medical', beds: 10, ...ward }] }],
    classes: [{ id: 'med', site: 's', arrivals: { appointments: { slots: [{ days: ['mon'], start: '00:00', end: until, everyMinutes: 30 }] } }, pathway: 'p' }],
    pathways: { p: [{ id: 'in', do: 'admit', ward: 'medical' }, { id: 'stay', do: 'stay', duration: det(100) }, { id: 'out', do: 'discharge' }] },
    costs: { bedDay: 100 },
  };
}

function run(doc: unknown) {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const sim = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon });
  const opened: number[] = [];
  sim.observe((e) => { if (e.type === 'capacity') opened.push(e.time); });
  const result = sim.run();
  return { k: replicationKpis(result, c.value.layout), opened, result };
}

describe('ward escalation beds', () => {
  test('ten admissions 00:00–04:30: 9 beds of 10 at 04:00, open at 04:00 + 4 h + 6 h, closed 24 h after occupancy fell below 50%', () => {
    const { k, opened } = run(hospital('05:00'));
    // Leaving at 100, 100.5, …: 4 in use (below 50%) from 102.5, closed at 126.5.
    expect(opened).toEqual([14, 126.5]);
    expect(k['escalation.openings[s/medical]']).toBe(1); // a week: per week = in the window
    expect(k['escalation.hoursOpen[s/medical]']).toBeCloseTo(112.5, 9);
    expect(k['escalation.bedHoursOpen[s/medical]']).toBeCloseTo(225, 9);
    expect(k['escalation.bedDays[s/medical]']).toBe(0);
    expect(k['cost.escalation[s/medical]']).toBeCloseTo(225 * 35, 6);
    expect(k['cost.escalation[all]']).toBeCloseTo(225 * 35, 6);
    // Into the total with the bed-days: 10 patients × 100 h.
    expect(k['cost.total[all]']).toBeCloseTo(225 * 35 + ((10 * 100) / 24) * 100, 6);
  });

  test('twelve admissions: the two waiting take the escalation beds at 14:00; bed-days used beyond the ten own beds', () => {
    const { k, result } = run(hospital('06:00'));
    expect(result.pools['s/medical'].waits.max).toBe(14 - 5);
    // 12 in use from 14 to 100 (2 beyond the own), 11 from 100 to 100.5 (1 beyond).
    expect(k['escalation.bedDays[s/medical]']).toBeCloseTo((2 * 86 + 0.5) / 24, 9);
    // Below 50% from 103.5 (4 in use); the two escalation patients leave at 114; closed at 127.5.
    expect(k['escalation.hoursOpen[s/medical]']).toBeCloseTo(127.5 - 14, 9);
  });

  test('a ward without escalation reports no escalation KPI and no escalation cost', () => {
    const { k } = run(hospital('05:00', {}));
    expect(Object.keys(k).filter((n) => n.includes('escalation'))).toEqual([]);
  });

  test('errors name the path', () => {
    const bad = (x: Record<string, unknown>) => {
      const r = parseScenario(hospital('05:00', { escalation: { ...escalation, ...x } }));
      return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(bad({ closeBelow: 0.95 })).toEqual(['sites.0.wards.0.escalation.closeBelow: expected below openAt (hysteresis: close at a lower occupancy than open)']);
    expect(bad({ openAt: 0 })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.openAt: /);
    expect(bad({ beds: 0 })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.beds: /);
    expect(bad({ forHours: 1e6 })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.forHours: /);
    expect(bad({ hourlyCostPerBed: -1 })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.hourlyCostPerBed: /);
    expect(bad({ typo: 1 })[0]).toMatch(/^sites\.0\.wards\.0\.escalation/);
  });

  test('a variant may add escalation beds; its errors name the patch path', () => {
    const doc = { ...hospital('05:00', {}), variants: [{ id: 'esc', name: 'escalation', patch: { sites: { s: { wards: { medical: { escalation: { ...escalation, closeBelow: 2 } } } } } } }] };
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join('.'))).toContain('variants.0.patch.sites.s.wards.medical.escalation.closeBelow');
    doc.variants[0].patch.sites.s.wards.medical.escalation.closeBelow = 0.5;
    expect(parseScenario(doc).ok).toBe(true);
  });

  test('the cost estimate counts the occupancy checks: two events more per admission to a ward with escalation beds', () => {
    const events = (ward: Record<string, unknown>) => estimate(ScenarioCoreSchema.parse(hospital('05:00', ward))).eventsTotal;
    expect(events({ escalation }) - events({})).toBe(2 * 10);
  });
});

describe('beds in use by class', () => {
  /** Two classes sharing a 6-bed ward with random arrivals and stays. */
  const shared = (perDay: [number, number], seed: number) => ({
    id: 't', title: 't', time: { horizonDays: 20, warmupDays: 5, seed },
    kpis: ['beds.byClass', 'beds.shareByClass', 'occupancy.mean'],
    sites: [{ id: 's', wards: [{ id: 'medical', beds: 6, escalation: { ...escalation, openAt: 0.8, closeBelow: 0.6 } }] }],
    classes: [
      { id: 'a', site: 's', arrivals: { perDay: perDay[0] }, pathway: 'p' },
      { id: 'b', site: 's', priority: 2, arrivals: { perDay: perDay[1] }, pathway: 'p' },
    ],
    pathways: { p: [{ id: 'in', do: 'admit', ward: 'medical' }, { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 2, unit: 'days' } }, { id: 'out', do: 'discharge' }] },
  });

  test('per class sums to the beds in use, and the shares to 1 (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0.2, max: 4, noNaN: true }), fc.double({ min: 0.2, max: 4, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (a, b, seed) => {
      const doc = shared([a, b], seed);
      const c = compileScenario(ScenarioCoreSchema.parse(doc));
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const r = new Simulation(c.value.model, { seed, warmup: c.value.warmup, horizon: c.value.horizon }).run();
      const k = replicationKpis(r, c.value.layout);
      const busy = r.pools['s/medical'].busy.mean;
      expect(k['beds.byClass[s/medical/a]'] + k['beds.byClass[s/medical/b]']).toBeCloseTo(busy, 9);
      if (busy > 0) expect(k['beds.shareByClass[s/medical/a]'] + k['beds.shareByClass[s/medical/b]']).toBeCloseTo(1, 12);
      // Beds in use never exceed the beds open, escalation beds included.
      expect(k['occupancy.mean[s/medical]']).toBeLessThanOrEqual(1 + 1e-12);
      expect(r.pools['s/medical'].busy.max).toBeLessThanOrEqual(8);
    }), { numRuns: 25 });
  });

  test('reported only when kpis names them', () => {
    const doc = { ...shared([1, 1], 1), kpis: undefined };
    const c = compileScenario(ScenarioCoreSchema.parse(doc));
    if (!c.ok) throw new Error('invalid');
    const k = replicationKpis(new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon }).run(), c.value.layout);
    expect(Object.keys(k).filter((n) => n.startsWith('beds.'))).toEqual([]);
  });
});
