// The start page: ready scenarios of the library and the user's own as cards (title,
// what it represents, the question it answers), a new scenario (empty, or from a
// ready-made one as a template), importing a scenario file, recent runs.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type RunInfo, type ScenarioSummary } from '../../lib/api.ts';
import { Empty, ErrorMessage, Loading } from '../../components/Status.tsx';
import { TokenPrompt } from '../../components/TokenPrompt.tsx';
import { emptyScenario, fromTemplate } from '../../lib/missing.ts';

interface Props {
  onOpen(id: string): void;
  onImport(text: string, filename: string): Promise<void> | void;
  /** A new scenario to open in the workspace, unsaved. */
  onNew(doc: Record<string, unknown>): void;
  onOpenRun(id: string): void;
}

const EMPTY = '';

/** Start from nothing (one site, no wards) or from a ready-made scenario as a template. */
function NewScenario({ library, onNew, onCancel }: { library: ScenarioSummary[]; onNew(doc: Record<string, unknown>): void; onCancel(): void }) {
  const [from, setFrom] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = () => {
    if (from === EMPTY) { onNew(emptyScenario()); return; }
    setBusy(true); setError(null);
    api.scenario(from).then((s) => onNew(fromTemplate(s.scenario)), (e: unknown) => { setBusy(false); setError(e instanceof ApiError ? e.message : String(e)); });
  };
  return (
    <div className="new-scenario" role="group" aria-labelledby="new-scenario-title">
      <h2 id="new-scenario-title">New scenario</h2>
      <div className="field field--wide"><label htmlFor="new-scenario-from">Start from</label>
        <select id="new-scenario-from" value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value={EMPTY}>Nothing: one site, no wards (the app lists what to add)</option>
          {library.map((s) => <option key={s.id} value={s.id}>A copy of “{s.title}”</option>)}
        </select></div>
      <p className="field__hint">It opens unsaved, in this browser tab; save it to keep it in your scenarios.</p>
      <button type="button" className="primary" onClick={create} disabled={busy}>Create the scenario</button>{' '}
      <button type="button" onClick={onCancel}>Cancel</button>
      {error && <ErrorMessage title="The template could not be loaded." message={error} />}
    </div>
  );
}

type Load<T> = { state: 'loading' } | { state: 'error'; message: string; needsToken?: boolean } | { state: 'ready'; value: T };

function ScenarioCard({ s, question, onOpen }: { s: ScenarioSummary; question?: string; onOpen(): void }) {
  return (
    <li className="card">
      <h3><a href={`#/scenario/${encodeURIComponent(s.id)}`} onClick={(e) => { e.preventDefault(); onOpen(); }}>{s.title}</a></h3>
      <p className="card__meta"><span className={`badge${s.source === 'user' ? ' badge--user' : ''}`}>{s.source === 'library' ? 'ready-made' : 'mine'}</span> <code>{s.id}</code></p>
      {question && <p className="card__question"><strong>Question: </strong>{clip(question, 260)}</p>}
      {s.description && <p className="card__text">{clip(s.description, 240)}</p>}
    </li>
  );
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, s.lastIndexOf(' ', n))}…` : s);

export function LibraryPage({ onOpen, onImport, onNew, onOpenRun }: Props) {
  const [list, setList] = useState<Load<ScenarioSummary[]>>({ state: 'loading' });
  const [questions, setQuestions] = useState<Record<string, string>>({});
  const [runs, setRuns] = useState<RunInfo[]>([]);
  const [kept, setKept] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  const load = () => {
    setList({ state: 'loading' });
    api.scenarios().then((value) => {
      setList({ state: 'ready', value });
      // The list carries no question; the cards fetch it, and show without it on failure.
      for (const s of value) {
        if (s.question) continue;
        api.scenario(s.id).then((d) => {
          const q = d.scenario.question;
          if (typeof q === 'string') setQuestions((qs) => ({ ...qs, [s.id]: q }));
        }, () => undefined);
      }
    }, (e: unknown) => setList({ state: 'error', message: e instanceof ApiError ? e.message : String(e), needsToken: e instanceof ApiError && e.status === 401 }));
    api.runs().then((r) => setRuns(Array.isArray(r) ? r.slice(0, 8) : []), () => setRuns([]));
    api.health().then((h) => setKept(h.retention?.policy ?? null), () => setKept(null));
  };
  useEffect(load, []);

  const pick = async (f: File | undefined) => {
    if (!f) return;
    setImportError(null);
    if (f.size > 1024 * 1024) { setImportError(`“${f.name}” is over 1 MB: not a scenario file.`); return; }
    try { await onImport(await f.text(), f.name); } catch (e) { setImportError(`“${f.name}” could not be read: ${(e as Error).message}`); }
  };

  const library = list.state === 'ready' ? list.value.filter((s) => s.source === 'library') : [];
  const mine = list.state === 'ready' ? list.value.filter((s) => s.source === 'user') : [];
  return (
    <div className="library">
      <h1>Scenarios</h1>
      <p className="lead">Pick a scenario, change its numbers, add options to compare, and run it. Every option is compared with the baseline, with its uncertainty.</p>
      <div className="toolbar">
        <button type="button" className="primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>New scenario…</button>
        <button type="button" onClick={() => file.current?.click()}>Import a scenario file (YAML or JSON)…</button>
        <input ref={file} type="file" accept=".yaml,.yml,.json,application/json,text/yaml" className="visually-hidden" aria-label="Scenario file to import"
          onChange={(e) => { void pick(e.target.files?.[0]); e.target.value = ''; }} />
        <a className="button" href="#/fit">From data: fit an extract of stays (CSV)…</a>
      </div>
      {creating && <NewScenario library={library} onNew={onNew} onCancel={() => setCreating(false)} />}
      {importError && <ErrorMessage title="Import failed" message={importError} />}
      {list.state === 'loading' && <Loading what="the scenarios" />}
      {list.state === 'error' && <ErrorMessage title="The scenarios could not be loaded." message={list.message} action={list.needsToken ? <TokenPrompt /> : <button type="button" onClick={load}>Try again</button>} />}
      {list.state === 'ready' && (
        <>
          <h2>Ready-made scenarios</h2>
          {library.length === 0 ? <Empty>The server has no library scenarios.</Empty> : (
            <ul className="cards">{library.map((s) => <ScenarioCard key={s.id} s={s} question={s.question ?? questions[s.id]} onOpen={() => onOpen(s.id)} />)}</ul>
          )}
          <h2>My scenarios</h2>
          {mine.length === 0 ? <Empty>None yet. Open a ready-made scenario and save a copy, or import a file.</Empty> : (
            <ul className="cards">{mine.map((s) => <ScenarioCard key={s.id} s={s} question={s.question ?? questions[s.id]} onOpen={() => onOpen(s.id)} />)}</ul>
          )}
        </>
      )}
      {runs.length > 0 && (
        <>
          <h2>Recent runs</h2>
          {kept && <p className="muted" data-retention="">This server {kept}. Each run keeps the scenario exactly as it ran.</p>}
          <ul className="runs">
            {runs.map((r) => (
              <li key={r.id}>
                <a href={`#/runs/${encodeURIComponent(r.id)}`} onClick={(e) => { e.preventDefault(); onOpenRun(r.id); }}>{r.title ?? r.scenarioId ?? r.id}</a>
                {' '}<span className={`badge badge--${r.status}`}>{r.status}</span>
                <span className="muted">{r.replications ? ` ${r.replications} replication${r.replications === 1 ? '' : 's'},` : ''}{r.createdAt ? ` ${new Date(r.createdAt).toLocaleString('en-GB')}` : ''}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
