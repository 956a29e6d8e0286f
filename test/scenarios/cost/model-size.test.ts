// The memory estimate counts what the compiled model holds by the length of its lists
// (scenarios/cost/model-size.ts): a class's copy of its pathway's steps, classes, the
// engine's tally for each pair of output and class, empirical values. Each of these once
// passed `check` at "4.0 MB" and took a gigabyte or more: 5,000,000 empirical values,
// 20,000 classes, a pathway of 100,000 steps (and, quadratically, 600 ED classes).
import { describe, expect, test } from 'vitest';
import { parseScenario, type Scenario } from '../../../scenarios/schema/scenario.ts';
import { checkCost } from '../../../scenarios/cost/check.ts';
import { estimate } from '../../../scenarios/cost/estimate.ts';
import { compiledSteps, MODEL_BYTES, modelMemory } from '../../../scenarios/cost/model-size.ts';
import { defaultCostLimits, type CostLimits } from '../../../scenarios/cost/limits.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { smallScenario } from '../scenario-fixture.ts';

function parsed(doc: unknown): Scenario {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(formatIssues(p.issues));
  return p.value;
}

const task = (i: number) => ({ id: `s${i}`, do: 'task', skill: 'treat', duration: { dist: 'exponential', mean: 0.001, unit: 'minutes' } });
/** The small scenario, without variants, after `edit`. */
function edited(edit: (d: any) => void): Scenario {
  const d = smallScenario();
  d.variants = [];
  edit(d);
  return parsed(d);
}
const issues = (s: Scenario, limits: Partial<CostLimits> = {}) => formatIssues(checkCost(s, { ...defaultCostLimits, ...limits }).issues);
const memoryMb = (s: Scenario) => estimate(s).memoryTotal / 1e6;

describe('steps', () => {
  test('each class compiles its own copy of its pathway: memory in proportion to steps × classes', () => {
    const steps = (n: number, classes = 1) => edited((d) => {
      d.pathways.ed = [...Array.from({ length: n }, (_, i) => task(i)), { id: 'home', do: 'discharge' }];
      for (let k = 1; k < classes; k++) d.classes.push({ id: `ed${k}`, site: 'dgh', arrivals: { perDay: 0.001 }, pathway: 'ed' });
    });
    const perTask = 3 * MODEL_BYTES.step / 1e6; // seize the clinician, delay, release
    expect(memoryMb(steps(10_000)) - memoryMb(steps(1_000))).toBeCloseTo(9_000 * perTask, 6);
    // Two more classes on it: two more copies (1,000 tasks and the discharge), two classes, and their slots for the ED class's clock.
    expect(memoryMb(steps(1_000, 3)) - memoryMb(steps(1_000, 1))).toBeCloseTo(2 * (3_002 * MODEL_BYTES.step + MODEL_BYTES.class + MODEL_BYTES.outputByClass) / 1e6, 2);
    expect(issues(steps(100_000))).toMatchInlineSnapshot(`"  ✖ pathways.ed: one replication would take about 544 MB (most for pathway "ed" (100001 steps) compiled for 1 class), over the limit of 200 MB (raise with --limit memoryMb=N)"`);
  });

  test('engine steps by kind and copies (the steps after an overflow ward are compiled again): about as many as the compiler makes', () => {
    const d = smallScenario();
    d.variants = [];
    d.sites[0].wards = [...d.sites[0].wards.slice(0, 2), { id: 'spare', beds: 5 }];
    d.classes = [{ id: 'c', site: 'dgh', arrivals: { perDay: 1 }, pathway: 'every' }];
    d.costs = {};
    d.measures = [];
    const det = (value: number) => ({ dist: 'deterministic', value, unit: 'hours' });
    d.pathways = { every: [
      { id: 'see', do: 'task', skill: 'treat', place: 'cubicles', patience: det(4), duration: det(0.5) },
      { id: 'in', do: 'admit', ward: 'medical', overflowTo: ['spare'] },
      { id: 'stay', do: 'stay', duration: det(24) },
      { id: 'op', do: 'operate', skill: 'operate', duration: det(2) },
      { id: 'fit', do: 'delay-discharge', probability: 0.2, duration: det(24) },
      { id: 'b', do: 'branch', options: [{ to: 'again', probability: 0.5 }, { to: 'home', probability: 0.5 }] },
      { id: 'again', do: 'readmit', probability: 0.1, afterDays: det(48), to: 'in' },
      { id: 'home', do: 'discharge' },
    ] };
    const s = parsed(d);
    const c = compileScenario(s);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const compiled = (c.value.model as unknown as { steps: unknown[] }).steps.length;
    const counted = compiledSteps(s.pathways.every);
    expect(counted).toBeGreaterThanOrEqual(compiled);
    expect(counted).toBeLessThanOrEqual(1.5 * compiled);
  });
});

