// `pathflow fit`'s analysis, from the text of a CSV extract to a fit per class: the rows read
// (csv.ts), turned into stays with every problem counted (stays.ts), the arrival profile
// (arrival-profile.ts) and the lengths of stay fitted to each family (stay-fit.ts). Pure:
// text in, numbers out, so the web app can run it in the browser later.
import { parseCsv, MAX_ROWS } from './csv.ts';
import { readStays, type Columns, type Stays } from './stays.ts';
import { arrivalProfile, MAX_WINDOW_DAYS, windowOf, type ArrivalProfile, type Window } from './arrival-profile.ts';
import { fitStays, type StayFit } from './stay-fit.ts';
import { FAMILIES, type FamilyName } from './families.ts';
import { isStepExtract, readJourneys, type Journey, type StepColumns } from './journeys.ts';
import { routingOfJourneys, type Routing } from './transitions.ts';

/** Complete stays a class needs before its lengths of stay are fitted. */
export const MIN_STAYS = 10;

export type Unit = 'minutes' | 'hours' | 'days';
export const UNIT_HOURS: Record<Unit, number> = { minutes: 1 / 60, hours: 1, days: 24 };
export type Choice = FamilyName | 'empirical';
export const CHOICES: readonly Choice[] = [...FAMILIES, 'empirical'];

export interface FitOptions {
  /** Column names: an extract of stays's, or a step extract's (a patient and a step column: several rows per patient). */
  columns?: Partial<Columns> & Partial<StepColumns>;
  /** A step extract's steps to keep (others are counted as unknown); default every step. */
  steps?: string[];
  /** The extract date ("2025-03-31 23:59"); default the latest time in the file. */
  extract?: string;
  maxRows?: number;
  /** The family written into the scenario; default the best by AIC. */
  family?: Choice;
}

export interface ClassFit {
  id: string;
  arrivals: ArrivalProfile;
  /** Undefined when fewer than MIN_STAYS complete stays. */
  stays?: StayFit;
  /** Stays still running at the extract. */
  censored: number;
  /** The unit lengths of stay are written in (from the median). */
  unit: Unit;
  /** What the scenario uses. */
  choice: Choice;
  /** Where stays that ended went, when the file has a destination column: most frequent first. */
  routing?: { n: number; destinations: Destination[] };
  /** A step extract's routing between steps: transitions, shares and each step's duration. `stays` is then the time in the system. */
  steps?: Routing;
}

/** A destination's share of the stays that ended with one, with its Wilson 95% interval. */
export interface Destination { id: string; count: number; share: number; low: number; high: number }

