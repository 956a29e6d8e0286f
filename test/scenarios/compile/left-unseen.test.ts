// "Left without being seen": a patient waiting longer than their patience for a place or
// a clinician gives up what they hold and leaves; the share per class is a KPI.
import { expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const det = (value: number, unit = 'hours') => ({ dist: 'deterministic', value, unit });

test('with one cubicle busy for 2 h, a patient whose patience is 1 h leaves after 1 h, holding nothing', () => {
  // Poisson walk-ins (16 a day) at one cubicle with one doctor, each seen for exactly 2 h:
  // many wait longer than their hour of patience.
  const s = ScenarioCoreSchema.parse({
    id: 't', title: 't', time: { horizonDays: 60 },
    sites: [{ id: 's', wards: [{ id: 'cubicle', beds: 1, kind: 'cubicle' }], staff: [{ role: 'doctor', skills: ['see'], count: 1 }] }],
    classes: [{ id: 'walk-in', site: 's', arrivals: { perDay: 16 }, pathway: 'p' }],
    pathways: { p: [
      { id: 'wait', do: 'task', place: 'cubicle', skill: 'see', duration: det(2), patience: det(1) },
      { id: 'out', do: 'discharge' },
    ] },
  });
  const c = compileScenario(s);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const sim = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon });
  const log: { type: string; time: number; entity: number }[] = [];
  sim.observe((e) => log.push(e));
  sim.runUntil(sim.horizon);
  const r = sim.results();
  // Every renege happens exactly 1 h after its patient's arrival, and that patient exits at once.
  const arrived = new Map(log.filter((e) => e.type === 'arrive').map((e) => [e.entity, e.time]));
  const reneges = log.filter((e) => e.type === 'renege');
  expect(reneges.length).toBeGreaterThan(20);
  for (const e of reneges) expect(e.time - arrived.get(e.entity)!).toBeCloseTo(1, 9);
  const k = replicationKpis(r, c.value.layout);
  expect(k['left.unseen[walk-in]']).toBeCloseTo(reneges.length / r.classes['walk-in'].arrived, 9);
  expect(k['outcome.leftUnseen[walk-in]']).toBe(reneges.length);
  // Conservation: those who left are exits of the pathway by their own way out, not engine
  // "reneged" leavers, and not departures (treated).
  expect(r.totals.exits['left-unseen']).toBe(reneges.length);
  expect(r.totals.reneged).toBe(0);
  expect(r.totals.arrived).toBe(r.totals.departed + r.totals.inSystem + r.totals.exits['left-unseen']);
});
