// The kernel of one replication: the clock, the calendar and the entities that every
// module shares, the event loop, and the dispatch of each event to the module it concerns
// (arrival-sources, walk, counted-pools, skilled-pools, capacity-schedules, controllers,
// observation). Simulation (simulation.ts) is its public face.
//
// The loop pops (time, priority, seq)-ordered events and switches on their kind; no
// closure, promise or object is made per event. An event is one number, its kind in the
// low three bits and its target (source, entity, pool, member, controller) above them; the
// kinds are private to this file, and modules schedule through the helpers below.
//
// Entities granted a unit while another entity acts go on a ready list and continue at
// the same instant once it is done, so a release never recurses into the next entity's
// pathway. Who takes a free place at one instant is the model's decision, not the event
// order's: when another request could still come at this instant (an event due now in the
// same round, an entity on the ready list, the rest of a batch, a place already pending),
// a request that finds a unit free (in a priority line), and a unit freed or added, are
// held over; once the round's events are in (releases, capacity changes, arrivals and
// deadlines; then patience and controllers: calendar.ts), the pending places are given
// out by priority, then arrival order. With nobody else at the instant nothing is held
// over, so an uncontended request is served at once.
import { Calendar, Priority } from './calendar.ts';
import { Entities, EntityState } from './entities.ts';
import { BudgetError, RunError } from './errors.ts';
import { Streams, type Rng } from './random.ts';
import type { CompiledModel, CompiledStep } from './model.ts';
import type { SimEvent, SimObserver, SimEventType } from './results.ts';
import type { RunOptions } from './simulation.ts';
import { CountedPools } from './counted-pools.ts';
import { SkilledPools } from './skilled-pools.ts';
import { CapacitySchedules } from './capacity-schedules.ts';
import { Controllers } from './controllers.ts';
import { Observation } from './observation.ts';
import { Walker } from './walk.ts';
import { ArrivalSources } from './arrival-sources.ts';
import { Escalation } from './escalation.ts';

// Three bits of the payload: eight kinds at most.
const enum Kind { Arrival = 0, Resume = 1, Renege = 2, Capacity = 3, Sample = 4, Warmup = 5, Shift = 6, Control = 7 }

export class Kernel {
  readonly model: CompiledModel;
  readonly steps: CompiledStep[];
  readonly seed: number;
  readonly replication: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly sampleEvery: number;
  readonly nClasses: number;
  readonly nAttrs: number;
  readonly nPools: number;
  readonly streams: Streams;
  readonly rngs: Rng[];
  readonly ent: Entities;
  now = 0;
  /** Entity events (arrivals, ends of delays): RunResult.events. */
  events = 0;
  /** Order of requests: equal priorities are served by ticket. */
  ticketSeq = 0;
  /** Entities of the current batch arrival still to walk: they may contend for the same place. */
  batchLeft = 0;
  observer: SimObserver | null = null;
  /** Every observer reads the event during its call only (none keeps it), so emit reuses one object instead of making one per event. */
  observerTransient = false;
  private readonly observed: SimEvent = { type: 'arrive', time: 0, entity: 0, step: '', pool: '' };

  readonly pools: CountedPools;
  readonly skilled: SkilledPools;
  readonly controllers: Controllers;
  readonly observation: Observation;
  readonly walker: Walker;
  readonly sources: ArrivalSources;
  readonly schedules: CapacitySchedules;
  /** Pools' escalation (extra units under pressure); null when no pool has any. */
  readonly escalation: Escalation | null;

  private readonly calendar = new Calendar();
  private ready: Int32Array = new Int32Array(64);
  private readyHead = 0;
  private readyCount = 0;
  // Pools (index) and skilled pools (-1 - index) with places to give out at this instant.
  private pendingList: Int32Array = new Int32Array(16);
  private pendingCount = 0;
  /** Entities present at once beyond which an arrival stops the run (arrival-sources.ts checks it). */
  readonly maxInSystem: number;
  private readonly maxEvents: number;
  /** Events the budget still allows (counts down: one decrement and compare per event). */
  private eventsLeft: number;

