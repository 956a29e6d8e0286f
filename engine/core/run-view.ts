// The read-only view of one replication: what results.ts, snapshots, event logs and
// observers read while or after it runs. The modules that run it write through their own
// (mutable) types; a reader gets these, so that looking cannot change a run.
import type { CompiledModel } from './model.ts';
import type { TallySummary, LevelSummary, Level, CycleProfile } from './stats.ts';
import type { LevelByCapacity } from './level-by-capacity.ts';

export type Numbers = ArrayLike<number>;

export interface TallyView {
  readonly count: number;
  readonly mean: number;
  summary(): TallySummary;
  /** The nearest-rank q-quantile, within 0.5% (Tally.quantile). */
  quantile(q: number): number;
}

export interface LevelView {
  readonly value: number;
  mean(time: number): number;
  summary(time: number): LevelSummary;
}

/** A counted pool now; its counters and statistics cover the measured window. */
export interface PoolView {
  readonly id: string;
  readonly index: number;
  readonly capacity: number;
  readonly inUse: number;
  readonly queueCount: number;
  readonly blockedCount: number;
  readonly queueLimit: number;
  readonly waits: TallyView;
  /** By slot: the classes that have used the pool (classOfSlot), in the order they first did. */
  readonly waitsByClass: readonly TallyView[];
  readonly classOfSlot: Int32Array;
  readonly nSlots: number;
  readonly renegeWaits: TallyView;
  readonly requests: number;
  readonly granted: number;
  readonly waited: number;
  readonly reneged: number;
  readonly diverted: number;
  readonly preempted: number;
  readonly completed: number;
  /** Extra units under pressure (escalation.ts), or null. */
  readonly escalation: {
    readonly def: { readonly units: number };
    readonly openings: number;
    readonly decisions: number;
    viewAt(now: number, inUse: number, capacity: number): { open: Level; used: Level };
  } | null;
  /** Copies of the levels integrated up to `now` (the pool's own are left alone); the per-class ones by slot. */
  viewAt(now: number): { busy: Level; queue: Level; present: Level; capacity: Level; blocked: Level; overrun: Level; busyByClass: Level[] | null; queueByClass: Level[] | null; classOfSlot: Int32Array; profile: CycleProfile | null; presentByCapacity: LevelByCapacity | null };
}

/** A skilled pool now: per member (busy, on duty, hours since statsFrom) and per role and skill. */
export interface SkilledPoolView {
  readonly id: string;
  readonly index: number;
  readonly roles: readonly string[];
  readonly busyMember: Numbers;
  readonly onDuty: Numbers;
  readonly busySince: Numbers;
  readonly dutySince: Numbers;
  readonly busyHours: Numbers;
  readonly dutyHours: Numbers;
  readonly statsFrom: number;
  readonly busyClassOf: Numbers | null;
  readonly busyHoursByClass: Numbers | null;
  readonly busyByRole: readonly LevelView[];
  readonly onDutyByRole: readonly LevelView[];
  readonly waitsBySkill: readonly TallyView[];
  readonly queue: LevelView;
  readonly requests: number;
  readonly granted: number;
  readonly reneged: number;
}

export interface StoreView {
  readonly id: string;
  readonly members: ReadonlySet<number>;
  readonly size: LevelView;
  readonly waits: TallyView;
  readonly entered: number;
  readonly taken: number;
}

/** Entities by index (entities.ts); `state` holds EntityState values. */
export interface EntityView {
  readonly count: number;
  readonly step: Numbers;
  readonly cls: Numbers;
  readonly state: Numbers;
  readonly waitingAt: Numbers;
  readonly held: Numbers;
  readonly heldAt: Numbers;
  readonly prio: Numbers;
  readonly born: Numbers;
  readonly since: Numbers;
  readonly serial: Numbers;
  readonly attrs: Numbers;
  live(): number[];
}

export interface SeriesView {
  readonly times: readonly number[];
  readonly busy: readonly (readonly number[])[];
  readonly queue: readonly (readonly number[])[];
  readonly stores: readonly (readonly number[])[];
}

export interface RunView {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly replication: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly now: number;
  readonly events: number;
  readonly inSystem: number;
  readonly ent: EntityView;
  readonly pools: readonly PoolView[];
  readonly skilledPools: readonly SkilledPoolView[];
  readonly stores: readonly StoreView[];
  // Whole-run counts (conservation) and per class over the measured window. In the window,
  // for each class: present at its start + arrived = departed + reneged + diverted + exits
  // by outcome + present at its end.
  readonly arrived: number;
  readonly departed: number;
  readonly reneged: number;
  readonly diverted: number;
  /** Exits with an outcome, by outcome (model.outcomes): whole run. */
  readonly exited: Numbers;
  readonly arrivedByClass: Numbers;
  readonly departedByClass: Numbers;
  readonly renegedByClass: Numbers;
  readonly divertedByClass: Numbers;
  /** Exits with an outcome in the window, at [outcome * classes + class]. */
  readonly exitedByClass: Numbers;
  /** Entities in the system when the window opened (the end of warm-up), by class. */
  readonly presentAtWarmupByClass: Numbers;
  readonly timeInSystem: readonly TallyView[];
  readonly outputs: readonly TallyView[];
  readonly outputsByClass: readonly (readonly TallyView[])[];
  /** Observations within each output's target (its record steps' `within`), overall and at [output * classes + class]. */
  readonly outputsWithin: Numbers;
  readonly outputsWithinByClass: Numbers;
  /** Outputs recorded by controllers, by name. */
  readonly controlOutputs: ReadonlyMap<string, TallyView>;
  readonly series: SeriesView | null;
  /** The step an entity is at (a delayed entity's index already points past its delay). */
  currentStep(e: number): number;
}
