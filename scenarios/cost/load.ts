// Offered load of each resource: the work patients bring per hour (arrival rate × mean
// time held, Little's law) against what is there (beds, theatre session hours, staff on
// duty with the skill). A resource at 1× or more cannot keep up: its queue grows through
// the run and the results describe a system that never settles. Waits and blocking are
// ignored (they only add to the load), so this is a lower bound on what each resource
// carries — enough to say which one makes a model unstable.
import type { ScenarioCore } from '../schema/scenario.ts';
import type { Arrivals } from '../schema/patient-class.ts';
import { headcount } from '../../engine/hospital/roster.ts';
import { roleHoursPerWeek, sessionWindows } from '../compile/week.ts';
import { DAY, WEEK } from '../../engine/hospital/week.ts';
import { grouped } from '../../engine/core/errors.ts';
import { meanHours, pathwayFlow, type Flow } from './flow.ts';
import { seasonMean } from '../compile/season.ts';

export interface Load {
  /** The resource in words: `ward "medical" at site "dgh"`. */
  resource: string;
  /** The field holding its capacity: sites[0].wards[1].beds. */
  path: PropertyKey[];
  /** Units busy on average (beds occupied, theatres in use, staff busy). */
  demand: number;
  /** Units there on average. */
  capacity: number;
  /** demand ÷ capacity (Infinity when there is demand and no capacity). */
  ratio: number;
  /** The capacity in words: "20 beds". */
  capacityText: string;
}

/** Mean arrivals per hour of a class. */
export function arrivalRate(a: Arrivals): number {
  if (a.appointments) return (appointmentsPerWeek(a.appointments) * (1 - a.appointments.noShow)) / WEEK;
  return a.perDay !== undefined ? a.perDay / DAY : (a.perWeek ?? 0) / WEEK;
}

/** Booked times a week (what the compiler lists one by one), counted without listing them. */
export function appointmentsPerWeek(a: NonNullable<Arrivals['appointments']>): number {
  return a.slots.reduce((sum, b) => sum + slotsPerWeek(b), 0);
}

export function slotsPerWeek(b: NonNullable<Arrivals['appointments']>['slots'][number]): number {
  const [from, to] = [clock(b.start), clock(b.end)];
  const step = b.everyMinutes / 60;
  const times = to > from ? Math.ceil((to - from - 1e-9) / step) : 0;
  return new Set(b.days).size * times * b.perSlot;
}

const clock = (s: string) => Number(s.slice(0, 2)) + Number(s.slice(3, 5)) / 60;

const ratioOf = (demand: number, capacity: number) => (demand <= 0 ? 0 : capacity > 0 ? demand / capacity : Infinity);
const finite = (x: number) => (Number.isFinite(x) ? x : 0);

/** Beds open on average over the run (a ward's changes weighted by how long each lasts). */
function averageBeds(w: ScenarioCore['sites'][number]['wards'][number], horizonDays: number): number {
  if (!w.changes?.length) return w.beds;
  let beds = w.beds, from = 0, total = 0;
  for (const c of w.changes) {
    const at = Math.min(c.fromDay, horizonDays);
    total += beds * (at - from);
    from = at;
    beds = c.beds;
  }
  total += beds * Math.max(0, horizonDays - from);
  return horizonDays > 0 ? total / horizonDays : w.beds;
}

export interface Loads {
  loads: Load[];
  /** Flows of the pathways by id (shared with the cost estimate). */
  flows: Map<string, Flow>;
  /** Classes some of whose patients never leave (their pathway loops with probability 1). */
  endless: { cls: string; pathway: string; path: PropertyKey[] }[];
}

/**
 * Every ward's, theatre's, skill's and list's offered load, highest first. Under a season,
 * a rate or a duration is multiplied by the season's mean factor over the measured window
 * (a winter run's surge counts); the product of two seasons' means (arrivals and stays
 * both higher in winter) is at most the mean of their product, so this stays a lower bound.
 * The run's own warnings also judge the busiest weeks (scenarios/warnings/offered-load.ts).
 */
