// An elective service: referrals join a waiting list; sessions are booked from it
// (booking.ts); on the day a booked patient needs a bed by the cut-off and, once their
// own session has started, the theatre before it ends, or the operation is cancelled and they return to the list
// keeping their referral date; then surgery, a stay on the ward, perhaps a delayed
// discharge, and home. Emergency patients compete for the same ward unless it is
// ring-fenced (a ward only the elective pathway uses).
import type { Model } from '../core/model.ts';
import type { TimeFactor } from '../core/time-factor.ts';
import type { Distribution } from '../core/distributions.ts';
import { uniform } from '../core/distributions.ts';
import { set, enter, seize, switchOn, record, delay, release, goto, branch, exit, waitUntilAttribute, type StepDef } from '../core/pathway.ts';
import { bookSessions, bookStartingSessions, bookingTimes, callIn, callInTimes, RESERVED, WEEK, type TheatreSession } from './booking.ts';
import { CENSUS_EVERY, LIST_CLASS, listCensus, type ListAges } from './waiting-list.ts';
import { addExtraSessions, type ExtraSessions } from './extra-sessions.ts';

export interface ElectiveService {
  id: string;
  /** Referral streams, e.g. one per clinical priority P1–P4 (lower is more urgent): Poisson at perWeek, or at fixed times (hours). */
  /** Referral streams; `rateFactor` multiplies a Poisson stream's rate through the run (a season). */
  referrals: { class: string; priority: number; perWeek?: number; times?: number[]; rateFactor?: TimeFactor }[];
  /** Planned case time per patient (hours): what booking uses. */
  planned: Distribution;
  /** Actual ÷ planned case time (mean about 1). */
  actualRatio: Distribution;
  /** Bed pool of the ward the patients use. */
  ward: string;
  /** Theatre pools (their session timetable is their capacity schedule). */
  theatres: string[];
  sessions: TheatreSession[];
  leadHours?: number;
  /** Hours before the call-in that a session is booked (0: booked when called in). */
  noticeHours?: number;
  bedCutoffHours?: number;
  /** Length of stay after surgery. */
  los: Distribution;
  /** Multiplies the stay and the delayed discharge by its value when each starts (a season: longer stays in winter). */
  losFactor?: TimeFactor;
  /** Patients already on the list at time 0, their waits since referral drawn from `age` (hours). */
  initialList?: { patients: number; age: Distribution };
  /**
   * Instead of (or as well as) `initialList`: the list's age profile at time 0, band by
   * band, so its counts by weeks waited are exact at the start (e.g. the DM01 backlog over
   * 6 weeks). Each entry puts `patients` of `class` on the list, referred between
   * `fromHours` and `toHours` ago (evenly).
   */
  initialBands?: { class: string; patients: number; fromHours: number; toHours: number }[];
  delayedDischarge?: { probability: number; duration: Distribution };
  /**
   * Shares of the list waiting over some weeks to report from the daily census, overall
   * and by class: every class that can be on the list (its referrals', and those that
   * mutual aid can bring from other lists).
   */
  ages?: ListAges;
  /**
   * Times from referral to record (a scenario's measures): to the start of surgery
   * (treatment, the RTT clock stop) or to going home (departure), with an optional target
   * in hours. Counted when they end in the window, whatever the referral date, as RTT is.
   */
  measures?: readonly { output: string; to: 'treatment' | 'departure'; within?: number; centiles?: number[] }[];
  /**
   * Did not attend: when called in, a booked patient does not come with this probability
   * (by class; classes not listed use `probability`). Their booked time is lost (nothing
   * fills it) and they go back on the list keeping their referral date, or, at their
   * `dischargeAfter`-th DNA, are discharged (the clock stops; not treated).
   */
  dna?: { probability: number; byClass?: Record<string, number>; dischargeAfter?: number };
  /**
   * Case mix within the list: each referral is one of these procedures, drawn by share
   * (stream `case-mix:<id>`), with its own planned case time and length of stay (the
   * list's when omitted); its index is the attribute `procedure`. Operations are counted
   * by procedure (output `operated:<id>/<procedure>`).
   */
  caseMix?: { procedure: string; share: number; planned?: Distribution; los?: Distribution }[];
  /** Session templates over the case mix's procedures (booking.ts); only with caseMix. */
  templates?: { probability: number; cases: number[]; total?: number }[];
  /**
   * The list shares long waiters with others (mutual-aid.ts): its code (a positive number,
   * distinct among the lists of the model). A patient moved by mutual aid carries the code
   * of their home list (attribute AID_HOME); one treated on another list than their home
   * is recorded as received (output `received:<id>`, the time since referral at surgery).
   * Lists without it have no extra step.
   */
  aidCode?: number;
  /** Sessions that run only while the list is long (extra-sessions.ts), `theatre` indexing `theatres`. */
  extraSessions?: ExtraSessions;
}

