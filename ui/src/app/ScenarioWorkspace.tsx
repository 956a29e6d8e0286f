// One scenario open: a run bar that stays at the top (replications, seed, Run, progress),
// and two views under it: the scenario (file actions, options, diagram, key numbers, text)
// and its results (#/scenario/ID/results), the decision first. A run switches to the
// results when its first numbers come; the editor keeps its state while hidden, so
// going back to change a number and run again loses nothing. Every edit can be undone and
// redone (lib/history.ts); a scenario being built lists what it still lacks.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { api, ApiError } from '../lib/api.ts';
import { deepEqual } from '../lib/patch.ts';
import { BASELINE, validateAll, variantsOf, whyBlocked, type Doc } from '../lib/scenario-doc.ts';
import { preconnect } from '../lib/run-socket.ts';
import { dropDraft, keepAside, loadDraft, otherDrafts, saveDraft, watchOtherDrafts, type OtherDraft } from '../lib/drafts.ts';
import { canRedo, canUndo, historyKey, record, redo, replace, seal, startHistory, undo, type History } from '../lib/history.ts';
import { whatIsMissing } from '../lib/missing.ts';
import type { Path } from '../lib/patch.ts';
import { MissingGuide } from '../features/scenario-editor/MissingGuide.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { TokenPrompt } from '../components/TokenPrompt.tsx';
import { loadPlotly } from '../components/PlotlyChart.tsx';
import { ScenarioEditor, type GoTo } from '../features/scenario-editor/ScenarioEditor.tsx';
import { ScenarioToolbar, type Stored } from '../features/scenario-editor/ScenarioToolbar.tsx';
import { RunPanel } from '../features/run/RunPanel.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import { RegionalView } from '../features/regional/RegionalView.tsx';
import { keyKpis } from '../lib/key-measures.ts';
import { navigate } from './router.ts';

export const IMPORT_KEY = 'pathflow:import';
export const NEW_KEY = 'pathflow:new';
// A save that moves to a new address (a copy, an import) remounts this page: its message
// is carried across here.
let flash: string | null = null;

type Load = { kind: 'loading' } | { kind: 'error'; message: string; status?: number } | { kind: 'ready' };

/** A text field keeps Ctrl+Z for its own text. */
function inTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement) return true;
  return t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(t.type);
}

type View = 'edit' | 'results';

/**
 * One scenario open: by `id` from the server, or (no id) the unsaved document kept in this
 * tab's sessionStorage under `unsavedKey` (an import, a new scenario), kept there as it is edited.
 */
