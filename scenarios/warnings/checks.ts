// The warnings a run document carries (RunWarningSchema), where its numbers should not be
// read at face value. The rules, stated once:
//  - overloaded: offered load ≥ capacity on a ward or cubicle pool, theatre, skill, a
//    site's staff, or a list's bookable cases (offered-load.ts), by arithmetic (with
//    seasons, the load's mean over the measured window); a caution, not serious, where
//    capacity opens under pressure on the resource (escalation, extra sessions), which the
//    arithmetic leaves out; a caution too where every line for the resource has a way out
//    (queueLimit, patience: Demand.bounded), since a steady state then exists, with at least
//    1 − capacity ÷ load of the care asked turned away. Where no steady state exists it names,
//    besides the resource's KPIs, those of the classes and lists using it that measure the
//    run's length (time in system, treated, still in the system, the list's);
//  - overloaded-season: below capacity over the window, but at or above it over the
//    busiest four weeks the seasons make (a ward's escalation beds counted as open then);
//  - growing / falling: a ward's queue or a waiting list that rose / fell by a material
//    amount from the middle to the last third of the measured days, by more than a patient
//    beyond chance with every series of the run's options tested at once (trends.ts);
//    worded as evidence, not a verdict;
//  - short-run: a measured window (horizon − warm-up) under 10 times the longest mean stay
//    on a ward (by arithmetic), or under 3 times the longest mean time in system measured
//    (time.mean; not where something is overloaded, whose times only say how long the run
//    was). Waiting lists are judged by their trend instead: referral-to-treatment counts
//    every clock stop in the window, whenever the referral;
//  - few-replications: fewer than MIN_REPLICATIONS;
//  - wide-intervals: on a main KPI (MAIN_METRICS), a 95% CI half-width above a quarter of
//    the mean (5 points for a share) and above a floor in its unit (WIDE_FLOOR: ±20% of a
//    one-minute wait is precise enough); one warning for the run, replications being the
//    run's;
//  - open-intervals: an interval measure's share within its target counts only intervals
//    that ended; when those still open at the end and already over the target would lower
//    it by OPEN_SHARE_POINTS or more (mean over replications), the run says so, with both.
//  - warm-up: a daily series still moving away from the start in the first third of the
//    measured days (warm-up.ts, given the warnings above so that its advice agrees with them).
import type { ScenarioCore } from '../schema/scenario.ts';
import type { RunResultDoc, RunWarning } from '../schema/run-result.ts';
import { kpiInfo, splitKpiName } from '../kpis/catalogue.ts';
import { MIN_REPLICATIONS } from '../../engine/experiment/in-range.ts';
import { DAY, WEEK } from '../../engine/hospital/week.ts';
import { offeredLoad, type Demand, type Exit, type Stay } from './offered-load.ts';
import { dateDay } from '../schema/time.ts';
import { significantChange, thirds, type Trend, type TrendRows } from './trends.ts';
import { startBias, type StartFold } from './warm-up.ts';

/** The window holds fewer stays than this: too short. */
export const STAYS_PER_WINDOW = 10;
/** … or fewer mean times in system than this. */
export const TIMES_PER_WINDOW = 3;
/** A half-width above this share of the mean is wide (shares: WIDE_POINTS). */
export const WIDE_SHARE = 0.25;
export const WIDE_POINTS = 0.05;
/** An interval measure's share would fall by this much (or more) counting the open intervals over its target: warned. */
export const OPEN_SHARE_POINTS = 0.005;
/** Half-widths at most this, in the KPI's unit, are never wide. */
export const WIDE_FLOOR: Record<string, number> = { h: 0.1, days: 0.25, weeks: 0.5, patients: 1, 'patients/week': 0.5 };
/** The KPIs a comparison is read for; centiles and rare counts are wide by nature and are not held to it. */
export const MAIN_METRICS = new Set(['throughput', 'time.mean', 'wait.mean', 'ed.4h', 'ed.time.mean', 'elective.operated', 'elective.rtt.mean',
  'list.size', 'occupancy.mean', 'theatre.utilisation', 'staff.utilisation', 'cost.total']);

