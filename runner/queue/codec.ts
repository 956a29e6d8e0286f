// Replication results travel through Redis as JSON, which has no NaN, ±Infinity or -0
// (JSON.stringify writes null and 0). A KPI nobody could measure is NaN in a result, and the
// document must be bit-identical to the local pool's (structured clone keeps them), so such
// numbers are tagged on the way in and restored on the way out.

type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

const TAG = '$num';

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return undefined;
}

/** A JSON-safe copy of `value`: every NaN, ±Infinity and -0 as `{ "$num": "NaN" }` etc. */
export function toWire(value: unknown): Wire {
  if (typeof value === 'number') {
    const s = special(value);
    return s === undefined ? value : { [TAG]: s };
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Wire> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value as Wire;
}

const restored: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** The inverse of toWire. */
export function fromWire<T>(value: unknown): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      const tag = (v as Record<string, unknown>)[TAG];
      if (keys.length === 1 && typeof tag === 'string' && tag in restored) return restored[tag];
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = walk((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
