// A scenario (base or one variant, already parsed and checked) compiled into an engine
// model: wards → bed pools, theatres → session-scheduled pools, staff → one skilled pool
// per site, classes → arrival sources, pathways → engine steps (pathway.ts). Alongside the
// model it returns the layout KPIs need (which pool is which ward, session windows,
// costs), since the engine itself knows none of these words.
import { Model, type CompiledModel } from '../../engine/core/model.ts';
import type { SourceDef } from '../../engine/core/arrivals.ts';
import { ModelError } from '../../engine/core/errors.ts';
import { set, record, type StepDef } from '../../engine/core/pathway.ts';
import { normal, uniform } from '../../engine/core/distributions.ts';
import type { Issue } from '../errors.ts';
import type { ScenarioCore } from '../schema/scenario.ts';
import type { Appointments, Arrivals } from '../schema/patient-class.ts';
import { weekdayIndex, type Weekday } from '../schema/time.ts';
import { placeId, theatreId, staffId, delayedId, edClockId, outlierId, toDistribution, siteRoles } from './site.ts';
import { DAY, WEEK, type Window } from '../../engine/hospital/week.ts';
import { sessionWindows } from './week.ts';
import { clockHours } from '../schema/time.ts';
import { wardPool, delayedPool } from '../../engine/hospital/ward.ts';
import { OCCUPANCY_ABOVE } from '../kpis/catalogue.ts';
import { theatrePool } from '../../engine/hospital/theatre.ts';
import { staffPool } from '../../engine/hospital/skills.ts';
import { addElectiveService, type ElectiveService } from '../../engine/hospital/elective.ts';
import { addClinicList, clinicAidList, type ClinicList } from '../../engine/hospital/clinic-list.ts';
import { clinicPool } from '../../engine/hospital/clinic.ts';
import { addMutualAid, theatreAidList, type AidList } from '../../engine/hospital/mutual-aid.ts';
import type { AgeBand, BookInto, WaitingList } from '../schema/waiting-list.ts';
import { heldAtSteps, pathwaySteps, delayedWards, outlierPools, DIVERTED, type ClassPathway, type Holdings } from './pathway.ts';
import { seasonFactor, seasonFactors } from './season.ts';
import { attributeDraws, decisionMarks, bothMarks } from './decisions.ts';
import { extraSessions } from './extra-sessions.ts';
import { intervalMarks, withWaitMeasures, measureLayouts, listMeasures, type MeasureLayout } from './measures.ts';

export interface Layout {
  wards: { pool: string; site: string; id: string; beds: number; kind: string; delayed: string | null; escalation?: { hourlyCostPerBed: number }; outliers?: string }[];
  theatres: { pool: string; site: string; id: string; windows: Window[] }[];
  teams: { pool: string; site: string }[];
  classes: { id: string; ed: boolean; tariff: number }[];
  edClocks: Record<string, string>; // pool → class
  /** Waiting list ids and mutual-aid policy ids (their KPIs: kpis.ts). */
  lists: string[];
  /** Clinics and scanners (one appointment at a time, in their sessions), when the scenario has any. */
  rooms?: { pool: string; site: string; id: string; kind: 'clinic' | 'scanner'; windows: Window[] }[];
  /** Lists booked into clinic or scanner slots (bookInto), by id: what their activity is called. */
  slotLists?: Record<string, 'clinic' | 'scanner'>;
  mutualAid: string[];
  /** Each mutual-aid policy's lists, by policy id (the flows between them: KPI mutualAid.flow). */
  aidLists?: Record<string, string[]>;
  /** The site of each operated waiting list (not clinic or scanner lists), by list id: the regional KPIs (equity.*, aid.*) when two sites or more have one. */
  listSites?: Record<string, string>;
  /** Waiting lists' census thresholds in weeks and classes (KPI list.over), by list id. */
  listAges: Record<string, { weeks: number[]; classes: string[]; days?: number[] }>;
  /** Lists with extra sessions, by list id: their premium £ per hour of extra session run (KPIs extraSessions.*, cost.extraSessions). */
  extraSessions?: Record<string, { hourlyCost: number }>;
  /** The scenario's measures (KPIs measure.*). */
  measures: MeasureLayout[];
  costs: { bedDay: number; theatreHour: number; clinicHour: number; scannerHour: number };
  kpis: string[] | undefined;
}