export interface VariantFacts {
  id: string;
  /** The variant's scenario (the base for "baseline"). */
  core: ScenarioCore;
  kpis: RunResultDoc['variants'][number]['kpis'];
  /** Per replication: each series' middle- and last-third means. */
  trends: TrendRows;
  /**
   * Per replication, per interval measure with a target: intervals counted in the window
   * (and within the target), and those still open at the end (and already over it).
   */
  openIntervals?: readonly Record<string, { counted: number; within: number; open: number; over: number }>[];
  /** Each daily series' first third of the measured days against the rest, folded over replications (warm-up.ts). */
  start?: StartFold;
}

const f = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : String(Number(x.toPrecision(3))));
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${f(Math.abs(x))}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const pct1 = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** KPI names of `kpis` measured on `scope` or within it (`north-ortho/p2` is within `north-ortho`). */
function kpisOn(kpis: Record<string, unknown>, scopes: readonly string[], metric?: string): string[] {
  return Object.keys(kpis).filter((n) => {
    const { metric: m, scope } = splitKpiName(n);
    return (!metric || m === metric) && scopes.some((s) => scope === s || scope.startsWith(`${s}/`));
  });
}

function overloaded(v: VariantFacts, d: Demand): RunWarning {
  const subject = d.members.join(' + ');
  const share = `offered load ${pct(d.load / d.capacity)} of capacity`;
  const tail = 'No steady state exists: the queue grows for as long as the run lasts, so waits here measure the run\'s length.';
  let what: string;
  let kpis: string[];
  switch (d.kind) {
    case 'beds':
      what = `${subject}: patients need ${f(d.load)} ${d.unit} on average (arrivals × mean time held) and ${f(d.capacity)} are open, ${share}.`;
      kpis = kpisOn(v.kpis, d.members);
      break;
    case 'skill': {
      const [site, skill] = d.members[0].split('/skill:');
      what = `skill "${skill}" at ${site}${d.members.length > 1 ? ' (with others)' : ''}: tasks keep ${f(d.load)} staff busy on average (arrivals × mean task time) and ${f(d.capacity)} with the skill are on duty, ${share}.`;
      kpis = kpisOn(v.kpis, d.members);
      break;
    }
    case 'staff': {
      const site = d.members[0].replace(/\/staff$/, '');
      what = `staff at ${site}: tasks keep ${f(d.load)} busy on average (arrivals × mean task time) and ${f(d.capacity)} are on duty, ${share}.`;
      kpis = kpisOn(v.kpis, [site], 'staff.utilisation');
      break;
    }
    case 'theatre':
      what = `theatre ${subject}: operations need ${f(d.load * WEEK)} hours a week and the sessions give ${f(d.capacity * WEEK)}, ${share}.`;
      kpis = kpisOn(v.kpis, d.members);
      break;
    case 'slots':
      what = `clinic or scanner ${subject}: appointments booked need ${f(d.load * WEEK)} hours a week and the sessions give ${f(d.capacity * WEEK)}, ${share}.`;
      kpis = kpisOn(v.kpis, d.members);
      break;
    case 'cases':
      what = `list ${subject}: ${f(d.load)} referrals a week and at most ${f(d.capacity)} cases a week can be booked (cases per session × sessions), ${share}.`;
      kpis = kpisOn(v.kpis, d.members);
      break;
  }
  if (d.bounded) return turnedAway(v, d, what, kpis);
  kpis = [...kpis, ...kpisOfUsers(v, d.users, RUN_LENGTH_METRICS).filter((n) => !kpis.includes(n))];
  // Capacity that opens under pressure is not in the arithmetic (it is not always open):
  // whether it keeps up is for the run to say, so this is a caution, with where to look.
  const reacting = underPressure(v.core, d);
  if (reacting)
    return {
      code: 'overloaded', severity: 'caution', variant: v.id, subject, value: d.load, limit: d.capacity, kpis,
      message: `${what} That counts only what is always open, not the ${reacting.what} under pressure. ` +
        `If ${reacting.they} keep up, the queue settles: whether they do is in this option's ${reacting.kpis} KPIs and its growing or falling warnings; if not, no steady state exists and waits here measure the run's length.`,
    };
  return { code: 'overloaded', severity: 'serious', variant: v.id, subject, message: `${what} ${tail}`, value: d.load, limit: d.capacity, kpis };
}

