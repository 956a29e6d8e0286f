// Staff busy hours by the class of patient served (staff.hoursByClass,
// staff.utilisationByClass): reported when kpis names them, and summing over classes to
// the site's staff busy ÷ on duty.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const see = (mean: number) => [{ id: 'see', do: 'task', skill: 'treat', duration: { dist: 'exponential', mean, unit: 'minutes' } }, { id: 'out', do: 'discharge' }];

function ed(perDay: [number, number], seed: number, kpis: string[] | undefined) {
  return {
    id: 't', title: 't', time: { horizonDays: 10, warmupDays: 2, seed }, ...(kpis ? { kpis } : {}),
    sites: [{ id: 's', staff: [
      { role: 'nurse', skills: ['treat'], hourlyCost: 30, count: 2 },
      { role: 'doctor', skills: ['treat'], hourlyCost: 90, shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', count: 1 }] },
    ] }],
    classes: [
      { id: 'minor', site: 's', arrivals: { perDay: perDay[0] }, pathway: 'minor' },
      { id: 'major', site: 's', priority: 1, arrivals: { perDay: perDay[1] }, pathway: 'major' },
    ],
    pathways: { minor: see(20), major: see(60) },
  };
}

function run(doc: unknown, seed: number) {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const r = new Simulation(c.value.model, { seed, warmup: c.value.warmup, horizon: c.value.horizon }).run();
  return { r, k: replicationKpis(r, c.value.layout) };
}

describe('staff busy by class', () => {
  test('the classes\' shares sum to the staff\'s busy ÷ on duty (property)', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 40, noNaN: true }), fc.double({ min: 1, max: 20, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (a, b, seed) => {
      const { r, k } = run(ed([a, b], seed, ['staff.hoursByClass', 'staff.utilisationByClass']), seed);
      const members = Object.values(r.skilledPools['s/staff'].members);
      const busy = members.reduce((x, m) => x + m.busyHours, 0), duty = members.reduce((x, m) => x + m.dutyHours, 0);
      expect(k['staff.utilisationByClass[s/minor]'] + k['staff.utilisationByClass[s/major]']).toBeCloseTo(busy / duty, 9);
      expect((k['staff.hoursByClass[s/minor]'] + k['staff.hoursByClass[s/major]']) * (8 / 7)).toBeCloseTo(busy, 6);
    }), { numRuns: 20 });
  });

  test('not reported, and the other KPIs the same, when kpis does not name them', () => {
    const { k } = run(ed([10, 5], 3, undefined), 3);
    expect(Object.keys(k).filter((n) => n.includes('ByClass'))).toEqual([]);
    const asked = run(ed([10, 5], 3, ['staff.utilisation', 'staff.utilisationByClass']), 3).k;
    expect(asked['staff.utilisation[s/nurse]']).toBe(k['staff.utilisation[s/nurse]']);
  });
});
