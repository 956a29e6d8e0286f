// How a problem in a scenario file is worded, wherever it is shown (CLI, HTTP 400, UI):
// the path of the field, what was expected and what came,
//   ✖ cases[3].model.stations[0].servers: expected a positive integer or "infinite", got -2
// `errorMap` words zod's generic issues that way; schema-specific messages (unions,
// cross-field rules) are written in the same voice where they are raised.
import type { z } from 'zod';

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
    case 'invalid_type':
      if (issue.input === undefined) return `missing: expected ${typeWords[issue.expected] ?? issue.expected}`;
      return `expected ${typeWords[issue.expected] ?? issue.expected}${got}`;
    case 'too_small':
      if (issue.origin === 'array' && Array.isArray(issue.input)) return `expected ${bound(issue, issue.minimum, true)}, got ${issue.input.length}`;
      return `expected ${bound(issue, issue.minimum, true)}${got}`;
    case 'too_big':
      if (issue.origin === 'array' && Array.isArray(issue.input)) return `expected ${bound(issue, issue.maximum, false)}, got ${issue.input.length}`;
      return `expected ${bound(issue, issue.maximum, false)}${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}`;
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

/** One line per issue, `  ✖ path: message`, in the order given; at most `limit` lines. */
export function formatIssues(issues: readonly Issue[], limit = 50): string {
  const lines = issues.slice(0, limit).map((i) => `  ✖ ${formatPath(i.path)}: ${i.message}`);
  if (issues.length > limit) lines.push(`  … and ${issues.length - limit} more`);
  return lines.join('\n');
}
