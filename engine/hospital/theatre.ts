// A theatre is one room, open in its weekly sessions: a pool whose capacity is 1 in a
// session and 0 outside. An operation still running when the session ends finishes
// (`onCapacityDrop: 'finish'`): that time past the session is an overrun, measured in
// kpis.ts from the theatre's busy time outside its sessions.
import type { PoolDef } from '../core/model.ts';
import type { Theatre } from '../../scenarios/schema/site.ts';
import type { Weekday } from '../../scenarios/schema/time.ts';
import { WEEK, weeklyWindows, type Window } from './site.ts';

export function sessionWindows(theatre: Theatre, startWeekday: Weekday): Window[] {
  return weeklyWindows(theatre.sessions, startWeekday);
}

/** A weekly capacity schedule: 1 in each window, 0 between. */
export function theatrePool(windows: readonly Window[]): PoolDef {
  const points: { at: number; capacity: number }[] = [];
  if (windows.length === 0 || windows[0][0] > 0) points.push({ at: 0, capacity: 0 });
  for (const [from, to] of windows) {
    points.push({ at: from, capacity: 1 });
    if (to < WEEK) points.push({ at: to, capacity: 0 });
  }
  return { capacity: 1, discipline: 'priority', onCapacityDrop: 'finish', schedule: { period: WEEK, points } };
}
