// The round trip of issue 18 for routing: a model with a known branch probability is run
// with an event log (`pathflow run --event-log`), the log is fitted as it is written
// (`pathflow fit LOG.csv`: a step extract, its patient, activity, lifecycle and time columns
// read by name), and the branch's probability is recovered within the fit's 95% interval;
// the scenario the fit writes is accepted by `check`. Patients still in at the end of the
// run (the log's "leave … in-system" lines) are censored, not counted as leaving.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { main } from '../../../cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'pathflow-routing-round-trip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pathflow(...argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// Triage, then 30% admitted to a ward and 70% treated in a cubicle and sent home; room for everyone.
const ORIGINAL = `
id: routing-round-trip
title: Triage and a branch, for the round trip
time: { startDate: "2025-01-06", horizonDays: 60, warmupDays: 0, replications: 1, seed: 5 }
sites:
  - id: hospital
    wards: [ { id: ward, beds: 400 }, { id: cubicles, beds: 60, kind: cubicle } ]
classes:
  - id: ed
    site: hospital
    arrivals: { perDay: 40 }
    pathway: ed
pathways:
  ed:
    - { id: triage, do: task, place: cubicles, duration: { dist: exponential, mean: 0.5 } }
    - { id: decide, do: branch, options: [ { to: admit, probability: 0.3 }, { to: treat, probability: 0.7 } ] }
    - { id: treat, do: task, place: cubicles, duration: { dist: lognormal, mean: 2, sd: 1 } }
    - { id: home, do: discharge }
    - { id: admit, do: admit, ward: ward }
    - { id: stay, do: stay, duration: { dist: lognormal, mean: 5, sd: 4, unit: days } }
    - { id: out, do: discharge }
`;

test('simulate → event log → fit: the branch probability 0.3 lies in the fitted share\'s 95% interval; the fitted scenario checks', async () => {
  const original = join(dir, 'original.yaml');
  writeFileSync(original, ORIGINAL);
  const log = join(dir, 'log.csv');
  const logged = await pathflow('run', original, '--reps', '1', '--workers', '1', '--event-log', log);
  expect(logged.code).toBe(0);

  const fitted = await pathflow('fit', log, '--json');
  expect(fitted.code).toBe(0);
  const r = JSON.parse(fitted.stdout);
  expect(r.kind).toBe('steps');
  const ed = r.classes.find((c: { id: string }) => c.id === 'ed');
  const out = ed.steps.transitions.filter((t: { from: string }) => t.from === 'triage');
  expect(out.map((t: { to: string }) => t.to).sort()).toEqual(['admit', 'treat']);
  const admit = out.find((t: { to: string }) => t.to === 'admit');
  expect(admit.count).toBeGreaterThan(500);
  expect(admit.low).toBeLessThan(0.3);
  expect(admit.high).toBeGreaterThan(0.3);
  // The log's in-system patients are still in their step at the end, not leaving it.
  const inSystem = readFileSync(log, 'utf8').split('\r\n').filter((l) => l.includes(',leave,in-system,')).length;
  expect(inSystem).toBeGreaterThan(0);
  expect(r.data.problems['in-system'].count).toBe(inSystem);
  expect(ed.steps.steps.reduce((s: number, x: { open: number }) => s + x.open, 0)).toBe(inSystem);
  // Every path of the model, and no other: treat → home, admit → out (the stay step writes no lines of its own).
  expect(ed.steps.transitions.map((t: { from: string; to: string }) => `${t.from}→${t.to}`).sort()).toEqual(['admit→out', 'treat→home', 'triage→admit', 'triage→treat']);

  const scenario = join(dir, 'fitted.yaml');
  writeFileSync(scenario, r.scenario);
  const checked = await pathflow('check', scenario);
  expect(checked.code).toBe(0);
  expect(r.scenario).toMatch(/- \{ id: after-triage, do: branch, options: \[ \{ to: treat, probability: 0\.\d+ \}, \{ to: admit, probability: 0\.\d+ \} \] \}/);
});
