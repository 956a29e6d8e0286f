// KPIs of one replication, as a flat record `metric[scope]` → number (catalogue and
// naming: kpi-catalogue.ts), all from the engine's results():
//  - how patients leave (outcomes): treated (`completed`, the pathway finished by discharge),
//    left unseen, diverted, and still in the system, over the window [warm-up, horizon);
//    per class, in the system at its start + arrivals = completed + left unseen + diverted
//    + in the system at its end, exactly. Times in system and tariff: treated patients only;
//  - ED 4-hour performance: the output `ed:<class>` records each ED clock hold (arrival to
//    admission or discharge, compile.ts) with the four-hour target, so the engine counts
//    the patients within it, and those still in the ED at the end already over it (openOver);
//  - theatre time in and out of session: a theatre pool's capacity is 1 in session and 0
//    outside, so busy time beyond capacity is the overrun, the rest is in session.
import type { RunResult } from '../../engine/core/results.ts';
import { splitKpiName, centileMetric, OCCUPANCY_ABOVE } from './catalogue.ts';
import { DAY, WEEK } from '../../engine/hospital/week.ts';
import { edOutput, type Layout } from '../compile/compile.ts';
import { electiveOutputs, DNA_DISCHARGED } from '../../engine/hospital/elective.ts';
import { LEFT_UNSEEN, DIVERTED, OUTLIERS } from '../compile/pathway.ts';
import { mutualAidOutputs } from '../../engine/hospital/mutual-aid.ts';
import { extraSessionOutputs } from '../../engine/hospital/extra-sessions.ts';
import { listOverOutput, listOverOnDayOutput } from '../../engine/hospital/waiting-list.ts';
import type { MeasureLayout } from '../compile/measures.ts';
import { regionalKpis, regionalLists } from './regional.ts';
import type { OutputResult, EscalationResult, PoolResult } from '../../engine/core/results.ts';
import type { PresentAtCapacity } from '../../engine/core/level-by-capacity.ts';
import { largest, smallest } from '../../engine/core/extremes.ts';

/**
 * Fraction of the window with more patients present (in a bed or waiting for one) than
 * `share` of the beds open at that moment: n present with c beds open counts when n > share × c,
 * strictly (n ≥ ⌊share × c⌋ + 1). With no beds open, anyone present counts (n > 0). Summed
 * over the census split by beds open (one entry for a ward whose beds never change).
 *
 * Present = in use + waiting; a line forms only when the beds are full, so for n up to the
 * beds "n present" and "n in use" are the same event.
 */
export function timeAbove(byBeds: readonly PresentAtCapacity[], share: number): number {
  let t = 0;
  for (const { capacity, distribution } of byBeds) {
    for (let n = Math.floor(share * capacity) + 1; n < distribution.length; n++) t += distribution[n];
  }
  return t;
}

