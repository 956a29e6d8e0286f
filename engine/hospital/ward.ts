// A ward (or ED cubicles, chairs, trolleys) is a bed pool. Beds opened or closed during
// the run (winter escalation) are a one-off capacity schedule; a bed closed while
// occupied closes when its patient leaves. Escalation beds open on top of them under
// pressure (engine/core/escalation.ts). Queues serve the most urgent class first.
import type { PoolDef } from '../core/model.ts';
import { DAY } from './week.ts';

/** What a ward's bed pool is built from. */
export interface WardParams {
  /** Beds open at the start. */
  readonly beds: number;
  /** Beds open from a day on (winter escalation), in day order. */
  readonly changes?: readonly { readonly fromDay: number; readonly beds: number }[];
  /** Only these classes may use the ward (absent: everyone). */
  readonly ringFencedFor?: readonly string[];
  /** Escalation beds: open on top of the beds above when occupancy stays high (engine/core/escalation.ts). */
  readonly escalation?: {
    readonly beds: number;
    /** Share of the ward's own beds open (not the escalation beds) in use. */
    readonly openAt: number;
    readonly forHours: number;
    readonly openingDelayHours: number;
    readonly closeBelow: number;
    readonly closeForHours: number;
  };
}

/** Hour-of-day bins of the census by hour (KPI census.byHour): one a clock hour, day 0 starting at 00:00. */
export const CENSUS_BY_HOUR = { period: DAY, bins: 24 } as const;

/**
 * A ward's bed pool; `byHour` also keeps its census by hour of day (opt-in: it costs a
 * little on every change); `byBedsOpen` its census by the beds open at each moment, for
 * the time above a share of the beds open (the engine does the work only where the beds
 * open can change: changes, escalation).
 */
export function wardPool(ward: WardParams, byHour = false, byBedsOpen = false): PoolDef {
  const def: PoolDef = { capacity: ward.beds, discipline: 'priority' };
  if (byHour) def.profile = CENSUS_BY_HOUR;
  if (byBedsOpen) def.presentByCapacity = true;
  if (ward.changes?.length) {
    const points = [{ at: 0, capacity: ward.beds }];
    for (const c of ward.changes) {
      const at = c.fromDay * DAY;
      if (at === 0) points[0].capacity = c.beds;
      else points.push({ at, capacity: c.beds });
    }
    def.schedule = { points };
  }
  const x = ward.escalation;
  if (x) {
    def.escalation = {
      units: x.beds, openAt: x.openAt, forHours: x.forHours, openingDelay: x.openingDelayHours,
      closeBelow: x.closeBelow, closeForHours: x.closeForHours,
    };
  }
  return def;
}

/** Patients medically fit but not discharged, still in their bed: counted apart to give delayed-discharge bed-days. */
export const delayedPool: PoolDef = { capacity: Infinity };

/** Who may use a ward: everyone, or only the classes it is ring-fenced for. */
export function openTo(ward: WardParams, cls: string): boolean {
  return !ward.ringFencedFor || ward.ringFencedFor.includes(cls);
}
