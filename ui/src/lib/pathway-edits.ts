// Edits of a pathway made on its diagram: add a step after another, move a step up or down
// (earlier or later in the pathway). Branches and readmissions name their targets by step
// id, so a move never leaves a target dangling; a move is refused, with the reason in
// words, when it would make the pathway wrong in another way: a step after the discharge that no branch reaches (no patient would get
// there), or any new problem the check finds in that pathway (a loop without time passing,
// a stay without a bed). Pure: a new document, or the reason.
import { parseScenario } from '../../../scenarios/schema/scenario.ts';

type Obj = Record<string, unknown>;
export type EditResult = { ok: true; doc: Obj; path: (string | number)[] } | { ok: false; reason: string };

const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const stepsOf = (doc: Obj, pid: string): Obj[] | undefined => {
  const p = isObject(doc.pathways) ? doc.pathways[pid] : undefined;
  return Array.isArray(p) ? (p as Obj[]) : undefined;
};
const withSteps = (doc: Obj, pid: string, steps: Obj[]): Obj => ({ ...doc, pathways: { ...(doc.pathways as Obj), [pid]: steps } });

/** Step ids a step sends patients to (branch options, rules and otherwise; readmission). */
export function targetsOf(st: Obj): string[] {
  const out: string[] = [];
  if (st.do === 'branch') {
    for (const o of Array.isArray(st.options) ? st.options : []) if (isObject(o) && typeof o.to === 'string') out.push(o.to);
    for (const r of Array.isArray(st.rules) ? st.rules : []) if (isObject(r) && typeof r.to === 'string') out.push(r.to);
    if (typeof st.otherwise === 'string') out.push(st.otherwise);
  }
  if (st.do === 'readmit' && typeof st.to === 'string') out.push(st.to);
  return out;
}

/** An id no step of the pathway has: "stay", "stay-2", … */
export function freshStepId(steps: readonly Obj[], stem: string): string {
  const taken = new Set(steps.map((s) => s.id));
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** A new step to fill in: a stay of a day (the builder changes its kind and numbers). */
export function newStep(steps: readonly Obj[]): Obj {
  return { id: freshStepId(steps, 'stay'), do: 'stay', duration: { dist: 'exponential', mean: 1, unit: 'days' } };
}

/** `step` (or a new one) inserted after position `index` (-1: first); its path, to open it. */
export function addStepAfter(doc: Obj, pid: string, index: number, step?: Obj): EditResult {
  const steps = stepsOf(doc, pid) ?? (isObject(doc.pathways) && pid in doc.pathways ? undefined : []);
  if (!steps) return { ok: false, reason: `pathway ‘${pid}’ is not a list of steps` };
  if (index < -1 || index >= steps.length) return { ok: false, reason: `pathway ‘${pid}’ has no step ${index + 1}` };
  const s = step ?? newStep(steps);
  if (steps.some((x) => x.id === s.id)) return { ok: false, reason: `pathway ‘${pid}’ already has a step ‘${String(s.id)}’` };
  const next = [...steps.slice(0, index + 1), s, ...steps.slice(index + 1)];
  return { ok: true, doc: withSteps(doc, pid, next), path: ['pathways', pid, index + 1] };
}

/** The messages the check gives about pathway `pid` (to tell the problems a move would add). */
function problemsIn(doc: Obj, pid: string): string[] {
  const r = parseScenario(doc);
  return r.ok ? [] : r.issues.filter((i) => i.path[0] === 'pathways' && i.path[1] === pid).map((i) => i.message);
}

/** Step `index` moved by `by` places (-1 earlier, +1 later), or why it cannot be. */
export function moveStep(doc: Obj, pid: string, index: number, by: number): EditResult {
  return moveStepTo(doc, pid, index, index + by);
}

/** Step `index` moved to position `to` (dragged on the diagram), or why it cannot be. */
export function moveStepTo(doc: Obj, pid: string, index: number, to: number): EditResult {
  const steps = stepsOf(doc, pid);
  if (!steps || index < 0 || index >= steps.length) return { ok: false, reason: `pathway ‘${pid}’ has no step ${index + 1}` };
  if (to === index) return { ok: true, doc, path: ['pathways', pid, index] };
  const name = `‘${String(steps[index].id)}’`;
  if (to < 0) return { ok: false, reason: `${name} is already the first step` };
  if (to >= steps.length) return { ok: false, reason: `${name} is already the last step` };
  const next = steps.slice();
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved);
  const reached = new Set(next.flatMap(targetsOf));
  const end = next.findIndex((s) => s.do === 'discharge');
  if (end >= 0) {
    const lost = next.slice(end + 1).find((s) => !reached.has(String(s.id)));
    if (lost) return { ok: false, reason: `no patient would reach ‘${String(lost.id)}’: it would come after the discharge and no branch leads to it` };
  }
  const result = withSteps(doc, pid, next);
  const before = new Set(problemsIn(doc, pid));
  const added = problemsIn(result, pid).find((m) => !before.has(m));
  if (added) return { ok: false, reason: `moving ${name} would make the pathway wrong: ${added}` };
  return { ok: true, doc: result, path: ['pathways', pid, to] };
}

