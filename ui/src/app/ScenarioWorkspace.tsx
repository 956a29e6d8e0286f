// One scenario open: its file actions, the editor (options, diagram, key numbers, text),
// the run panel and, once a run is done, the comparison right below, so a manager can
// change a number, run, and read the effect without leaving the page.
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

export function ScenarioWorkspace({ id }: { id?: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [doc, setDoc] = useState<Doc>({});
  const [saved, setSaved] = useState<Doc>({});
  const [stored, setStored] = useState<Stored>({ id: '', source: 'new' });
  const [target, setTarget] = useState(BASELINE);
  const [run, setRun] = useState<{ runId: string; result: RunResultDoc; doc: Doc; firstLook: boolean } | null>(null);
  const [restored, setRestored] = useState<{ at: string; serverDoc: Doc; serverVersion: number | string } | null>(null);
  const [arrivedWith] = useState(() => flash);
  useEffect(() => { flash = null; }, []);
  const compareRef = useRef<HTMLDivElement>(null);

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
  return (
    <div className="workspace">
      <p className="breadcrumb"><a href="#/">Scenarios</a> › {String(doc.title ?? doc.id ?? 'Imported scenario')}</p>
      <header className="workspace__head">
        <h1>{String(doc.title ?? doc.id ?? 'Untitled scenario')}</h1>
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
      <RunPanel
        scenario={doc}
        blockedBy={whyBlocked(doc, validation)}
        defaults={{ replications: time.replications ?? 20, seed: time.seed ?? 1 }}
        onStopped={() => setRun((r) => (r?.firstLook ? null : r))}
        onResult={(runId, result, firstLook) => {
          setRun((previous) => {
            // Scroll to the comparison when it first appears, not again when the final numbers replace a first look.
            if (!previous?.firstLook) requestAnimationFrame(() => compareRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
            return { runId, result, doc, firstLook };
          });
        }}
      />
      <div ref={compareRef}>
        {run && !deepEqual(run.doc, doc) && <p className="message message--warn" role="status">The scenario has changed since this run: run again to compare the numbers now on screen.</p>}
        {run && <CompareView result={run.result} runId={run.runId} title={String(doc.title ?? '')} firstLook={run.firstLook} />}
      </div>
    </div>
  );
}
