// Outliers: an admission whose ward is full takes a bed on an overflow ward if one is free
// at once, else waits for its own ward. Worked by hand with booked arrival times.
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { parseScenario, ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });

function hospital(admit: Record<string, unknown>) {
  return {
    id: 't', title: 't', time: { horizonDays: 7 },
    sites: [{ id: 's', wards: [{ id: 'medical', beds: 1 }, { id: 'surgical', beds: 1 }, { id: 'hub', beds: 1, ringFencedFor: ['hip'] }] }],
    classes: [
      // Three admissions on Monday at 09:00, 09:01 and 09:02, each staying 10 h.
      { id: 'med', site: 's', arrivals: { appointments: { slots: [{ days: ['mon'], start: '09:00', end: '09:03', everyMinutes: 1 }] } }, pathway: 'p' },
      { id: 'hip', site: 's', arrivals: { perWeek: 1 }, pathway: 'q' },
    ],
    pathways: {
      p: [{ id: 'in', do: 'admit', ward: 'medical', ...admit }, { id: 'stay', do: 'stay', duration: det(10) }, { id: 'fit', do: 'delay-discharge', probability: 1, duration: det(1) }, { id: 'out', do: 'discharge' }],
      q: [{ id: 'in', do: 'admit', ward: 'hub' }, { id: 'out', do: 'discharge' }],
    },
  };
}

describe('overflow to another ward (outliers)', () => {
  test('the second patient goes to the surgical ward; the third, both full, waits for a medical bed', () => {
    const c = compileScenario(ScenarioCoreSchema.parse(hospital({ overflowTo: ['surgical'] })));
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const sim = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon });
    const log: string[] = [];
    const hour = (t: number) => Math.round(t * 6000) / 6000;
    sim.observe((e) => { if ((e.type === 'seize' || e.type === 'exit') && e.pool !== 's/hub') log.push(`${hour(e.time)} ${e.type} ${e.entity} ${e.pool}`); });
    sim.runUntil(sim.horizon);
    const m = (min: number) => hour(9 + min / 60);
    expect(log.filter((l) => /s\/(medical|surgical)$|exit/.test(l))).toEqual([
      `${m(0)} seize 1 s/medical`, `${m(1)} seize 2 s/surgical`,
      // 1 gives up the medical bed at 20:00 (10 h + 1 h delayed): 3 takes it, then 1 leaves.
      `${hour(20)} seize 3 s/medical`, `${hour(20)} exit 1 `, `${m(1) + 11} exit 2 `, `${hour(31)} exit 3 `,
    ]);
    const k = replicationKpis(sim.results(), c.value.layout);
    // The outlier's delayed hour is counted on the ward they occupy: 2 h on medical, 1 h on surgical.
    expect(k['delayed.bedDays[s/medical]']).toBeCloseTo(2 / 24, 9);
    expect(k['delayed.bedDays[s/surgical]']).toBeCloseTo(1 / 24, 9);
    expect(k['outliers[med]']).toBe(1); // one outlier in the week
    expect(k['outliers[hip]']).toBe(0);
  });

  test('outliers are counted on the ward they are placed on, apart: patients and bed-days', () => {
    const c = compileScenario(ScenarioCoreSchema.parse(hospital({ overflowTo: ['surgical'] })));
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const k = replicationKpis(new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon }).run(), c.value.layout);
    // Patient 2 on the surgical ward from 09:01 for 10 h + 1 h delayed; nobody outlies on medical.
    expect(k['outliers.placed[s/surgical]']).toBe(1);
    expect(k['outliers.bedDays[s/surgical]']).toBeCloseTo(11 / 24, 9);
    expect(k['outliers.placed[s/medical]']).toBeUndefined();
    // Its bed-days are the ward's too: the outlier count is a part of them, not apart from the ward.
    expect(k['occupancy.mean[s/surgical]'] * 7 * 24).toBeCloseTo(11, 9);
  });

  test("an outlier in escalation territory: the own ward's open escalation beds are taken before another ward's", () => {
    const doc = hospital({ overflowTo: ['surgical'] });
    // Medical escalates at once when full: the second and third patients take its escalation beds, nobody outlies.
    (doc.sites[0].wards[0] as Record<string, unknown>).escalation = { beds: 2, openAt: 1, closeBelow: 0.5 };
    const c = compileScenario(ScenarioCoreSchema.parse(doc));
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const k = replicationKpis(new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon }).run(), c.value.layout);
    expect(k['outliers[med]']).toBe(0);
    expect(k['outliers.placed[s/surgical]']).toBe(0);
    expect(k['escalation.openings[s/medical]']).toBe(1);
  });

  test('errors with paths: the own ward, a ward twice, an unknown ward, a ring-fenced ward', () => {
    const r = parseScenario(hospital({ overflowTo: ['medical', 'surgical', 'surgical', 'nope', 'hub'] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'pathways.p.0.overflowTo.0: ward "medical" is the own ward',
      'pathways.p.0.overflowTo.2: ward "surgical" is listed twice',
      'pathways.p.0.overflowTo.3: unknown ward "nope" at site "s" (known: medical, surgical, hub)',
      'pathways.p.0.overflowTo.4: ward "hub" is ring-fenced for hip; class "med" may not use it',
    ]);
  });
});
