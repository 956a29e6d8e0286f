// Booking theatre sessions from an elective waiting list.
//
// A booking decision fills each session `noticeHours` before the patients are called in:
// patients are chosen in order of clinical priority (P1 first), then longest wait, each
// if their planned case time still fits in what is left of the session (first fit), up to
// an optional case cap. A booked patient stays on the list (they are still waiting: the
// list's size and ages count them) but is reserved for that session, so no other session
// or transfer takes them. `leadHours` before the session they are called in: they need a
// bed by the cut-off (or the operation is cancelled on the day), then wait for their
// session to start (not the end of an earlier one on the same theatre), and need the
// theatre before the session ends (or it is cancelled for want of theatre time). Each
// session is its own unit, with its own cap, even when it touches the next one (AM and
// PM lists, 08:00-14:00 and 14:00-20:00); a cancelled patient
// returns to the list unreserved, keeping their referral date. With no notice, booking
// and calling in are one decision, as before notice existed.
import type { Control } from '../core/control.ts';

export interface TheatreSession {
  /** Index of the theatre (its pool) among the list's theatres. */
  theatre: number;
  /** Hours from the start of the week (day 0 of the run) to the session's start and end. */
  start: number;
  end: number;
  /** Most cases in the session (e.g. 4 joints on an all-day list); no cap if omitted. */
  maxCases?: number;
  /** This session's templates (e.g. Monday's list), instead of the rule's; none: no template. */
  templates?: BookingRule['templates'];
}

export interface BookingRule {
  store: string;
  /** Label booked patients go to when called in (they then seek a bed, then the theatre). */
  admitLabel: string;
  sessions: TheatreSession[];
  /** Hours before a session starts that its patients are called in. */
  leadHours: number;
  /** Hours before the call-in that the session is booked (0: booked when called in). */
  noticeHours?: number;
  /** Hours after the session's start by which a bed must be free (0: at the start). */
  bedCutoffHours: number;
  /**
   * Timed slots (clinics, scanners): each booked patient gets an appointment time, the
   * session's start plus the planned time of those booked before them in the session
   * (attribute `slotAt`), and comes then rather than at the session's start.
   */
  slotted?: boolean;
  /**
   * Session templates (case mix): each session draws one, by probability, from the
   * stream `template:<store>`, and books at most `cases[k]` patients of procedure k (the
   * attribute `procedure`) and at most `total` in all: "2 primary joints or 1 revision".
   */
  templates?: { probability: number; cases: number[]; total?: number }[];
}

export const WEEK = 168;

/** Attribute holding the start time of the session a patient is booked for (unset or < 0: not booked). */
export const RESERVED = 'reservedFor';

const mod = (t: number) => ((t % WEEK) + WEEK) % WEEK;
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** Booking times within the week: one per distinct session start, lead + notice before it. */
export function bookingTimes(rule: BookingRule): number[] {
  return [...new Set(rule.sessions.map((s) => mod(s.start - rule.leadHours - (rule.noticeHours ?? 0))))].sort((a, b) => a - b);
}

/** Call-in times within the week (only with notice): one per distinct session start, lead before it. */
export function callInTimes(rule: BookingRule): number[] {
  return [...new Set(rule.sessions.map((s) => mod(s.start - rule.leadHours)))].sort((a, b) => a - b);
}

/**
 * Fills the sessions due (starting weekStart + s.start) from the list's patients not yet
 * booked, most urgent first (clinical priority, then referral date, then order of
 * creation: the store's order), each patient whose planned time still fits (first fit)
 * up to the case cap; the others stay for the next session. A session visits the patients
 * it books and those who do not fit, not the whole list: before the store kept this
 * order, each booking copied and heapified a list of thousands to book three; and a
 * patient booked is set aside (still on the list), so later bookings do not pass over the
 * hundred or so booked within the notice period, as they did before.
 */
