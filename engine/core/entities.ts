// Entity state as parallel typed arrays (structure of arrays), recycled through a free
// list: a run with a million patients allocates a few growing arrays, not a million
// objects. An entity is an index; `serial` is its number in arrival order, for messages.

// Contending: asked for a place that is free at this instant; who gets it is settled once
// every request of the instant is in (kernel.ts), so that priority decides, not event order.
export const enum EntityState { Free = 0, Active = 1, Queued = 2, Blocked = 3, Delayed = 4, Granted = 5, Stored = 6, Contending = 7 }

export class Entities {
  capacity: number;
  count = 0; // live entities
  step: Int32Array;
  cls: Int32Array;
  state: Uint8Array;
  waitingAt: Int32Array; // pool index while queued, blocked or contending
  held: Int32Array; // units held, all pools together
  heldAt: Int32Array; // units held per (entity, pool): nPools per entity
  resumeAmount: Int32Array; // units to regain after preemption
  prio: Float64Array;
  born: Float64Array;
  since: Float64Array; // when the current wait began
  token: Float64Array; // handle of the pending resume event (-1: none)
  renegeToken: Float64Array;
  ticket: Float64Array; // place in a waiting line (-1: none)
  delayEnd: Float64Array; // when the current delay ends
  remaining: Float64Array; // work left after preemption (-1: none)
  serial: Float64Array;
  attrs: Float64Array; // nAttrs per entity
  private free: Int32Array;
  private nFree = 0;
  private next = 0; // never-used index

  constructor(readonly nAttrs: number, readonly nPools: number, initialCapacity = 256) {
    this.capacity = initialCapacity;
    this.step = new Int32Array(initialCapacity);
    this.cls = new Int32Array(initialCapacity);
    this.state = new Uint8Array(initialCapacity);
    this.waitingAt = new Int32Array(initialCapacity);
    this.held = new Int32Array(initialCapacity);
    this.heldAt = new Int32Array(initialCapacity * nPools);
    this.resumeAmount = new Int32Array(initialCapacity);
    this.prio = new Float64Array(initialCapacity);
    this.born = new Float64Array(initialCapacity);
    this.since = new Float64Array(initialCapacity);
    this.token = new Float64Array(initialCapacity);
    this.renegeToken = new Float64Array(initialCapacity);
    this.ticket = new Float64Array(initialCapacity);
    this.delayEnd = new Float64Array(initialCapacity);
    this.remaining = new Float64Array(initialCapacity);
    this.serial = new Float64Array(initialCapacity);
    this.attrs = new Float64Array(initialCapacity * nAttrs);
    this.free = new Int32Array(initialCapacity);
  }

  /** A fresh entity with cleared state. */
  create(): number {
    let e: number;
    if (this.nFree > 0) e = this.free[--this.nFree];
    else {
      if (this.next === this.capacity) this.grow();
      e = this.next++;
    }
    this.count++;
    this.state[e] = EntityState.Active;
    this.waitingAt[e] = -1;
    this.held[e] = 0;
    this.token[e] = -1;
    this.renegeToken[e] = -1;
    this.ticket[e] = -1;
    this.remaining[e] = -1;
    const n = this.nAttrs;
    if (n > 0) this.attrs.fill(NaN, e * n, e * n + n);
    // heldAt needs no clearing: an entity leaves only when it holds nothing.
    return e;
  }

  destroy(e: number): void {
    // Handles and tickets are cleared by create(); a Free state already makes them stale.
    this.state[e] = EntityState.Free;
    this.free[this.nFree++] = e;
    this.count--;
  }

  /** Indices of live entities (snapshots and checks; not the hot path). */
  live(): number[] {
    const out: number[] = [];
    for (let e = 0; e < this.next; e++) if (this.state[e] !== EntityState.Free) out.push(e);
    return out;
  }

  private grow(): void {
    const size = this.capacity * 2;
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, n = size): T => {
      const b = new (a.constructor as { new (n: number): T })(n);
      b.set(a);
      return b;
    };
    this.step = g(this.step);
    this.cls = g(this.cls);
    this.state = g(this.state);
    this.waitingAt = g(this.waitingAt);
    this.held = g(this.held);
    this.heldAt = g(this.heldAt, size * this.nPools);
    this.resumeAmount = g(this.resumeAmount);
    this.prio = g(this.prio);
    this.born = g(this.born);
    this.since = g(this.since);
    this.token = g(this.token);
    this.renegeToken = g(this.renegeToken);
    this.ticket = g(this.ticket);
    this.delayEnd = g(this.delayEnd);
    this.remaining = g(this.remaining);
    this.serial = g(this.serial);
    this.attrs = g(this.attrs, size * this.nAttrs);
    this.free = g(this.free);
    this.capacity = size;
  }
}