/**
 * Class KPIs that, without a steady state, measure the run's length: the time in system of
 * those treated leaves out the growing number still waiting, and the counts treated are
 * whatever the run had time for.
 */
const RUN_LENGTH_METRICS = new Set(['time.mean', 'time.p50', 'time.p90', 'time.p95', 'throughput', 'completed', 'outcome.inSystem']);
/** The shares and counts of patients turned away. */
const TURNED_AWAY_METRICS: Record<Exit, string[]> = { 'diverted': ['diverted', 'outcome.diverted'], 'left unseen': ['left.unseen', 'outcome.leftUnseen'] };

/** KPIs of a demand's users: each class's (and `all`'s) with one of `metrics`, and every KPI of each waiting list. */
function kpisOfUsers(v: VariantFacts, users: readonly string[], metrics: ReadonlySet<string>): string[] {
  const lists = new Set(v.core.waitingLists.map((l) => l.id));
  const classes = new Set([...users.filter((u) => !lists.has(u)), ...(users.length > 0 ? ['all'] : [])]);
  return [
    ...Object.keys(v.kpis).filter((n) => { const { metric, scope } = splitKpiName(n); return metrics.has(metric) && classes.has(scope); }),
    ...kpisOn(v.kpis, users.filter((u) => lists.has(u))),
  ];
}

/**
 * Load ≥ capacity where every line has a way out: the queue stays finite and a steady state
 * exists (M/M/c/K, Erlang A), but the resource cannot do more than its capacity, so at least
 * 1 − capacity ÷ load of the care asked of it is not given, and the patients it belongs to are
 * turned away. A caution: the figures are a steady state's, of a resource full much of the time.
 */
function turnedAway(v: VariantFacts, d: Demand, what: string, own: readonly string[]): RunWarning {
  const subject = d.members.join(' + ');
  const exits = d.bounded!.exits;
  const how = exits.length === 2 ? 'a full line diverts patients (queueLimit), or they leave without being seen when their patience runs out'
    : exits[0] === 'diverted' ? 'a full line diverts patients (queueLimit)' : 'patients leave without being seen when their patience runs out';
  const gone = exits.length === 2 ? 'are diverted or leave without being seen' : exits[0] === 'diverted' ? 'are diverted' : 'leave without being seen';
  const kinds = exits.flatMap((e) => TURNED_AWAY_METRICS[e]);
  const shares = kinds.filter((k) => !k.startsWith('outcome.')).join(' and ');
  const undone = 1 - d.capacity / d.load;
  const lost = undone >= 0.005
    ? `at least ${pct(undone)} of the care asked of it cannot be given: about that share of its patients, or more, ${gone} (${shares})`
    : `at this load its line is long much of the time, and a material share of its patients ${gone} (${shares})`;
  const kpis = [...own, ...kpisOfUsers(v, d.users, new Set(kinds))];
  return {
    code: 'overloaded', severity: 'caution', variant: v.id, subject, value: d.load, limit: d.capacity, kpis,
    message: `${what} A steady state exists all the same: every line for it has a way out, since ${how}, so the queue stays finite. ` +
      `But ${lost}. Its waits and occupancy are those of a resource full much of the time.`,
  };
}

