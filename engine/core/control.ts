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

/** What a controller may see and do. Every call is checked: a controller bug names itself. */
export interface Control {
  readonly now: number;
  /** Live entries of a store, most urgent first (priority, then longest there). */
  entries(store: string): StoreEntry[];
  size(store: string): number;
  /** The entities in a store, in the order they entered (cheap: no sorting, no records). */
  members(store: string): number[];
  /** Removes an entity from its store; it continues at `label` at this instant. */
  take(entity: number, label: string): void;
  attr(entity: number, name: string): number;
  /** An entity's queue priority (lower is more urgent) and its serial number (order of creation). */
  priority(entity: number): number;
  serial(entity: number): number;
  setAttr(entity: number, name: string, value: number): void;
  /** A pool's state now. */
  pool(id: string): { capacity: number; inUse: number; queue: number };
  /** A named random stream of this replication (shared across variants by name). */
  rng(name: string): Rng;
  /** Adds an observation to a named output (like a record step); counted after warm-up. */
  record(name: string, value: number): void;
}
