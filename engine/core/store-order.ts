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

const CHUNK = 128;

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
      let ci = 0;
      while (ci < chunks.length - 1 && !before(k, serial, chunks[ci].k[chunks[ci].k.length - 1], chunks[ci].s[chunks[ci].s.length - 1])) ci++;
      c = chunks[ci];
      const at = lowerBound(c, k, serial);
      c.e.splice(at, 0, e);
      c.k.splice(at, 0, k);
      c.s.splice(at, 0, serial);
    }
    if (c.e.length >= 2 * CHUNK) this.split(run, c);
  }

  remove(e: number, priority: number, key: number, serial: number): void {
    const run = this.run(priority, false);
    const k = key !== key ? Infinity : key;
    if (run) {
      const chunks = run.chunks;
      for (let ci = 0; ci < chunks.length; ci++) {
        const c = chunks[ci];
        const n = c.e.length;
        if (n === 0 || before(c.k[n - 1], c.s[n - 1], k, serial)) continue;
        const at = lowerBound(c, k, serial);
        if (c.e[at] !== e) break;
        c.e.splice(at, 1);
        c.k.splice(at, 1);
        c.s.splice(at, 1);
        if (c.e.length === 0 && chunks.length > 1) chunks.splice(ci, 1);
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
