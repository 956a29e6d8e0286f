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

/**
 * Sweeps over a loop at most (each sweep costs the loop's moves); beyond, the tail of a
 * slowly decaying loop is extrapolated. Work stays proportional to the pathway's size.
 */
const SWEEPS = 2_000;
const WORK = 2_000_000;
/** Times round a loop that never lets go (probability 1) the visits count: the run's event budget stops what this cannot foresee. */
export const ENDLESS_PASSES = 1_000;
/** Probability of staying in a loop counted as 1 (branch probabilities are sums of decimals). */
const CLOSED = 1 - 1e-9;

/**
 * Expected visits solve v = e₀ + vP. The steps are taken a group at a time in the order
 * patients can reach them (strongly connected components, earliest first), so a pathway
 * without loops is solved exactly in one pass whatever its length; within a loop, sweeps
 * in step order (Gauss–Seidel) until the visits stop growing. A loop is endless only when
 * it is one that keeps every patient it takes (probability 1 of staying), not when it is
 * merely long.
 */
export function pathwayFlow(steps: Pathway): Flow {
  const n = steps.length;
  const index = new Map<string, number>();
  steps.forEach((s, i) => { if (!index.has(s.id)) index.set(s.id, i); });
  const out = steps.map((_, i) => successors(steps, i, index));
  const visits = new Float64Array(n);
  const inflow = new Float64Array(n); // visits brought to each step by earlier groups
  let endless = false;
  if (n > 0) inflow[0] = 1;
  for (const group of reachedInOrder(out)) {
    if (group.length === 1 && !out[group[0]].some(([j]) => j === group[0])) {
      visits[group[0]] = inflow[group[0]];
    } else if (loopVisits(group, out, inflow, visits)) endless = true;
    for (const i of group) for (const [j, p] of out[i]) if (visits[i] > 0) inflow[j] += visits[i] * p;
    for (const i of group) inflow[i] = 0; // what stayed inside is in visits
  }
  return { visits, hours: stepHours(steps), held: heldPlaces(steps, index), endless };
}

/**
 * Visits to the steps of one loop (a strongly connected group, members in step order) from
 * what flows into it; true if it keeps every patient it takes (endless: visits counted for
 * ENDLESS_PASSES times round). Moves out of the group are left to the caller.
 */
function loopVisits(group: readonly number[], out: readonly [number, number][][], inflow: Float64Array, visits: Float64Array): boolean {
  const member = new Set(group);
  const into = new Map<number, [number, number][]>(group.map((j) => [j, []]));
  let edges = 0;
  let closed = true;
  for (const i of group) {
    let staying = 0;
    for (const [j, p] of out[i]) if (member.has(j)) { into.get(j)!.push([i, p]); staying += p; edges++; }
    if (!(staying >= CLOSED)) closed = false;
  }
  const last = new Float64Array(group.length); // each member's increase in the last sweep
  const most = Math.max(50, Math.min(closed ? ENDLESS_PASSES : SWEEPS, Math.floor(WORK / (edges + group.length))));
  let previous = Infinity;
  for (let k = 0; k < most; k++) {
    let increase = 0, total = 0;
    group.forEach((j, m) => {
      let v = inflow[j];
      for (const [i, p] of into.get(j)!) v += visits[i] * p;
      last[m] = v - visits[j];
      increase += last[m];
      total += v;
      visits[j] = v;
    });
    if (!closed && increase <= 1e-12 * total) return false;
    if (k === most - 1) {
      if (closed) {
        // Each sweep is about one more time round: the rest of the passes at the last sweep's pace.
        group.forEach((j, m) => { visits[j] += last[m] * (ENDLESS_PASSES - most); });
        return true;
      }
      // A loop that decays slowly: the rest is geometric at the last rate of decay.
      const rate = increase / previous;
      if (!(rate < CLOSED)) return true;
      group.forEach((j, m) => { visits[j] += (last[m] * rate) / (1 - rate); });
      return false;
    }
    previous = increase;
  }
  return closed;
}

/**
 * The steps reached from the first, in groups that can reach one another (Tarjan's strongly
 * connected components, without recursion: pathways may be long), earliest group first;
 * each group's steps in step order. Steps no route reaches are in none.
 */
function reachedInOrder(out: readonly [number, number][][]): number[][] {
  const n = out.length;
  const order = new Int32Array(n).fill(-1); // discovery index
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const groups: number[][] = [];
  const path = new Int32Array(n); // the depth-first route: steps …
  const next = new Int32Array(n); // … and the successor of each to look at next
  let depth = 0;
  let counter = 0;
  if (n === 0) return groups;
  const visit = (i: number) => { order[i] = low[i] = counter++; stack.push(i); onStack[i] = 1; path[depth] = i; next[depth++] = 0; };
  visit(0);
  while (depth > 0) {
    const i = path[depth - 1];
    const e = next[depth - 1];
    if (e < out[i].length) {
      next[depth - 1]++;
      const j = out[i][e][0];
      if (order[j] < 0) visit(j);
      else if (onStack[j]) low[i] = Math.min(low[i], order[j]);
      continue;
    }
    depth--;
    if (depth > 0) low[path[depth - 1]] = Math.min(low[path[depth - 1]], low[i]);
    if (low[i] === order[i]) {
      const group: number[] = [];
      let j: number;
      do { j = stack.pop()!; onStack[j] = 0; group.push(j); } while (j !== i);
      groups.push(group.length > 1 ? group.sort((a, b) => a - b) : group);
    }
  }
  // Tarjan finds a group after every group it leads to: reversed, the earliest comes first.
  return groups.reverse();
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
