// How a problem in a scenario file is worded, wherever it is shown (CLI, HTTP 400, UI):
// the path of the field, what was expected and what came,
//   ✖ cases[3].model.stations[0].servers: expected a positive integer or "infinite", got -2
// `errorMap` words zod's generic issues that way; schema-specific messages (unions,
// cross-field rules) are written in the same voice where they are raised.
import type { z } from 'zod';
import { didYouMean } from './suggest.ts';

/** An issue as zod reports it, or as our own checks raise it. */
export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `cases[3].model.stations[0].servers`; keys that are not plain names are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** A received value, short enough for a one-line message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const typeWords: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};

/** z.int() (and z.number().int()) checks carry format "safeint" on the schema that failed. */
function isInteger(iss: { schema?: unknown }): boolean {
  const def = (iss.schema as { _zod?: { def?: { format?: string } } } | undefined)?._zod?.def;
  return def?.format === 'safeint' || def?.format === 'int32';
}

function bound(iss: { origin?: string; inclusive?: boolean; schema?: unknown }, limit: unknown, below: boolean): string {
  const n = typeof limit === 'bigint' ? Number(limit) : (limit as number);
  if (iss.origin === 'array') return below ? `at least ${n} item${n === 1 ? '' : 's'}` : `at most ${n} item${n === 1 ? '' : 's'}`;
  if (iss.origin === 'string') return below ? `a string of at least ${n} character${n === 1 ? '' : 's'}` : `a string of at most ${n} characters`;
  const op = below ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<';
  return `${isInteger(iss) ? 'an integer' : 'a number'} ${op} ${n}`;
}

/**
 * Zod error map in the "expected …, got …" voice; pass it to a parse as
 * `schema.safeParse(data, { error: errorMap, reportInput: true })`.
 */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  const got = issue.input === undefined ? '' : `, got ${show(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const what = issue.expected === 'number' && isInteger(issue) ? typeWords.int : typeWords[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `missing: expected ${what}`;
      return `expected ${what}${got}`;
    }
    case 'too_small':
      if (issue.origin === 'array' && Array.isArray(issue.input)) return `expected ${bound(issue, issue.minimum, true)}, got ${issue.input.length}`;
      return `expected ${bound(issue, issue.minimum, true)}${got}`;
    case 'too_big':
      if (issue.origin === 'array' && Array.isArray(issue.input)) return `expected ${bound(issue, issue.maximum, false)}, got ${issue.input.length}`;
      return `expected ${bound(issue, issue.maximum, false)}${got}`;
    case 'invalid_value': {
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.filter((v): v is string => typeof v === 'string')) : '';
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}${hint ? `: ${hint}` : ''}`;
    }
    case 'unrecognized_keys': {
      const fields = fieldsOf(issue);
      return issue.keys.map((k) => `"${k}": ${unknownField(k, fields)}`).join('; ');
    }
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options))
        return `expected one of ${issue.options.map((v) => JSON.stringify(v)).join(', ')}${got}`;
      return `not a valid value${got}`;
    case 'invalid_format':
      return `expected ${issue.format}${got}`;
    default:
      return undefined; // zod's own wording
  }
};

/** The fields of the object schema that raised an unknown-key issue. */
function fieldsOf(issue: { inst?: unknown }): string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** An unknown field, with the nearest known one or, failing that, all of them. */
export function unknownField(key: string, fields: readonly string[]): string {
  const hint = didYouMean(key, fields);
  return hint ? `unknown field: ${hint}` : `unknown field (fields: ${fields.join(', ') || 'none'})`;
}

/**
 * The error of a discriminated union whose discriminator (`do`, `dist`) names no option:
 * the options, what came, and the nearest option to it.
 */
export function discriminatorError(field: string, values: readonly string[]) {
  return (iss: { code?: string; input?: unknown }): string | undefined => {
    if (iss.code !== 'invalid_union') return undefined;
    const input = iss.input as Record<string, unknown> | undefined;
    const got = typeof input === 'object' && input !== null ? input[field] : undefined;
    const hint = typeof got === 'string' ? didYouMean(got, values) : '';
    return `expected "${field}" to be one of ${values.join(', ')}, got ${show(got)}${hint ? `: ${hint}` : ''}`;
  };
}

