// A scenario as file text (YAML or JSON) and back. The yaml library is only needed for
// the advanced editor, import and export, so this module is loaded on demand.
import YAML from 'yaml';
import type { Doc } from './scenario-doc.ts';
import { parseText as readText } from '../../../scenarios/text.ts';
import { formatPath } from '../../../scenarios/errors.ts';

export function toText(doc: Doc, format: 'yaml' | 'json'): string {
  return format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : YAML.stringify(doc, { lineWidth: 0 });
}

/** A scenario file's text as a document, or a readable reason it is not one (read as `pathflow` reads it: scenarios/text.ts). */
export function parseText(text: string): { ok: true; doc: Doc } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: 'The text is empty.' };
  const r = readText(text);
  if (!r.ok) {
    const first = r.issues[0];
    const where = first.path.length > 0 ? ` (${formatPath(first.path)})` : '';
    const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
    return { ok: false, message: `This is ${first.message}${where}${more}.` };
  }
  const data = r.value;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, message: 'A scenario file holds one mapping (id, title, time, sites, …), not a list or a single value.' };
  return { ok: true, doc: data as Doc };
}