function fill(c: Control, rule: BookingRule, due: readonly TheatreSession[], weekStart: number, callNow: boolean): void {
  const booked = bookedFor(c, rule);
  for (const s of due) {
    let left = s.end - s.start;
    let cases = 0;
    // The session's template, if the list has some: quotas by procedure.
    const templates = s.templates ?? rule.templates;
    const quota = templates && templates.length > 0 ? drawTemplate(c, rule, templates) : undefined;
    let quotaLeft = quota ? quota.cases.reduce((a, b) => a + b, 0) : Infinity;
    const cap = Math.min(s.maxCases ?? Infinity, quota?.total ?? Infinity);
    const start = weekStart + s.start;
    let slotAt = start;
    // Booked by this session: taken (called in now) or set aside (reserved) after the
    // visit, in booking order (the list's order must not change under the visit).
    const chosen: number[] = [];
    // The list by urgency (the store's order, elective.ts), without those reserved for a
    // session already (set aside: the visit does not pass over them); those who do not fit
    // are passed over and stay for the next session.
    c.inOrder(rule.store, (e) => {
      if (!(cases < cap && quotaLeft > 0)) return false;
      if (c.attr(e, RESERVED) >= 0) return true;
      const planned = c.attr(e, 'planned');
      const procedure = quota ? c.attr(e, 'procedure') : 0;
      if (quota && !(quota.cases[procedure] > 0)) return true;
      if (!(planned <= left + 1e-9)) return true;
      if (quota) {
        quota.cases[procedure]--;
        quotaLeft--;
      }
      // A slotted patient comes at their slot (no bed, no session start to wait for).
      // Slot times accumulate as the engine's clock does (the last one's time plus its
      // length), so a slot starts at the very instant the one before ends.
      if (rule.slotted) {
        c.setAttr(e, 'slotAt', slotAt);
        slotAt += planned;
      } else {
        c.setAttr(e, 'sessionStart', start);
        c.setAttr(e, 'bedBy', start + rule.bedCutoffHours);
      }
      left -= planned;
      cases++;
      c.setAttr(e, 'theatre', s.theatre);
      c.setAttr(e, 'sessionEnd', weekStart + s.end);
      if (!callNow) {
        c.setAttr(e, RESERVED, start);
        booked.get(start)?.push(e) ?? booked.set(start, [e]);
      }
      chosen.push(e);
      return true;
    });
    if (callNow) for (const e of chosen) c.take(e, rule.admitLabel);
    else for (const e of chosen) c.setAside(e);
  }
}

/** A session's template drawn by probability: a fresh copy of its quotas. */
function drawTemplate(c: Control, rule: BookingRule, ts: NonNullable<BookingRule['templates']>): { cases: number[]; total?: number } {
  let u = c.rng(`template:${rule.store}`)() * ts.reduce((a, t) => a + t.probability, 0);
  let k = 0;
  while (k < ts.length - 1 && u >= ts[k].probability) u -= ts[k++].probability;
  return { cases: ts[k].cases.slice(), total: ts[k].total };
}

/** The booking decision, run at each booking time. Attributes used: planned, referred, theatre, sessionStart, bedBy, sessionEnd, reservedFor. */
export function bookSessions(rule: BookingRule): (c: Control) => void {
  const ahead = rule.leadHours + (rule.noticeHours ?? 0);
  return (c) => {
    const weekStart = Math.floor((c.now + ahead) / WEEK) * WEEK;
    const startsAt = c.now + ahead - weekStart;
    const due = rule.sessions.filter((s) => same(s.start, startsAt));
    if (due.length > 0) fill(c, rule, due, weekStart, !(rule.noticeHours! > 0));
  };
}

/**
 * At the start of the run, the sessions whose booking time has already passed (those
 * called in within the notice) are booked at once, earliest first, so the first weeks'
 * lists are not empty.
 */
export function bookStartingSessions(rule: BookingRule): (c: Control) => void {
  const notice = rule.noticeHours ?? 0;
  return (c) => {
    const firstWeek = Math.floor((c.now + rule.leadHours) / WEEK);
    const lastWeek = Math.floor((c.now + rule.leadHours + notice) / WEEK);
    for (let w = firstWeek; w <= lastWeek; w++) {
      const weekStart = w * WEEK;
      const starts = [...new Set(rule.sessions.map((s) => s.start))].sort((a, b) => a - b);
      for (const at of starts) {
        const callIn = weekStart + at - rule.leadHours;
        if (!(callIn >= c.now && callIn < c.now + notice)) continue;
        fill(c, rule, rule.sessions.filter((s) => same(s.start, at)), weekStart, false);
      }
    }
  };
}

/** This run's bookings not yet called in: session start (absolute hours) → patients, in booking order. */
function bookedFor(c: Control, rule: BookingRule): Map<number, number[]> {
  return c.state(bookedKey(rule), () => new Map<number, number[]>());
}

/** The key of a rule's bookings in Control.state, made once per rule (not a string per call). */
const bookedKeys = new WeakMap<BookingRule, string>();
function bookedKey(rule: BookingRule): string {
  let key = bookedKeys.get(rule);
  if (key === undefined) bookedKeys.set(rule, (key = `booked:${rule.store}`));
  return key;
}

/** The call-in (with notice): the patients booked for the sessions starting `leadHours` from now go for a bed, in booking order. */
export function callIn(rule: BookingRule): (c: Control) => void {
  return (c) => {
    const start = c.now + rule.leadHours;
    const booked = bookedFor(c, rule);
    for (const [at, patients] of booked) {
      if (!same(at, start)) continue;
      booked.delete(at);
      // Still booked for this session (nothing else takes a reserved patient off the list).
      for (const e of patients) if (same(c.attr(e, RESERVED), start)) c.take(e, rule.admitLabel);
    }
  };
}
