// DNAs on a waiting list in the scenario language: the mistakes a user can make, each
// with its path; the DNA KPIs; and every patient still accounted for.
import { describe, expect, test } from 'vitest';
import { yamlFixture, checkEdited, runEdited } from './scenario-fixture.ts';
import { kpiInfo } from '../../scenarios/kpis/catalogue.ts';

function fixture() {
  const s = yamlFixture('elective');
  s.classes.push({ id: 'north-urgent', site: 'north', priority: 2 });
  s.waitingLists[0].referrals = [{ class: 'north-urgent', perWeek: 1 }, { class: 'north-routine', perWeek: 2 }];
  s.variants = [];
  return s;
}

const check = (edit: (s: any) => void) => checkEdited(fixture, edit);

const run = (edit: (s: any) => void) => runEdited(fixture, edit);

describe('waitingLists[].dna', () => {
  test('probabilities in [0, 1], a whole number of DNAs, classes of the list', () => {
    expect(check((s) => { s.waitingLists[0].dna = { probability: 1.2, dischargeAfter: 0, byClass: { 'north-urgent': -1 } }; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].dna.probability: expected a number ≤ 1, got 1.2
        ✖ waitingLists[0].dna.dischargeAfter: expected an integer ≥ 1, got 0
        ✖ waitingLists[0].dna.byClass["north-urgent"]: expected a number ≥ 0, got -1"
    `);
    expect(check((s) => { s.waitingLists[0].dna = { probability: 0.1, dischargeAfter: 2.5, byClass: { 'south-routine': 0.1 } }; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].dna.dischargeAfter: expected an integer, got 2.5
        ✖ waitingLists[0].dna.byClass["south-routine"]: class "south-routine" is not referred to waiting list "north-ortho": did you mean "north-routine"? (referred: north-urgent, north-routine)"
    `);
    expect(check((s) => { s.waitingLists[0].dna = { probability: 0.1, byClass: { 'north-urgent': 0.02 }, dischargeAfter: 2 }; })).toBe('ok');
  });

  test('KPIs: DNAs a week, their share, discharges after DNAs; every patient accounted for', () => {
    const k = run((s) => { s.waitingLists[0].dna = { probability: 0.3, byClass: { 'north-urgent': 0 }, dischargeAfter: 2 }; });
    expect(k['dna.perWeek[north-ortho]']).toBeGreaterThan(0);
    expect(k['dna.share[north-ortho/north-urgent]']).toBe(0); // probability 0 for the urgent class
    expect(k['dna.share[north-ortho/north-routine]']).toBeGreaterThan(0.15);
    expect(k['dna.discharged[north-ortho]']).toBeGreaterThan(0);
    for (const scope of ['north-routine', 'all'])
      expect(k[`outcome.inSystemAtStart[${scope}]`] + k[`arrivals[${scope}]`]).toBe(
        k[`completed[${scope}]`] + k[`outcome.dnaDischarged[${scope}]`] + k[`outcome.inSystem[${scope}]`]);
    for (const name of ['dna.perWeek', 'dna.share', 'dna.discharged', 'outcome.dnaDischarged']) expect(kpiInfo(name)?.better).toBe('lower');
  });

  test('without dna, none of its KPIs; a probability of 0 is no DNA at all', () => {
    const k = run(() => {});
    expect(Object.keys(k).filter((n) => n.startsWith('dna.') || n.startsWith('outcome.dna'))).toEqual([]);
    const zero = run((s) => { s.waitingLists[0].dna = { probability: 0 }; });
    expect(zero).toEqual(k);
  });
});
