// Huge numbers in the fields added after issue 17's cost model (seasons, escalation,
// measures, clinic and scanner slots, DNAs, the starting list's age bands, patient
// attributes): the whole check (schema, limits, compilation: server/store/check.ts) refuses
// each with the field named, or accepts a value whose run is bounded. Found by hand in the
// audit of issue 17: a booking notice of 10^15 days passed the check and then booked a
// week of sessions at a time for 10^14 weeks at the start of the run (a hang with no
// message).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkDocument } from '../../../server/store/check.ts';
import { defaultCostLimits } from '../../../scenarios/cost/limits.ts';
import { compileVariant, runOne } from '../../../runner/replicate.ts';

const library = (name: string) => parse(readFileSync(new URL(`../../../scenarios/library/${name}.yaml`, import.meta.url), 'utf8'));

function firstIssue(doc: unknown): string {
  const r = checkDocument(doc, defaultCostLimits);
  return r.ok ? 'ok' : `${r.issues[0].path}: ${r.issues[0].message}`;
}

describe('the newer fields, set huge: refused with the field named', () => {
  test('a booking notice of 10^15 days (it hung the run): at most 365', () => {
    const d = library('diagnostics-dm01');
    d.waitingLists[0].bookingNoticeDays = 1e15;
    expect(firstIssue(d)).toBe('waitingLists[0].bookingNoticeDays: expected a number ≤ 365, got 1000000000000000');
    d.waitingLists[0].bookingNoticeDays = 365;
    expect(firstIssue(d)).toBe('ok');
  });

  test('a theatre list\'s booking notice too (the same booking code)', () => {
    const d = library('surgical-hub');
    d.waitingLists[0].bookingNoticeDays = 1e9;
    expect(firstIssue(d)).toBe('waitingLists[0].bookingNoticeDays: expected a number ≤ 365, got 1000000000');
  });

  test('seasons, escalation, measures, DNAs, age bands, clinic slots, attributes, extra sessions', () => {
    const cases: [string, (d: any) => void, string | RegExp][] = [
      ['winter-dgh', (d) => (d.seasons['winter-demand'].growthPerYear = 1e300), 'seasons["winter-demand"].growthPerYear: expected a number ≤ 1, got 1e+300'],
      ['winter-dgh', (d) => (d.seasons['winter-demand'].byMonth[0] = 1e300), 'seasons["winter-demand"].byMonth[0]: expected a number ≤ 100, got 1e+300'],
      ['winter-dgh', (d) => (d.sites[0].wards[1].escalation.beds = 1e15), 'sites[0].wards[1].escalation.beds: expected an integer ≤ 100000, got 1000000000000000'],
      ['hyperacute-stroke', (d) => (d.measures[0].centiles = Array.from({ length: 100 }, (_, k) => k + 0.5)), 'measures[0].centiles: expected at most 10 items, got 100'],
      ['diagnostics-dm01', (d) => (d.waitingLists[0].dna.dischargeAfter = 1e9), 'waitingLists[0].dna.dischargeAfter: expected an integer ≤ 20, got 1000000000'],
      ['diagnostics-dm01', (d) => (d.waitingLists[0].initialList.byWeeksWaited[0].byClass['mri-routine'] = 1e7), /^waitingLists\[0\]\.initialList\.byWeeksWaited: 10,000,920 patients on the waiting lists at the start exceeds the limit of 1,000,000/],
      ['teaching-clinic', (d) => (d.classes[0].arrivals.appointments.slots[0].everyMinutes = 1e-9), /^classes\[0\]\.arrivals\.appointments\.slots\[0\]: [\d,]+ appointments a week for class "booked" exceeds the limit of 50,000/],
      ['hyperacute-stroke', (d) => (d.classes[0].attributes.eligible = { oneOf: Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`v${k}`, 0.01])) }), 'classes[0].attributes.eligible.oneOf: expected 1 to 20 categories, got 100'],
      ['surgical-hub', (d) => (d.waitingLists[0].extraSessions = { sessions: Array(1000).fill({ theatre: 'th1', days: ['sat'], start: '08:00', end: '12:00' }), openAt: 400, closeBelow: 300 }), 'waitingLists[0].extraSessions.sessions: expected at most 50 items, got 1000'],
      ['surgical-hub', (d) => (d.waitingLists[0].extraSessions = { sessions: [{ theatre: 'th1', days: ['sat'], start: '08:00', end: '12:00' }], openAt: 400, closeBelow: 300, openingDelayDays: 1e15 }), 'waitingLists[0].extraSessions.openingDelayDays: expected an integer ≤ 365, got 1000000000000000'],
    ];
    for (const [name, change, expected] of cases) {
      const d = library(name);
      change(d);
      if (typeof expected === 'string') expect(firstIssue(d)).toBe(expected);
      else expect(firstIssue(d)).toMatch(expected);
    }
  });
});

test('the largest notice allowed runs: a year\'s notice books the first year\'s sessions at the start, and the replication ends', () => {
  const d = library('diagnostics-dm01');
  d.waitingLists[0].bookingNoticeDays = 365;
  d.time.horizonDays = 28;
  d.variants = [];
  const r = checkDocument(d, defaultCostLimits);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  const c = compileVariant(r.scenario, 'baseline');
  if (!c.ok) throw new Error('does not compile');
  const one = runOne(c.value.model, 1, 0, false);
  expect(Object.entries(one.kpis).find(([k]) => k.startsWith('scans'))?.[1]).toBeGreaterThan(0);
}, 60_000);
