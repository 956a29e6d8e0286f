// The KPI catalogue: every metric the hospital layer reports, with its unit, which
// direction is better, and whether it measures activity, quality, cost or resource use.
// A KPI's full name is `metric[scope]`, the scope a class, a site/ward, a site/role or
// "all": `wait.mean[dgh/majors]`, `ed.4h[all]`. The CLI and the UI read this catalogue to
// label, format and colour comparisons; productivity is always shown beside quality.
//
// What is counted: the measured window is [warm-up, horizon), half-open: an arrival, a
// discharge or an observation at exactly the horizon belongs to the next window. Counts
// (arrivals, completed, outcome.*) are of events in the window; times (time.*, waits) are
// of patients who arrived in it. A patient leaves by one way out: treated (the pathway
// finished by discharge: `completed`), left unseen, or diverted; or is still in the system
// at the end. Per class, and for `all`:
//   outcome.inSystemAtStart + arrivals = completed + outcome.leftUnseen + outcome.diverted + outcome.dnaDischarged + outcome.inSystem
// `completed`, `throughput`, `time.*` and `productivity` count treated patients only.
// A time in system runs from arrival, which for a patient on a starting waiting list
// (`initialList`) is the run's start, not their referral: their wait before the run is in
// elective.rtt.* and measures from referral, not in time.*; the labels say so. `ed.4h` is of
// the attendances of the classes marked `ed`, only the patients the scenario models (two
// admitted classes, say), not a department's every attendance as the NHS figure counts them.
// The daily series (SERIES_CATALOGUE, below) are named the same way.
export type Better = 'higher' | 'lower' | 'neither';
export type KpiGroup = 'activity' | 'quality' | 'resource' | 'cost';

export interface KpiInfo {
  label: string;
  unit: string;
  better: Better;
  group: KpiGroup;
  /** The values the KPI can take, when not what its unit implies (kpiRange). */
  range?: readonly [number, number];
}

