// One replication of a compiled model, as its users see it: the verbs that run it (run,
// runUntil, runBefore, step), observers of its entity events, and a read-only view of its
// state for results and snapshots. The event loop and the rules of each concern live
// behind it: kernel.ts (the loop, the calendar, the clock, dispatch), walk.ts (steps),
// arrival-sources.ts, counted-pools.ts, preemption.ts, skilled-pools.ts,
// capacity-schedules.ts, controllers.ts and observation.ts.
import { Kernel } from './kernel.ts';
import type { CompiledModel } from './model.ts';
import type { RunResult, Snapshot, SimObserver } from './results.ts';
import { collectResults, takeSnapshot } from './results.ts';
import type { RunView, EntityView, PoolView } from './run-view.ts';

export { capacityAt } from './capacity-schedules.ts';

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

/**
 * One replication: same model, seed and replication number, same numbers, anywhere.
 *
 * ```ts
 * const model = new Model()
 *   .pool('server', { capacity: 2 })
 *   .pathway('job', [seize('server'), delay(exponential(1)), release('server'), exit()])
 *   .source('jobs', { pathway: 'job', rate: 1.5 })
 *   .compile();
 * const sim = new Simulation(model, { seed: 1, warmup: 100, horizon: 100_000 });
 * sim.run().pools.server.waits.mean; // 1.33 h; Erlang C gives 1.29 h (M/M/2, ρ = 0.75)
 * ```
 */
export class Simulation {
  /** Everything a reader may look at, read-only: what results() and snapshot() are made from. */
  readonly view: RunView;
  private readonly kernel: Kernel;

  constructor(model: CompiledModel, options: RunOptions) {
    this.kernel = new Kernel(model, options);
    this.view = this.kernel.observation;
  }

  /**
   * Subscribes to entity events (arrive, seize, queue, …). Costs nothing when nobody listens.
   * The second argument is the entity's index in `view.ent` (-1 for a capacity change), for
   * reading its class or step (`view.currentStep`) while it is still there (an exit is
   * emitted before the entity is removed). `transient`: the listener reads the event during
   * the call only and keeps nothing of it; when every listener says so, one event object is
   * reused for every event (no garbage per event: an event log of a long run).
   */
  observe(fn: SimObserver, options: { transient?: boolean } = {}): () => void {
    const k = this.kernel;
    const prev = k.observer, prevTransient = k.observerTransient;
    k.observer = prev ? (e, i) => { prev(e, i); fn(e, i); } : fn;
    k.observerTransient = (prev === null || prevTransient) && options.transient === true;
    return () => { k.observer = prev; k.observerTransient = prevTransient; };
  }

  /** Runs to the horizon and returns the results. */
  run(): RunResult {
    this.runUntil(this.kernel.horizon);
    return this.results();
  }

  /**
   * Processes every event up to and including time t (the state at t, for stepping and
   * watching), then sets the clock to t. At or past the horizon it stops before the
   * horizon's own events: the measured window is half-open, and the clock is the horizon.
   */
  runUntil(t: number): void {
    const k = this.kernel;
    if (t >= k.horizon) k.processEvents(k.horizon, false);
    else k.processEvents(t, true);
  }

  /**
   * Processes every event before time t, leaving those at t, then sets the clock to t:
   * results() then covers [warmup, t), as at the horizon (a window measured inside a longer run).
   */
  runBefore(t: number): void {
    this.kernel.processEvents(Math.min(t, this.kernel.horizon), false);
  }

  /** Processes the next event alone; false when none is left before the horizon. */
  step(): boolean {
    return this.kernel.step();
  }

  /** Time of the next event (Infinity when none). */
  nextEventTime(): number {
    return this.kernel.nextEventTime();
  }

  snapshot(): Snapshot {
    return takeSnapshot(this.view);
  }

  results(): RunResult {
    return collectResults(this.view);
  }

  // Read-only conveniences for steppers and animations (the view has the rest).
  get model(): CompiledModel { return this.kernel.model; }
  get seed(): number { return this.kernel.seed; }
  get replication(): number { return this.kernel.replication; }
  get warmup(): number { return this.kernel.warmup; }
  get horizon(): number { return this.kernel.horizon; }
  get now(): number { return this.kernel.now; }
  /** Entity events so far (arrivals and ends of delays). */
  get events(): number { return this.kernel.events; }
  get inSystem(): number { return this.kernel.ent.count; }
  get arrived(): number { return this.view.arrived; }
  get departed(): number { return this.view.departed; }
  get ent(): EntityView { return this.kernel.ent; }
  get pools(): readonly PoolView[] { return this.kernel.pools.states; }

  /** The step an entity is at: a delayed (or preempted) entity's index already points past its delay. */
  currentStep(e: number): number {
    return this.kernel.currentStep(e);
  }
}
