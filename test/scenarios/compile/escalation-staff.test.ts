// Staff called in by a ward's escalation (`escalation.staff`): extra people of a site's
// role, on duty only while the escalation is open, doing the role's tasks, paid for their
// hours on duty in cost.escalation (not cost.staff). Admissions every 30 minutes from
// Monday 00:00 to 05:00 and 100-hour stays open the escalation at 14:00 and close it at
// 126:30 (test/scenarios/compile/escalation.test.ts works those times out); three nurse
// tasks on Tuesday at 24:00, 24:30 and 25:00 fall while it is open.
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { parseScenario, ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';
import { estimate } from '../../../scenarios/cost/estimate.ts';

const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });
const rule = { openAt: 0.9, forHours: 4, openingDelayHours: 6, closeBelow: 0.5, closeForHours: 24 };
const OPEN = 126.5 - 14;

function hospital(escalation: Record<string, unknown> | undefined, staff: Record<string, unknown>[] = [{ role: 'nurse', skills: ['care'], count: 1, hourlyCost: 30 }]) {
  return {
    id: 't', title: 't', time: { horizonDays: 7 },
    sites: [{ id: 's', wards: [{ id: 'medical', beds: 10, ...(escalation ? { escalation } : {}) }], staff }],
    classes: [
      { id: 'med', site: 's', arrivals: { appointments: { slots: [{ days: ['mon'], start: '00:00', end: '05:00', everyMinutes: 30 }] } }, pathway: 'p' },
      { id: 'obs', site: 's', arrivals: { appointments: { slots: [{ days: ['tue'], start: '00:00', end: '01:30', everyMinutes: 30 }] } }, pathway: 'task' },
    ],
    pathways: {
      p: [{ id: 'in', do: 'admit', ward: 'medical' }, { id: 'stay', do: 'stay', duration: det(100) }, { id: 'out', do: 'discharge' }],
      task: [{ id: 'see', do: 'task', skill: 'care', duration: det(2) }, { id: 'out', do: 'discharge' }],
    },
    costs: { bedDay: 0 },
  };
}

function run(doc: unknown) {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const result = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon }).run();
  return { k: replicationKpis(result, c.value.layout), result };
}

describe('staff called in by escalation', () => {
  test('two nurses on duty from 14:00 to 126:30: the three Tuesday tasks do not wait; hours and cost in escalation', () => {
    const { k, result } = run(hospital({ ...rule, staff: [{ role: 'nurse', count: 2, hourlyCost: 60 }] }));
    expect(result.skilledPools['s/staff'].waitsBySkill.care.max).toBe(0);
    expect(k['escalation.hoursOpen[s/medical]']).toBeCloseTo(OPEN, 9);
    expect(k['escalation.staffHours[s/medical]']).toBeCloseTo(2 * OPEN, 9);
    expect(k['escalation.openings[s/medical]']).toBe(1);
    // No beds: no bed KPIs.
    expect(k['escalation.bedHoursOpen[s/medical]']).toBeUndefined();
    expect(k['cost.escalation[s/medical]']).toBeCloseTo(2 * OPEN * 60, 6);
    expect(k['cost.staff[all]']).toBeCloseTo(168 * 30, 6);
    expect(k['cost.total[all]']).toBeCloseTo(168 * 30 + 2 * OPEN * 60, 6);
    // The role's utilisation counts them: 6 busy hours over 168 + 225 hours on duty.
    expect(k['staff.utilisation[s/nurse]']).toBeCloseTo(6 / (168 + 2 * OPEN), 9);
  });

  test('with the beds as well, and the role\'s own rate when none is given', () => {
    const { k } = run(hospital({ ...rule, beds: 2, hourlyCostPerBed: 35, staff: [{ role: 'nurse', count: 1 }] }));
    expect(k['escalation.bedHoursOpen[s/medical]']).toBeCloseTo(2 * OPEN, 9);
    expect(k['escalation.staffHours[s/medical]']).toBeCloseTo(OPEN, 9);
    expect(k['cost.escalation[s/medical]']).toBeCloseTo(2 * OPEN * 35 + OPEN * 30, 6);
  });

  test('beds alone call nobody in: the tasks wait for the one nurse (1.5 h and 3 h)', () => {
    const { k, result } = run(hospital({ ...rule, beds: 2 }));
    const w = result.skilledPools['s/staff'].waitsBySkill.care;
    expect(w.max).toBe(3);
    expect(w.mean).toBeCloseTo(1.5, 12);
    expect(k['escalation.staffHours[s/medical]']).toBeUndefined();
  });

  test('a task priced by role (durationByRole) sees the staff called in as their role', () => {
    const doc = hospital({ ...rule, staff: [{ role: 'hca', count: 3 }] }, [
      { role: 'nurse', skills: ['care'], count: 1, hourlyCost: 30 },
      { role: 'hca', skills: ['care'], count: 1, hourlyCost: 15 },
    ]);
    (doc.pathways.task[0] as Record<string, unknown>).durationByRole = { hca: det(4) };
    const { result } = run(doc);
    const members = result.skilledPools['s/staff'].members;
    // Three tasks at 24, 24.5, 25, the cheapest free member first: the rostered hca, then two
    // hcas called in (£15 an hour, the role's rate, against the nurse's £30), each 4 h, an hca's time.
    const busy = Object.entries(members).filter(([id]) => id.includes('on-call')).reduce((a, [, m]) => a + m.busyHours, 0);
    expect(busy).toBe(8);
    expect(members['nurse-1'].busyHours).toBe(0);
    expect(Object.keys(members).filter((id) => id.startsWith('hca-on-call')).length).toBe(3);
  });

  test('the cost estimate counts them', () => {
    const base = estimate(ScenarioCoreSchema.parse(hospital({ ...rule, beds: 2 })));
    const more = estimate(ScenarioCoreSchema.parse(hospital({ ...rule, beds: 2, staff: [{ role: 'nurse', count: 1000 }] })));
    expect(more.memoryTotal).toBeGreaterThan(base.memoryTotal);
    expect(more.memory.some((m) => m.path.join('.') === 'sites.0.wards.0.escalation.staff.0.count')).toBe(true);
  });

  test('errors name the path', () => {
    const bad = (x: Record<string, unknown>) => {
      const r = parseScenario(hospital({ ...rule, ...x }));
      return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(bad({ staff: [{ role: 'nures', count: 2 }] })).toEqual([
      'sites.0.wards.0.escalation.staff.0.role: unknown role "nures" at site "s": did you mean "nurse"? (roles: nurse)',
    ]);
    expect(bad({})).toEqual(['sites.0.wards.0.escalation.beds: expected at least 1 bed, or staff called in: this escalation opens nothing']);
    expect(bad({ staff: [{ role: 'nurse', count: 0 }] })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.staff\.0\.count: /);
    expect(bad({ staff: [{ role: 'nurse', count: 1e9 }] })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.staff\.0\.count: /);
    expect(bad({ staff: [{ role: 'nurse', count: 1, hourlyCost: -5 }] })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.staff\.0\.hourlyCost: /);
    expect(bad({ staff: [{ role: 'nurse', count: 1, shift: 'day' }] })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.staff\.0/);
    expect(bad({ staff: [] })[0]).toMatch(/^sites\.0\.wards\.0\.escalation\.staff: /);
  });
});
