// A waiting list booked into timed clinic slots, worked by hand: slot times, the order
// patients are booked in, exact appointments a week, and a DNA's empty slot.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { addClinicList, clinicListOutputs, type ClinicList } from '../../../engine/hospital/clinic-list.ts';

const W = 168;

/** One clinic open Mondays 09:00–12:00; urgent slots 30 min, routine 20 min. */
function clinic(extra: Partial<ClinicList>) {
  const model = new Model()
    .pool('room', { capacity: 0, schedule: { period: W, points: [{ at: 9, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addClinicList(model, {
    id: 'fracture', referrals: [{ class: 'urgent', priority: 1, times: [] }, { class: 'routine', priority: 3, times: [] }],
    slotHours: 20 / 60, slotHoursByClass: { urgent: 0.5 }, clinics: ['room'],
    sessions: [{ theatre: 0, start: 9, end: 12 }], ...extra,
  });
  return model;
}

describe('timed slots (by hand)', () => {
  test('urgent first, then longest wait; each seen at their slot, back to back from 09:00', () => {
    const model = clinic({ referrals: [{ class: 'urgent', priority: 1, times: [5] }, { class: 'routine', priority: 3, times: [1, 2, 3] }] });
    const sim = new Simulation(model.compile(), { seed: 1, horizon: W });
    const starts: [number, string][] = [];
    sim.observe((e) => { if (e.type === 'seize' && e.pool === 'room') starts.push([e.time, e.entity === 4 ? 'urgent' : `routine-${e.entity}`]); });
    const r = sim.run();
    // 09:00 urgent (30 min), 09:30, 09:50, 10:10 the routine patients in referral order.
    expect(starts.map(([t]) => Math.round(t * 60))).toEqual([540, 570, 590, 610]);
    expect(r.outputs[clinicListOutputs('fracture').rtt].count).toBe(4);
    expect(r.pools.room.waits.max).toBe(0); // nobody waits at the clinic: they come at their slot
  });

  test('with more referrals than slots, exactly the slots a week are booked: 9 routine slots in 3 hours', () => {
    const times = Array.from({ length: 50 }, (_, k) => k * 0.1 + 0.05);
    const r = new Simulation(clinic({ referrals: [{ class: 'urgent', priority: 1, times: [] }, { class: 'routine', priority: 3, times }] }).compile(),
      { seed: 1, horizon: 4 * W }).run();
    expect(r.outputs[clinicListOutputs('fracture').rtt].count).toBe(4 * 9);
    expect(r.pools.room.busy.mean * 4 * W).toBeCloseTo(4 * 3, 9); // every slot hour used
    expect(r.stores['list:fracture'].now).toBe(50 - 36);
  });

  test('a DNA leaves the slot empty: the next patient still comes at their own time', () => {
    const r = new Simulation(clinic({ referrals: [{ class: 'urgent', priority: 1, times: [0.5] }, { class: 'routine', priority: 3, times: [1] }], dna: { probability: 0, byClass: { urgent: 1 }, dischargeAfter: 1 } }).compile(),
      { seed: 1, horizon: W }).run();
    const out = clinicListOutputs('fracture');
    expect(r.outputs[out.dna].count).toBe(1);
    expect(r.outputs[out.rtt].count).toBe(1);
    expect(r.outputs[out.rtt].mean).toBe(9.5 - 1); // routine at 09:30, after the urgent slot left empty
    expect(r.pools.room.busy.mean * W).toBeCloseTo(20 / 60, 9);
  });
});

describe('timed slots (properties)', () => {
  test('whatever the slot lengths, referrals and DNAs: nobody waits at the clinic, appointments never pass the session, patients are conserved', async () => {
    const fc = await import('fast-check');
    fc.assert(fc.property(
      fc.integer({ min: 5, max: 90 }), fc.integer({ min: 5, max: 90 }),
      fc.array(fc.double({ min: 0, max: 3 * W, noNaN: true }), { maxLength: 60 }),
      fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 1, max: 1000 }),
      (urgentMinutes, routineMinutes, times, dna, seed) => {
        const sorted = [...times].sort((a, b) => a - b);
        const model = clinic({
          referrals: [{ class: 'urgent', priority: 1, times: sorted.filter((_, k) => k % 3 === 0) }, { class: 'routine', priority: 3, times: sorted.filter((_, k) => k % 3 !== 0) }],
          slotHours: routineMinutes / 60, slotHoursByClass: { urgent: urgentMinutes / 60 }, dna: { probability: dna, dischargeAfter: 2 },
        });
        const sim = new Simulation(model.compile(), { seed, horizon: 4 * W });
        let late = 0;
        sim.observe((e) => { if (e.type === 'release' && e.pool === 'room' && (e.time % W) > 12 + 1e-9) late++; });
        const r = sim.run();
        expect(r.pools.room.waits.count === 0 || r.pools.room.waits.max === 0).toBe(true);
        expect(late).toBe(0); // every appointment ends by 12:00
        // Slot lengths such as 73 and 36 minutes summed in floating point can end the last
        // appointment an ulp after the session's end (CI found 1.7e-16 hours): zero for any
        // reader, as the 1e-9 of the `late` check above allows.
        expect(r.pools.room.overrun).toBeLessThan(1e-12);
        expect(r.totals.arrived).toBe(r.totals.departed + (r.totals.exits['dna-discharged'] ?? 0) + r.totals.inSystem);
      }), { numRuns: 60 });
  });
});
