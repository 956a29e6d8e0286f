// The event calendar: future events ordered by (time, priority, insertion sequence).
//
// A binary min-heap kept in three parallel typed arrays, so scheduling and popping
// allocate nothing. Ties are broken by a priority class and then by insertion order,
// identically in every run (never at random). The secondary key packs both into one
// double: priority * 2^40 + seq, exact while seq < 2^40 (a trillion events).
//
// Cancellation is by handle, lazily: `schedule` returns the event's unique key and
// the owner remembers it; an event whose owner no longer expects that number is skipped
// when it comes up (see Simulation). No scan of the heap is ever needed.

/** Same-instant policy. A release at 10:00 frees the bed before a 10:00 admission looks for one. */
// Controllers decide after the instant's releases, arrivals and reneging; samples see the result.
export const Priority = { release: 0, capacity: 1, arrival: 2, renege: 3, control: 4, sample: 5 } as const;

const SEQ_SPAN = 2 ** 40;

export class Calendar {
  private times: Float64Array;
  private keys: Float64Array;
  private payloads: Int32Array;
  private n = 0;
  private seq = 0;
  /** Time and key (handle) of the last popped event. */
  time = 0;
  key = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.keys = new Float64Array(initialCapacity);
    this.payloads = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Schedules a payload; returns its handle: the event's key, unique in this calendar. */
  schedule(time: number, priority: number, payload: number): number {
    const seq = this.seq++;
    const key = priority * SEQ_SPAN + seq;
    if (this.n === this.times.length) this.grow();
    const times = this.times, keys = this.keys, payloads = this.payloads;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[i] = pt;
      keys[i] = keys[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    payloads[i] = payload;
    return key;
  }

  /** Removes the earliest event and returns its payload; its time and key are left in `time`/`key`. */
  pop(): number {
    const times = this.times, keys = this.keys, payloads = this.payloads;
    const top = payloads[0];
    this.time = times[0];
    this.key = keys[0];
    const n = --this.n;
    if (n > 0) {
      const t = times[n], k = keys[n], p = payloads[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n && (times[right] < times[child] || (times[right] === times[child] && keys[right] < keys[child]))) child = right;
        const ct = times[child];
        if (ct > t || (ct === t && keys[child] > k)) break;
        times[i] = ct;
        keys[i] = keys[child];
        payloads[i] = payloads[child];
        i = child;
      }
      times[i] = t;
      keys[i] = k;
      payloads[i] = p;
    }
    return top;
  }

  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size), keys = new Float64Array(size), payloads = new Int32Array(size);
    times.set(this.times);
    keys.set(this.keys);
    payloads.set(this.payloads);
    this.times = times;
    this.keys = keys;
    this.payloads = payloads;
  }
}
