// Where a patient can go from each step of a pathway, with what probability, and which of
// those moves take no time — for the cost model's flows (flow.ts) and for the schema's
// check that no loop of steps takes no time (references.ts). Plain data, no engine.
import type { Duration } from '../schema/distribution.ts';
import type { Pathway, Step } from '../schema/pathway.ts';
import { branchTargets } from '../schema/decision.ts';

/** A zero-duration draw for certain: what lets a step take no time (a missing one, in what is salvaged of an invalid document, does not). */
const alwaysZero = (d: Duration | undefined) => d?.dist === 'deterministic' && d.value === 0;

/** The steps a patient can go to from step i, with their probabilities (none: leaves). */
export function successors(steps: Pathway, i: number, index: ReadonlyMap<string, number>): [number, number][] {
  const st = steps[i];
  const next: [number, number][] = i + 1 < steps.length ? [[i + 1, 1]] : [];
  switch (st.do) {
    case 'branch':
      return branchTargets(st).flatMap((o) => (index.has(o.to) && o.probability > 0 ? [[index.get(o.to)!, o.probability] as [number, number]] : []));
    case 'readmit': {
      const back = index.get(st.to);
      const out: [number, number][] = [];
      if (back !== undefined && st.probability > 0) out.push([back, st.probability]);
      if (st.probability < 1 && next.length) out.push([next[0][0], 1 - st.probability]);
      return out;
    }
    case 'discharge':
      return [];
    default:
      return next;
  }
}

/** Successors reached without time passing (for the check that no loop takes no time). */
export function instantSuccessors(steps: Pathway, i: number, index: ReadonlyMap<string, number>): number[] {
  // The schema check runs this on what can be read of an invalid document too (salvage.ts):
  // a step of an unknown kind, or without its options, leads nowhere here (the schema says why).
  const st: Step = steps[i];
  const next = i + 1 < steps.length ? [i + 1] : [];
  switch (st.do) {
    case 'branch':
      return branchTargets(st).flatMap((o) => (index.has(o.to) && o.probability > 0 ? [index.get(o.to)!] : []));
    case 'admit':
      return next;
    case 'task': case 'stay': case 'operate':
      return alwaysZero(st.duration) ? next : [];
    case 'delay-discharge':
      return st.probability < 1 || alwaysZero(st.duration) ? next : [];
    case 'readmit': {
      const back = index.get(st.to);
      return [...(st.probability < 1 ? next : []), ...(back !== undefined && st.probability > 0 && alwaysZero(st.afterDays) ? [back] : [])];
    }
    case 'discharge':
      return [];
    default:
      return [];
  }
}
