// Offered load by arithmetic, before any run: for each bed pool, theatre, skill and
// waiting list, the mean number of units demand keeps busy (arrivals per hour × mean time
// each arrival holds it, from the distributions' exact means) against the mean number
// open over the measured window. Load ≥ capacity means no steady state exists: the queue
// grows for as long as the run lasts, and its waits measure the run's length (unless every
// line for the resource has a way out: below).
//
// The load counts only time in service, never time waiting (a patient boarding in a
// cubicle while waiting for a bed adds nothing to the cubicle's load here), and where a
// task's duration depends on who does it, the shortest: so it is a lower bound, and a
// warning from it is never a false alarm. Resources patients may use in each other's
// place are judged together: a ward with its overflow wards, a list's theatres, lists
// that share long waiters through mutual aid.
//
// With seasons (a class's arrivals, a list's referrals, a step's duration or a list's
// stays), each part of the load is multiplied by its seasons' factors day by day over the
// measured window: the load is then the mean of that over the window, and `peak` the
// busiest four weeks of it (28 days: four whole weeks, so a weekly timetable's capacity is
// its mean), against the capacity over those weeks (a ward's escalation beds counted as
// open). A winter surge can overload a ward for weeks without the year's mean doing so.
//
// Where every line that forms for a resource has a way out (a queueLimit diverts patients
// from a full line, a patience makes them leave unseen), the line cannot grow without end
// whatever the load: a steady state exists, with a share of patients turned away (M/M/c/K,
// Erlang A). The demand then says so (`bounded`), and checks.ts warns of the share turned
// away instead of a queue that grows for ever. A waiting list is a line with no way out.
//
// It also gives each class's mean stay on each ward (time held per admission), for the
// run-length check (checks.ts).
import type { ScenarioCore } from '../schema/scenario.ts';
import type { Duration } from '../schema/distribution.ts';
import type { Site } from '../schema/site.ts';
import { branchTargets } from '../schema/decision.ts';
import { heldAtSteps } from '../compile/pathway.ts';
import { arrivalProfile } from '../compile/compile.ts';
import { placeId, theatreId, toDistribution } from '../compile/site.ts';
import { DAY, WEEK, overlapHours } from '../../engine/hospital/week.ts';
import { roleHoursPerWeek, sessionWindows } from '../compile/week.ts';
import { seasonFactors } from '../compile/season.ts';
import { compileTimeFactor, factorAt, type CompiledTimeFactor } from '../../engine/core/time-factor.ts';

export type ResourceKind = 'beds' | 'theatre' | 'slots' | 'skill' | 'staff' | 'cases';

export interface Demand {
  kind: ResourceKind;
  /** Resource ids judged together (one, or a ward with its overflow wards, …). */
  members: string[];
  /** Mean units kept busy (cases: referrals per week). */
  load: number;
  /** Mean units open over the measured window (cases: most cases booked per week). */
  capacity: number;
  /** What a unit is: "beds", "cubicles", "staff", "theatres", "cases a week". */
  unit: string;
  /**
   * With seasons on some of its load: the busiest four weeks of the measured window (days
   * of the run, `toDay` excluded), the mean load over them and the capacity then (a ward's
   * escalation beds, and the staff escalations call in, counted as open and on duty). Absent without seasons, or when the window is shorter.
   */
  peak?: { fromDay: number; toDay: number; load: number; capacity: number };
  /** Classes and waiting lists whose demand makes up the load (their ids). */
  users: string[];
  /**
   * Present when some patient waits for these resources and every line they wait in has a
   * way out that keeps it finite, whatever the load: `exits` says which. Absent when some
   * line has none (a step without queueLimit or patience, an operation, a waiting list).
   */
  bounded?: { exits: Exit[] };
}

/** How a patient leaves a line before reaching the resource: a full line (queueLimit) or their patience running out. */
export type Exit = 'diverted' | 'left unseen';

/** Days in the busiest stretch judged: four whole weeks. */
export const PEAK_DAYS = 28;

export interface Stay {
  cls: string;
  ward: string;
  /** Mean hours held per admission (stay, delayed discharge, operation). */
  hours: number;
}

/** Iterations at most when following a pathway's loops (readmissions): far more than any convergence needs. */
const MAX_SWEEPS = 5000;

const meanHours = (d: Duration) => toDistribution(d).mean;