  constructor(model: CompiledModel, options: RunOptions) {
    this.model = model;
    this.seed = options.seed;
    this.replication = options.replication ?? 0;
    this.warmup = options.warmup ?? 0;
    this.horizon = options.horizon ?? Infinity;
    this.sampleEvery = options.sampleEvery ?? 0;
    if (!Number.isFinite(this.seed)) throw new RunError(`seed: expected a finite number, got ${options.seed}`, 0);
    if (!(this.warmup >= 0) || !(this.horizon > this.warmup || (this.horizon === this.warmup && this.horizon === 0)))
      throw new RunError(`warmup/horizon: expected 0 ≤ warmup < horizon, got warmup ${options.warmup}, horizon ${options.horizon}`, 0);
    if (!(this.sampleEvery >= 0)) throw new RunError(`sampleEvery: expected ≥ 0, got ${options.sampleEvery}`, 0);
    this.maxInSystem = options.maxInSystem ?? Infinity;
    this.maxEvents = options.maxEvents ?? Infinity;
    if (!(this.maxInSystem >= 0) || !(this.maxEvents >= 0)) throw new RunError(`maxInSystem/maxEvents: expected ≥ 0, got ${options.maxInSystem}, ${options.maxEvents}`, 0);
    this.eventsLeft = this.maxEvents;
    this.steps = model.steps;
    this.nClasses = model.classes.length;
    this.nAttrs = model.attributes.length;
    this.nPools = model.pools.length;
    this.streams = new Streams(this.seed, this.replication);
    this.rngs = model.streams.map((name) => this.streams.get(name));
    this.ent = new Entities(this.nAttrs, model.pools.length);
    // Built in this order: each reads only the modules before it.
    this.pools = new CountedPools(this);
    this.skilled = new SkilledPools(this);
    this.controllers = new Controllers(this);
    this.observation = new Observation(this);
    this.walker = new Walker(this);
    this.sources = new ArrivalSources(this);
    this.schedules = new CapacitySchedules(this);
    this.escalation = this.pools.states.some((p) => p.escalation !== null) ? new Escalation(this) : null;

    // Initial events. Their order fixes calendar sequence numbers: keep it stable.
    this.sources.start();
    this.schedules.start();
    if (this.warmup > 0) this.calendar.schedule(this.warmup, Priority.release, Kind.Warmup);
    if (this.sampleEvery > 0) this.calendar.schedule(0, Priority.sample, Kind.Sample);
    this.controllers.start();
    if (this.escalation !== null) this.escalation.start(); // last: the events before keep their sequence numbers
  }

  // ---------------------------------------------------------------- the loop

  /** Processes events before `until` (and at it too with atToo), then sets the clock to it. */
  processEvents(until: number, atToo: boolean): void {
    const cal = this.calendar;
    const drainWhenEmpty = this.horizon === Infinity;
    while (cal.size > 0) {
      const next = cal.peekTime();
      if (atToo ? next > until : next >= until) break;
      if (drainWhenEmpty && this.ent.count === 0 && this.sources.active === 0) break;
      if (--this.eventsLeft < 0) this.overBudget('events');
      const payload = cal.pop();
      this.now = cal.time;
      this.dispatch(payload);
      if (this.readyCount > 0) this.drainReady();
      if (this.pendingCount > 0) this.settleDue();
    }
    if (until !== Infinity && until > this.now) this.now = until;
    if (until === this.horizon && until !== Infinity) this.observation.closeSeries();
  }

  /** Processes the next event alone; false when none is left before the horizon. */
  step(): boolean {
    const cal = this.calendar;
    if (cal.size === 0 || cal.peekTime() >= this.horizon) return false;
    if (this.horizon === Infinity && this.ent.count === 0 && this.sources.active === 0) return false;
    if (--this.eventsLeft < 0) this.overBudget('events');
    const payload = cal.pop();
    this.now = cal.time;
    this.dispatch(payload);
    if (this.readyCount > 0) this.drainReady();
    if (this.pendingCount > 0) this.settleDue();
    return true;
  }

  nextEventTime(): number {
    return this.calendar.peekTime();
  }

  private dispatch(payload: number): void {
    const target = payload >> 3;
    switch (payload & 7) {
      case Kind.Arrival:
        this.sources.arrive(target);
        break;
      case Kind.Resume: {
        const ent = this.ent;
        if (ent.token[target] !== this.calendar.key) return; // cancelled (preempted)
        ent.token[target] = -1;
        ent.state[target] = EntityState.Active;
        this.events++;
        this.walker.advance(target);
        break;
      }
      case Kind.Renege:
        if (this.ent.renegeToken[target] === this.calendar.key) this.walker.renege(target);
        break;
      case Kind.Capacity:
        // Targets beyond the pools are escalation events (escalation.ts: pool × 4 + what to do).
        if (target < this.nPools) this.schedules.changeCapacity(target);
        else this.escalation!.run(target - this.nPools);
        break;
      case Kind.Sample:
        this.observation.sample();
        break;
      case Kind.Warmup:
        this.observation.endWarmup();
        break;
      case Kind.Shift:
        this.schedules.shift(target);
        break;
      case Kind.Control:
        this.controllers.run(target);
        break;
    }
  }

  overBudget(budget: 'inSystem' | 'events'): never {
    throw new BudgetError(budget, budget === 'inSystem' ? this.maxInSystem : this.maxEvents, this.replication, this.now);
  }

  // ---------------------------------------------------------------- scheduling (the payload's encoding)

