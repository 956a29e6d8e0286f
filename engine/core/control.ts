// Stores and controllers: entities that wait to be chosen, and scheduled decisions that
// choose them.
//
// A store holds entities that wait without asking for a unit (a waiting list, a queue
// for a decision). They leave only when a controller takes them. A controller is a
// function run at scheduled times (fixed times, optionally repeating) that sees the
// stores and pools and may take entities, send them to a label, read and set their
// attributes, draw from named random streams and record outputs. Booking a theatre list
// or offering a transfer to another hospital are controllers written by the domain
// layer; the core knows nothing of either.
import type { Rng } from './random.ts';

export interface StoreDef {
  /** Ages (hours in the store) whose exceedance a controller may ask for, e.g. [18 weeks, 52 weeks]. */
  description?: string;
  /**
   * Keep the members in order of priority, then this attribute (smallest first, e.g. the
   * referral date), then serial (store-order.ts), for `inOrder` and a fast `countAtLeast`
   * on it: a controller taking the few most urgent of a long list visits those few.
   */
  orderBy?: string;
}

export interface ControllerDef {
  /** Times of the first cycle (hours), in increasing order. */
  times: number[];
  /** Repeat the times every this many hours (e.g. 24 or 168); once only if omitted. */
  repeatEvery?: number;
  /** The decision: runs at each time with a view of the model. */
  act: (control: Control) => void;
}

/** One entity in a store, as a controller sees it. */
export interface StoreEntry {
  /** Handle for take/attribute calls, valid during this controller call. */
  readonly entity: number;
  /** Arrival serial number (1, 2, …). */
  readonly serial: number;
  readonly cls: string;
  readonly priority: number;
  /** When it entered the store. */
  readonly since: number;
}

/** A whole store at once, in entry order: column k of `values` is attribute k asked for. */
export interface StoreTable {
  readonly entity: Int32Array;
  readonly priority: Float64Array;
  readonly serial: Float64Array;
  readonly values: readonly Float64Array[];
}

/** What a controller may see and do. Every call is checked: a controller bug names itself. */
export interface Control {
  readonly now: number;
  /** Live entries of a store, most urgent first (priority, then longest there). */
  entries(store: string): StoreEntry[];
  size(store: string): number;
  /** The entities in a store, in the order they entered (cheap: no sorting, no records). */
  members(store: string): number[];
  /**
   * The entities of a store with their priority, serial and the named attributes, in one
   * call: a controller that looks at a whole waiting list of thousands every day pays for
   * one loop, not for a call per patient and attribute. The columns are views of buffers
   * the run reuses: valid until the next table() call (copy what must be kept).
   */
  table(store: string, attributes: readonly string[]): StoreTable;
  /**
   * Visits a store's members most urgent first (priority, then its `orderBy` attribute,
   * then serial) until `visit` returns false; only for a store defined with `orderBy`.
   * The visit may read and set attributes other than the order's, but not take.
   */
  inOrder(store: string, visit: (entity: number) => boolean | void): void;
  /**
   * Keeps a member of an ordered store in the store (its size, countAtLeast, members,
   * entries and table still count it) but out of inOrder's visits until it leaves the store:
   * a patient booked for a session stays on the waiting list, and the next booking visits
   * only those not yet booked instead of passing over every booked one. Not during a visit.
   */
  setAside(entity: number): void;
  /** How many in a store have `attribute` ≥ each threshold, in one pass (e.g. a daily census of waits). */
  countAtLeast(store: string, attribute: string, thresholds: readonly number[]): number[];
  /** Removes an entity from its store; it continues at `label` at this instant. */
  take(entity: number, label: string): void;
  attr(entity: number, name: string): number;
  /** An entity's queue priority (lower is more urgent) and its serial number (order of creation). */
  priority(entity: number): number;
  serial(entity: number): number;
  setAttr(entity: number, name: string, value: number): void;
  /** A pool's state now. */
  pool(id: string): { capacity: number; inUse: number; queue: number };
  /**
   * Opens (`delta` > 0) or closes (`delta` < 0) units of a pool with a capacity schedule,
   * on top of the schedule: the units a controller has added stay added across the
   * schedule's own changes until it takes them away (an extra theatre session on a Saturday
   * the timetable leaves closed: +1 at its start, −1 at its end). Closing drops the capacity
   * as a schedule does (`onCapacityDrop`); never more units than were added. Pools that
   * never see a call run exactly as before.
   */
  addCapacity(pool: string, delta: number): void;
  /** A named random stream of this replication (shared across variants by name). */
  rng(name: string): Rng;
  /** Adds an observation to a named output (like a record step); counted after warm-up. */
  record(name: string, value: number): void;
  /**
   * Memory a controller keeps between its calls within this replication (and may share
   * with other controllers by key): made by `init` on first use, new in every run. Model
   * code is shared by every replication, so state kept anywhere else would leak between runs.
   */
  state<T>(key: string, init: () => T): T;
}
