// Time spent at each number present in a pool, kept apart for each capacity in force: a
// joint histogram of (present, capacity), exact over the window. A pool whose capacity
// changes (a schedule, escalation, a controller) cannot judge "more than 95% of capacity"
// from the histogram of the number present alone, since 19 present is over 95% of 10 units
// and under it of 20; with the time split by capacity, any share of the capacity in force
// at each moment is a sum of bins (PoolResult.presentByCapacity).
//
// A pool usually has few distinct capacities (a schedule's points, plus its escalation
// units), but a ward's `changes` may give each of thousands of points a count of its own, so
// rows are found by capacity through a map (a scan was quadratic: 120,000 distinct counts
// took 16 s), and the row in use is remembered: an update is one comparison, one add and,
// when a new maximum is reached, a row doubling.

/** One capacity in force during the window, and the fraction of the window spent with n present at it. */
export interface PresentAtCapacity {
  capacity: number;
  /** distribution[n]: fraction of the window with n present and this capacity in force. */
  distribution: number[];
}

export class LevelByCapacity {
  private start = 0; // window start: construction or last reset
  private last = 0; // time up to which the rows are integrated
  private value = 0; // the level in force since `last`
  private capacity = 0; // the capacity in force since `last`
  private row = -1; // index of the row last added to (-1: none yet)
  private capacities: number[] = [];
  private rowByCapacity = new Map<number, number>();
  private rows: Float64Array[] = [];

  constructor(time: number, value: number, capacity: number) {
    this.start = time;
    this.last = time;
    this.value = value;
    this.capacity = capacity;
  }

  /**
   * Closes the interval since the last call with `value` present and `capacity` in force
   * over it (as Level.integrate: the owner reports its counts once per instant, before
   * changing them). `value` is a whole number ≥ 0.
   */
  integrate(time: number, value: number, capacity: number): void {
    const dt = time - this.last;
    this.last = time;
    this.value = value;
    this.capacity = capacity;
    // Nothing to add (several calls at one instant, a reset): no row for a capacity that lasted no time.
    if (dt === 0) return;
    let i = this.row;
    if (i < 0 || this.capacities[i] !== capacity) i = this.row = this.rowOf(capacity);
    let times = this.rows[i];
    if (value >= times.length) times = this.grow(i, value);
    times[value] += dt;
  }

  /** Discards everything before `time` (end of warm-up); the level and capacity in force stay. */
  reset(time: number): void {
    this.start = time;
    this.last = time;
    this.capacities = [];
    this.rowByCapacity = new Map();
    this.rows = [];
    this.row = -1;
  }

  /**
   * The window's distribution, one entry per capacity in force during it, in increasing
   * capacity; each entry's fractions divide the time by the whole window, so all entries
   * together sum to 1. Integrated up to `last` (call on a copy integrated to now, as
   * PoolState.viewAt does). An empty window: the level and capacity in force, all of it.
   */
  distributions(time: number): PresentAtCapacity[] {
    const window = time - this.start;
    if (window <= 0) {
      const distribution = new Array<number>(this.value + 1).fill(0);
      distribution[this.value] = 1;
      return [{ capacity: this.capacity, distribution }];
    }
    const order = this.capacities.map((_, i) => i).sort((a, b) => this.capacities[a] - this.capacities[b]);
    return order.map((i) => {
      const times = this.rows[i];
      let top = times.length - 1;
      while (top > 0 && times[top] === 0) top--;
      const distribution: number[] = [];
      for (let n = 0; n <= top; n++) distribution.push(times[n] / window);
      return { capacity: this.capacities[i], distribution };
    });
  }

  /** An independent copy, to integrate to "now" for a report without touching the original. */
  clone(): LevelByCapacity {
    const copy = new LevelByCapacity(this.start, this.value, this.capacity);
    copy.last = this.last;
    copy.row = this.row;
    copy.capacities = this.capacities.slice();
    copy.rowByCapacity = new Map(this.rowByCapacity);
    copy.rows = this.rows.map((r) => r.slice());
    return copy;
  }

  private rowOf(capacity: number): number {
    const i = this.rowByCapacity.get(capacity);
    if (i !== undefined) return i;
    this.capacities.push(capacity);
    this.rows.push(new Float64Array(16));
    this.rowByCapacity.set(capacity, this.capacities.length - 1);
    return this.capacities.length - 1;
  }

  private grow(i: number, value: number): Float64Array {
    let size = this.rows[i].length;
    while (size <= value) size *= 2;
    const times = new Float64Array(size);
    times.set(this.rows[i]);
    this.rows[i] = times;
    return times;
  }
}
