// A waiting list booked into timed slots of clinics or scanners: outpatient appointments
// and diagnostic tests, with no bed and no length of stay. Referrals join the list;
// each session of the list's clinics (or scanners) is booked from it (booking.ts) by
// clinical priority then longest wait, each patient taking a slot as long as their class's
// slot length, one after another from the session's start, while the session has time
// left; a booked patient comes at their slot's time and is seen for exactly their slot.
// A patient who does not attend (DNA, elective.ts) leaves their slot empty: nothing
// fills it. A clinic (or scanner) is one room: one appointment at a time, open in its
// sessions, like a theatre (theatre.ts).
import type { Model } from '../core/model.ts';
import type { Distribution } from '../core/distributions.ts';
import { deterministic, uniform } from '../core/distributions.ts';
import { set, enter, seize, switchOn, record, delay, release, goto, exit, waitUntilAttribute, type StepDef } from '../core/pathway.ts';
import { bookSessions, bookStartingSessions, bookingTimes, callIn, callInTimes, RESERVED, WEEK, type TheatreSession } from './booking.ts';
import { CENSUS_EVERY, LIST_CLASS, listCensus } from './waiting-list.ts';
import { dnaSteps, electiveOutputs, type ElectiveService } from './elective.ts';
import type { AidList } from './mutual-aid.ts';
import { addExtraSessions } from './extra-sessions.ts';

export interface ClinicList {
  id: string;
  /** Referral streams (Poisson at perWeek, or at fixed times in hours), by class and clinical priority. */
  referrals: ElectiveService['referrals'];
  /** Slot length (hours) by class; classes not listed take `slotHours`. */
  slotHours: number;
  slotHoursByClass?: Record<string, number>;
  /** Pools of the clinics (or scanners): their session timetable is their capacity schedule. */
  clinics: string[];
  /** The sessions, `theatre` being the index of the clinic among `clinics`. */
  sessions: TheatreSession[];
  leadHours?: number;
  noticeHours?: number;
  initialList?: { patients: number; age: Distribution };
  initialBands?: ElectiveService['initialBands'];
  dna?: ElectiveService['dna'];
  /** Shares of the list waiting over some weeks, from the daily census (as an elective list's). */
  ages?: ElectiveService['ages'];
  /** Times from referral to record: to the start of the appointment or test (treatment) or its end (departure). */
  measures?: ElectiveService['measures'];
  /** Sessions that run only while the list is long (extra-sessions.ts), `theatre` indexing `clinics`. */
  extraSessions?: ElectiveService['extraSessions'];
}

/**
 * The list as a list of mutual aid: a transferred patient joins at `plan` (their slot
 * length set by their class, referral date kept), and the list sees in a week its session
 * hours over the mean slot (referral classes weighted by their rates).
 */
export function clinicAidList(l: ClinicList): AidList {
  const rates = l.referrals.map((r) => r.perWeek ?? 1);
  const total = rates.reduce((a, b) => a + b, 0);
  const slot = l.referrals.reduce((h, r, k) => h + (rates[k] / total) * (l.slotHoursByClass?.[r.class] ?? l.slotHours), 0);
  const hours = l.sessions.reduce((h, x) => h + (x.end - x.start), 0);
  return { id: l.id, join: `clinic-list:${l.id}/plan`, capacity: slot > 0 ? Math.floor(hours / slot + 1e-9) : 0 };
}

/** Output names: those of an elective list; `rtt` is here referral to the appointment's start, `noTheatre` a patient not seen before the session ended. */
export const clinicListOutputs = electiveOutputs;

