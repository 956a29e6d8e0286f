// One live replication for the teaching view: the engine stepped in slices, and at any
// moment a frame (clock, counters, every resource's queue and occupancy, where each
// patient is). Pure engine code with no DOM: the page runs it in a Web Worker and the
// tests run it in Node, so both see the same numbers for the same seed and session log.
import { Simulation } from '../../../engine/core/simulation.ts';
import { EntityState } from '../../../engine/core/entities.ts';
import { StepKind, type CompiledModel } from '../../../engine/core/model.ts';
import type { Snapshot } from '../../../engine/core/results.ts';
import type { HospitalModel } from '../../../scenarios/compile/compile.ts';
import { applyChanges, type SessionChange } from './session-changes.ts';

/** A resource drawn as a box: a finite pool, a staff pool or a store (waiting list). */
export interface Place {
  id: string;
  kind: 'pool' | 'staff' | 'store';
}

export interface Counters {
  arrived: number;
  waiting: number;
  inService: number;
  /** Waits (for a bed, a clinician, …) longer than the session's target, finished or still going. */
  breaches: number;
  done: number;
  /** Left without being seen or turned away. */
  left: number;
}

export interface PlaceState {
  capacity: number | null;
  inUse: number;
  queue: number;
}

export interface Frame {
  time: number;
  ended: boolean;
  counters: Counters;
  places: PlaceState[];
  /** Patients in the system: serial, place index (-1: between resources) and 1 if waiting. */
  serials: Float64Array;
  where: Int32Array;
  waiting: Uint8Array;
}

/** Counters straight from an engine snapshot (breaches come from the run's wait tracker). */
export function countersOf(s: Snapshot, breaches: number): Counters {
  let waiting = 0;
  for (const k in s.steps) waiting += s.steps[k].waiting;
  return { arrived: s.arrived, waiting, inService: s.inSystem - waiting, breaches, done: s.departed, left: s.reneged + s.diverted + s.exited };
}

export class LiveRun {
  readonly sim: Simulation;
  readonly model: CompiledModel;
  readonly places: Place[];
  private readonly poolPlace: Int32Array; // pool index → place (-1: unlimited, not drawn)
  private readonly teamPlace: Int32Array;
  private readonly storePlace: Int32Array;
  /** Per step: where an entity waiting at it stands (-1: nowhere drawn). */
  private readonly waitPlace: Int32Array;
  /** Per team: the attribute slots that hold the member serving an entity (NaN when none). */
  private readonly teamSlots: number[][];
  private readonly queuedAt = new Map<number, number>();
  private finishedBreaches = 0;
  private readonly targetWait: number;
  private readonly placePool: Int32Array; // place → pool index (-1: staff or store)

  constructor(h: HospitalModel, opts: { seed: number; replication?: number; changes?: readonly SessionChange[]; targetWait: number }) {
    this.model = applyChanges(h.model, opts.changes ?? [], h.horizon);
    this.sim = new Simulation(this.model, { seed: opts.seed, replication: opts.replication ?? 0, warmup: h.warmup, horizon: h.horizon });
    const m = this.model;
    this.places = [];
    this.poolPlace = new Int32Array(m.pools.length).fill(-1);
    this.teamPlace = new Int32Array(m.teams.length).fill(-1);
    this.storePlace = new Int32Array(m.stores.length).fill(-1);
    // Boxes in the order patients first meet them along the pathways.
    for (const s of m.steps) {
      if (s.kind === StepKind.Seize && this.poolPlace[s.pool] < 0 && (m.pools[s.pool].capacity !== Infinity || m.pools[s.pool].schedule)) {
        this.poolPlace[s.pool] = this.places.push({ id: m.pools[s.pool].id, kind: 'pool' }) - 1;
      } else if (s.kind === StepKind.SeizeMember && this.teamPlace[s.pool] < 0) {
        this.teamPlace[s.pool] = this.places.push({ id: m.teams[s.pool].id, kind: 'staff' }) - 1;
      } else if (s.kind === StepKind.Enter && this.storePlace[s.pool] < 0) {
        this.storePlace[s.pool] = this.places.push({ id: m.stores[s.pool].id, kind: 'store' }) - 1;
      }
    }
    this.waitPlace = new Int32Array(m.steps.length).fill(-1);
    this.teamSlots = m.teams.map(() => []);
    m.steps.forEach((s, i) => {
      if (s.kind === StepKind.Seize) this.waitPlace[i] = this.poolPlace[s.pool];
      else if (s.kind === StepKind.SeizeMember) this.waitPlace[i] = this.teamPlace[s.pool];
      else if (s.kind === StepKind.Enter) this.waitPlace[i] = this.storePlace[s.pool];
      if (s.kind === StepKind.SeizeMember && !this.teamSlots[s.pool].includes(s.slot)) this.teamSlots[s.pool].push(s.slot);
    });
    const target = opts.targetWait;
    // Waits are timed from the queue event to the seize (or reneging) of the same patient.
    this.sim.observe((e) => {
      if (e.type === 'queue') this.queuedAt.set(e.entity, e.time);
      else if (e.type === 'seize' || e.type === 'renege') {
        const since = this.queuedAt.get(e.entity);
        if (since === undefined) return;
        this.queuedAt.delete(e.entity);
        if (e.time - since > target) this.finishedBreaches++;
      }
    });
    this.targetWait = target;
    this.placePool = Int32Array.from(this.places, (pl) => (pl.kind === 'pool' ? m.pools.findIndex((x) => x.id === pl.id) : -1));
  }

