// Each replication's named numbers (its KPIs; its series' trends), kept until the run is
// summarised because the paired comparisons and the per-replication table need every one.
// Kept as the records a worker sends, they cost about 62 B of heap a KPI (V8 keeps an
// object of thousands of properties as a dictionary; measured over 200 replications of
// 17,000 KPIs), so the memory of a run of a model of many wards grew by megabytes with
// every replication. Here a replication is one Float64Array of `width` numbers a name (bit
// for bit the values sent, NaN and -0 included) and a reference to its list of names,
// which replications with the same names share: 8.6 B a number, measured the same way.

interface Names {
  readonly list: readonly string[];
  readonly at: ReadonlyMap<string, number>;
}

interface Row {
  readonly names: Names;
  readonly values: Float64Array;
}

/** Lists of names compared with a new row's before a list of its own is made: rows almost always repeat one of the last few. */
const RECENT = 8;

export class NamedRows {
  private readonly rows: (Row | undefined)[] = [];
  private readonly recent: Names[] = [];
  private kept = 0;

  /** Numbers a name (a KPI: 1; a trend, its middle and last: 2). */
  constructor(readonly width = 1) {}

  /** Row k: `names` in the order given, `values[width × j + i]` the i-th number of name j. */
  put(k: number, names: readonly string[], values: Float64Array): void {
    if (values.length !== names.length * this.width) throw new Error(`row ${k}: ${values.length} numbers for ${names.length} names of ${this.width}`);
    this.rows[k] = { names: this.shared(names), values };
    this.kept += values.length;
  }

  /** Row k from a record of numbers (width 1); a value that is not a number (none should be) is kept as NaN, as a missing one reads. */
  putRecord(k: number, record: Readonly<Record<string, number>>): void {
    const names = Object.keys(record);
    const values = new Float64Array(names.length);
    for (let j = 0; j < names.length; j++) {
      const x = record[names[j]];
      values[j] = typeof x === 'number' ? x : NaN;
    }
    this.put(k, names, values);
  }

  /** Rows 0 … size − 1 (a row not yet put reads as one without names). */
  get size(): number {
    return this.rows.length;
  }

  /** Numbers kept in all rows: what the run's limit on kept values counts. */
  get values(): number {
    return this.kept;
  }

  /** Row k's names, in the order it was put with; none if it is not there. */
  names(k: number): readonly string[] {
    return this.rows[k]?.names.list ?? [];
  }

  /** The i-th number of `name` in row k, or undefined if the row does not have the name. */
  get(k: number, name: string, i = 0): number | undefined {
    const row = this.rows[k];
    const j = row?.names.at.get(name);
    return j === undefined ? undefined : row!.values[j * this.width + i];
  }

  /** The i-th number of `name` in rows 0 … n − 1, NaN where a row does not have it. */
  column(name: string, n = this.rows.length, i = 0): number[] {
    const out = new Array<number>(n);
    let names: Names | undefined;
    let j: number | undefined;
    for (let k = 0; k < n; k++) {
      const row = this.rows[k];
      if (row === undefined) { out[k] = NaN; continue; }
      // Rows share their list of names: look the name up once a list.
      if (row.names !== names) { names = row.names; j = names.at.get(name); }
      out[k] = j === undefined ? NaN : row.values[j * this.width + i];
    }
    return out;
  }

  /** Row k as a record (width 1), in its order. */
  record(k: number): Record<string, number> {
    const out: Record<string, number> = {};
    const row = this.rows[k];
    if (row) row.names.list.forEach((name, j) => { out[name] = row.values[j]; });
    return out;
  }

  private shared(list: readonly string[]): Names {
    for (const names of this.recent) if (sameList(names.list, list)) return names;
    const names: Names = { list: [...list], at: new Map(list.map((name, j) => [name, j])) };
    this.recent.unshift(names);
    if (this.recent.length > RECENT) this.recent.pop();
    return names;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}
