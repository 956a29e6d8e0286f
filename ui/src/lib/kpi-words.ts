// KPIs in plain words, for every place the app shows one (comparison table, charts, the
// report, the run page, experiments, exports): `wait.mean[clinic/skill:consult]` reads
// "Mean wait — consult tasks (Walk-in and booked clinic)", in minutes. The catalogue
// (scenarios/kpis/catalogue.ts) keeps the technical labels the CLI prints; here each metric
// has a label a board paper can carry, and a scope's ids become the names the scenario
// gives its sites, wards, classes and lists. Waits come in the unit that fits them.
import { infoOf, scopeOf } from './kpi.ts';
import { splitKpiName } from '../../../scenarios/kpis/catalogue.ts';

/**
 * Scenario ids → the names people know them by (sites, wards, theatres, classes, lists, measures).
 * `namesOf` files each name twice: under its kind (`class:medical`, `place:medical`) and under the
 * bare id (the first entry found). A ward and a class may share an id ("medical"), so a KPI's scope
 * is read by the kind of entity each of its parts is (scopeKinds), the bare id only when unknown.
 */
export type NameBook = ReadonlyMap<string, string>;

/** The kind of entity each part of a KPI's scope names (docs/scenario-language.md, Outputs (KPIs)). */
type ScopeKind = 'class' | 'site' | 'place' | 'role' | 'list' | 'measure' | 'policy' | 'procedure';

/** What each part of a metric's scope names, in order: `ed.4h[medical]` a class, `occupancy.mean[dgh/medical]` a site and a ward. */
export function scopeKinds(metric: string): readonly ScopeKind[] | undefined {
  if (metric === 'beds.byClass' || metric === 'beds.shareByClass') return ['site', 'place', 'class'];
  if (metric === 'staff.hoursByClass' || metric === 'staff.utilisationByClass') return ['site', 'class'];
  if (metric === 'staff.utilisation') return ['site', 'role'];
  if (metric === 'mutualAid.transfers') return ['policy'];
  if (metric === 'mutualAid.flow') return ['list', 'list'];
  if (metric === 'elective.operated') return ['list', 'procedure'];
  if (/^(arrivals|completed|throughput|left\.unseen|diverted|outcome\.|readmissions|time\.|ed\.|outliers$)/.test(metric)) return ['class'];
  // A wait's second part is a ward, a theatre or a skill (`skill:` read apart); the rest a ward, theatre, clinic or scanner.
  if (/^(wait\.|occupancy\.|census\.|delayed\.|outliers\.|escalation\.|cost\.escalation$|theatre\.|clinic\.|scanner\.)/.test(metric)) return ['site', 'place'];
  if (/^measure\./.test(metric)) return ['measure', 'class'];
  if (/^(elective\.|list\.|extraSessions\.|cost\.extraSessions$|appointments$|scans$|referral\.|dna\.|aid\.)/.test(metric)) return ['list', 'class'];
  return undefined;
}

/** Where an entity sits in a scenario → its kind (anything else: a bare id only). */
const KIND_OF_KEY: Record<string, ScopeKind> = {
  sites: 'site', classes: 'class', wards: 'place', theatres: 'place', clinics: 'place', scanners: 'place',
  staff: 'role', waitingLists: 'list', measures: 'measure', mutualAid: 'policy', procedures: 'procedure', caseMix: 'procedure',
};

/** Whether a book files names by kind (namesOf's do; a hand-made map of bare ids does not). */
const kinded = (names: NameBook) => { for (const k of names.keys()) if (k.includes(':')) return true; return false; };

