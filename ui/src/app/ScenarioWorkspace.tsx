// One scenario open: a run bar that stays at the top (replications, seed, Run, progress),
// and two views under it: the scenario (file actions, options, diagram, key numbers, text)
// and its results (#/scenario/ID/results), the decision first. A run switches to the
// results when its first numbers come; the editor keeps its state while hidden, so
// going back to change a number and run again loses nothing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { api, ApiError } from '../lib/api.ts';
import { deepEqual } from '../lib/patch.ts';
import { BASELINE, validateAll, variantsOf, whyBlocked, type Doc } from '../lib/scenario-doc.ts';
import { preconnect } from '../lib/run-socket.ts';
import { dropDraft, loadDraft, saveDraft } from '../lib/drafts.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { TokenPrompt } from '../components/TokenPrompt.tsx';
import { loadPlotly } from '../components/PlotlyChart.tsx';
import { ScenarioEditor } from '../features/scenario-editor/ScenarioEditor.tsx';
import { ScenarioToolbar, type Stored } from '../features/scenario-editor/ScenarioToolbar.tsx';
import { RunPanel } from '../features/run/RunPanel.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import { navigate } from './router.ts';

export const IMPORT_KEY = 'pathflow:import';
// A save that moves to a new address (a copy, an import) remounts this page: its message
// is carried across here.
let flash: string | null = null;

type Load = { kind: 'loading' } | { kind: 'error'; message: string; status?: number } | { kind: 'ready' };

type View = 'edit' | 'results';

