// The event log of one replication (runner/event-log/) against that replication's own KPIs
// (the runner's replication API, as `run --per-replication` gives them): arrivals, patients
// treated, mean time in system of the treated and the mean wait for a place, computed from
// the log alone, on two library scenarios. The log is read back with the project's RFC 4180
// reader (scenarios/fit/csv.ts), as a spreadsheet would read it: a table.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../../scenarios/load.ts';
import type { Scenario } from '../../../scenarios/schema/scenario.ts';
import { writeEventLog } from '../../../runner/event-log/replication-log.ts';
import { compileVariant, runReplication } from '../../../runner/replicate.ts';
import { parseCsv } from '../../../scenarios/fit/csv.ts';
import { CSV_COLUMNS } from '../../../runner/event-log/csv.ts';

const library = (name: string) => fileURLToPath(new URL(`../../../scenarios/library/${name}`, import.meta.url));

function scenario(name: string, horizonDays: number): Scenario {
  const l = loadScenario(library(name));
  if (!l.ok) throw new Error(JSON.stringify(l.issues));
  // Shorter than the library's run, to keep the test quick (the warm-up stays), with every
  // KPI reported (a scenario's own kpis list chooses a few).
  return { ...l.value, kpis: undefined, time: { ...l.value.time, horizonDays } };
}

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

function csvLog(s: Scenario, replication: number): { rows: Row[]; kpis: Record<string, number> } {
  let text = '';
  const utf8 = new TextDecoder();
  const r = writeEventLog(s, { format: 'csv', replication, seed: s.time.seed }, (c) => { text += utf8.decode(c); });
  if (!r.ok || r.value.stopped) throw new Error('the log did not finish');
  const t = parseCsv(text, 10_000_000);
  if (!t.ok) throw new Error(t.message);
  expect(t.value.header).toEqual([...CSV_COLUMNS]);
  for (const x of t.value.rows) expect(x.fields).toHaveLength(CSV_COLUMNS.length);
  const rows = [...t.value.rows].map((x) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, x.fields[i]])) as Row);
  return { rows, kpis: r.value.replication!.kpis };
}

/** The KPIs the log itself gives, in the measured window [warm-up, horizon). */
function logSummary(rows: Row[], warmup: number, places: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (k: string, x = 1) => { out[k] = (out[k] ?? 0) + x; };
  const arrivedAt = new Map<string, number>();
  const time = new Map<string, { n: number; sum: number }>();
  const waitFrom = new Map<string, number>(); // patient|resource → when they asked
  const waits = new Map<string, { n: number; sum: number }>();
  for (const r of rows) {
    const t = Number(r.time_hours);
    if (r.lifecycle === 'arrive') {
      arrivedAt.set(r.patient, t);
      if (t >= warmup) add(`arrivals[${r.class}]`);
    }
    if (r.lifecycle === 'leave' && r.outcome === 'treated' && t >= warmup) {
      add(`completed[${r.class}]`);
      const a = arrivedAt.get(r.patient)!;
      if (a >= warmup) {
        const x = time.get(r.class) ?? { n: 0, sum: 0 };
        time.set(r.class, { n: x.n + 1, sum: x.sum + (t - a) });
      }
    }
    const place = `${r.site}/${r.resource}`;
    if (['ward', 'cubicle', 'chair', 'trolley'].includes(r.resource_type) && places.includes(place)) {
      const key = `${r.patient}|${place}`;
      if (r.lifecycle === 'wait') waitFrom.set(key, t);
      if (r.lifecycle === 'start') {
        const from = waitFrom.get(key) ?? t;
        waitFrom.delete(key);
        if (from >= warmup) {
          const x = waits.get(place) ?? { n: 0, sum: 0 };
          waits.set(place, { n: x.n + 1, sum: x.sum + (t - from) });
        }
      }
      if (r.lifecycle === 'renege') waitFrom.delete(key);
    }
  }
  for (const [c, x] of time) out[`time.mean[${c}]`] = x.sum / x.n;
  for (const [p, x] of waits) out[`wait.mean[${p}]`] = x.sum / x.n;
  return out;
}

describe('the event log agrees with its replication', () => {
  const cases = [
    { name: 'hyperacute-stroke.yaml', days: 60, replication: 2 },
    { name: 'ed-skill-mix.yaml', days: 35, replication: 0 },
  ];
  for (const c of cases) {
    test(`${c.name}: arrivals, treated, mean time in system and mean waits for places`, () => {
      const s = scenario(c.name, c.days);
      const { rows, kpis } = csvLog(s, c.replication);
      const v = compileVariant(s, 'baseline');
      if (!v.ok) throw new Error('compile');
      const h = v.value.model;
      // The run's own replication (as the runner runs it): the log changes no number.
      const own = runReplication(h, s.time.seed, c.replication);
      expect(kpis).toEqual(own);
      const places = h.layout.wards.map((w) => w.pool);
      const log = logSummary(rows, h.warmup, places);
      let compared = 0;
      for (const cls of h.layout.classes) {
        for (const k of [`arrivals[${cls.id}]`, `completed[${cls.id}]`]) {
          expect(log[k] ?? 0, k).toBe(own[k]);
          compared++;
        }
        const tk = `time.mean[${cls.id}]`;
        if (Number.isFinite(own[tk])) {
          expect(log[tk], tk).toBeCloseTo(own[tk], 9);
          compared++;
        }
      }
      for (const p of places) {
        const k = `wait.mean[${p}]`;
        if (!(k in own) || !Number.isFinite(own[k])) continue;
        expect(log[k], k).toBeCloseTo(own[k], 9);
        compared++;
      }
      expect(compared).toBeGreaterThan(4);
      // Every patient arrives once, and leaves once (treated, another way, or still there at the end).
      const arrive = rows.filter((r) => r.lifecycle === 'arrive').map((r) => r.patient);
      const leave = rows.filter((r) => r.lifecycle === 'leave').map((r) => r.patient);
      expect(new Set(arrive).size).toBe(arrive.length);
      expect([...leave].sort()).toEqual([...arrive].sort());
      // In time order, and no engine labels ("stroke[4]") among the activities.
      for (let i = 1; i < rows.length; i++) expect(Number(rows[i].time_hours)).toBeGreaterThanOrEqual(Number(rows[i - 1].time_hours));
      const steps = new Set(Object.values(s.pathways).flat().map((x) => x.id));
      for (const r of rows) expect(r.activity === 'arrival' || steps.has(r.activity), r.activity).toBe(true);
    });
  }
});
