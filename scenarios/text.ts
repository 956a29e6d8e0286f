// A scenario's text (JSON or YAML) as raw data, before the schema checks it. No Node
// module here: the web app reads scenario text with this same function (teaching mode,
// import, the advanced editor), so a file means the same thing in the page and in `pathflow`.
//
// Keys given twice in one mapping are an error, but the yaml library's own check
// (uniqueKeys) compares each key with every earlier key of its mapping: a mapping of
// 20,000 keys took 2.9 s to read and one of 100,000 over a minute, from a file well under
// the server's 1 MB. Reading without it and checking once with a set per mapping
// (duplicateKeys below) takes time in proportion to the text.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Issue } from './errors.ts';
import { duplicateJsonKeys } from './json-keys.ts';
import type { Parsed } from './schema/scenario.ts';

/** The yaml library's default, stated: how much aliases may expand (each use weighted by the size of what it repeats). */
export const MAX_ALIAS_COUNT = 100;

/** Raw data of a JSON or YAML text; `format` chooses, otherwise JSON if it starts with `{`. */
export function parseText(text: string, format?: 'json' | 'yaml'): Parsed<unknown> {
  const kind = format ?? (/^\s*\{/.test(text) ? 'json' : 'yaml');
  if (kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, issues: [{ path: [], message: `not valid JSON: ${(e as Error).message}` }] };
    }
    // As in YAML below: a key given twice is an error, not the last one silently kept.
    const twice = duplicateJsonKeys(text);
    return twice.length > 0 ? { ok: false, issues: twice } : { ok: true, value };
  }
  // YAML 1.2 core schema: JSON is valid YAML, and "no"/"on" stay strings.
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        let what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        // The parser's own stack ran out (lists or mappings nested thousands deep): say so in words.
        if (/Maximum call stack size exceeded/.test(what)) what = 'lists or mappings are nested too deeply to read (a scenario needs a dozen levels at most)';
        return { path: [], message: `not valid YAML${where}: ${what}` };
      }),
    };
  }
  const twice = duplicateKeys(doc.contents, lines);
  if (twice.length > 0) return { ok: false, issues: twice };
  // Aliases can expand a few lines into gigabytes ("billion laughs"): the parser counts
  // what they expand to and throws past its limit, which is an issue with this file like any other.
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { ok: false, issues: [{ path: [], message: `not valid YAML: its aliases (*name) expand to more data than a scenario could hold (${(e as Error).message})` }] };
  }
}

/** Reported at most, so that a file of a million repeated keys gives a readable answer. */
const MAX_DUPLICATES_REPORTED = 20;

/**
 * Keys given twice in one mapping, each at the path of the second (where the data would
 * have silently lost the first), with its line. Keys compare as the data would hold them
 * (`1` and `"1"` are one key of a JSON object). Walked with a stack, not recursion, so
 * that deep nesting cannot overflow it; an alias (not a map or a list here) is not
 * followed: its anchor is checked where it is written.
 */
function duplicateKeys(root: Node | null, lines: LineCounter): Issue[] {
  const out: Issue[] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0 && out.length < MAX_DUPLICATES_REPORTED) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      const first = new Map<string, number>();
      for (const pair of node.items) {
        const k = pair.key;
        // A key that is itself a mapping or a list is never a scenario field: nothing to compare.
        const name = k === null || k === undefined ? '' : isScalar(k) ? String(k.value) : null;
        if (name === null) continue;
        const at = isScalar(k) && k.range ? k.range[0] : -1;
        const seen = first.get(name);
        if (seen !== undefined) {
          const where = at >= 0 ? ` at line ${lines.linePos(at).line}, column ${lines.linePos(at).col}` : '';
          const before = seen >= 0 ? ` (first at line ${lines.linePos(seen).line})` : '';
          out.push({ path: [...path, name], message: `not valid YAML${where}: the key "${name}" is given twice in one mapping${before}` });
          if (out.length === MAX_DUPLICATES_REPORTED) break;
        } else first.set(name, at);
      }
      // Children pushed last first, so that they are walked (and reported) in the file's order.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const k = node.items[i].key;
        if (k === null || k === undefined || isScalar(k)) stack.push({ node: node.items[i].value, path: [...path, k == null ? '' : String(k.value)] });
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: [...path, i] });
    }
  }
  return out;
}