export function ScenarioWorkspace({ id, view: routeView }: { id?: string; view?: View }) {
  // An import has no address of its own to carry the view: it is kept here.
  const [localView, setLocalView] = useState<View>('edit');
  const view = id === undefined ? localView : routeView ?? 'edit';
  const show = useCallback((v: View) => {
    if (id === undefined) { setLocalView(v); window.scrollTo(0, 0); return; }
    navigate(`/scenario/${encodeURIComponent(id)}${v === 'results' ? '/results' : ''}`);
  }, [id]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [doc, setDoc] = useState<Doc>({});
  const [saved, setSaved] = useState<Doc>({});
  const [stored, setStored] = useState<Stored>({ id: '', source: 'new' });
  const [target, setTarget] = useState(BASELINE);
  const [run, setRun] = useState<{ runId: string; result: RunResultDoc; doc: Doc; firstLook: boolean; at: string; version?: number | string; edited: boolean } | null>(null);
  const [restored, setRestored] = useState<{ at: string; serverDoc: Doc; serverVersion: number | string } | null>(null);
  const [arrivedWith] = useState(() => flash);
  /** A first look of the run in progress was shown (its final numbers do not move the page again). */
  const firstLookShown = useRef(false);
  useEffect(() => { flash = null; }, []);

  const fetchScenario = useCallback(() => {
    if (id === undefined) {
      const text = sessionStorage.getItem(IMPORT_KEY);
      if (!text) { setLoad({ kind: 'error', message: 'Nothing to import: choose a file on the Scenarios page.' }); return; }
      const d = JSON.parse(text) as Doc;
      setDoc(d); setSaved({}); setStored({ id: String(d.id ?? ''), source: 'new' }); setLoad({ kind: 'ready' });
      return;
    }
    setLoad({ kind: 'loading' });
    api.scenario(id).then((s) => {
      const draft = loadDraft(s.id);
      const useDraft = draft !== undefined && !deepEqual(draft.doc, s.scenario);
      setDoc(useDraft ? draft.doc : s.scenario); setSaved(s.scenario);
      // A draft made on an older version saves against that version, so the server's
      // conflict check still asks before replacing what someone saved since.
      setStored({ id: s.id, source: s.source, version: useDraft && draft.basedOn !== undefined ? draft.basedOn : s.version });
      setRestored(useDraft ? { at: draft.at, serverDoc: s.scenario, serverVersion: s.version } : null);
      if (!useDraft && draft) dropDraft(s.id);
      setTarget((t) => (t === BASELINE || variantsOf(s.scenario).some((v) => v.id === t) ? t : BASELINE));
      setLoad({ kind: 'ready' });
    }, (e: unknown) => setLoad({ kind: 'error', message: e instanceof ApiError ? e.message : String(e), status: e instanceof ApiError ? e.status : undefined }));
  }, [id]);
  useEffect(fetchScenario, [fetchScenario]);
  // Open the run socket while the user edits, so pressing Run waits for the run only.
  useEffect(preconnect, []);
  // Parse the chart library while the user reads and edits, off the path from Run to result.
  useEffect(() => {
    const t = setTimeout(() => { loadPlotly().catch(() => undefined); }, 1500);
    return () => clearTimeout(t);
  }, []);
  const validation = useMemo(() => validateAll(doc), [doc]);

  const dirty = load.kind === 'ready' && (stored.source === 'new' || !deepEqual(doc, saved));
  // Keep unsaved edits in this browser (a moment after the last keystroke).
  useEffect(() => {
    if (load.kind !== 'ready' || id === undefined || stored.id !== id) return;
    const t = setTimeout(() => (dirty ? saveDraft(id, doc, stored.version) : dropDraft(id)), 400);
    return () => clearTimeout(t);
  }, [doc, dirty, id, load.kind, stored.id, stored.version]);
  useEffect(() => {
    if (!dirty || stored.source === 'library') return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, stored.source]);

  if (load.kind === 'loading') return <Loading what="the scenario" />;
  if (load.kind === 'error') {
    return <ErrorMessage title={load.status === 404 ? 'There is no such scenario.' : 'The scenario could not be opened.'} message={load.message}
      action={load.status === 401 ? <TokenPrompt /> : <p><a href="#/">Back to the scenarios</a>{load.status !== 404 && id !== undefined && <> · <button type="button" onClick={fetchScenario}>Try again</button></>}</p>} />;
  }

  const time = (doc.time ?? {}) as { replications?: number; seed?: number };
  const onSaved = (s: Stored, d: Doc) => {
    if (id !== undefined) dropDraft(id);
    dropDraft(s.id);
    setRestored(null);
    setStored(s); setDoc(d); setSaved(d);
    if (s.id !== id) {
      sessionStorage.removeItem(IMPORT_KEY);
      flash = `Saved as “${String(d.title ?? s.id)}” in your scenarios. You are now editing it.`;
      navigate(`/scenario/${encodeURIComponent(s.id)}`);
    }
  };
  const viewLink = (v: View, label: string) => (
    <a href={id === undefined ? '#/import' : `#/scenario/${encodeURIComponent(id)}${v === 'results' ? '/results' : ''}`} aria-current={view === v ? 'page' : undefined}
      className={`run-bar__view${view === v ? ' run-bar__view--current' : ''}`} onClick={(e) => { e.preventDefault(); show(v); }}>{label}</a>
  );
  return (
    <div className="workspace">
      <a className="skip-link" href="#run-button" onClick={(e) => { e.preventDefault(); document.getElementById('run-button')?.focus(); }}>Skip to Run</a>
      <p className="breadcrumb"><a href="#/">Scenarios</a> › {String(doc.title ?? doc.id ?? 'Imported scenario')}</p>
      <h1 className="workspace__title">{String(doc.title ?? doc.id ?? 'Untitled scenario')}</h1>
      <RunPanel
        scenario={doc}
        blockedBy={whyBlocked(doc, validation)}
        defaults={{ replications: time.replications ?? 20, seed: time.seed ?? 1 }}
        memoryKey={id ?? 'import'}
        onStopped={() => { firstLookShown.current = false; setRun((r) => (r?.firstLook ? null : r)); }}
        onResult={(runId, result, firstLook, ran, foundOnArrival) => {
          setRun({ runId, result, doc: ran, firstLook, at: foundOnArrival?.finishedAt ?? new Date().toISOString(), version: stored.version, edited: !deepEqual(ran, saved) });
          // A finished run found on arrival (a reload) is there to see, without moving the page.
          if (foundOnArrival) return;
          // The results have a view of their own: go there with the first numbers, not again when the final ones replace them.
          if (firstLook || !firstLookShown.current) show('results');
          firstLookShown.current = firstLook;
        }}
      >
        <nav className="run-bar__views" aria-label="Scenario views">
          {viewLink('edit', 'Scenario')}
          {viewLink('results', run ? (run.firstLook ? 'Results (first look)' : 'Results') : 'Results')}
        </nav>
      </RunPanel>
      <div className="workspace__edit" hidden={view !== 'edit'}>
        <header className="workspace__head">
          {typeof doc.question === 'string' && <p className="lead"><strong>Question: </strong>{doc.question}</p>}
          {typeof doc.description === 'string' && <details><summary>What the model represents</summary><p>{doc.description}</p></details>}
          {id !== undefined && <p><a href={`#/scenario/${encodeURIComponent(id)}/experiments`}>Experiments: sweeps and goal-seeking</a> — how a measure changes with beds, staff or arrivals, and how many are needed to meet a target</p>}
        </header>
        {restored && (
          <div className="message message--warn" role="status">
            Restored your unsaved changes from {new Date(restored.at).toLocaleString('en-GB')}.{' '}
            <button type="button" onClick={() => {
              if (id !== undefined) dropDraft(id);
              setDoc(restored.serverDoc); setStored((st) => ({ ...st, version: restored.serverVersion })); setRestored(null);
            }}>Discard them</button>
          </div>
        )}
        <ScenarioToolbar doc={doc} stored={stored} dirty={dirty} initialNotice={arrivedWith} onSaved={onSaved}
          onReload={() => { if (id !== undefined) dropDraft(id); setRestored(null); fetchScenario(); }} onDeleted={() => navigate('/')} />
        <ScenarioEditor doc={doc} onChange={setDoc} target={target} onTarget={setTarget} />
      </div>
      {view === 'results' && (
        <div className="workspace__results">
          {!run && <p className="message" role="status">No results yet in this tab: press <strong>Run</strong> above; the results appear here, the key measures first.</p>}
          {run && !deepEqual(run.doc, doc) && <p className="message message--warn" role="status">The scenario has changed since this run: run again to compare the numbers now on screen.</p>}
          {run && <CompareView result={run.result} runId={run.runId} title={String(run.doc.title ?? doc.title ?? '')} firstLook={run.firstLook} scenario={run.doc}
            provenance={{ version: run.version, edited: run.edited, date: run.at }} />}
        </div>
      )}
    </div>
  );
}
