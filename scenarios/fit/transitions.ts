// A class's routing between steps, from its journeys (journeys.ts): where patients start,
// the observed transitions between consecutive steps with each one's share of the patients
// leaving its step (Wilson 95% intervals), and each step's duration fitted to the language's
// families as lengths of stay are (stay-fit.ts). A step no patient ever left for another is
// an exit (a discharge in the scenario).
//
// The duration: where the extract's lifecycle values show when each visit's service began
// and ended (journeys.ts), the service alone, and the wait before it (from the end of the
// previous step's service, or entering the step) is reported apart: a fitted model without
// the hospital's capacity should not carry its queues inside its steps. Otherwise, from
// entering the step to entering the next, waits included.
import type { Journey } from './journeys.ts';
import { fitStays, sampleQuantile, type StayFit } from './stay-fit.ts';
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
  /**
   * What the duration is: "service", from the start of the service to its end (the
   * extract's lifecycle values show them, and `waits` has the time before); "visit", from
   * entering the step to entering the next, waits included (no lifecycle values for it).
   */
  basis: 'service' | 'visit';
  /** With basis "service": the waits before the service, as observed (the system's, not the step's). */
  waits?: WaitSummary;
  /** The fit of the positive durations, when MIN_STAYS or more with 3 different values. */
  durations?: StayFit;
  /** The mean duration in hours, when there are too few to fit (written as a deterministic duration). */
  mean?: number;
  unit: Unit;
  choice: Choice;
}

/** The waits before a step's service, in hours (0 included: served at once). */
export interface WaitSummary {
  /** Waits that ended in the service beginning. */
  n: number;
  mean: number;
  median: number;
  p90: number;
  /** Still waiting at the extract (censored: not in the figures). */
  waiting: number;
  /** Left the line without being served (gave up, turned away, sent elsewhere): not in the figures. */
  left: number;
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
  // The same with lifecycle values: services (> 0, censored, of 0), waits, and waits not ended by a service.
  const services = new Map<string, number[]>(), censoredServices = new Map<string, number[]>(), zeroServices = new Map<string, number>();
  const waits = new Map<string, number[]>(), waiting = new Map<string, number>(), unserved = new Map<string, number>();
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
      // The service and the wait before it: the wait from when the previous step's service ended
      // (an extract of start and complete rows only has no row for reaching the next step) or entering this one.
      if (v.serviceStart === undefined) {
        bump(!next && j.open ? waiting : unserved, v.step);
        return;
      }
      const ready = Math.min(v.start, j.visits[i - 1]?.serviceEnd ?? v.start);
      const off = v.suspended ?? 0;
      list(waits, v.step).push(v.serviceStart - ready + off);
      const end = v.serviceEnd ?? next?.start;
      if (end !== undefined) { const s = end - v.serviceStart - off; if (s > 0) list(services, v.step).push(s); else bump(zeroServices, v.step); }
      else if (j.open && extract > v.serviceStart + off) list(censoredServices, v.step).push(extract - v.serviceStart - off);
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
    // A step some of whose visits had a service (a `start`) is fitted on its services; else on its visits.
    const w = waits.get(id);
    const basis = w ? 'service' as const : 'visit' as const;
    const d = (w ? services : durations).get(id) ?? [];
    const base = {
      id, visits: visits.get(id)!, left, ended: ended.get(id) ?? 0, open: open.get(id) ?? 0, exit: left === 0,
      zero: (w ? zeroServices : zero).get(id) ?? 0, basis,
      ...(w ? { waits: waitSummary(w, waiting.get(id) ?? 0, unserved.get(id) ?? 0) } : {}),
    };
    if (left === 0) return { ...base, unit: 'hours' as Unit, choice: 'empirical' as Choice };
    const mean = d.length > 0 ? d.reduce((a, b) => a + b, 0) / d.length : 0;
    if (d.length < MIN_STAYS || new Set(d).size < 3) return { ...base, mean, unit: unitOf(mean), choice: 'empirical' as Choice };
    const fit = fitStays(d, (w ? censoredServices : censored).get(id) ?? []);
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

function waitSummary(w: number[], waiting: number, left: number): WaitSummary {
  const sorted = [...w].sort((a, b) => a - b);
  return { n: w.length, mean: w.reduce((a, b) => a + b, 0) / w.length, median: sampleQuantile(sorted, 0.5), p90: sampleQuantile(sorted, 0.9), waiting, left };
}

/** Durations written in days when the typical one is a day or more, hours when an hour or more, else minutes. */
export const unitOf = (hours: number): Unit => (hours >= 24 ? 'days' : hours >= 1 ? 'hours' : 'minutes');
