// Staff on call for an escalation (MemberDef.onCall, engine/core/escalation.ts): members
// off duty until the pool's escalation opens, on duty while it is open, and off again when
// it closes, each finishing the patient in hand. A 10-bed ward with nine patients from
// t = 0 to 100 opens at 10 (4 h at 90%, then 6 h to open) and closes at 124 (24 h below
// half): every time below follows from that.
import { describe, expect, test } from 'vitest';
import { Model, type MemberDef } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import { ModelError } from '../../../engine/core/errors.ts';
import type { EscalationDef } from '../../../engine/core/escalation.ts';

const rule = (units: number): EscalationDef => ({ units, openAt: 0.9, forHours: 4, openingDelay: 6, closeBelow: 0.5, closeForHours: 24 });
const nurse = (id: string, extra: Partial<MemberDef> = {}): MemberDef => ({ id, role: 'nurse', skills: ['care'], hourlyCost: 30, ...extra });
const onCall = (id: string) => nurse(id, { hourlyCost: 50, onCall: 'ward' });

/** The ward (nine patients, 0–100 h) and a nurse task of `hours` for each time in `tasks`. */
function model(tasks: number[], hours: number, units = 2, members: MemberDef[] = [nurse('n1'), onCall('e1'), onCall('e2')]) {
  return new Model()
    .pool('ward', { capacity: 10, escalation: rule(units) })
    .skilledPool('staff', { members })
    .pathway('stay', [seize('ward'), delay(deterministic(100)), release('ward'), exit()])
    .pathway('task', [seize('staff', { skill: 'care' }), delay(deterministic(hours)), release('staff'), exit()])
    .source('in', { pathway: 'stay', times: Array(9).fill(0) })
    .source('tasks', { pathway: 'task', times: tasks })
    .compile();
}
const run = (m: ReturnType<typeof model>, horizon = 200, warmup = 0) => new Simulation(m, { seed: 1, horizon, warmup }).run();

describe('staff on call come on duty while the escalation is open', () => {
  test('before it opens only the rostered nurse works: the second task waits for the on-call staff at 10', () => {
    const r = run(model([5, 5], 8));
    const w = r.skilledPools.staff.waitsBySkill.care;
    expect(w.count).toBe(2);
    expect(w.max).toBe(5); // from 5 to 10, when the escalation opens (the rostered nurse is busy to 13)
  });

  test('while open, three nurses take three tasks at once', () => {
    expect(run(model([20, 20, 20], 8)).skilledPools.staff.waitsBySkill.care.max).toBe(0);
  });

  test('after it closes at 124 they are gone: the second task waits for the rostered nurse', () => {
    expect(run(model([130, 130], 8)).skilledPools.staff.waitsBySkill.care.max).toBe(8);
  });

  test('their hours on duty and cost are those of the escalation, 10 to 124', () => {
    const r = run(model([], 1));
    const s = r.skilledPools.staff;
    expect(s.members.e1.dutyHours).toBe(114);
    expect(s.members.e2.dutyHours).toBe(114);
    expect(s.members.n1.dutyHours).toBe(200);
    expect(s.onCallCost).toBe(2 * 114 * 50);
    expect(s.dutyCost).toBe(200 * 30 + 2 * 114 * 50);
    expect(r.pools.ward.escalation).toMatchObject({ units: 2, openings: 1, staffHours: 228, staffCost: 11_400 });
    expect(s.roles.nurse.onDuty).toBeCloseTo((200 + 228) / 200, 12);
  });

  test('a nurse busy when it closes finishes the patient; their duty ends at the close', () => {
    // Three tasks 120–130: the escalation closes at 124.
    const r = run(model([120, 120, 120], 10));
    const s = r.skilledPools.staff;
    expect(s.waitsBySkill.care.max).toBe(0);
    expect(s.members.e1.busyHours).toBe(10);
    expect(s.members.e1.dutyHours).toBe(114);
  });

  test('over the window after warm-up only', () => {
    const r = run(model([], 1), 200, 50);
    expect(r.skilledPools.staff.members.e1.dutyHours).toBe(124 - 50);
    expect(r.pools.ward.escalation!.staffHours).toBe(2 * 74);
  });

  test('an escalation of no beds with staff: the beds stay 10, the staff come and go all the same', () => {
    const r = run(model([5, 5], 8, 0));
    expect(r.pools.ward.capacity).toBe(10);
    expect(r.pools.ward.escalation).toMatchObject({ units: 0, openings: 1, staffHours: 228 });
    expect(r.pools.ward.escalation!.open * 200).toBeCloseTo(114, 9);
    expect(r.skilledPools.staff.waitsBySkill.care.max).toBe(5);
  });

  test('without staff on call, results carry no staff fields', () => {
    const r = run(model([5, 5], 8, 2, [nurse('n1')]));
    expect(r.pools.ward.escalation!.staffHours).toBeUndefined();
    expect(r.skilledPools.staff.onCallCost).toBeUndefined();
    expect(r.skilledPools.staff.waitsBySkill.care.max).toBe(8);
  });
});

describe('errors name the member or pool', () => {
  const fails = (f: () => unknown, path: string, msg: RegExp) => {
    let err: unknown;
    try { f(); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).message).toContain(path);
    expect((err as ModelError).message).toMatch(msg);
  };
  test('an unknown pool', () => fails(() => model([], 1, 2, [nurse('n1', { onCall: 'wrd' })]), 'skilledPools.staff.members[0].onCall', /unknown pool "wrd"/));
  test('a pool without escalation', () => fails(
    () => new Model().pool('ward', { capacity: 1 }).skilledPool('staff', { members: [nurse('n1', { onCall: 'ward' })] })
      .pathway('t', [seize('staff', { skill: 'care' }), release('staff'), exit()]).source('s', { pathway: 't', times: [0] }).compile(),
    'skilledPools.staff.members[0].onCall', /no escalation/));
  test('shifts as well', () => fails(() => model([], 1, 2, [nurse('n1', { onCall: 'ward', shifts: { period: 24, on: [[8, 20]] } })]), 'members[0].onCall', /no shifts/));
  test('no beds and no staff: it would open nothing', () => fails(() => model([], 1, 0, [nurse('n1')]), 'pools.ward.escalation.units', /staff on call/));
});