  /** Entity e continues its pathway at t (the end of a delay); preemption cancels it through ent.token. */
  resumeAt(e: number, t: number): void {
    this.ent.token[e] = this.calendar.schedule(t, Priority.release, e * 8 + Kind.Resume);
  }

  /** Entity e leaves its line at t, unless served before (which clears ent.renegeToken). */
  renegeAt(e: number, t: number, priority: number): void {
    this.ent.renegeToken[e] = this.calendar.schedule(t, priority, e * 8 + Kind.Renege);
  }

  arrivalAt(source: number, t: number): void {
    this.calendar.schedule(t, Priority.arrival, source * 8 + Kind.Arrival);
  }

  capacityChangeAt(pool: number, t: number): void {
    this.calendar.schedule(t, Priority.capacity, pool * 8 + Kind.Capacity);
  }

  /** An escalation event (escalation.ts) at t, in the given phase of its instant. */
  escalationAt(code: number, t: number, priority: number): void {
    this.calendar.schedule(t, priority, (this.nPools + code) * 8 + Kind.Capacity);
  }

  /** `member` numbers every member of every skilled pool (CapacitySchedules.memberBase). */
  shiftChangeAt(member: number, t: number): void {
    this.calendar.schedule(t, Priority.capacity, member * 8 + Kind.Shift);
  }

  controlAt(controller: number, t: number): void {
    this.calendar.schedule(t, Priority.control, controller * 8 + Kind.Control);
  }

  sampleAt(t: number): void {
    this.calendar.schedule(t, Priority.sample, Kind.Sample);
  }

  // ---------------------------------------------------------------- the end of an instant

  /** An entity that may walk on once the current one is done, at this instant. */
  pushReady(e: number): void {
    if (this.readyCount === this.ready.length) {
      const bigger = new Int32Array(this.ready.length * 2);
      for (let k = 0; k < this.readyCount; k++) bigger[k] = this.ready[(this.readyHead + k) % this.ready.length];
      this.ready = bigger;
      this.readyHead = 0;
    }
    let i = this.readyHead + this.readyCount++;
    if (i >= this.ready.length) i -= this.ready.length;
    this.ready[i] = e;
  }

  private drainReady(): void {
    const ent = this.ent;
    const walker = this.walker;
    while (this.readyCount > 0) {
      const e = this.ready[this.readyHead];
      this.readyHead = this.readyHead + 1 === this.ready.length ? 0 : this.readyHead + 1;
      this.readyCount--;
      if (ent.state[e] !== EntityState.Granted) continue;
      ent.state[e] = EntityState.Active;
      walker.advance(e);
    }
  }

  /**
   * Whether another request may still come at this instant before its places are given
   * out: an event due now in the same round (calendar.ts), an entity about to continue,
   * the rest of a batch, or places already pending (whose winners will walk on).
   */
  maybeContended(): boolean {
    return this.readyCount > 0 || this.pendingCount > 0 || this.batchLeft > 0 || this.calendar.nextInSameRound(this.now);
  }

  /** A pool (index ≥ 0) or skilled pool (-1 - index) has places to give out once the round is in. */
  markPending(x: number): void {
    if (x >= 0) this.pools.states[x].pending = true;
    else this.skilled.states[-1 - x].pending = true;
    if (this.pendingCount === this.pendingList.length) {
      const bigger = new Int32Array(this.pendingList.length * 2);
      bigger.set(this.pendingList);
      this.pendingList = bigger;
    }
    this.pendingList[this.pendingCount++] = x;
  }

  /** Gives out the pending places once the round's events at this instant are done; winners walk on, and may contend again. */
  private settleDue(): void {
    while (this.pendingCount > 0 && !this.calendar.nextInSameRound(this.now)) {
      // Settling may mark more (a release on entry, a loser's route): they join this list and are settled in turn.
      for (let k = 0; k < this.pendingCount; k++) {
        const x = this.pendingList[k];
        if (x >= 0) this.pools.settle(x);
        else this.skilled.settle(-1 - x);
      }
      this.pendingCount = 0;
      if (this.readyCount > 0) this.drainReady();
    }
  }

  // ---------------------------------------------------------------- observers

  emit(type: SimEventType, e: number, pool = ''): void {
    const step = this.steps[this.currentStep(e)]?.label ?? '';
    if (!this.observerTransient) { this.observer!({ type, time: this.now, entity: this.ent.serial[e], step, pool }, e); return; }
    const x = this.observed;
    x.type = type; x.time = this.now; x.entity = this.ent.serial[e]; x.step = step; x.pool = pool;
    this.observer!(x, e);
  }

  /** The step an entity is at: a delayed (or preempted) entity's index already points past its delay. */
  currentStep(e: number): number {
    const ent = this.ent;
    return ent.state[e] === EntityState.Delayed || ent.remaining[e] >= 0 ? ent.step[e] - 1 : ent.step[e];
  }
}
