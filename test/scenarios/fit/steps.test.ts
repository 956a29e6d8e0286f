// A step extract (several rows per patient: patient, step, time): the routing between steps
// recovered from the example the repository ships (validation/examples/ed-steps.csv, drawn
// from a known routing), its mess counted exactly, a small extract whose transitions and
// durations are known by hand, and the scenario written accepted as `check` reads it; with
// lifecycle values (start, complete, suspend, resume), each step's service and the wait
// before it, known by hand.
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
    // No start or complete rows: durations from entering a step to entering the next, no waits told apart.
    expect(routing.steps.every((st) => st.basis === 'visit' && st.waits === undefined)).toBe(true);
  });
});

describe('a step extract with lifecycle values: services and waits told apart, known by hand', () => {
  // Times in hours. 1: waits 1 h for a cubicle and 0.5 h more for a nurse, served 1.5 h; waits 2 h
  // for a bed, then in it until c (4 h, the bed kept through a stay). 2: start and complete rows only
  // (as many process-mining logs): the gap after a step's complete is the next step's wait.
  // 3: keeps the cubicle while waiting for a bed (its complete is the bed's start: not b's service).
  // 4: preempted for 2 h in a. 5: gives up waiting for a. 6: still waiting for a at the end.
  const rows = ['patient,class,step,time,lifecycle,outcome,resource'];
  const r = (p: number, step: string, t: number, lc: string, res = '', outcome = '') => rows.push(`${p},x,${step},${t},${lc},${outcome},${res}`);
  r(1, 'a', 0, 'wait', 'cub'); r(1, 'a', 1, 'start', 'cub'); r(1, 'a', 1, 'wait', 'staff'); r(1, 'a', 1.5, 'start', 'nurse-1'); r(1, 'a', 3, 'complete', 'cub'); r(1, 'a', 3, 'complete', 'nurse-1');
  r(1, 'b', 3, 'wait', 'ward'); r(1, 'b', 5, 'start', 'ward'); r(1, 'c', 9, 'complete', 'ward'); r(1, 'c', 9, 'leave', '', 'treated');
  r(2, 'a', 0, 'start'); r(2, 'a', 2, 'complete'); r(2, 'b', 3, 'start'); r(2, 'b', 4, 'complete'); r(2, 'c', 6, 'start'); r(2, 'c', 7, 'complete');
  r(3, 'a', 0, 'start', 'cub'); r(3, 'b', 2, 'wait', 'ward'); r(3, 'b', 6, 'start', 'ward'); r(3, 'b', 6, 'complete', 'cub'); r(3, 'c', 10, 'complete', 'ward'); r(3, 'c', 10, 'leave', '', 'treated');
  r(4, 'a', 0, 'start', 'cub'); r(4, 'a', 1, 'suspend', 'cub'); r(4, 'a', 3, 'resume', 'cub'); r(4, 'a', 4, 'complete', 'cub'); r(4, 'c', 4, 'leave', '', 'treated');
  r(5, 'a', 0, 'wait', 'cub'); r(5, 'a', 3, 'renege', 'cub'); r(5, 'a', 3, 'leave', '', 'reneged');
  r(6, 'a', 8, 'wait', 'cub'); r(6, 'a', 10, 'leave', '', 'in-system');
  // Ten more through q to z with no lifecycle values, so that the class has 10 complete stays to fit: q's durations are visits.
  for (let p = 11; p <= 20; p++) { r(p, 'q', 0, ''); r(p, 'z', p - 10, ''); }
  const extract = rows.join('\n') + '\n';

  test('each step\'s duration is its service, and the waits before it are reported apart', () => {
    const routing = fit(extract).classes[0].steps!;
    const a = routing.steps.find((s) => s.id === 'a')!, b = routing.steps.find((s) => s.id === 'b')!;
    expect(a.basis).toBe('service');
    // a's services: 1.5 (1), 2 (2), 2 (3: until b is reached), 4 − 2 preempted (4).
    expect(a.mean).toBeCloseTo((1.5 + 2 + 2 + 2) / 4, 12);
    // a's waits: 1.5, 0, 0, 2 (preempted); 5 gave up and 6 still waits, apart.
    expect(a.waits).toMatchObject({ n: 4, waiting: 1, left: 1 });
    expect(a.waits!.mean).toBeCloseTo(3.5 / 4, 12);
    expect(a.waits!.median).toBeCloseTo(0.75, 12);
    // b's services: 4 (1: from the bed to c), 1 (2), 4 (3); waits 2 (1), 1 (2: from a's complete), 4 (3).
    expect(b.basis).toBe('service');
    expect(b.mean).toBeCloseTo(3, 12);
    expect(b.waits).toMatchObject({ n: 3, waiting: 0, left: 0 });
    expect(b.waits!.mean).toBeCloseTo(7 / 3, 12);
    const q = routing.steps.find((s) => s.id === 'q')!;
    expect(q.basis).toBe('visit');
    expect(q.durations!.sample.mean).toBeCloseTo(5.5, 12);
    expect(q.waits).toBeUndefined();
    const text = scenarioText(fit(extract), 'log.csv');
    expect(text).toMatch(/# Each step's duration is its service/);
    // The 90th centile of 0, 0, 1.5 and 2 hours (type 7, as R): 1.85 hours, written as 111 minutes (the unit of the median).
    expect(text).toMatch(/#   waits before the service \(not in the duration\): 4, mean 52\.5 minutes, median 45, 90th centile 111 \(1 still waiting at the extract, 1 left the line unserved: not in these\)/);
  });
});