/** Expected visits to each step per arrival (branches and readmissions weigh them); undefined if they do not settle. */
function expectedVisits(steps: ScenarioCore['pathways'][string]): number[] | undefined {
  const n = steps.length;
  const index = (id: string) => steps.findIndex((s) => s.id === id);
  const out: [number, number][][] = steps.map((st, i) => {
    const next: [number, number][] = i + 1 < n ? [[i + 1, 1]] : [];
    switch (st.do) {
      case 'branch': return branchTargets(st).map((o) => [index(o.to), o.probability]);
      case 'readmit': return [[index(st.to), st.probability], ...(i + 1 < n ? [[i + 1, 1 - st.probability] as [number, number]] : [])];
      case 'discharge': return [];
      default: return next;
    }
  });
  let v = steps.map((_, i) => (i === 0 ? 1 : 0));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const w = steps.map((_, i) => (i === 0 ? 1 : 0));
    out.forEach((edges, i) => { for (const [j, p] of edges) if (j >= 0) w[j] += v[i] * p; });
    const settled = w.every((x, i) => Math.abs(x - v[i]) <= 1e-12 * Math.max(1, x));
    v = w;
    if (settled) return v;
  }
  return undefined;
}

/** Union of resource ids that patients use in each other's place. */
class Groups {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    while (p !== (this.parent.get(p) ?? p)) p = this.parent.get(p)!;
    this.parent.set(x, p);
    return p;
  }
  join(a: string, b: string): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/** Beds open on average over [from, to) hours, from the ward's changes during the run. */
function meanBeds(beds: number, changes: readonly { fromDay: number; beds: number }[] | undefined, from: number, to: number): number {
  const points = [{ at: 0, beds }, ...(changes ?? []).map((c) => ({ at: c.fromDay * DAY, beds: c.beds }))];
  let area = 0;
  points.forEach((p, k) => {
    const end = k + 1 < points.length ? points[k + 1].at : Infinity;
    area += p.beds * Math.max(0, Math.min(end, to) - Math.max(p.at, from));
  });
  return area / (to - from);
}

const UNIT_OF_KIND: Record<string, string> = { ward: 'beds', cubicle: 'cubicles', chair: 'chairs', trolley: 'trolleys' };

