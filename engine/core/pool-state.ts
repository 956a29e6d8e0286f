// The run-time state and statistics of pools and skilled pools. The rules that move
// entities in and out of them live in counted-pools.ts, preemption.ts and
// skilled-pools.ts; this file holds what is counted.
import { Level, Tally, CycleProfile } from './stats.ts';
import { WaitingLine } from './waiting-line.ts';
import type { CompiledPool, CompiledTeam } from './model.ts';
import { EscalationState } from './escalation.ts';
import { StoreOrder } from './store-order.ts';
import { LevelByCapacity } from './level-by-capacity.ts';

export class PoolState {
  readonly id: string;
  readonly index: number;
  capacity: number;
  inUse = 0;
  queueCount = 0;
  blockedCount = 0;
  readonly queueLimit: number;
  readonly preemptive: boolean;
  readonly preemptOnDrop: boolean;
  readonly line: WaitingLine;
  readonly blockedLine: WaitingLine;
  /** Entities holding units, in the order they were granted; kept only where preemption may need a victim. */
  readonly holders: number[] | null;
  /**
   * Requests that found a unit free at this instant, waiting for the instant's other
   * requests before the units are given out by priority (priority lines only: in a FIFO
   * line arrival order decides, which is the order requests come in).
   */
  readonly contenders: WaitingLine | null;
  /** Units may be given out at this instant once its requests are all in (kernel.ts settles it). */
  pending = false;

  // statistics (Levels are reset at the end of warm-up)
  readonly busy: Level;
  readonly queue: Level;
  readonly present: Level;
  readonly capacityLevel: Level;
  readonly blocked: Level;
  /** Units in use beyond the capacity in force (work finishing after a scheduled drop: theatre overruns). */
  readonly overrun: Level;
  /**
   * With several classes, the per-class statistics are kept by slot: a class gets one the
   * first time it waits or holds a unit here, so only the pairs of class and pool that meet
   * have statistics. A table of every pair took gigabytes for a model of 3,000 sites, each
   * with its own class and ward: 9 million levels and tallies, and the run died out of
   * memory. `slotOf` maps a class to its slot (-1: none yet); `classOfSlot` back.
   */
  private readonly slotOf: Int32Array | null;
  classOfSlot: Int32Array;
  nSlots = 0;
  /** By slot (with several classes). */
  readonly busyByClass: Level[] | null;
  readonly queueByClass: Level[] | null;
  readonly waits = new Tally();
  /** By slot; with one class, the tally `waits` itself (one add, not two). */
  readonly waitsByClass: Tally[];
  readonly renegeWaits = new Tally();
  readonly profile: CycleProfile | null;
  /**
   * The time with each number present, by the capacity in force (PoolDef.presentByCapacity),
   * kept only where the capacity can change: a pool of constant capacity has it already
   * in `present`'s histogram.
   */
  readonly presentByCapacity: LevelByCapacity | null;
  /** Units in use / entities waiting by slot (kept only with several classes). */
  busyByCls: Int32Array | null;
  queueByCls: Int32Array | null;
  /**
   * The slots whose levels `touch` integrates: those with a unit in use or waiting since
   * the last touch. A class with none adds exactly 0 to its levels' areas, so skipping it
   * changes no figure; it is brought up to `last` (with 0) when it next has one
   * (activate). Without this, every touch integrated every class: a region of dozens
   * of classes spent a third of its time adding zeros.
   */
  private activeCls: Int32Array | null;
  private isActive: Uint8Array | null;
  private nActive = 0;
  /** Time up to which the levels are integrated. */
  last = 0;
  /** Start of the statistics' window: 0, then the end of the warm-up. */
  private statsFrom = 0;
  /** Capacity varies (a schedule, or escalation); some seize step may block on this pool. */
  readonly scheduled: boolean;
  /** Extra units that open under pressure (escalation.ts); null for most pools. */
  readonly escalation: EscalationState | null;
  /** Units a controller has added on top of the schedule (Control.addCapacity): 0 for most pools. */
  added = 0;
  readonly mayBlock: boolean;

  // counters since the end of warm-up
  requests = 0;
  granted = 0;
  waited = 0;
  reneged = 0;
  diverted = 0;
  preempted = 0;
  completed = 0;