export function replicationKpis(r: RunResult, layout: Layout): Record<string, number> {
  const out: Record<string, number> = {};
  const hours = r.end - r.warmup;
  const weeks = hours / WEEK;
  const put = (metric: string, scope: string, value: number) => { out[`${metric}[${scope}]`] = value; };
  const quantiles = (metric: string, scope: string, t: { mean: number; p50: number; p90: number; p95: number }) => {
    put(`${metric}.mean`, scope, t.mean);
    put(`${metric}.p50`, scope, t.p50);
    put(`${metric}.p90`, scope, t.p90);
    put(`${metric}.p95`, scope, t.p95);
  };

  // Outcomes. Left unseen and diverted are reported where the model has the way out (a
  // step with patience, with a queue limit), not as zeros where nothing could produce them.
  const canLeave = r.totals.exits[LEFT_UNSEEN] !== undefined;
  const canDivert = r.totals.exits[DIVERTED] !== undefined;
  const canDnaOut = r.totals.exits[DNA_DISCHARGED] !== undefined;
  const all = { arrived: 0, completed: 0, left: 0, diverted: 0, dnaOut: 0, inSystem: 0, atStart: 0 };
  const outcomes = (scope: string, o: typeof all) => {
    put('arrivals', scope, o.arrived);
    put('completed', scope, o.completed);
    put('throughput', scope, o.completed / weeks);
    if (canLeave) {
      put('left.unseen', scope, o.arrived > 0 ? o.left / o.arrived : NaN);
      put('outcome.leftUnseen', scope, o.left);
    }
    if (canDivert) {
      put('diverted', scope, o.arrived > 0 ? o.diverted / o.arrived : NaN);
      put('outcome.diverted', scope, o.diverted);
    }
    if (canDnaOut) put('outcome.dnaDischarged', scope, o.dnaOut);
    put('outcome.inSystem', scope, o.inSystem);
    put('outcome.inSystemAtStart', scope, o.atStart);
  };
  let weighted = 0;
  for (const c of layout.classes) {
    const k = r.classes[c.id];
    // The hospital layer leaves only by named exits; the engine's own leavers (none) would count too.
    const o = {
      arrived: k.arrived, completed: k.departed, left: (k.exits[LEFT_UNSEEN] ?? 0) + k.reneged, diverted: (k.exits[DIVERTED] ?? 0) + k.diverted,
      dnaOut: k.exits[DNA_DISCHARGED] ?? 0, inSystem: k.inSystem, atStart: k.inSystemAtStart,
    };
    outcomes(c.id, o);
    for (const key of Object.keys(all) as (keyof typeof all)[]) all[key] += o[key];
    if (r.outputsByClass.readmissions) put('readmissions', c.id, r.outputsByClass.readmissions[c.id].count);
    if (r.outputsByClass[OUTLIERS]) put('outliers', c.id, r.outputsByClass[OUTLIERS][c.id].count / weeks);
    quantiles('time', c.id, k.timeInSystem);
    weighted += c.tariff * k.departed;
  }
  outcomes('all', all);
  // Across classes (and so sites): with one class it would be that class's, one quantity under two names.
  if (layout.classes.length > 1) quantiles('time', 'all', r.timeInSystem);
  const edClasses = layout.classes.filter((c) => c.ed);
  if (edClasses.length > 0) {
    let n = 0, within = 0;
    for (const c of edClasses) {
      const o = r.outputs[edOutput(c.id)];
      // Attendances whose outcome is known: left the ED in the window, or still in it at its
      // end and over four hours already (a breach whatever happens next).
      const count = (o?.count ?? 0) + (o?.within?.openOver ?? 0), inside = o?.within?.count ?? 0;
      // With one ED class, its share is the department's, ed.4h[all]: one name for one quantity.
      if (edClasses.length > 1) put('ed.4h', c.id, count > 0 ? inside / count : NaN);
      put('ed.time.mean', c.id, o && o.count > 0 ? o.mean : NaN);
      n += count;
      within += inside;
    }
    put('ed.4h', 'all', n > 0 ? within / n : NaN);
  }

  // Elective lists: activity, referral-to-treatment waits, cancellations on the day, the
  // list itself (its time-average size; daily census of waits), and the spread between lists (equity across sites).
  const rttMeans: number[] = [];
  for (const id of layout.lists) {
    const o = electiveOutputs(id);
    const rtt = r.outputs[o.rtt];
    const noBed = r.outputs[o.noBed]?.count ?? 0, noTheatre = r.outputs[o.noTheatre]?.count ?? 0;
    // A list booked into clinic or scanner slots: appointments (or scans) and the wait
    // from referral to them; no operations, beds or on-the-day cancellations.
    const slots = layout.slotLists?.[id];
    if (slots) {
      put(slots === 'clinic' ? 'appointments' : 'scans', id, (rtt?.count ?? 0) / weeks);
      put('referral.wait.mean', id, rtt && rtt.count > 0 ? rtt.mean / WEEK : NaN);
      put('referral.wait.p95', id, rtt && rtt.count > 0 ? rtt.p95 / WEEK : NaN);
      for (const [cls, t] of Object.entries(r.outputsByClass[o.rtt] ?? {})) if (t.count > 0) put('referral.wait.mean', `${id}/${cls}`, t.mean / WEEK);
    } else {
      put('elective.operated', id, (rtt?.count ?? 0) / weeks);
      put('elective.rtt.mean', id, rtt && rtt.count > 0 ? rtt.mean / WEEK : NaN);
      put('elective.rtt.p95', id, rtt && rtt.count > 0 ? rtt.p95 / WEEK : NaN);
      put('elective.cancelled', id, (noBed + noTheatre) / weeks);
      put('elective.cancelled.noBed', id, noBed / weeks);
    }
    put('list.size', id, r.stores[`list:${id}`]?.size.mean ?? NaN);
    put('list.within18w', id, r.outputs[`${o.census}.within18w`]?.mean ?? NaN);
    put('list.over52w', id, r.outputs[`${o.census}.over52w`]?.mean ?? NaN);
    if (!slots && rtt && rtt.count > 0) rttMeans.push(rtt.mean / WEEK);
    // By clinical priority (class), e.g. P2 against P4 on the same list.
    if (!slots) for (const [cls, t] of Object.entries(r.outputsByClass[o.rtt] ?? {})) if (t.count > 0) put('elective.rtt.mean', `${id}/${cls}`, t.mean / WEEK);
    // By procedure, on a list with a case mix (elective.ts counts them as `operated:<list>/<procedure>`).
    for (const [name, t] of Object.entries(r.outputs))
      if (name.startsWith(`operated:${id}/`)) put('elective.operated', `${id}/${name.slice(`operated:${id}/`.length)}`, t.count / weeks);
    // DNAs: of the booked patients called in in the window, those who did not come; those
    // discharged after their last DNA (lists with a DNA probability only).
    const attended = r.outputs[o.attended];
    if (attended) {
      const dna = r.outputs[o.dna]?.count ?? 0;
      put('dna.perWeek', id, dna / weeks);
      put('dna.share', id, dna + attended.count > 0 ? dna / (dna + attended.count) : NaN);
      for (const [cls, t] of Object.entries(r.outputsByClass[o.dna] ?? {})) {
        const came = r.outputsByClass[o.attended]?.[cls]?.count ?? 0;
        if (t.count + came > 0) put('dna.share', `${id}/${cls}`, t.count / (t.count + came));
      }
      put('dna.discharged', id, (r.outputs[o.dnaDischarged]?.count ?? 0) / weeks);
    }
    const delayed = r.outputs[o.delayed];
    if (delayed) put('elective.delayed.bedDays', id, (delayed.count * (delayed.count > 0 ? delayed.mean : 0)) / DAY / weeks);
  }
  if (rttMeans.length > 1) put('elective.rtt.spread', 'all', largest(rttMeans) - smallest(rttMeans));
  for (const id of layout.mutualAid) put('mutualAid.transfers', id, (r.outputs[mutualAidOutputs(id).transfers]?.count ?? 0) / weeks);
  // Two sites or more with lists: the gaps between them, own and received patients, flows (regional.ts).
  regionalKpis(r, layout, weeks, put);
  // Mutual aid between clinic or scanner lists only (no regional KPIs, which are of operated
  // lists): the flows between its lists all the same.
  if (regionalLists(layout).length === 0)
    for (const [policy, members] of Object.entries(layout.aidLists ?? {}))
      for (const from of members) for (const to of members)
        if (from !== to) put('mutualAid.flow', `${from}/${to}`, (r.outputs[mutualAidOutputs(policy).flow(from, to)]?.count ?? 0) / weeks);

  for (const [id, ages] of Object.entries(layout.listAges)) {
    const census = electiveOutputs(id).census;
    for (const w of ages.weeks) {
      put('list.over', `${id}/${w}w`, r.outputs[listOverOutput(census, w)]?.mean ?? NaN);
      for (const cls of ages.classes) put('list.over', `${id}/${cls}/${w}w`, r.outputs[listOverOutput(census, w, cls)]?.mean ?? NaN);
      // Snapshots: one census each, so the tally's mean is that day's share.
      for (const d of ages.days ?? []) {
        put('list.over.onDay', `${id}/${w}w/d${d}`, r.outputs[listOverOnDayOutput(census, w, d)]?.mean ?? NaN);
        for (const cls of ages.classes) put('list.over.onDay', `${id}/${cls}/${w}w/d${d}`, r.outputs[listOverOnDayOutput(census, w, d, cls)]?.mean ?? NaN);
      }
    }
  }
  for (const m of layout.measures) measureKpis(r, m, weeks, put);

  let bedDays = 0;
  let escalationCost = 0, escalated = false;
  const byClass = layout.kpis?.some((k) => k === 'beds.byClass' || k === 'beds.shareByClass') ?? false;
  for (const w of layout.wards) {
    const p = r.pools[w.pool];
    quantiles('wait', w.pool, p.waits);
    put('occupancy.mean', w.pool, p.utilisation ?? NaN);
    // Little's law over the measured window: bed-hours occupied per bed given up (stays
    // that straddle the window's ends make it approximate for stays long against it).
    if (w.kind === 'ward') put('los.mean', w.pool, p.completed > 0 ? (p.busy.mean * hours) / p.completed / DAY : NaN);
    // Over the beds open at each moment (the engine splits the census by them where they change).
    if (p.presentByCapacity) for (const [metric, share] of Object.entries(OCCUPANCY_ABOVE)) put(metric, w.pool, timeAbove(p.presentByCapacity, share));
    if (w.delayed) put('delayed.bedDays', w.pool, (r.pools[w.delayed].busy.mean * hours) / DAY / weeks);
    // Patients of other wards in this ward's beds (overflowTo), whether or not escalation beds are open.
    if (w.outliers) {
      const o = r.pools[w.outliers];
      put('outliers.placed', w.pool, o.granted / weeks);
      put('outliers.bedDays', w.pool, (o.busy.mean * hours) / DAY / weeks);
    }
    // Hour h of the day: the mean over [h:00, h+1:00) of every measured day (compile.ts asks for it).
    p.profile?.binMeans.forEach((m, h) => put('census.byHour', `${w.pool}/${String(h).padStart(2, '0')}`, m));
    if (w.kind === 'ward') bedDays += (p.busy.mean * hours) / DAY;
    if (w.escalation && p.escalation) {
      escalated = true;
      escalationCost += escalationKpis(p.escalation, w.pool, w.escalation.hourlyCostPerBed, hours, put);
    }
    if (byClass) bedsByClass(p, w.pool, layout.classes.map((c) => c.id), put);
  }

  let sessionHours = 0;
  for (const t of layout.theatres) {
    const p = r.pools[t.pool];
    quantiles('wait', t.pool, p.waits);
    const session = (p.capacity ?? 0) * hours; // capacity is 1 in session, 0 outside
    sessionHours += session;
    const inSession = (p.busy.mean - p.overrun) * hours;
    put('theatre.utilisation', t.pool, session > 0 ? inSession / session : NaN);
    put('theatre.overrun', t.pool, (p.overrun * hours) / weeks);
  }

  // Clinics and scanners: the share of session time with an appointment in progress (an
  // empty slot, a DNA's, is time unused).
  const roomHours = { clinic: 0, scanner: 0 };
  for (const room of layout.rooms ?? []) {
    const p = r.pools[room.pool];
    const session = (p.capacity ?? 0) * hours;
    roomHours[room.kind] += session;
    put(`${room.kind}.utilisation`, room.pool, session > 0 ? ((p.busy.mean - p.overrun) * hours) / session : NaN);
  }

  let staffCost = 0;
  for (const team of layout.teams) {
    const s = r.skilledPools[team.pool];
    for (const [skill, w] of Object.entries(s.waitsBySkill)) quantiles('wait', `${team.site}/skill:${skill}`, w);
    for (const [role, x] of Object.entries(s.roles)) put('staff.utilisation', `${team.site}/${role}`, x.utilisation ?? NaN);
    // Staff on call are paid while an escalation is open: in cost.escalation, not here.
    staffCost += s.rosterCost ?? s.dutyCost;
    if (s.busyHoursByClass) {
      // Each class's share of the hours on duty: they sum to the site's busy ÷ on duty.
      let duty = 0;
      for (const x of Object.values(s.members)) duty += x.dutyHours;
      for (const c of new Set(layout.classes.map((x) => x.id))) {
        const busy = s.busyHoursByClass[c] ?? 0;
        put('staff.hoursByClass', `${team.site}/${c}`, busy / weeks);
        put('staff.utilisationByClass', `${team.site}/${c}`, duty > 0 ? busy / duty : NaN);
      }
    }
  }

  // Extra sessions (a waiting-list initiative): their session hours are in the theatre's
  // (clinic's, scanner's) capacity, so in cost.theatres (clinics, scanners) already; the
  // premium on top is theirs.
  let extraCost = 0;
  for (const [id, x] of Object.entries(layout.extraSessions ?? {})) extraCost += extraSessionKpis(r, id, x.hourlyCost, weeks, put);

  const beds = bedDays * layout.costs.bedDay;
  const theatres = sessionHours * layout.costs.theatreHour;
  const clinics = roomHours.clinic * layout.costs.clinicHour;
  const scanners = roomHours.scanner * layout.costs.scannerHour;
  const total = staffCost + beds + theatres + clinics + scanners + escalationCost + extraCost;
  put('cost.staff', 'all', staffCost / weeks);
  put('cost.beds', 'all', beds / weeks);
  put('cost.theatres', 'all', theatres / weeks);
  if (roomHours.clinic > 0) put('cost.clinics', 'all', clinics / weeks);
  if (roomHours.scanner > 0) put('cost.scanners', 'all', scanners / weeks);
  if (escalated) put('cost.escalation', 'all', escalationCost / weeks);
  if (layout.extraSessions) put('cost.extraSessions', 'all', extraCost / weeks);
  put('cost.total', 'all', total / weeks);
  if (total > 0) put('productivity', 'all', weighted / total);

  if (!layout.kpis) return out;
  const keep = new Set(layout.kpis);
  return Object.fromEntries(Object.entries(out).filter(([name]) => keep.has(splitKpiName(name).metric)));
}

