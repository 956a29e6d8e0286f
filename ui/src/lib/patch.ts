// Variants are stored as patches on the base scenario (scenarios/variants.ts: JSON Merge
// Patch, with lists of id-keyed entries addressed by id, and "+id" for an entry the patch
// adds). The form edits a variant's whole scenario; this file turns the edited scenario
// back into the smallest patch that reproduces it, and lists what a patch changes in
// words for the "differs from baseline" view.
import { ADD, keyFieldFor, mergePatch, patchVariant } from '../../../scenarios/variants.ts';

export type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function keyedIds(list: unknown[], field: string): string[] | undefined {
  const ids: string[] = [];
  for (const e of list) {
    if (!isObject(e) || typeof e[field] !== 'string') return undefined;
    ids.push(e[field] as string);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

/**
 * A keyed list can be patched entry by entry only if mergePatch would rebuild it in the
 * target's order: entries kept in the base's order, new ones at the end.
 */
function patchableOrder(baseIds: string[], targetIds: string[]): boolean {
  const kept = targetIds.filter((id) => baseIds.includes(id));
  const baseKept = baseIds.filter((id) => targetIds.includes(id));
  if (!deepEqual(kept, baseKept)) return false;
  const firstNew = targetIds.findIndex((id) => !baseIds.includes(id));
  return firstNew < 0 || targetIds.slice(firstNew).every((id) => !baseIds.includes(id));
}

const SAME = Symbol('same');

function diff(base: unknown, target: unknown, key: string | undefined): unknown {
  if (deepEqual(base, target)) return SAME;
  if (isObject(base) && isObject(target)) {
    const out: Obj = {};
    // The pathways record is keyed by id like a list: a new pathway is "+id".
    const record = key === 'pathways';
    for (const [k, v] of Object.entries(target)) {
      if (v === undefined) continue;
      const d = diff(base[k], v, k);
      if (d !== SAME) out[record && base[k] === undefined ? `${ADD}${k}` : k] = d;
    }
    for (const k of Object.keys(base)) if (base[k] !== undefined && target[k] === undefined) out[k] = null;
    return out;
  }
  if (Array.isArray(base) && Array.isArray(target)) {
    const field = keyFieldFor(key);
    const baseIds = keyedIds(base, field), targetIds = keyedIds(target, field);
    if (baseIds && targetIds && baseIds.length > 0 && patchableOrder(baseIds, targetIds)) {
      const out: Obj = {};
      target.forEach((entry, i) => {
        const at = baseIds.indexOf(targetIds[i]);
        if (at < 0) {
          const { [field]: _id, ...rest } = entry as Obj;
          out[`${ADD}${targetIds[i]}`] = structuredClone(rest);
        } else {
          const d = diff(base[at], entry, undefined);
          if (d !== SAME) out[targetIds[i]] = d;
        }
      });
      for (const id of baseIds) if (!targetIds.includes(id)) out[id] = null;
      return out;
    }
  }
  return structuredClone(target);
}

/** The smallest merge patch that turns `base` into `target` (both scenarios without variants). */
export function makePatch(base: Obj, target: Obj): Obj {
  const d = diff(base, target, undefined);
  return d === SAME ? {} : (d as Obj);
}

export interface Change {
  /** The patch's own path: list entries by id (`sites.dgh.wards.ortho.beds`). */
  path: string[];
  from: unknown;
  to: unknown;
  kind: 'changed' | 'added' | 'removed';
}

/** Every leaf a patch changes, with the baseline's value beside the variant's. */
export function listChanges(base: unknown, patch: unknown): Change[] {
  const out: Change[] = [];
  const walk = (b: unknown, p: unknown, path: string[], key: string | undefined) => {
    if (p === null) {
      if (b !== undefined) out.push({ path, from: b, to: undefined, kind: 'removed' });
      return;
    }
    if (isObject(p)) {
      // An entry the patch adds ("+id"); a key that names no entry changes nothing (the check reports it).
      const adds = (k: string, v: unknown) => k.startsWith(ADD) && v !== null;
      if (Array.isArray(b) && keyedIds(b, keyFieldFor(key))) {
        const field = keyFieldFor(key);
        for (const [k, v] of Object.entries(p)) {
          const id = k.startsWith(ADD) ? k.slice(ADD.length) : k;
          const entry = b.find((e) => (e as Obj)[field] === id);
          if (adds(k, v) && entry === undefined) out.push({ path: [...path, id], from: undefined, to: mergePatch({ [field]: id }, v), kind: 'added' });
          else if (!k.startsWith(ADD) && entry !== undefined) walk(entry, v, [...path, id], undefined);
        }
        return;
      }
      if (isObject(b)) {
        for (const [k, v] of Object.entries(p)) {
          if (key === 'pathways' && k.startsWith(ADD)) {
            if (adds(k, v) && b[k.slice(ADD.length)] === undefined) out.push({ path: [...path, k.slice(ADD.length)], from: undefined, to: structuredClone(v), kind: 'added' });
          } else walk(b[k], v, [...path, k], k);
        }
        return;
      }
      out.push({ path, from: b, to: mergePatch(undefined, p), kind: b === undefined ? 'added' : 'changed' });
      return;
    }
    if (!deepEqual(b, p)) out.push({ path, from: b, to: p, kind: b === undefined ? 'added' : 'changed' });
  };
  walk(base, patch, [], undefined);
  return out;
}

/** The value at `path` (numbers index lists), or undefined. */
export function getAt(doc: unknown, path: Path): unknown {
  let at = doc;
  for (const k of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[k];
  }
  return at;
}

/** A copy of `doc` with `value` at `path` (undefined removes the key); shares untouched branches. */
export function setAt<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [k, ...rest] = path;
  const current = (doc ?? (typeof k === 'number' ? [] : {})) as Record<string | number, unknown>;
  const child = setAt(current[k], rest, value);
  if (Array.isArray(current)) {
    const copy = current.slice();
    copy[k as number] = child;
    return copy as T;
  }
  const copy: Obj = { ...current };
  if (child === undefined) delete copy[k as string];
  else copy[k as string] = child;
  return copy as T;
}
