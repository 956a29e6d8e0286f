// A class's routing between steps, from its journeys (journeys.ts): where patients start,
// the observed transitions between consecutive steps with each one's share of the patients
// leaving its step (Wilson 95% intervals), and each step's duration (entering it to entering
// the next) fitted to the language's families as lengths of stay are (stay-fit.ts). A step
// no patient ever left for another is an exit (a discharge in the scenario).
import type { Journey } from './journeys.ts';
import { fitStays, type StayFit } from './stay-fit.ts';
import { MIN_STAYS, wilson, type Choice, type Unit } from './fit.ts';

/** A share with its Wilson 95% interval. */
export interface Share { count: number; share: number; low: number; high: number }

export interface Transition extends Share { from: string; to: string }

export interface StepFit {
  id: string;
  /** Visits to the step. */
  visits: number;
  /** Visits followed by another step (the transitions out of it). */
  left: number;
  /** Visits that were a patient's last and not open: where they left the system. */
  ended: number;
  /** Visits still open at the extract (censored durations). */
  open: number;
  /** No patient went on from it: an exit, a discharge in the scenario. */
  exit: boolean;
  /** Durations of 0 (the next step entered at the same time): transitions, not fitted. */
  zero: number;
  /** The fit of the positive durations, when MIN_STAYS or more with 3 different values. */
  durations?: StayFit;
  /** The mean duration in hours, when there are too few to fit (written as a deterministic duration). */
  mean?: number;
  unit: Unit;
  choice: Choice;
}

export interface Routing {
  /** Journeys used (every row with a readable time). */
  patients: number;
  /** The first step of each journey. */
  entries: (Share & { id: string })[];
  steps: StepFit[];
  /** Most frequent first within each step, steps in the order of `steps`. */
  transitions: Transition[];
}

const share = (count: number, n: number): Share => { const [low, high] = wilson(count, n); return { count, share: count / n, low, high }; };

export function routingOfJourneys(journeys: readonly Journey[], extract: number, family?: Choice): Routing {
  const entries = new Map<string, number>();
  const counts = new Map<string, Map<string, number>>();
  const durations = new Map<string, number[]>(), censored = new Map<string, number[]>();
  const visits = new Map<string, number>(), ended = new Map<string, number>(), open = new Map<string, number>(), zero = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const list = (m: Map<string, number[]>, k: string) => { let l = m.get(k); if (!l) m.set(k, (l = [])); return l; };
  for (const j of journeys) {
    bump(entries, j.visits[0].step);
    j.visits.forEach((v, i) => {
      bump(visits, v.step);
      const next = j.visits[i + 1];
      if (next) {
        const out = counts.get(v.step) ?? new Map<string, number>();
        counts.set(v.step, out);
        bump(out, next.step);
        const d = next.start - v.start;
        if (d > 0) list(durations, v.step).push(d); else bump(zero, v.step);
      } else if (j.open) bump(open, v.step);
      else bump(ended, v.step);
    });
  }
  // An open visit had lasted until the extract so far: a censored duration.
  for (const j of journeys) if (j.open) { const v = j.visits[j.visits.length - 1]; if (extract > v.start) list(censored, v.step).push(extract - v.start); }
  const n = journeys.length;
  // Steps: the most frequent entry first, then by visits (most first), ids breaking ties.
  const ids = [...visits.keys()].sort((a, b) => (entries.get(b) ?? 0) - (entries.get(a) ?? 0) || visits.get(b)! - visits.get(a)! || (a < b ? -1 : 1));
  const steps: StepFit[] = ids.map((id) => {
    const out = counts.get(id);
    const left = out ? [...out.values()].reduce((a, b) => a + b, 0) : 0;
    const d = durations.get(id) ?? [];
    const base = { id, visits: visits.get(id)!, left, ended: ended.get(id) ?? 0, open: open.get(id) ?? 0, exit: left === 0, zero: zero.get(id) ?? 0 };
    if (left === 0) return { ...base, unit: 'hours' as Unit, choice: 'empirical' as Choice };
    const mean = d.length > 0 ? d.reduce((a, b) => a + b, 0) / d.length : 0;
    if (d.length < MIN_STAYS || new Set(d).size < 3) return { ...base, mean, unit: unitOf(mean), choice: 'empirical' as Choice };
    const fit = fitStays(d, censored.get(id) ?? []);
    return { ...base, durations: fit, unit: unitOf(fit.sample.median), choice: family ?? fit.ranked[0].family };
  });
  const transitions: Transition[] = [];
  for (const id of ids) {
    const out = counts.get(id);
    if (!out) continue;
    const left = [...out.values()].reduce((a, b) => a + b, 0);
    for (const [to, c] of [...out].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) transitions.push({ from: id, to, ...share(c, left) });
  }
  return {
    patients: n,
    entries: [...entries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id, c]) => ({ id, ...share(c, n) })),
    steps,
    transitions,
  };
}

/** Durations written in days when the typical one is a day or more, hours when an hour or more, else minutes. */
export const unitOf = (hours: number): Unit => (hours >= 24 ? 'days' : hours >= 1 ? 'hours' : 'minutes');
