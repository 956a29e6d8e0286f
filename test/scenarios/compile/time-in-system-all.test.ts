// Whole-system time in system (time.*[all], issue 14's "all" scope): every class's treated
// patients pooled. Deterministic models, so the answers are known by hand; and on a library
// scenario of many classes, the pooled mean is the classes' means weighted by their counts.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Simulation } from '../../../engine/core/simulation.ts';
import { compileScenario, type HospitalModel } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const det = (value: number) => ({ dist: 'deterministic', value, unit: 'hours' });
const hourly = (start: string, end: string) => ({ appointments: { slots: [{ days: ['mon'], start, end, everyMinutes: 60 }] } });

function compiled(scenario: object): HospitalModel {
  const c = compileScenario(ScenarioCoreSchema.parse(scenario));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

function kpisOf(h: HospitalModel, seed = 1) {
  const sim = new Simulation(h.model, { seed, warmup: h.warmup, horizon: h.horizon });
  sim.runUntil(sim.horizon);
  return replicationKpis(sim.results(), h.layout);
}

describe('time in system across classes: time.*[all]', () => {
  test('two classes, 2 h and 5 h stays on their own wards: the pooled mean, median and 90th centile by hand', () => {
    // 10 short-stay patients (01:00-10:00) and 4 long-stay ones (01:00-04:00), all home by the end of the day.
    const h = compiled({
      id: 't', title: 't', time: { horizonDays: 1 },
      sites: [{ id: 's', wards: [{ id: 'a', beds: 20 }, { id: 'b', beds: 20 }] }],
      classes: [
        { id: 'short', site: 's', pathway: 'p', arrivals: hourly('01:00', '11:00') },
        { id: 'long', site: 's', pathway: 'q', arrivals: hourly('01:00', '05:00') },
      ],
      pathways: {
        p: [{ id: 'in', do: 'admit', ward: 'a' }, { id: 'stay', do: 'stay', duration: det(2) }, { id: 'home', do: 'discharge' }],
        q: [{ id: 'in', do: 'admit', ward: 'b' }, { id: 'stay', do: 'stay', duration: det(5) }, { id: 'home', do: 'discharge' }],
      },
    });
    const k = kpisOf(h);
    expect(k['time.mean[short]']).toBe(2);
    expect(k['time.mean[long]']).toBe(5);
    expect(k['time.mean[all]']).toBeCloseTo((10 * 2 + 4 * 5) / 14, 12);
    // The 7th of 14 is a short stay, the 13th a long one (to the sketch's 0.5%).
    expect(Math.abs(k['time.p50[all]'] / 2 - 1)).toBeLessThan(0.005);
    expect(Math.abs(k['time.p90[all]'] / 5 - 1)).toBeLessThan(0.005);
  });

  test('one class: no time.*[all], the class is the whole system', () => {
    const h = compiled({
      id: 't', title: 't', time: { horizonDays: 1 },
      sites: [{ id: 's', wards: [{ id: 'a', beds: 20 }] }],
      classes: [{ id: 'only', site: 's', pathway: 'p', arrivals: hourly('01:00', '05:00') }],
      pathways: { p: [{ id: 'in', do: 'admit', ward: 'a' }, { id: 'stay', do: 'stay', duration: det(2) }, { id: 'home', do: 'discharge' }] },
    });
    const k = kpisOf(h);
    expect(k['time.mean[only]']).toBe(2);
    expect(Object.keys(k).filter((n) => n.startsWith('time.') && n.endsWith('[all]'))).toEqual([]);
  });

  test('the ED library scenario: the pooled mean is the classes\' means weighted by how many of each were timed', () => {
    const raw = parse(readFileSync(new URL('../../../scenarios/library/ed-skill-mix.yaml', import.meta.url), 'utf8')) as Record<string, any>;
    delete raw.variants;
    delete raw.kpis; // every KPI, time.* among them
    const h = compiled({ ...raw, time: { ...raw.time, horizonDays: 28, warmupDays: 0 } });
    const sim = new Simulation(h.model, { seed: 3, warmup: h.warmup, horizon: h.horizon });
    sim.runUntil(sim.horizon);
    const r = sim.results();
    const k = replicationKpis(r, h.layout);
    const classes = Object.values(r.classes);
    expect(classes.length).toBeGreaterThan(1);
    const n = classes.reduce((a, c) => a + c.timeInSystem.count, 0);
    const weighted = classes.reduce((a, c) => a + (c.timeInSystem.count > 0 ? c.timeInSystem.mean * c.timeInSystem.count : 0), 0) / n;
    expect(r.timeInSystem.count).toBe(n);
    expect(k['time.mean[all]']).toBeCloseTo(weighted, 9);
  });
});
