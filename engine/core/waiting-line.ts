// The line of entities waiting for a pool: first-come-first-served, or by priority
// (lower value first, then by ticket, i.e. arrival order in the line).
//
// Entries are (entity, ticket). Leaving early (reneging) does not search the line: the
// entity's expected ticket changes and the stale entry is dropped when it reaches the
// head (the pool checks `ticketOf(entity) === ticket`). Physical size may thus exceed the
// live count, which the pool keeps.

export class WaitingLine {
  private entities: Int32Array;
  private tickets: Float64Array;
  private prios: Float64Array;
  private head = 0; // FIFO ring: index of first entry
  private n = 0; // physical entries

  constructor(readonly byPriority: boolean, initialCapacity = 64) {
    this.entities = new Int32Array(initialCapacity);
    this.tickets = new Float64Array(initialCapacity);
    this.prios = new Float64Array(byPriority ? initialCapacity : 0);
  }

  get physicalSize(): number {
    return this.n;
  }

  /** Appends (FIFO) or inserts by (priority, ticket). */
  push(entity: number, ticket: number, priority: number): void {
    if (this.n === this.entities.length) this.grow();
    if (!this.byPriority) {
      const cap = this.entities.length;
      let i = this.head + this.n;
      if (i >= cap) i -= cap;
      this.entities[i] = entity;
      this.tickets[i] = ticket;
      this.n++;
      return;
    }
    const es = this.entities, ts = this.tickets, ps = this.prios;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pp = ps[parent];
      if (pp < priority || (pp === priority && ts[parent] < ticket)) break;
      es[i] = es[parent];
      ts[i] = ts[parent];
      ps[i] = pp;
      i = parent;
    }
    es[i] = entity;
    ts[i] = ticket;
    ps[i] = priority;
  }

  /** Puts an entity back at the front (FIFO lines; priority lines order by ticket anyway). */
  pushFront(entity: number, ticket: number, priority: number): void {
    if (this.byPriority) return this.push(entity, ticket, priority);
    if (this.n === this.entities.length) this.grow();
    const cap = this.entities.length;
    this.head = this.head === 0 ? cap - 1 : this.head - 1;
    this.entities[this.head] = entity;
    this.tickets[this.head] = ticket;
    this.n++;
  }

  peekEntity(): number {
    return this.entities[this.head];
  }

  peekTicket(): number {
    return this.tickets[this.head];
  }

  /** Priority the head entry was queued with (priority lines only). */
  peekPriority(): number {
    return this.prios[this.head];
  }

  /** Removes the head entry (caller has read it with peek*). */
  shift(): void {
    if (!this.byPriority) {
      const next = this.head + 1;
      this.head = next === this.entities.length ? 0 : next;
      this.n--;
      return;
    }
    const es = this.entities, ts = this.tickets, ps = this.prios;
    const n = --this.n;
    if (n === 0) return;
    const e = es[n], t = ts[n], p = ps[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (ps[right] < ps[child] || (ps[right] === ps[child] && ts[right] < ts[child]))) child = right;
      const cp = ps[child];
      if (cp > p || (cp === p && ts[child] > t)) break;
      es[i] = es[child];
      ts[i] = ts[child];
      ps[i] = cp;
      i = child;
    }
    es[i] = e;
    ts[i] = t;
    ps[i] = p;
  }

  /** Calls fn for each physical entry (snapshot and checks only; not in the hot path). */
  forEach(fn: (entity: number, ticket: number) => void): void {
    const cap = this.entities.length;
    for (let k = 0; k < this.n; k++) {
      const i = this.byPriority ? k : (this.head + k) % cap;
      fn(this.entities[i], this.tickets[i]);
    }
  }

  private grow(): void {
    const cap = this.entities.length;
    const size = cap * 2;
    const es = new Int32Array(size), ts = new Float64Array(size);
    for (let k = 0; k < this.n; k++) {
      const i = this.byPriority ? k : (this.head + k) % cap;
      es[k] = this.entities[i];
      ts[k] = this.tickets[i];
    }
    if (this.byPriority) {
      const ps = new Float64Array(size);
      ps.set(this.prios);
      this.prios = ps;
    }
    this.entities = es;
    this.tickets = ts;
    this.head = 0;
  }
}
