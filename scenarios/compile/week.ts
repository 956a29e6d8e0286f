// A scenario's clock times and weekdays ("mon", "08:00") as the hospital layer's plain
// weekly spans (weekday indices, hours). Day 0 of the engine is the scenario's startWeekday.
import { clockHours, weekdayIndex, type Weekday } from '../schema/time.ts';
import type { Role, Theatre } from '../schema/site.ts';
import { weeklySpans, weeklyWindows, type Window, type WeeklySpan } from '../../engine/hospital/week.ts';
import { rosteredHoursPerWeek, type RoleParams } from '../../engine/hospital/roster.ts';

type ClockSpan = { readonly days: readonly Weekday[]; readonly start: string; readonly end: string };

/** "These weekdays, HH:MM to HH:MM" as a plain span (the schema has checked the clock times). */
export function toSpan(it: ClockSpan): WeeklySpan {
  return { days: it.days.map(weekdayIndex), start: clockHours(it.start)!, end: clockHours(it.end)! };
}

/** A role with its shifts as plain spans. */
export function toRole(role: Role): RoleParams {
  const { shifts, ...rest } = role;
  return shifts ? { ...rest, shifts: shifts.map((s) => ({ ...toSpan(s), count: s.count })) } : rest;
}

/** A theatre's sessions in the engine's week, one window each, in order; touching sessions stay two. */
export function sessionWindows(theatre: Theatre, startWeekday: Weekday): Window[] {
  return weeklySpans(theatre.sessions.map(toSpan), weekdayIndex(startWeekday));
}

/** The windows of clock spans in the engine's week, sorted and merged. */
export function clockWindows(items: readonly ClockSpan[], startWeekday: Weekday): Window[] {
  return weeklyWindows(items.map(toSpan), weekdayIndex(startWeekday));
}

/** Paid hours per week of a role. */
export function roleHoursPerWeek(role: Role, startWeekday: Weekday): number {
  return rosteredHoursPerWeek(toRole(role), weekdayIndex(startWeekday));
}