export interface HospitalModel {
  model: CompiledModel;
  warmup: number;
  horizon: number;
  layout: Layout;
}

export type Compiled = { ok: true; value: HospitalModel } | { ok: false; issues: Issue[] };

/** The smallest normal double: a mean of weights below it has lost its precision (or is 0). */
const MIN_NORMAL = 2 ** -1022;

/** Arrivals per hour over the engine's week (168 rates), or a constant rate. */
export function arrivalProfile(a: Arrivals, startWeekday: Weekday): Pick<SourceDef, 'rate' | 'profile' | 'times' | 'repeatEvery' | 'appointments'> {
  if (a.appointments) return appointmentTimes(a.appointments, startWeekday);
  const perHour = (a.perDay ?? a.perWeek! / 7) / DAY;
  if (!a.byHour && !a.byWeekday) return { rate: perHour };
  const norm = (w: readonly number[]) => {
    const m = w.reduce((x, y) => x + y, 0) / w.length;
    if (Number.isFinite(m) && m >= MIN_NORMAL) return w.map((x) => x / m);
    // Weights at the ends of floating point: 1e308 each overflows the sum (every rate 0,
    // no arrivals, no warning), 5e-324 each underflows the mean (rates NaN). Scaled by the
    // largest first they give the shape they mean; other weights are divided as before.
    const top = Math.max(...w);
    const scaled = w.map((x) => x / top);
    const n = scaled.reduce((x, y) => x + y, 0) / w.length;
    return scaled.map((x) => x / n);
  };
  const hour = norm(a.byHour ?? Array(24).fill(1));
  const day = norm(a.byWeekday ?? Array(7).fill(1));
  const first = weekdayIndex(startWeekday);
  // Weekday weights are Monday first; day 0 of the engine is startWeekday.
  const rates = Array.from({ length: 7 * 24 }, (_, h) => perHour * hour[h % 24] * day[(first + Math.floor(h / 24)) % 7]);
  return { profile: { kind: 'piecewise', rates, step: 1 } };
}

/**
 * Booked appointments as a weekly schedule of arrival times (hours from the start of the
 * run's week), with punctuality and no-shows. Punctuality is a normal in minutes that may
 * be negative; the engine's normal is truncated at 0, so it is drawn 5 sd above and
 * shifted back (what is lost below is 3 in 10 million).
 */
function appointmentTimes(a: Appointments, startWeekday: Weekday): Pick<SourceDef, 'times' | 'repeatEvery' | 'appointments'> {
  const first = weekdayIndex(startWeekday);
  const times: number[] = [];
  for (const b of a.slots) {
    const from = clockHours(b.start)!, to = clockHours(b.end)!;
    for (const day of new Set(b.days.map(weekdayIndex))) {
      const offset = ((day - first + 7) % 7) * DAY;
      for (let t = from; t < to - 1e-9; t += b.everyMinutes / 60)
        for (let k = 0; k < b.perSlot; k++) times.push(offset + t);
    }
  }
  times.sort((x, y) => x - y);
  const p = a.punctuality;
  // Drawn at least 5 sd above 0, then shifted back: N(mean, sd) in hours.
  const shift = p ? (Math.max(0, -p.meanMinutes) + 5 * p.sdMinutes) / 60 : 0;
  return {
    times, repeatEvery: WEEK,
    appointments: {
      noShow: a.noShow,
      punctuality: p ? { dist: normal(p.meanMinutes / 60 + shift, p.sdMinutes / 60), shift } : undefined,
    },
  };
}