export function offeredLoads(s: ScenarioCore): Loads {
  const means = new Map<string, number>();
  const mean = (id: string | undefined, use: 'arrivals' | 'durations') => {
    const season = id !== undefined ? s.seasons?.[id] : undefined;
    if (!season) return 1;
    const key = `${use}:${id}`;
    if (!means.has(key)) means.set(key, seasonMean(season, s.time, use));
    return means.get(key)!;
  };
  const flows = new Map<string, Flow>();
  const flowOf = (id: string) => {
    let f = flows.get(id);
    if (!f) flows.set(id, (f = pathwayFlow(s.pathways[id])));
    return f;
  };
  const demand = new Map<string, number>(); // key → units busy on average
  const add = (key: string, x: number) => demand.set(key, (demand.get(key) ?? 0) + finite(x));
  const endless: Loads['endless'] = [];

  s.classes.forEach((c, ci) => {
    if (!c.arrivals || c.pathway === undefined || !s.pathways[c.pathway]) return;
    const site = s.sites.find((x) => x.id === c.site);
    if (!site) return;
    const rate = arrivalRate(c.arrivals) * (c.arrivals.season !== undefined ? mean(c.arrivals.season, 'arrivals') : 1);
    const f = flowOf(c.pathway);
    if (f.endless) endless.push({ cls: c.id, pathway: c.pathway, path: ['classes', ci, 'pathway'] });
    s.pathways[c.pathway].forEach((st, i) => {
      const busy = rate * f.visits[i] * f.hours[i] * ('season' in st && st.season !== undefined ? mean(st.season, 'durations') : 1);
      if (!(busy > 0)) return;
      const held = st.do === 'readmit' ? [] : f.held[i];
      for (const place of held) add(`ward:${site.id}/${place}`, busy);
      if (st.do === 'task' && st.place !== undefined && !held.includes(st.place)) add(`ward:${site.id}/${st.place}`, busy);
      if ((st.do === 'task' || st.do === 'operate') && st.skill !== undefined) add(`skill:${site.id}/${st.skill}`, busy);
      if (st.do === 'operate') add(`theatre:${site.id}/${st.theatre ?? site.theatres[0]?.id}`, busy);
    });
  });
  for (const l of s.waitingLists) {
    const seasonal = l.referrals.some((r) => r.season !== undefined);
    const rate = (seasonal ? l.referrals.reduce((a, r) => a + r.perWeek * mean(r.season, 'arrivals'), 0) : l.referrals.reduce((a, r) => a + r.perWeek, 0)) / WEEK;
    if (l.bookInto) {
      // Clinic and scanner lists: slot hours booked, shared among the rooms by their session hours.
      const b = l.bookInto;
      const slotHours = l.referrals.reduce((h, r) => h + r.perWeek * (seasonal ? mean(r.season, 'arrivals') : 1) * (b.slotMinutesByClass?.[r.class] ?? b.slotMinutes), 0) / 60 / WEEK;
      const site = s.sites.find((x) => x.id === l.site);
      const ids = b.clinics ?? b.scanners ?? [];
      const open = ids.map((id) => {
        const room = [...(site?.clinics ?? []), ...(site?.scanners ?? [])].find((x) => x.id === id);
        return room ? sessionWindows(room, s.time.startWeekday).reduce((h, [a, c]) => h + c - a, 0) : 0;
      });
      const total = open.reduce((a, x) => a + x, 0);
      ids.forEach((id, k) => add(`room:${l.site}/${id}`, slotHours * (total > 0 ? open[k] / total : 1 / ids.length)));
      add(`list:${l.id}`, rate * WEEK);
      continue;
    }
    const stay = (meanHours(l.stay!) + (l.delayedDischarge ? l.delayedDischarge.probability * meanHours(l.delayedDischarge.duration) : 0))
      * (l.staySeason !== undefined ? mean(l.staySeason, 'durations') : 1);
    add(`ward:${l.site}/${l.ward}`, rate * stay);
    // Booking fills each theatre's sessions alike: its share of the work is its share of the session hours.
    const caseHours = meanHours(l.plannedCase!) * (l.actualOverPlanned ? meanHours(l.actualOverPlanned) : 1);
    const site = s.sites.find((x) => x.id === l.site);
    const open = l.theatres!.map((id) => {
      const t = site?.theatres.find((x) => x.id === id);
      return t ? sessionWindows(t, s.time.startWeekday).reduce((h, [a, b]) => h + b - a, 0) : 0;
    });
    const total = open.reduce((a, b) => a + b, 0);
    l.theatres!.forEach((t, k) => add(`theatre:${l.site}/${t}`, rate * caseHours * (total > 0 ? open[k] / total : 1 / l.theatres!.length)));
    add(`list:${l.id}`, rate * WEEK);
  }

  const loads: Load[] = [];
  const push = (key: string, resource: string, path: PropertyKey[], capacity: number, capacityText: string) => {
    const d = demand.get(key) ?? 0;
    if (d > 0) loads.push({ resource, path, demand: d, capacity, ratio: ratioOf(d, capacity), capacityText });
  };
  s.sites.forEach((site, si) => {
    site.wards.forEach((w, wi) => {
      const beds = averageBeds(w, s.time.horizonDays);
      const word = w.kind === 'ward' ? 'bed' : w.kind;
      push(`ward:${site.id}/${w.id}`, `${w.kind === 'ward' ? 'ward' : w.kind === 'cubicle' ? 'cubicles' : `${w.kind}s`} "${w.id}" at site "${site.id}"`,
        ['sites', si, 'wards', wi, 'beds'], beds, `its ${show(beds)} ${word}${beds === 1 ? '' : 's'}${w.changes?.length ? ' on average' : ''}`);
    });
    site.theatres.forEach((t, ti) => {
      const open = sessionWindows(t, s.time.startWeekday).reduce((h, [a, b]) => h + b - a, 0);
      push(`theatre:${site.id}/${t.id}`, `theatre "${t.id}" at site "${site.id}"`, ['sites', si, 'theatres', ti, 'sessions'], open / WEEK, `its ${show(open)} session hours a week`);
    });
    for (const kind of ['clinics', 'scanners'] as const)
      site[kind]?.forEach((room, ri) => {
        const open = sessionWindows(room, s.time.startWeekday).reduce((h, [a, b]) => h + b - a, 0);
        push(`room:${site.id}/${room.id}`, `${kind === 'clinics' ? 'clinic' : 'scanner'} "${room.id}" at site "${site.id}"`, ['sites', si, kind, ri, 'sessions'], open / WEEK, `its ${show(open)} session hours a week`);
      });
    const skills = [...new Set(site.staff.flatMap((r) => r.skills))];
    for (const k of skills) {
      const onDuty = site.staff.filter((r) => r.skills.includes(k)).reduce((a, r) => a + roleHoursPerWeek(r, s.time.startWeekday) / WEEK, 0);
      push(`skill:${site.id}/${k}`, `skill "${k}" at site "${site.id}"`, ['sites', si, 'staff'], onDuty, `the ${show(onDuty)} staff with it on duty on average`);
    }
  });
  s.waitingLists.forEach((l, li) => {
    // Cases a week the list's sessions can take, when a session takes at most casesPerSession.
    if (l.casesPerSession === undefined || !l.theatres) return;
    const site = s.sites.find((x) => x.id === l.site);
    const sessions = l.theatres.reduce((a, id) => {
      const t = site?.theatres.find((x) => x.id === id);
      return a + (t ? sessionWindows(t, s.time.startWeekday).length : 0);
    }, 0);
    const cases = sessions * l.casesPerSession;
    push(`list:${l.id}`, `waiting list "${l.id}"`, ['waitingLists', li, 'casesPerSession'], cases, `the ${show(cases)} cases a week its sessions take`);
  });
  loads.sort((a, b) => b.ratio - a.ratio);
  return { loads, flows, endless };
}

