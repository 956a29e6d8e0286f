// Rules across the scenario for decisions (decision.ts): a condition's step exists, its
// moment applies to the step's kind, and the step can come before the decision; an
// attribute or event a condition names is declared, with the right kind, by every class
// following the pathway; categories exist. Defensive like references.ts: run over what
// could be read of a rejected document, fields may be undefined.
import type { z } from 'zod';
import type { ScenarioCoreSchema } from './scenario.ts';
import type { Report } from './references.ts';
import { conditionsOf, type Condition } from './decision.ts';
import { successors } from '../cost/steps.ts';
import { didYouMean } from '../suggest.ts';

type Core = z.output<typeof ScenarioCoreSchema>;
type Steps = Core['pathways'][string];

const list = (xs: readonly string[]) => [...new Set(xs.filter((x) => typeof x === 'string'))].join(', ') || 'none';
const known = (id: string, ids: readonly string[], label = 'known') => {
  const hint = didYouMean(String(id), ids);
  return `${hint ? `: ${hint}` : ''} (${label}: ${list(ids)})`;
};
const STARTS = new Set(['task', 'admit', 'operate', 'stay']);
/** What a verdict on an attribute rests on: the classes' attributes (not said while their shape is wrong). */
const ATTRIBUTES: PropertyKey[][] = [['classes', '*', 'attributes']];

/** Steps reachable from `from` (its successors on, not itself unless on a loop), never passing `avoid`. */
function reachable(steps: Steps, from: number[], avoid: number): Set<number> {
  const index = new Map(steps.map((st, i) => [st?.id, i] as [string, number]));
  const seen = new Set<number>();
  const todo = [...from];
  while (todo.length > 0) {
    const i = todo.pop()!;
    if (i === avoid || seen.has(i) || !steps[i]) continue;
    seen.add(i);
    for (const [j] of successors(steps, i, index)) todo.push(j);
  }
  return seen;
}

/** How the decision at step i relates to step x: reached only after x, after x on some routes, or never after it. */
export function stepBefore(steps: Steps, x: number, i: number): 'always' | 'sometimes' | 'never' {
  const index = new Map(steps.map((st, k) => [st?.id, k] as [string, number]));
  const after = reachable(steps, successors(steps, x, index).map(([j]) => j), -1);
  if (!after.has(i)) return 'never';
  return reachable(steps, [0], x).has(i) ? 'sometimes' : 'always';
}

export function checkDecisions(s: Core, report: Report): void {
  (s.classes ?? []).forEach((c, ci) => {
    if (c?.attributes !== undefined && c.pathway === undefined)
      report(['classes', ci, 'attributes'], `class "${c.id}" has no pathway (a class on a waiting list): its attributes would never be used`);
  });
  for (const [pid, steps] of Object.entries(s.pathways ?? {})) {
    if (!Array.isArray(steps)) continue;
    const classes = (s.classes ?? []).filter((c) => c?.pathway === pid);
    const ids = steps.map((st) => st?.id);
    steps.forEach((st, i) => {
      if (st?.do !== 'branch' || !Array.isArray(st.rules)) return;
      st.rules.forEach((r, k) => {
        if (!r) return;
        conditionsOf(r).forEach(({ c, path }) => {
          if (c) checkCondition(c, ['pathways', pid, i, 'rules', k, ...path], { pid, steps, ids, i, classes }, report);
        });
      });
    });
  }
}

interface Where { pid: string; steps: Steps; ids: string[]; i: number; classes: Core['classes'] }

function checkCondition(c: Condition, at: PropertyKey[], w: Where, report: Report): void {
  const since = c.timeSince;
  if (since !== undefined && typeof since === 'object') {
    const x = w.ids.indexOf(since.step);
    if (x < 0) return void report([...at, 'timeSince', 'step'], `unknown step "${since.step}"${known(since.step, w.ids, `steps of pathway "${w.pid}"`)}`, [['pathways', w.pid, '*', 'id']]);
    const st = w.steps[x];
    if (since.at !== 'reached' && !STARTS.has(st.do))
      report([...at, 'timeSince', 'at'], `step "${st.id}" is a ${st.do}: only "reached" applies (started and finished are for task, admit, operate and stay)`);
    if (x === w.i) return void report([...at, 'timeSince', 'step'], `step "${st.id}" is this decision: the time since it is always 0`);
    if (stepBefore(w.steps, x, w.i) === 'never')
      report([...at, 'timeSince', 'step'], `step "${st.id}" cannot come before decision "${w.steps[w.i].id}" (no route of pathway "${w.pid}" passes it on the way there): the condition would never hold`);
    return;
  }
  const name = typeof since === 'string' && since !== 'arrival' ? since : c.attribute;
  if (name === undefined) return;
  const field = since !== undefined ? 'timeSince' : 'attribute';
  for (const cls of w.classes) {
    const attrs = cls.attributes ?? {};
    const a = attrs[name];
    if (!a) {
      report([...at, field], `class "${cls.id}" follows pathway "${w.pid}" but has no attribute "${name}"${known(name, Object.keys(attrs), `its attributes`)}`, ATTRIBUTES);
      continue;
    }
    if (since !== undefined && a.before === undefined)
      report([...at, field], `attribute "${name}" of class "${cls.id}" is ${a.oneOf ? 'a category' : 'a number'}, not an event: compare it with attribute: ${name}`, ATTRIBUTES);
    else if (since === undefined && a.before !== undefined)
      report([...at, field], `attribute "${name}" of class "${cls.id}" is an event before arrival: ask for the time since it with timeSince: ${name}`, ATTRIBUTES);
    else if (since === undefined && a.oneOf !== undefined) {
      const names = Object.keys(a.oneOf);
      if (c.is === undefined) report([...at, field], `attribute "${name}" of class "${cls.id}" is a category (${list(names)}): compare it with is`, ATTRIBUTES);
      else (Array.isArray(c.is) ? c.is : [c.is]).forEach((v, k) => {
        if (!names.includes(v)) report([...at, 'is', ...(Array.isArray(c.is) ? [k] : [])], `unknown category "${v}" of attribute "${name}" (class "${cls.id}")${known(v, names, 'categories')}`, ATTRIBUTES);
      });
    } else if (since === undefined && a.draw !== undefined && c.is !== undefined)
      report([...at, 'is'], `attribute "${name}" of class "${cls.id}" is a number: compare it with under, atMost, atLeast or over`, ATTRIBUTES);
  }
}

/**
 * Conditions on a step that some routes to the decision skip: valid (the condition does
 * not hold for patients who skipped it), but worth a warning, as it may be a mistake.
 */
export function decisionWarnings(s: Core): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  for (const [pid, steps] of Object.entries(s.pathways ?? {})) {
    steps.forEach((st, i) => {
      if (st.do !== 'branch' || !st.rules) return;
      st.rules.forEach((r, k) => conditionsOf(r).forEach(({ c, path }) => {
        const since = c.timeSince;
        if (since === undefined || typeof since !== 'object') return;
        const x = steps.findIndex((y) => y.id === since.step);
        if (x < 0 || x === i || stepBefore(steps, x, i) !== 'sometimes') return;
        out.push({ path: ['pathways', pid, i, 'rules', k, ...path, 'timeSince', 'step'], message: `some routes of pathway "${pid}" reach decision "${st.id}" without passing step "${since.step}": for those patients the condition does not hold` });
      }));
    });
  }
  return out;
}
