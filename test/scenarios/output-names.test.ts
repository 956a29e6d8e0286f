// One name per quantity, with its unit: the daily series are named for what they count
// (beds in use is not "occupancy", which the KPIs keep for the fraction of beds in use),
// and one ED class's four-hour share is the department's, reported once.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { KPI_CATALOGUE, SERIES_CATALOGUE, seriesInfo } from '../../scenarios/kpis/catalogue.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { compileVariant, runOne } from '../../runner/replicate.ts';
import { smallEdFile } from '../fixtures/small-ed.ts';

function replication(edit: (doc: any) => void = () => {}) {
  const doc = parse(readFileSync(smallEdFile, 'utf8'));
  edit(doc);
  const s = parseScenario(doc);
  if (!s.ok) throw new Error('invalid');
  const c = compileVariant(s.value, 'baseline');
  if (!c.ok) throw new Error('does not compile');
  return runOne(c.value.model, 1, 0, true);
}

describe('daily series', () => {
  test('are named for what they count, and each has its unit in the catalogue', () => {
    const r = replication();
    expect(Object.keys(r.series)).toEqual(['beds.inUse[dgh/cubicles]', 'queue.length[dgh/cubicles]', 'beds.inUse[dgh/medical]', 'queue.length[dgh/medical]']);
    expect(Object.keys(r.series).map((n) => seriesInfo(n)?.unit)).toEqual(['beds', 'patients', 'beds', 'patients']);
    // Beds in use is a count: it reaches the ward's 20 beds, which a fraction never would.
    expect(Math.max(...r.series['beds.inUse[dgh/medical]'])).toBeGreaterThan(1);
  });

  test('no series is named like a KPI of another unit', () => {
    const kpis = KPI_CATALOGUE as Record<string, { unit: string }>;
    for (const [metric, info] of Object.entries(SERIES_CATALOGUE)) {
      for (const [kpi, k] of Object.entries(kpis)) {
        if (kpi === metric || kpi.startsWith(`${metric}.`)) expect(`${kpi}: ${k.unit}`).toBe(`${kpi}: ${info.unit}`);
      }
    }
  });
});

describe('ED four-hour share', () => {
  test('by class and for all when there are several ED classes', () => {
    expect(Object.keys(replication().kpis).filter((k) => k.startsWith('ed.4h'))).toEqual(['ed.4h[minors]', 'ed.4h[majors]', 'ed.4h[all]']);
  });

  test('once, as ed.4h[all], when one class is the whole ED (the comparison showed it twice)', () => {
    const r = replication((doc) => { doc.classes[1].ed = false; });
    expect(Object.keys(r.kpis).filter((k) => k.startsWith('ed.4h'))).toEqual(['ed.4h[all]']);
    expect(r.kpis['ed.time.mean[minors]']).toBeGreaterThan(0);
  });
});