  constructor(def: CompiledPool, nClasses: number, capacity: number, warmup: number, mayBlock: boolean) {
    this.id = def.id;
    this.escalation = def.escalation ? new EscalationState(def.escalation, def.index) : null;
    this.scheduled = def.schedule !== null || this.escalation !== null;
    this.mayBlock = mayBlock;
    this.index = def.index;
    this.capacity = capacity;
    this.queueLimit = def.queueLimit;
    this.preemptive = def.discipline === 'preemptive';
    this.preemptOnDrop = def.preemptOnDrop;
    this.line = new WaitingLine(def.discipline !== 'fifo');
    this.blockedLine = new WaitingLine(false, 16);
    this.contenders = def.discipline !== 'fifo' ? new WaitingLine(true, 16) : null;
    this.holders = this.preemptive || this.preemptOnDrop ? [] : null;
    this.busy = new Level(0, 0);
    this.queue = new Level(0, 0);
    this.present = new Level(0, 0, true);
    this.capacityLevel = new Level(0, capacity === Infinity ? 0 : capacity);
    this.blocked = new Level(0, 0);
    this.overrun = new Level(0, 0);
    const several = nClasses > 1;
    const room = Math.min(nClasses, 8);
    this.slotOf = several ? new Int32Array(nClasses).fill(-1) : null;
    this.classOfSlot = new Int32Array(several ? room : 0);
    this.busyByClass = several ? [] : null;
    this.queueByClass = several ? [] : null;
    this.waitsByClass = several ? [] : [this.waits];
    this.busyByCls = several ? new Int32Array(room) : null;
    this.queueByCls = several ? new Int32Array(room) : null;
    this.activeCls = several ? new Int32Array(room) : null;
    this.isActive = several ? new Uint8Array(room) : null;
    this.profile = def.profile ? new CycleProfile(def.profile.period, def.profile.bins, warmup) : null;
    this.presentByCapacity = def.presentByCapacity && this.scheduled ? new LevelByCapacity(0, 0, capacity) : null;
  }

  /**
   * Integrates every level up to `now` with the values in force since the last call.
   * The simulation calls it before the first change at each instant, so several changes
   * at one instant cost one integration, and the levels read the pool's own counts.
   */
  touch(now: number): void {
    const busy = this.inUse, queue = this.queueCount;
    this.busy.integrate(now, busy);
    this.queue.integrate(now, queue);
    this.present.integrate(now, busy + queue);
    if (this.busyByClass !== null) {
      const active = this.activeCls!, busyBy = this.busyByCls!, queueBy = this.queueByCls!;
      let j = 0;
      for (let i = 0; i < this.nActive; i++) {
        const c = active[i], b = busyBy[c], q = queueBy[c];
        this.busyByClass[c].integrate(now, b);
        this.queueByClass![c].integrate(now, q);
        if (b !== 0 || q !== 0) active[j++] = c;
        else this.isActive![c] = 0;
      }
      this.nActive = j;
    }
    // A constant level needs no integration: its mean is its value.
    if (this.scheduled) {
      this.capacityLevel.integrate(now, this.capacity === Infinity ? 0 : this.capacity);
      this.overrun.integrate(now, busy > this.capacity ? busy - this.capacity : 0);
      if (this.escalation !== null) this.escalation.touched(now, busy, this.capacity);
      if (this.presentByCapacity !== null) this.presentByCapacity.integrate(now, busy + queue, this.capacity);
    }
    if (this.mayBlock) this.blocked.integrate(now, this.blockedCount);
    if (this.profile !== null && now > this.last) this.profile.accumulate(this.last, now, busy + queue);
    this.last = now;
  }

  /** The line grows or shrinks by `delta` entities of class `cls` at `now`. */
  queueChange(now: number, cls: number, delta: number): void {
    if (this.last !== now) this.touch(now);
    this.queueCount += delta;
    if (this.queueByCls !== null) {
      const slot = this.slotOf![cls] >= 0 ? this.slotOf![cls] : this.addSlot(cls);
      if (this.isActive![slot] === 0) this.activate(slot);
      this.queueByCls[slot] += delta;
    }
  }

  /** Units in use by class `cls` change by `delta` (with several classes; the pool touched at this instant). */
  busyChange(cls: number, delta: number): void {
    const slot = this.slotOf![cls] >= 0 ? this.slotOf![cls] : this.addSlot(cls);
    if (this.isActive![slot] === 0) this.activate(slot);
    this.busyByCls![slot] += delta;
  }

  /** A wait of class `cls` ended in a unit granted (after the warm-up). */
  addWait(cls: number, w: number): void {
    this.waits.add(w);
    if (this.slotOf !== null) this.waitsByClass[this.slotOf[cls] >= 0 ? this.slotOf[cls] : this.addSlot(cls)].add(w);
  }

