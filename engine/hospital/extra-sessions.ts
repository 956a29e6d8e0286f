// Extra sessions: a waiting-list initiative. Sessions (a Saturday theatre list, an evening
// scanner list) that run only while a waiting list is long: a daily check opens them when
// the list has stayed long for some days, after a delay to organise them, and stops them
// when it has stayed short for some days (hysteresis, as escalation beds do for a ward).
//
// Rules, checked each day at 00:00 (in whole days; `size` is the list's size then, booked
// patients included, as its census counts them):
//  - closed: the open clock counts consecutive daily checks with size ≥ openAt (a check
//    below resets it to 0); at the forDays-th the decision is taken, and the extra sessions
//    are open from the check openingDelayDays later (at once when 0), whatever the list
//    does meanwhile;
//  - open: the close clock counts consecutive checks with size < closeBelow; at the
//    closeForDays-th they close, and the open clock starts again from the next check;
//  - an extra session runs if they are open at its booking time (noticeHours + leadHours
//    before its start): it is booked from the list then, like any session, and the room
//    (a pool whose schedule leaves it closed then) opens for it from its start to its end
//    (Control.addCapacity). A session booked runs even if they close before its day; one
//    whose booking time was not open never runs and costs nothing. Sessions whose booking
//    time falls before the run's start do not run.
// A booking at 00:00 sees that day's check (run first if it has not run yet).
import type { Model } from '../core/model.ts';
import type { Control } from '../core/control.ts';
import { bookSessions, bookingTimes, callIn, callInTimes, WEEK, type BookingRule, type TheatreSession } from './booking.ts';
import { DAY } from './week.ts';

export interface ExtraSessions {
  /** The extra sessions in the engine's week, `theatre` the index of their room among the list's rooms. */
  sessions: TheatreSession[];
  /** List size at or above which the open clock counts a day. */
  openAt: number;
  /** Consecutive daily checks at or above openAt before the decision to open (≥ 1). */
  forDays: number;
  /** Days from the decision to the sessions being open for booking. */
  openingDelayDays: number;
  /** List size below which, while open, the close clock counts a day (below openAt). */
  closeBelow: number;
  /** Consecutive daily checks below closeBelow before they close (≥ 1). */
  closeForDays: number;
}

/**
 * Outputs (counted after warm-up): `run` one observation per extra session at its start,
 * its hours; `openings` one per opening; `daysOpen` one per daily check at which they are open.
 */
export const extraSessionOutputs = (id: string) => ({
  run: `extra-sessions:${id}`,
  openings: `extra-sessions.openings:${id}`,
  daysOpen: `extra-sessions.days-open:${id}`,
});

const enum Phase { Closed = 0, Opening = 1, Open = 2 }

interface State {
  phase: Phase;
  /** Consecutive checks counted by the running clock (open or close). */
  days: number;
  /** Opening: the check at which they open. */
  openFrom: number;
  /** Time of the last daily check run (-1: none). */
  lastCheck: number;
  /** Sessions booked to run and not yet ended: "room@start" (absolute hours). */
  running: Set<string>;
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const key = (room: number, start: number) => `${room}@${start}`;

/**
 * Adds the extra sessions of a list: `rule` is the list's booking rule (store, label,
 * notice, lead), its sessions replaced by the extra ones; `rooms` the pools the sessions'
 * `theatre` index names. The pools' schedules must leave them closed in the extra sessions.
 */
export function addExtraSessions(model: Model, id: string, rule: BookingRule, rooms: readonly string[], x: ExtraSessions): void {
  if (x.sessions.length === 0) return;
  const out = extraSessionOutputs(id);
  const extra: BookingRule = { ...rule, sessions: x.sessions };
  const stateKey = `extra-sessions:${id}`;
  const state = (c: Control) => c.state<State>(stateKey, () => ({ phase: Phase.Closed, days: 0, openFrom: NaN, lastCheck: -1, running: new Set() }));

  const check = (c: Control, st: State) => {
    const now = c.now;
    st.lastCheck = now;
    if (st.phase === Phase.Opening && now >= st.openFrom - 1e-9) open(c, st);
    const size = c.size(rule.store);
    if (st.phase === Phase.Closed) {
      st.days = size >= x.openAt ? st.days + 1 : 0;
      if (st.days >= x.forDays) {
        st.days = 0;
        if (x.openingDelayDays === 0) open(c, st);
        else {
          st.phase = Phase.Opening;
          st.openFrom = now + x.openingDelayDays * DAY;
        }
      }
    } else if (st.phase === Phase.Open) {
      st.days = size < x.closeBelow ? st.days + 1 : 0;
      if (st.days >= x.closeForDays) {
        st.phase = Phase.Closed;
        st.days = 0;
      }
    }
    if (st.phase === Phase.Open) c.record(out.daysOpen, 1);
  };
  const open = (c: Control, st: State) => {
    st.phase = Phase.Open;
    st.days = 0;
    c.record(out.openings, 1);
  };
  /** The day's check, if this is a check's instant and it has not run yet (a booking at 00:00 sees it). */
  const catchUp = (c: Control, st: State) => {
    const day = Math.round(c.now / DAY) * DAY;
    if (same(c.now, day) && st.lastCheck < day) check(c, st);
  };

  model.controller(`extra-sessions-check:${id}`, { times: [0], repeatEvery: DAY, act: (c) => catchUp(c, state(c)) });

  // The booking: only while open; each session booked is marked to run.
  const book = bookSessions(extra);
  const ahead = extra.leadHours + (extra.noticeHours ?? 0);
  model.controller(`extra-sessions-booking:${id}`, {
    times: bookingTimes(extra), repeatEvery: WEEK, act: (c) => {
      const st = state(c);
      catchUp(c, st);
      if (st.phase !== Phase.Open) return;
      const weekStart = Math.floor((c.now + ahead) / WEEK) * WEEK;
      const startsAt = c.now + ahead - weekStart;
      for (const s of x.sessions) if (same(s.start, startsAt)) st.running.add(key(s.theatre, weekStart + s.start));
      book(c);
    },
  });
  if ((extra.noticeHours ?? 0) > 0) model.controller(`extra-sessions-call-in:${id}`, { times: callInTimes(extra), repeatEvery: WEEK, act: callIn(extra) });

  // The room opens for a session that runs, from its start to its end. One controller for
  // both, ends first: a session ending as the next starts on the same room never leaves
  // the room open twice over at that instant.
  const weekly = [...new Set(x.sessions.flatMap((s) => [s.start, s.end].map((t) => ((t % WEEK) + WEEK) % WEEK)))].sort((a, b) => a - b);
  model.controller(`extra-sessions-rooms:${id}`, {
    times: weekly, repeatEvery: WEEK, act: (c) => {
      const st = state(c);
      for (const s of x.sessions) {
        const weekStart = Math.round((c.now - s.end) / WEEK) * WEEK;
        if (same(c.now - s.end, weekStart) && st.running.delete(key(s.theatre, weekStart + s.start))) c.addCapacity(rooms[s.theatre], -1);
      }
      for (const s of x.sessions) {
        const weekStart = Math.round((c.now - s.start) / WEEK) * WEEK;
        if (!same(c.now - s.start, weekStart) || !st.running.has(key(s.theatre, weekStart + s.start))) continue;
        c.addCapacity(rooms[s.theatre], 1);
        c.record(out.run, s.end - s.start);
      }
    },
  });
}
