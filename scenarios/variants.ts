// A variant's full scenario: the base with the variant's patch applied.
//
// The patch is a JSON Merge Patch (RFC 7396): objects merge key by key, `null` deletes a
// key, anything else (numbers, strings, lists) replaces. One addition: a list of objects
// that have an id — sites, wards, theatres, classes, the steps of a pathway, variants — and
// the `staff` list (whose entries are keyed by `role`) is addressed as an object keyed by
// that id. `{ wards: { majors: { beds: 24 } } }` merges into the ward "majors";
// `{ wards: { majors: null } }` removes it; a key that names no entry appends a new one
// (its id taken from the key). A list in the patch still replaces the whole list, so to
// insert a step in the middle of a pathway, give the whole pathway.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The field that identifies entries of the list under `key`. */
export function keyFieldFor(key: string | undefined): string {
  return key === 'staff' ? 'role' : 'id';
}

function isKeyedList(list: unknown[], field: string): boolean {
  return list.every((e) => isObject(e) && typeof e[field] === 'string');
}

/** RFC 7396 merge, with id-keyed lists as described above. Never mutates its inputs. */
export function mergePatch(target: unknown, patch: unknown, key?: string): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const field = keyFieldFor(key);
  if (Array.isArray(target) && isKeyedList(target, field)) {
    const out = target.map((e) => structuredClone(e)) as Record<string, unknown>[];
    for (const [id, value] of Object.entries(patch)) {
      const at = out.findIndex((e) => e[field] === id);
      if (value === null) {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) {
        out[at] = mergePatch(out[at], value) as Record<string, unknown>;
      } else {
        out.push(mergePatch({ [field]: id }, value) as Record<string, unknown>);
      }
    }
    return out;
  }
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, value] of Object.entries(patch)) {
    if (value === null) delete out[k];
    else out[k] = mergePatch(out[k], value, k);
  }
  return out;
}

/** The variant's scenario: the base (without its variants) patched. `id` and `variants` cannot be patched. */
export function applyVariant(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const { variants: _variants, ...rest } = base;
  const { variants: _v, id: _id, ...allowed } = patch;
  return mergePatch(rest, allowed) as Record<string, unknown>;
}
