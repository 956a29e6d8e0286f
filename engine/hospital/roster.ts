// A roster turns a role's shifts into people on duty: a shift of `count` staff on some
// weekdays is `count` members, each on duty in those windows of every week. A role given
// `count` alone is that many members always on duty. Members going off duty finish the
// patient in hand (engine skilled pools).
import type { MemberDef } from '../core/model.ts';
import { WEEK, weeklyWindows, type WeeklySpan } from './week.ts';

/** A staff role: its skills, pay, and either a fixed headcount always on duty or shifts. */
export interface RoleParams {
  readonly role: string;
  readonly skills: readonly string[];
  readonly hourlyCost?: number;
  readonly count?: number;
  /** `count` staff on duty in each span, every week. */
  readonly shifts?: readonly (WeeklySpan & { readonly count: number })[];
  /**
   * Staff of this role on call for pools' escalation (a ward's occupancy): off duty except
   * while that pool's escalation is open; not in the weekly roster's hours.
   */
  readonly onCall?: readonly { readonly pool: string; readonly count: number; readonly hourlyCost?: number }[];
}

export function rosterMembers(role: RoleParams, firstWeekday: number): MemberDef[] {
  const base = { role: role.role, skills: [...role.skills], hourlyCost: role.hourlyCost };
  const members: MemberDef[] = [];
  if (role.shifts) {
    role.shifts.forEach((shift, s) => {
      const on = weeklyWindows([shift], firstWeekday);
      for (let k = 1; k <= shift.count; k++) members.push({ ...base, id: `${role.role}-${s + 1}.${k}`, shifts: { period: WEEK, on } });
    });
  } else {
    for (let k = 1; k <= (role.count ?? 0); k++) members.push({ ...base, id: `${role.role}-${k}` });
  }
  // After the role's rostered members, so that a site's members stay numbered role by role.
  for (const c of role.onCall ?? [])
    for (let k = 1; k <= c.count; k++) members.push({ ...base, hourlyCost: c.hourlyCost ?? role.hourlyCost, id: `${role.role}-on-call@${c.pool}.${k}`, onCall: c.pool });
  return members;
}

/** Members a role has, staff on call included (rosterMembers' length, without building them). */
export function headcount(role: { readonly count?: number; readonly shifts?: readonly { readonly count: number }[]; readonly onCall?: readonly { readonly count: number }[] }): number {
  const rostered = role.shifts ? role.shifts.reduce((n, s) => n + s.count, 0) : (role.count ?? 0);
  return rostered + (role.onCall ?? []).reduce((n, c) => n + c.count, 0);
}

/** Paid hours per week of a role (headcount × shift length). */
export function rosteredHoursPerWeek(role: RoleParams, firstWeekday: number): number {
  if (!role.shifts) return (role.count ?? 0) * WEEK;
  return role.shifts.reduce((sum, s) => sum + s.count * weeklyWindows([s], firstWeekday).reduce((h, [a, b]) => h + b - a, 0), 0);
}
