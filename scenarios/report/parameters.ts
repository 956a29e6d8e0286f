// Every parameter a scenario states (3.3), one row each: its path as `sweep --param` and
// `run --set` take it (sites[dgh].wards[ortho].beds), its value in words, and its source
// where the scenario names one (a comment on its line in a YAML file). Read from the
// document as written, so defaults the author never chose are not passed off as inputs.
import { describeDuration, describeValue } from '../diagram/describe.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Words, not parameters: what the scenario says about itself, reported in other items. */
const DESCRIPTIVE = new Set(['$schema', 'id', 'title', 'name', 'description', 'question', 'sources', 'assumptions', 'variants', 'expect', 'specialty']);
const TOP_ONLY = new Set(['id']);

export interface ParameterRow { path: string; value: string; source: string }

/** A list entry's key in a path: its id (or role, class) where it has one, else its position. */
export function entryKey(e: unknown, i: number): { key: string; field?: string } {
  if (isObj(e)) for (const field of ['id', 'role', 'class']) if (typeof e[field] === 'string') return { key: e[field] as string, field };
  return { key: String(i) };
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** Parameter rows of a document (or any part of it: a variant's patch). */
export function parameterRows(doc: unknown, comments: ReadonlyMap<string, string> = new Map()): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const add = (path: string, value: string): void => void rows.push({ path, value, source: comments.get(path) ?? '' });
  const walk = (x: unknown, path: string, depth: number, keyField?: string): void => {
    if (isObj(x)) {
      if (typeof x.dist === 'string') return add(path, describeDuration(x) || describeValue(x));
      for (const [k, v] of Object.entries(x)) {
        if (DESCRIPTIVE.has(k) && (depth === 0 || !TOP_ONLY.has(k))) continue;
        if (k === keyField) continue; // the entry's key, already in the path
        walk(v, join(path, k), depth + 1);
      }
      return;
    }
    if (Array.isArray(x)) {
      if (x.every((e) => !isObj(e) && !Array.isArray(e))) return add(path, x.length ? x.map((e) => describeValue(e)).join(', ') : '(none)');
      x.forEach((e, i) => { const { key, field } = entryKey(e, i); walk(e, `${path}[${key}]`, depth + 1, field); });
      return;
    }
    add(path, describeValue(x));
  };
  walk(doc, '', 0);
  return rows;
}
