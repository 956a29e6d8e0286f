// A scenario's measures (schema/measure.ts) onto the engine's time stamps and outputs:
//  - an interval from a point to a point: a `set` stamps the time at `from` (arrival: on
//    reaching the pathway's first step) and a `record` at `to` adds now minus the stamp to the
//    output `measure:<id>`, with the target as the output's `within`, so the engine counts
//    the patients within it, overall and by class. The stamp is cleared once recorded, so
//    a patient who comes to `to` again without passing `from` (a readmission) is not
//    measured from a stale stamp;
//  - every wait for a resource: a stamp just before each request for it (a seize of the
//    place's or theatre's pool, or of the site's staff for the skill) and a record just
//    after it is granted. Patients who leave or are diverted from the line are not counted.
// An interval counts when its start is in the measured window (as time.* and wait.* do):
// one still open at the horizon is not counted, but with a target the intervals still open
// and already over it are reported (measure.openOver, and the run's open-intervals warning).
import type { StepDef } from '../../engine/core/pathway.ts';
import { set, record } from '../../engine/core/pathway.ts';
import type { ScenarioCore } from '../schema/scenario.ts';
import type { Measure, Point } from '../schema/measure.ts';
import { TARGET_UNIT_HOURS, CENTILES } from '../schema/measure.ts';
import type { ClassPathway, MarksAt, StepMarks } from './pathway.ts';
import type { Pathway } from '../schema/pathway.ts';
import { successors } from '../cost/steps.ts';
import { placeId, theatreId, staffId } from './site.ts';

/** What the KPIs need of a measure (kpis/replication.ts). */
export interface MeasureLayout {
  id: string;
  output: string;
  /** Target in hours (NaN: none). */
  within: number;
  centiles: readonly number[];
  /** Classes measured (for an interval: those the measure applies to; for a wait: those whose pathway asks for the resource). */
  classes: string[];
  /** The pool of a place or theatre waited for (per-class utilisation), if any. */
  pool: string | null;
}

export const measureOutput = (id: string) => `measure:${id}`;
const stamp = (id: string) => `@measure:${id}`;

const targetHours = (m: Measure) => (m.within ? m.within.value * TARGET_UNIT_HOURS[m.within.unit] : NaN);
/**
 * The engine's target: "within X" includes X, but a time is a difference of clock times
 * in floating point (2.5 h can come out as 2.5000000000000004), so the bound is widened by
 * a billionth of it (under 4 µs for a year): a deterministic 150-minute interval is within 150 minutes.
 */
const within = (m: Measure) => (m.within ? { within: targetHours(m) * (1 + 1e-9) } : {});
/** The centiles the engine is asked for besides those every tally reports (CENTILES). */
export const extraCentiles = (m: Measure) => m.centiles.filter((c) => !(CENTILES as readonly number[]).includes(c)).sort((a, b) => a - b);
/** What a record step of the measure says: its target and its extra centiles. */
const recorded = (m: Measure) => {
  const extra = extraCentiles(m);
  return { ...within(m), ...(extra.length > 0 ? { centiles: extra } : {}) };
};

/** A list's measures, recorded by its elective service from referral. */
export function listMeasures(s: ScenarioCore, list: string): { output: string; to: 'treatment' | 'departure'; within?: number; centiles?: number[] }[] {
  return s.measures.filter((m) => m.list === list).map((m) => ({ output: measureOutput(m.id), to: m.to as 'treatment' | 'departure', ...recorded(m) }));
}

/** The classes an interval measure applies to. */
export function measuredClasses(s: ScenarioCore, m: Measure): string[] {
  if (m.classes) return [...m.classes];
  return s.classes.filter((c) => c.pathway !== undefined && (m.pathway === undefined || c.pathway === m.pathway)).map((c) => c.id);
}