export function offeredLoad(s: ScenarioCore): { demands: Demand[]; stays: Stay[] } {
  const from = s.time.warmupDays * DAY, to = s.time.horizonDays * DAY;
  const start = s.time.startWeekday;
  const load = new Map<string, number>();
  const kinds = new Map<string, { kind: ResourceKind; capacity: number; unit: string }>();
  const groups = new Groups();
  /** Whose demand is being added (a class, or a list and its referrals' classes). */
  let users: readonly string[] = [];
  const usersOf = new Map<string, Set<string>>();
  const add = (id: string, x: number) => {
    load.set(id, (load.get(id) ?? 0) + x);
    const u = usersOf.get(id) ?? new Set<string>();
    for (const who of users) u.add(who);
    usersOf.set(id, u);
  };
  // The lines patients wait in for each resource: the ways out of them, and the resources
  // some patient waits for in a line with none.
  const exitsOf = new Map<string, Set<Exit>>();
  const endless = new Set<string>();
  const line = (id: string, exits: readonly Exit[]) => {
    if (exits.length === 0) return void endless.add(id);
    const e = exitsOf.get(id) ?? new Set<Exit>();
    for (const x of exits) e.add(x);
    exitsOf.set(id, e);
  };
  // Parts of the load under seasons: their daily factors over the window, kept apart.
  const factorOf = seasonFactors(s);
  const firstDay = s.time.warmupDays, days = s.time.horizonDays - s.time.warmupDays;
  const daily = new Map<string, Float64Array>();
  const seasonal = new Set<string>();
  const dailyFactors = new Map<string, Float64Array | null>();
  /** A season's factor at noon of each day of the window (null: 1 throughout). */
  const factorsOf = (id: string, use: 'arrivals' | 'durations') => {
    const key = `${use}:${id}`;
    if (!dailyFactors.has(key)) {
      const f: CompiledTimeFactor | null = compileTimeFactor(factorOf(id, use), `seasons.${id}`);
      dailyFactors.set(key, f && Float64Array.from({ length: days }, (_, d) => factorAt(f, (firstDay + d) * DAY + DAY / 2)));
    }
    return dailyFactors.get(key)!;
  };
  /** `x` units of load on `id`, times an arrival season's and a duration season's factors through the window. */
  const addSeasonal = (id: string, x: number, arrivals?: string, durations?: string) => {
    const fa = arrivals !== undefined ? factorsOf(arrivals, 'arrivals') : null;
    const fd = durations !== undefined ? factorsOf(durations, 'durations') : null;
    if (!fa && !fd) return add(id, x);
    let series = daily.get(id);
    if (!series) daily.set(id, (series = new Float64Array(days)));
    seasonal.add(id);
    let sum = 0;
    for (let d = 0; d < days; d++) {
      const v = x * (fa ? fa[d] : 1) * (fd ? fd[d] : 1);
      series[d] += v;
      sum += v;
    }
    add(id, days > 0 ? sum / days : x);
  };
  const skillId = (site: string, skill: string) => `${site}/skill:${skill}`;
  const staffOf = (site: string) => `${site}/staff`;
  const stays: Stay[] = [];
  /** A ward's beds over [a, b) hours, its escalation beds counted as open. */
  const bedsOver = new Map<string, (a: number, b: number) => number>();
  /** Staff that wards' escalations call in, by skill and by site (`skillId`, `staffOf`): counted as on duty in the busiest weeks, as escalation beds are. */
  const calledIn = new Map<string, number>();

  for (const site of s.sites) {
    for (const w of site.wards) {
      const id = placeId(site.id, w.id);
      kinds.set(id, { kind: 'beds', capacity: meanBeds(w.beds, w.changes, from, to), unit: UNIT_OF_KIND[w.kind] ?? 'beds' });
      bedsOver.set(id, (a, b) => meanBeds(w.beds, w.changes, a, b) + (w.escalation?.beds ?? 0));
    }
    for (const t of site.theatres) {
      const hours = overlapHours(sessionWindows(t, start), from, to);
      kinds.set(theatreId(site.id, t.id), { kind: 'theatre', capacity: hours / (to - from), unit: 'theatres in session' });
    }
    for (const room of [...(site.clinics ?? []), ...(site.scanners ?? [])]) {
      const hours = overlapHours(sessionWindows(room, start), from, to);
      kinds.set(theatreId(site.id, room.id), { kind: 'slots', capacity: hours / (to - from), unit: 'rooms in session' });
    }
    const skills = new Set(site.staff.flatMap((r) => r.skills));
    for (const skill of skills) {
      const onDuty = site.staff.filter((r) => r.skills.includes(skill)).reduce((h, r) => h + roleHoursPerWeek(r, start), 0) / WEEK;
      kinds.set(skillId(site.id, skill), { kind: 'skill', capacity: onDuty, unit: 'staff on duty' });
    }
    for (const w of site.wards)
      for (const x of w.escalation?.staff ?? []) {
        const role = site.staff.find((r) => r.role === x.role);
        for (const id of [...(role?.skills ?? []).map((k) => skillId(site.id, k)), staffOf(site.id)]) calledIn.set(id, (calledIn.get(id) ?? 0) + x.count);
      }
    if (site.staff.length > 0)
      kinds.set(staffOf(site.id), { kind: 'staff', capacity: site.staff.reduce((h, r) => h + roleHoursPerWeek(r, start), 0) / WEEK, unit: 'staff on duty' });
  }

  for (const c of s.classes) {
    if (c.pathway === undefined || !c.arrivals) continue;
    const site = s.sites.find((x) => x.id === c.site)!;
    const steps = s.pathways[c.pathway];
    const perHour = arrivalsPerHour(c.arrivals, start);
    const visits = expectedVisits(steps);
    if (!visits || !(perHour > 0)) continue;
    users = [c.id];
    const { held, also } = heldAtSteps({ cls: c.id, pathwayId: c.pathway, steps, site, ed: c.ed });
    const beds = new Set(site.wards.map((w) => placeId(site.id, w.id)));
    const heldHours = new Map<string, number>(), admissions = new Map<string, number>();
    // Hours held under a step's season, by pool and season (the plain hours are in heldHours too, for the stays).
    const heldSeasonal = new Map<string, Map<string, number>>();
    const arrivalSeason = c.arrivals.season;
    const hold = (pools: Iterable<string>, hours: number, season?: string) => {
      for (const p of pools) {
        if (!beds.has(p)) continue;
        heldHours.set(p, (heldHours.get(p) ?? 0) + hours);
        if (season !== undefined) {
          const bySeason = heldSeasonal.get(p) ?? new Map<string, number>();
          bySeason.set(season, (bySeason.get(season) ?? 0) + hours);
          heldSeasonal.set(p, bySeason);
        }
      }
    };
    const addWork = (id: string, x: number, durations?: string) => (arrivalSeason === undefined && durations === undefined ? add(id, x) : addSeasonal(id, x, arrivalSeason, durations));
    steps.forEach((st, i) => {
      const v = visits[i];
      const h = held[i] ?? [];
      if (!(v > 0)) return;
      switch (st.do) {
        case 'task': {
          const d = Math.min(meanHours(st.duration), ...Object.values(st.durationByRole ?? {}).map(meanHours));
          const place = st.place === undefined ? undefined : placeId(site.id, st.place);
          hold(new Set([...h, ...(place ? [place] : [])]), v * d, st.season);
          if (place && !h.includes(place)) admissions.set(place, (admissions.get(place) ?? 0) + v);
          if (st.skill) { addWork(skillId(site.id, st.skill), perHour * v * d, st.season); addWork(staffOf(site.id), perHour * v * d, st.season); }
          // The place is waited for on any route that reaches the task without it (compile/pathway.ts);
          // the patience covers both waits, the queueLimit only the place's.
          const unseen: Exit[] = st.patience ? ['left unseen'] : [];
          if (place && [h, ...(also.get(i) ?? [])].some((x) => !x.includes(place))) line(place, [...(st.queueLimit !== undefined ? ['diverted' as const] : []), ...unseen]);
          if (st.skill) { line(skillId(site.id, st.skill), unseen); line(staffOf(site.id), unseen); }
          break;
        }
        case 'admit': {
          const own = placeId(site.id, st.ward);
          admissions.set(own, (admissions.get(own) ?? 0) + v);
          // Overflow wards are taken only when a bed is free at once: the line is the own ward's.
          line(own, st.queueLimit !== undefined ? ['diverted'] : []);
          for (const w of st.overflowTo ?? []) groups.join(own, placeId(site.id, w));
          break;
        }
        case 'stay': hold(h, v * meanHours(st.duration), st.season); break;
        case 'delay-discharge': hold(h, v * st.probability * meanHours(st.duration), st.season); break;
        case 'operate': {
          const d = meanHours(st.duration);
          hold(h, v * d, st.season);
          addWork(theatreId(site.id, st.theatre ?? site.theatres[0].id), perHour * v * d, st.season);
          if (st.skill) { addWork(skillId(site.id, st.skill), perHour * v * d, st.season); addWork(staffOf(site.id), perHour * v * d, st.season); }
          line(theatreId(site.id, st.theatre ?? site.theatres[0].id), []);
          if (st.skill) { line(skillId(site.id, st.skill), []); line(staffOf(site.id), []); }
          break;
        }
        default: break;
      }
    });
    for (const [pool, hours] of heldHours) {
      const bySeason = heldSeasonal.get(pool);
      if (arrivalSeason === undefined && !bySeason) add(pool, perHour * hours);
      else {
        // The hours under each step's season apart; the rest under the arrivals' season alone.
        let plain = hours;
        for (const [season, h] of bySeason ?? []) { addSeasonal(pool, perHour * h, arrivalSeason, season); plain -= h; }
        if (plain !== 0) addSeasonal(pool, perHour * plain, arrivalSeason);
      }
      const n = admissions.get(pool) ?? 0;
      if (n > 0) stays.push({ cls: c.id, ward: pool, hours: hours / n });
    }
  }

  for (const l of s.waitingLists) {
    const perWeek = l.referrals.reduce((x, r) => x + r.perWeek, 0);
    users = [l.id, ...l.referrals.map((r) => r.class)];
    // The list is the line for its rooms, or for its theatres and ward, and nobody leaves it unseen.
    for (const id of [l.id, ...(l.bookInto ? (l.bookInto.clinics ?? l.bookInto.scanners ?? []).map((x) => theatreId(l.site, x)) : [placeId(l.site, l.ward!), ...l.theatres!.map((t) => theatreId(l.site, t))])]) line(id, []);
    if (l.staySeason !== undefined || l.referrals.some((r) => r.season !== undefined)) {
      seasonalList(l);
      continue;
    }
    if (l.bookInto) {
      // Slots booked a week (a DNA's slot is lost too, and the patient booked again: a lower bound).
      const b = l.bookInto;
      const slotHours = l.referrals.reduce((h, r) => h + r.perWeek * (b.slotMinutesByClass?.[r.class] ?? b.slotMinutes), 0) / 60;
      const rooms = (b.clinics ?? b.scanners ?? []).map((x) => theatreId(l.site, x));
      rooms.forEach((x) => { add(x, 0); groups.join(rooms[0], x); });
      if (rooms.length > 0) add(rooms[0], slotHours / WEEK);
      continue;
    }
    const ward = placeId(l.site, l.ward!);
    // With a case mix, each procedure's own case time and stay, weighted by its share.
    const mixMean = (own: (p: NonNullable<typeof l.caseMix>[number]) => Duration | undefined, list: Duration) =>
      l.caseMix ? l.caseMix.reduce((a, p) => a + p.share * meanHours(own(p) ?? list), 0) : meanHours(list);
    const planned = mixMean((p) => p.plannedCase, l.plannedCase!);
    const ratio = l.actualOverPlanned ? meanHours(l.actualOverPlanned) : 1;
    const bedHours = mixMean((p) => p.stay, l.stay!) + planned * ratio + (l.delayedDischarge ? l.delayedDischarge.probability * meanHours(l.delayedDischarge.duration) : 0);
    add(ward, (perWeek / WEEK) * bedHours);
    for (const r of l.referrals) stays.push({ cls: r.class, ward, hours: bedHours });
    // Sessions are booked by planned time, so planned time is what fills them.
    const theatres = l.theatres!.map((t) => theatreId(l.site, t));
    theatres.forEach((t) => { add(t, 0); groups.join(theatres[0], t); });
    add(theatres[0], (perWeek / WEEK) * planned);
    if (l.casesPerSession !== undefined) {
      const site = s.sites.find((x) => x.id === l.site)!;
      const sessions = l.theatres!.reduce((n, t) => n + sessionWindows(theatreOf(site, t), start).length, 0);
      kinds.set(`${l.id}`, { kind: 'cases', capacity: l.casesPerSession * sessions, unit: 'cases a week' });
      add(l.id, perWeek);
    }
  }
  /** A list with seasons on its referrals or stays: the same load as below, referral by referral. */
  function seasonalList(l: ScenarioCore['waitingLists'][number]): void {
    const bySeason = (r: (typeof l.referrals)[number]) => r.season;
    if (l.bookInto) {
      const b = l.bookInto;
      const rooms = (b.clinics ?? b.scanners ?? []).map((x) => theatreId(l.site, x));
      rooms.forEach((x) => { add(x, 0); groups.join(rooms[0], x); });
      if (rooms.length > 0) for (const r of l.referrals) addSeasonal(rooms[0], (r.perWeek * (b.slotMinutesByClass?.[r.class] ?? b.slotMinutes)) / 60 / WEEK, bySeason(r));
      return;
    }
    const ward = placeId(l.site, l.ward!);
    const mixMean = (own: (p: NonNullable<typeof l.caseMix>[number]) => Duration | undefined, list: Duration) =>
      l.caseMix ? l.caseMix.reduce((a, p) => a + p.share * meanHours(own(p) ?? list), 0) : meanHours(list);
    const planned = mixMean((p) => p.plannedCase, l.plannedCase!);
    const ratio = l.actualOverPlanned ? meanHours(l.actualOverPlanned) : 1;
    const stayHours = mixMean((p) => p.stay, l.stay!) + (l.delayedDischarge ? l.delayedDischarge.probability * meanHours(l.delayedDischarge.duration) : 0);
    const theatres = l.theatres!.map((t) => theatreId(l.site, t));
    theatres.forEach((t) => { add(t, 0); groups.join(theatres[0], t); });
    for (const r of l.referrals) {
      const rate = r.perWeek / WEEK;
      addSeasonal(ward, rate * stayHours, bySeason(r), l.staySeason);
      addSeasonal(ward, rate * planned * ratio, bySeason(r));
      addSeasonal(theatres[0], rate * planned, bySeason(r));
      stays.push({ cls: r.class, ward, hours: stayHours + planned * ratio });
    }
    if (l.casesPerSession !== undefined) {
      const site = s.sites.find((x) => x.id === l.site)!;
      const sessions = l.theatres!.reduce((n, t) => n + sessionWindows(theatreOf(site, t), start).length, 0);
      kinds.set(`${l.id}`, { kind: 'cases', capacity: l.casesPerSession * sessions, unit: 'cases a week' });
      for (const r of l.referrals) addSeasonal(l.id, r.perWeek, bySeason(r));
    }
  }

  // Long waiters move between the lists of a mutual-aid policy: judge those lists together.
  for (const a of s.mutualAid) {
    const lists = a.lists.map((id) => s.waitingLists.find((l) => l.id === id)!);
    for (const l of lists.slice(1)) {
      // A policy's lists are of one kind (references.ts): clinic or scanner lists share their rooms' load.
      if (lists[0].bookInto || l.bookInto) {
        const room = (x: typeof l) => theatreId(x.site, (x.bookInto?.clinics ?? x.bookInto?.scanners ?? [])[0]);
        if (lists[0].bookInto && l.bookInto) groups.join(room(lists[0]), room(l));
        continue;
      }
      groups.join(placeId(lists[0].site, lists[0].ward!), placeId(l.site, l.ward!));
      groups.join(theatreId(lists[0].site, lists[0].theatres![0]), theatreId(l.site, l.theatres![0]));
      if (lists[0].casesPerSession !== undefined && l.casesPerSession !== undefined) groups.join(lists[0].id, l.id);
      else for (const x of [lists[0], l]) kinds.delete(x.id); // one list without a cap: the pair's cap is unknown
    }
  }

  const byGroup = new Map<string, Demand>();
  for (const [id, k] of kinds) {
    const key = `${k.kind}:${groups.find(id)}`;
    const d = byGroup.get(key) ?? { kind: k.kind, members: [], load: 0, capacity: 0, unit: k.unit, users: [] };
    d.members.push(id);
    d.load += load.get(id) ?? 0;
    d.capacity += k.capacity;
    for (const u of usersOf.get(id) ?? []) if (!d.users.includes(u)) d.users.push(u);
    byGroup.set(key, d);
  }
  for (const d of byGroup.values()) {
    const exits = new Set(d.members.flatMap((m) => [...(exitsOf.get(m) ?? [])]));
    if (exits.size > 0 && !d.members.some((m) => endless.has(m))) d.bounded = { exits: (['diverted', 'left unseen'] as const).filter((e) => exits.has(e)) };
  }
  const demands = [...byGroup.values()].filter((d) => d.load > 0);
  if (seasonal.size > 0 && days >= PEAK_DAYS)
    for (const d of demands) if (d.members.some((m) => seasonal.has(m))) d.peak = busiestWeeks(d);
  return { demands, stays };

  /** The four weeks of the window with the most load under the seasons, and the capacity over them. */
  function busiestWeeks(d: Demand): NonNullable<Demand['peak']> {
    // The group's daily load: its seasonal parts day by day, the rest constant.
    const series = new Float64Array(days);
    let flat = 0;
    for (const m of d.members) {
      const part = daily.get(m);
      const partMean = part ? part.reduce((a, x) => a + x, 0) / days : 0;
      flat += (load.get(m) ?? 0) - partMean;
      if (part) for (let k = 0; k < days; k++) series[k] += part[k];
    }
    let sum = 0;
    for (let k = 0; k < PEAK_DAYS; k++) sum += series[k];
    let best = sum, at = 0;
    for (let k = PEAK_DAYS; k < days; k++) {
      sum += series[k] - series[k - PEAK_DAYS];
      if (sum > best) { best = sum; at = k - PEAK_DAYS + 1; }
    }
    const fromDay = firstDay + at, toDay = fromDay + PEAK_DAYS;
    const capacity = d.kind === 'beds'
      ? d.members.reduce((c, m) => c + (bedsOver.get(m)?.(fromDay * DAY, toDay * DAY) ?? 0), 0)
      : d.capacity + d.members.reduce((c, m) => c + (calledIn.get(m) ?? 0), 0);
    return { fromDay, toDay, load: best / PEAK_DAYS + flat, capacity };
  }
}

function theatreOf(site: Site, id: string) {
  return site.theatres.find((t) => t.id === id)!;
}

/** Mean arrivals per hour: the rate (shapes by hour and weekday average to 1), or booked appointments a week that attend. */
function arrivalsPerHour(a: NonNullable<ScenarioCore['classes'][number]['arrivals']>, start: ScenarioCore['time']['startWeekday']): number {
  if (a.appointments) return (arrivalProfile(a, start).times!.length * (1 - a.appointments.noShow)) / WEEK;
  return (a.perDay ?? a.perWeek! / 7) / DAY;
}
