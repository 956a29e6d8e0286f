// A theatre is one room, open in its weekly sessions: a pool whose capacity is 1 in a
// session and 0 outside. An operation still running when the theatre closes finishes
// (`onCapacityDrop: 'finish'`): that time past the session is an overrun, measured in
// kpis.ts from the theatre's busy time outside its sessions.
//
// Sessions that touch (08:00-14:00 and 14:00-20:00, the usual AM and PM lists) are
// separate sessions, booked apart, each with its own case cap (booking.ts), though the
// room stays open across 14:00. A case of the AM list still running at 14:00 takes the
// first minutes of the PM session: that time counts as theatre time in session (the room
// is staffed and open) and as a late start of the PM list, not as an overrun; overrun is
// only time when no session of the theatre is running.
import type { PoolDef } from '../core/model.ts';
import { WEEK, mergeWindows, weeklySpans, type Window, type WeeklySpan } from './week.ts';

/** The theatre's sessions in the engine's week, one window each, in order; touching sessions stay two. */
export function sessionWindows(sessions: readonly WeeklySpan[], firstWeekday: number): Window[] {
  return weeklySpans(sessions, firstWeekday);
}

/** A weekly capacity schedule: 1 while a session runs, 0 between (no drop between touching sessions). */
export function theatrePool(sessions: readonly Window[]): PoolDef {
  const open = mergeWindows(sessions);
  const points: { at: number; capacity: number }[] = [];
  if (open.length === 0 || open[0][0] > 0) points.push({ at: 0, capacity: 0 });
  for (const [from, to] of open) {
    points.push({ at: from, capacity: 1 });
    if (to < WEEK) points.push({ at: to, capacity: 0 });
  }
  return { capacity: 1, discipline: 'priority', onCapacityDrop: 'finish', schedule: { period: WEEK, points } };
}
