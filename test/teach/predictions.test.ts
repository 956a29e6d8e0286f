// Predict, then run: a prediction is compared with the measured mean and its 95% CI in the
// unit the room typed it in (minutes for times, per cent for shares).
import { expect, test } from 'vitest';
import { outcomeOf } from '../../ui/src/teach/predictions.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';

const doc: RunResultDoc = {
  scenario: 'teaching-clinic', replications: 20, seed: 1,
  variants: [
    { id: 'baseline', name: 'baseline', kpis: { 'wait.mean[clinic/skill:consult]': { mean: 0.33, ciLow: 0.3, ciHigh: 0.36 }, 'staff.utilisation[clinic/clinician]': { mean: 0.568, ciLow: 0.55, ciHigh: 0.58 } } },
    { id: 'on-time', name: 'Start on time', kpis: { 'wait.mean[clinic/skill:consult]': { mean: 0.05, ciLow: null, ciHigh: null } } },
  ],
  comparisons: [],
  warnings: [],
};

test('a wait predicted in minutes is compared in minutes, inside or outside the CI', () => {
  const inside = outcomeOf({ text: 'about 19 minutes', kpi: 'wait.mean[clinic/skill:consult]', variant: 'baseline', value: 19, at: '' }, doc)!;
  expect(inside.mean).toBeCloseTo(19.8, 10);
  expect([inside.ciLow, inside.ciHigh].map((x) => Number(x!.toFixed(6)))).toEqual([18, 21.6]);
  expect(inside.within).toBe(true);
  expect(outcomeOf({ text: 'half an hour', kpi: 'wait.mean[clinic/skill:consult]', variant: 'baseline', value: 30, at: '' }, doc)!.within).toBe(false);
});

test('shares are in per cent; no interval or no number means no verdict; words alone have no outcome', () => {
  expect(outcomeOf({ text: 'busy', kpi: 'staff.utilisation[clinic/clinician]', variant: 'baseline', value: 57, at: '' }, doc)!.within).toBe(true);
  expect(outcomeOf({ text: 'tiny', kpi: 'wait.mean[clinic/skill:consult]', variant: 'on-time', value: 3, at: '' }, doc)!.within).toBeNull();
  expect(outcomeOf({ text: 'shorter', kpi: 'wait.mean[clinic/skill:consult]', variant: 'on-time', at: '' }, doc)!.mean).toBeCloseTo(3, 10);
  expect(outcomeOf({ text: 'waits fall by half', at: '' }, doc)).toBeNull();
});

test('results shown lock the predictions written before them, and only those', async () => {
  const { lockBefore } = await import('../../ui/src/teach/predictions.ts');
  const ps = [
    { text: 'before', at: '2026-12-03T10:00:00.000Z' },
    { text: 'after', at: '2026-12-03T10:05:00.000Z' },
    { text: 'kept', at: '2026-12-03T09:00:00.000Z', locked: true },
  ];
  expect(lockBefore(ps, '2026-12-03T10:01:00.000Z').map((p) => [p.text, p.locked === true])).toEqual([['before', true], ['after', false], ['kept', true]]);
});

test('the experiment says what it ran: the scenario as written, never the live changes', async () => {
  const { whatWasRun } = await import('../../ui/src/teach/components/ExperimentPanel.tsx');
  expect(whatWasRun(doc, 0)).toBe('20 replications (seed 1) of the scenario as written: the baseline and 1 variant. No changes have been made live in this session.');
  expect(whatWasRun(doc, 3)).toBe('20 replications (seed 1) of the scenario as written: the baseline and 1 variant. It does not include the 3 changes made to the live run in this session: those change one replay, not the scenario.');
});
