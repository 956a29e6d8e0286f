// Stores and controllers at run time (control.ts defines them): an `enter` step puts an
// entity in a store, and controllers, run at their scheduled times, see the stores and
// pools through one Control window and take entities out to a label. Every call from a
// controller is checked, so that a bug in one names the controller, the time and the id.
import { EntityState } from './entities.ts';
import { RunError, fmt } from './errors.ts';
import type { Rng } from './random.ts';
import type { CompiledStep } from './model.ts';
import { StoreState } from './pool-state.ts';
import type { Control, StoreEntry, StoreTable } from './control.ts';
import type { Kernel } from './kernel.ts';
import { preemptOverCapacity } from './preemption.ts';

export class Controllers {
  readonly stores: StoreState[];
  private readonly k: Kernel;
  private readonly control: Control;
  /** Times each controller has been scheduled: the next time is computed from it, not summed. */
  private readonly count: Int32Array;
  /** The controller acting now, for messages. */
  private controlling = '';
  private readonly controlState = new Map<string, unknown>();
  private readonly attrIndexes = new Map<string, number>();
  /** By attribute index: the stores ordered by it (setAttr moves a member whose key changes). */
  private readonly orderedBySlot: StoreState[][] = [];
  /** An ordered visit is under way (inOrder): the order must not change under it. */
  private visiting = false;
  private tables = { entity: new Int32Array(0), priority: new Float64Array(0), serial: new Float64Array(0), values: [] as Float64Array[] };

  constructor(k: Kernel) {
    this.k = k;
    this.stores = k.model.stores.map((st) => new StoreState(st.id, st.index, st.orderBy));
    for (const st of this.stores) if (st.orderBy >= 0) (this.orderedBySlot[st.orderBy] ??= []).push(st);
    this.count = new Int32Array(k.model.controllers.length);
    this.control = this.makeControl();
  }

  /** The first run of every controller. */
  start(): void {
    for (const c of this.k.model.controllers) this.schedule(c.index);
  }

  /** An `enter` step: the entity waits in the store until a controller takes it. */
  enter(e: number, s: CompiledStep): void {
    const k = this.k;
    const ent = k.ent;
    const st = this.stores[s.pool];
    ent.state[e] = EntityState.Stored;
    ent.waitingAt[e] = st.index;
    ent.since[e] = k.now;
    st.members.add(e);
    if (st.order) st.order.insert(e, ent.prio[e], ent.attrs[e * k.nAttrs + st.orderBy], ent.serial[e]);
    st.size.add(k.now, 1);
    st.entered++;
    if (k.observer) k.emit('enter', e, st.id);
  }

  private schedule(ci: number): void {
    const c = this.k.model.controllers[ci];
    const n = this.count[ci]++;
    let t: number;
    if (c.repeatEvery !== null) t = Math.floor(n / c.times.length) * c.repeatEvery + c.times[n % c.times.length];
    else if (n < c.times.length) t = c.times[n];
    else return;
    if (t < this.k.horizon) this.k.controlAt(ci, t);
  }

  run(ci: number): void {
    const c = this.k.model.controllers[ci];
    this.controlling = c.id;
    try {
      c.act(this.control);
    } finally {
      this.controlling = '';
    }
    this.schedule(ci);
  }

  private fail(message: string): never {
    const now = this.k.now;
    throw new RunError(`controller "${this.controlling}" at t=${fmt(now)} h: ${message}`, now);
  }

  private storeNamed(id: string): StoreState {
    const st = this.stores.find((x) => x.id === id);
    if (!st) this.fail(`unknown store "${id}" (known: ${this.stores.map((x) => x.id).join(', ') || 'none'})`);
    return st;
  }

  /** Buffers for Control.table: at least n rows and k attribute columns, grown by doubling. */
  private tableBuffers(n: number, columns: number) {
    const t = this.tables;
    if (t.entity.length < n) {
      const size = Math.max(n, 2 * t.entity.length, 64);
      t.entity = new Int32Array(size);
      t.priority = new Float64Array(size);
      t.serial = new Float64Array(size);
      t.values = t.values.map(() => new Float64Array(size));
    }
    while (t.values.length < columns) t.values.push(new Float64Array(t.entity.length));
    return t;
  }

