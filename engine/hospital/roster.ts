// A roster turns a role's shifts into people on duty: a shift of `count` staff on some
// weekdays is `count` members, each on duty in those windows of every week. A role given
// `count` alone is that many members always on duty. Members going off duty finish the
// patient in hand (engine skilled pools).
import type { MemberDef } from '../core/model.ts';
import type { Role } from '../../scenarios/schema/site.ts';
import type { Weekday } from '../../scenarios/schema/time.ts';
import { WEEK, weeklyWindows } from './site.ts';

export function rosterMembers(role: Role, startWeekday: Weekday): MemberDef[] {
  const base = { role: role.role, skills: role.skills, hourlyCost: role.hourlyCost };
  const members: MemberDef[] = [];
  if (role.shifts) {
    role.shifts.forEach((shift, s) => {
      const on = weeklyWindows([shift], startWeekday);
      for (let k = 1; k <= shift.count; k++) members.push({ ...base, id: `${role.role}-${s + 1}.${k}`, shifts: { period: WEEK, on } });
    });
  } else {
    for (let k = 1; k <= (role.count ?? 0); k++) members.push({ ...base, id: `${role.role}-${k}` });
  }
  return members;
}

/** Members a role has (rosterMembers' length, without building them). */
export function headcount(role: Role): number {
  return role.shifts ? role.shifts.reduce((n, s) => n + s.count, 0) : (role.count ?? 0);
}

/** Paid hours per week of a role (headcount × shift length). */
export function rosteredHoursPerWeek(role: Role, startWeekday: Weekday): number {
  if (!role.shifts) return (role.count ?? 0) * WEEK;
  return role.shifts.reduce((sum, s) => sum + s.count * weeklyWindows([s], startWeekday).reduce((h, [a, b]) => h + b - a, 0), 0);
}
