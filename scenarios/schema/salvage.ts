// What can be read of a document that does not match its schema, so that the rules that
// look across it (a pathway names a ward) still run and every error of a file is
// reported in one pass. Each part is parsed by its own schema; a part that fails is
// rebuilt field by field from its parts that pass, and a field that cannot be read is
// left undefined. Lists keep every item, in place, so paths into the salvaged value are
// paths into the document. Rules reading it must tolerate undefined fields: their
// issues at or under a field the schema rejected say nothing new and are dropped
// (scenario.ts).
import type { z } from 'zod';
import { defOf, isObject, maxItems } from './zod-def.ts';

/** The parse of `raw`, or undefined where zod overflows the stack gathering its issues (errors.ts, parseWith): the parts are then read one by one. */
function parsed(schema: z.ZodType, raw: unknown) {
  try {
    return schema.safeParse(raw);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The value of `raw` as far as `schema` can read it (see above). */
export function salvage(schema: z.ZodType, raw: unknown): unknown {
  const r = parsed(schema, raw);
  if (r?.success) return r.data;
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return raw === undefined ? undefined : salvage(def.innerType!, raw);
    case 'object': {
      const from = isObject(raw) ? raw : {};
      const out: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(def.shape!)) {
        const v = salvage(field, from[k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'array':
      if (!Array.isArray(raw)) return [];
      // A list longer than its schema allows cannot be read: the rules would otherwise walk
      // all of it (300,000 kpis, each compared with the whole catalogue, took minutes).
      return raw.length > maxItems(schema) ? undefined : raw.map((x) => salvage(def.element!, x));
    case 'record':
      return isObject(raw) ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, salvage(def.valueType!, v)])) : {};
    case 'union': {
      // A discriminated union (a step's `do`, a duration's `dist`): the option the
      // discriminator names; with none, the entry's strings (its id still counts as defined).
      const key = def.discriminator;
      if (key !== undefined && isObject(raw)) {
        const option = def.options!.find((o) => (o._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[key]?.has(raw[key]));
        if (option) return salvage(option, raw);
      }
      return isObject(raw) ? Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) : {};
    }
    case 'pipe':
      return salvage(def.in!, raw);
    case 'lazy':
      return salvage(def.getter!(), raw);
    default:
      return undefined;
  }
}
