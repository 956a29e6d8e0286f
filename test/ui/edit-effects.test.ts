// Edits with their side effects, as the key-numbers form shows them: a value far outside the
// scenario's own range is questioned (a warning, not an error), and beds changed without the
// site's staff get the coupled change offered (the staff that keeps each role's ratio to beds).
import { describe, expect, test } from 'vitest';
import { bedsWithoutStaff, plausibility, staffOf } from '../../ui/src/lib/edit-effects.ts';

const doc = {
  sites: [{
    id: 'dgh', name: 'District General',
    wards: [{ id: 'medical', beds: 24 }, { id: 'surgical', beds: 30 }],
    staff: [
      { role: 'nurse', skills: ['care'], shifts: [{ days: ['mon'], start: '07:00', end: '19:00', count: 12 }, { days: ['mon'], start: '19:00', end: '07:00', count: 12 }] },
      { role: 'consultant', skills: ['review'], count: 2 },
    ],
  }],
};
const bedsAt = (wi: number) => ['sites', 0, 'wards', wi, 'beds'];

describe('plausibility: values far outside the scenario\'s range', () => {
  test('1e9 beds on a ward of a scenario whose largest ward has 30 is questioned', () => {
    expect(plausibility(bedsAt(0), 1e9, doc)).toMatchInlineSnapshot(`"1×10^9 is over a thousand times the largest beds elsewhere in this scenario (30). Check it: a value this far out may be a slip, and makes a run long or meaningless."`);
  });
  test('with 200,000 comparable values (a ward\'s bed changes): the largest found without a stack overflow', () => {
    const many = { sites: [{ wards: [{ id: 'w', beds: 20, changes: Array.from({ length: 200_000 }, (_, k) => ({ fromDay: k, beds: k === 5 ? 40 : 20 })) }] }] };
    expect(plausibility(bedsAt(0), 400, many)).toContain('10 times the largest beds elsewhere in this scenario (40)');
  });
  test('ten times the largest comparable value is the line: 299 beds pass, 300 do not', () => {
    expect(plausibility(bedsAt(0), 299, doc)).toBeNull();
    expect(plausibility(bedsAt(0), 300, doc)).toContain('10 times the largest beds elsewhere in this scenario (30)');
  });
  test('the field\'s own value is not its own peer; what it held when the form opened is', () => {
    const one = { sites: [{ wards: [{ id: 'only', beds: 20 }] }] };
    expect(plausibility(bedsAt(0), 250, one)).toBeNull(); // nothing else to compare with
    expect(plausibility(bedsAt(0), 250, one, 20)).toContain('(20)');
  });
  test('staff on duty compare with every shift and role of the scenario', () => {
    expect(plausibility(['sites', 0, 'staff', 1, 'count'], 200, doc)).toContain('staff on duty elsewhere in this scenario (12)');
    expect(plausibility(['sites', 0, 'staff', 1, 'count'], 3, doc)).toBeNull();
  });
  test('a duration is compared with what it was only: others may be in minutes, hours or days', () => {
    const stays = { pathways: { a: [{ duration: { dist: 'lognormal', mean: 4, sd: 3, unit: 'days' } }, { duration: { dist: 'gamma', mean: 10, sd: 3, unit: 'minutes' } }] } };
    const mean = ['pathways', 'a', 0, 'duration', 'mean'];
    expect(plausibility(mean, 120, stays)).toBeNull();
    expect(plausibility(mean, 120, stays, 4)).toBe('120 is 30 times what it was (4). Check it: a value this far out may be a slip, and makes a run long or meaningless.');
  });
  test('not a number, zero or negative: nothing to say (the schema speaks to those)', () => {
    expect(plausibility(bedsAt(0), 'lots', doc)).toBeNull();
    expect(plausibility(bedsAt(0), 0, doc)).toBeNull();
  });
});

describe('beds without staff: the coupled change', () => {
  const withBeds = (medical: number) => ({ ...doc.sites[0], wards: [{ id: 'medical', beds: medical }, { id: 'surgical', beds: 30 }] });
  test('six more beds with the same staff: each role\'s ratio kept, as one edit of the site\'s staff', () => {
    const effect = bedsWithoutStaff(doc.sites[0], withBeds(30))!;
    expect(effect.fromBeds).toBe(54);
    expect(effect.toBeds).toBe(60);
    expect(effect.text).toBe('Beds at District General 54 → 60, but nurse staffing did not change: the 6 extra beds add no staff cost and no staff to care for their patients.');
    const nurse = effect.offers.find((o) => o.role === 'nurse')!;
    expect(nurse.text).toBe('Keep the nurse-to-bed ratio: 24 → 26 nurse on duty (summed over shifts)');
    expect(nurse.staff[0].shifts).toEqual([expect.objectContaining({ count: 13 }), expect.objectContaining({ count: 13 })]);
    expect(nurse.staff[1]).toBe(doc.sites[0].staff[1]); // the other role untouched
    // 2 consultants × 60/54 = 2.2: rounds to 2, no change to offer.
    expect(effect.offers.map((o) => o.role)).toEqual(['nurse']);
  });
  test('the ratio is kept exactly where the numbers allow: 24 → 30 beds on a ward of its own, 24 → 30 nurses', () => {
    const site = { id: 'w', wards: [{ id: 'a', beds: 24 }], staff: [{ role: 'nurse', skills: ['care'], count: 24 }] };
    const effect = bedsWithoutStaff(site, { ...site, wards: [{ id: 'a', beds: 30 }] })!;
    expect(effect.offers[0].text).toBe('Keep the nurse-to-bed ratio: 24 → 30 nurse on duty');
    expect(staffOf(effect.offers[0].staff[0])).toBe(30);
  });
  test('fewer beds: said as the same staff for fewer beds', () => {
    expect(bedsWithoutStaff(doc.sites[0], withBeds(12))!.text).toContain('the same staff now serve 12 fewer beds');
  });
  test('nothing offered when beds did not change, or the staff changed with them', () => {
    expect(bedsWithoutStaff(doc.sites[0], doc.sites[0])).toBeNull();
    const after = bedsWithoutStaff(doc.sites[0], withBeds(30))!;
    expect(bedsWithoutStaff(doc.sites[0], { ...withBeds(30), staff: after.offers[0].staff })).toBeNull();
  });
});
