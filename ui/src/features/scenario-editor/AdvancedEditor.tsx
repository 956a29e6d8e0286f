// The whole scenario as YAML or JSON text, for what the form does not cover (adding a
// step, shaping arrivals over the day). Nothing changes until "Apply"; a syntax error
// names its line, and schema problems then show as everywhere else.
import { useEffect, useState } from 'react';
import YAML from 'yaml';
import type { Doc } from '../../lib/scenario-doc.ts';

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

export function AdvancedEditor({ doc, onApply }: { doc: Doc; onApply(doc: Doc): void }) {
  const [format, setFormat] = useState<'yaml' | 'json'>('yaml');
  const [text, setText] = useState(() => toText(doc, 'yaml'));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The form may change the scenario while this tab is closed: show the latest unless typing.
  useEffect(() => { if (!dirty) setText(toText(doc, format)); }, [doc, format, dirty]);

  const apply = () => {
    const r = parseText(text);
    if (!r.ok) { setError(r.message); return; }
    setError(null);
    setDirty(false);
    onApply(r.doc);
  };
  return (
    <div className="advanced">
      <p>The whole scenario, baseline and variants, as a file. Edit it here for anything the form does not cover, then apply.
        The language is described in docs/scenario-language.md.</p>
      <div className="toolbar">
        <label>Format{' '}
          <select value={format} onChange={(e) => { setFormat(e.target.value as 'yaml' | 'json'); setDirty(false); }}>
            <option value="yaml">YAML</option><option value="json">JSON</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={apply} disabled={!dirty}>Apply changes</button>
        <button type="button" onClick={() => { setText(toText(doc, format)); setDirty(false); setError(null); }} disabled={!dirty}>Discard changes</button>
      </div>
      {error && <p className="message message--error" role="alert">{error}</p>}
      <label htmlFor="advanced-text" className="visually-hidden">Scenario text</label>
      <textarea id="advanced-text" className="advanced__text" spellCheck={false} value={text}
        onChange={(e) => { setText(e.target.value); setDirty(true); }} rows={30} />
    </div>
  );
}