/** Wilson's (1927) score interval for a proportion: within [0, 1], sound for small counts. */
export function wilson(k: number, n: number, z = 1.959963984540054): [number, number] {
  const p = k / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function routingOf(counts: ReadonlyMap<string, number>): ClassFit['routing'] {
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  if (n === 0) return undefined;
  const destinations = [...counts].map(([id, count]) => { const [low, high] = wilson(count, n); return { id, count, share: count / n, low, high }; })
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  return { n, destinations };
}

export interface FitReport {
  /** "stays": one row per stay; "steps": several rows per patient, a step each (journeys.ts). */
  kind: 'stays' | 'steps';
  data: Omit<Stays, 'stays'> & { used: number };
  window: Window;
  classes: ClassFit[];
  /** Things the user must know: data excluded, approximations made. */
  warnings: string[];
}

/**
 * A fit, or why none: with what was read when the rows were read (their problems counted,
 * the classes' warnings), so that a failure shows the rows behind it.
 */
export type FitResult = { ok: true; value: FitReport } | { ok: false; message: string; data?: FitReport['data']; warnings?: string[] };

/** The rows of one class, as numbers (no object per stay). */
interface ClassRows { arrivals: number[]; complete: number[]; censored: number[]; destinations: Map<string, number> }

export function fitExtract(text: string, options: FitOptions = {}): FitResult {
  const read = staysOf(text, options);
  if (!read.ok) return read;
  const { stays, journeys, ...rest } = read.value;
  const data = { ...rest, used: stays.length };
  if (stays.length === 0)
    return { ok: false, data, warnings: [], message: `no usable rows: none of the ${data.rows.toLocaleString('en-GB')} rows has a readable arrival time and a class (${problemCounts(data.problems)})` };
  // One pass over the stays into each class's numbers: per-class copies of a million stay
  // objects were most of the work's garbage.
  const byClass = new Map<string, ClassRows>();
  let lo = Infinity, hi = -Infinity;
  for (const s of stays) {
    let c = byClass.get(s.class);
    if (c === undefined) byClass.set(s.class, (c = { arrivals: [], complete: [], censored: [], destinations: new Map() }));
    c.arrivals.push(s.arrival);
    if (s.arrival < lo) lo = s.arrival;
    if (s.arrival > hi) hi = s.arrival;
    if (s.hours !== undefined) c.complete.push(s.hours);
    if (s.censoredFor !== undefined) c.censored.push(s.censoredFor);
    if (s.destination !== undefined) c.destinations.set(s.destination, (c.destinations.get(s.destination) ?? 0) + 1);
  }
  const window = windowOf([lo, hi], data.extract);
  const days = (window.end - window.start) / 24;
  if (days > MAX_WINDOW_DAYS) return { ok: false, data, warnings: [], message: `the arrivals span ${Math.round(days)} days (more than ${MAX_WINDOW_DAYS}): check for a mistyped year` };
  const warnings: string[] = [];
  /** Why each class was left out, for the message when none is fitted. */
  const unfitted: string[] = [];
  const classes: ClassFit[] = [];
  for (const id of [...byClass.keys()].sort()) {
    const { arrivals: times, complete, censored: censoredFor, destinations } = byClass.get(id)!;
    const arrivals = arrivalProfile(times, window);
    if (complete.length < MIN_STAYS) {
      warnings.push(`class "${id}": ${complete.length} complete stays, fewer than ${MIN_STAYS}: its lengths of stay are not fitted and it is left out of the scenario`);
      unfitted.push(`class "${id}" has ${complete.length} complete stay${complete.length === 1 ? '' : 's'}, fewer than ${MIN_STAYS}`);
      classes.push({ id, arrivals, censored: censoredFor.length, unit: 'hours', choice: 'empirical' });
      continue;
    }
    const lengths = new Set(complete);
    if (lengths.size < 3) {
      warnings.push(`class "${id}": its ${complete.length} complete stays have fewer than 3 different lengths: no family can be fitted, and it is left out of the scenario`);
      const [only] = lengths;
      unfitted.push(`class "${id}"'s ${complete.length} complete stays ${lengths.size === 1 ? `all last ${hoursText(only)}` : `have only 2 different lengths`}: no variation to fit (a family needs at least 3 different lengths)`);
      classes.push({ id, arrivals, censored: censoredFor.length, unit: 'hours', choice: 'empirical' });
      continue;
    }
    const fit = fitStays(complete, censoredFor);
    if (censoredFor.length > 0)
      warnings.push(`class "${id}": ${censoredFor.length} stays still in at the extract (censored) are left out of the ranking, which biases lengths of stay down; ` +
        `the censored MLE (exponential, Weibull) that counts them is reported beside it`);
    if (arrivals.weekdayShape.p < 0.05)
      warnings.push(`class "${id}": the hourly pattern of arrivals differs by weekday (G = ${arrivals.weekdayShape.statistic.toFixed(1)}, df ${arrivals.weekdayShape.df}, p = ${pText(arrivals.weekdayShape.p)}); ` +
        'the scenario\'s byHour × byWeekday is one shape for every day, an approximation (the 168 rates are in --json)');
    const median = fit.sample.median;
    const unit: Unit = median >= 24 ? 'days' : median >= 1 ? 'hours' : 'minutes';
    const cls: ClassFit = { id, arrivals, stays: fit, censored: censoredFor.length, unit, choice: options.family ?? fit.ranked[0].family, routing: routingOf(destinations) };
    if (journeys) {
      cls.steps = routingOfJourneys(journeys.filter((j) => j.class === id), data.extract, options.family);
      if (cls.steps.entries.length === 0) warnings.push(`class "${id}": no patient with every row's time readable: no routing between steps`);
    }
    classes.push(cls);
  }
  if (!classes.some((c) => c.stays)) {
    const SHOWN = 5;
    const why = unfitted.slice(0, SHOWN).join('; ') + (unfitted.length > SHOWN ? `; and ${unfitted.length - SHOWN} more classes` : '');
    const problems = Object.keys(data.problems).length > 0 ? ` (rows with problems: ${problemCounts(data.problems)})` : '';
    return { ok: false, data, warnings, message: `no class can be fitted: ${why}${problems}` };
  }
  return { ok: true, value: { kind: journeys ? 'steps' : 'stays', data, window, classes, warnings } };
}

/** The problem rows counted by kind, for a message: "100 negative, 2 bad-arrival". */
export function problemCounts(problems: Stays['problems']): string {
  const kinds = Object.entries(problems);
  return kinds.length === 0 ? 'no problem rows counted' : kinds.map(([k, p]) => `${p!.count.toLocaleString('en-GB')} ${k}`).join(', ');
}

/** A length of stay for a message: "24 hours", "30 minutes", "3 days". */
function hoursText(h: number): string {
  const [value, unit] = h >= 48 ? [h / 24, 'days'] : h >= 1 ? [h, 'hours'] : [h * 60, 'minutes'];
  const n = Number(value.toPrecision(4));
  return `${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
}

/**
 * The stays of the text, and a step extract's journeys (one stay per patient: the time in
 * the system); the table of fields, the largest thing, is garbage once this returns.
 */
function staysOf(text: string, options: FitOptions): { ok: true; value: Stays & { journeys?: Journey[] } } | { ok: false; message: string } {
  const table = parseCsv(text, options.maxRows ?? MAX_ROWS);
  if (!table.ok) return table;
  const c = options.columns ?? {};
  if (isStepExtract(table.value.header, c.step) && c.arrival === undefined && c.departure === undefined)
    return readJourneys(table.value, c, options.extract, options.steps);
  return readStays(table.value, c, options.extract);
}

/** A p-value as people read it: 3 significant digits, or "< 0.0001". */
export function pText(p: number): string {
  return p < 1e-4 ? '< 0.0001' : p.toPrecision(2);
}