/** What opens under pressure on a demand's resources (escalation beds or staff, a list's extra sessions), or null. */
function underPressure(core: ScenarioCore, d: Demand): { what: string; they: string; kpis: string } | null {
  const siteOf = (m: string) => m.split('/')[0];
  switch (d.kind) {
    case 'beds':
      return d.members.some((m) => escalationBeds(core, m) > 0) ? { what: 'escalation beds that open', they: 'they', kpis: 'escalation.*' } : null;
    case 'skill': case 'staff':
      return calledIn(core, d.members[0]) ? { what: 'staff that escalation calls in', they: 'they', kpis: 'escalation.*' } : null;
    case 'theatre': case 'slots': case 'cases': {
      // A room's pool id is site/room; a list's demand is named by the list.
      const extra = core.waitingLists.some((l) => l.extraSessions && (d.kind === 'cases'
        ? d.members.includes(l.id)
        : l.extraSessions.sessions.some((x) => d.members.includes(`${l.site}/${x.theatre ?? x.clinic ?? x.scanner}`) && d.members.some((m) => siteOf(m) === l.site))));
      return extra ? { what: 'extra sessions that run', they: 'they', kpis: 'extraSessions.*' } : null;
    }
  }
}

function overloads(v: VariantFacts, demands: readonly Demand[]): RunWarning[] {
  const full = (load: number, capacity: number) => load >= capacity * (1 - 1e-9);
  const over = demands.filter((d) => full(d.load, d.capacity));
  // A site's staff as a whole only when none of its skills is overloaded on its own: that says more.
  const skillSites = new Set(over.filter((d) => d.kind === 'skill').flatMap((d) => d.members.map((m) => m.split('/skill:')[0])));
  const seasonal = demands.filter((d) => d.peak && !full(d.load, d.capacity) && full(d.peak.load, d.peak.capacity));
  const seasonSites = new Set(seasonal.filter((d) => d.kind === 'skill').flatMap((d) => d.members.map((m) => m.split('/skill:')[0])));
  return [
    ...over.filter((d) => d.kind !== 'staff' || !skillSites.has(d.members[0].replace(/\/staff$/, ''))).map((d) => overloaded(v, d)),
    ...seasonal.filter((d) => d.kind !== 'staff' || !seasonSites.has(d.members[0].replace(/\/staff$/, ''))).map((d) => overloadedInSeason(v, d)),
  ];
}