/** Attribute: the code (ElectiveService.aidCode) of a patient's home list, set at their first mutual-aid transfer; NaN for a patient never moved. */
export const AID_HOME = 'aidHome';

/** The way out of a patient discharged after DNAs (not treated). */
export const DNA_DISCHARGED = 'dna-discharged';

/** Output names this service records (counts are the tallies' counts). */
export const electiveOutputs = (id: string) => ({
  rtt: `rtt:${id}`, // referral to the start of surgery, hours
  noBed: `cancelled.no-bed:${id}`,
  noTheatre: `cancelled.no-theatre:${id}`,
  census: `list:${id}`, // .size, .within18w, .over52w (daily census, waiting-list.ts)
  delayed: `delayed:${id}`, // medically fit but delayed, hours each
  dna: `dna:${id}`, // a booked patient did not attend (since referral, hours)
  attended: `attended:${id}`, // a booked patient came when called in (with dna only)
  dnaDischarged: `dna-discharged:${id}`, // discharged after DNAs (since referral, hours)
  received: `received:${id}`, // referral to surgery of patients from other lists (mutual aid), hours
});

/**
 * The call-in of a patient who may not attend: drawn by class, a DNA is counted and the
 * patient goes back on the list, or out after their dischargeAfter-th DNA (their count
 * of DNAs in the attribute "dnas", unset before the first). Starts at label `admit`
 * (where booking calls patients in) and goes on to `attend`.
 */
export function dnaSteps(svc: Pick<ElectiveService, 'id' | 'dna'>, out: ReturnType<typeof electiveOutputs>): StepDef[] {
  const d = svc.dna!;
  const stream = `dna:${svc.id}`;
  const draw = (p: number, label: string) => branch([{ to: 'dna', weight: p }, { to: 'attend-0', weight: 1 - p }], { label, stream });
  const classes = Object.keys(d.byClass ?? {});
  const n = d.dischargeAfter;
  // Counting up to n - 1 DNAs, most first: a patient with none yet (unset) takes the last.
  const counts = n === undefined ? [] : Array.from({ length: n - 1 }, (_, k) => n - 1 - k);
  return [
    switchOn('class', classes.map((c, k) => ({ op: '==' as const, value: c, to: `dna-draw-${k}` })), 'dna-draw', { label: 'admit' }),
    ...classes.map((c, k) => draw(d.byClass![c], `dna-draw-${k}`)),
    draw(d.probability, 'dna-draw'),
    record(out.dna, 'referred', { label: 'dna', countWhen: 'ended' }),
    ...(n === undefined
      ? [goto('relist')]
      : [
          // k - 1 DNAs before this one: this is the k-th (unset: the first).
          switchOn('dnas', [
            { op: '>=' as const, value: n - 1, to: 'dna-out' },
            ...counts.filter((k) => k >= 2).map((k) => ({ op: '>=' as const, value: k - 1, to: `dna-${k}` })),
          ], n === 1 ? 'dna-out' : 'dna-1'),
          ...counts.flatMap((k): StepDef[] => [set('dnas', k, { label: `dna-${k}` }), goto('relist')]),
          record(out.dnaDischarged, 'referred', { label: 'dna-out', countWhen: 'ended' }),
          exit({ outcome: DNA_DISCHARGED }),
        ]),
    record(out.attended, 'referred', { label: 'attend-0', countWhen: 'ended' }),
    goto('attend'),
  ];
}

