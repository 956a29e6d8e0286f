// Where a patient of a pathway goes, on average: the expected visits to each step (the
// pathway as an absorbing Markov chain: next step, branch probabilities, readmissions),
// the mean time spent at each step and what is held there. The cost model (estimate.ts)
// and the offered loads (load.ts) are built from these. Work is proportional to the
// pathway's size, never to a number in it.
import type { Duration } from '../schema/distribution.ts';
import type { Pathway } from '../schema/pathway.ts';
import { toDistribution } from '../compile/site.ts';
import { successors } from './steps.ts';

/** Mean of a duration in hours (NaN when its parameters give none: the compiler reports those). */
export function meanHours(d: Duration): number {
  try {
    const m = toDistribution(d).mean;
    return Number.isFinite(m) && m >= 0 ? m : NaN;
  } catch {
    return NaN;
  }
}

export interface Flow {
  /** Expected visits to each step per patient. */
  visits: Float64Array;
  /** Mean hours spent at each step per visit (0 for steps that take no time). */
  hours: Float64Array;
  /** Places (ward ids of the site) held while at each step, as first reached. */
  held: string[][];
  /** Some patients never leave: the pathway loops with probability 1. */
  endless: boolean;
}

/** Propagation rounds at most; beyond, the tail of a slowly decaying loop is extrapolated. */
const ROUNDS = 2_000;
const WORK = 2_000_000;

export function pathwayFlow(steps: Pathway): Flow {
  const n = steps.length;
  const index = new Map<string, number>();
  steps.forEach((s, i) => { if (!index.has(s.id)) index.set(s.id, i); });
  const out = steps.map((_, i) => successors(steps, i, index));
  const edges = out.reduce((a, e) => a + e.length, 0) + n;
  const visits = new Float64Array(n);
  let flow = new Float64Array(n);
  flow[0] = 1;
  let endless = false;
  let previous = 1;
  const rounds = Math.max(50, Math.min(ROUNDS, Math.floor(WORK / edges)));
  for (let k = 0; ; k++) {
    let mass = 0;
    for (let i = 0; i < n; i++) { visits[i] += flow[i]; mass += flow[i]; }
    if (mass < 1e-12) break;
    if (k >= rounds) {
      // A loop that decays slowly: the rest is geometric at the last rate of decay.
      const rate = mass / previous;
      if (!(rate < 1 - 1e-9)) endless = true;
      else for (let i = 0; i < n; i++) visits[i] += (flow[i] * rate) / (1 - rate);
      break;
    }
    previous = mass;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (flow[i] === 0) continue;
      for (const [j, p] of out[i]) next[j] += flow[i] * p;
    }
    flow = next;
  }
  return { visits, hours: stepHours(steps), held: heldPlaces(steps, index), endless };
}

function stepHours(steps: Pathway): Float64Array {
  return Float64Array.from(steps, (st) => {
    switch (st.do) {
      case 'task': case 'stay': case 'operate':
        return meanHours(st.duration);
      case 'delay-discharge':
        return st.probability * meanHours(st.duration);
      case 'readmit':
        return st.probability * meanHours(st.afterDays);
      default:
        return 0;
    }
  });
}

/** What is held on reaching each step (the first route found; a task's own place is added by the caller). */
function heldPlaces(steps: Pathway, index: ReadonlyMap<string, number>): string[][] {
  const held: (string[] | undefined)[] = steps.map(() => undefined);
  const todo: [number, string[]][] = [[0, []]];
  while (todo.length) {
    const [i, h] = todo.pop()!;
    if (i < 0 || i >= steps.length || held[i]) continue;
    held[i] = h;
    const st = steps[i];
    let after = h;
    if (st.do === 'task' && st.place !== undefined) after = st.keepPlace ? [...h.filter((x) => x !== st.place), st.place] : h.filter((x) => x !== st.place);
    if (st.do === 'admit') after = [st.ward];
    for (const [j] of successors(steps, i, index)) todo.push([j, st.do === 'readmit' && j !== i + 1 ? [] : after]);
  }
  return held.map((h) => h ?? []);
}
