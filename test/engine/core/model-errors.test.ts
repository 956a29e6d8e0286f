// Builder mistakes and run-time errors: each message names the path of the offending
// field (or the entity and time), what was expected and what came. Messages are
// user-facing, so they are pinned with inline snapshots.
import { describe, test, expect } from 'vitest';
import { Model, type PoolDef, type SkilledPoolDef } from '../../../engine/core/model.ts';
import { ModelError, RunError } from '../../../engine/core/errors.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import type { SourceDef } from '../../../engine/core/arrivals.ts';
import { seize, delay, release, branch, switchOn, set, waitUntil, goto, exit, type StepDef } from '../../../engine/core/pathway.ts';
import { deterministic, exponential } from '../../../engine/core/distributions.ts';

const d = deterministic;
const care: StepDef[] = [seize('bed'), delay(d(1)), release('bed'), exit()];

/** A valid model with one thing changed; returns the compile call for expect(...).toThrow. */
function build(change: { pools?: Record<string, PoolDef>; teams?: Record<string, SkilledPoolDef>; pathways?: Record<string, StepDef[]>; sources?: Record<string, SourceDef> }) {
  return () => {
    const m = new Model();
    for (const [id, def] of Object.entries(change.pools ?? { bed: { capacity: 2 }, icu: { capacity: 1 } })) m.pool(id, def);
    for (const [id, def] of Object.entries(change.teams ?? {})) m.skilledPool(id, def);
    for (const [id, steps] of Object.entries(change.pathways ?? { care })) m.pathway(id, steps);
    for (const [id, def] of Object.entries(change.sources ?? { walk: { pathway: 'care', interarrival: exponential(1) } })) m.source(id, def);
    return m.compile();
  };
}

const nurses: SkilledPoolDef = { members: [{ id: 'n1', role: 'nurse', skills: ['triage'] }, { id: 'n2', role: 'nurse', skills: ['triage', 'iv'] }] };

