// One replication of a compiled model: the event loop and the rules of each step.
//
// The loop pops (time, priority, seq)-ordered events and switches on their kind; no
// closure, promise or object is made per event. Entities granted a unit while another
// entity acts go on a ready list and continue at the same instant once it is done, so a
// release never recurses into the next patient's pathway.
//
// Who takes a free place at one instant is the model's decision, not the event order's:
// when another request could still come at this instant (an event due now in the same
// round, an entity on the ready list, the rest of a batch, a place already pending), a
// request that finds a unit free (in a priority line), and a unit freed or added, are
// held over; once the round's events are in (releases, capacity changes, arrivals and
// deadlines; then patience and controllers: calendar.ts), the pending places are given
// out by priority, then arrival order. With nobody else at the instant nothing is held
// over, so an uncontended request is served at once, exactly as before.
import { Calendar, Priority } from './calendar.ts';
import { Entities, EntityState } from './entities.ts';
import { BudgetError, RunError, fmt, grouped } from './errors.ts';
import { Streams, type Rng } from './random.ts';
import { Tally } from './stats.ts';
import { rateAt } from './arrivals.ts';
import { type CompiledModel, type CompiledStep, type CompiledSource, StepKind, Op, ATTR_CLASS, ATTR_PRIORITY, ATTR_NOW } from './model.ts';
import { PoolState, TeamState, StoreState } from './pool-state.ts';
import type { Control, StoreEntry, StoreTable } from './control.ts';
import type { RunResult, Snapshot, SimEvent, SimEventType } from './results.ts';
import { collectResults, takeSnapshot } from './results.ts';
import { log } from './math.ts';

export interface RunOptions {
  seed: number;
  replication?: number;
  /** Statistics are discarded before this time (hours). */
  warmup?: number;
  /**
   * The run ends at this time; Infinity runs until no entity is left and no source will send
   * more. The measured window is [warmup, horizon): nothing that happens at the horizon
   * itself (an arrival, a departure, an observation) is part of the run.
   */
  horizon?: number;
  /** Sample pool levels every this many hours into a time series (and into cycle profiles). */
  sampleEvery?: number;
  /**
   * Budgets: the run stops with a BudgetError when an arrival would make more than
   * `maxInSystem` entities present at once (memory), or when more than `maxEvents` events
   * have been processed (time). Unlimited by default.
   */
  maxInSystem?: number;
  maxEvents?: number;
}

/** Jumps (branch, switch, goto, a diverted seize) one entity may take at one instant before the run stops: only a loop that takes no time gets there. */
const MAX_JUMPS = 1_000_000;

// Three bits of the payload: eight kinds at most.
const enum Kind { Arrival = 0, Resume = 1, Renege = 2, Capacity = 3, Sample = 4, Warmup = 5, Shift = 6, Control = 7 }
const enum Seized { Granted, Waiting, Moved, Gone }

export class Simulation {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly replication: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly sampleEvery: number;
  now = 0;
  events = 0;
  readonly ent: Entities;
  readonly pools: PoolState[];
  readonly teams: TeamState[];
  readonly stores: StoreState[];
  /** Outputs recorded by controllers, by name (created on first use). */
  readonly controlOutputs = new Map<string, Tally>();
  readonly outputs: Tally[];
  readonly outputsByClass: Tally[][];
  readonly timeInSystem: Tally[];
  /** Observations within each output's target (its record steps' `within`), overall and by class. */
  readonly outputsWithin: Float64Array;
  readonly outputsWithinByClass: Float64Array;
  // Whole-run counts (conservation) and per class over the measured window. In the window,
  // for each class: present at its start + arrived = departed + reneged + diverted + exits
  // by outcome + present at its end.
  arrived = 0;
  departed = 0;
  reneged = 0;
  diverted = 0;
  readonly arrivedByClass: Float64Array;
  readonly departedByClass: Float64Array;
  readonly renegedByClass: Float64Array;
  readonly divertedByClass: Float64Array;
  /** Exits with an outcome, by outcome (model.outcomes): whole run. */
  readonly exited: Float64Array;
  /** Exits with an outcome in the window, at [outcome * classes + class]. */
  readonly exitedByClass: Float64Array;
  /** Entities in the system when the window opened (the end of warm-up), by class. */
  readonly presentAtWarmupByClass: Float64Array;
  measuring: boolean;
  series: { times: number[]; busy: number[][]; queue: number[][]; stores: number[][] } | null;

  private readonly calendar = new Calendar();
  private readonly steps: CompiledStep[];
  private readonly rngs: Rng[];
  private readonly sources: CompiledSource[];
  private readonly sourceCount: Int32Array;
  private readonly sourceNext: Int32Array; // next index in a schedule
  // Appointment sources: one period's arrival times, drawn and sorted, and where we are in them.
  private readonly apptTimes: (Float64Array | null)[];
  private readonly attrIndexes = new Map<string, number>();
  private readonly apptCount: Int32Array;
  private readonly apptPos: Int32Array;
  private readonly apptPeriod: Int32Array;
  private activeSources: number;
  private ticketSeq = 0;
  private serialSeq = 0;
  private ready: Int32Array = new Int32Array(64);
  private readyHead = 0;
  private readyCount = 0;
  // Pools (index) and teams (-1 - index) with places to give out at this instant.
  private pendingList: Int32Array = new Int32Array(16);
  private pendingCount = 0;
  /** Entities of the current batch arrival still to walk: they may contend for the same place. */
  private batchLeft = 0;
  private readonly memberBase: Int32Array; // global member index = base[team] + member
  private observer: ((e: SimEvent) => void) | null = null;
  private readonly nClasses: number;
  private readonly nAttrs: number;
  private readonly nPools: number;
  private sampleK = 0;
  private readonly controllerCount: Int32Array;
  /** Per scheduled pool: the schedule point its pending capacity event applies. */
  private readonly capacityPoint: Int32Array;
  private readonly streams: Streams;
  private readonly control: Control;
  private controlling = '';
  private readonly maxInSystem: number;
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
    this.sources = model.sources;
    this.nClasses = model.classes.length;
    this.nAttrs = model.attributes.length;
    this.nPools = model.pools.length;
    const streams = new Streams(this.seed, this.replication);
    this.rngs = model.streams.map((name) => streams.get(name));
    this.ent = new Entities(this.nAttrs, model.pools.length);
    const blocking = new Set(model.steps.filter((s) => s.kind === StepKind.Seize && s.block).map((s) => s.pool));
    this.pools = model.pools.map((p) => new PoolState(p, this.nClasses, p.schedule ? capacityAt(p.schedule, 0) : p.capacity, this.warmup, blocking.has(p.index)));
    this.teams = model.teams.map((t) => new TeamState(t, model.skills.length));
    this.stores = model.stores.map((st) => new StoreState(st.id, st.index));
    this.controllerCount = new Int32Array(model.controllers.length);
    this.capacityPoint = new Int32Array(model.pools.length);
    this.streams = streams;
    this.control = this.makeControl();
    this.outputs = model.outputs.map(() => new Tally());
    this.outputsByClass = model.outputs.map(() => model.classes.map(() => new Tally()));
    this.timeInSystem = model.classes.map(() => new Tally());
    this.outputsWithin = new Float64Array(model.outputs.length);
    this.outputsWithinByClass = new Float64Array(model.outputs.length * model.classes.length);
    this.arrivedByClass = new Float64Array(this.nClasses);
    this.departedByClass = new Float64Array(this.nClasses);
    this.renegedByClass = new Float64Array(this.nClasses);
    this.divertedByClass = new Float64Array(this.nClasses);
    this.exited = new Float64Array(model.outcomes.length);
    this.exitedByClass = new Float64Array(model.outcomes.length * this.nClasses);
    this.presentAtWarmupByClass = new Float64Array(this.nClasses);
    this.measuring = this.warmup === 0;
    this.series = this.sampleEvery > 0 ? { times: [], busy: this.pools.map(() => []), queue: this.pools.map(() => []), stores: model.stores.map(() => []) } : null;
    this.sourceCount = new Int32Array(this.sources.length);
    this.sourceNext = new Int32Array(this.sources.length);
    this.apptTimes = this.sources.map((src) => (src.def.appointments && src.def.times ? new Float64Array(src.def.times.length) : null));
    this.apptCount = new Int32Array(this.sources.length);
    this.apptPos = new Int32Array(this.sources.length);
    this.apptPeriod = new Int32Array(this.sources.length);
    this.memberBase = new Int32Array(this.teams.length);
    let base = 0;
    this.teams.forEach((t, i) => { this.memberBase[i] = base; base += t.size; });