/**
 * Parse with the error map above, and every issue with its path: an unknown field is one
 * issue per key, at the key's own path (`sites[0].wards[1].bedz: unknown field: did you
 * mean "beds"?`), rather than zod's one issue on the object naming them all.
 */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown): { ok: true; value: z.output<S> } | { ok: false; issues: Issue[]; tooMany?: true } {
  const fields = new Map<string, string[]>();
  const error: z.core.$ZodErrorMap = (iss) => {
    if (iss.code === 'unrecognized_keys') fields.set(JSON.stringify(iss.path ?? []), fieldsOf(iss));
    return errorMap(iss);
  };
  let r: z.ZodSafeParseResult<z.output<S>>;
  try {
    r = schema.safeParse(data, { error, reportInput: true });
  } catch (e) {
    // zod gathers an entry's issues into its list with one spread call: past about 100,000
    // issues under one entry (70,000 invalid ward changes) that overflows the stack. The
    // schemas cap the lists a user writes long; this is for what they leave uncapped.
    if (!(e instanceof RangeError)) throw e;
    const at = longestList(data);
    return { ok: false, tooMany: true, issues: [{ path: at?.path ?? [], message: `too many errors to list${at ? ` in or around this list of ${at.length.toLocaleString('en-GB')} entries` : ''}: correct or shorten it first` }] };
  }
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.flatMap((i): Issue[] => i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: [...i.path, k], message: unknownField(k, fields.get(JSON.stringify(i.path)) ?? []) }))
      : [{ path: i.path, message: i.message }]),
  };
}

/** The path and length of the longest list in a document, walked without recursion (a document may be deep). */
export function longestList(doc: unknown): { path: PropertyKey[]; length: number } | undefined {
  type At = { value: unknown; key: PropertyKey; parent: At | null };
  let best: At | null = null, bestLength = -1;
  const todo: At[] = [{ value: doc, key: '', parent: null }];
  while (todo.length) {
    const at = todo.pop()!;
    const v = at.value;
    if (Array.isArray(v)) {
      if (v.length >= bestLength) { best = at; bestLength = v.length; } // ">=": of equal lists, the first written (visited last)
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) todo.push({ value: v[i], key: i, parent: at });
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) if (typeof x === 'object' && x !== null) todo.push({ value: x, key: k, parent: at });
    }
  }
  if (!best) return undefined;
  const path: PropertyKey[] = [];
  for (let a: At | null = best; a?.parent; a = a.parent) path.push(a.key);
  return { path: path.reverse(), length: bestLength };
}

/**
 * Issues in the order their paths are written in `doc` (keys as written, list items by
 * index), so a file's errors read from top to bottom; a missing field comes after the
 * fields written in its object. Issues at the same place keep their order.
 */
export function inDocumentOrder(doc: unknown, issues: readonly Issue[]): Issue[] {
  // Each object's key positions, looked up once: a scan of its keys per issue was
  // quadratic in a record of many entries (pathways) with an issue in each.
  const positions = new Map<object, Map<string, number>>();
  const positionIn = (at: object, key: string): number => {
    let m = positions.get(at);
    if (!m) positions.set(at, (m = new Map(Object.keys(at).map((k, i) => [k, i]))));
    return m.get(key) ?? -1;
  };
  const rank = (path: readonly PropertyKey[]): number[] => {
    const out: number[] = [];
    let at: unknown = doc;
    for (const key of path) {
      if (Array.isArray(at) && typeof key === 'number') out.push(key);
      else if (typeof at === 'object' && at !== null) {
        const i = positionIn(at, String(key));
        out.push(i < 0 ? Infinity : i);
      } else out.push(Infinity);
      at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[String(key)] : undefined;
    }
    return out;
  };
  const ranked = issues.map((issue, i) => ({ issue, i, rank: rank(issue.path) }));
  ranked.sort((a, b) => {
    for (let k = 0; k < Math.min(a.rank.length, b.rank.length); k++) if (a.rank[k] !== b.rank[k]) return a.rank[k] < b.rank[k] ? -1 : 1;
    return a.rank.length - b.rank.length || a.i - b.i;
  });
  return ranked.map((r) => r.issue);
}

/** One line per issue, `  ✖ path: message`, in the order given; at most `limit` lines. */
export function formatIssues(issues: readonly Issue[], limit = 50): string {
  // A check cut short (parseScenario past its most schema errors) ends with "… and N more
  // errors: …": the count of what is not shown then includes those N.
  const last = issues.at(-1);
  const cut = last && last.path.length === 0 ? /^… and ([\d,]+) more errors/.exec(last.message) : null;
  const shown = cut ? issues.slice(0, -1) : issues;
  const lines = shown.slice(0, limit).map((i) => `  ✖ ${formatPath(i.path)}: ${i.message}`);
  const hidden = Math.max(0, shown.length - limit) + (cut ? Number(cut[1].replace(/,/g, '')) : 0);
  if (hidden > 0) lines.push(`  … and ${hidden.toLocaleString('en-GB')} more${cut ? ' errors: correct these first' : ''}`);
  return lines.join('\n');
}
