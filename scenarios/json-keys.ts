// Keys given twice in one JSON object. JSON.parse keeps the last silently (a doubled `beds`
// or `perDay` would take the second value), while YAML's reader refuses them (text.ts): this
// is the same check for JSON text, so that a file means the same in either form. Run on text
// JSON.parse has already accepted, so it only has to find strings, braces and brackets; one
// pass with a set per object, a stack rather than recursion (no nesting can overflow it).
import type { Issue } from './errors.ts';

/** Reported at most, so that a text of a million repeated keys gives a readable answer. */
const MAX_REPORTED = 20;

type Frame = { kind: 'object'; keys: Map<string, number>; path: (string | number)[]; key?: string } | { kind: 'array'; path: (string | number)[]; index: number };

/** Each key given twice in one object, at the path of the second, with its line and column and the first one's line. */
export function duplicateJsonKeys(text: string): Issue[] {
  const out: Issue[] = [];
  const stack: Frame[] = [];
  // Line starts, found as the scan passes them, for line and column numbers.
  let line = 1, lineStart = 0;
  /** The path of a value starting here: its object's key, or its array's index. */
  const here = (): (string | number)[] => {
    const top = stack[stack.length - 1];
    if (top === undefined) return [];
    return top.kind === 'object' ? [...top.path, top.key ?? ''] : [...top.path, top.index];
  };
  for (let i = 0; i < text.length && out.length < MAX_REPORTED; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; lineStart = i + 1; continue; }
    if (c === 0x7b /* { */) { stack.push({ kind: 'object', keys: new Map(), path: here() }); continue; }
    if (c === 0x5b /* [ */) { stack.push({ kind: 'array', path: here(), index: 0 }); continue; }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) { stack.pop(); continue; }
    if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') top.key = undefined;
      continue;
    }
    if (c !== 0x22 /* " */) continue;
    // A string: find its end (a quote not escaped); strings hold no raw line breaks in JSON.
    let j = i + 1, escaped = false;
    for (; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x5c) { escaped = true; j++; continue; }
      if (d === 0x22) break;
    }
    const top = stack[stack.length - 1];
    if (top?.kind === 'object' && top.key === undefined) {
      // A key (the first string after { or ,): compared as the data holds it, escapes decoded.
      const raw = text.slice(i + 1, j);
      const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
      top.key = key;
      const first = top.keys.get(key);
      if (first !== undefined) {
        out.push({ path: [...top.path, key], message: `not valid JSON at line ${line}, column ${i - lineStart + 1}: the key "${key}" is given twice in one object (first at line ${first})` });
      } else top.keys.set(key, line);
    }
    i = j;
  }
  return out;
}
