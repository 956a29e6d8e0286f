// Rows of a step extract into patients' journeys: several rows per patient, each naming a
// step (or activity) and a time, as a patient administration system's ward transfers or
// `pathflow run --event-log` write them. A patient's rows in time order, consecutive rows
// of the same step made one visit, give the steps they went through; the time from entering
// one step to entering the next is that step's duration, and the pairs of consecutive steps
// are the transitions the routing is fitted from (transitions.ts). Every row or patient that
// cannot be used is counted by reason, with its first lines, as stays.ts does.
//
// With a lifecycle column as `pathflow run --event-log` writes it (docs/event-log.md), a
// visit is split too: `start` is when the patient was given what the step holds (a bed, a
// cubicle, a member of staff; the last `start` when it holds several), and the first
// `complete` of something started in the visit (or, if none, entering the next step) is the
// end of its service; `suspend` to `resume` (preempted) is time off the service. The time
// before the service is the patient's wait, a property of the system the data came from
// (its capacity and its load), not of the step.
import type { Table } from './csv.ts';
import { classId, parseTimestamp, type Problem, type ProblemKind, type Stay, type Stays } from './stays.ts';
import { MAX_CLASSES } from './stays.ts';

/** Column names looked for (case-insensitive; the first found of each list) unless the user names others. */
export const STEP_COLUMNS = {
  patient: ['patient'],
  step: ['step', 'activity'],
  // `pathflow run --event-log` writes `datetime` (with a startDate) and `time_hours` (always).
  time: ['time', 'datetime', 'time_hours'],
  class: ['class'],
  lifecycle: ['lifecycle'],
  outcome: ['outcome'],
  resource: ['resource'],
} as const;
export type StepColumns = { patient: string; step: string; time: string; class: string };

/** Steps at most in one file (each becomes a step of each pathway). */
export const MAX_STEPS = 40;
/** Examples kept of each kind of problem. */
const EXAMPLES = 5;

/** One visit to a step: when the patient entered it, and the line of that row. */
export interface Visit {
  step: string;
  start: number;
  line: number;
  /** With lifecycle values: when the service began (the last `start` of the visit before its service ended). */
  serviceStart?: number;
  /** When the service ended: the first `complete` of something started in the visit; undefined: at the next step (or still going at the extract). */
  serviceEnd?: number;
  /** Hours preempted during the service (`suspend` to `resume`): waiting again, not served. */
  suspended?: number;
}

/** A row of a patient: its step ('' for an arrival), time, line, lifecycle value and resource. */
interface Row { step: string; start: number; line: number; lifecycle: string; resource: string }

export interface Journey {
  patient: string;
  class: string;
  visits: Visit[];
  /** Still in the system at the extract (an event log's "leave … in-system"): the last visit is open. */
  open: boolean;
}

export interface Journeys extends Stays {
  /** Usable journeys (every row with a readable time), by patient, in the order first seen. */
  journeys: Journey[];
}

export type JourneysResult = { ok: true; value: Journeys } | { ok: false; message: string };

/** A time: a timestamp stays.ts reads, or a number of hours (an event log's `time_hours`). */
function parseTime(text: string): number | undefined {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(t)) return Number(t);
  return parseTimestamp(t);
}

/** True when the table has the columns of a step extract (a patient and a step or activity column). */
export function isStepExtract(header: readonly string[], step?: string): boolean {
  const has = (names: readonly string[]) => names.some((n) => header.some((h) => h.toLowerCase() === n.toLowerCase()));
  return step !== undefined || (has(STEP_COLUMNS.patient) && has(STEP_COLUMNS.step));
}

/**
 * The journeys of a step extract, and one stay per patient (their first time to their last:
 * the time in the system) so that the arrival profile and the time-in-system fit are made as
 * for an extract of stays. `known`: the steps expected; rows of other steps are counted as
 * unknown and not used.
 */