/**
 * A ward's escalation over the window, per week: hours with it open, openings, bed-hours
 * open and bed-days used (beds in use beyond the ward's own beds, engine/core/escalation.ts)
 * when it opens beds, staff-hours on duty when it calls staff in, and its cost
 * (hourlyCostPerBed × bed-hours open, plus those staff's hours × their hourly cost), which
 * it returns for cost.total.
 */
function escalationKpis(x: EscalationResult, scope: string, hourlyCostPerBed: number, hours: number, put: (metric: string, scope: string, value: number) => void): number {
  const weeks = hours / WEEK;
  const openHours = x.open * hours;
  // The staff it calls in are paid for their hours on duty (engine: from opening to closing).
  const cost = x.units * openHours * hourlyCostPerBed + (x.staffCost ?? 0);
  // In this order (documents list KPIs in the order put).
  put('escalation.hoursOpen', scope, openHours / weeks);
  if (x.units > 0) put('escalation.bedHoursOpen', scope, (x.units * openHours) / weeks);
  put('escalation.openings', scope, x.openings / weeks);
  if (x.units > 0) put('escalation.bedDays', scope, (x.inUse * hours) / DAY / weeks);
  if (x.staffHours !== undefined) put('escalation.staffHours', scope, x.staffHours / weeks);
  put('cost.escalation', scope, cost / weeks);
  return cost;
}

