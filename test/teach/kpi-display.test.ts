// Measures in teaching mode are named in words, not ids: the catalogue's label and what it
// is measured on, for every measure the teaching clinic's experiment reports.
import { expect, test } from 'vitest';
import { plainName } from '../../ui/src/teach/kpi-display.ts';

test('plain names: label and scope in words, no brackets or skill: prefix', () => {
  expect(plainName('wait.p90[clinic/skill:consult]')).toBe('wait, 90th centile — consult at clinic');
  expect(plainName('arrivals[all]')).toBe('arrivals — all patients');
  expect(plainName('time.mean[walk-in]')).toBe('time in system of treated patients, mean — walk-in');
  expect(plainName('staff.utilisation[clinic/clinician]')).toBe('staff utilisation — clinic / clinician');
  expect(plainName('not.in.catalogue')).toBe('not.in.catalogue');
});