export function compileScenario(s: ScenarioCore): Compiled {
  const m = new Model();
  const issues: Issue[] = [];
  const start = s.time.startWeekday;
  const layout: Layout = {
    wards: [], theatres: [], teams: [], classes: [], edClocks: {}, lists: [], mutualAid: [], listAges: {}, measures: [],
    costs: { bedDay: s.costs.bedDay, theatreHour: s.costs.theatreHour, clinicHour: s.costs.clinicHour, scannerHour: s.costs.scannerHour }, kpis: s.kpis,
  };
  const pathways: { p: ClassPathway; held: Holdings }[] = [];
  const said = new Set<string>();
  const factor = seasonFactors(s);
  for (const c of s.classes) {
    if (c.pathway === undefined) continue; // an elective class: its pathway is its waiting list's
    const site = s.sites.find((x) => x.id === c.site)!;
    const p: ClassPathway = { cls: c.id, pathwayId: c.pathway, steps: s.pathways[c.pathway], site, ed: c.ed, seasons: (id) => factor(id, 'durations'), attributes: c.attributes };
    const { issues: found, ...held } = heldAtSteps(p);
    // Said once (a pathway used by many classes): a set of what earlier classes said, not a scan of the issues per class.
    const fresh = found.filter((f) => !said.has(f.message));
    for (const f of fresh) { said.add(f.message); issues.push(f); }
    pathways.push({ p, held });
  }
  if (issues.length) return { ok: false, issues };
  const delayed = new Set(pathways.flatMap(({ p, held }) => delayedWards(p, held).map((w) => delayedId(p.site.id, w))));
  const outliers = new Set(pathways.flatMap(({ p }) => outlierPools(p)));
  // 24 numbers a ward: reported only when the scenario's kpis name it.
  const byHour = s.kpis?.includes('census.byHour') ?? false;
  // The time above 85% / 95% of the beds open needs the census split by beds open (where they change).
  const byBedsOpen = s.kpis?.some((k) => Object.hasOwn(OCCUPANCY_ABOVE, k)) ?? true;

  for (const site of s.sites) {
    for (const w of site.wards) {
      const pool = placeId(site.id, w.id);
      m.pool(pool, wardPool(w, byHour, byBedsOpen));
      const dd = delayedId(site.id, w.id);
      if (delayed.has(dd)) m.pool(dd, delayedPool);
      const out = outlierId(site.id, w.id);
      if (outliers.has(out)) m.pool(out, delayedPool); // unlimited, like the delayed count
      layout.wards.push({ pool, site: site.id, id: w.id, beds: w.beds, kind: w.kind, delayed: delayed.has(dd) ? dd : null, ...(w.escalation ? { escalation: { hourlyCostPerBed: w.escalation.hourlyCostPerBed } } : {}), ...(outliers.has(out) ? { outliers: out } : {}) });
    }
    for (const t of site.theatres) {
      const windows = sessionWindows(t, start);
      m.pool(theatreId(site.id, t.id), theatrePool(windows));
      layout.theatres.push({ pool: theatreId(site.id, t.id), site: site.id, id: t.id, windows });
    }
    for (const kind of ['clinic', 'scanner'] as const)
      for (const room of (kind === 'clinic' ? site.clinics : site.scanners) ?? []) {
        // One room, open in its sessions: the same capacity schedule as a theatre.
        const windows = sessionWindows(room, start);
        m.pool(theatreId(site.id, room.id), clinicPool(windows));
        (layout.rooms ??= []).push({ pool: theatreId(site.id, room.id), site: site.id, id: room.id, kind, windows });
      }
    const team = staffPool(siteRoles(site), site.allocation, weekdayIndex(start));
    if (team) {
      // Busy hours by class: a little work on every task, so only when kpis names them.
      const byClass = s.kpis?.some((k) => k === 'staff.hoursByClass' || k === 'staff.utilisationByClass') ?? false;
      m.skilledPool(staffId(site.id), byClass ? { ...team, busyByClass: true } : team);
      layout.teams.push({ pool: staffId(site.id), site: site.id });
    }
  }
  m.classes(...s.classes.map((c) => c.id));
  const waitClasses = new Map<string, string[]>();
  for (const { p, held } of pathways) {
    const c = s.classes.find((x) => x.id === p.cls)!;
    if (c.ed) {
      m.pool(edClockId(c.id), { capacity: Infinity });
      layout.edClocks[edClockId(c.id)] = c.id;
    }
    const steps = pathwaySteps(p, held, bothMarks(intervalMarks(s, p), decisionMarks(p)));
    if (c.ed) steps.unshift(seizeClock(c.id));
    steps.unshift(...attributeDraws(c, p.steps));
    const waits = withWaitMeasures(s, c.id, c.ed ? timeEdClock(steps, c.id) : steps);
    for (const id of waits.measured) waitClasses.set(id, [...(waitClasses.get(id) ?? []), c.id]);
    m.pathway(c.id, waits.steps);
    const season = c.arrivals!.season;
    m.source(c.id, { pathway: c.id, class: c.id, priority: c.priority, ...arrivalProfile(c.arrivals!, start), ...(season ? { rateFactor: factor(season, 'arrivals') } : {}) });
    layout.classes.push({ id: c.id, ed: c.ed, tariff: s.costs.tariff[c.id] ?? 0 });
  }
  layout.measures = measureLayouts(s, waitClasses, (id) => classesOnList(s, s.waitingLists.find((l) => l.id === id)!));
  const services = new Map<string, AidList>();
  for (const l of s.waitingLists) {
    // Extra sessions (a waiting-list initiative): their premium per hour run (KPIs extraSessions.*).
    if (l.extraSessions) (layout.extraSessions ??= {})[l.id] = { hourlyCost: l.extraSessions.hourlyCost };
    if (l.bookInto) {
      const list = clinicList(s, l, l.bookInto, layout);
      addClinicList(m, list);
      services.set(l.id, clinicAidList(list));
      if (list.ages) layout.listAges[l.id] = { weeks: [...list.ages.weeks], classes: [...list.ages.classes] };
      (layout.slotLists ??= {})[l.id] = l.bookInto.clinics ? 'clinic' : 'scanner';
      layout.lists.push(l.id);
      for (const r of l.referrals) layout.classes.push({ id: r.class, ed: false, tariff: s.costs.tariff[r.class] ?? 0 });
      continue;
    }
    const svc = electiveService(s, l, layout);
    // A list in mutual aid knows its code, to count the patients it receives (elective.ts).
    const k = s.waitingLists.indexOf(l);
    if (s.mutualAid.some((a) => a.lists.includes(l.id))) svc.aidCode = k + 1;
    addElectiveService(m, svc);
    services.set(l.id, theatreAidList(svc));
    layout.lists.push(l.id);
    (layout.listSites ??= {})[l.id] = l.site;
    if (svc.ages) layout.listAges[l.id] = { weeks: [...svc.ages.weeks], classes: [...svc.ages.classes], ...(svc.ages.days ? { days: [...svc.ages.days] } : {}) };
    for (const r of l.referrals) layout.classes.push({ id: r.class, ed: false, tariff: s.costs.tariff[r.class] ?? 0 });
  }
  for (const a of s.mutualAid) {
    addMutualAid(m, {
      id: a.id,
      services: a.lists.map((id) => services.get(id)!),
      thresholdWeeks: a.thresholdWeeks,
      acceptance: a.acceptance,
      transferDelay: toDistribution(a.transferDelay),
      weeklyCap: a.weeklyCap,
      marginWeeks: a.marginWeeks,
      atHourOfWeek: hourOfWeek(a.day, a.at, start),
    });
    layout.mutualAid.push(a.id);
    (layout.aidLists ??= {})[a.id] = [...a.lists];
  }
  try {
    return { ok: true, value: { model: m.compile(), warmup: s.time.warmupDays * DAY, horizon: s.time.horizonDays * DAY, layout } };
  } catch (e) {
    // The scenario checks should leave nothing for the engine to reject; if they did, say where.
    if (e instanceof ModelError) return { ok: false, issues: [{ path: [], message: `the compiled model is invalid: ${e.message}` }] };
    throw e;
  }
}

