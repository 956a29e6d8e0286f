// Booking theatre sessions from an elective waiting list.
//
// A booking decision fills each session `noticeHours` before the patients are called in:
// patients are chosen in order of clinical priority (P1 first), then longest wait, each
// if their planned case time still fits in what is left of the session (first fit), up to
// an optional case cap. A booked patient stays on the list (they are still waiting: the
// list's size and ages count them) but is reserved for that session, so no other session
// or transfer takes them. `leadHours` before the session they are called in: they need a
// bed by the cut-off (or the operation is cancelled on the day) and the theatre before
// the session ends (or it is cancelled for want of theatre time); a cancelled patient
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

interface Candidate { entity: number; priority: number; referred: number; serial: number }

/** Patients free to book, most urgent first: priority, then longest wait since referral (one sort: lists run to thousands). */
function bookable(c: Control, rule: BookingRule): Candidate[] {
  const out: Candidate[] = [];
  for (const e of c.members(rule.store)) {
    if (c.attr(e, RESERVED) >= 0) continue;
    out.push({ entity: e, priority: c.priority(e), referred: c.attr(e, 'referred'), serial: c.serial(e) });
  }
  return out.sort((a, b) => a.priority - b.priority || a.referred - b.referred || a.serial - b.serial);
}

/** Fills the sessions starting at `start` (absolute hours) from `waiting`; returns who is left. */
function fill(c: Control, rule: BookingRule, due: readonly TheatreSession[], weekStart: number, waiting: Candidate[], callNow: boolean): Candidate[] {
  for (const s of due) {
    let left = s.end - s.start;
    let cases = 0;
    const start = weekStart + s.start;
    const rest: typeof waiting = [];
    for (const e of waiting) {
      if (s.maxCases !== undefined && cases >= s.maxCases) { rest.push(e); continue; }
      const planned = c.attr(e.entity, 'planned');
      if (planned <= left + 1e-9) {
        left -= planned;
        cases++;
        c.setAttr(e.entity, 'theatre', s.theatre);
        c.setAttr(e.entity, 'bedBy', start + rule.bedCutoffHours);
        c.setAttr(e.entity, 'sessionEnd', weekStart + s.end);
        if (callNow) c.take(e.entity, rule.admitLabel);
        else c.setAttr(e.entity, RESERVED, start);
      } else rest.push(e);
    }
    waiting = rest;
  }
  return waiting;
}

/** The booking decision, run at each booking time. Attributes used: planned, referred, theatre, bedBy, sessionEnd, reservedFor. */
export function bookSessions(rule: BookingRule): (c: Control) => void {
  const ahead = rule.leadHours + (rule.noticeHours ?? 0);
  return (c) => {
    const weekStart = Math.floor((c.now + ahead) / WEEK) * WEEK;
    const startsAt = c.now + ahead - weekStart;
    const due = rule.sessions.filter((s) => same(s.start, startsAt));
    if (due.length > 0) fill(c, rule, due, weekStart, bookable(c, rule), !(rule.noticeHours! > 0));
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
    let waiting = bookable(c, rule);
    const firstWeek = Math.floor((c.now + rule.leadHours) / WEEK);
    const lastWeek = Math.floor((c.now + rule.leadHours + notice) / WEEK);
    for (let w = firstWeek; w <= lastWeek; w++) {
      const weekStart = w * WEEK;
      const starts = [...new Set(rule.sessions.map((s) => s.start))].sort((a, b) => a - b);
      for (const at of starts) {
        const callIn = weekStart + at - rule.leadHours;
        if (!(callIn >= c.now && callIn < c.now + notice)) continue;
        waiting = fill(c, rule, rule.sessions.filter((s) => same(s.start, at)), weekStart, waiting, false);
      }
    }
  };
}

/** The call-in (with notice): the patients booked for the sessions starting `leadHours` from now go for a bed. */
export function callIn(rule: BookingRule): (c: Control) => void {
  return (c) => {
    const start = c.now + rule.leadHours;
    // Those booked for these sessions, most urgent first (the order they were booked in).
    const booked = c.members(rule.store)
      .filter((e) => same(c.attr(e, RESERVED), start))
      .map((e) => ({ entity: e, priority: c.priority(e), referred: c.attr(e, 'referred'), serial: c.serial(e) }))
      .sort((a, b) => a.priority - b.priority || a.referred - b.referred || a.serial - b.serial);
    for (const e of booked) c.take(e.entity, rule.admitLabel);
  };
}
