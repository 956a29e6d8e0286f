// Any centile of a measure (measures[].centiles: 80, 97.5, 99.9…): KPIs named by the
// centile as written, against M/M/1's exact time in system, and the mistakes a user can make.
import { describe, expect, test } from 'vitest';
import { compileScenario, type HospitalModel } from '../../../scenarios/compile/compile.ts';
import { ScenarioCoreSchema, parseScenario } from '../../../scenarios/schema/scenario.ts';
import { runReplication } from '../../../runner/replicate.ts';
import { estimateKpi } from '../../../runner/summary.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { kpiInfo } from '../../../scenarios/kpis/catalogue.ts';
import { smallScenario } from '../scenario-fixture.ts';

function compiled(doc: unknown): HospitalModel {
  const c = compileScenario(ScenarioCoreSchema.parse(doc));
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value;
}

/** M/M/1: λ = 0.5 an hour, μ = 1 an hour; time in system is exponential with rate μ − λ = 0.5. */
const mm1 = (centiles: number[]) => ({
  id: 'mm1', title: 'M/M/1', time: { horizonDays: 400, warmupDays: 20 },
  sites: [{ id: 's', wards: [{ id: 'room', beds: 1, kind: 'cubicle' }] }],
  classes: [{ id: 'p', site: 's', arrivals: { perDay: 12 }, pathway: 'p' }],
  pathways: { p: [{ id: 'see', do: 'task', place: 'room', duration: { dist: 'exponential', mean: 1 } }, { id: 'out', do: 'discharge' }] },
  measures: [{ id: 'tis', from: 'arrival', to: 'departure', centiles }],
});

describe('any centile of a measure', () => {
  const h = compiled(mm1([80, 90, 97.5, 99.9]));
  const runs: Record<string, number[]> = {};
  for (let k = 0; k < 20; k++) for (const [name, v] of Object.entries(runReplication(h, 1, k))) (runs[name] ??= []).push(v);

  test('M/M/1 time in system: the p-th centile is −ln(1 − p/100)/(μ − λ), within the 95% CI', () => {
    for (const c of [80, 90, 97.5, 99.9]) {
      const e = estimateKpi(`measure.p${c}[tis]`, runs[`measure.p${c}[tis]`]);
      const exact = -Math.log(1 - c / 100) / 0.5;
      expect(e.ciLow, `p${c}: ${JSON.stringify(e)} against ${exact}`).toBeLessThanOrEqual(exact);
      expect(e.ciHigh, `p${c}: ${JSON.stringify(e)} against ${exact}`).toBeGreaterThanOrEqual(exact);
    }
    expect(Object.keys(runs).filter((n) => /^measure\.p/.test(n)).sort()).toEqual(['measure.p80[tis]', 'measure.p90[tis]', 'measure.p97.5[tis]', 'measure.p99.9[tis]']);
  });

  test('a centile every tally keeps and one asked of the engine come from the same tally: ordered in every replication', () => {
    runs['measure.p90[tis]'].forEach((p90, k) => {
      expect(runs['measure.p80[tis]'][k]).toBeLessThanOrEqual(p90);
      expect(p90).toBeLessThanOrEqual(runs['measure.p97.5[tis]'][k]);
      expect(runs['measure.p97.5[tis]'][k]).toBeLessThanOrEqual(runs['measure.p99.9[tis]'][k]);
    });
  });

  test('the KPIs are named and labelled by the centile as written', () => {
    expect(kpiInfo('measure.p97.5[tis]')).toEqual({ label: 'measured time, 97.5th centile', unit: 'h', better: 'lower', group: 'quality' });
    expect(kpiInfo('measure.p80[tis]')?.label).toBe('measured time, 80th centile');
    expect(kpiInfo('measure.p1[tis]')?.label).toBe('measured time, 1st centile');
    expect(kpiInfo('measure.p100[tis]')).toBeUndefined();
  });
});

describe('mistakes in centiles, each with its path', () => {
  function check(edit: (s: any) => void): string {
    const s = smallScenario();
    edit(s);
    const r = parseScenario(s);
    return r.ok ? 'ok' : formatIssues(r.issues);
  }
  const tis = (centiles: unknown) => (s: any) => { s.measures = [{ id: 'tis', from: 'arrival', to: 'departure', centiles }]; };

  test('in (0, 100), at most 3 decimals, each once, at most 10', () => {
    expect(check(tis([80, 97.5, 99.9, 99.999]))).toBe('ok');
    expect(check(tis([0, 100, 97.12345]))).toMatchInlineSnapshot(`
      "  ✖ measures[0].centiles[0]: expected a number > 0, got 0
        ✖ measures[0].centiles[1]: expected a number < 100, got 100
        ✖ measures[0].centiles[2]: expected at most 3 decimals, got 97.12345"
    `);
    expect(check(tis([95, 95]))).toMatchInlineSnapshot(`"  ✖ measures[0].centiles: expected each centile once"`);
    expect(check(tis(Array.from({ length: 11 }, (_, k) => k + 1)))).toMatchInlineSnapshot(`"  ✖ measures[0].centiles: expected at most 10 items, got 11"`);
  });

  test('kpis and expect may name any centile', () => {
    expect(check((s) => { tis([97.5])(s); s.kpis = ['measure.p97.5', 'measure.p50']; })).toBe('ok');
    // The list of known metrics that follows is the catalogue's: not pinned here.
    expect(check((s) => { s.kpis = ['measure.p100']; })).toMatch(/^ {2}✖ kpis\[0\]: unknown KPI "measure\.p100": did you mean "measure\.p50"\? \(known: arrivals, /);
  });
});
