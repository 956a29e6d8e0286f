// Reading a scenario file: JSON or YAML (by extension, else by content), parsed and
// checked. A missing file and a syntax error are issues like any other, so every caller
// (CLI, server, tests) shows them the same way; YAML errors carry line and column.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { Issue } from './errors.ts';
import { parseScenario, type Parsed, type Scenario } from './schema/scenario.ts';

/** The yaml library's default, stated: how much aliases may expand (each use weighted by the size of what it repeats). */
export const MAX_ALIAS_COUNT = 100;

/** Raw data of a JSON or YAML text; `format` chooses, otherwise JSON if it starts with `{`. */
export function parseText(text: string, format?: 'json' | 'yaml'): Parsed<unknown> {
  const kind = format ?? (/^\s*\{/.test(text) ? 'json' : 'yaml');
  if (kind === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, issues: [{ path: [], message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  // YAML 1.2 core schema: JSON is valid YAML, and "no"/"on" stay strings.
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return { path: [], message: `not valid YAML${where}: ${what}` };
      }),
    };
  }
  // Aliases can expand a few lines into gigabytes ("billion laughs"): the parser counts
  // what they expand to and throws past its limit, which is an issue with this file like any other.
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { ok: false, issues: [{ path: [], message: `not valid YAML: its aliases (*name) expand to more data than a scenario could hold (${(e as Error).message})` }] };
  }
}

export function loadScenarioText(text: string, format?: 'json' | 'yaml'): Parsed<Scenario> {
  const raw = parseText(text, format);
  return raw.ok ? parseScenario(raw.value) : raw;
}

/**
 * The largest scenario file read, in bytes: the library's largest is about 30 KB and the
 * server takes 1 MB; beyond this a file is refused before it is read (its text and the
 * parsed tree would take several times its size in memory).
 */
export const MAX_SCENARIO_FILE_BYTES = 50e6;

export function loadScenario(file: string): Parsed<Scenario> {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_SCENARIO_FILE_BYTES) {
      return { ok: false, issues: [{ path: [], message: `"${file}" is ${(size / 1e6).toFixed(1)} MB, more than a scenario file may be (${MAX_SCENARIO_FILE_BYTES / 1e6} MB)` }] };
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `no such file "${file}"` : `cannot read "${file}": ${(e as Error).message}`;
    return { ok: false, issues: [{ path: [], message } satisfies Issue] };
  }
  const ext = extname(file).toLowerCase();
  const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
  return loadScenarioText(text, format);
}
