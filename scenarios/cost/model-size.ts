// What the compiled model of a scenario holds in proportion to the length of its lists —
// steps, classes, empirical values — for the memory estimate (estimate.ts). Each class is
// compiled with its own copy of its pathway (scenarios/compile/pathway.ts: a task is a
// seize, a delay and a release, or more), and the engine keeps a tally for every pair of
// output and class (observation.ts), so a few thousand classes or steps, or a list of
// millions of durations, took gigabytes while the estimate said 4 MB. Counted from the
// numbers, without compiling anything.
import type { ScenarioCore } from '../schema/scenario.ts';
import type { Pathway, Step } from '../schema/pathway.ts';
import { branchTargets } from '../schema/decision.ts';
import { MAX_COPIES } from '../compile/pathway.ts';
import type { Part } from './estimate.ts';

/**
 * Bytes, measured on Node 20 (bench/RESULTS.md "Cost model"): an engine step compiled, with
 * its share of a replication's state and results (1,330–1,830 B measured, by kind of step); a
 * class beyond its steps (its source, its counts and results by class, its KPIs: about 1,900
 * B measured without the KPIs); a pair of output and class (an ED class's four-hour clock,
 * outliers, readmissions: a tally each class, and its summary in the results: about 920 B
 * measured); an empirical value (the parsed scenario's copy, the text sent to a worker, and
 * 8 B in each class's compiled copy, which compiling first builds as a list: about 52 B
 * measured for one class).
 */
export const MODEL_BYTES = { step: 1_800, class: 3_000, outputByClass: 1_000, value: 40, valueCopy: 16 } as const;

/** Engine steps one scenario step compiles into (pathway.ts), at most as reached holding one place. */
export function engineSteps(st: Step): number {
  switch (st.do) {
    case 'task':
      // Seize place and clinician, delay, release both; a side exit for leaving unseen or a full line.
      return 1 + (st.skill !== undefined ? 2 : 0) + (st.place !== undefined ? 2 : 0) + (st.patience ? 3 : 0) + (st.queueLimit !== undefined ? 3 : 0)
        + (st.durationByRole ? 3 + 2 * Object.keys(st.durationByRole).length : 0);
    case 'admit':
      // Seize the bed, release what was held; each overflow ward a try and a seize on the side.
      return 3 + (st.overflowTo ? 4 + 6 * st.overflowTo.length : 0) + (st.queueLimit !== undefined ? 3 : 0);
    case 'stay':
      return 1;
    case 'operate':
      return 3 + (st.skill !== undefined ? 2 : 0);
    case 'delay-discharge':
      return 5;
    case 'branch':
      return 1 + 2 * (st.rules?.length ?? 0);
    case 'readmit':
      return 6;
    case 'discharge':
      return 2;
    default:
      return 1;
  }
}

/**
 * Engine steps of a pathway as one class compiles it: each step once for every different
 * set of places it is reached holding (pathway.ts heldAtSteps: an overflow ward, a cubicle
 * kept or not, copy the steps after them), at most MAX_COPIES copies, as the compiler allows.
 * Walked as the compiler does, with the step ids looked up once.
 */
export function compiledSteps(steps: Pathway): number {
  const index = new Map<string, number>();
  steps.forEach((st, i) => { if (!index.has(st.id)) index.set(st.id, i); });
  const first: (string | undefined)[] = new Array(steps.length); // the holding a step is first reached with
  const others = new Map<number, Set<string>>(); // and the others (copies)
  const todo: [number, string[]][] = [[0, []]];
  let copies = 0;
  while (todo.length > 0 && copies <= MAX_COPIES) {
    const [i, held] = todo.pop()!;
    if (i < 0 || i >= steps.length) continue;
    const key = [...held].sort().join('\n');
    if (first[i] === undefined) first[i] = key;
    else {
      if (first[i] === key || others.get(i)?.has(key)) continue;
      others.set(i, (others.get(i) ?? new Set()).add(key));
      copies++;
    }
    const st = steps[i];
    const next = (h: string[]) => todo.push([i + 1, h]);
    switch (st.do) {
      case 'task':
        if (st.place === undefined) next(held);
        else {
          const without = held.filter((h) => h !== st.place && h !== `${st.place}/outlier`);
          next(st.keepPlace ? [...without, st.place] : without);
        }
        break;
      case 'admit':
        next([st.ward]);
        for (const w of st.overflowTo ?? []) next([w, `${w}/outlier`]);
        break;
      case 'branch':
        for (const o of branchTargets(st)) todo.push([index.get(o.to) ?? -1, held]);
        break;
      case 'readmit':
        next(held);
        todo.push([index.get(st.to) ?? -1, []]);
        break;
      case 'discharge':
        break;
      default:
        next(held);
    }
  }
  // A step no route reaches is compiled once too.
  return steps.reduce((a, st, i) => a + engineSteps(st) * (1 + (others.get(i)?.size ?? 0)), 0);
}

