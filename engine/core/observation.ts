// What a run observes: counts of arrivals and ways out (whole run and per class in the
// measured window), recorded outputs, times in system, the end of warm-up (when every
// statistic restarts) and the time series sampled on a fixed grid. It is also the run's
// read-only view (RunView) that results, snapshots and observers read.
import { Tally } from './stats.ts';
import type { CompiledModel, CompiledStep } from './model.ts';
import type { PoolState, TeamState, StoreState } from './pool-state.ts';
import type { Entities } from './entities.ts';
import type { RunView } from './run-view.ts';
import type { Kernel } from './kernel.ts';

export class Observation implements RunView {
  // Arrivals and exits are counted where they happen (arrival-sources.ts, walk.ts), on
  // these fields: once per entity, and a call there would cost the hot loop (bench/RESULTS.md).
  arrived = 0;
  departed = 0;
  reneged = 0;
  diverted = 0;
  readonly arrivedByClass: Float64Array;
  readonly departedByClass: Float64Array;
  readonly renegedByClass: Float64Array;
  readonly divertedByClass: Float64Array;
  readonly exited: Float64Array;
  readonly exitedByClass: Float64Array;
  readonly presentAtWarmupByClass: Float64Array;
  readonly timeInSystem: Tally[];
  readonly outputs: Tally[];
  readonly outputsByClass: Tally[][];
  readonly outputsWithin: Float64Array;
  readonly outputsWithinByClass: Float64Array;
  /** Created on first use: a controller names its outputs as it runs. */
  readonly controlOutputs = new Map<string, Tally>();
  readonly series: { times: number[]; busy: number[][]; queue: number[][]; stores: number[][] } | null;
  /** The measured window is open (warm-up is over). */
  measuring: boolean;
  private readonly k: Kernel;
  private readonly nClasses: number;
  private sampleK = 0;

  constructor(k: Kernel) {
    this.k = k;
    const model = k.model;
    const n = (this.nClasses = model.classes.length);
    this.outputs = model.outputs.map(() => new Tally());
    this.outputsByClass = model.outputs.map(() => model.classes.map(() => new Tally()));
    this.timeInSystem = model.classes.map(() => new Tally());
    this.outputsWithin = new Float64Array(model.outputs.length);
    this.outputsWithinByClass = new Float64Array(model.outputs.length * n);
    this.arrivedByClass = new Float64Array(n);
    this.departedByClass = new Float64Array(n);
    this.renegedByClass = new Float64Array(n);
    this.divertedByClass = new Float64Array(n);
    this.exited = new Float64Array(model.outcomes.length);
    this.exitedByClass = new Float64Array(model.outcomes.length * n);
    this.presentAtWarmupByClass = new Float64Array(n);
    this.measuring = k.warmup === 0;
    const pools = k.pools.states;
    this.series = k.sampleEvery > 0 ? { times: [], busy: pools.map(() => []), queue: pools.map(() => []), stores: model.stores.map(() => []) } : null;
  }

  // ---------------------------------------------------------------- the view

  get model(): CompiledModel { return this.k.model; }
  get seed(): number { return this.k.seed; }
  get replication(): number { return this.k.replication; }
  get warmup(): number { return this.k.warmup; }
  get horizon(): number { return this.k.horizon; }
  get now(): number { return this.k.now; }
  get events(): number { return this.k.events; }
  get inSystem(): number { return this.k.ent.count; }
  get ent(): Entities { return this.k.ent; }
  get pools(): readonly PoolState[] { return this.k.pools.states; }
  get skilledPools(): readonly TeamState[] { return this.k.skilled.states; }
  get stores(): readonly StoreState[] { return this.k.controllers.stores; }
  currentStep(e: number): number { return this.k.currentStep(e); }

  // ---------------------------------------------------------------- counting

  leave(e: number, how: 'renege' | 'divert'): void {
    const c = this.k.ent.cls[e];
    if (how === 'renege') {
      this.reneged++;
      this.renegedByClass[c]++;
    } else {
      this.diverted++;
      this.divertedByClass[c]++;
    }
  }

  /** A record step: the time since an attribute (or arrival), if its interval counts in the window. */
  record(e: number, s: CompiledStep): void {
    const k = this.k;
    const ent = k.ent;
    const from = s.attr < 0 ? ent.born[e] : ent.attrs[e * k.nAttrs + s.attr];
    if (s.countEnded ? k.now >= k.warmup : from >= k.warmup) {
      const x = k.now - from;
      const c = ent.cls[e];
      this.outputs[s.output].add(x);
      this.outputsByClass[s.output][c].add(x);
      if (x <= s.value) {
        this.outputsWithin[s.output]++;
        this.outputsWithinByClass[s.output * this.nClasses + c]++;
      }
    }
  }

  recordControl(name: string, value: number): void {
    if (this.k.now < this.k.warmup) return;
    let t = this.controlOutputs.get(name);
    if (!t) this.controlOutputs.set(name, (t = new Tally()));
    t.add(value);
  }

  // ---------------------------------------------------------------- warm-up and series

  endWarmup(): void {
    const k = this.k;
    const now = k.now;
    for (const p of k.pools.states) p.resetStats(now);
    for (const t of k.skilled.states) t.resetStats(now);
    for (const st of k.controllers.stores) st.resetStats(now);
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
    for (const e of k.ent.live()) this.presentAtWarmupByClass[k.ent.cls[e]]++;
    this.measuring = true;
  }

  sample(): void {
    const k = this.k;
    const now = k.now;
    this.recordSeries(now);
    if (now >= k.warmup) for (const p of k.pools.states) if (p.profile !== null) p.profile.sample(now, p.inUse + p.queueCount);
    // Grid times are k·Δ, not repeated sums, so that they stay exact.
    const next = ++this.sampleK * k.sampleEvery;
    if (next < k.horizon) k.sampleAt(next);
  }

  /**
   * A series ends with the state at the horizon when the grid reaches it: everything before
   * the horizon done, nothing at it. Not a profile sample: a cycle's profile covers [warmup, horizon).
   */
  closeSeries(): void {
    const k = this.k;
    if (k.sampleEvery > 0 && this.sampleK * k.sampleEvery === k.horizon) {
      this.recordSeries(k.horizon);
      this.sampleK++;
    }
  }

  private recordSeries(now: number): void {
    if (this.series === null) return;
    const pools = this.k.pools.states, stores = this.k.controllers.stores;
    this.series.times.push(now);
    for (let j = 0; j < pools.length; j++) {
      this.series.busy[j].push(pools[j].inUse);
      this.series.queue[j].push(pools[j].queueCount);
    }
    for (let j = 0; j < stores.length; j++) this.series.stores[j].push(stores[j].members.size);
  }
}
