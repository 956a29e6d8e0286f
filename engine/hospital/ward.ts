// A ward (or ED cubicles, chairs, trolleys) is a bed pool. Beds opened or closed during
// the run (winter escalation) are a one-off capacity schedule; a bed closed while
// occupied closes when its patient leaves. Queues serve the most urgent class first.
import type { PoolDef } from '../core/model.ts';
import type { Ward } from '../../scenarios/schema/site.ts';
import { DAY } from './site.ts';

/** Hour-of-day bins of the census by hour (KPI census.byHour): one a clock hour, day 0 starting at 00:00. */
export const CENSUS_BY_HOUR = { period: DAY, bins: 24 } as const;

/** A ward's bed pool; `byHour` also keeps its census by hour of day (opt-in: it costs a little on every change). */
export function wardPool(ward: Ward, byHour = false): PoolDef {
  const def: PoolDef = { capacity: ward.beds, discipline: 'priority' };
  if (byHour) def.profile = CENSUS_BY_HOUR;
  if (ward.changes?.length) {
    const points = [{ at: 0, capacity: ward.beds }];
    for (const c of ward.changes) {
      const at = c.fromDay * DAY;
      if (at === 0) points[0].capacity = c.beds;
      else points.push({ at, capacity: c.beds });
    }
    def.schedule = { points };
  }
  return def;
}

/** Patients medically fit but not discharged, still in their bed: counted apart to give delayed-discharge bed-days. */
export const delayedPool: PoolDef = { capacity: Infinity };

/** Who may use a ward: everyone, or only the classes it is ring-fenced for. */
export function openTo(ward: Ward, cls: string): boolean {
  return !ward.ringFencedFor || ward.ringFencedFor.includes(cls);
}
