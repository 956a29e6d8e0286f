// A scenario as file text (YAML or JSON) and back. The yaml library is only needed for
// the advanced editor, import and export, so this module is loaded on demand.
import YAML from 'yaml';
import type { Doc } from './scenario-doc.ts';

export function toText(doc: Doc, format: 'yaml' | 'json'): string {
  return format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : YAML.stringify(doc, { lineWidth: 0 });
}

/** A scenario file's text as a document, or a readable reason it is not one. */
export function parseText(text: string): { ok: true; doc: Doc } | { ok: false; message: string } {
  let data: unknown;
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'The text is empty.' };
  try {
    data = trimmed.startsWith('{') ? JSON.parse(trimmed) : YAML.parse(text, { prettyErrors: true });
  } catch (e) {
    const err = e as Error & { linePos?: { line: number; col: number }[] };
    const where = err.linePos?.[0] ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
    return { ok: false, message: `This is not valid ${trimmed.startsWith('{') ? 'JSON' : 'YAML'}${where}: ${err.message.split('\n')[0]}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, message: 'A scenario file holds one mapping (id, title, time, sites, …), not a list or a single value.' };
  return { ok: true, doc: data as Doc };
}