// The ED clock: an unlimited pool held from arrival until admission or discharge. Each
// hold is timed: stamped when taken, recorded with the four-hour target when given up, so
// the engine counts the patients within four hours itself (kpis.ts reads `ed:<class>`).
// A patient who leaves unseen is an attendance (timed until they left); one diverted at a
// full line is not: turned away, often at the door, they would count as "within 4 hours".
// A patient still in the department at the end of the window who has been there over four
// hours already is a breach whatever happens next (openWhileHolding: the engine counts them),
// so a department whose line grows without end does not show a better share for it.
function seizeClock(cls: string) {
  return { kind: 'seize' as const, pool: edClockId(cls) };
}

export const ED_TARGET_HOURS = 4;
export const edOutput = (cls: string) => `ed:${cls}`;

function timeEdClock(steps: StepDef[], cls: string): StepDef[] {
  const clock = edClockId(cls);
  /** The releases from k on lead straight to the exit of a diverted patient. */
  const diverting = (k: number) => {
    while (steps[k]?.kind === 'release') k++;
    const st = steps[k];
    return st?.kind === 'exit' && st.outcome === DIVERTED;
  };
  return steps.flatMap((st, k): StepDef[] => {
    if (st.kind === 'seize' && st.pool === clock) return [st, set('@ed', 'now')];
    if (st.kind === 'release' && st.pool === clock && !diverting(k)) return [st, record(edOutput(cls), '@ed', { within: ED_TARGET_HOURS, openWhileHolding: clock })];
    return [st];
  });
}

