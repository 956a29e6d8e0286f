// The model builder: pools, skilled pools, pathways and arrival sources, checked and
// compiled once into an immutable CompiledModel that any number of replications share.
// Every mistake is reported with the path of the offending field. compile() runs the
// compilers of each part in a fixed order: compile-pools.ts, compile-steps.ts (one
// function per step kind; seize and release in compile-seize.ts), compile-sources.ts,
// with the names and their indices in compile-names.ts.
import type { Distribution } from './distributions.ts';
import { ModelError } from './errors.ts';
import type { SourceDef } from './arrivals.ts';
import type { CompiledTimeFactor } from './time-factor.ts';
import type { StepDef } from './pathway.ts';
import type { StoreDef, ControllerDef } from './control.ts';
import type { CompiledStep } from './compiled-step.ts';
import type { EscalationDef } from './escalation.ts';
import { Names } from './compile-names.ts';
import { compilePool, compileTeam, checkEscalationHasUnits } from './compile-pools.ts';
import { flatten, compileStep } from './compile-steps.ts';
import { compileSource, compileController } from './compile-sources.ts';

export interface CapacitySchedule {
  /** The pattern repeats every `period` hours (e.g. 168 for a week); omit for one-off changes. */
  period?: number;
  /** Capacity from `at` (hours into the period) until the next point. */
  points: { at: number; capacity: number }[];
}

export interface PoolDef {
  /** Units (beds, cubicles, servers); Infinity for an unlimited pool. */
  capacity: number;
  /** fifo; priority (non-preemptive); preemptive (preemptive-resume on priority). */
  discipline?: 'fifo' | 'priority' | 'preemptive';
  /** Places in the line; beyond it a seize diverts or blocks. Default unlimited. */
  queueLimit?: number;
  /** Capacity over time; when present it overrides `capacity` from time 0. */
  schedule?: CapacitySchedule;
  /**
   * When capacity drops below the units in use: "finish" lets work in progress end and
   * withholds units as they free (the default); "preempt" interrupts the least urgent,
   * most recently started holders, who resume their remaining work first when capacity returns.
   */
  onCapacityDrop?: 'finish' | 'preempt';
  /** Fold the number present over a cycle (e.g. 24 bins over 24 h) for time-of-day outputs. */
  profile?: { period: number; bins: number };
  /**
   * Report the time with each number present split by the capacity in force
   * (PoolResult.presentByCapacity), for shares of the capacity open at each moment. Costs
   * a little on every change of a pool whose capacity can change (schedule, escalation);
   * nothing on one whose capacity is constant.
   */
  presentByCapacity?: boolean;
  /** Extra units that open under pressure and close when it has passed (escalation.ts). */
  escalation?: EscalationDef;
}

export interface MemberDef {
  id: string;
  role: string;
  skills: string[];
  hourlyCost?: number;
  /** On duty in these [from, to) windows of each period (e.g. 168 h); always on duty if omitted. */
  shifts?: { period: number; on: [number, number][] };
  /**
   * On call for this counted pool's escalation (escalation.ts): off duty except while its
   * extra units are open (staff called in with escalation beds). Not with shifts.
   */
  onCall?: string;
}

export interface SkilledPoolDef {
  members: MemberDef[];
  /** Which free qualified member takes a request: the first listed, or the cheapest per hour. */
  policy?: 'first-free' | 'cheapest';
  discipline?: 'fifo' | 'priority';
  /** Keep busy hours by the class of the entity served (a little work on every seize and release: only when asked). */
  busyByClass?: boolean;
}

export { StepKind, Op, ATTR_CLASS, ATTR_PRIORITY, ATTR_NOW, CompiledStep } from './compiled-step.ts';

