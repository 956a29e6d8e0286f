// Mutual aid between lists booked into scanner (or clinic) slots: long waiters of a
// scanner list with almost no sessions are offered the list of another site, whose
// expected wait (its size over the slots its sessions hold in a week) is far shorter.
// With every offer accepted and a cap of 5 a week, exactly 5 move each week; they keep
// their referral date and are scanned at the other site. Lists of different kinds may
// not share a policy.
import { describe, expect, test } from 'vitest';
import { checkEdited, runEdited } from './scenario-fixture.ts';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];
function region(): any {
  return {
    id: 'mri-region', title: 'Two MRI lists',
    time: { horizonDays: 56, warmupDays: 0, replications: 2, seed: 1 },
    sites: [
      // North: one 20-minute slot a week for 100 patients already waiting 10 to 20 weeks.
      { id: 'north', scanners: [{ id: 'mri', sessions: [{ days: ['mon'], start: '09:00', end: '09:20' }] }] },
      // South: 24 slots a day, 120 a week, for 1 referral a week.
      { id: 'south', scanners: [{ id: 'mri', sessions: [{ days: weekdays, start: '09:00', end: '17:00' }] }] },
    ],
    classes: [{ id: 'north-routine', site: 'north', priority: 4 }, { id: 'south-routine', site: 'south', priority: 4 }],
    waitingLists: [
      { id: 'north-mri', site: 'north', referrals: [{ class: 'north-routine', perWeek: 1 }], bookInto: { scanners: ['mri'], slotMinutes: 20 },
        initialList: { byWeeksWaited: [{ fromWeeks: 10, toWeeks: 20, patients: 100 }] } },
      { id: 'south-mri', site: 'south', referrals: [{ class: 'south-routine', perWeek: 1 }], bookInto: { scanners: ['mri'], slotMinutes: 20 } },
    ],
    mutualAid: [{ id: 'region', lists: ['north-mri', 'south-mri'], thresholdWeeks: 6, acceptance: 1, transferDelay: { dist: 'deterministic', value: 1, unit: 'days' }, weeklyCap: 5, marginWeeks: 0 }],
  };
}

describe('mutual aid between scanner lists', () => {
  test('every Monday the cap moves exactly 5 long waiters north to south: 5 a week, none back', () => {
    const k = runEdited(region, () => {});
    expect(k['mutualAid.transfers[region]']).toBe(5);
    expect(k['mutualAid.flow[north-mri/south-mri]']).toBe(5);
    expect(k['mutualAid.flow[south-mri/north-mri]']).toBe(0);
  });

  test('the moved patients are scanned in the south with their waits counted from referral; without aid the south scans only its own', () => {
    const aid = runEdited(region, () => {});
    const none = runEdited(region, (s) => { s.mutualAid = []; });
    // 8 Mondays × 5, each scanned within the week it arrives (the south has 120 slots a week).
    expect(aid['scans[south-mri]'] - none['scans[south-mri]']).toBeGreaterThan(4.5);
    expect(aid['referral.wait.mean[south-mri]']).toBeGreaterThan(10);
    expect(none['referral.wait.mean[south-mri]']).toBeLessThan(1);
    // Patients are conserved: a move is neither an arrival nor a way out.
    for (const k of [aid, none]) expect(k['outcome.inSystemAtStart[all]'] + k['arrivals[all]']).toBe(k['completed[all]'] + k['outcome.inSystem[all]']);
  });

  test('a policy joins lists of one kind: a theatre list and a scanner list is an error at the list', () => {
    expect(checkEdited(region, (s) => {
      s.sites[1].wards = [{ id: 'ortho', beds: 10 }];
      s.sites[1].theatres = [{ id: 'th1', sessions: [{ days: ['mon'], start: '08:00', end: '17:00' }] }];
      s.waitingLists[1] = { id: 'south-ortho', site: 'south', ward: 'ortho', theatres: ['th1'], referrals: [{ class: 'south-routine', perWeek: 1 }],
        plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'deterministic', value: 2, unit: 'days' } };
      s.mutualAid[0].lists = ['north-mri', 'south-ortho'];
    })).toMatchInlineSnapshot(`"  ✖ mutualAid[0].lists[1]: waiting list "south-ortho" is a theatre list and "north-mri" booked into scanner slots: mutual aid moves patients between lists of one kind"`);
  });
});