describe('classes', () => {
  test('4,990 classes (the schema allows 5,000) on a pathway of 8 tasks are refused, naming the pathway they all compile', () => {
    const s = edited((d) => {
      d.pathways.minor = [...Array.from({ length: 8 }, (_, i) => task(i)), { id: 'home', do: 'discharge' }];
      for (let k = 0; k < 4_990; k++) d.classes.push({ id: `c${k}`, site: 'dgh', arrivals: { perDay: 0.001 }, pathway: 'minor' });
    });
    expect(issues(s)).toMatch(/^ {2}✖ pathways\.minor: one replication would take about \d+ MB \(most for pathway "minor" \(9 steps\) compiled for 4990 classes\), over the limit of 200 MB/);
  });

  test('ED classes: a four-hour clock each, recorded for every class, so their cost grows as their square', () => {
    const ed = (n: number) => edited((d) => {
      d.pathways.minor = [task(0), { id: 'home', do: 'discharge' }];
      for (let k = 0; k < n; k++) d.classes.push({ id: `c${k}`, site: 'dgh', ed: true, arrivals: { perDay: 0.001 }, pathway: 'minor' });
    });
    const clocks = (s: Scenario) => modelMemory(s).find((p) => p.text.includes('four-hour clocks'))!;
    expect(clocks(ed(300))).toMatchObject({ path: ['classes'], amount: 301 * 302 * MODEL_BYTES.outputByClass });
    expect(issues(ed(300))).toBe('');
    expect(issues(ed(600))).toMatchInlineSnapshot(`"  ✖ classes: one replication would take about 377 MB (most for 601 outputs recorded for each of 602 classes (the four-hour clocks of 601 ED classes)), over the limit of 200 MB (raise with --limit memoryMb=N)"`);
  });
});

describe('empirical values', () => {
  test('counted where they are, once for the scenario and once for each class that compiles them', () => {
    const values = (n: number, classes = 1) => edited((d) => {
      d.pathways.ed[0].duration = { dist: 'empirical', values: Array.from({ length: n }, (_, i) => (i % 100) / 100), unit: 'hours' };
      for (let k = 1; k < classes; k++) d.classes.push({ id: `ed${k}`, site: 'dgh', arrivals: { perDay: 0.001 }, pathway: 'ed' });
    });
    const part = (s: Scenario) => modelMemory(s).find((p) => p.text.includes('empirical'))!;
    expect(part(values(1_000))).toMatchObject({ path: ['pathways', 'ed', 0, 'duration', 'values'], amount: 1_000 * (MODEL_BYTES.value + MODEL_BYTES.valueCopy) });
    expect(part(values(1_000, 3)).amount).toBe(1_000 * (MODEL_BYTES.value + 3 * MODEL_BYTES.valueCopy));
    expect(issues(values(1_000_000), { memoryMb: 50 })).toMatchInlineSnapshot(`"  ✖ pathways.ed[0].duration.values: one replication would take about 60 MB (most for 1000000 values of an empirical duration), over the limit of 50 MB (raise with --limit memoryMb=N)"`);
  });

  test('in a waiting list too', () => {
    const d = smallScenario();
    d.variants = [];
    d.classes.push({ id: 'knee', site: 'dgh' });
    d.waitingLists = [{ id: 'ortho', site: 'dgh', ward: 'medical', theatres: ['th1'], referrals: [{ class: 'knee', perWeek: 5 }], plannedCase: { dist: 'deterministic', value: 2 }, stay: { dist: 'empirical', values: [1, 2, 3], unit: 'days' } }];
    expect(modelMemory(parsed(d)).filter((p) => p.text.includes('empirical')).map((p) => p.path)).toEqual([['waitingLists', 0, 'stay', 'values']]);
  });
});