/** Steps an ED class adds to its pathway: the clock seized, stamped, recorded and released. */
const ED_STEPS = 4;

/** The memory parts of what the model holds by steps, classes, outputs and empirical values. */
export function modelMemory(s: ScenarioCore): Part[] {
  const parts: Part[] = [];
  const classes = s.classes.length;
  // Each class with a pathway compiles its own copy of it.
  const users = new Map<string, number>();
  for (const c of s.classes) if (c.pathway !== undefined && s.pathways[c.pathway]) users.set(c.pathway, (users.get(c.pathway) ?? 0) + 1);
  for (const [id, k] of users) {
    const steps = compiledSteps(s.pathways[id]);
    parts.push({ path: ['pathways', id], amount: k * steps * MODEL_BYTES.step, text: `pathway "${id}" (${s.pathways[id].length} steps) compiled for ${k} class${k === 1 ? '' : 'es'}` });
  }
  const ed = s.classes.filter((c) => c.ed && c.pathway !== undefined).length;
  parts.push({ path: ['classes'], amount: classes * MODEL_BYTES.class + ed * ED_STEPS * MODEL_BYTES.step, text: `${classes} classes` });
  // Outputs recorded by class (measures are counted with their quantile sketches).
  const steps = Object.values(s.pathways).flat();
  const outputs = ed + (steps.some((st) => st.do === 'admit' && st.overflowTo) ? 1 : 0) + (steps.some((st) => st.do === 'readmit') ? 1 : 0);
  if (outputs > 0 && classes > 1) {
    parts.push({ path: ['classes'], amount: outputs * classes * MODEL_BYTES.outputByClass, text: `${outputs} outputs recorded for each of ${classes} classes${ed > 1 ? ` (the four-hour clocks of ${ed} ED classes)` : ''}` });
  }
  for (const { path, values } of empiricalLists(s)) {
    const copies = path[0] === 'pathways' ? (users.get(String(path[1])) ?? 0) : 1;
    parts.push({ path, amount: values * (MODEL_BYTES.value + MODEL_BYTES.valueCopy * copies), text: `${values} values of an empirical duration${copies > 1 ? `, compiled for ${copies} classes` : ''}` });
  }
  return parts;
}

/**
 * Every empirical duration in the scenario, with its path and length. Walks the scenario's
 * objects (durations sit in steps, waiting lists, mutual aid…), not its lists of numbers.
 */
export function empiricalLists(s: ScenarioCore): { path: PropertyKey[]; values: number }[] {
  const found: { path: PropertyKey[]; values: number }[] = [];
  const todo: [unknown, PropertyKey[]][] = [[s, []]];
  while (todo.length) {
    const [x, path] = todo.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (Array.isArray(x)) {
      if (typeof x[0] !== 'object') continue; // a list of numbers or ids
      x.forEach((v, i) => todo.push([v, [...path, i]]));
      continue;
    }
    const o = x as Record<string, unknown>;
    if (o.dist === 'empirical' && Array.isArray(o.values)) {
      found.push({ path: [...path, 'values'], values: o.values.length });
      continue;
    }
    for (const [k, v] of Object.entries(o)) if (v !== null && typeof v === 'object') todo.push([v, [...path, k]]);
  }
  return found;
}