export function readJourneys(table: Table, columns: Partial<StepColumns> = {}, extractText?: string, known?: readonly string[]): JourneysResult {
  const header = table.header;
  const find = (names: readonly string[]) => { for (const n of names) { const i = header.findIndex((h) => h.toLowerCase() === n.toLowerCase()); if (i >= 0) return i; } return -1; };
  const columnsText = `columns: ${header.map((h) => JSON.stringify(h)).join(', ')}`;
  const at = {
    patient: find(columns.patient !== undefined ? [columns.patient] : STEP_COLUMNS.patient),
    step: find(columns.step !== undefined ? [columns.step] : STEP_COLUMNS.step),
    time: -1,
    class: find(columns.class !== undefined ? [columns.class] : STEP_COLUMNS.class),
    lifecycle: find(STEP_COLUMNS.lifecycle),
    outcome: find(STEP_COLUMNS.outcome),
    resource: find(STEP_COLUMNS.resource),
  };
  if (columns.time !== undefined) at.time = find([columns.time]);
  else {
    // An event log without a startDate has its datetime column empty: then its hours.
    const datetime = find(['datetime']);
    at.time = find(['time']);
    const [first] = table.rows;
    if (at.time < 0 && datetime >= 0 && first !== undefined && first.fields[datetime].trim() !== '') at.time = datetime;
    if (at.time < 0) at.time = find(['time_hours']);
    if (at.time < 0) at.time = datetime;
  }
  if (at.patient < 0) return { ok: false, message: `no "${columns.patient ?? 'patient'}" column (${columnsText}); name it with --patient-column NAME` };
  if (at.step < 0) return { ok: false, message: `no "${columns.step ?? 'step'}" or "activity" column (${columnsText}); name it with --step-column NAME` };
  if (at.time < 0) return { ok: false, message: `no "${columns.time ?? 'time'}" column (${columnsText}); name it with --time-column NAME` };
  if (columns.class !== undefined && at.class < 0) return { ok: false, message: `no "${columns.class}" column (${columnsText})` };
  let extract: number | undefined;
  if (extractText !== undefined) {
    extract = parseTimestamp(extractText);
    if (extract === undefined) return { ok: false, message: `--extract: expected a time like "2025-03-31 23:59", got ${JSON.stringify(extractText)}` };
  }
  const knownSet = known ? new Set(known.map(classId)) : undefined;
  const problems: Partial<Record<ProblemKind, Problem>> = {};
  const note = (kind: ProblemKind, line: number, column: string, value: string) => {
    const p = (problems[kind] ??= { count: 0, examples: [] });
    p.count++;
    if (p.examples.length < EXAMPLES) p.examples.push({ line, column, value });
  };
  interface Building { patient: string; class: string; rows: Row[]; line: number; bad: boolean; badLine: number; badValue: string; open: boolean }
  const patients = new Map<string, Building>();
  const classes = new Set<string>(), steps = new Set<string>();
  let latest = -Infinity;
  for (const { line, fields } of table.rows) {
    const pid = fields[at.patient].trim();
    if (pid === '') { note('missing-patient', line, header[at.patient], ''); continue; }
    const cText = at.class < 0 ? 'patients' : fields[at.class];
    const lifecycle = at.lifecycle < 0 ? '' : fields[at.lifecycle].trim().toLowerCase();
    const resource = at.resource < 0 ? '' : fields[at.resource].trim();
    let p = patients.get(pid);
    if (p === undefined) {
      const cls = classId(cText);
      if (cls === '') { note('missing-class', line, header[at.class], cText); continue; }
      classes.add(cls);
      if (classes.size > MAX_CLASSES) return { ok: false, message: `line ${line}, column "${header[at.class]}": more than ${MAX_CLASSES} classes (each becomes a class of the scenario): group them first` };
      p = { patient: pid, class: cls, rows: [], line, bad: false, badLine: 0, badValue: '', open: false };
      patients.set(pid, p);
    }
    const tText = fields[at.time].trim();
    const time = tText === '' ? undefined : parseTime(tText);
    if (time === undefined) {
      note(tText === '' ? 'missing-time' : 'bad-time', line, header[at.time], tText);
      if (!p.bad) { p.bad = true; p.badLine = line; p.badValue = tText; }
      continue;
    }
    latest = Math.max(latest, time);
    // An event log's "leave … in-system": the patient was still there at the end.
    if (lifecycle === 'leave' && at.outcome >= 0 && fields[at.outcome].trim() === 'in-system') { p.open = true; continue; }
    // The arrival line of an event log is the patient's arrival, no step of the pathway.
    if (lifecycle === 'arrive') { p.rows.push({ step: '', start: time, line, lifecycle, resource }); continue; }
    const sText = fields[at.step];
    const step = classId(sText);
    if (step === '') {
      note('missing-step', line, header[at.step], sText);
      if (!p.bad) { p.bad = true; p.badLine = line; p.badValue = sText; }
      continue;
    }
    if (knownSet && !knownSet.has(step)) { note('unknown-step', line, header[at.step], sText); continue; }
    steps.add(step);
    if (steps.size > MAX_STEPS) return { ok: false, message: `line ${line}, column "${header[at.step]}": more than ${MAX_STEPS} steps (each becomes a step of the pathway): group them first, or name the ones to keep with --steps` };
    p.rows.push({ step, start: time, line, lifecycle, resource });
  }
  const end = extract ?? latest;
  const stays: Stay[] = [];
  const journeys: Journey[] = [];
  for (const p of patients.values()) {
    if (p.rows.length === 0) continue; // every row of the patient already counted
    // Rows in time order (the file's order among equal times); rows written out of order are counted.
    if (p.rows.some((r, i) => i > 0 && r.start < p.rows[i - 1].start)) {
      note('out-of-order', p.rows[0].line, header[at.time], '');
      p.rows.sort((a, b) => a.start - b.start || a.line - b.line);
    }
    const first = p.rows[0].start;
    if (first > end) { note('arrival-after-extract', p.rows[0].line, header[at.time], ''); continue; }
    const stay: Stay = { line: p.rows[0].line, class: p.class, arrival: first };
    stays.push(stay);
    // A patient with a row whose time is missing may have a step missing from their journey: their arrival counts, not their steps.
    if (p.bad) { note('incomplete-patient', p.badLine, header[at.time], p.badValue); continue; }
    const visits: Visit[] = [];
    let after = false;
    const service = new ServiceOfVisit();
    for (const r of p.rows) {
      if (r.start > end) { after = true; break; }
      if (r.step === '') continue;
      let v = visits[visits.length - 1];
      if (v === undefined || v.step !== r.step) { visits.push((v = { step: r.step, start: r.start, line: r.line })); service.begin(); }
      service.note(v, r);
    }
    const open = p.open || after;
    if (after) note('rows-after-extract', p.rows[0].line, header[at.time], '');
    const last = p.rows[p.rows.length - 1].start;
    if (open) { stay.censoredFor = end - first; note('in-system', p.rows[0].line, header[at.time], ''); }
    else if (last > first) stay.hours = last - first;
    else note('one-instant', p.rows[0].line, header[at.time], '');
    if (visits.length > 0) journeys.push({ patient: p.patient, class: p.class, visits, open });
  }
  return { ok: true, value: { stays, journeys, rows: table.rows.length, problems, extract: end, extractGiven: extract !== undefined } };
}

