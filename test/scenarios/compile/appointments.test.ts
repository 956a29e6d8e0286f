// Booked appointments in the scenario language: weekly slots become arrival times on the
// right weekdays (whatever weekday the run starts on), with errors for bad definitions.
import { describe, expect, test } from 'vitest';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { parseScenario, ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

function clinic(arrivals: unknown, startWeekday = 'monday') {
  return {
    id: 't', title: 't', time: { horizonDays: 14, startWeekday },
    sites: [{ id: 's', wards: [], staff: [{ role: 'doctor', skills: ['see'], count: 1 }] }],
    classes: [{ id: 'booked', site: 's', arrivals, pathway: 'p' }],
    pathways: { p: [{ id: 'see', do: 'task', skill: 'see', duration: { dist: 'deterministic', value: 5, unit: 'minutes' } }, { id: 'out', do: 'discharge' }] },
  };
}

function arrivalTimes(doc: unknown): number[] {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const sim = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon });
  const t: number[] = [];
  sim.observe((e) => { if (e.type === 'arrive') t.push(Math.round(e.time * 1000) / 1000); });
  sim.runUntil(sim.horizon);
  return t;
}

describe('appointments', () => {
  test('every 20 minutes 09:00-10:00 on Tuesdays, two per slot, from a run starting on a Monday or a Wednesday', () => {
    const arrivals = { appointments: { slots: [{ days: ['tue'], start: '09:00', end: '10:00', everyMinutes: 20, perSlot: 2 }] } };
    const tuesday = (day: number) => [9, 9, 9 + 1 / 3, 9 + 1 / 3, 9 + 2 / 3, 9 + 2 / 3].map((h) => Math.round((day * 24 + h) * 1000) / 1000);
    expect(arrivalTimes(clinic(arrivals))).toEqual([...tuesday(1), ...tuesday(8)]);
    expect(arrivalTimes(clinic(arrivals, 'wednesday'))).toEqual([...tuesday(6), ...tuesday(13)]);
  });

  test('punctuality spreads arrivals around the appointment; the mean offset is the one asked for', () => {
    const arrivals = { appointments: { slots: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '09:01', everyMinutes: 60 }], punctuality: { meanMinutes: -10, sdMinutes: 6 } } };
    const doc = { ...clinic(arrivals), time: { horizonDays: 7 * 200 } };
    const offsets = arrivalTimes(doc).map((t) => ((t % 24) - 9) * 60);
    expect(offsets.length).toBe(1000);
    const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length;
    const sd = Math.sqrt(offsets.reduce((a, b) => a + (b - mean) ** 2, 0) / (offsets.length - 1));
    expect(Math.abs(mean + 10)).toBeLessThan(4 * 6 / Math.sqrt(1000));
    expect(Math.abs(sd - 6)).toBeLessThan(0.6);
  });

  test('two classes booked at the same 09:00 slots for one doctor: the more urgent is seen first, whatever the order of the classes', () => {
    const slots = [{ days: ['tue'], start: '09:00', end: '10:00', everyMinutes: 20 }];
    const doc = {
      ...clinic({}),
      classes: [
        { id: 'routine', site: 's', priority: 3, arrivals: { appointments: { slots } }, pathway: 'p' },
        { id: 'urgent', site: 's', priority: 1, arrivals: { appointments: { slots } }, pathway: 'p' },
      ],
    };
    const c = compileScenario(ScenarioCoreSchema.parse(doc));
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const sim = new Simulation(c.value.model, { seed: 1, horizon: 7 * 24 });
    const seen: string[] = [];
    sim.observe((e) => {
      if (e.type !== 'seize' || !e.pool.includes('doctor')) return;
      const k = sim.ent.live().find((x) => sim.ent.serial[x] === e.entity)!;
      seen.push(`${Math.round((e.time - 24 - 9) * 60)} ${c.value.model.classes[sim.ent.cls[k]]}`); // minutes after Tuesday 09:00
    });
    sim.run();
    // At each slot the urgent patient, then the routine one once the 5-minute visit is over.
    expect(seen).toEqual([
      '0 urgent', '5 routine', '20 urgent', '25 routine', '40 urgent', '45 routine', // before: routine first at each slot
    ]);
  });

  test('errors with their paths: two kinds of arrivals, a shape for appointments, an end before the start, a certain no-show', () => {
    const bad = (arrivals: unknown) => {
      const r = parseScenario(clinic(arrivals));
      return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    const slot = { days: ['mon'], start: '09:00', end: '10:00', everyMinutes: 10 };
    expect(bad({ perDay: 3, appointments: { slots: [slot] } })).toContain('classes.0.arrivals.perDay: give exactly one of perDay, perWeek or appointments');
    expect(bad({ appointments: { slots: [slot] }, byHour: Array(24).fill(1) })).toContain('classes.0.arrivals.byHour: booked appointments have their own times: byHour and byWeekday shape random arrivals only');
    expect(bad({ appointments: { slots: [{ ...slot, end: '08:00' }] } })).toContain('classes.0.arrivals.appointments.slots.0.end: expected a time after start (09:00), got 08:00');
    expect(bad({ appointments: { slots: [slot], noShow: 1 } }).some((m) => m.startsWith('classes.0.arrivals.appointments.noShow:'))).toBe(true);
  });
});