/** "1.4", "0.93", "12": loads and capacities for messages. */
export function show(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? grouped(Math.round(x)) : String(Number(x.toPrecision(2)));
}

/** `ward "medical" at site "dgh" has an offered load of 1.4× its 20 beds`. */
export function describeLoad(l: Load): string {
  return `${l.resource} has an offered load of ${l.ratio === Infinity ? 'work but no capacity' : `${showRatio(l.ratio)}× ${l.capacityText}`}`;
}

/** A load near capacity keeps three figures: 1.03× is over capacity, and "1×" would not say so. */
function showRatio(x: number): string {
  return x >= 0.9 && x < 10 ? String(Number(x.toPrecision(3))) : show(x);
}

/** Why a model's queues grow without end, as far as the offered loads tell (undefined: they do not). */
export function instability(l: Loads): string | undefined {
  const over = l.loads.filter((x) => x.ratio >= 1);
  const parts = [
    ...over.slice(0, 3).map(describeLoad),
    ...l.endless.slice(0, 2).map((e) => `some patients of class "${e.cls}" never leave (pathway "${e.pathway}" loops with probability 1)`),
  ];
  if (over.length > 3) parts.push(`${over.length - 3} more resources at 1× or more`);
  return parts.length ? parts.join('; ') : undefined;
}