export interface CompiledPool {
  id: string;
  index: number;
  capacity: number;
  discipline: 'fifo' | 'priority' | 'preemptive';
  queueLimit: number;
  schedule: { period: number; times: number[]; capacities: number[] } | null;
  preemptOnDrop: boolean;
  profile: { period: number; bins: number } | null;
  /** Absent or false: no split of the number present by capacity. */
  presentByCapacity?: boolean;
  /** Absent or null: no escalation. */
  escalation?: EscalationDef | null;
}

export interface CompiledTeam {
  id: string;
  index: number;
  /** onCall: the index of the pool whose escalation puts the member on duty, or -1. */
  members: { id: string; role: string; skills: Set<number>; hourlyCost: number; shifts: { period: number; on: [number, number][] } | null; onCall: number }[];
  cheapest: boolean;
  byPriority: boolean;
  roles: string[];
  /** Absent or false: no busy hours by class. */
  busyByClass?: boolean;
}

export interface CompiledSource {
  id: string;
  index: number;
  start: number;
  cls: number;
  priority: number;
  def: SourceDef;
  /** The rate's peak per hour: thinning candidates come at it (times the rate factor's bound). */
  peak: number;
  /** The rate's multiplier over time (null: none; the arrivals are then drawn as without one). */
  rateFactor: CompiledTimeFactor | null;
  /** > 0 when the inter-arrival time is exponential with this mean: sampled inline. */
  expMean: number;
  stream: number;
  batchStream: number;
  attrs: { attr: number; value: number | Distribution; stream: number }[];
}

export interface CompiledModel {
  steps: CompiledStep[];
  pools: CompiledPool[];
  teams: CompiledTeam[];
  sources: CompiledSource[];
  classes: string[];
  attributes: string[];
  skills: string[];
  streams: string[];
  outputs: string[];
  /** Named ways out (exit steps with an outcome), counted apart from plain departures. */
  outcomes: string[];
  /** Per output: the "within" target in hours (NaN: none). */
  targets: number[];
  /** Per output: centiles (percent) reported besides p50, p90, p95 and p99 (empty: none). */
  centiles: number[][];
  /** Per output: the pool held while an interval is open and the stamp's attribute (-1: arrival), or null (RecordStep.openWhileHolding). */
  openHolds: ({ pool: number; attr: number } | null)[];
  /** Per output: the stamp's attribute whose still-open intervals are reported, or -1 (RecordStep.reportOpen). */
  openStamps: number[];
  /** label ("pathway/label" or "pathway") → step index */
  labels: Map<string, number>;
  /** orderBy: the attribute index a store is ordered by (store-order.ts), -1 for none. */
  stores: { id: string; index: number; orderBy: number }[];
  controllers: { id: string; index: number; times: number[]; repeatEvery: number | null; act: ControllerDef['act'] }[];
}

export class Model {
  private readonly poolDefs = new Map<string, PoolDef>();
  private readonly teamDefs = new Map<string, SkilledPoolDef>();
  private readonly pathwayDefs = new Map<string, StepDef[]>();
  private readonly sourceDefs = new Map<string, SourceDef>();
  private readonly storeDefs = new Map<string, StoreDef>();
  private readonly controllerDefs = new Map<string, ControllerDef>();
  private readonly classNames: string[] = [];
  private readonly attributeNames: string[] = [];

  pool(id: string, def: PoolDef): this {
    this.unique(id, 'pools');
    this.poolDefs.set(id, def);
    return this;
  }

  skilledPool(id: string, def: SkilledPoolDef): this {
    this.unique(id, 'skilledPools');
    this.teamDefs.set(id, def);
    return this;
  }

  pathway(id: string, steps: StepDef[]): this {
    if (this.pathwayDefs.has(id)) throw new ModelError(`pathways.${id}`, 'defined twice');
    this.pathwayDefs.set(id, steps);
    return this;
  }

  source(id: string, def: SourceDef): this {
    if (this.sourceDefs.has(id)) throw new ModelError(`sources.${id}`, 'defined twice');
    this.sourceDefs.set(id, def);
    return this;
  }

