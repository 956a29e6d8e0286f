// Reading a scenario file: JSON or YAML (by extension, else by content), parsed (text.ts)
// and checked. A missing file and a syntax error are issues like any other, so every caller
// (CLI, server, tests) shows them the same way; YAML errors carry line and column.
import { extname } from 'node:path';
import type { Issue } from './errors.ts';
import { parseScenario, type Parsed, type Scenario } from './schema/scenario.ts';
import { parseText } from './text.ts';
import { readTextFile } from './read-text-file.ts';

export function loadScenarioText(text: string, format?: 'json' | 'yaml'): Parsed<Scenario> {
  const raw = parseText(text, format);
  return raw.ok ? parseScenario(raw.value) : raw;
}

/**
 * The largest scenario file read, in bytes: the library's largest is about 30 KB and the
 * server takes 1 MB; beyond this a file is refused before it is read (its text and the
 * parsed tree would take several times its size in memory), or, for a stream with no
 * size (a pipe, /dev/stdin), as soon as it has passed this.
 */
export const MAX_SCENARIO_FILE_BYTES = 50e6;

export function loadScenario(file: string): Parsed<Scenario> {
  const read = readTextFile(file, MAX_SCENARIO_FILE_BYTES);
  if (!read.ok) {
    const limit = `a scenario file may be (${MAX_SCENARIO_FILE_BYTES / 1e6} MB)`;
    const message = read.tooLarge
      ? read.tooLarge.atLeast ? `"${file}" holds more than ${limit}` : `"${file}" is ${(read.tooLarge.bytes / 1e6).toFixed(1)} MB, more than ${limit}`
      : read.code === 'ENOENT' ? `no such file "${file}"` : `cannot read "${file}": ${read.message}`;
    return { ok: false, issues: [{ path: [], message } satisfies Issue] };
  }
  const text = read.text;
  const ext = extname(file).toLowerCase();
  const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
  return loadScenarioText(text, format);
}