/** Day `n` of the run as a date ("3 January 2027"), or as "day n" without time.startDate. */
function dayWords(core: ScenarioCore, n: number): string {
  const start = core.time.startDate !== undefined ? dateDay(core.time.startDate) : undefined;
  if (start === undefined) return `day ${n}`;
  return new Date((start + n) * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function overloadedInSeason(v: VariantFacts, d: Demand): RunWarning {
  const p = d.peak!;
  const subject = d.members.join(' + ');
  const what: Record<Demand['kind'], string> = {
    beds: `patients need ${f(p.load)} ${d.unit} on average and ${f(p.capacity)} are open${d.members.some((m) => escalationBeds(v.core, m) > 0) ? ' (escalation beds included)' : ''}`,
    skill: `tasks keep ${f(p.load)} staff with the skill busy on average and ${f(p.capacity)} are on duty${calledIn(v.core, d.members[0]) ? ' (staff called in by escalation included)' : ''}`,
    staff: `tasks keep ${f(p.load)} staff busy on average and ${f(p.capacity)} are on duty${calledIn(v.core, d.members[0]) ? ' (staff called in by escalation included)' : ''}`,
    theatre: `operations need ${f(p.load * WEEK)} hours a week and the sessions give ${f(p.capacity * WEEK)}`,
    slots: `appointments booked need ${f(p.load * WEEK)} hours a week and the sessions give ${f(p.capacity * WEEK)}`,
    cases: `${f(p.load)} referrals a week come and at most ${f(p.capacity)} cases a week can be booked`,
  };
  const last = p.toDay - 1;
  return {
    code: 'overloaded-season', severity: 'caution', variant: v.id, subject,
    message: `${subject}: in the busiest four weeks of the measured window, ${dayWords(v.core, p.fromDay)} to ${dayWords(v.core, last)}, the seasons raise the offered load to ` +
      `${pct(p.load / p.capacity)} of capacity (${what[d.kind]}), though over the whole window it is ${pct(d.load / d.capacity)}. ` +
      'The queue builds through that stretch and drains after it: waits and occupancy there are the surge\'s, and averages over the run mix it with quieter weeks.',
    value: p.load, limit: p.capacity, kpis: kpisOn(v.kpis, d.kind === 'staff' ? [d.members[0].replace(/\/staff$/, '')] : d.members, d.kind === 'staff' ? 'staff.utilisation' : undefined),
  };
}

/** Whether a ward's escalation at the site of `site/…` calls staff in (with the skill, for `site/skill:x`). */
function calledIn(core: ScenarioCore, id: string): boolean {
  const [site, skill] = id.split('/skill:');
  const s = core.sites.find((x) => x.id === id.split('/')[0] || x.id === site);
  if (!s) return false;
  const roles = skill === undefined ? null : new Set(s.staff.filter((r) => r.skills.includes(skill)).map((r) => r.role));
  return s.wards.some((w) => (w.escalation?.staff ?? []).some((x) => roles === null || roles.has(x.role)));
}

/** Escalation beds of a ward `site/ward` (0 without). */
function escalationBeds(core: ScenarioCore, id: string): number {
  const [site, ward] = id.split('/');
  return core.sites.find((x) => x.id === site)?.wards.find((w) => w.id === ward)?.escalation?.beds ?? 0;
}

/**
 * Interval measures whose share within the target would fall by OPEN_SHARE_POINTS or more
 * if the intervals still open at the end, already over the target, counted as over it. The
 * share itself is not changed: such a patient may yet leave another way and never end the
 * interval (measure.within counts only intervals that ended), so both figures are given.
 */
function openIntervals(v: VariantFacts): RunWarning[] {
  const reps = v.openIntervals ?? [];
  if (reps.length === 0) return [];
  const out: RunWarning[] = [];
  for (const id of Object.keys(reps[0])) {
    const all = reps.map((r) => r[id]).filter((x) => x !== undefined);
    if (all.length !== reps.length) continue;
    const mean = (g: (x: (typeof all)[number]) => number) => all.reduce((a, x) => a + g(x), 0) / all.length;
    const share = mean((x) => (x.counted > 0 ? x.within / x.counted : NaN));
    const counting = mean((x) => (x.counted + x.over > 0 ? x.within / (x.counted + x.over) : NaN));
    if (!(share - counting >= OPEN_SHARE_POINTS)) continue;
    const m = v.core.measures.find((x) => x.id === id);
    const target = m?.within ? `${f(m.within.value)} ${m.within.unit}` : 'the target';
    const over = mean((x) => x.over), open = mean((x) => x.open), counted = mean((x) => x.counted);
    out.push({
      code: 'open-intervals', severity: 'caution', variant: v.id, subject: id, value: share - counting, limit: OPEN_SHARE_POINTS,
      kpis: kpisOn(v.kpis, [id]).filter((n) => splitKpiName(n).metric !== 'measure.count'),
      message: `measure ${id}: at the end of the measured window ${f(over)} patients on average (of ${f(open)} still in the interval) had been in it longer than ${target} already, ` +
        `against ${f(counted)} intervals that ended in the window. The share within ${target} counts only those that ended: it reads ${pct1(share)}, and ${pct1(counting)} counting the open ones as over. ` +
        'If they will end the interval, the lower figure is nearer, and the mean and centiles are too low as well: a longer run or a resource that keeps up narrows the gap; if some will leave another way, the share lies between the two.',
    });
  }
  return out;
}

function shortRun(v: VariantFacts, stays: readonly Stay[], isOverloaded: boolean): RunWarning | undefined {
  const { horizonDays, warmupDays } = v.core.time;
  const window = (horizonDays - warmupDays) * DAY;
  const head = `the measured window is ${f(window / DAY)} days (horizon ${f(horizonDays)} − warm-up ${f(warmupDays)} days)`;
  const stay = stays.reduce<{ hours: number; cls: string; ward: string } | undefined>((a, s) => (!a || s.hours > a.hours ? s : a), undefined);
  if (stay && window < STAYS_PER_WINDOW * stay.hours) {
    const need = warmupDays + (STAYS_PER_WINDOW * stay.hours) / DAY;
    return {
      code: 'short-run', severity: 'caution', variant: v.id, subject: stay.ward,
      message: `${head}, ${f(window / stay.hours)} times the longest mean stay (${f(stay.hours / DAY)} days, class ${stay.cls} on ${stay.ward}). ` +
        `With fewer than ${STAYS_PER_WINDOW} stays in the window, stays cut off at its ends bias waits, occupancy and lengths of stay: set horizonDays to at least ${Math.ceil(need)}.`,
      value: window / DAY, limit: (STAYS_PER_WINDOW * stay.hours) / DAY, kpis: [],
    };
  }
  if (isOverloaded) return undefined;
  let longest: { name: string; hours: number } | undefined;
  for (const [name, e] of Object.entries(v.kpis)) {
    const metric = splitKpiName(name).metric;
    const hours = e.mean !== null && metric === 'time.mean' ? e.mean : NaN;
    if (hours > (longest?.hours ?? 0)) longest = { name, hours };
  }
  if (longest && window < TIMES_PER_WINDOW * longest.hours) {
    const need = warmupDays + (TIMES_PER_WINDOW * longest.hours) / DAY;
    return {
      code: 'short-run', severity: 'caution', variant: v.id, subject: longest.name,
      message: `${head}, ${f(window / longest.hours)} times the longest mean time measured (${longest.name}: ${f(longest.hours / DAY)} days). ` +
        `Patients whose time is longer than the window are not counted, so times come out short: set horizonDays to at least ${Math.ceil(need)}.`,
      value: window / DAY, limit: (TIMES_PER_WINDOW * longest.hours) / DAY, kpis: [longest.name],
    };
  }
  return undefined;
}

/** Whether some class's arrivals or some step's durations follow a season. */
function usesSeasons(core: VariantFacts['core']): boolean {
  if (Object.keys(core.seasons ?? {}).length === 0) return false;
  return core.classes.some((c) => c.arrivals?.season !== undefined)
    || core.waitingLists.some((l) => l.staySeason !== undefined || l.referrals.some((r) => r.season !== undefined))
    || Object.values(core.pathways).some((steps) => steps.some((st) => 'season' in st && st.season !== undefined));
}

/** Series a run tests for trends: those of every option (each with a trend in every replication). */
function seriesTested(variants: readonly VariantFacts[]): number {
  let n = 0;
  for (const v of variants) {
    if (!thirds(Math.floor(v.core.time.horizonDays + 1e-9) + 1, v.core.time.warmupDays)) continue;
    for (const name of v.trends.names(0)) {
      let all = true;
      for (let k = 0; k < v.trends.size && all; k++) all = v.trends.get(k, name, 0) !== undefined;
      if (all) n++;
    }
  }
  return n;
}

function trends(v: VariantFacts, tested: number): RunWarning[] {
  const names = v.trends.names(0);
  const samples = Math.floor(v.core.time.horizonDays + 1e-9) + 1;
  const t = thirds(samples, v.core.time.warmupDays);
  if (!t) return [];
  const days = ([a, b]: [number, number]) => `days ${a}–${b - 1}`;
  const seasonal = usesSeasons(v.core);
  const out: RunWarning[] = [];
  for (const name of names) {
    const all: Trend[] = [];
    for (let k = 0; k < v.trends.size; k++) {
      const middle = v.trends.get(k, name, 0);
      if (middle !== undefined) all.push({ middle, last: v.trends.get(k, name, 1)! });
    }
    if (all.length !== v.trends.size) continue;
    const c = significantChange(all, tested);
    if (!c) continue;
    const { metric, scope } = splitKpiName(name);
    const what = metric === 'queue.length' ? `patients waiting for ${scope}` : `patients on list ${scope}`;
    const level = `${Number((c.level * 100).toFixed(2))}%`;
    const figures = `${f(c.middle)} ${what} on average in ${days(t.middle)}, ${f(c.last)} in ${days(t.last)} ` +
      `(${signed(c.change)}, ${level} CI ${signed(c.lower)} to ${signed(c.upper)} over ${all.length} replications` +
      `${tested > 1 ? `, ${level} allowing for the ${tested} series tested in this run` : ''})`;
    const kpis = kpisOn(v.kpis, [scope]);
    // With seasons, demand itself changes through the run: the trend may be the season.
    const season = seasonal ? ` The scenario's seasons change demand or stays through the run, so this may be the season itself: the averages then describe this stretch of the year, not a steady state, and a longer run would take in another season.` : '';
    if (c.direction === 'growing')
      out.push({ code: 'growing', severity: 'serious', variant: v.id, subject: name, kpis, value: c.change, limit: c.material,
        message: `${name} rose over the measured period: ${figures}. It may not have settled: if it is still rising, there is no steady state, and its waits depend on how long the run is.${season}` });
    else
      out.push({ code: 'falling', severity: 'caution', variant: v.id, subject: name, kpis, value: c.change, limit: -c.material,
        message: `${name} fell over the measured period: ${figures}. ${seasonal ? 'It may not have settled by the end, so averages over the run describe the fall.' : 'The backlog may not have settled by the end, so averages over the run describe the clearing, not where it settles: run longer.'}${season}` });
  }
  return out;
}

/**
 * An overloaded or growing line on a place, ward or skill that an ED class's pathway uses
 * holds up those patients' four hours: the warning also concerns that class's ED measures
 * (`ed.4h`, `ed.time.mean`, and the department's `ed.4h[all]`). Without a steady state the
 * four-hour share describes the run's length, and a change elsewhere (a doctor freed by
 * patients who cannot reach a cubicle) can move it either way.
 */
function withEdMeasures(v: VariantFacts, w: RunWarning): RunWarning {
  const scopes = w.code === 'growing' ? [splitKpiName(w.subject).scope] : w.subject.split(' + ');
  const classes = v.core.classes.filter((c) => c.ed && c.pathway !== undefined && (v.core.pathways[c.pathway] ?? []).some((st) =>
    (['place', 'ward', 'theatre'] as const).some((k) => k in st && scopes.includes(`${c.site}/${String((st as Record<string, unknown>)[k])}`))
    || ('skill' in st && scopes.includes(`${c.site}/skill:${String(st.skill)}`))));
  if (classes.length === 0) return w;
  const ids = new Set([...classes.map((c) => c.id), 'all']);
  const ed = Object.keys(v.kpis).filter((n) => {
    const { metric, scope } = splitKpiName(n);
    return (metric === 'ed.4h' || metric === 'ed.time.mean') && ids.has(scope) && !w.kpis.includes(n);
  });
  return ed.length === 0 ? w : { ...w, kpis: [...w.kpis, ...ed] };
}

function wideIntervals(variants: readonly VariantFacts[], n: number): RunWarning | undefined {
  const wide: { variant: string; name: string; mean: number; half: number; limit: number }[] = [];
  for (const v of variants) {
    for (const [name, e] of Object.entries(v.kpis)) {
      if (e.mean === null || e.ciLow === null || e.ciHigh === null || e.mean === 0 || !MAIN_METRICS.has(splitKpiName(name).metric)) continue;
      const unit = kpiInfo(name)?.unit ?? '';
      const half = (e.ciHigh - e.ciLow) / 2;
      const limit = unit === 'fraction' ? WIDE_POINTS : Math.max(WIDE_SHARE * Math.abs(e.mean), WIDE_FLOOR[unit] ?? 0);
      if (half > limit) wide.push({ variant: v.id, name, mean: e.mean, half, limit });
    }
  }
  if (wide.length === 0) return undefined;
  const w = wide.reduce((a, b) => (b.half / b.limit > a.half / a.limit ? b : a));
  const needed = Math.ceil(n * (w.half / w.limit) ** 2);
  const share = kpiInfo(w.name)?.unit === 'fraction';
  const width = share ? `±${f(w.half * 100)} points` : `±${pct(w.half / Math.abs(w.mean))} of its mean`;
  const names = [...new Set(wide.map((x) => x.name))];
  const options = [...new Set(wide.map((x) => x.variant))];
  return {
    code: 'wide-intervals', severity: 'caution', variant: null, subject: w.name, value: w.half, limit: w.limit, kpis: names,
    message: `${names.length} main KPI${names.length === 1 ? ' has a 95% interval' : 's have 95% intervals'} wider than ±${pct(WIDE_SHARE)} of the mean (±${f(WIDE_POINTS * 100)} points for a share) ` +
      `with ${n} replications${variants.length > 1 ? ` in ${options.length} of ${variants.length} options` : ''}; the widest is ${w.name}${variants.length > 1 ? ` (${w.variant})` : ''}, ${width}: ` +
      `about ${needed} replications would bring it within.`,
  };
}

/** Every warning for a run of these variants with `replications` replications each: serious first. */
export function runWarnings(scenario: string, variants: readonly VariantFacts[], replications: number): RunWarning[] {
  const out: RunWarning[] = [];
  if (replications < MIN_REPLICATIONS)
    out.push({
      code: 'few-replications', severity: 'caution', variant: null, subject: scenario, value: replications, limit: MIN_REPLICATIONS, kpis: [],
      message: `only ${replications} replication${replications === 1 ? '' : 's'} of each option: ${replications === 1 ? 'one gives no confidence intervals, and ' : ''}` +
        `fewer than ${MIN_REPLICATIONS} give intervals that rest on assumptions the data cannot check; run 10 or more for a decision.`,
    });
  const tested = seriesTested(variants);
  for (const v of variants) {
    const load = offeredLoad(v.core);
    const over = overloads(v, load.demands);
    // One warning a resource: pushed one by one, as a spread of them overflows the stack past about 100,000.
    for (const w of [...over, ...trends(v, tested)]) out.push(withEdMeasures(v, w));
    const short = shortRun(v, load.stays, over.length > 0);
    if (short) out.push(short);
    for (const w of openIntervals(v)) out.push(w);
  }
  const wide = wideIntervals(variants, replications);
  if (wide) out.push(wide);
  out.push(...startBias(variants, out));
  return sortAndMerge(out, variants.length);
}

/** Serious first (stable otherwise); a warning said the same way for every option is said once, for the run. */
function sortAndMerge(ws: RunWarning[], options: number): RunWarning[] {
  const key = (w: RunWarning) => `${w.code}\u0000${w.subject}\u0000${w.message}`;
  const count = new Map<string, number>();
  for (const w of ws) if (w.variant !== null) count.set(key(w), (count.get(key(w)) ?? 0) + 1);
  const seen = new Set<string>();
  const merged: RunWarning[] = [];
  for (const w of ws) {
    if (options > 1 && w.variant !== null && count.get(key(w)) === options) {
      if (seen.has(key(w))) continue;
      seen.add(key(w));
      merged.push({ ...w, variant: null });
    } else merged.push(w);
  }
  return [...merged.filter((w) => w.severity === 'serious'), ...merged.filter((w) => w.severity !== 'serious')];
}