  private attrIndex(name: string): number {
    // Controllers ask by name, often in loops over a whole store: a map, not a scan.
    let j = this.attrIndexes.get(name);
    if (j === undefined) this.attrIndexes.set(name, (j = this.k.model.attributes.indexOf(name)));
    if (j < 0) this.fail(`unknown attribute "${name}" (known: ${this.k.model.attributes.filter((a) => !a.startsWith('@')).join(', ') || 'none'})`);
    return j;
  }

  /** Built once: the controllers' window on this replication. */
  private makeControl(): Control {
    const self: Controllers = this;
    const k = this.k;
    const ent = k.ent;
    const live = (e: number, what: string) => {
      if (!(e >= 0 && e < ent.capacity) || ent.state[e] === EntityState.Free) self.fail(`${what}: no entity ${e} in the system`);
    };
    return {
      get now() { return k.now; },
      entries(store: string): StoreEntry[] {
        const st = self.storeNamed(store);
        const out: StoreEntry[] = [];
        for (const e of st.members) out.push({ entity: e, serial: ent.serial[e], cls: k.model.classes[ent.cls[e]], priority: ent.prio[e], since: ent.since[e] });
        return out.sort((a, b) => a.priority - b.priority || a.since - b.since || a.serial - b.serial);
      },
      size(store: string): number {
        return self.storeNamed(store).members.size;
      },
      members(store: string): number[] {
        return [...self.storeNamed(store).members];
      },
      table(store: string, attributes: readonly string[]): StoreTable {
        const members = self.storeNamed(store).members;
        const n = members.size;
        const slots = attributes.map((a) => self.attrIndex(a));
        // Views of buffers kept by the run and reused (valid until the next table() call):
        // a daily census of a long list would otherwise allocate megabytes a simulated year.
        const b = self.tableBuffers(n, slots.length);
        const entity = b.entity.subarray(0, n), priority = b.priority.subarray(0, n), serial = b.serial.subarray(0, n);
        const values = slots.map((_, j) => b.values[j].subarray(0, n));
        const width = k.nAttrs;
        // Column by column, with the entity arrays in locals: tight loops the JIT keeps fast.
        let i = 0;
        for (const e of members) entity[i++] = e;
        const prio = ent.prio, ser = ent.serial, attrs = ent.attrs;
        for (let r = 0; r < n; r++) {
          const e = entity[r];
          priority[r] = prio[e];
          serial[r] = ser[e];
        }
        for (let j = 0; j < slots.length; j++) {
          const column = values[j], slot = slots[j];
          for (let r = 0; r < n; r++) column[r] = attrs[entity[r] * width + slot];
        }
        return { entity, priority, serial, values };
      },
      take(e: number, label: string): void {
        live(e, 'take');
        if (ent.state[e] !== EntityState.Stored) self.fail(`take: entity ${ent.serial[e]} is not in a store`);
        const to = k.model.labels.get(label);
        if (to === undefined) self.fail(`take: unknown label "${label}" (labels are "pathway/label" or a pathway id)`);
        const now = k.now;
        const st = self.stores[ent.waitingAt[e]];
        if (st.order) {
          if (self.visiting) self.fail(`take: entity ${ent.serial[e]} taken during an ordered visit of "${st.id}" (take after the visit)`);
          const key = ent.attrs[e * k.nAttrs + st.orderBy];
          if (st.asideMembers.size > 0 && st.asideMembers.delete(e)) st.aside!.remove(e, ent.prio[e], key, ent.serial[e]);
          else st.order.remove(e, ent.prio[e], key, ent.serial[e]);
        }
        st.members.delete(e);
        st.size.add(now, -1);
        st.taken++;
        if (ent.since[e] >= k.warmup) st.waits.add(now - ent.since[e]);
        ent.waitingAt[e] = -1;
        ent.step[e] = to;
        ent.state[e] = EntityState.Granted;
        if (k.observer) k.emit('take', e, st.id);
        k.pushReady(e);
      },
      attr(e: number, name: string): number {
        live(e, 'attr');
        return ent.attrs[e * k.nAttrs + self.attrIndex(name)];
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
        const slot = self.attrIndex(name), at = e * k.nAttrs + slot;
        const keyed = self.orderedBySlot[slot];
        const st = keyed && ent.state[e] === EntityState.Stored ? self.stores[ent.waitingAt[e]] : undefined;
        if (st && st.orderBy === slot) {
          // The key of an ordered store's member: move it to its new place.
          if (self.visiting) self.fail(`setAttr: "${name}" orders "${st.id}" and cannot change during an ordered visit`);
          const order = st.asideMembers.has(e) ? st.aside! : st.order!;
          order.remove(e, ent.prio[e], ent.attrs[at], ent.serial[e]);
          ent.attrs[at] = value;
          order.insert(e, ent.prio[e], value, ent.serial[e]);
        } else ent.attrs[at] = value;
      },
      pool(id: string) {
        const p = k.pools.states.find((x) => x.id === id);
        if (!p) self.fail(`unknown pool "${id}"`);
        return { capacity: p.capacity, inUse: p.inUse, queue: p.queueCount };
      },
      addCapacity(id: string, delta: number): void {
        const p = k.pools.states.find((x) => x.id === id);
        if (!p) self.fail(`addCapacity: unknown pool "${id}"`);
        if (k.model.pools[p.index].schedule === null) self.fail(`addCapacity: pool "${id}" has no capacity schedule`);
        if (!Number.isInteger(delta) || p.added + delta < 0) self.fail(`addCapacity: ${delta} units on pool "${id}", which has ${p.added} added`);
        if (delta === 0) return;
        const now = k.now;
        if (p.last !== now) p.touch(now);
        p.added += delta;
        p.capacity += delta;
        if (k.observer) k.observer({ type: 'capacity', time: now, entity: 0, step: '', pool: p.id }, -1);
        if (delta > 0) k.pools.serveSoon(p);
        else if (p.preemptOnDrop) preemptOverCapacity(k, p);
      },
      rng(name: string): Rng {
        return k.streams.get(name);
      },
      inOrder(store: string, visit: (entity: number) => boolean | void): void {
        const st = self.storeNamed(store);
        if (!st.order) self.fail(`inOrder: store "${store}" has no orderBy`);
        self.visiting = true;
        try {
          st.order.forEach(visit);
        } finally {
          self.visiting = false;
        }
      },
      setAside(e: number): void {
        live(e, 'setAside');
        const st = ent.state[e] === EntityState.Stored ? self.stores[ent.waitingAt[e]] : undefined;
        if (!st) self.fail(`setAside: entity ${ent.serial[e]} is not in a store`);
        if (!st.order) self.fail(`setAside: store "${st.id}" has no orderBy`);
        if (self.visiting) self.fail(`setAside: entity ${ent.serial[e]} set aside during an ordered visit of "${st.id}" (after the visit)`);
        if (st.asideMembers.has(e)) return;
        const key = ent.attrs[e * k.nAttrs + st.orderBy];
        st.order.remove(e, ent.prio[e], key, ent.serial[e]);
        st.aside!.insert(e, ent.prio[e], key, ent.serial[e]);
        st.asideMembers.add(e);
      },
      countAtLeast(store: string, attribute: string, thresholds: readonly number[]): number[] {
        const slot = self.attrIndex(attribute);
        const st = self.storeNamed(store);
        // Ordered by this attribute: a search per priority instead of a pass over the store.
        if (st.order && st.orderBy === slot) return thresholds.map((t) => st.order!.countAtLeast(t) + (st.asideMembers.size > 0 ? st.aside!.countAtLeast(t) : 0));
        const counts = thresholds.map(() => 0);
        const attrs = ent.attrs, width = k.nAttrs;
        for (const e of self.storeNamed(store).members) {
          const v = attrs[e * width + slot];
          for (let j = 0; j < thresholds.length; j++) if (v >= thresholds[j]) counts[j]++;
        }
        return counts;
      },
      state<T>(key: string, init: () => T): T {
        let v = self.controlState.get(key);
        if (v === undefined) self.controlState.set(key, (v = init()));
        return v as T;
      },
      record(name: string, value: number): void {
        k.observation.recordControl(name, value);
      },
    };
  }
}