/**
 * A list's extra sessions over the window, per week: sessions run (counted at their start)
 * and their hours, days open (daily checks at which they were open), openings, and the
 * premium (hourlyCost × hours run), which it returns for cost.total.
 */
function extraSessionKpis(r: RunResult, id: string, hourlyCost: number, weeks: number, put: (metric: string, scope: string, value: number) => void): number {
  const o = extraSessionOutputs(id);
  const run = r.outputs[o.run];
  const n = run?.count ?? 0;
  const hoursRun = n > 0 ? n * run!.mean : 0;
  put('extraSessions.run', id, n / weeks);
  put('extraSessions.hours', id, hoursRun / weeks);
  put('extraSessions.daysOpen', id, (r.outputs[o.daysOpen]?.count ?? 0) / weeks);
  put('extraSessions.openings', id, (r.outputs[o.openings]?.count ?? 0) / weeks);
  put('cost.extraSessions', id, (hoursRun * hourlyCost) / weeks);
  return hoursRun * hourlyCost;
}

/** Mean beds in use by each class on a ward, and each class's share of the beds in use (sums to 1 when any is). */
function bedsByClass(p: PoolResult, scope: string, classes: readonly string[], put: (metric: string, scope: string, value: number) => void): void {
  for (const c of new Set(classes)) {
    // With one class in the model the engine keeps no split: that class holds every bed in use.
    const mean = p.busyByClass ? (p.busyByClass[c] ?? 0) : p.busy.mean;
    put('beds.byClass', `${scope}/${c}`, mean);
    put('beds.shareByClass', `${scope}/${c}`, p.busy.mean > 0 ? mean / p.busy.mean : NaN);
  }
}

