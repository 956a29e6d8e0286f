// Capacity that follows a timetable: a counted pool's capacity schedule (points repeating
// every period, or one-off), and the shifts of skilled pools' members. Each pool, and each
// member with shifts, has one pending change in the calendar at a time.
import { preemptOverCapacity } from './preemption.ts';
import type { Kernel } from './kernel.ts';

export class CapacitySchedules {
  private readonly k: Kernel;
  /** Per scheduled pool: the schedule point its pending capacity event applies. */
  private readonly capacityPoint: Int32Array;
  /** Members are numbered across skilled pools: global member = memberBase[pool] + member. */
  private readonly memberBase: Int32Array;

  constructor(k: Kernel) {
    this.k = k;
    this.capacityPoint = new Int32Array(k.model.pools.length);
    const teams = k.skilled.states;
    this.memberBase = new Int32Array(teams.length);
    let base = 0;
    teams.forEach((t, i) => { this.memberBase[i] = base; base += t.size; });
  }

  /** The first change of every schedule and shift (the order fixes calendar sequence numbers). */
  start(): void {
    const m = this.k.model;
    for (const p of m.pools) if (p.schedule) this.scheduleCapacity(p.index, 0);
    m.teams.forEach((t, ti) => t.members.forEach((mem, mi) => {
      if (mem.shifts) this.initShift(ti, mi);
    }));
  }

  changeCapacity(pi: number): void {
    const k = this.k;
    const now = k.now;
    const p = k.pools.states[pi];
    const sched = k.model.pools[pi].schedule!;
    // The point this event was scheduled for, not capacityAt(now): the time within the
    // period, recomputed from an absolute time, can round to just before the point (a
    // 14:01 session in the second week) and read the capacity before it.
    const cap = sched.capacities[this.capacityPoint[pi]];
    if (p.last !== now) p.touch(now);
    // Escalation units open, and units a controller added, stay open on top of the schedule's own units.
    p.capacity = (p.escalation === null ? cap : cap + p.escalation.open) + p.added;
    if (k.observer) k.observer({ type: 'capacity', time: now, entity: 0, step: '', pool: p.id }, -1);
    if (p.preemptOnDrop) preemptOverCapacity(k, p);
    k.pools.serveSoon(p);
    this.scheduleCapacity(pi, now);
  }

  private scheduleCapacity(pi: number, after: number): void {
    const sched = this.k.model.pools[pi].schedule!;
    const j = nextPoint(sched, after);
    if (j < 0) return;
    this.capacityPoint[pi] = j;
    this.k.capacityChangeAt(pi, nextPointAt);
  }

  private initShift(ti: number, mi: number): void {
    const team = this.k.skilled.states[ti];
    const shifts = this.k.model.teams[ti].members[mi].shifts!;
    const on = onDutyAt(shifts, 0);
    team.onDuty[mi] = on ? 1 : 0;
    if (!on) team.onDutyByRole[team.roleOf[mi]].add(0, -1);
    this.scheduleShift(ti, mi, 0);
  }

  private scheduleShift(ti: number, mi: number, after: number): void {
    const shifts = this.k.model.teams[ti].members[mi].shifts!;
    this.k.shiftChangeAt(this.memberBase[ti] + mi, nextShiftChange(shifts, after));
  }

  /** A member's shift starts or ends (`global` numbers members across skilled pools). */
  shift(global: number): void {
    const k = this.k;
    const teams = k.skilled.states;
    let ti = teams.length - 1;
    while (this.memberBase[ti] > global) ti--;
    const mi = global - this.memberBase[ti];
    const team = teams[ti];
    const shifts = k.model.teams[ti].members[mi].shifts!;
    const now = k.now;
    if (onDutyAt(shifts, now)) k.skilled.goOnDuty(team, mi);
    else k.skilled.goOffDuty(team, mi);
    this.scheduleShift(ti, mi, now);
  }
}

/** Capacity in force at time t under a schedule (before the first point of a cycle, the last point's value carries over). */
export function capacityAt(s: { period: number; times: number[]; capacities: number[] }, t: number): number {
  const x = s.period === Infinity ? t : t - Math.floor(t / s.period) * s.period;
  let cap = s.period === Infinity ? NaN : s.capacities[s.capacities.length - 1];
  for (let k = 0; k < s.times.length && s.times[k] <= x; k++) cap = s.capacities[k];
  if (Number.isNaN(cap)) cap = s.capacities[0]; // one-off schedule: before its first point, its first value
  return cap;
}

/** Time of the point nextPoint() found (a module variable, not an object per call). */
let nextPointAt = Infinity;

/** Index of the next point after `after` (the last of several at one time), its time left in nextPointAt; -1 if none. */
function nextPoint(s: { period: number; times: number[] }, after: number): number {
  const n = s.times.length;
  let k: number;
  if (s.period === Infinity) {
    k = firstAfter(s.times, 0, after);
    if (k === n) return -1;
    nextPointAt = s.times[k];
  } else {
    const base = Math.floor(after / s.period) * s.period;
    k = firstAfter(s.times, base, after);
    if (k < n) nextPointAt = base + s.times[k];
    else {
      k = 0;
      nextPointAt = base + s.period + s.times[0];
    }
  }
  while (k + 1 < n && s.times[k + 1] === s.times[k]) k++;
  return k;
}

/**
 * The first j with base + times[j] > after (times.length if none), by bisection: a ward
 * with 120,000 bed changes scanned its list from the start at every change, 37 s a
 * replication. The same comparison as a scan, so the same point: times are increasing,
 * and adding base keeps their order.
 */
function firstAfter(times: number[], base: number, after: number): number {
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (base + times[mid] > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function onDutyAt(shifts: { period: number; on: [number, number][] }, t: number): boolean {
  const x = t - Math.floor(t / shifts.period) * shifts.period;
  for (const [a, b] of shifts.on) if (x >= a && x < b) return true;
  return false;
}

function nextShiftChange(shifts: { period: number; on: [number, number][] }, after: number): number {
  const base = Math.floor(after / shifts.period) * shifts.period;
  let best = Infinity;
  for (let cycle = 0; cycle < 2 && best === Infinity; cycle++) {
    for (const [a, b] of shifts.on) {
      for (const x of [a, b]) {
        const t = base + cycle * shifts.period + x;
        if (t > after && t < best) best = t;
      }
    }
  }
  return best;
}