const PLAIN: Record<string, string> = {
  'arrivals': 'Arrivals',
  'completed': 'Patients treated',
  'throughput': 'Patients treated a week',
  'left.unseen': 'Left without being seen',
  'diverted': 'Turned away at a full line',
  'outcome.leftUnseen': 'Left without being seen (patients)',
  'outcome.diverted': 'Turned away at a full line (patients)',
  'outcome.inSystem': 'Not yet treated at the end',
  'outcome.inSystemAtStart': 'Already there at the start',
  'readmissions': 'Readmissions',
  'outliers': 'Patients placed on another ward a week',
  'outliers.placed': 'Other wards\' patients placed here a week',
  'outliers.bedDays': 'Bed-days used by other wards\' patients a week',
  'time.mean': 'Mean time from arrival (or the run\'s start) to leaving',
  'time.p50': 'Median time from arrival (or the run\'s start) to leaving',
  'time.p90': 'Time from arrival (or the run\'s start) to leaving, 90th centile',
  'time.p95': 'Time from arrival (or the run\'s start) to leaving, 95th centile',
  'wait.mean': 'Mean wait',
  'wait.p50': 'Median wait',
  'wait.p90': 'Wait, 90th centile',
  'wait.p95': 'Wait, 95th centile',
  'ed.4h': 'Modelled ED attendances within 4 hours',
  'ed.time.mean': 'Mean time in ED',
  'elective.operated': 'Elective operations a week',
  'elective.rtt.mean': 'Mean referral-to-treatment time',
  'elective.rtt.p95': 'Referral-to-treatment time, 95th centile',
  'elective.rtt.spread': 'Gap in referral-to-treatment time between lists',
  'elective.cancelled': 'On-the-day cancellations a week',
  'elective.cancelled.noBed': 'Cancellations for want of a bed a week',
  'elective.delayed.bedDays': 'Elective delayed-discharge bed-days a week',
  'list.size': 'Waiting list size',
  'list.within18w': 'Share of the list within 18 weeks',
  'list.over52w': 'Patients waiting over 52 weeks',
  'list.over': 'Share of the list waiting longer',
  'list.over.onDay': 'Share of the list waiting longer, on one day',
  'measure.within': 'Share within target',
  'measure.over': 'Patients over target a week',
  'measure.openOver': 'Patients still waiting at the end, already over the target',
  'measure.count': 'Times measured a week',
  'measure.mean': 'Mean time',
  'measure.p50': 'Median time',
  'measure.p90': 'Time, 90th centile',
  'measure.p95': 'Time, 95th centile',
  'measure.p99': 'Time, 99th centile',
  'measure.utilisation': 'Share of the place in use',
  'appointments': 'Outpatient appointments a week',
  'scans': 'Diagnostic tests a week',
  'referral.wait.mean': 'Mean wait from referral to appointment or test',
  'referral.wait.p95': 'Wait from referral to appointment or test, 95th centile',
  'clinic.utilisation': 'Clinic time in appointments',
  'scanner.utilisation': 'Scanner time scanning',
  'dna.perWeek': 'Did not attend (DNA) a week',
  'dna.share': 'Did-not-attend rate',
  'dna.discharged': 'Discharged after not attending, a week',
  'outcome.dnaDischarged': 'Discharged after not attending (patients)',
  'mutualAid.transfers': 'Mutual-aid transfers a week',
  'los.mean': 'Mean length of stay',
  'occupancy.mean': 'Bed occupancy',
  'census.byHour': 'Patients in a bed or waiting for one',
  'occupancy.above85': 'Time above 85% occupancy',
  'occupancy.above95': 'Time above 95% occupancy',
  'beds.byClass': 'Beds in use by the class',
  'beds.shareByClass': 'Share of beds in use held by the class',
  'escalation.hoursOpen': 'Hours with escalation open a week',
  'escalation.bedHoursOpen': 'Escalation bed-hours open a week',
  'escalation.openings': 'Escalations opened a week',
  'escalation.staffHours': 'Staff-hours called in by escalation a week',
  'escalation.bedDays': 'Escalation bed-days used a week',
  'extraSessions.run': 'Extra sessions run a week (waiting-list initiative)',
  'extraSessions.hours': 'Hours of extra sessions run a week',
  'extraSessions.daysOpen': 'Days a week with extra sessions open',
  'extraSessions.openings': 'Extra sessions opened a week',
  'delayed.bedDays': 'Delayed-discharge bed-days a week',
  'theatre.utilisation': 'Theatre time in use',
  'theatre.overrun': 'Theatre overrun a week',
  'staff.utilisation': 'Staff time busy',
  'staff.hoursByClass': 'Staff hours busy with the class a week',
  'staff.utilisationByClass': 'Share of staff time busy with the class',
  'cost.staff': 'Staff cost a week',
  'cost.beds': 'Bed-day cost a week',
  'cost.theatres': 'Theatre session cost a week',
  'cost.clinics': 'Clinic session cost a week',
  'cost.scanners': 'Scanner session cost a week',
  'cost.escalation': 'Escalation\'s cost a week (beds and staff called in)',
  'cost.extraSessions': 'Extra sessions\' premium a week',
  'cost.total': 'Total cost a week',
  'productivity': 'Activity per £ (tariff earned per £ spent)',
};