/**
 * A measure's KPIs: over every class measured (scope: the measure's id) and, when it
 * measures several, each class apart (id/class); for a wait for a place or theatre, the
 * share of it each class uses (measure.utilisation).
 */
function measureKpis(r: RunResult, m: MeasureLayout, weeks: number, put: (metric: string, scope: string, value: number) => void): void {
  const one = (scope: string, o: OutputResult | undefined) => {
    const n = o?.count ?? 0;
    put('measure.count', scope, n / weeks);
    if (!Number.isNaN(m.within)) {
      const inside = o?.within?.count ?? 0;
      put('measure.within', scope, n > 0 ? inside / n : NaN);
      put('measure.over', scope, (n - inside) / weeks);
      // An interval measure: those still open at the end and already over the target (not in the share).
      if (o?.within?.open) put('measure.openOver', scope, o.within.open.over);
    }
    put('measure.mean', scope, n > 0 ? o!.mean : NaN);
    // The four every tally reports, and any other the measure asked the engine for (compile/measures.ts).
    for (const c of m.centiles) put(centileMetric(c), scope, n > 0 ? (o!.centiles?.[String(c)] ?? o![`p${c}` as 'p50' | 'p90' | 'p95' | 'p99']) : NaN);
  };
  one(m.id, r.outputs[m.output]);
  if (m.classes.length > 1) for (const cls of m.classes) one(`${m.id}/${cls}`, r.outputsByClass[m.output]?.[cls]);
  if (m.pool) {
    const p = r.pools[m.pool];
    const cap = p.capacity ?? NaN;
    for (const cls of m.classes) {
      const busy = p.busyByClass ? (p.busyByClass[cls] ?? 0) : p.busy.mean; // a class absent never held a unit here
      put('measure.utilisation', `${m.id}/${cls}`, cap > 0 ? busy / cap : NaN);
    }
  }
}
