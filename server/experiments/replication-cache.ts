// Replications a seek has already run, kept so that asking again — the app's "Add
// replications" after an uncertain answer, or a seek over a neighbouring range — reuses them
// instead of starting again. Replication k of a point is the same number whoever runs it and
// whenever (the streams of (seed, k) and the point's exact scenario: common random numbers),
// so a value taken from here is the value a new run would give, to the last bit.
//
// Only the target KPI's value is kept (one number per replication, not the whole record), in
// a contiguous prefix k = 0 … n−1 per (scenario, seed, KPI), and at most `maxValues` numbers
// in all: the least recently used points go first.
import { createHash } from 'node:crypto';

/** Numbers kept at most, all points together (8 MB). */
export const CACHED_VALUES = 1_000_000;

export class ReplicationCache {
  private readonly entries = new Map<string, number[]>();
  private size = 0;

  constructor(private readonly maxValues = CACHED_VALUES) {}

  /** A digest, so that a large scenario is not held as a key. */
  static key(scenarioJson: string, seed: number, kpi: string): string {
    return createHash('sha256').update(scenarioJson).update('\0').update(String(seed)).update('\0').update(kpi).digest('base64url');
  }

  /** Values of replications from … to − 1 that are kept, from `from` on without a gap (possibly none). */
  take(key: string, from: number, to: number): number[] {
    const xs = this.entries.get(key);
    if (!xs || xs.length <= from) return [];
    this.entries.delete(key); // most recently used last
    this.entries.set(key, xs);
    return xs.slice(from, Math.min(to, xs.length));
  }

  /** Replications from `from` on: kept if they extend the prefix without a gap. */
  put(key: string, from: number, values: readonly number[]): void {
    const xs = this.entries.get(key) ?? [];
    if (from > xs.length || values.length === 0) return;
    const added = values.slice(xs.length - from);
    if (added.length === 0) return;
    xs.push(...added);
    this.size += added.length;
    this.entries.delete(key);
    this.entries.set(key, xs);
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxValues) break;
      this.entries.delete(k);
      this.size -= v.length;
    }
  }

  get values(): number { return this.size; }
}
