// A step extract (several rows per patient: patient, step, time): the routing between steps
// recovered from the example the repository ships (validation/examples/ed-steps.csv, drawn
// from a known routing), its mess counted exactly, a small extract whose transitions and
// durations are known by hand, and the scenario written accepted as `check` reads it.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fitExtract, type FitOptions, type FitReport } from '../../../scenarios/fit/fit.ts';
import { parseTimestamp } from '../../../scenarios/fit/stays.ts';
import { scenarioText } from '../../../scenarios/fit/scenario-text.ts';
import { loadScenarioText } from '../../../scenarios/load.ts';
import { checkCost } from '../../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../../scenarios/cost/limits.ts';
import { STEPS, STEPS_EXAMPLE_PATH, syntheticSteps } from '../../../validation/fit-steps-example.ts';

const text = readFileSync(STEPS_EXAMPLE_PATH, 'utf8');
const fit = (t: string, options: FitOptions = {}): FitReport => { const r = fitExtract(t, options); if (!r.ok) throw new Error(r.message); return r.value; };

describe('the example step extract', () => {
  test('is what its generator makes (regenerate: npx tsx validation/fit-steps-example.ts)', () => {
    expect(text).toBe(syntheticSteps());
  });

  test('its mess is counted exactly (counted here independently): missing and unreadable times, missing steps, rows out of order', () => {
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    const byPatient = new Map<string, string[][]>();
    for (const r of rows) byPatient.set(r[0], [...(byPatient.get(r[0]) ?? []), r]);
    const spoilt = (r: string[]) => r[3] === '' || parseTimestamp(r[3]) === undefined || r[2] === '';
    const expected = {
      'missing-time': rows.filter((r) => r[3] === '').length,
      'bad-time': rows.filter((r) => r[3] !== '' && parseTimestamp(r[3]) === undefined).length,
      'missing-step': rows.filter((r) => r[2] === '' && r[3] !== '' && parseTimestamp(r[3]) !== undefined).length,
      'incomplete-patient': [...byPatient.values()].filter((rs) => rs.some(spoilt)).length,
      'out-of-order': [...byPatient.values()].filter((rs) => {
        const t = rs.filter((r) => !(r[3] === '' || parseTimestamp(r[3]) === undefined) && r[2] !== '').map((r) => parseTimestamp(r[3])!);
        return t.some((x, i) => i > 0 && x < t[i - 1]);
      }).length,
    };
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    const r = fit(text);
    expect(r.kind).toBe('steps');
    expect(Object.fromEntries(Object.entries(r.data.problems).map(([k, p]) => [k, p.count]))).toEqual(expected);
  });

  test('every true branch probability lies in its Wilson 95% interval, and no transition is seen that the routing does not have', () => {
    const routing = fit(text).classes[0].steps!;
    for (const t of routing.transitions) {
      const truth = STEPS[t.from].next[t.to];
      expect(truth, `${t.from} → ${t.to}`).toBeDefined();
      if (truth === 1) expect(t.share).toBe(1);
      else {
        expect(t.low).toBeLessThan(truth);
        expect(t.high).toBeGreaterThan(truth);
      }
    }
    expect(routing.transitions.map((t) => `${t.from}→${t.to}`).sort()).toEqual(['majors→home', 'majors→ward', 'minors→home', 'triage→majors', 'triage→minors', 'ward→discharged']);
    expect(routing.entries.map((e) => e.id)).toEqual(['triage']);
    expect(routing.steps.filter((s) => s.exit).map((s) => s.id).sort()).toEqual(['discharged', 'home']);
  });

  test('each step\'s true family is the best by AIC and its true mean is in the fit\'s 95% interval (times to the minute)', () => {
    const routing = fit(text).classes[0].steps!;
    for (const id of ['triage', 'majors', 'minors']) {
      const st = routing.steps.find((s) => s.id === id)!;
      const truth = STEPS[id].duration!;
      expect(st.durations!.ranked[0].family, id).toBe(truth.dist);
      const f = st.durations!.ranked.find((g) => g.family === truth.dist)!;
      expect(f.mean.low, id).toBeLessThan(truth.mean);
      expect(f.mean.high, id).toBeGreaterThan(truth.mean);
    }
  });

  test('the scenario written is valid within the limits: a stay per step a patient went on from, a branch after it summing to 1, a discharge per exit', () => {
    const yaml = scenarioText(fit(text), 'ed-steps.csv');
    const s = loadScenarioText(yaml, 'yaml');
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    const cost = checkCost(s.value, defaultCostLimits);
    expect([...cost.issues, ...cost.overloads]).toEqual([]);
    const pathway = s.value.pathways.ed;
    expect(pathway.map((x) => `${x.id}:${x.do}`)).toEqual([
      'triage:stay', 'after-triage:branch', 'minors:stay', 'after-minors:branch', 'majors:stay', 'after-majors:branch', 'ward:stay', 'after-ward:branch', 'home:discharge', 'discharged:discharge',
    ]);
    const branch = pathway.find((x) => x.id === 'after-triage') as { options: { to: string; probability: number }[] };
    expect(branch.options.map((o) => o.to)).toEqual(['minors', 'majors']);
    expect(branch.options.reduce((a, o) => a + o.probability, 0)).toBeCloseTo(1, 12);
    expect(pathway[0]).toMatchObject({ duration: { dist: 'gamma', unit: 'minutes' } });
  });
});

