// Skill mix: a site's staff form one skilled pool. A task asks for a skill, not a job
// title; which free qualified member does it is the site's allocation policy (the
// cheapest per hour, or the first listed). The queue serves the most urgent class first.
import type { SkilledPoolDef } from '../core/model.ts';
import type { Site } from '../../scenarios/schema/site.ts';
import type { Weekday } from '../../scenarios/schema/time.ts';
import { rosterMembers } from './roster.ts';

/** The site's staff pool, or undefined when the site has no staff. */
export function staffPool(site: Site, startWeekday: Weekday): SkilledPoolDef | undefined {
  const members = site.staff.flatMap((role) => rosterMembers(role, startWeekday));
  if (members.length === 0) return undefined;
  return { members, policy: site.allocation, discipline: 'priority' };
}