/** Hours into the engine's week (day 0 = startWeekday) of a weekday and clock time. */
function hourOfWeek(day: Weekday, at: string, startWeekday: Weekday): number {
  return ((((weekdayIndex(day) - weekdayIndex(startWeekday)) % 7) + 7) % 7) * DAY + clockHours(at)!;
}

/** A waiting list as the engine's elective service: its ward, its theatres' sessions, its referrals. */
function electiveService(s: ScenarioCore, l: WaitingList, layout: Layout): ElectiveService {
  const theatres = l.theatres!.map((t) => theatreId(l.site, t));
  const templates = l.caseMix && l.sessionTemplates?.map((t) => ({
    probability: t.probability, total: t.total, cases: l.caseMix!.map((p) => t.cases[p.procedure] ?? 0),
  }));
  // Templates by weekday: a session draws from those naming its weekday, else those naming none.
  const first = weekdayIndex(s.time.startWeekday);
  const forDay = (start: number) => {
    if (!l.sessionTemplates?.some((t) => t.days)) return undefined;
    const day = (first + Math.floor(start / DAY)) % 7;
    const named = l.sessionTemplates.flatMap((t, k) => (t.days?.some((x) => weekdayIndex(x) === day) ? [templates![k]] : []));
    return named.length > 0 ? named : l.sessionTemplates.flatMap((t, k) => (t.days ? [] : [templates![k]]));
  };
  const sessions = theatres.flatMap((pool, k) =>
    layout.theatres.find((t) => t.pool === pool)!.windows.map(([start, end]) => ({
      theatre: k, start, end, maxCases: l.casesPerSession, ...(forDay(start) ? { templates: forDay(start) } : {}),
    })));
  const extra = extraSessions(l, l.theatres!, s.time.startWeekday, (start, maxCases) => ({
    maxCases: maxCases ?? l.casesPerSession, ...(forDay(start) ? { templates: forDay(start) } : {}),
  }));
  const priority = (cls: string) => s.classes.find((c) => c.id === cls)!.priority;
  return {
    id: l.id,
    referrals: l.referrals.map((r) => ({ class: r.class, priority: priority(r.class), perWeek: r.perWeek, ...(r.season ? { rateFactor: seasonFactor(s.seasons![r.season], s.time, 'arrivals') } : {}) })),
    planned: toDistribution(l.plannedCase!),
    actualRatio: l.actualOverPlanned ? toDistribution(l.actualOverPlanned) : toDistribution({ dist: 'deterministic', value: 1, unit: 'hours' }),
    ward: placeId(l.site, l.ward!),
    theatres,
    sessions,
    leadHours: l.bookingLeadHours,
    noticeHours: l.bookingNoticeDays * DAY,
    bedCutoffHours: l.bedCutoffHours,
    los: toDistribution(l.stay!),
    ...(l.staySeason !== undefined ? { losFactor: seasonFactor(s.seasons![l.staySeason], s.time, 'durations') } : {}),
    initialList: l.initialList?.patients !== undefined && l.initialList.patients > 0
      ? { patients: l.initialList.patients, age: uniform(0, l.initialList.oldestWeeks! * WEEK) }
      : undefined,
    measures: listMeasures(s, l.id),
    ages: listAges(s, l),
    initialBands: l.initialList?.byWeeksWaited ? ageBands(l, l.initialList.byWeeksWaited) : undefined,
    dna: l.dna && (l.dna.probability > 0 || Object.values(l.dna.byClass ?? {}).some((x) => x > 0)) ? l.dna : undefined,
    caseMix: l.caseMix?.map((p) => ({
      procedure: p.procedure, share: p.share,
      planned: p.plannedCase ? toDistribution(p.plannedCase) : undefined, los: p.stay ? toDistribution(p.stay) : undefined,
    })),
    templates: templates || undefined,
    delayedDischarge: l.delayedDischarge ? { probability: l.delayedDischarge.probability, duration: toDistribution(l.delayedDischarge.duration) } : undefined,
    ...(extra ? { extraSessions: extra } : {}),
  };
}

