// The cost model: from a parsed scenario (one variant's), what compiling and running one
// replication of it would build and do — members of staff, booked appointment times,
// patients arriving and present, events, daily samples, memory — computed from the
// numbers without building anything proportional to them (headcounts are summed, not
// listed; arrivals are rates × the horizon). check.ts holds these figures against limits.
import type { ScenarioCore } from '../schema/scenario.ts';
import { initialPatients } from '../schema/waiting-list.ts';
import { headcount } from '../../engine/hospital/roster.ts';
import { DAY, WEEK } from '../../engine/hospital/week.ts';
import { clockWindows, sessionWindows } from '../compile/week.ts';
import { seasonPeak, seasonPieces } from '../compile/season.ts';
import { grouped } from '../../engine/core/errors.ts';
import { appointmentsPerWeek, arrivalRate, offeredLoads, slotsPerWeek, type Loads } from './load.ts';
import { modelMemory } from './model-size.ts';

/** One figure with the field it comes from, for messages. */
export interface Part {
  path: PropertyKey[];
  amount: number;
  /** What it is, e.g. "30 a day for 365 days". */
  text: string;
}

export interface Estimate {
  /** Members of each role (count, or shifts' counts together), with its skills. */
  roles: (Part & { skills: number; site: string; role: string })[];
  staff: number;
  /** Booked appointment times a week, per appointment class. */
  appointments: Part[];
  /** Patients arriving in one replication, by source (arrivals, referrals, starting lists). */
  arrivals: Part[];
  arrivalsTotal: number;
  /** Patients present at time 0 (starting waiting lists). */
  startingLists: Part[];
  /** Events of one replication, by cause. */
  events: Part[];
  eventsTotal: number;
  /** Daily series sampled (beds and queue per ward, size per list) and days sampled. */
  series: number;
  days: number;
  /** Patients present on average if every resource keeps up (Little's law); Infinity if not. */
  inSystem: number;
  /** Bytes of one replication, by what takes them. */
  memory: Part[];
  memoryTotal: number;
  loads: Loads;
}

// Bytes per item, measured on Node 20 (heap and external memory after compiling a model
// and starting its replication, bench/RESULTS.md "Cost model"), with a margin for the peak
// while compiling: a member of staff (about 450 B measured) and each of its skills and its
// site's (a Set entry and a table cell, about 12 B); a booked time (the weekly list and a
// replication's buffer); a patient present (entity arrays, line and calendar: about 150 B
// measured); a daily sample (the series and its copy sent back); a tally with its quantile
// sketch (5,632 32-bit buckets, engine/core/stats.ts): one a measure and one a class it measures;
// a season's piece in a source or step (a breakpoint and a factor, with the compiler's copies: not measured).
// A cell of a table by pool (a patient's units held there, a class's slot in its statistics): a
// 32-bit integer. A KPI in a replication's record (its name and value: about 150 B, not measured alone).
export const BYTES = { member: 600, memberSkill: 16, appointment: 24, patient: 300, sample: 24, base: 4e6, tally: 22_600, seasonPiece: 32, cell: 4, kpi: 150 } as const;

/** Events per patient beyond the arrival, for a waiting-list patient (booking, call-in, surgery, stay, discharge). */
const ELECTIVE_EVENTS = 6;

const sum = (parts: readonly Part[]) => parts.reduce((a, p) => a + (Number.isFinite(p.amount) || p.amount === Infinity ? p.amount : 0), 0);
/** 0 × ∞ is no work here (a rate of zero over an endless run). */
const times = (a: number, b: number) => (a === 0 || b === 0 ? 0 : a * b);

