// The census by hour of day (KPI census.byHour[site/ward/HH]): the mean number of patients
// in a bed or waiting for one over each clock hour of the measured days, reported only
// when the scenario's kpis name it (24 numbers a ward). Booked arrivals and fixed stays
// make it plain arithmetic.
import { describe, expect, test } from 'vitest';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';
import { runOne } from '../../../runner/replicate.ts';

/** Two patients booked at 08:30 every day, each staying exactly 2 hours on a 5-bed ward. */
function ward(kpis?: string[]) {
  const doc = {
    id: 't', title: 't', time: { horizonDays: 9, warmupDays: 2 }, kpis,
    sites: [{ id: 's', wards: [{ id: 'w', beds: 5 }] }],
    classes: [{ id: 'day', site: 's', pathway: 'p', arrivals: { appointments: { slots: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '08:30', end: '08:31', everyMinutes: 60, perSlot: 2 }] } } }],
    pathways: { p: [{ id: 'in', do: 'admit', ward: 'w' }, { id: 'stay', do: 'stay', duration: { dist: 'deterministic', value: 2 } }, { id: 'out', do: 'discharge' }] },
  };
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return Object.assign(runOne(c.value, 1, 0, false).kpis, { profile: c.value.model.pools.find((x) => x.id === 's/w')!.profile });
}

describe('census.byHour', () => {
  test('each clock hour of the day: 2 patients from 08:30 to 10:30, so 1 in hour 08, 2 in hour 09, 1 in hour 10, none otherwise', () => {
    const { profile, ...k } = ward(['census.byHour', 'occupancy.mean']);
    expect(profile).toEqual({ period: 24, bins: 24 });
    const byHour = Array.from({ length: 24 }, (_, h) => k[`census.byHour[s/w/${String(h).padStart(2, '0')}]`]);
    expect(byHour).toEqual(Array.from({ length: 24 }, (_, h) => (h === 8 || h === 10 ? 1 : h === 9 ? 2 : 0)));
    // The day's mean census is the occupancy times the beds: 4 bed-hours a day on 5 beds.
    expect(byHour.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(k['occupancy.mean[s/w]'] * 5, 12);
    expect(Object.keys(k).sort()).toEqual([...byHour.map((_, h) => `census.byHour[s/w/${String(h).padStart(2, '0')}]`), 'occupancy.mean[s/w]'].sort());
  });

  test('not reported, and not measured, unless kpis name it', () => {
    const { profile, ...all } = ward();
    expect(profile).toBeNull();
    expect(Object.keys(all).filter((n) => n.startsWith('census.'))).toEqual([]);
    const { profile: _, ...some } = ward(['occupancy.mean']);
    expect(Object.keys(some)).toEqual(['occupancy.mean[s/w]']);
  });
});