describe('ModelError: every builder mistake names its path', () => {
  test('the baseline model compiles', () => {
    expect(build({})().steps.length).toBe(4);
  });

  test('errors are ModelErrors with a path', () => {
    const compile = build({ pathways: { care: [seize('bedz'), release('bedz'), exit()] } });
    expect(compile).toThrow(ModelError);
    try { compile(); } catch (e) { expect((e as ModelError).path).toBe('pathways.care[0].pool'); }
  });

  test('unknown pool: lists the known ones (and skilled pools, which are seized differently)', () => {
    expect(build({ pathways: { care: [seize('bedz'), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].pool: unknown pool "bedz" (known: bed, icu)]`);
    expect(build({ pathways: { care: [...care.slice(0, 2), release('icu-2'), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[2].pool: unknown pool "icu-2" (known: bed, icu)]`);
    expect(build({ pools: {}, pathways: { care: [seize('bed'), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].pool: unknown pool "bed" (known: none)]`);
    expect(build({ pools: { bed: { capacity: 1 } }, teams: { nurses }, pathways: { care: [seize('bed'), seize('nursez', { skill: 'iv' }), exit()] } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[1].pool: unknown pool "nursez" (known: bed; skilled pools: nurses)]`);
    expect(build({ pathways: { care: [seize('bed', { releaseOnEntry: ['trolley'] }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].releaseOnEntry[0]: unknown pool "trolley" (known: bed, icu)]`);
  });

  test('unknown label or pathway: lists the known ones', () => {
    expect(build({ pathways: { care: [branch([{ to: 'home', weight: 1 }, { to: 'nowhere', weight: 1 }]), exit({ label: 'home' })] } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].options[1].to: unknown label or pathway "nowhere" (known: care, care/home)]`);
    expect(build({ pathways: { care: [goto('start')] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].to: unknown label or pathway "start" (known: care)]`);
    expect(build({ pathways: { care: [seize('bed', { divertTo: 'elsewhere' }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].divertTo: unknown label or pathway "elsewhere" (known: care)]`);
    expect(build({ pathways: { care: [seize('bed', { patience: d(1), onRenege: 'gone' }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].onRenege: unknown label or pathway "gone" (known: care)]`);
    expect(build({ sources: { walk: { pathway: 'cure', interarrival: exponential(1) } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.pathway: unknown label or pathway "cure" (known: care)]`);
  });

  test('bad capacity, queue limit and discipline', () => {
    expect(build({ pools: { bed: { capacity: -1 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.capacity: expected an integer ≥ 0 or Infinity, got -1]`);
    expect(build({ pools: { bed: { capacity: 1.5 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.capacity: expected an integer ≥ 0 or Infinity, got 1.5]`);
    expect(build({ pools: { bed: { capacity: NaN } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.capacity: expected an integer ≥ 0 or Infinity, got NaN]`);
    expect(build({ pools: { bed: { capacity: 1, queueLimit: -2 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.queueLimit: expected an integer ≥ 0, got -2]`);
    expect(build({ pools: { bed: { capacity: 1, discipline: 'lifo' as 'fifo' } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.discipline: expected fifo, priority or preemptive, got "lifo"]`);
    expect(build({ pools: { bed: { capacity: 1, profile: { period: 24, bins: 0 } } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.profile: expected a period > 0 and an integer number of bins ≥ 1]`);
  });

  test('bad amount', () => {
    expect(build({ pathways: { care: [seize('bed', { amount: 0 }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].amount: expected an integer ≥ 1, got 0]`);
    expect(build({ pathways: { care: [seize('bed', { amount: 1.5 }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].amount: expected an integer ≥ 1, got 1.5]`);
    expect(build({ pathways: { care: [seize('bed'), release('bed', { amount: -1 }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[1].amount: expected an integer ≥ 1, got -1]`);
    expect(build({ pools: { bed: { capacity: 2, discipline: 'preemptive' } }, pathways: { care: [seize('bed', { amount: 2 }), exit()] } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].amount: preemptive pool "bed" takes one unit per request]`);
    expect(build({ teams: { nurses }, pathways: { care: [seize('nurses', { skill: 'iv', amount: 2 }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].amount: a skilled pool gives one member per request]`);
  });

  test('a pathway must end in exit, goto, branch or switch, and have steps', () => {
    expect(build({ pathways: { care: care.slice(0, 3) } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[2]: a pathway must end with exit, goto, branch or switch, got release]`);
    expect(build({ pathways: { care: [delay(d(1))] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0]: a pathway must end with exit, goto, branch or switch, got delay]`);
    expect(build({ pathways: { care: [] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care: a pathway needs at least one step]`);
    expect(build({ pathways: {} })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways: at least one pathway is needed]`);
  });

  test('duplicate ids: pools, skilled pools, pathways, sources, labels, members', () => {
    expect(() => new Model().pool('bed', { capacity: 1 }).pool('bed', { capacity: 2 })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed: a pool with this id exists already]`);
    expect(() => new Model().pool('staff', { capacity: 1 }).skilledPool('staff', nurses)).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.staff: a pool with this id exists already]`);
    expect(() => new Model().pathway('care', care).pathway('care', care)).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care: defined twice]`);
    expect(() => new Model().source('walk', { pathway: 'care', times: [0] }).source('walk', { pathway: 'care', times: [1] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk: defined twice]`);
    expect(() => new Model().pool('', { capacity: 1 })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools: an id must be a non-empty string]`);
    expect(build({ pathways: { care: [delay(d(1), { label: 'wait' }), delay(d(1), { label: 'wait' }), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[1].label: label "wait" is used twice]`);
    expect(build({ teams: { nurses: { members: [{ id: 'n1', role: 'nurse', skills: ['iv'] }, { id: 'n1', role: 'nurse', skills: ['iv'] }] } } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[1].id: member id "n1" is used twice]`);
  });

  test('a source gives exactly one kind of arrivals, and sane ones', () => {
    expect(build({ sources: { walk: { pathway: 'care', interarrival: exponential(1), times: [0, 1] } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk: give exactly one of rate, interarrival, profile or times]`);
    expect(build({ sources: { walk: { pathway: 'care', rate: 2, times: [1] } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk: give exactly one of rate, interarrival, profile or times]`);
    expect(build({ sources: { walk: { pathway: 'care', rate: 0 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.rate: expected a rate per hour > 0, got 0]`);
    expect(build({ sources: { walk: { pathway: 'care' } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk: give exactly one of rate, interarrival, profile or times]`);
    expect(build({ sources: {} })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources: at least one arrival source is needed]`);
    expect(build({ sources: { walk: { pathway: 'care', interarrival: d(0) } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.interarrival: mean time between arrivals must be > 0, got deterministic(value=0)]`);
    expect(build({ sources: { walk: { pathway: 'care', times: [0, 5, 3] } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.times[2]: times must be in increasing order]`);
    expect(build({ sources: { walk: { pathway: 'care', times: [0, 30], repeatEvery: 24 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.times[1]: must lie within the repeat period 24]`);
    expect(build({ sources: { walk: { pathway: 'care', times: [0, -1] } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.times[1]: expected a time ≥ 0, got -1]`);
    expect(build({ sources: { walk: { pathway: 'care', times: [1], batch: 0 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.batch: expected an integer ≥ 1, got 0]`);
    expect(build({ sources: { walk: { pathway: 'care', times: [1], limit: 1.5 } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.limit: expected an integer ≥ 0, got 1.5]`);
  });

  test('bad rate profile', () => {
    expect(build({ sources: { walk: { pathway: 'care', profile: { kind: 'piecewise', rates: [1, 2], step: 0 } } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.profile.step: expected > 0, got 0]`);
    expect(build({ sources: { walk: { pathway: 'care', profile: { kind: 'piecewise', rates: [1, -2, 3], step: 1 } } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.profile.rates[1]: expected a rate ≥ 0, got -2]`);
    expect(build({ sources: { walk: { pathway: 'care', profile: { kind: 'piecewise', rates: [1, Infinity], step: 1 } } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.profile.rates[1]: expected a rate ≥ 0, got Infinity]`);
    expect(build({ sources: { walk: { pathway: 'care', profile: { kind: 'sinusoidal', mean: 2, amplitude: 1.5, period: 24, peakAt: 14 } } } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.profile.amplitude: expected |amplitude| ≤ 1 (a rate is never negative), got 1.5]`);
    expect(build({ sources: { walk: { pathway: 'care', profile: { kind: 'sinusoidal', mean: 2, amplitude: 0.5, period: 0, peakAt: 14 } } } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.walk.profile.period: expected > 0, got 0]`);
  });

  test('bad capacity schedule points', () => {
    const pool = (schedule: PoolDef['schedule']) => build({ pools: { bed: { capacity: 1, schedule } } });
    expect(pool({ period: 24, points: [] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.points: a schedule needs at least one point]`);
    expect(pool({ period: 24, points: [{ at: 8, capacity: 2 }, { at: 24, capacity: 0 }] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.points[1].at: expected a time in [0, 24), got 24]`);
    expect(pool({ period: 24, points: [{ at: 18, capacity: 2 }, { at: 8, capacity: 0 }] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.points[1].at: points must be in increasing time order]`);
    expect(pool({ period: 24, points: [{ at: 8, capacity: 2 }, { at: 8, capacity: 0 }] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.points[1].at: points must be in increasing time order]`);
    expect(pool({ period: 24, points: [{ at: 8, capacity: 2.5 }] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.points[0].capacity: expected an integer ≥ 0, got 2.5]`);
    expect(pool({ period: 24, points: [{ at: -1, capacity: 2 }] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.points[0].at: expected a time in [0, 24), got -1]`);
    expect(pool({ period: 0, points: [{ at: 0, capacity: 2 }] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pools.bed.schedule.period: expected > 0, got 0]`);
  });

  test('bad member shifts, costs and skills lists', () => {
    const member = (m: Partial<SkilledPoolDef['members'][number]>) =>
      build({ teams: { nurses: { members: [{ id: 'n1', role: 'nurse', skills: ['iv'], ...m }] } } });
    expect(member({ shifts: { period: 0, on: [[0, 8]] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[0].shifts.period: expected > 0, got 0]`);
    expect(member({ shifts: { period: 24, on: [[10, 5]] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[0].shifts.on[0]: expected 0 ≤ from < to ≤ 24, got [10, 5]]`);
    expect(member({ shifts: { period: 24, on: [[20, 30]] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[0].shifts.on[0]: expected 0 ≤ from < to ≤ 24, got [20, 30]]`);
    expect(member({ shifts: { period: 24, on: [[0, 10], [8, 16]] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[0].shifts.on[1]: windows must be in order and not overlap]`);
    expect(member({ hourlyCost: -5 })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[0].hourlyCost: expected ≥ 0, got -5]`);
    expect(member({ skills: [] })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members[0].skills: a member needs at least one skill]`);
    expect(build({ teams: { nurses: { members: [] } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.members: a skilled pool needs at least one member]`);
    expect(build({ teams: { nurses: { ...nurses, policy: 'random' as 'cheapest' } } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: skilledPools.nurses.policy: expected first-free or cheapest, got "random"]`);
  });

  test('unknown or missing skill', () => {
    expect(build({ teams: { nurses }, pathways: { care: [seize('nurses', { skill: 'surgery' }), release('nurses'), exit()] } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].skill: no member of "nurses" has skill "surgery" (skills: triage, iv)]`);
    expect(build({ teams: { nurses }, pathways: { care: [seize('nurses'), release('nurses'), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].skill: seizing skilled pool "nurses" needs a skill]`);
  });

  // Was: the skill check looks at the skills of every skilled pool together, not those of
  // the pool seized. A request to "nurses" for a skill only the doctors have compiles, and
  // at run time the entity waits in the nurses' line forever.
  test('a skill that only another skilled pool has is reported', () => {
    const doctors: SkilledPoolDef = { members: [{ id: 'd1', role: 'doctor', skills: ['surgery'] }] };
    expect(build({ teams: { nurses, doctors }, pathways: { care: [seize('nurses', { skill: 'surgery' }), release('nurses'), exit()] } }))
      .toThrow(/no member of "nurses" has skill "surgery"/);
  });

  test('other step mistakes: weights, switch values, set, wait-until, onFull, step kind', () => {
    expect(build({ pathways: { care: [branch([{ to: 'a', weight: 0 }]), exit({ label: 'a' })] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].options: weights must not all be 0]`);
    expect(build({ pathways: { care: [branch([{ to: 'a', weight: -1 }, { to: 'a', weight: 2 }]), exit({ label: 'a' })] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].options[0].weight: expected a finite number ≥ 0, got -1]`);
    expect(build({ pathways: { care: [branch([]), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].options: a branch needs at least one option]`);
    expect(build({ pathways: { care: [switchOn('severity', [{ op: '>=', value: 'high', to: 'a' }], 'a'), exit({ label: 'a' })] } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].cases[0].value: a name is only compared with "class"; expected a number]`);
    expect(build({ pathways: { care: [switchOn('severity', [{ op: '=~' as '==', value: 1, to: 'a' }], 'a'), exit({ label: 'a' })] } }))
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].cases[0].op: expected one of < <= == != >= >, got "=~"]`);
    expect(build({ pathways: { care: [set('class', 2), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].attribute: the class of an entity is fixed at arrival]`);
    expect(build({ pathways: { care: [waitUntil(30, 24), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].at: expected a time within the period [0, 24), got 30]`);
    expect(build({ pathways: { care: [waitUntil(-1), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].at: expected a time ≥ 0, got -1]`);
    expect(build({ pathways: { care: [seize('bed', { onFull: 'wait' as 'block' }), release('bed'), exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].onFull: expected "divert" or "block", got "wait"]`);
    expect(build({ pathways: { care: [{ kind: 'teleport' } as unknown as StepDef, exit()] } })).toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.care[0].kind: unknown step kind "teleport"]`);
  });
});

describe('RunError: run-time mistakes name the entity and the time', () => {
  const runModel = (steps: StepDef[], times = [0]) => () =>
    new Simulation(
      new Model().pool('bed', { capacity: 1 }).pool('icu', { capacity: 1 }).pathway('care', steps).source('walk', { pathway: 'care', times }).compile(),
      { seed: 1, horizon: 100 },
    ).run();

  test('releasing a pool not held', () => {
    const run = runModel([delay(d(2.5)), release('bed'), exit()], [0, 1]);
    expect(run).toThrow(RunError);
    expect(run).toThrowErrorMatchingInlineSnapshot(`[RunError: entity 1 at t=2.5 h: pathways.care[1] releases 1 unit(s) of pool "bed" it does not hold (it holds 0)]`);
  });

  test('exiting while holding a unit', () => {
    const run = runModel([seize('bed'), delay(d(3)), exit()]);
    expect(run).toThrow(RunError);
    expect(run).toThrowErrorMatchingInlineSnapshot(`[RunError: entity 1 at t=3 h: exits at pathways.care[2] still holding 1 unit(s)]`);
  });

  test('diverted while holding a unit, with no divertTo to release it', () => {
    const model = new Model().pool('bed', { capacity: 1 }).pool('icu', { capacity: 1, queueLimit: 0 })
      .pathway('care', [seize('bed'), seize('icu'), delay(d(5)), release('icu'), release('bed'), exit()])
      .pathway('icu-only', [seize('icu'), delay(d(5)), release('icu'), exit()])
      .source('walk', { pathway: 'care', times: [1] })
      .source('icu', { pathway: 'icu-only', times: [0] });
    const run = () => new Simulation(model.compile(), { seed: 1, horizon: 10 }).run();
    expect(run).toThrow(RunError);
    expect(run).toThrowErrorMatchingInlineSnapshot(`[RunError: entity 2 at t=1 h: is diverted at pathways.care[1] while holding 1 unit(s); give the step a divertTo label that releases them]`);
  });

  test('bad run options', () => {
    const model = new Model().pathway('care', [exit()]).source('walk', { pathway: 'care', times: [0] }).compile();
    expect(() => new Simulation(model, { seed: 1, warmup: 10, horizon: 5 })).toThrowErrorMatchingInlineSnapshot(`[RunError: warmup/horizon: expected 0 ≤ warmup < horizon, got warmup 10, horizon 5]`);
    expect(() => new Simulation(model, { seed: NaN })).toThrowErrorMatchingInlineSnapshot(`[RunError: seed: expected a finite number, got NaN]`);
  });

  // Was: the check in releaseUnits compares the amount with the units the entity holds in
  // *all* pools together. An entity holding an ICU bed may "release" a ward bed held by
  // someone else: the other entity's unit is silently freed, and the error (if any) comes
  // later, naming the wrong pool and time.
  test('releasing a pool not held, while holding another, is an error at that step', () => {
    const model = new Model().pool('bed', { capacity: 1 }).pool('icu', { capacity: 1 })
      .pathway('holder', [seize('bed'), delay(d(10)), release('bed'), exit()])
      .pathway('care', [seize('icu'), release('bed'), delay(d(1)), release('icu'), exit()])
      .source('a', { pathway: 'holder', times: [0] })
      .source('b', { pathway: 'care', times: [1] });
    const run = () => new Simulation(model.compile(), { seed: 1, horizon: 20 }).run();
    expect(run).toThrow('entity 2 at t=1 h: pathways.care[1] releases 1 unit(s) of pool "bed" it does not hold (it holds 0)');
  });
});