const UNIT_WORDS: Record<string, string> = {
  'fraction': '%', 'h': 'hours', '£ tariff/£ cost': '£ of tariff per £ spent', 'h/week': 'hours a week',
};

/** A unit as words: "patients a week", "£ a week", "%", "hours". */
export function unitWords(unit: string): string {
  return UNIT_WORDS[unit] ?? unit.replace(/\/week$/, ' a week');
}

const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** A label for a metric the table above does not know: the catalogue's, without its notes for analysts. */
function fallbackLabel(metric: string): string {
  const info = infoOf(metric);
  const label = info.label === metric ? metric.replace(/[.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : info.label;
  return capital(label.replace(/\s*\((scope|e\.g\.)[^)]*\)/g, '').replace(/;.*$/, '').replace(/\bp(\d+(?:\.\d+)?)\b/g, '$1th centile'));
}

/** An id as words when the scenario gives it no name: `elective-ortho` → "elective ortho". */
export const humanise = (id: string) => id.replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();

/** One part of a scope in words: a name, a skill's tasks, a number of weeks, a day, an hour. */
function partWords(part: string, names: NameBook, kind?: ScopeKind): string {
  const skill = /^skill:(.+)$/.exec(part);
  if (skill) return `${names.get(skill[1]) ?? humanise(skill[1])} tasks`;
  const weeks = /^(\d+)w$/.exec(part);
  if (weeks) return `over ${weeks[1]} weeks`;
  const day = /^d(\d+)$/.exec(part);
  if (day) return `on day ${day[1]}`;
  const hour = /^(\d{2})$/.exec(part);
  if (hour) return `${hour[1]}:00–${String((Number(hour[1]) + 1) % 24).padStart(2, '0')}:00`;
  // Ids are [a-z0-9-], so "kind:id" never clashes with a bare id. Of a known kind, a name of
  // another kind with the same id is never borrowed: the id in words instead.
  if (kind && kinded(names)) return names.get(`${kind}:${part}`) ?? humanise(part);
  return names.get(part) ?? humanise(part);
}

/** Where a KPI is measured, in words: the specific place first, the site or list it belongs to in brackets. */
export function placeWords(name: string, names: NameBook = new Map()): string {
  const { metric, scope } = splitKpiName(name);
  if (!scope || scope === 'all') return '';
  const kinds = scopeKinds(metric);
  const parts = scope.split('/').filter(Boolean).map((p, i) => partWords(p, names, kinds?.[i]));
  if (parts.length === 1) return parts[0];
  const [outer, ...inner] = parts;
  // A site's own ward or list named like it ("dgh/dgh") says it once.
  const rest = inner.filter((p) => p !== outer);
  return rest.length === 0 ? outer : `${rest.join(', ')} (${outer})`;
}

export interface KpiWords {
  /** "Mean wait" */
  label: string;
  /** "consult tasks (Walk-in and booked clinic)", or '' for the whole scenario. */
  where: string;
  /** The catalogue's unit in words ("hours", "%", "patients a week"). */
  unit: string;
  /** Label and place: "Mean wait — consult tasks (Walk-in and booked clinic)". */
  text: string;
}

export function kpiWords(name: string, names: NameBook = new Map()): KpiWords {
  const metric = splitKpiName(name).metric;
  const label = PLAIN[metric] ?? fallbackLabel(metric);
  const where = placeWords(name, names);
  return { label, where, unit: unitWords(infoOf(name).unit), text: where ? `${label} — ${where}` : label };
}

/** A KPI's label with where it is measured (one line, for menus, chart rows and sentences). */
export function kpiLabel(name: string, names?: NameBook): string {
  return kpiWords(name, names).text;
}

/** "Mean wait — consult tasks (clinic), minutes": label, place and the unit shown. */
export function kpiTitle(name: string, names?: NameBook, unitShown?: string): string {
  const w = kpiWords(name, names);
  return `${w.text}, ${unitShown ?? w.unit}`;
}

/**
 * Scenario ids → names: every entry with an id (or a staff role) and a name, wherever it sits;
 * options left out. Each is filed under `kind:id` (its kind from the list it sits in) and, the
 * first of an id, under the bare id.
 */
export function namesOf(doc: Record<string, unknown> | undefined): NameBook {
  const names = new Map<string, string>();
  const walk = (x: unknown, kind: ScopeKind | undefined) => {
    if (Array.isArray(x)) { x.forEach((e) => walk(e, kind)); return; }
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const id = typeof o.id === 'string' ? o.id : kind === 'role' && typeof o.role === 'string' ? o.role : undefined;
    if (id !== undefined && typeof o.name === 'string' && o.name.trim()) {
      if (!names.has(id)) names.set(id, o.name.trim());
      if (kind && !names.has(`${kind}:${id}`)) names.set(`${kind}:${id}`, o.name.trim());
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'variants' && typeof v === 'object') walk(v, Array.isArray(v) ? KIND_OF_KEY[k] : undefined);
  };
  walk(doc, undefined);
  return names;
}

// Time units: a wait is read in minutes, hours, days or weeks, whichever it is counted in.
const HOURS: Record<string, number> = { minutes: 1 / 60, h: 1, hours: 1, days: 24, weeks: 168 };

export interface ShownUnit { unit: string; factor: number }

/**
 * The unit a time KPI reads best in, given the values it shows (its means across options):
 * under 1.5 hours in minutes, under 2 days in hours, under 3 weeks in days, else weeks.
 * Anything not a time keeps its unit (factor 1), with its unit in words.
 */
export function fittingUnit(unit: string, values: readonly (number | null | undefined)[]): ShownUnit {
  const inHours = HOURS[unit];
  if (inHours === undefined) return { unit: unitWords(unit), factor: 1 };
  const seen = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map((v) => Math.abs(v) * inHours);
  if (seen.length === 0) return { unit: unitWords(unit), factor: 1 };
  const top = seen.reduce((a, v) => Math.max(a, v), -Infinity); // not Math.max(...seen): one argument per value
  const to = top < 1.5 ? 'minutes' : top < 48 ? 'hours' : top < 21 * 24 ? 'days' : 'weeks';
  return { unit: to, factor: inHours / HOURS[to] };
}

/** Scales an estimate (or difference) by a unit's factor, nulls kept. */
export function scaled<T extends Record<string, unknown>>(e: T, factor: number, keys: readonly (keyof T)[]): T {
  if (factor === 1) return e;
  const out = { ...e };
  for (const k of keys) if (typeof out[k] === 'number') (out as Record<keyof T, unknown>)[k] = (out[k] as number) * factor;
  return out;
}

// For the experiments' forms, where a person types a value of a KPI.
export const isShare = (name: string) => infoOf(name).unit === 'fraction';
/** The unit on an axis or after a typed value: % for shares. */
export const unitOf = (name: string) => (isShare(name) ? '%' : unitWords(infoOf(name).unit));
/** A value of the KPI as typed by a person (95 for 95%) → as the KPI reports it (0.95). */
export const fromTyped = (name: string, x: number) => (isShare(name) ? x / 100 : x);

/** Scope words kept for filters: what a person might type to find a measure. */
export const searchText = (name: string, names?: NameBook) => `${kpiLabel(name, names)} ${scopeOf(name)} ${infoOf(name).label}`;