  /**
   * A class's first use of this pool: its slot, with levels as they would be had they been
   * kept from the start (at 0 since the statistics' window opened: the same sums, bit for
   * bit) and an empty tally.
   */
  private addSlot(cls: number): number {
    const slot = this.nSlots++;
    if (slot === this.classOfSlot.length) {
      const size = slot * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => { b.set(a); return b; };
      this.classOfSlot = grow(this.classOfSlot, new Int32Array(size));
      this.busyByCls = grow(this.busyByCls!, new Int32Array(size));
      this.queueByCls = grow(this.queueByCls!, new Int32Array(size));
      this.activeCls = grow(this.activeCls!, new Int32Array(size));
      this.isActive = grow(this.isActive!, new Uint8Array(size));
    }
    this.slotOf![cls] = slot;
    this.classOfSlot[slot] = cls;
    this.busyByClass!.push(new Level(this.statsFrom, 0));
    this.queueByClass!.push(new Level(this.statsFrom, 0));
    this.waitsByClass.push(new Tally());
    return slot;
  }

  /** A class with nothing in use or waiting gets some: its levels, left since its last touch at 0, catch up to `last`. */
  private activate(slot: number): void {
    this.isActive![slot] = 1;
    this.activeCls![this.nActive++] = slot;
    this.busyByClass![slot].integrate(this.last, 0);
    this.queueByClass![slot].integrate(this.last, 0);
  }

  /**
   * Copies of the levels integrated up to `now`, leaving the originals alone: reading
   * results in the middle of a run must not change the final figures by a rounding.
   */
  viewAt(now: number): { busy: Level; queue: Level; present: Level; capacity: Level; blocked: Level; overrun: Level; busyByClass: Level[] | null; queueByClass: Level[] | null; classOfSlot: Int32Array; profile: CycleProfile | null; presentByCapacity: LevelByCapacity | null } {
    const at = (l: Level, v: number) => {
      const c = l.clone();
      c.integrate(now, v);
      return c;
    };
    const busy = this.inUse, queue = this.queueCount;
    let profile: CycleProfile | null = null;
    if (this.profile !== null) {
      profile = this.profile.clone();
      if (now > this.last) profile.accumulate(this.last, now, busy + queue);
    }
    let presentByCapacity: LevelByCapacity | null = null;
    if (this.presentByCapacity !== null) {
      presentByCapacity = this.presentByCapacity.clone();
      presentByCapacity.integrate(now, busy + queue, this.capacity);
    }
    return {
      busy: at(this.busy, busy),
      queue: at(this.queue, queue),
      present: at(this.present, busy + queue),
      capacity: this.scheduled ? at(this.capacityLevel, this.capacity === Infinity ? 0 : this.capacity) : this.capacityLevel,
      blocked: this.mayBlock ? at(this.blocked, this.blockedCount) : this.blocked,
      overrun: this.scheduled ? at(this.overrun, busy > this.capacity ? busy - this.capacity : 0) : this.overrun,
      busyByClass: this.busyByClass?.map((l, slot) => at(l, this.busyByCls![slot])) ?? null,
      queueByClass: this.queueByClass?.map((l, slot) => at(l, this.queueByCls![slot])) ?? null,
      classOfSlot: this.classOfSlot.slice(0, this.nSlots),
      profile,
      presentByCapacity,
    };
  }

  /** Called at the end of warm-up: statistics restart from `time`. */
  resetStats(time: number): void {
    this.touch(time);
    this.statsFrom = time;
    for (const l of [this.busy, this.queue, this.present, this.capacityLevel, this.blocked, this.overrun, ...(this.busyByClass ?? []), ...(this.queueByClass ?? [])]) l.reset(time);
    for (const t of this.waitsByClass) t.reset();
    this.waits.reset();
    this.renegeWaits.reset();
    this.requests = this.granted = this.waited = this.reneged = this.diverted = this.preempted = this.completed = 0;
    if (this.escalation !== null) this.escalation.resetStats(time);
    if (this.presentByCapacity !== null) this.presentByCapacity.reset(time);
  }
}