/** The marks (set and record steps) the class's interval measures put on its pathway's steps. */
export function intervalMarks(s: ScenarioCore, p: ClassPathway): MarksAt {
  // Makers, not steps: each copy of a step (one per holding) gets steps of its own.
  type Makers = Record<keyof StepMarks, (() => StepDef[])[]>;
  const byStep = new Map<number, Makers>();
  const at = (i: number) => {
    let x = byStep.get(i);
    if (!x) byStep.set(i, (x = { reached: [], started: [], finished: [] }));
    return x;
  };
  /** The moment of a step point, as the step's kind has it (a stay starts when reached; an admission ends when it starts). */
  const moment = (point: Exclude<Point, string>, i: number): keyof StepMarks => {
    const kind = p.steps[i].do;
    if (point.at === 'started' && kind === 'stay') return 'reached';
    if (point.at === 'finished' && kind === 'admit') return 'started';
    return point.at;
  };
  for (const m of s.measures) {
    if (m.from === undefined || m.to === undefined || m.list !== undefined) continue;
    if (!measuredClasses(s, m).includes(p.cls)) continue;
    const output = measureOutput(m.id);
    const since = stamp(m.id);
    // Arrival is the first step reached: a patient readmitted to it arrives again (a new
    // episode), one readmitted further on is not measured again from a stale stamp.
    if (m.from === 'arrival') at(0).reached.push(() => [set(since, 'now')]);
    else if (typeof m.from !== 'string') {
      const from = m.from;
      const i = p.steps.findIndex((x) => x.id === from.step);
      at(i)[moment(from, i)].push(() => [set(since, 'now')]);
    }
    // With a target, the intervals still open at the end are reported (the run warns when
    // many are already over it: the share counts only intervals that ended).
    const end = (): StepDef[] => [record(output, since, { ...recorded(m), ...(m.within ? { reportOpen: true } : {}) }), set(since, NaN)];
    // A patient on a step from which the interval's end cannot be reached (another branch:
    // not eligible for thrombolysis) will never end it: the stamp is cleared there, so an
    // interval still open at the horizon is one that can still end (reportOpen).
    if (m.within) {
      const ends = new Set(m.to === 'departure' ? p.steps.flatMap((st, i) => (st.do === 'discharge' ? [i] : [])) : [p.steps.findIndex((x) => x.id === (m.to as { step: string }).step)]);
      const can = canReach(p.steps, ends);
      p.steps.forEach((_, i) => { if (!can[i]) at(i).reached.push(() => [set(since, NaN)]); });
    }
    if (m.to === 'departure') {
      p.steps.forEach((st, i) => { if (st.do === 'discharge') at(i).reached.push(end); });
    } else if (typeof m.to !== 'string') {
      const to = m.to;
      const i = p.steps.findIndex((x) => x.id === to.step);
      // At one moment, intervals end before others start: a stamp set here is for the next interval.
      at(i)[moment(to, i)].unshift(end);
    }
  }
  return (i) => {
    const x = byStep.get(i);
    if (!x) return undefined;
    return { reached: x.reached.flatMap((f) => f()), started: x.started.flatMap((f) => f()), finished: x.finished.flatMap((f) => f()) };
  };
}

/** Per step: whether a patient there can still come to one of `ends` (itself one, or a step after it by any route). */
function canReach(steps: Pathway, ends: ReadonlySet<number>): boolean[] {
  const index = new Map(steps.map((st, i) => [st.id, i]));
  const can = steps.map((_, i) => ends.has(i));
  // Backwards to a fixed point: a step that leads to one that can reach an end can too (at most one pass per step).
  for (let changed = true; changed;) {
    changed = false;
    steps.forEach((_, i) => {
      if (!can[i] && successors(steps, i, index).some(([j]) => can[j])) { can[i] = true; changed = true; }
    });
  }
  return can;
}

/** The engine pool (and skill) a wait measure watches. */
function waitedFor(m: Measure): { pool: string; skill?: string } | undefined {
  const w = m.wait;
  if (!w) return undefined;
  if (w.place !== undefined) return { pool: placeId(w.site, w.place) };
  if (w.theatre !== undefined) return { pool: theatreId(w.site, w.theatre) };
  return { pool: staffId(w.site), skill: w.skill };
}

/**
 * The class's compiled steps with every request for a measured resource stamped before
 * and recorded once granted; the measures that found one for this class.
 */
export function withWaitMeasures(s: ScenarioCore, cls: string, steps: StepDef[]): { steps: StepDef[]; measured: string[] } {
  const watched = s.measures.flatMap((m) => {
    const r = waitedFor(m);
    return r && (m.classes === undefined || m.classes.includes(cls)) ? [{ m, ...r }] : [];
  });
  if (watched.length === 0) return { steps, measured: [] };
  const measured = new Set<string>();
  const out: StepDef[] = [];
  for (const st of steps) {
    const hits = st.kind === 'seize' ? watched.filter((w) => w.pool === st.pool && (w.skill === undefined || w.skill === st.skill)) : [];
    if (hits.length === 0) { out.push(st); continue; }
    // The stamp takes the request's label, so every route to the request passes it.
    const stamps = hits.map((w) => set(stamp(w.m.id), 'now'));
    const { label, ...request } = st;
    stamps[0] = { ...stamps[0], ...(label !== undefined ? { label } : {}) };
    out.push(...stamps, request as StepDef, ...hits.map((w) => record(measureOutput(w.m.id), stamp(w.m.id), recorded(w.m))));
    for (const w of hits) measured.add(w.m.id);
  }
  return { steps: out, measured: [...measured] };
}

/** The layout of every measure, once the classes each wait measure found are known. */
export function measureLayouts(s: ScenarioCore, waitClasses: Map<string, string[]>, listClasses: (list: string) => string[]): MeasureLayout[] {
  return s.measures.map((m) => {
    const r = waitedFor(m);
    return {
      id: m.id,
      output: measureOutput(m.id),
      within: targetHours(m),
      centiles: [...m.centiles].sort((a, b) => a - b),
      classes: r ? waitClasses.get(m.id) ?? [] : m.list !== undefined ? listClasses(m.list) : measuredClasses(s, m),
      pool: r && r.skill === undefined ? r.pool : null,
    };
  });
}