export function addClinicList(model: Model, l: ClinicList): void {
  const id = l.id;
  const store = `list:${id}`;
  const pathway = `clinic-list:${id}`;
  const out = clinicListOutputs(id);
  const byClass = Object.entries(l.slotHoursByClass ?? {});
  const ages = l.ages && l.ages.weeks.length > 0 ? l.ages : undefined;
  const fromReferral = (to: 'treatment' | 'departure') => (l.measures ?? []).filter((m) => m.to === to)
    .map((m) => record(m.output, 'referred', { countWhen: 'ended', ...(m.within !== undefined ? { within: m.within } : {}) }));
  const seen = l.clinics.flatMap((clinic, k): StepDef[] => [
    seize(clinic, { label: `seen-${k}`, deadline: 'sessionEnd', onRenege: 'not-seen' }),
    record(out.rtt, 'referred', { countWhen: 'ended' }),
    ...fromReferral('treatment'),
    delay(deterministic(1), { scaleBy: 'planned' }),
    release(clinic),
    ...fromReferral('departure'),
    goto('home'),
  ]);
  const steps: StepDef[] = [
    set('referred', 'now'),
    // The slot length of the patient's class: what booking fills sessions with.
    switchOn('class', byClass.map(([cls], k) => ({ op: '==' as const, value: cls, to: `slot-${k}` })), 'slot', { label: 'plan' }),
    ...byClass.flatMap(([, hours], k): StepDef[] => [set('planned', hours, { label: `slot-${k}` }), goto('relist')]),
    set('planned', l.slotHours, { label: 'slot' }),
    set(RESERVED, -1, { label: 'relist' }),
    // With ages by class to count, each patient joining carries their class's index (as on an elective list).
    ...(ages ? [switchOn('class', ages.classes.map((cls, k) => ({ op: '==' as const, value: cls, to: `class-${k}` })), 'class-0', { label: 'list' })] : []),
    enter(store, { label: ages ? 'join' : 'list' }),
    ...(l.dna ? dnaSteps(l, out) : []),
    // Called in: they come at their slot's time.
    waitUntilAttribute('slotAt', { label: l.dna ? 'attend' : 'admit' }),
    switchOn('theatre', l.clinics.map((_, k) => ({ op: '==' as const, value: k, to: `seen-${k}` })), 'seen-0'),
    ...seen,
    exit({ label: 'home' }),
    record(out.noTheatre, 'referred', { label: 'not-seen', countWhen: 'ended' }),
    goto('relist'),
    ...(ages ? ages.classes.flatMap((_, k) => [set(LIST_CLASS, k, { label: `class-${k}` }), goto('join')]) : []),
    ...(l.initialList ? [set('referred', 'now', { label: 'backlog', ago: l.initialList.age, stream: `backlog-age:${id}` }), goto('plan')] : []),
    ...(l.initialBands ?? []).flatMap((b, k): StepDef[] => [
      set('referred', 'now', { label: `backlog-band-${k}`, ago: uniform(b.fromHours, b.toHours), stream: `backlog-age:${id}:${k}` }),
      goto('plan'),
    ]),
  ];
  // Ordered by urgency (priority, then referral date): booking visits the few it books.
  model.store(store, { orderBy: 'referred' }).pathway(pathway, steps);
  const priority = (cls: string) => l.referrals.find((r) => r.class === cls)!.priority;
  if (l.initialList && l.initialList.patients > 0) {
    const weights = l.referrals.map((r) => r.perWeek ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    let given = 0;
    l.referrals.forEach((r, k) => {
      const n = k === l.referrals.length - 1 ? l.initialList!.patients - given : Math.round((l.initialList!.patients * weights[k]) / total);
      given += n;
      if (n > 0) model.source(`backlog:${id}:${r.class}`, { pathway: `${pathway}/backlog`, class: r.class, priority: r.priority, times: [0], batch: n });
    });
  }
  l.initialBands?.forEach((b, k) => {
    if (b.patients > 0) model.source(`backlog:${id}:${b.class}:${k}`, { pathway: `${pathway}/backlog-band-${k}`, class: b.class, priority: priority(b.class), times: [0], batch: b.patients });
  });
  for (const r of l.referrals) {
    const name = `referrals:${id}:${r.class}`;
    if (r.times) model.source(name, { pathway, class: r.class, priority: r.priority, times: r.times });
    else model.source(name, { pathway, class: r.class, priority: r.priority, rate: (r.perWeek ?? 0) / WEEK, ...(r.rateFactor ? { rateFactor: r.rateFactor } : {}) });
  }
  const rule = {
    store, admitLabel: `${pathway}/admit`, sessions: l.sessions, slotted: true,
    leadHours: l.leadHours ?? 1, noticeHours: l.noticeHours ?? 0, bedCutoffHours: 0,
  };
  if (l.sessions.length > 0) {
    if (rule.noticeHours > 0) model.controller(`booking-at-start:${id}`, { times: [0], act: bookStartingSessions(rule) });
    model.controller(`booking:${id}`, { times: bookingTimes(rule), repeatEvery: WEEK, act: bookSessions(rule) });
    if (rule.noticeHours > 0) model.controller(`call-in:${id}`, { times: callInTimes(rule), repeatEvery: WEEK, act: callIn(rule) });
  }
  if (l.extraSessions) addExtraSessions(model, id, rule, l.clinics, l.extraSessions);
  model.controller(`census:${id}`, { times: [0], repeatEvery: CENSUS_EVERY, act: listCensus(store, out.census, ages) });
}
