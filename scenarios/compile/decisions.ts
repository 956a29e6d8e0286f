// Decisions (schema/decision.ts) onto engine steps:
//  - a class's attributes are `set` steps before its pathway's first step (so a patient
//    readmitted to the first step keeps them): a draw, a category as its index (in the
//    order written), an event before arrival as its time (now minus the draw);
//  - the time since arrival and since a step are time stamps, each set only when some rule
//    of the class's pathway asks for it (a stamp at arrival, or at the step's moment);
//  - a branch's rules are a chain of checks: one `switch` per bound (all must hold), on the
//    time elapsed since a stamp or on an attribute, passing to the next check or failing
//    to the next rule; a rule's probability is a `branch` after its checks. A stamp never
//    set (a step the patient skipped) is NaN, and fails every check: the rule does not hold.
import type { StepDef } from '../../engine/core/pathway.ts';
import { set, switchOn, branch, goto } from '../../engine/core/pathway.ts';
import type { Comparison } from '../../engine/core/pathway.ts';
import { mixture, deterministic } from '../../engine/core/distributions.ts';
import type { Attribute, Condition, Rule, Since } from '../schema/decision.ts';
import { conditionsOf } from '../schema/decision.ts';
import type { Step } from '../schema/pathway.ts';
import type { PatientClass } from '../schema/patient-class.ts';
import { TARGET_UNIT_HOURS } from '../schema/measure.ts';
import type { ClassPathway, MarksAt, StepMarks } from './pathway.ts';
import { toDistribution } from './site.ts';

export const attributeName = (name: string) => `@attr:${name}`;
export const ARRIVAL_STAMP = '@since:arrival';
const stepStamp = (step: string, at: string) => `@since:${step}:${at}`;

type BranchWithRules = Extract<Step, { do: 'branch' }>;

/** The rules of every branch of a pathway. */
function rulesOf(steps: readonly Step[]): Rule[] {
  return steps.flatMap((st) => (st.do === 'branch' && st.rules ? st.rules : []));
}
function sinces(steps: readonly Step[]): Since[] {
  return rulesOf(steps).flatMap((r) => conditionsOf(r).flatMap(({ c }) => (c.timeSince !== undefined ? [c.timeSince] : [])));
}

/** Steps drawing the class's attributes (and stamping its arrival, if a rule asks for the time since it), before its pathway. */
export function attributeDraws(c: PatientClass, steps: readonly Step[]): StepDef[] {
  const out: StepDef[] = [];
  for (const [name, a] of Object.entries(c.attributes ?? {})) {
    const stream = `attribute:${c.id}/${name}`;
    if (a.draw) out.push(set(attributeName(name), toDistribution(a.draw), { stream }));
    else if (a.before) out.push(set(attributeName(name), 'now', { ago: toDistribution(a.before), stream }));
    else if (a.oneOf) out.push(set(attributeName(name), categoryDraw(a.oneOf), { stream }));
  }
  if (sinces(steps).includes('arrival')) out.push(set(ARRIVAL_STAMP, 'now'));
  return out;
}

/** A category as its index, drawn with its probability. */
function categoryDraw(oneOf: Record<string, number>) {
  const parts = Object.values(oneOf).map((weight, k) => ({ weight, dist: deterministic(k) })).filter((p) => p.weight > 0);
  return parts.length === 1 ? parts[0].dist : mixture(parts);
}

/** Where along a step a stamp goes, as the step's kind has it (a stay starts when reached; an admission ends when it starts). */
function moment(kind: Step['do'], at: keyof StepMarks): keyof StepMarks {
  if (at === 'started' && kind === 'stay') return 'reached';
  if (at === 'finished' && kind === 'admit') return 'started';
  return at;
}

/** The stamps the pathway's rules ask for, at their steps' moments. */
export function decisionMarks(p: ClassPathway): MarksAt {
  const byStep = new Map<number, { moment: keyof StepMarks; name: string }[]>();
  for (const s of sinces(p.steps)) {
    if (typeof s !== 'object') continue;
    const i = p.steps.findIndex((x) => x.id === s.step);
    if (i < 0) continue;
    const marks = byStep.get(i) ?? [];
    const name = stepStamp(s.step, s.at);
    if (!marks.some((m) => m.name === name)) marks.push({ moment: moment(p.steps[i].do, s.at), name });
    byStep.set(i, marks);
  }
  return (i) => {
    const marks = byStep.get(i);
    if (!marks) return undefined;
    const of = (m: keyof StepMarks) => marks.filter((x) => x.moment === m).map((x) => set(x.name, 'now'));
    return { reached: of('reached'), started: of('started'), finished: of('finished') };
  };
}

