// Capacity that reacts: extra units of a counted pool (escalation beds) that open when the
// pool is under pressure and close when the pressure has passed.
//
// The pressure is the share of the pool's own units in use: units in use ÷ the capacity
// in force without the extra units (its fixed capacity, or its schedule's), the line not
// counted; 0 when nothing is in use, and Infinity when units are in use with none in force.
// Rules, in hours:
//  - the open clock starts when the share is at or above `openAt` and runs while it stays
//    there; falling below it, for any time, stops the clock, which starts again from zero;
//  - once it has run `forHours`, the decision is taken; the units open `openingDelay` later
//    whatever the share does meanwhile (staff have been called in);
//  - while open, the close clock starts when the share is below `closeBelow` and runs while it
//    stays there; after `closeForHours` the units close, and the open clock may start again;
//  - staff on call for the pool (members' onCall) come on duty when the units open and go
//    off duty when they close, each finishing the patient in hand; the units may be 0 (staff
//    called in by a ward's occupancy, no extra beds);
//  - closing never interrupts anyone: the capacity drops by the extra units and units in
//    use beyond it free as their holders leave (with closeBelow < openAt ≤ 1 nothing is in
//    an extra unit when they close, since fewer than the own units are in use).
// The share is read at the end of each instant at which the pool changed (a `check`
// event after every other event of the instant), so a change undone at the same instant
// starts or stops no clock. Only pools with escalation get these events: a model without
// any runs exactly as before.
import { Level } from './stats.ts';
import { Priority } from './calendar.ts';
import type { Kernel } from './kernel.ts';
import type { PoolState } from './pool-state.ts';

/** A pool's escalation rule (PoolDef.escalation), times in hours. */
export interface EscalationDef {
  /** Extra units that open together. */
  units: number;
  /** Share of the own units in use (0 < openAt ≤ 1) at or above which the open clock runs. */
  openAt: number;
  /** Hours the share must stay at or above openAt before the decision to open. */
  forHours: number;
  /** Hours from the decision to the units being open. */
  openingDelay: number;
  /** Share (0 ≤ closeBelow < openAt) below which the close clock runs while open. */
  closeBelow: number;
  /** Hours the share must stay below closeBelow before the units close. */
  closeForHours: number;
}

export const enum Phase { Closed = 0, Opening = 1, Open = 2 }

// What an escalation event does: the low two bits of its code (the pool index above them).
const enum Act { Check = 0, Decide = 1, Open = 2, Close = 3 }

/** One pool's escalation: its phase, clocks and statistics over the measured window. */
export class EscalationState {
  readonly def: EscalationDef;
  phase: Phase = Phase.Closed;
  /** Extra units open now (def.units while open, else 0). */
  open = 0;
  /** Start of the running open (close) clock; NaN when it is not running. */
  aboveSince = NaN;
  belowSince = NaN;
  /** Instant for which a check is pending (-1: none). */
  checkDue = -1;
  /** Set by the kernel's Escalation module: where a change asks for a check. */
  owner: Escalation | null = null;
  /** Staff on call for this escalation, as (skilled pool index, member index) pairs. */
  onCall: number[] = [];
  readonly index: number;
  // statistics since the end of warm-up
  /** 1 while the extra units are open. */
  readonly openLevel = new Level(0, 0);
  /** Extra units in use: units in use beyond the own units, at most those open. */
  readonly usedLevel = new Level(0, 0);
  openings = 0;
  decisions = 0;

  constructor(def: EscalationDef, index: number) {
    this.def = def;
    this.index = index;
  }

  /** PoolState.touch: the levels held since the pool's last change, and a check at the end of this instant. */
  touched(now: number, inUse: number, capacity: number): void {
    this.openLevel.integrate(now, this.phase === Phase.Open ? 1 : 0);
    this.usedLevel.integrate(now, extraInUse(inUse, capacity, this.open));
    this.owner!.checkSoon(this, now);
  }

  viewAt(now: number, inUse: number, capacity: number): { open: Level; used: Level } {
    const open = this.openLevel.clone();
    open.integrate(now, this.phase === Phase.Open ? 1 : 0);
    const used = this.usedLevel.clone();
    used.integrate(now, extraInUse(inUse, capacity, this.open));
    return { open, used };
  }

  resetStats(time: number): void {
    this.openLevel.reset(time);
    this.usedLevel.reset(time);
    this.openings = this.decisions = 0;
  }
}

/** Units in use beyond the own units (capacity − open), at most the extra units open. */
function extraInUse(inUse: number, capacity: number, open: number): number {
  const beyond = inUse - (capacity - open);
  return beyond <= 0 ? 0 : beyond < open ? beyond : open;
}

