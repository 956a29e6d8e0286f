// Parameter paths: the notation of error messages, with list entries by position or id,
// and messages that say what exists where a path goes wrong.
import { describe, expect, test } from 'vitest';
import { parsePath, resolvePath, setAt } from '../../../runner/experiment/param-path.ts';

const data = {
  time: { horizonDays: 35 },
  sites: [{ id: 'dgh', wards: [{ id: 'cubicles', beds: 6 }, { id: 'ed-trolleys', beds: 20 }], staff: [{ role: 'acp', count: 1 }] }],
  pathways: { minors: [{ id: 'see', duration: { mean: 30 } }] },
};

const resolve = (text: string) => {
  const steps = parsePath(text);
  if (!steps.ok) return steps.message;
  const r = resolvePath(data, steps.value);
  return r.ok ? r.value : r.message;
};

describe('parsePath', () => {
  test('names, positions, ids and quoted keys', () => {
    expect(parsePath('sites[0].wards[1].beds')).toEqual({ ok: true, value: ['sites', 0, 'wards', 1, 'beds'] });
    expect(parsePath('sites[dgh].wards["ed-trolleys"].beds')).toEqual({ ok: true, value: ['sites', { id: 'dgh' }, 'wards', { id: 'ed-trolleys' }, 'beds'] });
    expect(parsePath('sites[dgh].wards[ed-trolleys].beds')).toEqual({ ok: true, value: ['sites', { id: 'dgh' }, 'wards', { id: 'ed-trolleys' }, 'beds'] });
  });

  test('malformed paths name the character', () => {
    expect(parsePath('sites[0.beds')).toEqual({ ok: false, message: 'bad parameter path "sites[0.beds": unclosed "[" at character 6' });
    expect(parsePath('sites[0]beds')).toEqual({ ok: false, message: 'bad parameter path "sites[0]beds": expected "." or "[" at character 9' });
    expect(parsePath('')).toEqual({ ok: false, message: 'bad parameter path "": empty' });
    expect(parsePath('sites[]')).toEqual({ ok: false, message: 'bad parameter path "sites[]": empty "[]" at character 6' });
  });
});

describe('resolvePath', () => {
  test('by position and by id lead to the same field, positions resolved', () => {
    expect(resolve('sites[0].wards[1].beds')).toEqual({ path: ['sites', 0, 'wards', 1, 'beds'], value: 20 });
    expect(resolve('sites[dgh].wards[ed-trolleys].beds')).toEqual({ path: ['sites', 0, 'wards', 1, 'beds'], value: 20 });
    expect(resolve('sites[dgh].staff[acp].count')).toEqual({ path: ['sites', 0, 'staff', 0, 'count'], value: 1 }); // staff by role
    expect(resolve('pathways.minors[see].duration.mean')).toEqual({ path: ['pathways', 'minors', 0, 'duration', 'mean'], value: 30 });
  });

  test('an unknown step says what exists there', () => {
    expect(resolve('sites[9].wards[0].beds')).toBe('sites[9]: no such entry; sites has 1 ([0] dgh)');
    expect(resolve('sites[0].wardz')).toBe('sites[0].wardz: no field "wardz" in sites[0] (fields: id, wards, staff)');
    expect(resolve('sites[dgh].wards[icu].beds')).toBe('sites[0].wards[icu]: no entry with id "icu"; sites[0].wards has 2 ([0] cubicles, [1] ed-trolleys)');
    expect(resolve('sites[0].staff[nurse].count')).toBe('sites[0].staff[nurse]: no entry with role "nurse"; sites[0].staff has 1 ([0] acp)');
    expect(resolve('time.horizonDays.value')).toBe('time.horizonDays is a number (35), which has no field "value"');
    expect(resolve('costs.bedDay')).toBe('costs: no field "costs" in the scenario (fields: time, sites, pathways)');
  });
});

test('setAt copies along the path and leaves the original alone', () => {
  const out = setAt(data, ['sites', 0, 'wards', 1, 'beds'], 24);
  expect(out.sites[0].wards[1].beds).toBe(24);
  expect(data.sites[0].wards[1].beds).toBe(20);
  expect(out.sites[0].wards[0]).toBe(data.sites[0].wards[0]); // untouched branches shared
});
