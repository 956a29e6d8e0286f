// The edits the builder makes to lists, keyed maps and unions, as pure functions on plain
// values (the document is never mutated: each returns a copy, sharing what it did not
// touch). A new value is the smallest the schema accepts in shape: required fields
// filled, optional ones left out, so the YAML it gives stays short.
import { choiceIndex, discriminatorOf, editorKind, unionOptions, type JsonNode } from './schema-node.ts';

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function insertItem<T>(list: readonly T[] | undefined, at: number, item: T): T[] {
  const out = (list ?? []).slice();
  out.splice(Math.max(0, Math.min(at, out.length)), 0, item);
  return out;
}

export function removeItem<T>(list: readonly T[], at: number): T[] {
  return list.filter((_, i) => i !== at);
}

/** The list with item `from` moved to position `to` (the others keep their order). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list.slice();
  const out = list.slice();
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x);
  return out;
}

/** The map with `key` added at the end; unchanged if the key is taken. */
export function addKey(record: Obj | undefined, key: string, value: unknown): Obj {
  const r = record ?? {};
  return key in r ? { ...r } : { ...r, [key]: value };
}

export function removeKey(record: Obj, key: string): Obj {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** The map with `from` renamed `to`, in the same place; unchanged if `to` is taken or empty. */
export function renameKey(record: Obj, from: string, to: string): Obj {
  if (to === '' || to === from || to in record || !(from in record)) return { ...record };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

/** A number the schema accepts: its default, else its lower bound (above it when exclusive), capped by the upper one. */
function blankNumber(node: JsonNode): number {
  if (typeof node.default === 'number') return node.default;
  const small = (x: number | undefined) => (x !== undefined && Math.abs(x) < 1e15 ? x : undefined);
  let n = small(node.minimum) ?? (small(node.exclusiveMinimum) !== undefined ? small(node.exclusiveMinimum)! + 1 : 0);
  const hi = small(node.maximum) ?? small(node.exclusiveMaximum);
  if (hi !== undefined && n > hi) n = small(node.exclusiveMinimum) !== undefined ? (small(node.exclusiveMinimum)! + hi) / 2 : hi;
  return node.type === 'integer' ? Math.ceil(n) : n;
}

/** The smallest value of a node's shape: what "add" puts in before the user fills it in. */
export function blankValue(node: JsonNode): unknown {
  switch (editorKind(node)) {
    case 'object': {
      const out: Obj = {};
      for (const k of node.required ?? []) {
        const v = blankValue(node.properties![k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'union': case 'duration': return blankValue(unionOptions(node)[0].node);
    case 'choice': return blankValue((node.oneOf ?? node.anyOf)![0]);
    case 'record': return {};
    case 'list': {
      const n = node.minItems ?? 0;
      return Array.from({ length: n }, () => blankValue(node.items!));
    }
    case 'enum': return node.default ?? node.enum![0];
    case 'fixed': return node.const;
    case 'number': case 'integer': return blankNumber(node);
    case 'text': return typeof node.default === 'string' ? node.default : '';
    case 'switch': return typeof node.default === 'boolean' ? node.default : false;
    default: return undefined;
  }
}

/** Does `value` have the shape `node` asks for (type only, not bounds): may it be kept across a kind switch? */
export function fitsShape(node: JsonNode | undefined, value: unknown): boolean {
  if (!node) return false;
  switch (editorKind(node)) {
    case 'object': case 'record': case 'union': case 'duration': return isObject(value);
    case 'list': return Array.isArray(value);
    case 'choice': {
      const o = (node.oneOf ?? node.anyOf)![choiceIndex(node, value)];
      return fitsShape(o, value);
    }
    case 'enum': return node.enum!.includes(value);
    case 'fixed': return value === node.const;
    case 'number': return typeof value === 'number';
    case 'integer': return Number.isInteger(value);
    case 'text': return typeof value === 'string';
    case 'switch': return typeof value === 'boolean';
    case 'json': return true;
    default: return false;
  }
}

/**
 * A union's value switched to another kind (a task becoming a stay, a lognormal becoming a
 * gamma): the fields the new kind also has, with a value of the shape it takes, are kept
 * (id, duration, unit, mean…); the new kind's other required fields are filled in blank.
 */
export function switchKind(node: JsonNode, value: unknown, kind: string): Obj {
  const d = discriminatorOf(node)!;
  const option = unionOptions(node).find((o) => o.value === kind)!.node;
  const old = isObject(value) ? value : {};
  const out: Obj = { [d]: kind };
  for (const [k, v] of Object.entries(old)) {
    if (k === d || v === undefined) continue;
    if (fitsShape(option.properties![k], v)) out[k] = v;
  }
  for (const k of option.required ?? []) {
    if (out[k] === undefined) {
      const v = blankValue(option.properties![k]);
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}

/** An id not yet taken among `taken`: `stem`, `stem-2`, `stem-3`, … */
export function freshId(stem: string, taken: Iterable<string>): string {
  const t = new Set(taken);
  const base = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
  if (!t.has(base)) return base;
  for (let i = 2; ; i++) if (!t.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A new list item of `node` (optionally of a union kind), given a fresh `id` when items have one. */
export function newItem(listNode: JsonNode, list: readonly unknown[] | undefined, kind?: string, stem?: string): unknown {
  const items = listNode.items!;
  const k = editorKind(items);
  let item = (k === 'union' || k === 'duration') && kind ? switchKind(items, undefined, kind) : blankValue(items);
  const idNode = isObject(item) && (k === 'object' ? items.properties?.id : unionOptions(items).find((o) => o.value === (item as Obj)[discriminatorOf(items)!])?.node.properties?.id);
  if (isObject(item) && idNode && editorKind(idNode) === 'text') {
    const taken = (list ?? []).flatMap((x) => (isObject(x) && typeof x.id === 'string' ? [x.id] : []));
    item = { ...item, id: freshId(kind ?? stem ?? 'item', taken) };
    // The id first, as a person would write it.
    const { id, ...rest } = item as Obj;
    item = { id, ...rest };
  }
  return item;
}

/**
 * A pathway renamed, with the classes and measures that name it following: a rename is
 * an explicit act (its button), unlike typing in an id, so the references go with it.
 */
export function renamePathway(doc: Obj, from: string, to: string): Obj {
  const pathways = isObject(doc.pathways) ? doc.pathways : {};
  if (to === '' || to in pathways || !(from in pathways)) return doc;
  const follow = (xs: unknown) => (Array.isArray(xs) ? xs.map((x) => (isObject(x) && x.pathway === from ? { ...x, pathway: to } : x)) : xs);
  const out: Obj = { ...doc, pathways: renameKey(pathways, from, to) };
  if (doc.classes !== undefined) out.classes = follow(doc.classes);
  if (doc.measures !== undefined) out.measures = follow(doc.measures);
  return out;
}
