// The event calendar: future events ordered by (time, priority, insertion sequence).
//
// A binary min-heap kept in three parallel typed arrays, so scheduling and popping
// allocate nothing. Ties are broken by a priority class and then by insertion order,
// identically in every run (never at random). The secondary key packs both into one
// double: priority * 2^40 + seq, exact while seq < 2^40 (a trillion events).
//
// Cancellation is by handle, lazily: `schedule` returns the event's unique key and
// the owner remembers it; an event whose owner no longer expects that number is skipped
// when it comes up (see kernel.ts). No scan of the heap is ever needed.

/**
 * Same-instant policy: the phases of one instant, in order. A release (or the end of a
 * delay) at 10:00 frees the bed, the bed count changes, 10:00 arrivals come, and patients
 * whose deadline is 10:00 leave the line (a deadline is "served before it"); then the
 * places free at 10:00 are given out, by priority and then arrival order, to those
 * waiting and those who came at 10:00 alike (`seize` marks that point: no event has it;
 * kernel.ts settles pending places when the round is over, see nextInSameRound).
 * Patience that runs out at 10:00 comes after, so a place that frees at the very instant
 * still goes to its patient; controllers decide after all of it, the patients they send
 * on contend together once every controller of the instant has acted, and samples see
 * the result.
 */
export const Priority = { release: 0, capacity: 1, arrival: 2, deadline: 3, seize: 4, renege: 5, control: 6, sample: 7 } as const;

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

  /**
   * Whether the next event is at time t and in the same round of that instant as the last
   * popped one. An instant has two rounds of requests, each closed by giving out its free
   * places: releases, capacity changes, arrivals and deadlines (before `seize`), then
   * patience and controllers (before `sample`), so that the patients several controllers
   * call in at one instant contend together.
   */
  nextInSameRound(t: number): boolean {
    if (this.n === 0 || this.times[0] !== t) return false;
    const seize = Priority.seize * SEQ_SPAN, sample = Priority.sample * SEQ_SPAN;
    const next = this.keys[0], last = this.key;
    return next < seize ? last < seize : last >= seize && next < sample && last < sample;
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
