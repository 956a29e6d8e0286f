// A run sized to a precision in the app's words (ui/src/features/run/precision-words.ts):
// the request from the form, half-widths in the unit the estimate reads in, and why the run
// stopped, with measures and options by their names, never their ids.
import { describe, expect, test } from 'vitest';
import { estimateWords, halfWidthWords, precisionRequest, relativeWords, stopWords, targetWords } from '../../ui/src/features/run/precision-words.ts';
import type { PrecisionBatch } from '../../ui/src/lib/api.ts';

const names = new Map([['clinic', 'Walk-in clinic'], ['consult', 'consultation']]);
const options = [{ id: 'baseline', name: 'Baseline' }, { id: 'on-time', name: 'Start on time' }];

describe('the precision asked for', () => {
  test('±% of each estimate or ± in the unit, the cap from the first batch to the most allowed; a bad value names its field', () => {
    expect(precisionRequest({ kind: 'relative', value: '5', cap: '160' }, 20, 1000)).toEqual({ request: { relative: 0.05, maxReplications: 160 } });
    expect(precisionRequest({ kind: 'absolute', value: '0.5', cap: '40' }, 10, 1000)).toEqual({ request: { absolute: 0.5, maxReplications: 40 } });
    expect(precisionRequest({ kind: 'relative', value: '100', cap: '40' }, 10, 1000)).toEqual({ error: 'Precision: expected a percentage above 0 and below 100, got "100"' });
    expect(precisionRequest({ kind: 'absolute', value: 'tight', cap: '40' }, 10, 1000)).toEqual({ error: 'Precision: expected a number above 0, got "tight"' });
    expect(precisionRequest({ kind: 'relative', value: '5', cap: '8' }, 10, 1000)).toEqual({ error: 'Most replications: expected a whole number from 10 (the first batch) to 1000, got "8"' });
    expect(targetWords({ kind: 'relative', value: '5', cap: '1' })).toBe('±5% of each estimate');
    expect(targetWords({ kind: 'absolute', value: '0.5', cap: '1' })).toBe("±0.5 in each measure's own unit");
  });
});

describe('estimates and half-widths in words', () => {
  test('a wait in minutes, a share in points, a count in its unit; the half-width as a share of the estimate', () => {
    expect(estimateWords('wait.mean[clinic/skill:consult]', 0.34)).toBe('20.4 minutes');
    expect(halfWidthWords('wait.mean[clinic/skill:consult]', { mean: 0.34, halfWidth: 0.0058 })).toBe('±0.348 minutes');
    expect(estimateWords('staff.utilisation[clinic/clinician]', 0.572)).toBe('57.2%');
    expect(halfWidthWords('staff.utilisation[clinic/clinician]', { mean: 0.572, halfWidth: 0.004 })).toBe('±0.4 points');
    expect(estimateWords('completed[all]', 480.3)).toBe('480 patients');
    expect(halfWidthWords('completed[all]', { mean: 480.3, halfWidth: null })).toBe('not measurable');
    expect(relativeWords({ mean: 480, halfWidth: 24 })).toBe('5%');
    expect(relativeWords({ mean: 0, halfWidth: 1 })).toBe('—');
  });
});

const batch = (over: Partial<PrecisionBatch>): PrecisionBatch => ({ replications: 8, target: '±5%', maxReplications: 8, met: false, stopped: true, notMet: 1, estimates: [], truncated: false, ...over });

describe('why the run stopped', () => {
  test('the target reached: at how many replications', () => {
    expect(stopWords(batch({ met: true, notMet: 0 }), undefined, undefined, options, names))
      .toBe("Stopped: target reached at 8 replications per option. Every chosen measure's 95% confidence interval is within ±5%.");
  });

  test('the cap reached: which measures of which options did not get there, by their names, from the run\'s document', () => {
    const outcome = {
      target: '±5%', kpis: ['wait.mean[clinic/skill:consult]', 'staff.utilisation[clinic/clinician]'], maxReplications: 8, met: false,
      notMet: [
        { variant: 'on-time', kpi: 'wait.mean[clinic/skill:consult]', halfWidth: 0.01, target: 0.0025 },
        { variant: 'baseline', kpi: 'staff.utilisation[clinic/clinician]', halfWidth: 0.03, target: 0.02 },
      ],
    };
    const words = stopWords(batch({}), outcome, 8, options, names);
    expect(words).toBe('Stopped: the most replications allowed (8 per option) was reached before every measure reached ±5%. 2 did not reach it: '
      + 'Mean wait — consultation tasks (Walk-in clinic) (Start on time): ±0.01 hours, target ±0.0025 hours; '
      + 'Staff time busy — clinician (Walk-in clinic) (Baseline): ±3 points, target ±2 points.');
    expect(words).not.toMatch(/on-time|\[|skill:/);
  });
});