/** Every class that can be on a list: its referrals', then those of lists that share long waiters with it (mutual aid). */
function classesOnList(s: ScenarioCore, l: WaitingList): string[] {
  const lists = new Set([l.id, ...s.mutualAid.filter((a) => a.lists.includes(l.id)).flatMap((a) => a.lists)]);
  const own = l.referrals.map((r) => r.class);
  return [...new Set([...own, ...s.waitingLists.filter((x) => lists.has(x.id)).flatMap((x) => x.referrals.map((r) => r.class))])];
}

/**
 * The starting list's age profile as the engine's bands: a count per class as given, or a
 * number shared among the referral classes by their rates (largest remainders, so the
 * band's count is exact).
 */
function ageBands(l: WaitingList, bands: readonly AgeBand[]): NonNullable<ElectiveService['initialBands']> {
  return bands.flatMap((b) => {
    const span = { fromHours: b.fromWeeks * WEEK, toHours: b.toWeeks * WEEK };
    if (b.byClass) return Object.entries(b.byClass).map(([cls, patients]) => ({ class: cls, patients, ...span }));
    const total = l.referrals.reduce((a, r) => a + r.perWeek, 0);
    const exact = l.referrals.map((r) => b.patients! * r.perWeek / total);
    const counts = exact.map(Math.floor);
    let left = b.patients! - counts.reduce((a, x) => a + x, 0);
    for (const k of exact.map((x, k) => k).sort((i, j) => (exact[j] - counts[j]) - (exact[i] - counts[i]) || i - j)) if (left-- > 0) counts[k]++;
    return l.referrals.map((r, k) => ({ class: r.class, patients: counts[k], ...span }));
  });
}

/** A list booked into clinic or scanner slots as the engine's clinic list: its rooms' sessions, slot lengths in hours. */
/** The weeks over which the list's census reports the share waiting, if it asks. */
function listAges(s: ScenarioCore, l: WaitingList): ElectiveService['ages'] {
  return l.overWeeks?.length
    ? { weeks: [...new Set(l.overWeeks)], classes: classesOnList(s, l), ...(l.overWeeksAtDays ? { days: [...l.overWeeksAtDays].sort((a, b) => a - b) } : {}) }
    : undefined;
}

function clinicList(s: ScenarioCore, l: WaitingList, b: BookInto, layout: Layout): ClinicList {
  const clinics = (b.clinics ?? b.scanners!).map((c) => theatreId(l.site, c));
  const sessions = clinics.flatMap((pool, k) =>
    layout.rooms!.find((r) => r.pool === pool)!.windows.map(([start, end]) => ({ theatre: k, start, end })));
  const priority = (cls: string) => s.classes.find((c) => c.id === cls)!.priority;
  return {
    id: l.id,
    referrals: l.referrals.map((r) => ({ class: r.class, priority: priority(r.class), perWeek: r.perWeek, ...(r.season ? { rateFactor: seasonFactor(s.seasons![r.season], s.time, 'arrivals') } : {}) })),
    slotHours: b.slotMinutes / 60,
    slotHoursByClass: b.slotMinutesByClass ? Object.fromEntries(Object.entries(b.slotMinutesByClass).map(([c, m]) => [c, m / 60])) : undefined,
    clinics,
    sessions,
    leadHours: l.bookingLeadHours,
    noticeHours: l.bookingNoticeDays * DAY,
    initialList: l.initialList?.patients !== undefined && l.initialList.patients > 0
      ? { patients: l.initialList.patients, age: uniform(0, l.initialList.oldestWeeks! * WEEK) }
      : undefined,
    initialBands: l.initialList?.byWeeksWaited ? ageBands(l, l.initialList.byWeeksWaited) : undefined,
    dna: l.dna && (l.dna.probability > 0 || Object.values(l.dna.byClass ?? {}).some((x) => x > 0)) ? l.dna : undefined,
    ages: listAges(s, l),
    measures: listMeasures(s, l.id),
    ...(l.extraSessions ? { extraSessions: extraSessions(l, b.clinics ?? b.scanners!, s.time.startWeekday) } : {}),
  };
}
