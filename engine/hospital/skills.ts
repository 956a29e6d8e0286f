// Skill mix: a site's staff form one skilled pool. A task asks for a skill, not a job
// title; which free qualified member does it is the site's allocation policy (the
// cheapest per hour, or the first listed). The queue serves the most urgent class first.
import type { SkilledPoolDef } from '../core/model.ts';
import { rosterMembers, type RoleParams } from './roster.ts';

/** The site's staff pool, or undefined when the site has no staff. */
export function staffPool(staff: readonly RoleParams[], allocation: SkilledPoolDef['policy'], firstWeekday: number): SkilledPoolDef | undefined {
  const members = staff.flatMap((role) => rosterMembers(role, firstWeekday));
  if (members.length === 0) return undefined;
  return { members, policy: allocation, discipline: 'priority' };
}