/** A skilled pool: members with roles, skills and costs, one line per skill. */
export class TeamState {
  readonly id: string;
  readonly index: number;
  readonly size: number;
  readonly busyMember: Uint8Array;
  readonly onDuty: Uint8Array;
  /** Member indices in the order the allocation policy tries them. */
  readonly order: Int32Array;
  readonly hasSkill: Uint8Array[]; // [skill][member]
  /** Per skill, the members who have it, in allocation order: a request scans only those. */
  readonly qualified: Int32Array[];
  /** Per member, the skills it has, ascending: a freed member looks at those lines only. */
  readonly skillsOf: Int32Array[];
  readonly lines: WaitingLine[]; // per skill (global skill index)
  /** Requests that found a member free at this instant, per skill, until it is settled (priority teams only; see PoolState). */
  readonly contenders: WaitingLine[] | null;
  pending = false;
  readonly queueCount: Int32Array; // per skill
  readonly roleOf: Int32Array;
  readonly roles: string[];
  readonly hourlyCost: Float64Array;
  // statistics
  readonly busyByRole: Level[];
  readonly onDutyByRole: Level[];
  readonly busyHours: Float64Array;
  readonly dutyHours: Float64Array;
  readonly busySince: Float64Array;
  readonly dutySince: Float64Array;
  /** With busyByClass only: the class each busy member serves, and busy hours by class since statsFrom. */
  readonly busyClassOf: Int32Array | null;
  readonly busyHoursByClass: Float64Array | null;
  readonly waitsBySkill: Tally[];
  readonly queue: Level;
  requests = 0;
  granted = 0;
  reneged = 0;
  statsFrom = 0;

  constructor(def: CompiledTeam, nSkills: number, nClasses = 1) {
    this.id = def.id;
    this.index = def.index;
    const n = (this.size = def.members.length);
    this.busyMember = new Uint8Array(n);
    // On duty from the start, except members on call for an escalation (off until it opens).
    this.onDuty = Uint8Array.from(def.members, (m) => (m.onCall >= 0 ? 0 : 1));
    const idx = def.members.map((_, i) => i);
    if (def.cheapest) idx.sort((a, b) => def.members[a].hourlyCost - def.members[b].hourlyCost || a - b);
    this.order = Int32Array.from(idx);
    this.hasSkill = Array.from({ length: nSkills }, (_, s) => Uint8Array.from(def.members, (m) => (m.skills.has(s) ? 1 : 0)));
    this.qualified = this.hasSkill.map((has) => this.order.filter((m) => has[m] === 1));
    this.skillsOf = def.members.map((_, m) => Int32Array.from(this.hasSkill.flatMap((has, s) => (has[m] === 1 ? [s] : []))));
    this.lines = Array.from({ length: nSkills }, () => new WaitingLine(def.byPriority, 16));
    this.contenders = def.byPriority ? Array.from({ length: nSkills }, () => new WaitingLine(true, 4)) : null;
    this.queueCount = new Int32Array(nSkills);
    this.roles = def.roles;
    this.roleOf = Int32Array.from(def.members, (m) => def.roles.indexOf(m.role));
    this.hourlyCost = Float64Array.from(def.members, (m) => m.hourlyCost);
    this.busyByRole = def.roles.map(() => new Level(0, 0));
    this.onDutyByRole = def.roles.map((r) => new Level(0, def.members.filter((m) => m.role === r && m.onCall < 0).length));
    this.busyHours = new Float64Array(n);
    this.dutyHours = new Float64Array(n);
    this.busySince = new Float64Array(n);
    this.dutySince = new Float64Array(n);
    this.busyClassOf = def.busyByClass ? new Int32Array(n) : null;
    this.busyHoursByClass = def.busyByClass ? new Float64Array(nClasses) : null;
    this.waitsBySkill = Array.from({ length: nSkills }, () => new Tally());
    this.queue = new Level(0, 0);
  }

  resetStats(time: number): void {
    for (const l of [...this.busyByRole, ...this.onDutyByRole, this.queue]) l.reset(time);
    for (const t of this.waitsBySkill) t.reset();
    this.busyHours.fill(0);
    this.dutyHours.fill(0);
    this.busyHoursByClass?.fill(0);
    this.busySince.fill(time);
    this.dutySince.fill(time);
    this.requests = this.granted = this.reneged = 0;
    this.statsFrom = time;
  }
}

/** A store (waiting list): who is in it, how long they waited when taken. */
export class StoreState {
  readonly members = new Set<number>(); // insertion order = entry order
  /** Members by urgency, for a store with orderBy (its attribute index in `orderBy`). */
  readonly order: StoreOrder | null;
  /**
   * Members set aside (Control.setAside, e.g. patients booked for a session): still in the
   * store, in its size and countAtLeast, but out of `order`, so inOrder does not visit them.
   */
  readonly aside: StoreOrder | null;
  readonly asideMembers = new Set<number>();
  readonly size = new Level(0, 0);
  readonly waits = new Tally();
  entered = 0;
  taken = 0;

  constructor(readonly id: string, readonly index: number, readonly orderBy = -1) {
    this.order = orderBy >= 0 ? new StoreOrder() : null;
    this.aside = orderBy >= 0 ? new StoreOrder() : null;
  }

  resetStats(time: number): void {
    this.size.reset(time);
    this.waits.reset();
    this.entered = this.taken = 0;
  }
}