export function ScenarioWorkspace({ id, view: routeView, unsavedKey = IMPORT_KEY }: { id?: string; view?: View; unsavedKey?: string }) {
  // An unsaved scenario has no address of its own to carry the view: it is kept here.
  const [localView, setLocalView] = useState<View>('edit');
  const view = id === undefined ? localView : routeView ?? 'edit';
  const show = useCallback((v: View) => {
    if (id === undefined) { setLocalView(v); window.scrollTo(0, 0); return; }
    navigate(`/scenario/${encodeURIComponent(id)}${v === 'results' ? '/results' : ''}`);
  }, [id]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [history, setHistory] = useState<History<Doc>>(() => startHistory({}));
  const doc = history.present;
  // A document loaded (from the server, a draft, this tab) starts the history afresh.
  const setDoc = useCallback((d: Doc) => setHistory(startHistory(d)), []);
  // An edit: one step, or joined to the open step when made in the same field (`key`).
  const edit = useCallback((d: Doc, key?: string) => setHistory((h) => record(h, d, key)), []);
  const [goTo, setGoTo] = useState<GoTo | null>(null);
  const [saved, setSaved] = useState<Doc>({});
  // The document as it came (from the server, a file, a template): what an exported file
  // keeps as written, defaults included (scenarios/schema/tidy.ts).
  const [origin, setOrigin] = useState<Doc>({});
  const [stored, setStored] = useState<Stored>({ id: '', source: 'new' });
  const [target, setTarget] = useState(BASELINE);
  const [run, setRun] = useState<{ runId: string; result: RunResultDoc; doc: Doc; firstLook: boolean; at: string; version?: number | string; edited: boolean } | null>(null);
  const [restored, setRestored] = useState<{ at: string; serverDoc: Doc; serverVersion: number | string } | null>(null);
  // Drafts of this scenario other tabs keep (different from this tab's document), and
  // whether one was written while this tab is open (the scenario is being edited elsewhere).
  const [others, setOthers] = useState<OtherDraft[]>([]);
  const [elsewhere, setElsewhere] = useState(false);
  const [arrivedWith] = useState(() => flash);
  /** A first look of the run in progress was shown (its final numbers do not move the page again). */
  const firstLookShown = useRef(false);
  useEffect(() => { flash = null; }, []);

  const fetchScenario = useCallback(() => {
    if (id === undefined) {
      const text = sessionStorage.getItem(unsavedKey);
      if (!text) { setLoad({ kind: 'error', message: unsavedKey === NEW_KEY ? 'No new scenario in this tab: start one on the Scenarios page.' : 'Nothing to import: choose a file on the Scenarios page.' }); return; }
      const d = JSON.parse(text) as Doc;
      setDoc(d); setOrigin(d); setSaved({}); setStored({ id: String(d.id ?? ''), source: 'new' }); setLoad({ kind: 'ready' });
      return;
    }
    setLoad({ kind: 'loading' });
    api.scenario(id).then((s) => {
      const draft = loadDraft(s.id);
      const useDraft = draft !== undefined && !deepEqual(draft.doc, s.scenario);
      setDoc(useDraft ? draft.doc : s.scenario); setSaved(s.scenario); setOrigin(s.scenario);
      // A draft made on an older version saves against that version, so the server's
      // conflict check still asks before replacing what someone saved since.
      setStored({ id: s.id, source: s.source, version: useDraft && draft.basedOn !== undefined ? draft.basedOn : s.version });
      setRestored(useDraft ? { at: draft.at, serverDoc: s.scenario, serverVersion: s.version } : null);
      if (!useDraft && draft) dropDraft(s.id, s.scenario);
      const opened = useDraft ? draft.doc : s.scenario;
      setOthers(otherDrafts(s.id).filter((d) => !deepEqual(d.doc, opened) && !deepEqual(d.doc, s.scenario)));
      setTarget((t) => (t === BASELINE || variantsOf(s.scenario).some((v) => v.id === t) ? t : BASELINE));
      setLoad({ kind: 'ready' });
    }, (e: unknown) => setLoad({ kind: 'error', message: e instanceof ApiError ? e.message : String(e), status: e instanceof ApiError ? e.status : undefined }));
  }, [id, unsavedKey, setDoc]);
  useEffect(fetchScenario, [fetchScenario]);
  // An unsaved scenario survives a reload of the tab, edits included.
  useEffect(() => {
    if (id === undefined && load.kind === 'ready') sessionStorage.setItem(unsavedKey, JSON.stringify(doc));
  }, [doc, id, load.kind, unsavedKey]);
  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere on the page but in a text field (which undoes its own text).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const what = historyKey(e, inTextField(e.target));
      if (!what) return;
      e.preventDefault();
      setHistory((h) => (what === 'undo' ? undo(h) : redo(h)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Open the run socket while the user edits, so pressing Run waits for the run only.
  useEffect(preconnect, []);
  // Parse the chart library while the user reads and edits, off the path from Run to result.
  useEffect(() => {
    const t = setTimeout(() => { loadPlotly().catch(() => undefined); }, 1500);
    return () => clearTimeout(t);
  }, []);
  const validation = useMemo(() => validateAll(doc), [doc]);
  // A run sized to a precision judges the key measures of the results shown, when there are some.
  const keyMeasures = useMemo(() => (run ? keyKpis(run.result) : undefined), [run]);
  const missing = useMemo(() => whatIsMissing(doc, validation.issues), [doc, validation]);
  // An undo can take away the option being edited: back to the baseline then.
  useEffect(() => {
    if (target !== BASELINE && !variantsOf(doc).some((v) => v.id === target)) setTarget(BASELINE);
  }, [doc, target]);
  const goToPath = useCallback((path: Path) => {
    // An option's problem: edit that option, at the place its patch names.
    if (path[0] === 'variants' && typeof path[1] === 'number') {
      const v = variantsOf(doc)[path[1]];
      if (v) setTarget(v.id);
      setGoTo((g) => ({ path: [], seq: (g?.seq ?? 0) + 1 }));
      return;
    }
    setTarget(BASELINE);
    setGoTo((g) => ({ path, seq: (g?.seq ?? 0) + 1 }));
  }, [doc]);

  const dirty = load.kind === 'ready' && (stored.source === 'new' || !deepEqual(doc, saved));
  // Keep unsaved edits in this browser (a moment after the last keystroke).
  useEffect(() => {
    if (load.kind !== 'ready' || id === undefined || stored.id !== id) return;
    const t = setTimeout(() => (dirty ? saveDraft(id, doc, stored.version) : dropDraft(id)), 400);
    return () => clearTimeout(t);
  }, [doc, dirty, id, load.kind, stored.id, stored.version]);
  // Another tab typing in the same scenario: say so, and offer its changes (never written over).
  const docNow = useRef(doc);
  docNow.current = doc;
  useEffect(() => {
    if (load.kind !== 'ready' || id === undefined) return undefined;
    return watchOtherDrafts(id, (drafts) => {
      setElsewhere(true);
      setOthers(drafts.filter((d) => !deepEqual(d.doc, docNow.current)));
    });
  }, [id, load.kind]);
  useEffect(() => {
    if (!dirty || stored.source === 'library') return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, stored.source]);

  if (load.kind === 'loading') return <Loading what="the scenario" />;
  if (load.kind === 'error') {
    return <ErrorMessage page title={load.status === 404 ? 'There is no such scenario.' : 'The scenario could not be opened.'} message={load.message}
      action={load.status === 401 ? <TokenPrompt /> : <p><a href="#/">Back to the scenarios</a>{load.status !== 404 && id !== undefined && <> · <button type="button" onClick={fetchScenario}>Try again</button></>}</p>} />;
  }

  const time = (doc.time ?? {}) as { replications?: number; seed?: number };
  const onSaved = (s: Stored, d: Doc) => {
    if (id !== undefined) dropDraft(id, d);
    dropDraft(s.id, d);
    setRestored(null);
    setStored(s); setHistory((h) => replace(h, d)); setSaved(d); setOrigin(d);
    if (s.id !== id) {
      sessionStorage.removeItem(unsavedKey);
      flash = `Saved as “${String(d.title ?? s.id)}” in your scenarios. You are now editing it.`;
      navigate(`/scenario/${encodeURIComponent(s.id)}`);
    }
  };
  const viewLink = (v: View, label: string) => (
    <a href={id === undefined ? (unsavedKey === NEW_KEY ? '#/new' : '#/import') : `#/scenario/${encodeURIComponent(id)}${v === 'results' ? '/results' : ''}`} aria-current={view === v ? 'page' : undefined}
      className={`run-bar__view${view === v ? ' run-bar__view--current' : ''}`} onClick={(e) => { e.preventDefault(); show(v); }}>{label}</a>
  );
  return (
    <div className="workspace">
      <a className="skip-link" href="#run-button" onClick={(e) => { e.preventDefault(); document.getElementById('run-button')?.focus(); }}>Skip to Run</a>
      <p className="breadcrumb"><a href="#/">Scenarios</a> › {String(doc.title ?? doc.id ?? (unsavedKey === NEW_KEY ? 'New scenario' : 'Imported scenario'))}</p>
      <h1 className="workspace__title">{String(doc.title ?? doc.id ?? 'Untitled scenario')}</h1>
      <RunPanel
        scenario={doc}
        blockedBy={whyBlocked(doc, validation)}
        defaults={{ replications: time.replications ?? 20, seed: time.seed ?? 1 }}
        memoryKey={id ?? (unsavedKey === NEW_KEY ? 'new' : 'import')}
        keyMeasures={keyMeasures}
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
              edit(restored.serverDoc); setStored((st) => ({ ...st, version: restored.serverVersion })); setRestored(null);
            }}>Discard them</button>
          </div>
        )}
        {others.length > 0 && id !== undefined && (
          <div className="message message--warn" role="status" aria-live="polite">
            {elsewhere ? 'This scenario is being edited in another tab: ' : 'Another tab has unsaved changes to this scenario: '}
            its changes are kept apart from yours, and neither overwrites the other. Save one; saving the other then asks before replacing it.
            <ul>
              {others.map((d) => (
                <li key={d.key}>Unsaved changes from {new Date(d.at).toLocaleString('en-GB')}{' '}
                  <button type="button" onClick={() => {
                    // What this tab holds is kept aside as a draft of its own first: choosing loses nothing.
                    if (dirty) keepAside(id, doc, stored.version);
                    edit(d.doc); setStored((st) => ({ ...st, version: d.basedOn ?? st.version }));
                    setOthers(otherDrafts(id).filter((o) => !deepEqual(o.doc, d.doc)));
                  }}>Open them here instead</button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <ScenarioToolbar doc={doc} before={origin} stored={stored} dirty={dirty} initialNotice={arrivedWith} onSaved={onSaved}
          onReload={() => { if (id !== undefined) dropDraft(id); setRestored(null); fetchScenario(); }} onDeleted={() => navigate('/')} />
        {missing.length > 0 && <MissingGuide items={missing} onGo={goToPath} />}
        <div className="toolbar edit-history" role="toolbar" aria-label="Undo and redo">
          <button type="button" onClick={() => setHistory(undo)} disabled={!canUndo(history)} aria-keyshortcuts="Control+Z"
            title="Undo the last change (Ctrl+Z)">Undo</button>
          <button type="button" onClick={() => setHistory(redo)} disabled={!canRedo(history)} aria-keyshortcuts="Control+Shift+Z Control+Y"
            title="Redo the change undone (Ctrl+Shift+Z or Ctrl+Y)">Redo</button>
          <span className="muted">{history.past.length === 0 ? 'No changes to undo' : `${history.past.length} change${history.past.length === 1 ? '' : 's'} to undo`}</span>
        </div>
        {/* Leaving a field closes its step: typing there again later is a new step. */}
        <div onBlur={() => setHistory(seal)}>
          <ScenarioEditor doc={doc} onChange={edit} target={target} onTarget={setTarget} goTo={goTo} guided={missing.length > 0} />
        </div>
      </div>
      {view === 'results' && (
        <div className="workspace__results">
          {!run && <p className="message" role="status">No results yet in this tab: press <strong>Run</strong> above; the results appear here, the key measures first.</p>}
          {run && !deepEqual(run.doc, doc) && <p className="message message--warn" role="status">The scenario has changed since this run: run again to compare the numbers now on screen.</p>}
          {run && <CompareView result={run.result} runId={run.runId} title={String(run.doc.title ?? doc.title ?? '')} firstLook={run.firstLook} scenario={run.doc}
            provenance={{ version: run.version, edited: run.edited, date: run.at }}
            more={<RegionalView result={run.result} scenario={run.doc} />} />}
        </div>
      )}
    </div>
  );
}