describe('a small step extract, known by hand', () => {
  // 12 patients: a → b → d (6), a → c → d (3), a → b (still in b: an event log's in-system), a 10th with its rows out of order,
  // an 11th with a row without a time, a 12th with a step not among those named.
  const rows: string[] = ['patient,class,step,time,lifecycle,outcome'];
  const t = (h: number) => `2025-01-01 ${String(h).padStart(2, '0')}:00`;
  for (let i = 1; i <= 6; i++) rows.push(`${i},x,a,${t(i)},,`, `${i},x,b,${t(i + 1)},,`, `${i},x,d,${t(i + 1 + (i % 3) + 1)},,`);
  for (let i = 7; i <= 9; i++) rows.push(`${i},x,a,${t(i)},,`, `${i},x,c,${t(i + 2)},,`, `${i},x,d,${t(i + 2 + (i % 2) + 1)},,`);
  rows.push('20,x,a,2025-01-01 01:00,,', '20,x,b,2025-01-01 03:00,,', '20,x,b,2025-01-01 23:00,leave,in-system');
  rows.push('21,x,b,2025-01-01 14:00,,', '21,x,a,2025-01-01 12:00,,', '21,x,d,2025-01-01 16:00,,');
  rows.push('22,x,a,2025-01-01 12:00,,', '22,x,b,,,', '22,x,d,2025-01-01 16:00,,');
  rows.push('23,x,a,2025-01-01 12:00,,', '23,x,xray,2025-01-01 13:00,,', '23,x,d,2025-01-01 16:00,,');
  const extract = rows.join('\n') + '\n';

  test('transitions counted exactly; a patient out of order put in order; one without a time left out of the routing; an unknown step skipped', () => {
    const r = fit(extract, { steps: ['a', 'b', 'c', 'd'] });
    expect(Object.fromEntries(Object.entries(r.data.problems).map(([k, p]) => [k, p.count]))).toEqual({ 'missing-time': 1, 'unknown-step': 1, 'out-of-order': 1, 'incomplete-patient': 1, 'in-system': 1 });
    const routing = r.classes[0].steps!;
    // a → b: patients 1–6, 20 and 21 (8); a → c: 7–9 (3); a → d: 23, whose xray row is not among the steps named (1).
    expect(routing.transitions.map((x) => [x.from, x.to, x.count])).toEqual([['a', 'b', 8], ['a', 'c', 3], ['a', 'd', 1], ['b', 'd', 7], ['c', 'd', 3]]);
    expect(routing.patients).toBe(12);
    const b = routing.steps.find((s) => s.id === 'b')!;
    expect(b).toMatchObject({ visits: 8, left: 7, ended: 0, open: 1, exit: false });
    const a = routing.steps.find((s) => s.id === 'a')!;
    // a's durations: 1 h for 1–6, 2 h for 7–9, 20 and 21, 4 h for 23.
    expect(a.durations!.sample.mean).toBeCloseTo((6 * 1 + 5 * 2 + 4) / 12, 12);
    const [low, high] = [routing.transitions[0].low, routing.transitions[0].high];
    expect(low).toBeLessThan(8 / 12);
    expect(high).toBeGreaterThan(8 / 12);
  });
});
