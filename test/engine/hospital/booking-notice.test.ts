// Booking notice: sessions are booked weeks ahead; booked patients stay on the list,
// reserved for their date, and are called in on the day. Worked by hand.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d } from '../../../engine/core/distributions.ts';
import { addElectiveService, electiveOutputs } from '../../../engine/hospital/elective.ts';

/** One bed, one theatre open Mondays 08:00–12:00, case 1.5 h, a day's stay; called in at 07:00, booked two weeks before. */
function clinic(referrals: { class: string; priority: number; times: number[] }[]) {
  const model = new Model()
    .pool('ortho-ward', { capacity: 1 })
    .pool('th1', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'ortho', referrals, planned: d(1.5), actualRatio: d(1), ward: 'ortho-ward', theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 12 }], los: d(24), leadHours: 1, noticeHours: 336,
  });
  return model.compile();
}

function run(referrals: Parameters<typeof clinic>[0], horizon: number) {
  const sim = new Simulation(clinic(referrals), { seed: 1, horizon });
  const log: string[] = [];
  sim.observe((e) => { if (['take', 'seize', 'renege', 'exit'].includes(e.type)) log.push(`${e.time} ${e.type} ${e.entity} ${e.pool}`); });
  const sizes: number[] = [];
  sim.runUntil(300);
  sizes.push(sim.snapshot().stores.find((s) => s.id === 'list:ortho')!.size);
  sim.runUntil(horizon);
  return { log, r: sim.results(), sizes };
}

describe('booking notice (by hand)', () => {
  test('booked two weeks ahead, called in on the day; a cancelled patient is booked again from the list', () => {
    // #1 P2 at 1 h, #2 P2 at 2 h, #3 P1 at 3 h, #4 P1 at 200 h. The sessions of weeks 0 and 1
    // are booked at the start, when the list is empty. 7 h: week 2's session (344 h) takes
    // #3 and #1. 175 h: week 3's (512 h) takes #2. 343 h: week 4's (680 h) takes #4; #3 and
    // #1 are called in: #3 gets the bed, #1 none by 344 h: cancelled, back on the list.
    // 511 h: week 5's (848 h) takes #1; #2 is called in, and so on. At 344 h the deadline
    // (#1's) comes before the theatre, opening then, is given out (calendar.ts).
    const { log, r, sizes } = run([{ class: 'p2', priority: 2, times: [1, 2] }, { class: 'p1', priority: 1, times: [3, 200] }], 900);
    expect(log).toEqual([
      '343 take 3 list:ortho', '343 take 1 list:ortho', '343 seize 3 ortho-ward',
      '344 renege 1 ortho-ward', '344 seize 3 th1', '369.5 exit 3 ',
      '511 take 2 list:ortho', '511 seize 2 ortho-ward', '512 seize 2 th1', '537.5 exit 2 ',
      '679 take 4 list:ortho', '679 seize 4 ortho-ward', '680 seize 4 th1', '705.5 exit 4 ',
      '847 take 1 list:ortho', '847 seize 1 ortho-ward', '848 seize 1 th1', '873.5 exit 1 ',
    ]);
    expect(sizes).toEqual([4]); // at 300 h, booked or not, all four are still waiting on the list
    const out = electiveOutputs('ortho');
    expect(r.outputs[out.rtt].count).toBe(4);
    expect(r.outputs[out.noBed].count).toBe(1);
  });

  test('patients on the list at the start fill the first sessions, booked at once', () => {
    const { log } = run([{ class: 'p2', priority: 2, times: [0, 0] }], 200);
    expect(log.slice(0, 5)).toEqual(['7 take 1 list:ortho', '7 take 2 list:ortho', '7 seize 1 ortho-ward', '8 renege 2 ortho-ward', '8 seize 1 th1']);
  });
});