export function estimate(s: ScenarioCore): Estimate {
  const H = s.time.horizonDays;
  const hours = H * DAY;
  const weeks = hours / WEEK;
  const loads = offeredLoads(s);

  const roles: Estimate['roles'] = [];
  const events: Part[] = [];
  const memory: Part[] = [];
  s.sites.forEach((site, si) => {
    site.staff.forEach((r, ri) => {
      const at: PropertyKey[] = ['sites', si, 'staff', ri];
      const n = headcount(r);
      const biggest = r.shifts ? r.shifts.reduce((b, x, k) => (x.count > r.shifts![b].count ? k : b), 0) : -1;
      const path = r.shifts ? (r.shifts[biggest].count * 2 > n ? [...at, 'shifts', biggest, 'count'] : [...at, 'shifts']) : [...at, 'count'];
      roles.push({ path, amount: n, skills: r.skills.length, site: site.id, role: r.role, text: `role "${r.role}" at site "${site.id}"` });
      if (r.shifts) {
        // A member going on and off duty: two events per window of the week.
        const windows = r.shifts.reduce((a, x) => a + times(x.count, clockWindows([x], s.time.startWeekday).length), 0);
        events.push({ path, amount: times(2 * windows, weeks), text: `shift changes of role "${r.role}"` });
      }
      const skillsAtSite = new Set(site.staff.flatMap((x) => x.skills)).size;
      memory.push({ path, amount: times(n, BYTES.member + BYTES.memberSkill * (r.skills.length + skillsAtSite)), text: `${n} staff in role "${r.role}"` });
    });
    // Staff that wards' escalations call in are members too (bounded per ward by the schema).
    site.wards.forEach((w, wi) => w.escalation?.staff?.forEach((x, k) => {
      const skills = site.staff.find((r) => r.role === x.role)?.skills.length ?? 1;
      const skillsAtSite = new Set(site.staff.flatMap((r) => r.skills)).size;
      memory.push({ path: ['sites', si, 'wards', wi, 'escalation', 'staff', k, 'count'], amount: times(x.count, BYTES.member + BYTES.memberSkill * (skills + skillsAtSite)), text: `${x.count} staff called in by the escalation of ward "${w.id}"` });
    }));
    site.theatres.forEach((t, ti) => {
      events.push({ path: ['sites', si, 'theatres', ti, 'sessions'], amount: times(2 * sessionWindows(t, s.time.startWeekday).length, weeks), text: `sessions of theatre "${t.id}"` });
    });
  });

  const appointments: Part[] = [];
  const arrivals: Part[] = [];
  s.classes.forEach((c, ci) => {
    if (!c.arrivals) return;
    const a = c.arrivals;
    if (a.appointments) {
      const perWeek = appointmentsPerWeek(a.appointments);
      const biggest = a.appointments.slots.reduce((b, x, k, all) => (slotsPerWeek(x) > slotsPerWeek(all[b]) ? k : b), 0);
      const path = ['classes', ci, 'arrivals', 'appointments', 'slots', biggest];
      appointments.push({ path, amount: perWeek, text: `class "${c.id}"` });
      memory.push({ path, amount: times(perWeek, BYTES.appointment), text: `${perWeek} appointments a week of class "${c.id}"` });
    }
    // A season: at most its peak factor all the time (months, ranges and growth at the horizon).
    const season = a.season !== undefined ? s.seasons?.[a.season] : undefined;
    const peak = season ? seasonPeak(season, s.time, 'arrivals') : 1;
    const rate = times(arrivalRate(a), peak);
    const field = a.appointments ? ['appointments'] : a.perDay !== undefined ? ['perDay'] : ['perWeek'];
    const given = a.appointments ? '' : a.perDay !== undefined ? `${a.perDay} a day` : `${a.perWeek} a week`;
    const scaled = peak !== 1 ? ` × up to ${peak < 1000 ? Number(peak.toPrecision(3)) : grouped(Math.round(peak))} (season "${a.season}")` : '';
    arrivals.push({ path: ['classes', ci, 'arrivals', ...field], amount: times(rate, hours), text: `class "${c.id}"${given ? `: ${given}` : ''}${scaled} for ${H} days` });
    const f = c.pathway !== undefined ? loads.flows.get(c.pathway) : undefined;
    if (f) {
      // An arrival, then one event per delay (task, stay, operation, delayed discharge, time away).
      let perPatient = 1;
      s.pathways[c.pathway!].forEach((st, i) => {
        const delays = st.do === 'task' || st.do === 'stay' || st.do === 'operate' ? 1 + (st.do === 'task' && st.patience ? 1 : 0)
          : st.do === 'delay-discharge' || st.do === 'readmit' ? st.probability : 0;
        perPatient += f.visits[i] * delays;
        // A ward with escalation beds reads its occupancy after each instant it changes: at most the admission and the discharge.
        if (st.do === 'admit' && s.sites.find((x) => x.id === c.site)?.wards.find((w) => w.id === st.ward)?.escalation) perPatient += 2 * f.visits[i];
      });
      // A pathway that loops for ever is counted for ENDLESS_PASSES times round (flow.ts):
      // the replication's event budget stops what the estimate cannot foresee.
      events.push({ path: ['classes', ci, 'arrivals', ...field], amount: times(times(rate, hours), perPatient), text: `patients of class "${c.id}"` });
    }
  });
  // A season's breakpoints over the run, in each source and step that uses it (two numbers each).
  for (const [id, season] of Object.entries(s.seasons ?? {})) {
    const users = s.classes.filter((c) => c.arrivals?.season === id).length
      + s.waitingLists.reduce((n, l) => n + l.referrals.filter((r) => r.season === id).length + (l.staySeason === id ? 1 : 0), 0)
      + Object.values(s.pathways).reduce((n, steps) => n + steps.filter((st) => 'season' in st && st.season === id).length, 0);
    const pieces = seasonPieces(season, s.time);
    if (users > 0) memory.push({ path: ['seasons', id], amount: times(users * pieces, BYTES.seasonPiece), text: `season "${id}" over ${H} days` });
  }
  const startingLists: Part[] = [];
  s.waitingLists.forEach((l, li) => {
    l.referrals.forEach((r, ri) => {
      // A season: at most its peak factor all the time, as for a class's arrivals.
      const season = r.season !== undefined ? s.seasons?.[r.season] : undefined;
      const peak = season ? seasonPeak(season, s.time, 'arrivals') : 1;
      const n = times(times(r.perWeek, weeks), peak);
      const scaled = peak !== 1 ? ` × up to ${peak < 1000 ? Number(peak.toPrecision(3)) : grouped(Math.round(peak))} (season "${r.season}")` : '';
      arrivals.push({ path: ['waitingLists', li, 'referrals', ri, 'perWeek'], amount: n, text: `referrals of class "${r.class}": ${r.perWeek} a week${scaled} for ${H} days` });
      events.push({ path: ['waitingLists', li, 'referrals', ri, 'perWeek'], amount: times(n, 1 + ELECTIVE_EVENTS), text: `referrals of class "${r.class}"` });
    });
    const starting = initialPatients(l.initialList);
    if (starting > 0) {
      const path = ['waitingLists', li, 'initialList', l.initialList!.byWeeksWaited ? 'byWeeksWaited' : 'patients'];
      startingLists.push({ path, amount: starting, text: `waiting list "${l.id}" at the start` });
      arrivals.push({ path, amount: starting, text: `waiting list "${l.id}" at the start` });
      events.push({ path, amount: times(starting, ELECTIVE_EVENTS), text: `the starting list of "${l.id}"` });
    }
    // Censuses (daily), bookings and call-ins (per session).
    const site = s.sites.find((x) => x.id === l.site);
    const rooms = l.bookInto ? [...(site?.clinics ?? []), ...(site?.scanners ?? [])] : site?.theatres;
    const sessions = (l.theatres ?? l.bookInto?.clinics ?? l.bookInto?.scanners ?? []).reduce((a, id) => {
      const t = rooms?.find((x) => x.id === id);
      return a + (t ? sessionWindows(t, s.time.startWeekday).length : 0);
    }, 0);
    events.push({ path: ['waitingLists', li], amount: times(H, 1) + times(2 * sessions, weeks), text: `booking and censuses of "${l.id}"` });
    // Extra sessions: a daily check, and per session a booking, a call-in, its start and end.
    if (l.extraSessions) {
      const extra = l.extraSessions.sessions.reduce((a, e) => a + new Set(e.days).size, 0);
      events.push({ path: ['waitingLists', li, 'extraSessions'], amount: times(H, 1) + times(4 * extra, weeks), text: `extra sessions of "${l.id}"` });
    }
  });
  events.push({ path: ['time', 'horizonDays'], amount: H, text: `a daily sample for ${H} days` });
  s.mutualAid.forEach((m, mi) => events.push({ path: ['mutualAid', mi], amount: weeks, text: `weekly offers of "${m.id}"` }));

  const wards = s.sites.reduce((a, x) => a + x.wards.length, 0);
  const series = 2 * wards + s.waitingLists.length;
  const days = Math.ceil(H);
  memory.push({ path: ['time', 'horizonDays'], amount: times(times(series, days), BYTES.sample), text: `${series} daily series over ${days} days` });

  // A measure keeps a tally overall and one a class it measures; a list's ages one a threshold and class.
  const tallies = s.measures.length * (1 + s.classes.length);
  if (tallies > 0) memory.push({ path: ['measures'], amount: times(tallies, BYTES.tally), text: `${s.measures.length} measures over ${s.classes.length} classes` });
  s.waitingLists.forEach((l, li) => {
    const n = (l.overWeeks?.length ?? 0) * (1 + s.classes.length);
    if (n > 0) memory.push({ path: ['waitingLists', li, 'overWeeks'], amount: times(n, BYTES.tally), text: `${l.overWeeks!.length} list ages of "${l.id}" over ${s.classes.length} classes` });
  });

  // Patients present: those the starting lists bring, and those passing through (Little's
  // law, waits ignored) — without end when some resource cannot keep up.
  const starting = sum(startingLists);
  const unstable = loads.loads.some((l) => l.ratio >= 1) || loads.endless.length > 0;
  let passing = 0;
  for (const c of s.classes) {
    const f = c.arrivals && c.pathway !== undefined ? loads.flows.get(c.pathway) : undefined;
    if (f) passing += arrivalRate(c.arrivals!) * f.visits.reduce((a, v, i) => a + v * f.hours[i], 0);
  }
  const inSystem = unstable ? Infinity : starting + passing;
  // Each patient has a row of units held per pool (engine/core/entities.ts: heldAt), and each
  // pool a class's slot in its statistics (pool-state.ts): 4 B a cell. Small for a hospital,
  // but a model of 3,000 sites and classes has tables of 9 million cells.
  const pools = s.sites.reduce((a, x) => a + x.wards.length + x.theatres.length + (x.clinics?.length ?? 0) + (x.scanners?.length ?? 0), 0);
  const perPatient = BYTES.patient + BYTES.cell * pools;
  if (starting > 0) memory.push({ path: startingLists.reduce((b, p) => (p.amount > b.amount ? p : b)).path, amount: times(starting, perPatient), text: `${starting} patients on the starting lists` });
  if (passing > 0) memory.push({ path: ['classes'], amount: times(Math.ceil(passing), perPatient), text: `about ${Math.ceil(passing)} patients present at once (beyond the starting lists)` });
  // KPIs by ward and class, when asked for: one of each a ward and class, in every replication's record.
  const byClassKpis = [...new Set(s.kpis ?? [])].filter((k) => k === 'beds.byClass' || k === 'beds.shareByClass');
  const n = byClassKpis.length * wards * s.classes.length;
  if (n > 0) memory.push({ path: ['kpis'], amount: n * BYTES.kpi, text: `${n} KPIs by ward and class (${byClassKpis.join(', ')})` });
  if (s.classes.length > 1 && pools > 0) memory.push({ path: ['classes'], amount: times(pools, s.classes.length) * BYTES.cell, text: `${s.classes.length} classes' statistics in ${pools} wards, theatres, clinics and scanners` });
  // The compiled model by the length of its lists: steps a class, classes, outputs by class, empirical values.
  memory.push(...modelMemory(s));
  memory.push({ path: [], amount: BYTES.base, text: 'the engine' });

  return {
    roles, staff: sum(roles), appointments, arrivals, arrivalsTotal: sum(arrivals), startingLists,
    events, eventsTotal: sum(events), series, days, inSystem, memory, memoryTotal: sum(memory), loads,
  };
}