  get now(): number {
    return this.sim.now;
  }

  get horizon(): number {
    return this.sim.horizon;
  }

  get ended(): boolean {
    return this.sim.now >= this.sim.horizon || this.sim.nextEventTime() >= this.sim.horizon;
  }

  runUntil(t: number): void {
    this.sim.runUntil(t);
  }

  /** One event; false at the end of the run. */
  step(): boolean {
    return this.sim.step();
  }

  nextEventTime(): number {
    return this.sim.nextEventTime();
  }

  breaches(): number {
    const sim = this.sim, ent = sim.ent, now = sim.now;
    let ongoing = 0;
    for (const e of ent.live()) {
      const st = ent.state[e];
      if ((st === EntityState.Queued || st === EntityState.Blocked) && now - ent.since[e] > this.targetWait && this.queuedAt.has(ent.serial[e])) ongoing++;
    }
    return this.finishedBreaches + ongoing;
  }

  /**
   * Where a patient who is not waiting is drawn: with a member of staff if one is serving
   * them (being seen), otherwise in the latest box along the pathway whose unit they hold
   * (a patient boarding in an ED cubicle while holding nothing else stays in the cubicle).
   */
  private placeOfActive(e: number): number {
    const ent = this.sim.ent, nAttrs = this.model.attributes.length, nPools = this.model.pools.length;
    for (let t = 0; t < this.teamSlots.length; t++) {
      if (this.teamPlace[t] < 0) continue;
      for (const slot of this.teamSlots[t]) if (ent.attrs[e * nAttrs + slot] >= 0) return this.teamPlace[t];
    }
    for (let p = this.places.length - 1; p >= 0; p--) {
      const pool = this.placePool[p];
      if (pool >= 0 && ent.heldAt[e * nPools + pool] > 0) return p;
    }
    return -1;
  }

  frame(): Frame {
    const sim = this.sim;
    const snap = sim.snapshot();
    const places: PlaceState[] = this.places.map(() => ({ capacity: null, inUse: 0, queue: 0 }));
    snap.pools.forEach((p, i) => {
      const k = this.poolPlace[i];
      if (k >= 0) places[k] = { capacity: p.capacity, inUse: p.inUse, queue: p.queue + p.blocked };
    });
    snap.skilledPools.forEach((t, i) => {
      const k = this.teamPlace[i];
      if (k >= 0) places[k] = { capacity: t.onDuty, inUse: t.busy, queue: t.queue };
    });
    snap.stores.forEach((st, i) => {
      const k = this.storePlace[i];
      if (k >= 0) places[k] = { capacity: null, inUse: 0, queue: st.size };
    });
    const ent = sim.ent;
    const live = ent.live();
    const serials = new Float64Array(live.length), where = new Int32Array(live.length), waiting = new Uint8Array(live.length);
    live.forEach((e, k) => {
      serials[k] = ent.serial[e];
      const st = ent.state[e];
      const i = Math.max(0, sim.currentStep(e));
      if (st === EntityState.Queued || st === EntityState.Blocked || st === EntityState.Stored) {
        waiting[k] = 1;
        where[k] = this.waitPlace[i];
        return;
      }
      where[k] = this.placeOfActive(e);
    });
    return { time: sim.now, ended: this.ended, counters: countersOf(snap, this.breaches()), places, serials, where, waiting };
  }
}
