// Rows of an extract into patient stays, with every row that cannot be used counted by
// reason and its first few shown by line and column: nothing is dropped silently.
//
// Timestamps are wall-clock times as the hospital wrote them (no time zone is applied, so
// an hour of day is the ward's hour): "2025-01-31 14:05", "2025-01-31T14:05:00" (a final Z
// is accepted) or "31/01/2025 14:05" (day first, as UK systems write it); seconds optional.
// They are kept as hours since 1970-01-01 00:00 of that clock.
import { someOf, type Table } from './csv.ts';

/** Column names looked for (case-insensitive) unless the user names others. */
export const DEFAULT_COLUMNS = { arrival: 'arrival', departure: 'departure', class: 'class', destination: 'destination' } as const;
export type Columns = Record<keyof typeof DEFAULT_COLUMNS, string>;

/** Classes at most in one file (each becomes a class of the scenario). */
export const MAX_CLASSES = 50;
/** Destinations at most in one file (each becomes a step of each pathway). */
export const MAX_DESTINATIONS = 20;
/** Examples kept of each kind of problem. */
const EXAMPLES = 5;

export interface Stay {
  line: number;
  class: string;
  /** Hours since 1970-01-01 00:00, wall clock. */
  arrival: number;
  /** Length of stay in hours, when it ended and is usable (> 0, before the extract). */
  hours?: number;
  /** Hours observed so far, for a stay still running at the extract (censored). */
  censoredFor?: number;
  /** Where a usable stay went (an id), when the file has a destination column and says. */
  destination?: string;
}

export type ProblemKind = 'missing-arrival' | 'bad-arrival' | 'missing-class' | 'arrival-after-extract' | 'bad-departure' | 'negative' | 'zero' | 'departure-after-extract' | 'censored' | 'missing-destination'
  // A step extract's (journeys.ts):
  | 'missing-patient' | 'missing-time' | 'bad-time' | 'missing-step' | 'unknown-step' | 'out-of-order' | 'incomplete-patient' | 'rows-after-extract' | 'in-system' | 'one-instant';

/** What each problem means, and what was done with the row. */
export const PROBLEMS: Record<ProblemKind, string> = {
  'missing-arrival': 'no arrival time: row not used',
  'bad-arrival': 'arrival time not readable: row not used',
  'missing-class': 'no class: row not used',
  'bad-departure': 'departure time not readable: counted as an arrival, not as a stay',
  'negative': 'departure before arrival: counted as an arrival, not as a stay',
  'zero': 'departure at the arrival time (a stay of 0): counted as an arrival, not fitted',
  'arrival-after-extract': 'arrival after the extract date: row not used',
  'departure-after-extract': 'departure after the extract date: counted as an arrival, not as a stay',
  'censored': 'no departure (still in at the extract date): censored, see the stays section',
  'missing-destination': 'a stay that ended without a destination: a stay, not counted in the routing',
  'missing-patient': 'no patient: row not used',
  'missing-time': 'no time: row not used (and its patient\'s steps are not, see incomplete-patient)',
  'bad-time': 'time not readable: row not used (and its patient\'s steps are not, see incomplete-patient)',
  'missing-step': 'no step: row not used (and its patient\'s steps are not, see incomplete-patient)',
  'unknown-step': 'a step not among those named (--steps): row not used',
  'out-of-order': 'a patient whose rows are not in time order: put in order and used',
  'incomplete-patient': 'a patient with a row without a readable time or a step (a step may be missing): their arrival counts, their steps and transitions do not',
  'rows-after-extract': 'a patient with rows after the extract date: those rows not used, the patient still in at the extract (censored)',
  'in-system': 'a patient still in the system at the extract (an event log\'s in-system): censored, their last step open',
  'one-instant': 'a patient whose rows are all at one time: an arrival, no time in the system to fit',
};

export interface Problem { count: number; examples: { line: number; column: string; value: string }[] }

export interface Stays {
  stays: Stay[];
  rows: number;
  problems: Partial<Record<ProblemKind, Problem>>;
  /** The extract date (hours), given or the latest time in the file. */
  extract: number;
  extractGiven: boolean;
}