/** Share of the own units in use: 0/0 is 0, n/0 is Infinity. */
export function ownShare(inUse: number, own: number): number {
  return own > 0 ? inUse / own : inUse > 0 ? Infinity : 0;
}

/** The kernel's module for pools with escalation (built only when one has it). */
export class Escalation {
  private readonly k: Kernel;
  private readonly pools: PoolState[];

  constructor(k: Kernel) {
    this.k = k;
    this.pools = k.pools.states.filter((p) => p.escalation !== null);
    for (const p of this.pools) p.escalation!.owner = this;
    k.model.teams.forEach((t, ti) => t.members.forEach((m, mi) => {
      if (m.onCall >= 0) k.pools.states[m.onCall].escalation!.onCall.push(ti, mi);
    }));
  }

  /** A first check once time 0's events are in (changes at time 0 touch no level). */
  start(): void {
    for (const p of this.pools) this.checkSoon(p.escalation!, 0);
  }

  checkSoon(x: EscalationState, now: number): void {
    if (x.checkDue === now) return;
    x.checkDue = now;
    this.k.escalationAt(x.index * 4 + Act.Check, now, Priority.sample);
  }

  /** An escalation event (kernel.ts): `code` is pool index × 4 + what to do. */
  run(code: number): void {
    const p = this.k.pools.states[code >> 2];
    const x = p.escalation!;
    const now = this.k.now;
    switch (code & 3) {
      case Act.Check:
        this.check(p, x);
        break;
      case Act.Decide: // stale if the clock stopped (and maybe started again) since it was set
        if (x.phase === Phase.Closed && x.aboveSince + x.def.forHours === now) this.decide(p, x);
        break;
      case Act.Open:
        if (x.phase === Phase.Opening) this.openUnits(p, x);
        break;
      case Act.Close:
        if (x.phase === Phase.Open && x.belowSince + x.def.closeForHours === now) this.closeUnits(p, x);
        break;
    }
  }

  private check(p: PoolState, x: EscalationState): void {
    const now = this.k.now;
    x.checkDue = -1;
    const share = ownShare(p.inUse, p.capacity - x.open);
    if (x.phase === Phase.Closed) {
      if (share < x.def.openAt) x.aboveSince = NaN;
      else if (Number.isNaN(x.aboveSince)) {
        x.aboveSince = now;
        if (x.def.forHours === 0) this.decide(p, x);
        else this.k.escalationAt(p.index * 4 + Act.Decide, now + x.def.forHours, Priority.capacity);
      }
    } else if (x.phase === Phase.Open) {
      if (share >= x.def.closeBelow) x.belowSince = NaN;
      else if (Number.isNaN(x.belowSince)) {
        x.belowSince = now;
        if (x.def.closeForHours === 0) this.closeUnits(p, x);
        else this.k.escalationAt(p.index * 4 + Act.Close, now + x.def.closeForHours, Priority.capacity);
      }
    }
  }

  private decide(p: PoolState, x: EscalationState): void {
    x.phase = Phase.Opening;
    x.aboveSince = NaN;
    x.decisions++;
    if (x.def.openingDelay === 0) this.openUnits(p, x);
    else this.k.escalationAt(p.index * 4 + Act.Open, this.k.now + x.def.openingDelay, Priority.capacity);
  }

  private openUnits(p: PoolState, x: EscalationState): void {
    const k = this.k;
    const now = k.now;
    if (p.last !== now) p.touch(now);
    x.phase = Phase.Open;
    x.open = x.def.units;
    x.belowSince = NaN;
    x.openings++;
    p.capacity += x.def.units;
    if (k.observer) k.observer({ type: 'capacity', time: now, entity: 0, step: '', pool: p.id }, -1);
    k.pools.serveSoon(p);
    // Staff called in with the units come on duty now, and take whoever waits for their skills.
    for (let j = 0; j < x.onCall.length; j += 2) k.skilled.goOnDuty(k.skilled.states[x.onCall[j]], x.onCall[j + 1]);
    // The units just opened may be taken at this instant: the share is read again after.
    this.checkSoon(x, now);
  }

  private closeUnits(p: PoolState, x: EscalationState): void {
    const k = this.k;
    const now = k.now;
    if (p.last !== now) p.touch(now);
    // Nobody is interrupted: units in use beyond the new capacity free as their holders leave.
    p.capacity -= x.open;
    x.open = 0;
    x.phase = Phase.Closed;
    x.belowSince = NaN;
    // Staff on call go home, each finishing the patient in hand.
    for (let j = 0; j < x.onCall.length; j += 2) k.skilled.goOffDuty(k.skilled.states[x.onCall[j]], x.onCall[j + 1]);
    if (k.observer) k.observer({ type: 'capacity', time: now, entity: 0, step: '', pool: p.id }, -1);
    this.checkSoon(x, now);
  }
}
