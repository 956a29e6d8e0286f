// A scenario document as a person would write it, for files the app (or a tool) writes:
// keys in the schema's order (id, title, …, time, sites, classes, pathways, …; inside a
// ward: id, name, beds, kind, …), and no field written out that only repeats its schema
// default, unless the document it was made from already had it (the user wrote it: keep
// it). Two files of one scenario then read alike and diff line by line. Pure: the
// document is not changed and parses to the same scenario (test/scenarios/schema/tidy.test.ts).
import type { z } from 'zod';
import { defOf, isObject, type Def } from './zod-def.ts';
import { ScenarioShapeSchema } from './scenario.ts';
import { keyFieldFor } from '../variants.ts';

type Obj = Record<string, unknown>;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined), kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/** The schema under wrappers (optional, default, a transform's input…), and its default if it has one. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; fallback?: { value: unknown } } {
  let s = schema;
  let fallback: { value: unknown } | undefined;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') {
      // zod keeps the default as a getter or a value.
      const v = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
      fallback ??= { value: v };
      s = d.innerType!;
    } else if (d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'nonoptional') s = d.innerType!;
    else if (d.type === 'pipe') s = d.in!;
    else if (d.type === 'lazy') s = d.getter!();
    else break;
  }
  return { schema: s, fallback };
}

/** The option of a union this value belongs to: by its discriminator, else the first object option with all its keys. */
function optionFor(def: Def, value: unknown): z.ZodType | undefined {
  if (!isObject(value)) return undefined;
  const key = def.discriminator;
  if (key !== undefined) {
    const o = def.options!.find((x) => (x._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[key]?.has(value[key]));
    if (o) return o;
  }
  const objects = def.options!.map((o) => unwrap(o).schema).filter((o) => defOf(o).type === 'object');
  // Values of literal fields decide first (a duration's dist), then which shape holds every key.
  const literalMatch = objects.find((o) => Object.entries(defOf(o).shape!).some(([k, f]) => {
    const u = defOf(unwrap(f).schema);
    return u.type === 'literal' && value[k] !== undefined && (u as unknown as { values: unknown[] }).values.includes(value[k]);
  }));
  return literalMatch ?? objects.find((o) => Object.keys(value).every((k) => k in defOf(o).shape!));
}

interface Mode {
  /** Inside a variant's patch: a default there may override another base value, so every field stays. */
  patch: boolean;
}

/** The entry of `before` (a list) that `value` came from: the same id, else the same place. */
function beforeEntry(before: unknown, value: unknown, i: number, field: string): unknown {
  if (!Array.isArray(before)) return undefined;
  if (isObject(value) && typeof value[field] === 'string') return before.find((e) => isObject(e) && e[field] === value[field]);
  return before[i];
}

function tidyValue(schema: z.ZodType, value: unknown, before: unknown, mode: Mode, key: string | undefined): unknown {
  const s = unwrap(schema).schema;
  const d = defOf(s);
  switch (d.type) {
    case 'object': {
      if (!isObject(value)) return value;
      const out: Obj = {};
      const had = isObject(before) ? before : {};
      for (const [k, field] of Object.entries(d.shape!)) {
        if (!(k in value) || value[k] === undefined) continue;
        const { fallback } = unwrap(field);
        if (!mode.patch && fallback && had[k] === undefined && sameValue(value[k], fallback.value)) continue;
        out[k] = tidyValue(field, value[k], had[k], mode, k);
      }
      // Keys the schema does not know (the check reports them) stay, after, in their order.
      for (const k of Object.keys(value)) if (!(k in d.shape!) && value[k] !== undefined) out[k] = value[k];
      return out;
    }
    case 'array': {
      const field = keyFieldFor(key);
      if (Array.isArray(value)) return value.map((x, i) => tidyValue(d.element!, x, beforeEntry(before, x, i, field), mode, undefined));
      // In a patch, a list of entries is addressed by id ("+id" adds one): each is an entry.
      if (mode.patch && isObject(value)) return mapValues(value, (v) => (v === null ? v : tidyValue(d.element!, v, undefined, mode, undefined)));
      return value;
    }
    case 'record':
      if (!isObject(value)) return value;
      return mapValues(value, (v, k) => (v === null && mode.patch ? v : tidyValue(d.valueType!, v, isObject(before) ? before[k] : undefined, mode, k)));
    case 'union': {
      const option = optionFor(d, value);
      return option ? tidyValue(option, value, before, mode, key) : value;
    }
    default:
      return value;
  }
}

function mapValues(o: Obj, f: (v: unknown, k: string) => unknown): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = f(v, k.startsWith('+') ? k.slice(1) : k);
  return out;
}

/**
 * `doc` tidied for a file: the schema's key order, defaults left out unless `before` (the
 * document as it was loaded or last saved) had them. A variant's patch keeps every value
 * (a default there changes the base) and is ordered as the scenario it patches.
 */
export function tidyScenario(doc: Obj, before?: Obj): Obj {
  const shape = defOf(ScenarioShapeSchema).shape!;
  const { variants, ...core } = doc;
  const out = tidyValue(ScenarioShapeSchema, core, before, { patch: false }, undefined) as Obj;
  if (variants === undefined) return out;
  if (!Array.isArray(variants)) return { ...out, variants };
  const variantShape = defOf(unwrap(defOf(unwrap(shape.variants).schema).element!).schema).shape!;
  const patched = variants.map((v) => {
    if (!isObject(v)) return v;
    const ordered: Obj = {};
    for (const k of Object.keys(variantShape)) if (v[k] !== undefined) ordered[k] = k === 'patch' && isObject(v.patch) ? tidyValue(ScenarioShapeSchema, v.patch, undefined, { patch: true }, undefined) : v[k];
    for (const k of Object.keys(v)) if (!(k in variantShape) && v[k] !== undefined) ordered[k] = v[k];
    return ordered;
  });
  // An empty list of variants is the default: left out unless it was written.
  if (patched.length === 0 && !(isObject(before) && before.variants !== undefined)) return out;
  return { ...out, variants: patched };
}