export type StaysResult = { ok: true; value: Stays } | { ok: false; message: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?$/;
const UK = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Hours since 1970-01-01 00:00 of a wall-clock timestamp, or undefined if not one. */
export function parseTimestamp(text: string): number | undefined {
  const t = text.trim();
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  let m = ISO.exec(t);
  if (m) [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  else if ((m = UK.exec(t))) [d, mo, y, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  else return undefined;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // 31 February and the like roll over: refuse them.
  if (new Date(ms).getUTCDate() !== d) return undefined;
  return ms / 3_600_000;
}

/** A class as written ("Acute Medicine") into a scenario id ("acute-medicine"). */
export function classId(text: string): string {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The stays of a table. Fails (naming the columns) when a needed column is missing; a
 * missing class column puts every row in one class, "patients".
 */
export function readStays(table: Table, columns: Partial<Columns> = {}, extractText?: string): StaysResult {
  const want: Columns = { ...DEFAULT_COLUMNS };
  for (const k of ['arrival', 'departure', 'class', 'destination'] as const) if (columns[k] !== undefined) want[k] = columns[k];
  const index = (name: string) => table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const at = { arrival: index(want.arrival), departure: index(want.departure), class: index(want.class), destination: index(want.destination) };
  const columnsText = `columns: ${someOf(table.header, (h) => JSON.stringify(h))}`;
  for (const key of ['arrival', 'departure'] as const) {
    if (at[key] < 0) return { ok: false, message: `no "${want[key]}" column (${columnsText}); name it with --${key}-column NAME` };
  }
  for (const key of ['class', 'destination'] as const)
    if (columns[key] !== undefined && at[key] < 0) return { ok: false, message: `no "${want[key]}" column (${columnsText})` };
  let extract: number | undefined;
  if (extractText !== undefined) {
    extract = parseTimestamp(extractText);
    if (extract === undefined) return { ok: false, message: `--extract: expected a time like "2025-03-31 23:59", got ${JSON.stringify(extractText)}` };
  }
  const problems: Stays['problems'] = {};
  const note = (kind: ProblemKind, line: number, column: string, value: string) => {
    const p = (problems[kind] ??= { count: 0, examples: [] });
    p.count++;
    if (p.examples.length < EXAMPLES) p.examples.push({ line, column, value });
  };
  // The rows with a readable arrival and a class, kept as columns of numbers (no object, no
  // string per row: see csv.ts's Rows); the second pass reads the texts again, in step.
  const n = table.rows.length;
  const kept = { row: new Int32Array(n), class: new Uint8Array(n), arrival: new Float64Array(n), departure: new Float64Array(n), given: new Uint8Array(n) };
  const classIds: string[] = [];
  const classIndex = new Map<string, number>();
  const destinations = new Set<string>();
  let latest = -Infinity;
  let count = 0, row = -1;
  for (const { line, fields } of table.rows) {
    row++;
    const a = fields[at.arrival].trim(), dText = fields[at.departure].trim();
    const cText = at.class < 0 ? 'patients' : fields[at.class];
    const cls = classId(cText);
    if (a === '') { note('missing-arrival', line, table.header[at.arrival], a); continue; }
    const arrival = parseTimestamp(a);
    if (arrival === undefined) { note('bad-arrival', line, table.header[at.arrival], a); continue; }
    if (cls === '') { note('missing-class', line, table.header[at.class], cText); continue; }
    let k = classIndex.get(cls);
    if (k === undefined) {
      if (classIds.length >= MAX_CLASSES) return { ok: false, message: `line ${line}, column "${table.header[at.class]}": more than ${MAX_CLASSES} classes (each becomes a class of the scenario): group them first` };
      classIndex.set(cls, (k = classIds.length));
      classIds.push(cls);
    }
    let departure = NaN; // unreadable: counted below, once the row is known to be used
    if (dText !== '') {
      departure = parseTimestamp(dText) ?? NaN;
      if (!Number.isNaN(departure)) latest = Math.max(latest, departure);
    }
    latest = Math.max(latest, arrival);
    kept.row[count] = row; kept.class[count] = k; kept.arrival[count] = arrival; kept.departure[count] = departure; kept.given[count] = dText === '' ? 0 : 1;
    count++;
  }
  const end = extract ?? latest;
  const stays: Stay[] = [];
  let j = 0;
  row = -1;
  for (const { line, fields } of table.rows) {
    row++;
    if (j === count) break;
    if (kept.row[j] !== row) continue;
    const arrival = kept.arrival[j], departure = kept.departure[j], given = kept.given[j] === 1;
    const stay: Stay = { line, class: classIds[kept.class[j]], arrival };
    j++;
    if (arrival > end) { note('arrival-after-extract', line, table.header[at.arrival], fields[at.arrival].trim()); continue; }
    const dText = () => fields[at.departure].trim();
    if (!given) { note('censored', line, table.header[at.departure], ''); stay.censoredFor = end - arrival; }
    else if (Number.isNaN(departure)) note('bad-departure', line, table.header[at.departure], dText());
    else if (departure > end) note('departure-after-extract', line, table.header[at.departure], dText());
    else if (departure < arrival) note('negative', line, table.header[at.departure], dText());
    else if (departure === arrival) note('zero', line, table.header[at.departure], dText());
    else {
      stay.hours = departure - arrival;
      if (at.destination >= 0) {
        const written = fields[at.destination];
        const to = classId(written);
        if (to === '') note('missing-destination', line, table.header[at.destination], written);
        else {
          destinations.add(to);
          if (destinations.size > MAX_DESTINATIONS) return { ok: false, message: `line ${line}, column "${table.header[at.destination]}": more than ${MAX_DESTINATIONS} destinations (each becomes a step of the pathway): group them first` };
          stay.destination = to;
        }
      }
    }
    // Every readable arrival counts towards the arrival profile.
    stays.push(stay);
  }
  return { ok: true, value: { stays, rows: table.rows.length, problems, extract: end, extractGiven: extract !== undefined } };
}
