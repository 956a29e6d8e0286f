// The builder is generated from the JSON Schema of the scenario language, made from the
// same zod schema as `pathflow schema` and the CLI's check, so a field the language gains
// shows up here with its description and bounds without a second definition. This file
// says which editor each schema node gets; the coverage test walks the whole schema with
// it and fails on a node no editor can set.
import { z } from 'zod';
import { ScenarioSchema } from '../../../../../scenarios/schema/scenario.ts';

/** A JSON Schema node as z.toJSONSchema writes it (draft 2020-12, everything inlined). */
export interface JsonNode {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonNode>;
  required?: string[];
  additionalProperties?: boolean | JsonNode;
  propertyNames?: JsonNode;
  items?: JsonNode;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonNode[];
  anyOf?: JsonNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  [other: string]: unknown;
}

/**
 * The editors of the builder:
 * object (a fieldset of named fields), record (a keyed map), list (an ordered list),
 * union (a kind picker over objects told apart by one field, e.g. a step's `do`),
 * duration (the distribution picker: a union told apart by `dist`), choice (a picker over
 * differently shaped alternatives, e.g. "arrival" or a step), enum (a select), fixed (a
 * constant), number, integer, text, switch (true/false), json (a value the schema leaves
 * open, e.g. a variant's patch, as JSON text), unsupported (none of these: a gap).
 */
export type EditorKind = 'object' | 'record' | 'list' | 'union' | 'duration' | 'choice' | 'enum' | 'fixed'
  | 'number' | 'integer' | 'text' | 'switch' | 'json' | 'unsupported';

/** Top-level fields the builder leaves to another part of the page, with where. */
export const EDITED_ELSEWHERE: Record<string, string> = {
  variants: 'the options panel above (an option is edited by choosing it there: its changes are kept as differences)',
  $schema: 'the file only (a pointer to the JSON Schema for text editors)',
};

let cached: JsonNode | undefined;
/** The scenario's JSON Schema as the CLI prints it (input side: defaults optional). Built once. */
export function scenarioSchema(): JsonNode {
  cached ??= z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonNode;
  return cached;
}

/** Keys that only annotate a node; a node with nothing else accepts any value. */
const ANNOTATIONS = new Set(['description', 'default', 'title', 'examples', '$schema']);

/** The field that tells a union's options apart (each option an object with a distinct const there), or undefined. */
export function discriminatorOf(node: JsonNode): string | undefined {
  const options = node.oneOf ?? node.anyOf;
  if (!options || options.length < 2 || !options.every((o) => o.type === 'object' && o.properties)) return undefined;
  for (const key of Object.keys(options[0].properties!)) {
    const values = options.map((o) => o.properties![key]?.const);
    if (values.every((v) => typeof v === 'string') && new Set(values).size === values.length) return key;
  }
  return undefined;
}

export function editorKind(node: JsonNode): EditorKind {
  const options = node.oneOf ?? node.anyOf;
  if (options) {
    if (node.oneOf && node.anyOf) return 'unsupported';
    const d = discriminatorOf(node);
    if (d === 'dist') return 'duration';
    if (d) return 'union';
    // A choice is told apart by the value's shape, so no two options may share one.
    const shapes = options.map(shapeOf);
    return shapes.every((s) => s !== undefined) && new Set(shapes).size === shapes.length ? 'choice' : 'unsupported';
  }
  if (Object.keys(node).every((k) => ANNOTATIONS.has(k))) return 'json';
  if (node.enum) return node.enum.length > 0 && node.enum.every((v) => typeof v === 'string') ? 'enum' : 'unsupported';
  if ('const' in node) return 'fixed';
  switch (node.type) {
    case 'object': {
      const extra = node.additionalProperties;
      if (node.properties) return extra === undefined || extra === false ? 'object' : 'unsupported';
      if (typeof extra === 'object') return 'record';
      return 'unsupported';
    }
    case 'array': return node.items && !Array.isArray(node.items) ? 'list' : 'unsupported';
    case 'number': return 'number';
    case 'integer': return 'integer';
    case 'string': return 'text';
    case 'boolean': return 'switch';
    default: return 'unsupported';
  }
}

/**
 * How a choice recognises which option a value is: a constant by its value, the rest by
 * type; a text option takes any other string. Undefined when the option has no editor.
 */
export function shapeOf(option: JsonNode): string | undefined {
  if ('const' in option) return `const:${JSON.stringify(option.const)}`;
  if (option.enum) return undefined;
  const k = editorKind(option);
  if (k === 'unsupported' || k === 'choice' || k === 'json') return undefined;
  if (k === 'union' || k === 'duration' || k === 'object' || k === 'record') return 'object';
  if (k === 'list') return 'array';
  if (k === 'integer') return 'number';
  return k === 'switch' ? 'boolean' : k === 'text' ? 'string' : k;
}

/** The option of a choice that `value` is (a constant first, then by type), or 0. */
export function choiceIndex(node: JsonNode, value: unknown): number {
  const options = node.oneOf ?? node.anyOf ?? [];
  const exact = options.findIndex((o) => 'const' in o && o.const === value);
  if (exact >= 0) return exact;
  const type = value === undefined ? undefined : Array.isArray(value) ? 'array' : typeof value;
  const byType = options.findIndex((o) => !('const' in o) && shapeOf(o) === type);
  return Math.max(0, byType);
}

/** The options of a union, with the const each puts in the discriminator. */
export function unionOptions(node: JsonNode): { value: string; node: JsonNode }[] {
  const d = discriminatorOf(node)!;
  return (node.oneOf ?? node.anyOf ?? []).map((o) => ({ value: o.properties![d].const as string, node: o }));
}

/** The option of a union a value belongs to (by its discriminator), or undefined. */
export function unionOption(node: JsonNode, value: unknown): JsonNode | undefined {
  const d = discriminatorOf(node);
  if (!d || typeof value !== 'object' || value === null) return undefined;
  const tag = (value as Record<string, unknown>)[d];
  return unionOptions(node).find((o) => o.value === tag)?.node;
}

/** The schema of the value under `key` of a value of `node` (objects, records, lists, unions by the value). */
export function childNode(node: JsonNode, key: string | number, value?: unknown): JsonNode | undefined {
  switch (editorKind(node)) {
    case 'object': return node.properties![key as string];
    case 'record': return node.additionalProperties as JsonNode;
    case 'list': return node.items;
    case 'union': case 'duration': return unionOption(node, value)?.properties?.[key as string];
    case 'choice': return childNode((node.oneOf ?? node.anyOf)![choiceIndex(node, value)], key, value);
    default: return undefined;
  }
}

/** Bounds of a number in words ("≥ 0", "0 to 1", "> 0"), leaving out the integer range's sentinels. */
export function boundsInWords(node: JsonNode): string | undefined {
  const small = (x: number | undefined) => (x !== undefined && Math.abs(x) < 1e15 ? x : undefined);
  const lo = small(node.minimum), hi = small(node.maximum), xlo = small(node.exclusiveMinimum), xhi = small(node.exclusiveMaximum);
  const parts: string[] = [];
  if (lo !== undefined && hi !== undefined) parts.push(`${lo} to ${hi}`);
  else {
    if (lo !== undefined) parts.push(`≥ ${lo}`);
    if (xlo !== undefined) parts.push(`> ${xlo}`);
    if (hi !== undefined) parts.push(`≤ ${hi}`);
  }
  if (xhi !== undefined) parts.push(`< ${xhi}`);
  if (node.type === 'integer') parts.unshift('a whole number');
  return parts.length ? parts.join(', ') : undefined;
}
