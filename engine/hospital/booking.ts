// Booking theatre sessions from an elective waiting list.
//
// Before each session a booking decision fills it: patients are taken in order of
// clinical priority (P1 first), then longest wait, each if their planned case time still
// fits in what is left of the session (first fit), up to an optional case cap. A booked
// patient is told when the session starts (a bed must be free by then, or the operation
// is cancelled on the day) and when it ends (a case not started by then is cancelled
// for want of theatre time).
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
  /** Label booked patients go to (they then seek a bed, then the theatre). */
  admitLabel: string;
  sessions: TheatreSession[];
  /** Hours before a session starts that it is booked (the patient is called in). */
  leadHours: number;
  /** Hours after the session's start by which a bed must be free (0: at the start). */
  bedCutoffHours: number;
}

export const WEEK = 168;

/** Booking times within the week: one per distinct session start, `leadHours` before it. */
export function bookingTimes(rule: BookingRule): number[] {
  const times = new Set(rule.sessions.map((s) => (((s.start - rule.leadHours) % WEEK) + WEEK) % WEEK));
  return [...times].sort((a, b) => a - b);
}

/** The booking decision, run at each booking time. Attributes used: planned, theatre, bedBy, sessionEnd. */
export function bookSessions(rule: BookingRule): (c: Control) => void {
  return (c) => {
    const weekStart = Math.floor((c.now + rule.leadHours) / WEEK) * WEEK;
    const startsAt = c.now + rule.leadHours - weekStart;
    const due = rule.sessions.filter((s) => Math.abs(s.start - startsAt) < 1e-9);
    if (due.length === 0) return;
    // Clinical priority, then longest wait since referral (a cancelled patient keeps theirs).
    let waiting = c.entries(rule.store)
      .map((e) => ({ e, referred: c.attr(e.entity, 'referred') }))
      .sort((a, b) => a.e.priority - b.e.priority || a.referred - b.referred || a.e.serial - b.e.serial)
      .map((x) => x.e);
    for (const s of due) {
      let left = s.end - s.start;
      let cases = 0;
      const start = weekStart + s.start;
      const rest: typeof waiting = [];
      for (const e of waiting) {
        const planned = c.attr(e.entity, 'planned');
        if ((s.maxCases === undefined || cases < s.maxCases) && planned <= left + 1e-9) {
          left -= planned;
          cases++;
          c.setAttr(e.entity, 'theatre', s.theatre);
          c.setAttr(e.entity, 'bedBy', start + rule.bedCutoffHours);
          c.setAttr(e.entity, 'sessionEnd', weekStart + s.end);
          c.take(e.entity, rule.admitLabel);
        } else rest.push(e);
      }
      waiting = rest;
    }
  };
}
