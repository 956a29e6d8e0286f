// Measures in teaching mode are named in words, not ids: the catalogue's label and what it
// is measured on, for every measure the teaching clinic's experiment reports.
import { expect, test } from 'vitest';
import { formatDifference, formatValue, plainName } from '../../ui/src/teach/kpi-display.ts';

test('plain names: label and scope in words, no brackets or skill: prefix', () => {
  expect(plainName('wait.p90[clinic/skill:consult]')).toBe('wait, 90th centile — consult at clinic');
  expect(plainName('arrivals[all]')).toBe('arrivals — all patients');
  expect(plainName('time.mean[walk-in]')).toBe('time in system of treated patients, mean (from arrival, or the run\'s start for those on a starting waiting list) — walk-in');
  expect(plainName('staff.utilisation[clinic/clinician]')).toBe('staff utilisation — clinic / clinician');
  expect(plainName('not.in.catalogue')).toBe('not.in.catalogue');
});

test('a difference from the baseline is signed; a share\'s in percentage points, its value in per cent', () => {
  expect(formatValue(0.811, 'ed.4h[all]')).toBe('81.1 %');
  expect(formatDifference(-0.351, 'ed.4h[all]')).toBe('−35.1 pts');
  expect(formatDifference(0.0212, 'staff.utilisation[clinic/clinician]')).toBe('+2.12 pts');
  expect(formatDifference(0.25, 'wait.mean[clinic/skill:consult]')).toBe('+15.0 min');
  expect(formatDifference(-3, 'arrivals[all]')).toBe('−3.00 patients');
  expect(formatDifference(0, 'arrivals[all]')).toBe('0.00 patients');
  expect(formatDifference(null, 'arrivals[all]')).toBe('—');
});
