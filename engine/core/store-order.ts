// A store's members kept in order of urgency: priority (lower first), then a key attribute
// (e.g. the referral date: longest waiting first), then serial (order of creation), so a
// controller that takes the few most urgent of a list of thousands visits those few, and
// does not copy and sort (or heapify) the whole list at each decision. A store asks for
// it with `orderBy` (StoreDef); others pay nothing.
//
// One run of chunks per priority (a handful of priorities: P1-P4, emergencies), each chunk
// a short sorted array: inserting and removing cost a search and a move within one chunk
// (at most 2 × CHUNK entries), not a move of the whole list, and a new referral (the
// latest key) is appended. The same runs answer "how many have key ≥ t" by a search per
// priority (the daily census of a waiting list by weeks waited).
//
// Keys are kept beside the entities (read when the entity entered): the caller moves an
// entity whose key changes while it is stored (remove with the old key, insert with the
// new). A key that is NaN sorts after every number (and is never counted as ≥ t).

// Short chunks: a move within one costs less than the bisection over more chunks costs
// (a list of 1,500 in three priorities, remove then re-insert: 128 → 32 took a third less).
const CHUNK = 32;

class Chunk {
  readonly e: number[] = []; // entity handles
  readonly k: number[] = []; // keys (NaN stored as +Infinity, counted apart)
  readonly s: number[] = []; // serials
}

class Run {
  readonly chunks: Chunk[] = [new Chunk()];
  size = 0;
  nan = 0;
  constructor(readonly priority: number) {}
}

const before = (k1: number, s1: number, k2: number, s2: number) => k1 < k2 || (k1 === k2 && s1 < s2);

export class StoreOrder {
  private readonly runs: Run[] = []; // by increasing priority

  insert(e: number, priority: number, key: number, serial: number): void {
    const run = this.run(priority, true)!;
    const isNaN = key !== key;
    const k = isNaN ? Infinity : key;
    if (isNaN) run.nan++;
    run.size++;
    const chunks = run.chunks;
    let c = chunks[chunks.length - 1];
    const n = c.e.length;
    // A new referral has the latest key: append (the common case).
    if (n === 0 || before(c.k[n - 1], c.s[n - 1], k, serial)) {
      c.e.push(e);
      c.k.push(k);
      c.s.push(serial);
    } else {
      // The first chunk whose last member comes after the new one (the last chunk if none).
      c = chunks[firstEndingAfter(chunks, k, serial, chunks.length - 1)];
      const at = lowerBound(c, k, serial);
      // Shifted by hand: splice would allocate an array per call (a booking's every move).
      const ce = c.e, ck = c.k, cs = c.s;
      ce.push(0);
      ck.push(0);
      cs.push(0);
      for (let i = ce.length - 1; i > at; i--) {
        ce[i] = ce[i - 1];
        ck[i] = ck[i - 1];
        cs[i] = cs[i - 1];
      }
      ce[at] = e;
      ck[at] = k;
      cs[at] = serial;
    }
    if (c.e.length >= 2 * CHUNK) this.split(run, c);
  }

  remove(e: number, priority: number, key: number, serial: number): void {
    const run = this.run(priority, false);
    const k = key !== key ? Infinity : key;
    if (run) {
      const chunks = run.chunks;
      const ci = firstEndingAfter(chunks, k, serial, chunks.length);
      const c = ci < chunks.length ? chunks[ci] : undefined;
      const at = c ? lowerBound(c, k, serial) : -1;
      if (c && c.e[at] === e) {
        const ce = c.e, ck = c.k, cs = c.s;
        const n = ce.length - 1;
        for (let i = at; i < n; i++) {
          ce[i] = ce[i + 1];
          ck[i] = ck[i + 1];
          cs[i] = cs[i + 1];
        }
        ce.pop();
        ck.pop();
        cs.pop();
        if (n === 0 && chunks.length > 1) chunks.splice(ci, 1);
        run.size--;
        if (key !== key) run.nan--;
        return;
      }
    }
    throw new Error(`store order: entity ${e} not found at priority ${priority}, key ${key}, serial ${serial}`);
  }

  /** Visits the members most urgent first until `visit` returns false. */
  forEach(visit: (entity: number) => boolean | void): void {
    for (const run of this.runs)
      for (const c of run.chunks) for (let i = 0; i < c.e.length; i++) if (visit(c.e[i]) === false) return;
  }

  /** How many members have key ≥ t. */
  countAtLeast(t: number): number {
    if (t !== t) return 0;
    let count = 0;
    for (const run of this.runs) {
      let rank = 0; // members with key < t
      for (const c of run.chunks) {
        const n = c.k.length;
        if (n > 0 && c.k[n - 1] < t) {
          rank += n;
          continue;
        }
        let lo = 0, hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (c.k[mid] < t) lo = mid + 1;
          else hi = mid;
        }
        rank += lo;
        break;
      }
      count += run.size - rank - run.nan;
    }
    return count;
  }

  private run(priority: number, make: boolean): Run | undefined {
    const runs = this.runs;
    let i = 0;
    while (i < runs.length && runs[i].priority < priority) i++;
    if (i < runs.length && runs[i].priority === priority) return runs[i];
    if (!make) return undefined;
    const r = new Run(priority);
    runs.splice(i, 0, r);
    return r;
  }

  private split(run: Run, c: Chunk): void {
    const half = new Chunk();
    half.e.push(...c.e.splice(CHUNK));
    half.k.push(...c.k.splice(CHUNK));
    half.s.push(...c.s.splice(CHUNK));
    run.chunks.splice(run.chunks.indexOf(c) + 1, 0, half);
  }
}

/**
 * Index of the first chunk whose last member is not before (k, s), by bisection over the
 * chunks (in order, and only the last may be empty); `none` if every chunk ends before it.
 */
function firstEndingAfter(chunks: readonly Chunk[], k: number, s: number, none: number): number {
  let lo = 0, hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid], n = c.e.length;
    if (n > 0 && before(c.k[n - 1], c.s[n - 1], k, s)) lo = mid + 1;
    else hi = mid;
  }
  return lo < chunks.length ? lo : none;
}

/** First position in the chunk not before (k, s). */
function lowerBound(c: Chunk, k: number, s: number): number {
  let lo = 0, hi = c.e.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(c.k[mid], c.s[mid], k, s)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
