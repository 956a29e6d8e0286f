// Saving with conflict detection (a 409 from the server becomes a choice: reload theirs or
// overwrite with mine), duplicating under a new id, exporting the file and deleting a
// user's own scenario. Library scenarios are read-only on the server: saving one makes a copy.
import { useState } from 'react';
import { ApiError, api } from '../../lib/api.ts';
import { validateAll, type Doc } from '../../lib/scenario-doc.ts';
import { download } from '../../lib/download.ts';
import { tidyScenario } from '../../../../scenarios/schema/tidy.ts';

export interface Stored { id: string; source: 'library' | 'user' | 'new'; version?: number | string }

interface Props {
  doc: Doc;
  /** The document as loaded or last saved: a default it had is kept in an exported file. */
  before?: Doc;
  stored: Stored;
  dirty: boolean;
  /** A message to show on arrival (after a save moved here). */
  initialNotice?: string | null;
  onSaved(stored: Stored, doc: Doc): void;
  onReload(): void;
  onDeleted(): void;
}

type Notice = { kind: 'ok' | 'error'; text: string; issues?: { path: string; message: string }[] } | { kind: 'conflict' };

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/; // IdSchema's: at most 64 characters

export function ScenarioToolbar({ doc, before, stored, dirty, initialNotice, onSaved, onReload, onDeleted }: Props) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(initialNotice ? { kind: 'ok', text: initialNotice } : null);
  const [copying, setCopying] = useState(false);
  const [copyId, setCopyId] = useState('');
  const [copyTitle, setCopyTitle] = useState('');

  const fail = (e: unknown) => {
    if (e instanceof ApiError) setNotice({ kind: 'error', text: e.message, issues: e.issues });
    else setNotice({ kind: 'error', text: `Something went wrong: ${(e as Error).message}` });
  };
  const checked = (): boolean => {
    const v = validateAll(doc);
    if (!v.ok) setNotice({ kind: 'error', text: `Fix the ${v.issues.length === 1 ? 'value' : `${v.issues.length} values`} marked in red before saving.` });
    return v.ok;
  };

  const save = async (overwrite = false) => {
    if (!checked()) return;
    setBusy(true); setNotice(null);
    try {
      if (stored.source === 'user' && stored.version !== undefined) {
        let version = stored.version;
        if (overwrite) version = (await api.scenario(stored.id)).version;
        const r = await api.update(stored.id, doc, version);
        onSaved({ id: r.id, source: 'user', version: r.version }, doc);
      } else {
        const r = await api.create(doc);
        onSaved({ id: r.id, source: 'user', version: r.version }, doc);
      }
      setNotice({ kind: 'ok', text: overwrite ? 'Saved, replacing the other version.' : 'Saved.' });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'version_conflict') setNotice({ kind: 'conflict' });
      else if (e instanceof ApiError && e.status === 409) setNotice({ kind: 'error', text: `A scenario with the id “${String(doc.id)}” already exists. Use “Save a copy” with another id.` });
      else fail(e);
    } finally { setBusy(false); }
  };

  const startCopy = () => {
    setCopyId(`${String(doc.id)}-copy`);
    setCopyTitle(`${String(doc.title ?? doc.id)} (copy)`);
    setCopying(true); setNotice(null);
  };
  const copy = async () => {
    if (!ID_PATTERN.test(copyId)) { setNotice({ kind: 'error', text: 'The id may use lower-case letters, digits and dashes only, starting with a letter or digit, at most 64 characters.' }); return; }
    const next = { ...doc, id: copyId, title: copyTitle || copyId };
    if (!validateAll(next).ok) { setNotice({ kind: 'error', text: 'Fix the values marked in red before saving a copy.' }); return; }
    setBusy(true);
    try {
      const r = await api.create(next);
      setCopying(false);
      onSaved({ id: r.id, source: 'user', version: r.version }, next);
      setNotice({ kind: 'ok', text: `Saved as “${copyTitle}”. You are now editing the copy.` });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setNotice({ kind: 'error', text: `The id “${copyId}” is taken: choose another.` });
      else fail(e);
    } finally { setBusy(false); }
  };

  const remove = async () => {
    if (!confirm(`Delete “${String(doc.title ?? doc.id)}” from the server? This cannot be undone.`)) return;
    setBusy(true);
    try { await api.remove(stored.id); onDeleted(); } catch (e) { fail(e); } finally { setBusy(false); }
  };

  const exportAs = async (format: 'yaml' | 'json') => {
    const { toText } = await import('../../lib/scenario-text.ts');
    // Tidy: the schema's key order, no defaults the user did not write (scenarios/schema/tidy.ts).
    const tidy = tidyScenario(doc, before);
    download(`${String(doc.id)}.${format}`, toText(tidy, format), format === 'json' ? 'application/json' : 'application/yaml');
  };

  const canSave = stored.source !== 'library';
  return (
    <div className="scenario-toolbar">
      <div className="toolbar" role="toolbar" aria-label="Scenario file">
        {canSave && <button type="button" className="primary" disabled={busy || (!dirty && stored.source === 'user')} onClick={() => save()}>
          {stored.source === 'new' ? 'Save to my scenarios' : dirty ? 'Save changes' : 'Saved'}</button>}
        <button type="button" disabled={busy} onClick={startCopy}>{stored.source === 'library' ? 'Save a copy to change it' : 'Save a copy'}</button>
        <button type="button" onClick={() => exportAs('yaml')}>Export YAML</button>
        <button type="button" onClick={() => exportAs('json')}>Export JSON</button>
        {stored.source === 'user' && <button type="button" className="danger" disabled={busy} onClick={remove}>Delete</button>}
        {dirty && <span className="badge badge--warn">unsaved changes</span>}
        {stored.source === 'library' && <span className="muted">A library scenario: change and run it freely; save a copy to keep your changes.</span>}
      </div>
      {copying && (
        <div className="copy-form" role="group" aria-label="Save a copy">
          <div className="field"><label htmlFor="copy-id">Id of the copy</label>
            <input id="copy-id" value={copyId} onChange={(e) => setCopyId(e.target.value)} /></div>
          <div className="field field--wide"><label htmlFor="copy-title">Title</label>
            <input id="copy-title" value={copyTitle} onChange={(e) => setCopyTitle(e.target.value)} /></div>
          <button type="button" className="primary" onClick={copy} disabled={busy}>Save the copy</button>
          <button type="button" onClick={() => setCopying(false)}>Cancel</button>
        </div>
      )}
      {notice?.kind === 'conflict' && (
        <div className="message message--warn" role="alert">
          <p><strong>Someone else saved this scenario after you opened it.</strong> Saving now would replace their changes.</p>
          <button type="button" onClick={() => { setNotice(null); onReload(); }}>Reload their version (lose my changes)</button>{' '}
          <button type="button" className="danger" onClick={() => save(true)}>Overwrite with my version</button>{' '}
          <button type="button" onClick={startCopy}>Save mine as a copy</button>
        </div>
      )}
      {notice && notice.kind !== 'conflict' && (
        <div className={`message message--${notice.kind === 'ok' ? 'ok' : 'error'}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
          {notice.issues && notice.issues.length > 0 && <ul>{notice.issues.map((i, k) => <li key={k}><code>{i.path}</code>: {i.message}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