/** Two sets of marks at once: the first's before the second's at each moment. */
export function bothMarks(a: MarksAt, b: MarksAt): MarksAt {
  return (i) => {
    const x = a(i), y = b(i);
    if (!x || !y) return x ?? y;
    return { reached: [...x.reached, ...y.reached], started: [...x.started, ...y.started], finished: [...x.finished, ...y.finished] };
  };
}

/**
 * "Within X" includes X, but a time is a difference of clock times in floating point
 * (4.5 h can come out as 4.499999999999999): a bound is moved by a billionth of it so
 * that a time equal to it, up to rounding, counts as equal.
 */
const EQUAL = 1e-9;
const checkOf: Record<'under' | 'atMost' | 'atLeast' | 'over', { op: Comparison; scale: number }> = {
  under: { op: '<', scale: 1 - EQUAL },
  atMost: { op: '<=', scale: 1 + EQUAL },
  atLeast: { op: '>=', scale: 1 - EQUAL },
  over: { op: '>', scale: 1 + EQUAL },
};

/** One condition as checks, each a switch whose cases pass (any case) and whose otherwise fails. */
function checks(c: Condition, attrs: Record<string, Attribute>): { attribute: string; elapsed: boolean; cases: { op: Comparison; value: number }[] }[] {
  const s = c.timeSince;
  const attribute = s === undefined ? attributeName(c.attribute!)
    : s === 'arrival' ? ARRIVAL_STAMP
      : typeof s === 'object' ? stepStamp(s.step, s.at)
        : attributeName(s);
  const elapsed = s !== undefined;
  if (c.is !== undefined) {
    const names = Object.keys(attrs[c.attribute!]?.oneOf ?? {});
    const wanted = Array.isArray(c.is) ? c.is : [c.is];
    return [{ attribute, elapsed, cases: wanted.map((w) => ({ op: '==' as const, value: names.indexOf(w) })) }];
  }
  const hours = TARGET_UNIT_HOURS[c.unit];
  return (['under', 'atMost', 'atLeast', 'over'] as const).filter((b) => c[b] !== undefined)
    .map((b) => ({ attribute, elapsed, cases: [{ op: checkOf[b].op, value: c[b]! * hours * checkOf[b].scale }] }));
}

/**
 * A branch's rules as engine steps: the first step is the decision's (it takes the step's
 * label), the others are labelled by `labelOf(suffix)`; `target(stepId)` is the label of a
 * step as reached from here; `stream` names the rules' random streams (common random numbers).
 */
export function ruleSteps(st: BranchWithRules, target: (to: string) => string, labelOf: (suffix: string) => string, stream: string, attrs: Record<string, Attribute>): StepDef[] {
  const rules = st.rules!;
  const out: StepDef[] = [];
  const first = (k: number) => labelOf(`rule-${k + 1}`);
  rules.forEach((r, k) => {
    const fail = k + 1 < rules.length ? first(k + 1) : target(st.otherwise!);
    const all = conditionsOf(r).flatMap(({ c }) => checks(c, attrs));
    const draw = r.probability !== undefined && r.probability < 1;
    const name = (j: number) => (j === 0 ? first(k) : labelOf(`rule-${k + 1}.${j + 1}`));
    all.forEach((c, j) => {
      const pass = j + 1 < all.length ? name(j + 1) : draw ? name(all.length) : target(r.to);
      out.push(switchOn(c.attribute, c.cases.map((x) => ({ ...x, to: pass })), fail, { elapsed: c.elapsed, label: name(j) }));
    });
    if (draw) out.push(branch([{ to: target(r.to), weight: r.probability! }, { to: fail, weight: 1 - r.probability! }], { label: name(all.length), stream: `rule:${stream}/${k + 1}` }));
    else if (all.length === 0) out.push(goto(target(r.to), { label: name(0) }));
  });
  // The decision's own label goes on its first step (pathway.ts): rule 1's is not needed.
  const { label: _, ...head } = out[0];
  out[0] = head as StepDef;
  return out;
}