    // Initial events. Their order fixes calendar sequence numbers: keep it stable.
    this.activeSources = this.sources.length;
    for (const s of this.sources) this.scheduleFirstArrival(s);
    for (const p of model.pools) if (p.schedule) this.scheduleCapacity(p.index, 0);
    model.teams.forEach((t, ti) => t.members.forEach((m, mi) => {
      if (m.shifts) this.initShift(ti, mi);
    }));
    if (this.warmup > 0) this.calendar.schedule(this.warmup, Priority.release, Kind.Warmup);
    if (this.sampleEvery > 0) this.calendar.schedule(0, Priority.sample, Kind.Sample);
    for (const c of model.controllers) this.scheduleControl(c.index);
  }

  /** Subscribes to entity events (arrive, seize, queue, …). Costs nothing when nobody listens. */
  observe(fn: (e: SimEvent) => void): () => void {
    const prev = this.observer;
    this.observer = prev ? (e) => { prev(e); fn(e); } : fn;
    return () => { this.observer = prev; };
  }

  /** Runs to the horizon and returns the results. */
  run(): RunResult {
    this.runUntil(this.horizon);
    return this.results();
  }

  /**
   * Processes every event up to and including time t (the state at t, for stepping and
   * watching), then sets the clock to t. At or past the horizon it stops before the
   * horizon's own events: the measured window is half-open, and the clock is the horizon.
   */
  runUntil(t: number): void {
    if (t >= this.horizon) this.processEvents(this.horizon, false);
    else this.processEvents(t, true);
  }

  /**
   * Processes every event before time t, leaving those at t, then sets the clock to t:
   * results() then covers [warmup, t), as at the horizon (a window measured inside a longer run).
   */
  runBefore(t: number): void {
    this.processEvents(Math.min(t, this.horizon), false);
  }

  private processEvents(until: number, atToo: boolean): void {
    const cal = this.calendar;
    const drainWhenEmpty = this.horizon === Infinity;
    while (cal.size > 0) {
      const next = cal.peekTime();
      if (atToo ? next > until : next >= until) break;
      if (drainWhenEmpty && this.ent.count === 0 && this.activeSources === 0) break;
      if (--this.eventsLeft < 0) this.overBudget('events');
      const payload = cal.pop();
      this.now = cal.time;
      this.dispatch(payload);
      if (this.readyCount > 0) this.drainReady();
      if (this.pendingCount > 0) this.settleDue();
    }
    if (until !== Infinity && until > this.now) this.now = until;
    if (until === this.horizon && until !== Infinity) this.closeSeries();
  }

  /** Processes the next event alone; false when none is left before the horizon. */
  step(): boolean {
    const cal = this.calendar;
    if (cal.size === 0 || cal.peekTime() >= this.horizon) return false;
    if (this.horizon === Infinity && this.ent.count === 0 && this.activeSources === 0) return false;
    if (--this.eventsLeft < 0) this.overBudget('events');
    const payload = cal.pop();
    this.now = cal.time;
    this.dispatch(payload);
    if (this.readyCount > 0) this.drainReady();
    if (this.pendingCount > 0) this.settleDue();
    return true;
  }

  /** Time of the next event (Infinity when none). */
  nextEventTime(): number {
    return this.calendar.peekTime();
  }

  private overBudget(budget: 'inSystem' | 'events'): never {
    throw new BudgetError(budget, budget === 'inSystem' ? this.maxInSystem : this.maxEvents, this.replication, this.now);
  }

  snapshot(): Snapshot {
    return takeSnapshot(this);
  }

  results(): RunResult {
    return collectResults(this);
  }

  get inSystem(): number {
    return this.ent.count;
  }

  // ---------------------------------------------------------------- events

  private dispatch(payload: number): void {
    const target = payload >> 3;
    switch (payload & 7) {
      case Kind.Arrival:
        this.arrive(target);
        break;
      case Kind.Resume: {
        const ent = this.ent;
        if (ent.token[target] !== this.calendar.key) return; // cancelled (preempted)
        ent.token[target] = -1;
        ent.state[target] = EntityState.Active;
        this.events++;
        this.advance(target);
        break;
      }
      case Kind.Renege:
        if (this.ent.renegeToken[target] === this.calendar.key) this.renege(target);
        break;
      case Kind.Capacity:
        this.changeCapacity(target);
        break;
      case Kind.Sample:
        this.sample();
        break;
      case Kind.Warmup:
        this.endWarmup();
        break;
      case Kind.Shift:
        this.shift(target);
        break;
      case Kind.Control:
        this.runController(target);
        break;
    }
  }

  private emit(type: SimEventType, e: number, pool = ''): void {
    this.observer!({ type, time: this.now, entity: this.ent.serial[e], step: this.steps[this.currentStep(e)]?.label ?? '', pool });
  }

  /** The step an entity is at: a delayed (or preempted) entity's index already points past its delay. */
  currentStep(e: number): number {
    const ent = this.ent;
    return ent.state[e] === EntityState.Delayed || ent.remaining[e] >= 0 ? ent.step[e] - 1 : ent.step[e];
  }

  private arrive(si: number): void {
    const src = this.sources[si];
    const def = src.def;
    const now = this.now;
    this.events++;
    this.sourceCount[si]++;
    this.scheduleNextArrival(src);
    let n = 1;
    if (def.batch !== undefined) n = typeof def.batch === 'number' ? def.batch : Math.max(0, Math.round(def.batch.sample(this.rngs[src.batchStream])));
    const attrs = src.attrs;
    const ent = this.ent;
    for (let k = 0; k < n; k++) {
      if (ent.count >= this.maxInSystem) this.overBudget('inSystem');
      const e = ent.create();
      ent.born[e] = now;
      ent.since[e] = now;
      ent.cls[e] = src.cls;
      ent.prio[e] = src.priority;
      ent.serial[e] = ++this.serialSeq;
      ent.step[e] = src.start;
      for (let j = 0; j < attrs.length; j++) {
        const a = attrs[j];
        ent.attrs[e * this.nAttrs + a.attr] = typeof a.value === 'number' ? a.value : a.value.sample(this.rngs[a.stream]);
      }
      this.arrived++;
      this.arrivedByClass[src.cls]++;
      if (this.observer) this.emit('arrive', e);
      this.batchLeft = n - 1 - k;
      this.advance(e);
    }
    this.batchLeft = 0;
  }

  private scheduleFirstArrival(src: CompiledSource): void {
    const def = src.def;
    if (def.limit === 0) return this.sourceDone();
    if (def.times) {
      this.sourceNext[src.index] = 0;
      return this.scheduleFromTimes(src, 0);
    }
    const start = def.start ?? 0;
    const t = def.firstAt ?? this.nextGap(src, start);
    this.scheduleArrivalAt(src, t);
  }

  private scheduleNextArrival(src: CompiledSource): void {
    const def = src.def;
    if (def.limit !== undefined && this.sourceCount[src.index] >= def.limit) return this.sourceDone();
    if (src.expMean > 0) return this.scheduleArrivalAt(src, this.now - src.expMean * log(1 - this.rngs[src.stream]()));
    if (def.times) return this.scheduleFromTimes(src, this.now);
    this.scheduleArrivalAt(src, this.nextGap(src, this.now));
  }

  private nextGap(src: CompiledSource, from: number): number {
    const rng = this.rngs[src.stream];
    const def = src.def;
    if (def.interarrival) {
      const d = def.interarrival;
      return from + (d.kind === 'exponential' ? -d.mean * log(1 - rng()) : d.sample(rng));
    }
    // Thinning (Lewis & Shedler 1979): candidates at the peak rate, accepted with rate(t)/peak.
    const profile = def.profile!;
    const peak = src.peak;
    if (peak <= 0) return Infinity;
    let t = from;
    for (;;) {
      t += -log(1 - rng()) / peak;
      if (rng() * peak < rateAt(profile, t)) return t;
    }
  }

  private scheduleFromTimes(src: CompiledSource, from: number): void {
    const def = src.def;
    if (def.appointments) return this.scheduleFromAppointments(src, from);
    const times = def.times!;
    const k = this.sourceNext[src.index]++;
    let t: number;
    if (def.repeatEvery !== undefined) t = Math.floor(k / times.length) * def.repeatEvery + times[k % times.length];
    else if (k < times.length) t = times[k];
    else return this.sourceDone();
    if (t < from) return this.scheduleFromTimes(src, from); // a time before the start is skipped
    this.scheduleArrivalAt(src, t);
  }

  /**
   * The next booked patient to arrive. A period's appointments are drawn together (for each,
   * a no-show draw and a punctuality draw, always both, so that changing one keeps the
   * other's numbers), kept within the period, sorted, then handed out in order; the next
   * period is drawn when they run out. The buffer is allocated once per source.
   */
  private scheduleFromAppointments(src: CompiledSource, from: number): void {
    const def = src.def;
    const times = def.times!;
    const buf = this.apptTimes[src.index]!;
    const i = src.index;
    for (;;) {
      while (this.apptPos[i] < this.apptCount[i]) {
        const t = buf[this.apptPos[i]++];
        if (t >= from) return this.scheduleArrivalAt(src, t);
      }
      const p = this.apptPeriod[i]++;
      if (p > 0 && def.repeatEvery === undefined) return this.sourceDone();
      const period = def.repeatEvery ?? Infinity;
      const base = def.repeatEvery === undefined ? 0 : p * def.repeatEvery;
      if (!(base <= (def.until ?? Infinity)) || base >= this.horizon) return this.sourceDone();
      const rng = this.rngs[src.stream];
      const { punctuality, noShow = 0 } = def.appointments!;
      let n = 0;
      for (let k = 0; k < times.length; k++) {
        const absent = rng() < noShow;
        let t = base + times[k];
        if (punctuality) t += punctuality.dist.sample(rng) - punctuality.shift;
        if (absent) continue;
        // Kept within the period, so that periods never interleave.
        if (t < base) t = base;
        if (t >= base + period) t = base + period - 1e-9;
        buf[n++] = t;
      }
      const filled = buf.subarray(0, n);
      filled.sort();
      this.apptCount[i] = n;
      this.apptPos[i] = 0;
    }
  }

  private scheduleArrivalAt(src: CompiledSource, t: number): void {
    const until = src.def.until ?? Infinity;
    if (!(t <= until) || t === Infinity) return this.sourceDone();
    this.calendar.schedule(t, Priority.arrival, src.index * 8 + Kind.Arrival);
  }

  private sourceDone(): void {
    this.activeSources--;
  }

  // ---------------------------------------------------------------- pathway

  private pushReady(e: number): void {
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
    while (this.readyCount > 0) {
      const e = this.ready[this.readyHead];
      this.readyHead = this.readyHead + 1 === this.ready.length ? 0 : this.readyHead + 1;
      this.readyCount--;
      if (ent.state[e] !== EntityState.Granted) continue;
      ent.state[e] = EntityState.Active;
      this.advance(e);
    }
  }

  /** Walks an entity through steps from its current one until it waits, is delayed or leaves. */
  private advance(e: number): void {
    const ent = this.ent;
    const steps = this.steps;
    let i = ent.step[e];
    let jumps = 0;
    for (;;) {
      const s = steps[i];
      switch (s.kind) {
        case StepKind.Seize: {
          ent.step[e] = i;
          const r = this.seize(e, s);
          if (r === Seized.Granted) { i++; continue; }
          if (r === Seized.Moved) {
            if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
            i = ent.step[e];
            continue;
          }
          return;
        }
        case StepKind.Release:
          this.release(e, s);
          i++;
          continue;
        case StepKind.Delay: {
          let d: number;
          const rng = this.rngs[s.stream];
          const byClass = s.byClass !== null ? s.byClass[ent.cls[e]] : null;
          if (byClass !== null) d = byClass.sample(rng);
          else if (s.expMean > 0) d = -s.expMean * log(1 - rng());
          else d = s.dist!.sample(rng);
          if (s.scale >= 0) d *= ent.attrs[e * this.nAttrs + s.scale];
          if (!(d >= 0)) throw new RunError(`entity ${ent.serial[e]} at t=${fmt(this.now)} h: ${s.path} drew a duration of ${d}`, this.now);
          const end = this.now + d;
          ent.step[e] = i + 1;
          ent.delayEnd[e] = end;
          ent.state[e] = EntityState.Delayed;
          ent.token[e] = this.calendar.schedule(end, Priority.release, e * 8 + Kind.Resume);
          return;
        }
        case StepKind.Branch: {
          const u = this.rngs[s.stream]();
          const cum = s.cumulative;
          let k = 0;
          while (u >= cum[k]) k++;
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = s.targets[k];
          continue;
        }
        case StepKind.Switch: {
          const v = s.attr === ATTR_CLASS ? ent.cls[e] : s.attr === ATTR_PRIORITY ? ent.prio[e] : ent.attrs[e * this.nAttrs + s.attr];
          let to = s.otherwise;
          for (let k = 0; k < s.ops.length; k++) {
            if (compare(s.ops[k], v, s.values[k])) { to = s.targets[k]; break; }
          }
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = to;
          continue;
        }
        case StepKind.Set: {
          const v = s.otherwise === ATTR_NOW
            ? (s.dist !== null ? this.now - s.dist.sample(this.rngs[s.stream]) : this.now)
            : s.dist !== null ? s.dist.sample(this.rngs[s.stream]) : s.value;
          if (s.attr === ATTR_PRIORITY) ent.prio[e] = v;
          else ent.attrs[e * this.nAttrs + s.attr] = v;
          i++;
          continue;
        }
        case StepKind.WaitUntil: {
          let t: number;
          if (s.attr >= 0) t = ent.attrs[e * this.nAttrs + s.attr]; // unset (NaN) or past: no wait
          else if (s.every > 0) {
            t = Math.floor(this.now / s.every) * s.every + s.at;
            if (t < this.now) t += s.every;
          } else t = s.at;
          if (!(t > this.now)) { i++; continue; }
          ent.step[e] = i + 1;
          ent.delayEnd[e] = t;
          ent.state[e] = EntityState.Delayed;
          ent.token[e] = this.calendar.schedule(t, Priority.release, e * 8 + Kind.Resume);
          return;
        }
        case StepKind.Record: {
          const from = s.attr < 0 ? ent.born[e] : ent.attrs[e * this.nAttrs + s.attr];
          if (s.countEnded ? this.now >= this.warmup : from >= this.warmup) {
            const x = this.now - from;
            this.outputs[s.output].add(x);
            this.outputsByClass[s.output][ent.cls[e]].add(x);
            if (x <= s.value) {
              this.outputsWithin[s.output]++;
              this.outputsWithinByClass[s.output * this.nClasses + ent.cls[e]]++;
            }
          }
          i++;
          continue;
        }
        case StepKind.Goto:
          if (++jumps > MAX_JUMPS) this.endlessLoop(e, i);
          i = s.otherwise;
          continue;
        case StepKind.Exit:
          ent.step[e] = i;
          this.depart(e);
          return;
        case StepKind.SeizeMember: {
          ent.step[e] = i;
          if (!this.seizeMember(e, s)) return;
          i++;
          continue;
        }
        case StepKind.ReleaseMember:
          this.releaseMember(e, s);
          i++;
          continue;
        case StepKind.Enter: {
          const st = this.stores[s.pool];
          ent.step[e] = i;
          ent.state[e] = EntityState.Stored;
          ent.waitingAt[e] = st.index;
          ent.since[e] = this.now;
          st.members.add(e);
          st.size.add(this.now, 1);
          st.entered++;
          if (this.observer) this.emit('enter', e, st.id);
          return;
        }
      }
    }
  }

  private endlessLoop(e: number, i: number): never {
    throw new RunError(`entity ${this.ent.serial[e]} at t=${fmt(this.now)} h: went round a loop of steps through ${this.steps[i].path} ${grouped(MAX_JUMPS)} times without time passing (a cycle of branches with no delay)`, this.now);
  }

  private depart(e: number): void {
    const ent = this.ent;
    const s = this.steps[ent.step[e]];
    if (ent.held[e] !== 0) throw new RunError(`entity ${ent.serial[e]} at t=${fmt(this.now)} h: exits at ${s.path} still holding ${ent.held[e]} unit(s)`, this.now);
    const c = ent.cls[e];
    if (s.outcome >= 0) {
      // Another way out: counted under its outcome, and not a time in system.
      this.exited[s.outcome]++;
      if (this.measuring) this.exitedByClass[s.outcome * this.nClasses + c]++;
    } else {
      if (ent.born[e] >= this.warmup) this.timeInSystem[c].add(this.now - ent.born[e]);
      this.departed++;
      if (this.measuring) this.departedByClass[c]++;
    }
    if (this.observer) this.emit('exit', e);
    ent.destroy(e);
  }

  /** An entity leaves without finishing its pathway (reneged or diverted). */
  private leave(e: number, how: 'renege' | 'divert'): void {
    const ent = this.ent;
    if (ent.held[e] !== 0)
      throw new RunError(`entity ${ent.serial[e]} at t=${fmt(this.now)} h: ${how === 'renege' ? 'reneges' : 'is diverted'} at ${this.steps[ent.step[e]].path} while holding ${ent.held[e]} unit(s); give the step ${how === 'renege' ? 'an onRenege' : 'a divertTo'} label that releases them`, this.now);
    if (how === 'renege') {
      this.reneged++;
      this.renegedByClass[ent.cls[e]]++;
    } else {
      this.diverted++;
      this.divertedByClass[ent.cls[e]]++;
    }
    ent.destroy(e);
  }

  // ---------------------------------------------------------------- counted pools

  private seize(e: number, s: CompiledStep): Seized {
    const p = this.pools[s.pool];
    const ent = this.ent;
    const now = this.now;
    const free = p.inUse + s.amount <= p.capacity;
    if (free && p.contenders !== null && (p.queueCount === 0 ? this.maybeContended() : p.pending)) {
      // A free unit another request of this instant may have a better claim to: settled later.
      if (s.ifBusy < 0) p.requests++; // an ifBusy request counts here only if it wins
      ent.since[e] = now;
      ent.ticket[e] = this.ticketSeq++;
      ent.state[e] = EntityState.Contending;
      ent.waitingAt[e] = p.index;
      p.contenders.push(e, ent.ticket[e], ent.prio[e]);
      if (!p.pending) this.markPending(p.index);
      return Seized.Waiting;
    }
    if (s.ifBusy >= 0 && !(p.queueCount === 0 && free)) {
      ent.step[e] = s.ifBusy; // no free unit now: the other route, not a request here
      return Seized.Moved;
    }
    p.requests++;
    ent.since[e] = now;
    ent.ticket[e] = this.ticketSeq++;
    if (p.queueCount === 0 && free) {
      this.grant(e, p, s.amount, s);
      return Seized.Granted;
    }
    return this.busy(e, p, s);
  }

  /** A request that found no unit free (or lost the free ones to more urgent requests of its instant): preempt, queue, block or divert. */
  private busy(e: number, p: PoolState, s: CompiledStep): Seized {
    const ent = this.ent;
    const now = this.now;
    // Preempt only where freeing one unit makes room, and never ahead of a waiter at least as urgent.
    if (p.preemptive && p.inUse <= p.capacity && p.capacity > 0 && this.linePriority(p) > ent.prio[e] && this.preemptFor(p, ent.prio[e])) {
      this.grant(e, p, s.amount, s);
      return Seized.Granted;
    }
    if (p.queueCount >= p.queueLimit || p.queueCount >= s.queueLimit) {
      if (s.block) {
        ent.state[e] = EntityState.Blocked;
        ent.waitingAt[e] = p.index;
        p.blockedLine.push(e, ent.ticket[e], 0);
        if (p.last !== now) p.touch(now);
        p.blockedCount++;
        if (this.observer) this.emit('block', e, p.id);
        return Seized.Waiting;
      }
      p.diverted++;
      if (this.observer) this.emit('divert', e, p.id);
      if (s.divertTo >= 0) {
        ent.step[e] = s.divertTo;
        return Seized.Moved;
      }
      this.leave(e, 'divert');
      return Seized.Gone;
    }
    this.enqueue(e, p, s);
    return Seized.Waiting;
  }

  private enqueue(e: number, p: PoolState, s: CompiledStep): void {
    const ent = this.ent;
    ent.state[e] = EntityState.Queued;
    ent.waitingAt[e] = p.index;
    p.line.push(e, ent.ticket[e], ent.prio[e]);
    this.queueChange(p, ent.cls[e], 1);
    if (s.patience !== null || s.deadline >= 0) this.scheduleRenege(e, s);
    if (this.observer) this.emit('queue', e, p.id);
    if (s.releaseOnEntry !== null) this.releaseOnEntry(e, s);
  }

  /**
   * Leaving the line: after a patience drawn now, or at a deadline, whichever comes first.
   * A deadline means served before it: at that instant the entity leaves before any place
   * is given out; patience that runs out at an instant still lets a place freed then be taken.
   */
  private scheduleRenege(e: number, s: CompiledStep): void {
    let at = Infinity;
    let priority: number = Priority.renege;
    if (s.patience !== null) at = this.now + s.patience.sample(this.rngs[s.patienceStream]);
    if (s.deadline >= 0) {
      const d = this.ent.attrs[e * this.nAttrs + s.deadline];
      if (d >= this.now && d <= at) {
        at = d;
        priority = Priority.deadline;
      }
    }
    if (at < Infinity) this.ent.renegeToken[e] = this.calendar.schedule(at, priority, e * 8 + Kind.Renege);
  }

  private queueChange(p: PoolState, cls: number, delta: number): void {
    if (p.last !== this.now) p.touch(this.now);
    p.queueCount += delta;
    if (p.queueByCls !== null) p.queueByCls[cls] += delta;
  }

  private grant(e: number, p: PoolState, amount: number, s: CompiledStep, entering = true): void {
    const ent = this.ent;
    const now = this.now;
    const c = ent.cls[e];
    if (p.last !== now) p.touch(now);
    p.inUse += amount;
    ent.held[e] += amount;
    ent.heldAt[e * this.nPools + p.index] += amount;
    p.granted++;
    if (p.busyByCls !== null) p.busyByCls[c] += amount;
    const since = ent.since[e];
    if (since >= this.warmup) {
      const w = now - since;
      p.waits.add(w);
      if (p.waitsByClass.length > 1) p.waitsByClass[c].add(w);
      if (w > 0) p.waited++;
    }
    if (p.holders !== null && ent.heldAt[e * this.nPools + p.index] === amount) p.holders.push(e);
    if (this.observer) this.emit('seize', e, p.id);
    if (entering && s.releaseOnEntry !== null) this.releaseOnEntry(e, s);
  }

  private releaseOnEntry(e: number, s: CompiledStep): void {
    const list = s.releaseOnEntry!;
    for (let k = 0; k < list.length; k++) this.releaseUnits(e, this.pools[list[k]], 1, s);
  }

  private release(e: number, s: CompiledStep): void {
    this.releaseUnits(e, this.pools[s.pool], s.amount, s);
  }

  private releaseUnits(e: number, p: PoolState, amount: number, s: CompiledStep): void {
    const ent = this.ent;
    const slot = e * this.nPools + p.index;
    if (ent.heldAt[slot] < amount)
      throw new RunError(`entity ${ent.serial[e]} at t=${fmt(this.now)} h: ${s.path} releases ${amount} unit(s) of pool "${p.id}" it does not hold (it holds ${ent.heldAt[slot]})`, this.now);
    if (p.last !== this.now) p.touch(this.now);
    p.inUse -= amount;
    ent.held[e] -= amount;
    ent.heldAt[slot] -= amount;
    p.completed++;
    if (p.busyByCls !== null) p.busyByCls[ent.cls[e]] -= amount;
    if (p.holders !== null && ent.heldAt[slot] === 0) {
      const k = p.holders.lastIndexOf(e);
      if (k >= 0) p.holders.splice(k, 1);
    }
    if (this.observer) this.emit('release', e, p.id);
    this.serveSoon(p);
  }

  /**
   * Units freed or added at this instant: given out now, or once the round's requests are
   * all in if another may still come. With nobody waiting there is nothing to decide: a
   * later request of the instant finds the unit free and contends for it itself.
   */
  private serveSoon(p: PoolState): void {
    if (p.pending || (p.queueCount === 0 && p.blockedCount === 0)) return;
    if (this.maybeContended()) this.markPending(p.index);
    else this.serveLine(p);
  }

  /**
   * Whether another request may still come at this instant before its places are given
   * out: an event due now in the same round (calendar.ts), an entity about to continue,
   * the rest of a batch, or places already pending (whose winners will walk on).
   */
  private maybeContended(): boolean {
    return this.readyCount > 0 || this.pendingCount > 0 || this.batchLeft > 0 || this.calendar.nextInSameRound(this.now);
  }

  private markPending(x: number): void {
    if (x >= 0) this.pools[x].pending = true;
    else this.teams[-1 - x].pending = true;
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
        if (x >= 0) {
          const p = this.pools[x];
          p.pending = false;
          if (p.contenders !== null && p.contenders.physicalSize > 0) this.settlePool(p);
          else this.serveLine(p);
        } else {
          const team = this.teams[-1 - x];
          team.pending = false;
          this.settleTeam(team);
        }
      }
      this.pendingCount = 0;
      if (this.readyCount > 0) this.drainReady();
    }
  }

  /**
   * The free units of a pool go to its waiters and this instant's contenders together, by
   * priority then arrival order (ticket), while they fit; blocked entities then take line
   * places; the contenders left over continue as requests that found no unit free, most
   * urgent first, exactly as if each had come a moment after the winners.
   */
  private settlePool(p: PoolState): void {
    const ent = this.ent;
    const line = p.line;
    const cont = p.contenders!;
    let blocked = false; // the next in order does not fit: nobody behind it may overtake
    while (cont.physicalSize > 0 && !blocked) {
      const c = cont.peekEntity();
      const w = this.lineHead(p);
      if (w >= 0 && (line.peekPriority() < ent.prio[c] || (line.peekPriority() === ent.prio[c] && line.peekTicket() < ent.ticket[c]))) {
        blocked = !this.serveHead(p, w);
        continue;
      }
      const s = this.steps[ent.step[c]];
      if (p.inUse + s.amount > p.capacity) {
        blocked = true;
        continue;
      }
      cont.shift();
      ent.waitingAt[c] = -1;
      if (s.ifBusy >= 0) p.requests++;
      this.grant(c, p, s.amount, s);
      ent.step[c]++;
      ent.state[c] = EntityState.Granted;
      this.pushReady(c);
    }
    if (!blocked) this.serveLine(p);
    else if (p.blockedCount > 0) this.admitBlocked(p);
    while (cont.physicalSize > 0) {
      const c = cont.peekEntity();
      cont.shift();
      ent.state[c] = EntityState.Active;
      ent.waitingAt[c] = -1;
      const s = this.steps[ent.step[c]];
      if (s.ifBusy >= 0) {
        ent.step[c] = s.ifBusy; // no unit left for it: the other route
        ent.state[c] = EntityState.Granted;
        this.pushReady(c);
        continue;
      }
      const r = this.busy(c, p, s);
      if (r === Seized.Granted) ent.step[c]++;
      if (r === Seized.Granted || r === Seized.Moved) {
        ent.state[c] = EntityState.Granted;
        this.pushReady(c);
      }
    }
  }

  /** The first live waiter in a pool's line (stale entries dropped on the way), or -1. */
  private lineHead(p: PoolState): number {
    const ent = this.ent;
    const line = p.line;
    while (p.queueCount > 0) {
      const e = line.peekEntity();
      if (ent.state[e] === EntityState.Queued && ent.waitingAt[e] === p.index && ent.ticket[e] === line.peekTicket()) return e;
      line.shift(); // stale: reneged, or the index was reused
    }
    return -1;
  }

  /** Grants units to waiting entities, in line order, while they fit; then lets blocked entities in. */
  private serveLine(p: PoolState): void {
    while (p.queueCount > 0) {
      const e = this.lineHead(p);
      if (e < 0 || !this.serveHead(p, e)) break;
    }
    if (p.blockedCount > 0) this.admitBlocked(p);
  }

  /** Serves the head of the line, `e`, if its units fit; false if they do not. */
  private serveHead(p: PoolState, e: number): boolean {
    const ent = this.ent;
    const line = p.line;
    const s = this.steps[ent.step[e]];
    const resuming = ent.remaining[e] >= 0;
    const amount = resuming ? ent.resumeAmount[e] : s.amount;
    if (p.inUse + amount > p.capacity) return false;
    line.shift();
    ent.renegeToken[e] = -1;
    ent.waitingAt[e] = -1;
    this.queueChange(p, ent.cls[e], -1);
    if (resuming) {
      // Preemptive-resume: the interrupted work continues where it stopped.
      p.inUse += amount;
      ent.held[e] += amount;
      ent.heldAt[e * this.nPools + p.index] += amount;
      if (p.busyByCls !== null) p.busyByCls[ent.cls[e]] += amount;
      p.holders!.push(e);
      const end = this.now + ent.remaining[e];
      ent.remaining[e] = -1;
      ent.delayEnd[e] = end;
      ent.state[e] = EntityState.Delayed;
      ent.token[e] = this.calendar.schedule(end, Priority.release, e * 8 + Kind.Resume);
      if (this.observer) this.emit('resume', e, p.id);
      return true;
    }
    this.grant(e, p, amount, s, false); // releaseOnEntry happened when it joined the line
    ent.step[e]++;
    ent.state[e] = EntityState.Granted;
    this.pushReady(e);
    return true;
  }

  /** Blocked entities take free places in the line (or service), first blocked first. */
  private admitBlocked(p: PoolState): void {
    const ent = this.ent;
    const line = p.blockedLine;
    while (p.blockedCount > 0) {
      const e = line.peekEntity();
      if (ent.state[e] !== EntityState.Blocked || ent.waitingAt[e] !== p.index || ent.ticket[e] !== line.peekTicket()) {
        line.shift();
        continue;
      }
      const s = this.steps[ent.step[e]];
      const canServe = p.queueCount === 0 && p.inUse + s.amount <= p.capacity;
      if (!canServe && (p.queueCount >= p.queueLimit || p.queueCount >= s.queueLimit)) break;
      line.shift();
      if (p.last !== this.now) p.touch(this.now);
      p.blockedCount--;
      ent.waitingAt[e] = -1;
      if (canServe) {
        this.grant(e, p, s.amount, s);
        ent.step[e]++;
        ent.state[e] = EntityState.Granted;
        this.pushReady(e);
      } else this.enqueue(e, p, s);
    }
  }

  /** Priority of the first live waiter (Infinity when nobody waits); drops stale heads on the way. */
  private linePriority(p: PoolState): number {
    const e = this.lineHead(p);
    return e >= 0 ? this.ent.prio[e] : Infinity;
  }

  /** Frees one unit for a request of priority `prio` by interrupting a less urgent holder. */
  private preemptFor(p: PoolState, prio: number): boolean {
    const ent = this.ent;
    const holders = p.holders!;
    let victim = -1;
    let worst = prio;
    // Least urgent first; among equals the most recently started (the later in the list).
    for (let k = holders.length - 1; k >= 0; k--) {
      const h = holders[k];
      if (ent.state[h] === EntityState.Delayed && ent.prio[h] > worst) { worst = ent.prio[h]; victim = h; }
    }
    if (victim < 0) return false;
    this.interrupt(victim, p);
    return true;
  }

  private interrupt(v: number, p: PoolState): void {
    const ent = this.ent;
    const now = this.now;
    ent.remaining[v] = ent.delayEnd[v] - now;
    ent.token[v] = -1; // cancels the pending resume
    if (p.last !== now) p.touch(now);
    const slot = v * this.nPools + p.index;
    const amount = ent.heldAt[slot];
    p.inUse -= amount;
    ent.held[v] -= amount;
    ent.heldAt[slot] = 0;
    ent.resumeAmount[v] = amount;
    p.preempted++;
    if (p.busyByCls !== null) p.busyByCls[ent.cls[v]] -= amount;
    const k = p.holders!.lastIndexOf(v);
    if (k >= 0) p.holders!.splice(k, 1);
    ent.state[v] = EntityState.Queued;
    ent.waitingAt[v] = p.index;
    // Resumes ahead of those who came later: its original ticket orders it in a priority line.
    p.line.pushFront(v, ent.ticket[v], ent.prio[v]);
    this.queueChange(p, ent.cls[v], 1);
    if (this.observer) this.emit('preempt', v, p.id);
  }

  private renege(e: number): void {
    const ent = this.ent;
    const at = ent.waitingAt[e];
    const s = this.steps[ent.step[e]];
    ent.renegeToken[e] = -1;
    ent.state[e] = EntityState.Active; // its line entry is now stale
    ent.waitingAt[e] = -1;
    ent.remaining[e] = -1;
    if (at <= -2) {
      const team = this.teams[-2 - at];
      team.queueCount[s.skill]--;
      team.queue.add(this.now, -1);
      team.reneged++;
      if (this.observer) this.emit('renege', e, team.id);
    } else {
      const p = this.pools[at];
      this.queueChange(p, ent.cls[e], -1);
      p.reneged++;
      if (ent.since[e] >= this.warmup) p.renegeWaits.add(this.now - ent.since[e]);
      if (this.observer) this.emit('renege', e, p.id);
      // The leaver may have been holding up a smaller request behind it, or a blocked entity.
      this.serveSoon(p);
    }
    if (s.onRenege >= 0) {
      ent.step[e] = s.onRenege;
      this.advance(e);
    } else this.leave(e, 'renege');
  }

  private changeCapacity(pi: number): void {
    const p = this.pools[pi];
    const sched = this.model.pools[pi].schedule!;
    // The point this event was scheduled for, not capacityAt(now): the time within the
    // period, recomputed from an absolute time, can round to just before the point (a
    // 14:01 session in the second week) and read the capacity before it.
    const cap = sched.capacities[this.capacityPoint[pi]];
    if (p.last !== this.now) p.touch(this.now);
    p.capacity = cap;
    if (this.observer) this.observer({ type: 'capacity', time: this.now, entity: 0, step: '', pool: p.id });
    if (p.preemptOnDrop) {
      while (p.inUse > p.capacity) {
        const holders = p.holders!;
        let victim = -1;
        let worst = -Infinity;
        for (let k = holders.length - 1; k >= 0; k--) {
          const h = holders[k];
          if (this.ent.state[h] === EntityState.Delayed && this.ent.prio[h] > worst) { worst = this.ent.prio[h]; victim = h; }
        }
        if (victim < 0) break;
        this.interrupt(victim, p);
      }
    }
    this.serveSoon(p);
    this.scheduleCapacity(pi, this.now);
  }

  private scheduleCapacity(pi: number, after: number): void {
    const sched = this.model.pools[pi].schedule!;
    const k = nextPoint(sched, after);
    if (k < 0) return;
    this.capacityPoint[pi] = k;
    this.calendar.schedule(nextPointAt, Priority.capacity, pi * 8 + Kind.Capacity);
  }

  // ---------------------------------------------------------------- skilled pools

  private seizeMember(e: number, s: CompiledStep): boolean {
    const team = this.teams[s.pool];
    const ent = this.ent;
    team.requests++;
    ent.since[e] = this.now;
    ent.ticket[e] = this.ticketSeq++;
    // With members pending at this instant, a request may be more urgent than those waiting.
    if (team.queueCount[s.skill] === 0 || (team.pending && team.contenders !== null)) {
      const m = this.freeMember(team, s.skill);
      if (m >= 0) {
        if (team.contenders !== null && this.maybeContended()) {
          ent.state[e] = EntityState.Contending;
          ent.waitingAt[e] = -2 - team.index;
          team.contenders[s.skill].push(e, ent.ticket[e], ent.prio[e]);
          if (!team.pending) this.markPending(-1 - team.index);
          return false;
        }
        this.assignMember(e, team, m, s);
        return true;
      }
    }
    this.queueForMember(e, team, s);
    return false;
  }

  private queueForMember(e: number, team: TeamState, s: CompiledStep): void {
    const ent = this.ent;
    ent.state[e] = EntityState.Queued;
    ent.waitingAt[e] = -2 - team.index;
    team.lines[s.skill].push(e, ent.ticket[e], ent.prio[e]);
    team.queueCount[s.skill]++;
    team.queue.add(this.now, 1);
    if (s.patience !== null || s.deadline >= 0) this.scheduleRenege(e, s);
    if (this.observer) this.emit('queue', e, team.id);
  }

  private freeMember(team: TeamState, skill: number): number {
    const has = team.hasSkill[skill];
    const order = team.order;
    for (let k = 0; k < order.length; k++) {
      const m = order[k];
      if (has[m] === 1 && team.busyMember[m] === 0 && team.onDuty[m] === 1) return m;
    }
    return -1;
  }

  private assignMember(e: number, team: TeamState, m: number, s: CompiledStep): void {
    const ent = this.ent;
    const now = this.now;
    team.busyMember[m] = 1;
    team.busySince[m] = now;
    team.busyByRole[team.roleOf[m]].add(now, 1);
    team.granted++;
    ent.attrs[e * this.nAttrs + s.slot] = m;
    ent.held[e]++;
    if (ent.since[e] >= this.warmup) team.waitsBySkill[s.skill].add(now - ent.since[e]);
    if (this.observer) this.emit('seize', e, `${team.id}:${this.model.teams[team.index].members[m].id}`);
  }

  private releaseMember(e: number, s: CompiledStep): void {
    const team = this.teams[s.pool];
    const ent = this.ent;
    const m = ent.attrs[e * this.nAttrs + s.slot];
    if (!(m >= 0) || team.busyMember[m] !== 1)
      throw new RunError(`entity ${ent.serial[e]} at t=${fmt(this.now)} h: ${s.path} releases a member of "${team.id}" it does not hold`, this.now);
    ent.attrs[e * this.nAttrs + s.slot] = NaN;
    ent.held[e]--;
    this.freeUp(team, m);
    if (this.observer) this.emit('release', e, team.id);
  }

  private freeUp(team: TeamState, m: number): void {
    const now = this.now;
    if (team.busyMember[m] === 1) {
      team.busyMember[m] = 0;
      team.busyHours[m] += now - Math.max(team.busySince[m], team.statsFrom);
      team.busyByRole[team.roleOf[m]].add(now, -1);
    }
    if (team.onDuty[m] === 0 || team.pending) return;
    // The freed member takes the most urgent (then longest) waiter among the skills it has.
    const ent = this.ent;
    let best = -1, bestSkill = -1, bestPrio = Infinity, bestTicket = Infinity;
    for (let skill = 0; skill < team.lines.length; skill++) {
      if (team.hasSkill[skill][m] === 0) continue;
      const w = this.teamHead(team, skill);
      if (w < 0) continue;
      const pr = team.lines[skill].byPriority ? ent.prio[w] : 0;
      if (pr < bestPrio || (pr === bestPrio && ent.ticket[w] < bestTicket)) {
        best = w; bestSkill = skill; bestPrio = pr; bestTicket = ent.ticket[w];
      }
    }
    if (best < 0) return;
    if (this.maybeContended()) {
      this.markPending(-1 - team.index); // the choice waits for the round's other requests
      return;
    }
    this.takeFromLine(team, bestSkill, best);
    this.assignMember(best, team, m, this.steps[ent.step[best]]);
    ent.step[best]++;
    ent.state[best] = EntityState.Granted;
    this.pushReady(best);
  }

  /** The first live waiter for a skill (stale entries dropped on the way), or -1. */
  private teamHead(team: TeamState, skill: number): number {
    if (team.queueCount[skill] === 0) return -1;
    const ent = this.ent;
    const line = team.lines[skill];
    while (line.physicalSize > 0) {
      const w = line.peekEntity();
      if (ent.state[w] === EntityState.Queued && ent.ticket[w] === line.peekTicket() && ent.waitingAt[w] === -2 - team.index) return w;
      line.shift();
    }
    return -1;
  }

  private takeFromLine(team: TeamState, skill: number, w: number): void {
    team.lines[skill].shift();
    team.queueCount[skill]--;
    team.queue.add(this.now, -1);
    this.ent.waitingAt[w] = -1;
    this.ent.renegeToken[w] = -1;
  }

  /**
   * Free members at this instant go to the waiters and this instant's contenders together,
   * the most urgent (then earliest) request first, each to the first free qualified member
   * in the allocation order; the contenders left over join the line.
   */
  private settleTeam(team: TeamState): void {
    const ent = this.ent;
    const cont = team.contenders;
    for (;;) {
      let best = -1, bestSkill = -1, bestPrio = Infinity, bestTicket = Infinity, waiter = false;
      for (let skill = 0; skill < team.lines.length; skill++) {
        const w = this.teamHead(team, skill);
        const c = cont !== null && cont[skill].physicalSize > 0 ? cont[skill].peekEntity() : -1;
        if ((w < 0 && c < 0) || this.freeMember(team, skill) < 0) continue;
        if (w >= 0) {
          const pr = team.lines[skill].byPriority ? ent.prio[w] : 0;
          if (pr < bestPrio || (pr === bestPrio && ent.ticket[w] < bestTicket)) {
            best = w; bestSkill = skill; bestPrio = pr; bestTicket = ent.ticket[w]; waiter = true;
          }
        }
        if (c >= 0 && (ent.prio[c] < bestPrio || (ent.prio[c] === bestPrio && ent.ticket[c] < bestTicket))) {
          best = c; bestSkill = skill; bestPrio = ent.prio[c]; bestTicket = ent.ticket[c]; waiter = false;
        }
      }
      if (best < 0) break;
      if (waiter) this.takeFromLine(team, bestSkill, best);
      else {
        cont![bestSkill].shift();
        ent.waitingAt[best] = -1;
      }
      this.assignMember(best, team, this.freeMember(team, bestSkill), this.steps[ent.step[best]]);
      ent.step[best]++;
      ent.state[best] = EntityState.Granted;
      this.pushReady(best);
    }
    if (cont === null) return;
    for (let skill = 0; skill < cont.length; skill++) {
      const line = cont[skill];
      while (line.physicalSize > 0) {
        const c = line.peekEntity();
        line.shift();
        this.queueForMember(c, team, this.steps[ent.step[c]]);
      }
    }
  }

  private initShift(ti: number, mi: number): void {
    const team = this.teams[ti];
    const shifts = this.model.teams[ti].members[mi].shifts!;
    const on = onDutyAt(shifts, 0);
    team.onDuty[mi] = on ? 1 : 0;
    if (!on) team.onDutyByRole[team.roleOf[mi]].add(0, -1);
    this.scheduleShift(ti, mi, 0);
  }

  private scheduleShift(ti: number, mi: number, after: number): void {
    const shifts = this.model.teams[ti].members[mi].shifts!;
    const t = nextShiftChange(shifts, after);
    this.calendar.schedule(t, Priority.capacity, (this.memberBase[ti] + mi) * 8 + Kind.Shift);
  }

  private shift(global: number): void {
    let ti = this.teams.length - 1;
    while (this.memberBase[ti] > global) ti--;
    const mi = global - this.memberBase[ti];
    const team = this.teams[ti];
    const shifts = this.model.teams[ti].members[mi].shifts!;
    const on = onDutyAt(shifts, this.now);
    const now = this.now;
    if (on && team.onDuty[mi] === 0) {
      team.onDuty[mi] = 1;
      team.dutySince[mi] = now;
      team.onDutyByRole[team.roleOf[mi]].add(now, 1);
      if (team.busyMember[mi] === 0) this.freeUp(team, mi);
    } else if (!on && team.onDuty[mi] === 1) {
      // Going off duty: a member busy with a patient finishes the task first (no handover modelled).
      team.onDuty[mi] = 0;
      team.dutyHours[mi] += now - Math.max(team.dutySince[mi], team.statsFrom);
      team.onDutyByRole[team.roleOf[mi]].add(now, -1);
    }
    this.scheduleShift(ti, mi, now);
  }

  // ---------------------------------------------------------------- stores and controllers

  private scheduleControl(ci: number): void {
    const c = this.model.controllers[ci];
    const k = this.controllerCount[ci]++;
    let t: number;
    if (c.repeatEvery !== null) t = Math.floor(k / c.times.length) * c.repeatEvery + c.times[k % c.times.length];
    else if (k < c.times.length) t = c.times[k];
    else return;
    if (t < this.horizon) this.calendar.schedule(t, Priority.control, ci * 8 + Kind.Control);
  }

  private runController(ci: number): void {
    const c = this.model.controllers[ci];
    this.controlling = c.id;
    try {
      c.act(this.control);
    } finally {
      this.controlling = '';
    }
    this.scheduleControl(ci);
  }

  private storeNamed(id: string): StoreState {
    const st = this.stores.find((x) => x.id === id);
    if (!st) throw new RunError(`controller "${this.controlling}" at t=${fmt(this.now)} h: unknown store "${id}" (known: ${this.stores.map((x) => x.id).join(', ') || 'none'})`, this.now);
    return st;
  }

  private readonly controlState = new Map<string, unknown>();
  private tables = { entity: new Int32Array(0), priority: new Float64Array(0), serial: new Float64Array(0), values: [] as Float64Array[] };

  /** Buffers for Control.table: at least n rows and k attribute columns, grown by doubling. */
  private tableBuffers(n: number, k: number) {
    const t = this.tables;
    if (t.entity.length < n) {
      const size = Math.max(n, 2 * t.entity.length, 64);
      t.entity = new Int32Array(size);
      t.priority = new Float64Array(size);
      t.serial = new Float64Array(size);
      t.values = t.values.map(() => new Float64Array(size));
    }
    while (t.values.length < k) t.values.push(new Float64Array(t.entity.length));
    return t;
  }

  private attrIndex(name: string): number {
    // Controllers ask by name, often in loops over a whole waiting list: a map, not a scan.
    let k = this.attrIndexes.get(name);
    if (k === undefined) this.attrIndexes.set(name, (k = this.model.attributes.indexOf(name)));
    if (k < 0) throw new RunError(`controller "${this.controlling}" at t=${fmt(this.now)} h: unknown attribute "${name}" (known: ${this.model.attributes.filter((a) => !a.startsWith('@')).join(', ') || 'none'})`, this.now);
    return k;
  }

  /** Built once: the controllers' window on this replication. */
  private makeControl(): Control {
    const sim = this;
    const ent = this.ent;
    const live = (e: number, what: string) => {
      if (!(e >= 0 && e < ent.capacity) || ent.state[e] === EntityState.Free)
        throw new RunError(`controller "${sim.controlling}" at t=${fmt(sim.now)} h: ${what}: no entity ${e} in the system`, sim.now);
    };
    return {
      get now() { return sim.now; },
      entries(store: string): StoreEntry[] {
        const st = sim.storeNamed(store);
        const out: StoreEntry[] = [];
        for (const e of st.members) out.push({ entity: e, serial: ent.serial[e], cls: sim.model.classes[ent.cls[e]], priority: ent.prio[e], since: ent.since[e] });
        return out.sort((a, b) => a.priority - b.priority || a.since - b.since || a.serial - b.serial);
      },
      size(store: string): number {
        return sim.storeNamed(store).members.size;
      },
      members(store: string): number[] {
        return [...sim.storeNamed(store).members];
      },
      table(store: string, attributes: readonly string[]): StoreTable {
        const members = sim.storeNamed(store).members;
        const n = members.size;
        const slots = attributes.map((a) => sim.attrIndex(a));
        // Views of buffers kept by the run and reused (valid until the next table() call):
        // a daily census of a long list would otherwise allocate megabytes a simulated year.
        const b = sim.tableBuffers(n, slots.length);
        const entity = b.entity.subarray(0, n), priority = b.priority.subarray(0, n), serial = b.serial.subarray(0, n);
        const values = slots.map((_, j) => b.values[j].subarray(0, n));
        const width = sim.nAttrs;
        // Column by column, with the entity arrays in locals: tight loops the JIT keeps fast.
        let k = 0;
        for (const e of members) entity[k++] = e;
        const prio = ent.prio, ser = ent.serial, attrs = ent.attrs;
        for (let i = 0; i < n; i++) {
          const e = entity[i];
          priority[i] = prio[e];
          serial[i] = ser[e];
        }
        for (let j = 0; j < slots.length; j++) {
          const column = values[j], slot = slots[j];
          for (let i = 0; i < n; i++) column[i] = attrs[entity[i] * width + slot];
        }
        return { entity, priority, serial, values };
      },
      take(e: number, label: string): void {
        live(e, 'take');
        if (ent.state[e] !== EntityState.Stored)
          throw new RunError(`controller "${sim.controlling}" at t=${fmt(sim.now)} h: take: entity ${ent.serial[e]} is not in a store`, sim.now);
        const to = sim.model.labels.get(label);
        if (to === undefined) throw new RunError(`controller "${sim.controlling}" at t=${fmt(sim.now)} h: take: unknown label "${label}" (labels are "pathway/label" or a pathway id)`, sim.now);
        const st = sim.stores[ent.waitingAt[e]];
        st.members.delete(e);
        st.size.add(sim.now, -1);
        st.taken++;
        if (ent.since[e] >= sim.warmup) st.waits.add(sim.now - ent.since[e]);
        ent.waitingAt[e] = -1;
        ent.step[e] = to;
        ent.state[e] = EntityState.Granted;
        if (sim.observer) sim.emit('take', e, st.id);
        sim.pushReady(e);
      },
      attr(e: number, name: string): number {
        live(e, 'attr');
        return ent.attrs[e * sim.nAttrs + sim.attrIndex(name)];
      },
      priority(e: number): number {
        live(e, 'priority');
        return ent.prio[e];
      },
      serial(e: number): number {
        live(e, 'serial');
        return ent.serial[e];
      },
      setAttr(e: number, name: string, value: number): void {
        live(e, 'setAttr');
        ent.attrs[e * sim.nAttrs + sim.attrIndex(name)] = value;
      },
      pool(id: string) {
        const p = sim.pools.find((x) => x.id === id);
        if (!p) throw new RunError(`controller "${sim.controlling}" at t=${fmt(sim.now)} h: unknown pool "${id}"`, sim.now);
        return { capacity: p.capacity, inUse: p.inUse, queue: p.queueCount };
      },
      rng(name: string): Rng {
        return sim.streams.get(name);
      },
      countAtLeast(store: string, attribute: string, thresholds: readonly number[]): number[] {
        const slot = sim.attrIndex(attribute);
        const counts = thresholds.map(() => 0);
        const attrs = ent.attrs, width = sim.nAttrs;
        for (const e of sim.storeNamed(store).members) {
          const v = attrs[e * width + slot];
          for (let j = 0; j < thresholds.length; j++) if (v >= thresholds[j]) counts[j]++;
        }
        return counts;
      },
      state<T>(key: string, init: () => T): T {
        let v = sim.controlState.get(key);
        if (v === undefined) sim.controlState.set(key, (v = init()));
        return v as T;
      },
      record(name: string, value: number): void {
        if (sim.now < sim.warmup) return;
        let t = sim.controlOutputs.get(name);
        if (!t) sim.controlOutputs.set(name, (t = new Tally()));
        t.add(value);
      },
    };
  }

  // ---------------------------------------------------------------- observation

  private endWarmup(): void {
    const now = this.now;
    for (const p of this.pools) p.resetStats(now);
    for (const t of this.teams) t.resetStats(now);
    for (const st of this.stores) st.resetStats(now);
    for (const o of this.outputs) o.reset();
    for (const row of this.outputsByClass) for (const o of row) o.reset();
    for (const t of this.timeInSystem) t.reset();
    this.outputsWithin.fill(0);
    this.outputsWithinByClass.fill(0);
    this.arrivedByClass.fill(0);
    this.departedByClass.fill(0);
    this.renegedByClass.fill(0);
    this.divertedByClass.fill(0);
    this.exitedByClass.fill(0);
    for (const e of this.ent.live()) this.presentAtWarmupByClass[this.ent.cls[e]]++;
    this.warmupArrived = this.arrived;
    this.measuring = true;
  }

  /** Whole-run arrivals at the end of warm-up, to count arrivals in the measured window. */
  warmupArrived = 0;

  private sample(): void {
    const now = this.now;
    this.recordSeries(now);
    if (now >= this.warmup) for (const p of this.pools) if (p.profile !== null) p.profile.sample(now, p.inUse + p.queueCount);
    // Grid times are k·Δ, not repeated sums, so that they stay exact.
    const next = ++this.sampleK * this.sampleEvery;
    if (next < this.horizon) this.calendar.schedule(next, Priority.sample, Kind.Sample);
  }

  /**
   * A series ends with the state at the horizon when the grid reaches it: everything before
   * the horizon done, nothing at it. Not a profile sample: a cycle's profile covers [warmup, horizon).
   */
  private closeSeries(): void {
    if (this.sampleEvery > 0 && this.sampleK * this.sampleEvery === this.horizon) {
      this.recordSeries(this.horizon);
      this.sampleK++;
    }
  }

  private recordSeries(now: number): void {
    if (this.series === null) return;
    this.series.times.push(now);
    for (let k = 0; k < this.pools.length; k++) {
      this.series.busy[k].push(this.pools[k].inUse);
      this.series.queue[k].push(this.pools[k].queueCount);
    }
    for (let k = 0; k < this.stores.length; k++) this.series.stores[k].push(this.stores[k].members.size);
  }
}

function compare(op: number, a: number, b: number): boolean {
  switch (op) {
    case Op.Lt: return a < b;
    case Op.Le: return a <= b;
    case Op.Eq: return a === b;
    case Op.Ne: return a !== b;
    case Op.Ge: return a >= b;
    default: return a > b;
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
  let k = -1;
  if (s.period === Infinity) {
    for (let j = 0; j < n && k < 0; j++) if (s.times[j] > after) k = j;
    if (k < 0) return -1;
    nextPointAt = s.times[k];
  } else {
    const base = Math.floor(after / s.period) * s.period;
    for (let j = 0; j < n && k < 0; j++) if (base + s.times[j] > after) k = j;
    if (k >= 0) nextPointAt = base + s.times[k];
    else {
      k = 0;
      nextPointAt = base + s.period + s.times[0];
    }
  }
  while (k + 1 < n && s.times[k + 1] === s.times[k]) k++;
  return k;
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