/**
 * The places that name step `from` of pathway `pid` pointed at `to` instead, after the
 * step's id was changed from `from` to `to`: branch options, rules and otherwise,
 * readmission targets, rule conditions timed since that step, measures of that pathway
 * from or to it, and the variants' patches (a step patched by its id, a pathway a
 * variant replaces whole, a measure a variant patches). Nothing changes (count 0) unless
 * `to` is now the id of exactly one step and `from` of none, so a rename onto another
 * step's id, or a half-typed id, never redirects anything.
 */
export function followStepRename(doc: Obj, pid: string, from: string, to: string): { doc: Obj; count: number } {
  const steps = stepsOf(doc, pid);
  if (!steps || from === to || to === '' || steps.some((s) => s.id === from) || steps.filter((s) => s.id === to).length !== 1) return { doc, count: 0 };
  let count = 0;
  const swap = (x: unknown) => (x === from ? (count++, to) : x);
  const since = (c: unknown): unknown => {
    if (!isObject(c) || !isObject(c.timeSince) || c.timeSince.step !== from) return c;
    count++;
    return { ...c, timeSince: { ...c.timeSince, step: to } };
  };
  // One step's references to `from` (and, in a variant's own list of steps, its id).
  const step = (st: unknown, ownId: boolean): unknown => {
    if (!isObject(st)) return st;
    const out: Obj = { ...st };
    if (ownId && st.id === from) out.id = swap(st.id);
    if (typeof st.to === 'string') out.to = swap(st.to);
    if (Array.isArray(st.options)) out.options = st.options.map((o) => (isObject(o) && o.to === from ? { ...o, to: swap(o.to) } : o));
    if (Array.isArray(st.rules)) out.rules = st.rules.map((r) => {
      if (!isObject(r)) return r;
      const rule: Obj = { ...r, to: swap(r.to) };
      if (r.if !== undefined) rule.if = since(r.if);
      if (Array.isArray(r.ifAll)) rule.ifAll = r.ifAll.map(since);
      return rule;
    });
    if (st.otherwise === from) out.otherwise = swap(st.otherwise);
    return out;
  };
  const point = (p: unknown) => (isObject(p) && p.step === from ? (count++, { ...p, step: to }) : p);
  const basePathwayOf = new Map((Array.isArray(doc.measures) ? doc.measures : []).flatMap((m) => (isObject(m) ? [[m.id, m.pathway] as const] : [])));
  const measure = (m: unknown, key?: string): unknown => {
    if (!isObject(m) || (m.pathway ?? basePathwayOf.get(key ?? m.id)) !== pid) return m;
    const o: Obj = { ...m };
    if (m.from !== undefined) o.from = point(m.from);
    if (m.to !== undefined) o.to = point(m.to);
    return o;
  };
  const measures = (ms: unknown): unknown => {
    if (Array.isArray(ms)) return ms.map((m) => measure(m));
    if (isObject(ms)) return Object.fromEntries(Object.entries(ms).map(([k, m]) => [k, measure(m, k.replace(/^\+/, ''))]));
    return ms;
  };
  const out = withSteps(doc, pid, steps.map((st) => step(st, false) as Obj));
  if (doc.measures !== undefined) out.measures = measures(doc.measures);
  if (Array.isArray(doc.variants)) {
    out.variants = doc.variants.map((v) => {
      if (!isObject(v) || !isObject(v.patch)) return v;
      const patch: Obj = { ...v.patch };
      const mine = isObject(patch.pathways) ? patch.pathways[pid] : undefined;
      if (Array.isArray(mine)) {
        patch.pathways = { ...(patch.pathways as Obj), [pid]: mine.map((st) => step(st, true)) };
      } else if (isObject(mine)) {
        // Steps patched by id: the key follows, and what each patch says of targets.
        patch.pathways = { ...(patch.pathways as Obj), [pid]: Object.fromEntries(Object.entries(mine).map(([k, st]) => [k === from ? swap(k) as string : k, step(st, false)])) };
      }
      if (patch.measures !== undefined) patch.measures = measures(patch.measures);
      return { ...v, patch };
    });
  }
  return count === 0 ? { doc, count: 0 } : { doc: out, count };
}