export const KPI_CATALOGUE = {
  'arrivals': { label: 'arrivals', unit: 'patients', better: 'neither', group: 'activity' },
  'completed': { label: 'treated (pathway completed by discharge)', unit: 'patients', better: 'higher', group: 'activity' },
  'throughput': { label: 'treated per week', unit: 'patients/week', better: 'higher', group: 'activity' },
  'left.unseen': { label: 'left without being seen (share of arrivals)', unit: 'fraction', better: 'lower', group: 'quality' },
  'diverted': { label: 'diverted: found the line full (share of arrivals)', unit: 'fraction', better: 'lower', group: 'quality' },
  'outcome.leftUnseen': { label: 'left without being seen (not treated)', unit: 'patients', better: 'lower', group: 'quality' },
  'outcome.diverted': { label: 'diverted: turned away at a full line (not treated)', unit: 'patients', better: 'lower', group: 'quality' },
  'outcome.inSystem': { label: 'still in the system at the end (not yet treated)', unit: 'patients', better: 'neither', group: 'activity' },
  'outcome.inSystemAtStart': { label: 'in the system at the start of the window (arrived in warm-up)', unit: 'patients', better: 'neither', group: 'activity' },
  'readmissions': { label: 'readmissions', unit: 'patients', better: 'lower', group: 'quality' },
  'outliers': { label: 'placed on another ward (outliers) per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'outliers.placed': { label: 'outliers placed on this ward (patients of other wards, by overflowTo) per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'outliers.bedDays': { label: 'bed-days per week on this ward used by outliers (patients of other wards)', unit: 'bed-days/week', better: 'lower', group: 'quality' },
  'time.mean': { label: 'time in system of treated patients, mean (from arrival, or the run\'s start for those on a starting waiting list)', unit: 'h', better: 'lower', group: 'quality' },
  'time.p50': { label: 'time in system of treated patients, median (from arrival, or the run\'s start for those on a starting waiting list)', unit: 'h', better: 'lower', group: 'quality' },
  'time.p90': { label: 'time in system of treated patients, 90th centile (from arrival, or the run\'s start for those on a starting waiting list)', unit: 'h', better: 'lower', group: 'quality' },
  'time.p95': { label: 'time in system of treated patients, 95th centile (from arrival, or the run\'s start for those on a starting waiting list)', unit: 'h', better: 'lower', group: 'quality' },
  'wait.mean': { label: 'wait, mean', unit: 'h', better: 'lower', group: 'quality' },
  'wait.p50': { label: 'wait, median', unit: 'h', better: 'lower', group: 'quality' },
  'wait.p90': { label: 'wait, 90th centile', unit: 'h', better: 'lower', group: 'quality' },
  'wait.p95': { label: 'wait, 95th centile', unit: 'h', better: 'lower', group: 'quality' },
  'ed.4h': { label: 'ED: share of modelled ED attendances within 4 hours', unit: 'fraction', better: 'higher', group: 'quality' },
  'ed.time.mean': { label: 'ED: time in department, mean', unit: 'h', better: 'lower', group: 'quality' },
  'elective.operated': { label: 'elective operations per week', unit: 'patients/week', better: 'higher', group: 'activity' },
  'elective.rtt.mean': { label: 'referral to treatment, mean', unit: 'weeks', better: 'lower', group: 'quality' },
  'elective.rtt.p95': { label: 'referral to treatment, 95th centile', unit: 'weeks', better: 'lower', group: 'quality' },
  'elective.rtt.spread': { label: 'gap in mean referral-to-treatment between lists', unit: 'weeks', better: 'lower', group: 'quality' },
  'elective.cancelled': { label: 'on-the-day cancellations per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'elective.cancelled.noBed': { label: 'cancellations for want of a bed per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'elective.delayed.bedDays': { label: 'elective delayed-discharge bed-days per week', unit: 'bed-days/week', better: 'lower', group: 'quality' },
  'list.size': { label: 'waiting list size, mean', unit: 'patients', better: 'lower', group: 'quality' },
  'list.within18w': { label: 'share of the list within 18 weeks', unit: 'fraction', better: 'higher', group: 'quality' },
  'list.over52w': { label: 'patients waiting over 52 weeks, mean', unit: 'patients', better: 'lower', group: 'quality' },
  'list.over': { label: 'share of the list waiting over N weeks (scope list/Nw or list/class/Nw), mean of the daily census', unit: 'fraction', better: 'lower', group: 'quality' },
  'list.over.onDay': { label: 'share of the list waiting over N weeks on day D of the run (scope list/Nw/dD or list/class/Nw/dD), from that day\'s census', unit: 'fraction', better: 'lower', group: 'quality' },
  'measure.within': { label: 'share within the measure\'s target (scope measure or measure/class)', unit: 'fraction', better: 'higher', group: 'quality' },
  'measure.over': { label: 'patients over the measure\'s target per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'measure.openOver': { label: 'patients still in the measured interval at the end of the window and already over its target (not in measure.within)', unit: 'patients', better: 'lower', group: 'quality' },
  'measure.count': { label: 'times measured per week (patients reaching the end of the interval; requests, for a wait)', unit: 'patients/week', better: 'neither', group: 'activity' },
  'measure.mean': { label: 'measured time, mean', unit: 'h', better: 'lower', group: 'quality' },
  'measure.p50': { label: 'measured time, median', unit: 'h', better: 'lower', group: 'quality' },
  'measure.p90': { label: 'measured time, 90th centile', unit: 'h', better: 'lower', group: 'quality' },
  'measure.p95': { label: 'measured time, 95th centile', unit: 'h', better: 'lower', group: 'quality' },
  'measure.p99': { label: 'measured time, 99th centile', unit: 'h', better: 'lower', group: 'quality' },
  'measure.utilisation': { label: 'share of the waited-for place or theatre in use by the class (scope measure/class)', unit: 'fraction', better: 'neither', group: 'resource', range: [0, Infinity] },
  'appointments': { label: 'outpatient appointments attended per week (clinic slots)', unit: 'patients/week', better: 'higher', group: 'activity' },
  'scans': { label: 'diagnostic tests done per week (scanner slots)', unit: 'patients/week', better: 'higher', group: 'activity' },
  'referral.wait.mean': { label: 'referral to appointment or test, mean (clinic and scanner lists)', unit: 'weeks', better: 'lower', group: 'quality' },
  'referral.wait.p95': { label: 'referral to appointment or test, 95th centile', unit: 'weeks', better: 'lower', group: 'quality' },
  'clinic.utilisation': { label: 'clinic utilisation: share of session time in appointments', unit: 'fraction', better: 'higher', group: 'resource' },
  'scanner.utilisation': { label: 'scanner utilisation: share of session time scanning', unit: 'fraction', better: 'higher', group: 'resource' },
  'dna.perWeek': { label: 'did not attend (DNA) when called in, per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'dna.share': { label: 'DNA rate: share of booked patients called in who did not attend (the booked time lost)', unit: 'fraction', better: 'lower', group: 'quality' },
  'dna.discharged': { label: 'discharged after DNAs (not treated) per week', unit: 'patients/week', better: 'lower', group: 'quality' },
  'outcome.dnaDischarged': { label: 'discharged after DNAs (not treated)', unit: 'patients', better: 'lower', group: 'quality' },
  'mutualAid.transfers': { label: 'mutual-aid transfers per week', unit: 'patients/week', better: 'neither', group: 'activity' },
  // Regional KPIs (kpis/regional.ts): only where two sites or more have an operated waiting list.
  'mutualAid.flow': { label: 'mutual-aid transfers per week from one list to another (scope from/to)', unit: 'patients/week', better: 'neither', group: 'activity' },
  'list.over52w.share': { label: 'share of the list waiting over 52 weeks (patient-days, daily census)', unit: 'fraction', better: 'lower', group: 'quality' },
  'equity.over52w.gap': { label: 'gap between sites in the share waiting over 52 weeks (worst list minus best)', unit: 'fraction', better: 'lower', group: 'quality' },
  'equity.within18w.gap': { label: 'gap between sites in the share within 18 weeks (best list minus worst)', unit: 'fraction', better: 'lower', group: 'quality' },
  'aid.treated.own': { label: 'operations per week on the site\'s own patients (referred to this list)', unit: 'patients/week', better: 'neither', group: 'activity' },
  'aid.treated.received': { label: 'operations per week on patients received from other sites (mutual aid)', unit: 'patients/week', better: 'neither', group: 'activity' },
  'aid.rtt.own': { label: 'referral to treatment of the site\'s own patients, mean', unit: 'weeks', better: 'lower', group: 'quality' },
  'aid.rtt.received': { label: 'referral to treatment of patients received from other sites, mean (whole wait, from the first referral)', unit: 'weeks', better: 'lower', group: 'quality' },
  'aid.sent': { label: 'patients sent to other sites by mutual aid per week', unit: 'patients/week', better: 'neither', group: 'activity' },
  'los.mean': { label: 'length of stay on the ward, mean (occupied bed-days per discharge)', unit: 'days', better: 'neither', group: 'resource' },
  // Beds closed while occupied close when their patient leaves, so beds in use can exceed
  // beds open for a while: occupancy can pass 1.
  'occupancy.mean': { label: 'bed occupancy, mean', unit: 'fraction', better: 'neither', group: 'resource', range: [0, Infinity] },
  'census.byHour': { label: 'patients in a bed or waiting for one, by hour of day (scope site/ward/HH: mean over HH:00–HH+1:00); only when kpis names it', unit: 'patients', better: 'neither', group: 'resource' },
  'occupancy.above85': { label: 'time above 85% occupancy', unit: 'fraction', better: 'lower', group: 'quality' },
  'occupancy.above95': { label: 'time above 95% occupancy', unit: 'fraction', better: 'lower', group: 'quality' },
  'beds.byClass': { label: 'beds in use by the class, mean (scope site/ward/class); only when kpis names it', unit: 'beds', better: 'neither', group: 'resource' },
  'beds.shareByClass': { label: 'share of the beds in use held by the class (scope site/ward/class); only when kpis names it', unit: 'fraction', better: 'neither', group: 'resource' },
  'escalation.hoursOpen': { label: 'hours with escalation open per week (its beds open, its staff called in)', unit: 'h/week', better: 'lower', group: 'resource' },
  'escalation.bedHoursOpen': { label: 'escalation bed-hours open per week (beds × hours open)', unit: 'bed-hours/week', better: 'lower', group: 'resource' },
  'escalation.openings': { label: 'escalations opened per week (openings)', unit: 'openings/week', better: 'lower', group: 'quality' },
  'escalation.staffHours': { label: 'staff-hours on duty of the staff escalation calls in, per week', unit: 'staff-hours/week', better: 'lower', group: 'resource' },
  'escalation.bedDays': { label: 'escalation bed-days used per week (beds in use beyond the ward\'s own)', unit: 'bed-days/week', better: 'lower', group: 'resource' },
  'extraSessions.run': { label: 'extra sessions run per week (a waiting-list initiative; counted at their start)', unit: 'sessions/week', better: 'neither', group: 'resource' },
  'extraSessions.hours': { label: 'hours of extra sessions run per week (session hours, in cost.theatres, cost.clinics or cost.scanners)', unit: 'h/week', better: 'neither', group: 'resource' },
  'extraSessions.daysOpen': { label: 'days per week with the extra sessions open (daily checks at which they were open)', unit: 'days/week', better: 'lower', group: 'resource' },
  'extraSessions.openings': { label: 'extra sessions opened per week (openings)', unit: 'openings/week', better: 'lower', group: 'quality' },
  'delayed.bedDays': { label: 'delayed-discharge bed-days per week', unit: 'bed-days/week', better: 'lower', group: 'quality' },
  'theatre.utilisation': { label: 'theatre utilisation in session', unit: 'fraction', better: 'higher', group: 'resource' },
  'theatre.overrun': { label: 'theatre overrun past sessions per week', unit: 'h/week', better: 'lower', group: 'quality' },
  // Staff going off duty finish the patient in hand: busy time can exceed time on duty.
  'staff.utilisation': { label: 'staff utilisation', unit: 'fraction', better: 'neither', group: 'resource', range: [0, Infinity] },
  'staff.hoursByClass': { label: 'staff hours busy with the class per week (scope site/class); only when kpis names it', unit: 'h/week', better: 'neither', group: 'resource' },
  'staff.utilisationByClass': { label: 'share of staff hours on duty busy with the class (scope site/class); only when kpis names it', unit: 'fraction', better: 'neither', group: 'resource', range: [0, Infinity] },
  'cost.staff': { label: 'staff cost per week (the roster\'s hours on duty × hourly cost; staff called in by escalation are in cost.escalation)', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.beds': { label: 'bed-day cost per week', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.theatres': { label: 'theatre session cost per week', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.clinics': { label: 'clinic session cost per week', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.scanners': { label: 'scanner session cost per week', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.escalation': { label: 'escalation\'s cost per week (hourlyCostPerBed × bed-hours open, plus the hours of the staff it calls in × their hourly cost)', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.extraSessions': { label: 'extra sessions\' premium per week (hourlyCost × hours of extra session run, on top of the session cost)', unit: '£/week', better: 'lower', group: 'cost' },
  'cost.total': { label: 'total cost per week', unit: '£/week', better: 'lower', group: 'cost' },
  'productivity': { label: 'weighted activity per £ (tariff of treated patients)', unit: '£ tariff/£ cost', better: 'higher', group: 'cost' },
} as const satisfies Record<string, KpiInfo>;

/**
 * The "time above a share of the beds open" KPIs and their shares: the fraction of the window
 * with more patients in a bed or waiting for one than that share of the beds open at the
 * moment (replication.ts); a ward whose beds can change keeps its census by beds open for them.
 */
export const OCCUPANCY_ABOVE: Readonly<Record<string, number>> = { 'occupancy.above85': 0.85, 'occupancy.above95': 0.95 };

export type KpiMetric = keyof typeof KPI_CATALOGUE;
export const KPI_METRICS = Object.keys(KPI_CATALOGUE) as KpiMetric[];

/** `wait.mean[dgh/majors]` → metric and scope. */
export function splitKpiName(name: string): { metric: string; scope: string } {
  const m = /^([^[]+)\[(.*)\]$/.exec(name);
  return m ? { metric: m[1], scope: m[2] } : { metric: name, scope: '' };
}

export function kpiInfo(name: string): KpiInfo | undefined {
  const metric = splitKpiName(name).metric;
  return (KPI_CATALOGUE as Record<string, KpiInfo>)[metric] ?? centileInfo(metric);
}

/**
 * A measure may ask for any centile (schema/measure.ts): `measure.p<centile>`, the centile
 * as written (measure.p80, measure.p97.5, measure.p99.9). Those not in the catalogue are
 * named here, in its words.
 */
const CENTILE_METRIC = /^measure\.p(\d{1,2}(?:\.\d{1,3})?)$/;
export const centileMetric = (centile: number) => `measure.p${centile}`;

function centileInfo(metric: string): KpiInfo | undefined {
  const m = CENTILE_METRIC.exec(metric);
  if (!m || !(Number(m[1]) > 0)) return undefined;
  return { label: `measured time, ${ordinal(m[1])} centile`, unit: 'h', better: 'lower', group: 'quality' };
}

function ordinal(n: string): string {
  if (n.includes('.')) return `${n}th`;
  const k = Number(n);
  const suffix = k % 100 >= 11 && k % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][k % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A metric the KPIs may have: in the catalogue, or a measure's centile. */
export function isKpiMetric(metric: string): boolean {
  return metric in KPI_CATALOGUE || centileInfo(metric) !== undefined;
}

/**
 * The values a KPI can take: a share is in [0, 1]; counts, times, rates and costs are never
 * negative; an entry's own `range` overrides both. Confidence intervals are kept inside it
 * (engine/experiment/in-range.ts).
 */
export function kpiRange(name: string): readonly [number, number] {
  const info = kpiInfo(name);
  if (!info) return [-Infinity, Infinity];
  return info.range ?? (info.unit === 'fraction' ? [0, 1] : [0, Infinity]);
}

/**
 * The daily series a run samples at 00:00 of each day (warm-up included), named like KPIs,
 * `metric[scope]`, one name per quantity: beds in use is a count of beds, never called
 * occupancy, which the KPIs keep for the fraction of beds in use.
 */
export const SERIES_CATALOGUE = {
  'beds.inUse': { label: 'beds in use', unit: 'beds', scope: 'site/ward' },
  'queue.length': { label: 'patients waiting for a bed or place', unit: 'patients', scope: 'site/ward' },
  'list.size': { label: 'waiting-list size', unit: 'patients', scope: 'list' },
} as const satisfies Record<string, { label: string; unit: string; scope: string }>;
export type SeriesMetric = keyof typeof SERIES_CATALOGUE;

/** Names the series had before: `occupancy[…]` was beds in use (a count, unlike the KPI `occupancy.mean`). */
export const RENAMED_SERIES: Record<string, SeriesMetric> = { occupancy: 'beds.inUse', queue: 'queue.length' };

export function seriesInfo(name: string): { label: string; unit: string } | undefined {
  const { metric } = splitKpiName(name);
  return (SERIES_CATALOGUE as Record<string, { label: string; unit: string }>)[RENAMED_SERIES[metric] ?? metric];
}

/** The current name of a series given by its old name (`occupancy[dgh/ward]` → `beds.inUse[dgh/ward]`), or undefined. */
export function renamedSeries(name: string): string | undefined {
  const { metric, scope } = splitKpiName(name);
  const now = RENAMED_SERIES[metric];
  return now === undefined || !name.includes('[') ? undefined : `${now}[${scope}]`;
}