/**
 * A visit's service from its rows' lifecycle values (`start`, `complete`, `suspend`,
 * `resume` as an event log writes them; any case): the service begins at the last `start`
 * before it ends, and ends at the first `complete` of a resource started in the visit (a
 * `complete` of something held from before, such as the cubicle an admitted patient leaves
 * when the bed comes, is not this step's). Rows without a resource column match any.
 */
class ServiceOfVisit {
  private held = new Set<string>();
  private suspendedAt: number | undefined;

  begin(): void { this.held.clear(); this.suspendedAt = undefined; }

  note(v: Visit, r: Row): void {
    if (v.serviceEnd !== undefined) return;
    switch (r.lifecycle) {
      case 'start':
        this.held.add(r.resource);
        if (this.suspendedAt === undefined) v.serviceStart = r.start;
        break;
      case 'suspend':
        if (v.serviceStart !== undefined && this.held.has(r.resource) && this.suspendedAt === undefined) this.suspendedAt = r.start;
        break;
      case 'resume':
        if (this.suspendedAt !== undefined) { v.suspended = (v.suspended ?? 0) + (r.start - this.suspendedAt); this.suspendedAt = undefined; }
        break;
      case 'complete':
        if (v.serviceStart !== undefined && this.held.has(r.resource)) v.serviceEnd = r.start;
        break;
    }
  }
}