  /** A store: entities wait in it (an `enter` step) until a controller takes them. */
  store(id: string, def: StoreDef = {}): this {
    if (typeof id !== 'string' || id === '') throw new ModelError('stores', 'an id must be a non-empty string');
    if (this.storeDefs.has(id)) throw new ModelError(`stores.${id}`, 'defined twice');
    this.storeDefs.set(id, def);
    return this;
  }

  /** A controller: a decision run at scheduled times (see control.ts). */
  controller(id: string, def: ControllerDef): this {
    if (this.controllerDefs.has(id)) throw new ModelError(`controllers.${id}`, 'defined twice');
    this.controllerDefs.set(id, def);
    return this;
  }

  /** Declares classes in an order (their index order in results); classes named by sources are added anyway. */
  classes(...names: string[]): this {
    for (const n of names) if (!this.classNames.includes(n)) this.classNames.push(n);
    return this;
  }

  /**
   * Declares attributes that only controllers read or write (no step names them), so that
   * Control.attr / setAttr know them. A new entity's attributes are NaN until set.
   */
  attributes(...names: string[]): this {
    for (const n of names) if (!this.attributeNames.includes(n)) this.attributeNames.push(n);
    return this;
  }

  compile(): CompiledModel {
    // The order of the calls below fixes the indices of names and the first error reported: keep it.
    const n = new Names(this.classNames, [...this.storeDefs.keys()]);
    for (const s of this.sourceDefs.values()) n.classIndex(s.class ?? 'default');
    if (n.classes.length === 0) n.classes.push('default');
    n.setPools([...this.poolDefs].map(([id, d], index) => compilePool(id, d, index)));
    n.setTeams([...this.teamDefs].map(([id, d], index) => compileTeam(id, d, index, (skill) => n.skillIndex(skill), n.pools)));
    checkEscalationHasUnits(n.pools, n.teams);
    for (const name of this.attributeNames) n.attrIndex(name);
    const steps = flatten(this.pathwayDefs, n).map(({ at, def }) => compileStep(n, def, at));
    let index = 0;
    const sources = [...this.sourceDefs].map(([id, def]) => compileSource(n, id, def, index++));
    if (sources.length === 0) throw new ModelError('sources', 'at least one arrival source is needed');
    // Classes named in byClass/switch after sources: make per-class arrays the right length.
    for (const s of steps) if (s.byClass) while (s.byClass.length < n.classes.length) s.byClass.push(null);
    const controllers = [...this.controllerDefs].map(([id, d], i) => compileController(id, d, i));
    // After the steps, so that attribute indices stay as they were before stores had an order.
    const orderBy = n.storeIds.map((id) => {
      const a = this.storeDefs.get(id)!.orderBy;
      if (a === undefined) return -1;
      if (typeof a !== 'string' || a === '') throw new ModelError(`stores.${id}.orderBy`, 'expected an attribute name');
      return n.attrIndex(a);
    });
    // Outputs a controller may record are named at run time: they are added there.
    return {
      steps, pools: n.pools, teams: n.teams, sources, classes: n.classes, attributes: n.attributes, skills: n.skills,
      streams: n.streams, outputs: n.outputs, outcomes: n.outcomes, labels: n.labels,
      targets: n.outputs.map((o) => n.targets.get(o) ?? NaN),
      centiles: n.outputs.map((o) => n.centiles.get(o) ?? []),
      openHolds: n.outputs.map((o) => n.openHolds.get(o) ?? null),
      openStamps: n.outputs.map((o) => n.openStamps.get(o) ?? -1),
      stores: n.storeIds.map((id, i) => ({ id, index: i, orderBy: orderBy[i] })), controllers,
    };
  }

  private unique(id: string, where: string): void {
    if (typeof id !== 'string' || id === '') throw new ModelError(where, 'an id must be a non-empty string');
    if (this.poolDefs.has(id) || this.teamDefs.has(id)) throw new ModelError(`${where}.${id}`, 'a pool with this id exists already');
  }
}

