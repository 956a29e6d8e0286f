// The whole scenario as YAML or JSON text, for what the form does not cover (adding a
// step, shaping arrivals over the day). Nothing changes until "Apply"; a syntax error
// names its line, and schema problems then show as everywhere else.
import { useEffect, useState } from 'react';
import type { Doc } from '../../lib/scenario-doc.ts';
import { parseText, toText } from '../../lib/scenario-text.ts';

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