export function addElectiveService(model: Model, svc: ElectiveService): void {
  const id = svc.id;
  const store = `list:${id}`;
  const pathway = `elective:${id}`;
  const out = electiveOutputs(id);
  const fromReferral = (to: 'treatment' | 'departure') => (svc.measures ?? []).filter((m) => m.to === to)
    .map((m) => record(m.output, 'referred', { countWhen: 'ended', ...(m.within !== undefined ? { within: m.within } : {}), ...(m.centiles ? { centiles: m.centiles } : {}) }));
  const surgery = svc.theatres.flatMap((theatre, k): StepDef[] => [
    seize(theatre, { label: `op-${k}`, deadline: 'sessionEnd', onRenege: 'no-theatre' }),
    // Clock stops in the measured window count whatever the referral date (as RTT statistics do).
    record(out.rtt, 'referred', { countWhen: 'ended' }),
    ...fromReferral('treatment'),
    ...(svc.aidCode !== undefined ? receivedSteps(svc.aidCode, out.received, k) : []),
    delay(svc.actualRatio, { scaleBy: 'planned', stream: `surgery:${id}`, ...(svc.aidCode !== undefined ? { label: `operate-${k}` } : {}) }),
    release(theatre),
    goto('stay'),
  ]);
  const dd = svc.delayedDischarge;
  // Without a season the delays are exactly as before (no factor on them).
  const seasonal = svc.losFactor ? { durationFactor: svc.losFactor } : {};
  const ages = svc.ages && svc.ages.weeks.length > 0 ? svc.ages : undefined;
  const steps: StepDef[] = [
    set('referred', 'now'),
    ...planSteps(svc),
    // Not booked for any session (booking.ts): where a cancelled patient comes back in.
    set(RESERVED, -1, { label: 'relist' }),
    // With ages by class to count, each patient joining (or transferred to, at `list`)
    // carries their class's index (one jump to set it).
    ...(ages ? [switchOn('class', ages.classes.map((cls, k) => ({ op: '==' as const, value: cls, to: `class-${k}` })), 'class-0', { label: 'list' })] : []),
    enter(store, { label: ages ? 'join' : 'list' }),
    ...(svc.dna ? dnaSteps(svc, out) : []),
    seize(svc.ward, { label: svc.dna ? 'attend' : 'admit', deadline: 'bedBy', onRenege: 'no-bed' }),
    // Not into the end of an earlier session on the same theatre: a session is its own list.
    waitUntilAttribute('sessionStart'),
    switchOn('theatre', svc.theatres.map((_, k) => ({ op: '==' as const, value: k, to: `op-${k}` })), 'op-0'),
    ...surgery,
    ...(svc.caseMix ? stayByProcedure(svc, dd ? 'stayed' : 'home') : [delay(svc.los, { label: 'stay', stream: `los:${id}`, ...seasonal })]),
    ...(dd
      ? [
          branch([{ to: 'fit-delayed', weight: dd.probability }, { to: 'home', weight: 1 - dd.probability }], { stream: `delayed:${id}`, ...(svc.caseMix ? { label: 'stayed' } : {}) }),
          set('delayedFrom', 'now', { label: 'fit-delayed' }),
          delay(dd.duration, { stream: `delayed-days:${id}`, ...seasonal }),
          record(out.delayed, 'delayedFrom', { countWhen: 'ended' }),
        ]
      : []),
    release(svc.ward, { label: 'home' }),
    ...fromReferral('departure'),
    exit(),
    record(out.noBed, 'referred', { label: 'no-bed', countWhen: 'ended' }),
    goto('relist'),
    release(svc.ward, { label: 'no-theatre' }),
    record(out.noTheatre, 'referred', { countWhen: 'ended' }),
    goto('relist'),
    // The list as it stands at the start: referred some time ago.
    ...(svc.initialList
      ? [set('referred', 'now', { label: 'backlog', ago: svc.initialList.age, stream: `backlog-age:${id}` }),
         ...(svc.caseMix ? [goto('mix')] : [set('planned', svc.planned, { stream: `planned:${id}` }), goto('relist')])]
      : []),
    ...(ages ? ages.classes.flatMap((_, k) => [set(LIST_CLASS, k, { label: `class-${k}` }), goto('join')]) : []),
    // The age profile: one entry per band, its referral dates drawn within the band.
    ...(svc.initialBands ?? []).flatMap((b, k): StepDef[] => [
      set('referred', 'now', { label: `backlog-band-${k}`, ago: uniform(b.fromHours, b.toHours), stream: `backlog-age:${id}:${k}` }),
      ...(svc.caseMix ? [goto('mix')] : [set('planned', svc.planned, { stream: `planned:${id}` }), goto('relist')]),
    ]),
  ];
  // Ordered by urgency (priority, then referral date): booking visits the few it books.
  model.store(store, { orderBy: 'referred' }).pathway(pathway, steps);
  svc.initialBands?.forEach((b, k) => {
    const r = svc.referrals.find((x) => x.class === b.class)!;
    if (b.patients > 0) model.source(`backlog:${id}:${b.class}:${k}`, { pathway: `${pathway}/backlog-band-${k}`, class: b.class, priority: r.priority, times: [0], batch: b.patients });
  });
  if (svc.initialList && svc.initialList.patients > 0) {
    // Shared among the referral classes in proportion to their referral rates.
    const weights = svc.referrals.map((r) => r.perWeek ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    let given = 0;
    svc.referrals.forEach((r, k) => {
      const n = k === svc.referrals.length - 1 ? svc.initialList!.patients - given : Math.round((svc.initialList!.patients * weights[k]) / total);
      given += n;
      if (n > 0) model.source(`backlog:${id}:${r.class}`, { pathway: `${pathway}/backlog`, class: r.class, priority: r.priority, times: [0], batch: n });
    });
  }
  for (const r of svc.referrals) {
    const name = `referrals:${id}:${r.class}`;
    if (r.times) model.source(name, { pathway, class: r.class, priority: r.priority, times: r.times });
    else model.source(name, { pathway, class: r.class, priority: r.priority, rate: (r.perWeek ?? 0) / WEEK, ...(r.rateFactor ? { rateFactor: r.rateFactor } : {}) });
  }
  const rule = {
    store,
    admitLabel: `${pathway}/admit`,
    sessions: svc.sessions,
    leadHours: svc.leadHours ?? 1,
    noticeHours: svc.noticeHours ?? 0,
    bedCutoffHours: svc.bedCutoffHours ?? 0,
    templates: svc.caseMix ? svc.templates : undefined,
  };
  // A list with no sessions (a site that does not operate on it) is never booked.
  if (svc.sessions.length > 0) {
    // At one instant controllers act in the order defined: the start's bookings (the
    // earliest sessions) before the regular ones.
    if (rule.noticeHours > 0) model.controller(`booking-at-start:${id}`, { times: [0], act: bookStartingSessions(rule) });
    model.controller(`booking:${id}`, { times: bookingTimes(rule), repeatEvery: WEEK, act: bookSessions(rule) });
    if (rule.noticeHours > 0) model.controller(`call-in:${id}`, { times: callInTimes(rule), repeatEvery: WEEK, act: callIn(rule) });
  }
  if (svc.extraSessions) addExtraSessions(model, id, rule, svc.theatres, svc.extraSessions);
  model.controller(`census:${id}`, { times: [0], repeatEvery: CENSUS_EVERY, act: listCensus(store, out.census, ages) });
}

/**
 * At surgery on theatre k of a list in mutual aid: a patient whose home is another list
 * (AID_HOME set and not this list's code) is recorded as received; the list's own patients
 * (never moved: NaN matches no case; or moved back home) go straight on to `operate-k`.
 * Instantaneous steps, no random draw: the run's other numbers are as without them.
 */
function receivedSteps(code: number, output: string, k: number): StepDef[] {
  return [
    switchOn(AID_HOME, [{ op: '==', value: code, to: `operate-${k}` }, { op: '>', value: 0, to: `received-${k}` }], `operate-${k}`),
    record(output, 'referred', { label: `received-${k}`, countWhen: 'ended' }),
  ];
}

/**
 * The planned case time: the list's, or with a case mix the procedure drawn by share,
 * its own (label `mix`, where a patient of the starting list comes in too).
 */
function planSteps(svc: ElectiveService): StepDef[] {
  const id = svc.id;
  if (!svc.caseMix) return [set('planned', svc.planned, { stream: `planned:${id}` })];
  const mix = svc.caseMix;
  return [
    branch(mix.map((p, k) => ({ to: `mix-${k}`, weight: p.share })), { label: 'mix', stream: `case-mix:${id}` }),
    ...mix.flatMap((p, k): StepDef[] => [
      set('procedure', k, { label: `mix-${k}` }),
      set('planned', p.planned ?? svc.planned, { stream: `planned:${id}` }),
      goto('relist'),
    ]),
  ];
}

/** The stay by procedure (label `stay`), each operation counted under its procedure, then on to `next`. */
function stayByProcedure(svc: ElectiveService, next: string): StepDef[] {
  const id = svc.id;
  const mix = svc.caseMix!;
  return [
    switchOn('procedure', mix.map((_, k) => ({ op: '==' as const, value: k, to: `stay-${k}` })), 'stay-0', { label: 'stay' }),
    ...mix.flatMap((p, k): StepDef[] => [
      record(`operated:${id}/${p.procedure}`, 'referred', { label: `stay-${k}`, countWhen: 'ended' }),
      delay(p.los ?? svc.los, { stream: `los:${id}`, ...(svc.losFactor ? { durationFactor: svc.losFactor } : {}) }),
      goto(next),
    ]),
  ];
}
