// A variant's full scenario: the base with the variant's patch applied.
//
// The patch is a JSON Merge Patch (RFC 7396): objects merge key by key, `null` deletes a
// key, anything else (numbers, strings, lists) replaces. One addition: the collections
// of entries with an id — sites, wards, theatres, classes, waiting lists, mutual-aid
// policies, the steps of a pathway, the `staff` list (keyed by `role`) and the
// `pathways` record — are addressed as objects keyed by that id:
//   { wards: { majors: { beds: 24 } } }    merges into the existing ward "majors";
//   { wards: { majors: null } }            removes it;
//   { wards: { "+escalation": { beds: 6 } } }  adds a ward "escalation" (appended).
// A key must name an existing entry unless it says "+": a misspelt id is an error (with
// the nearest id suggested), not a new empty entry that leaves the variant running as
// the baseline. A list in the patch still replaces the whole list, so to insert a step
// in the middle of a pathway, give the whole pathway.
import type { Issue } from './errors.ts';
import { didYouMean } from './suggest.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The mark of a patch key that adds an entry: `"+escalation"`. */
export const ADD = '+';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The field that identifies entries of the list under `key`. */
export function keyFieldFor(key: string | undefined): string {
  return key === 'staff' ? 'role' : 'id';
}

function isKeyedList(list: unknown[], field: string): boolean {
  return list.every((e) => isObject(e) && typeof e[field] === 'string');
}

/** What an entry of the collection at `path` is called in messages, and where it is if the path does not say. */
function entryNoun(path: readonly string[]): [noun: string, where: string] {
  const key = path[path.length - 1];
  if (path.length === 1 && key === 'pathways') return ['pathway', ''];
  if (path.length === 2 && path[0] === 'pathways') return ['step', ` in pathway "${key}"`];
  const nouns: Record<string, string> = {
    sites: 'site', wards: 'ward', theatres: 'theatre', staff: 'role', classes: 'class',
    clinics: 'clinic', scanners: 'scanner', waitingLists: 'waiting list', mutualAid: 'mutual-aid policy',
  };
  return [nouns[key] ?? 'entry', ''];
}

type Kind = 'list' | 'record' | 'plain';

/** How a patch object applies at `path`: to a keyed list, to the `pathways` record, or key by key (RFC 7396). */
function kindAt(target: unknown, patch: Record<string, unknown>, path: readonly string[], field: string): Kind {
  if (path.length === 1 && path[0] === 'pathways' && (target === undefined || isObject(target))) return 'record';
  if (Array.isArray(target)) return isKeyedList(target, field) ? 'list' : 'plain';
  // A list the base leaves out (its default is empty) can be created by additions.
  if (target === undefined && Object.keys(patch).some((k) => k.startsWith(ADD))) return 'list';
  return 'plain';
}

function merge(target: unknown, patch: unknown, path: string[], issues: Issue[]): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const key = path[path.length - 1];
  const field = keyFieldFor(key);
  const kind = kindAt(target, patch, path, field);
  if (kind === 'plain') {
    const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
    for (const [k, value] of Object.entries(patch)) {
      if (value === null) delete out[k];
      else out[k] = merge(out[k], value, [...path, k], issues);
    }
    return out;
  }
  // A collection: entries by id, in order; changed, removed or added by the patch's keys.
  const entries: [string, unknown][] = kind === 'record'
    ? Object.entries((target ?? {}) as Record<string, unknown>).map(([id, e]) => [id, structuredClone(e)])
    : ((target ?? []) as Record<string, unknown>[]).map((e) => [e[field] as string, structuredClone(e)]);
  const [noun, where] = entryNoun(path);
  for (const [k, value] of Object.entries(patch)) {
    const adding = k.startsWith(ADD);
    const id = adding ? k.slice(ADD.length) : k;
    const at = entries.findIndex(([x]) => x === id);
    const here = [...path, k];
    if (adding) {
      if (at >= 0) issues.push({ path: here, message: `${noun} "${id}"${where} already exists: write its key as "${id}" to change it` });
      else if (value === null) issues.push({ path: here, message: `"${k}" adds a ${noun}, and null adds nothing: give its fields` });
      else entries.push([id, kind === 'record' ? merge(undefined, value, here, issues) : merge({ [field]: id }, value, here, issues)]);
    } else if (at < 0) {
      const ids = entries.map(([x]) => x);
      const hint = didYouMean(id, ids);
      const known = `known: ${[...new Set(ids)].join(', ') || 'none'}`;
      const what = value === null ? 'remove' : 'change';
      const add = value === null ? '' : `; to add a new ${noun}, write its key as "${ADD}${id}"`;
      issues.push({ path: here, message: `no ${noun} "${id}"${where} to ${what}${hint ? `: ${hint}` : ''} (${known}${add})` });
    } else if (value === null) entries.splice(at, 1);
    else entries[at] = [id, merge(entries[at][1], value, here, issues)];
  }
  return kind === 'record' ? Object.fromEntries(entries) : entries.map(([, e]) => e);
}

/** The patched value and every key of the patch that names no entry (or adds one that exists), by its path in the patch. */
export function applyPatch(target: unknown, patch: unknown, path: string[] = []): { value: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  const value = merge(target, patch, path, issues);
  return { value, issues };
}

/** RFC 7396 merge, with id-keyed collections as described above; keys that name no entry are left out. Never mutates its inputs. */
export function mergePatch(target: unknown, patch: unknown, key?: string): unknown {
  return applyPatch(target, patch, key === undefined ? [] : [key]).value;
}

function withoutFixed(base: Record<string, unknown>, patch: Record<string, unknown>) {
  const { variants: _variants, ...rest } = base;
  const { variants: _v, id: _id, ...allowed } = patch;
  return { rest, allowed };
}

/** The variant's scenario: the base (without its variants) patched. `id` and `variants` cannot be patched. */
export function applyVariant(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  return patchVariant(base, patch).value;
}

/** applyVariant, with the patch's keys that address nothing (paths relative to the patch). */
export function patchVariant(base: Record<string, unknown>, patch: Record<string, unknown>): { value: Record<string, unknown>; issues: Issue[] } {
  const { rest, allowed } = withoutFixed(base, patch);
  const r = applyPatch(rest, allowed);
  return { value: r.value as Record<string, unknown>, issues: r.issues };
}
