// From data to a model (#/fit): an extract of patient stays (CSV, one row per stay) read and
// fitted in this browser — the file is not sent anywhere — as `pathflow fit` does: the rows
// read and every problem counted, each class's arrivals by hour and weekday with their
// intervals, its lengths of stay with each family's fit (histogram, QQ plot, ranking), and
// the scenario written from it, to download or to open and run.
import { useEffect, useRef, useState } from 'react';
import type { FitReport } from '../../../../scenarios/fit/fit.ts';
import { CHOICES, type Choice } from '../../../../scenarios/fit/fit.ts';
import { ErrorMessage } from '../../components/Status.tsx';
import { download } from '../../lib/download.ts';
import { FitClass } from './FitClass.tsx';
import { FitData } from './FitData.tsx';
import type { FitRequest } from './fit.worker.ts';
import './fit.css';

/** Largest extract read here: the file is held in the page as text while it is fitted. */
export const MAX_FILE_MB = 50;

type Phase =
  | { kind: 'idle' }
  | { kind: 'fitting'; file: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; file: string; report: FitReport; scenario: string };

const COLUMNS = [
  ['arrival', 'Arrival time'], ['departure', 'Departure time'], ['class', 'Patient class'], ['destination', 'Destination (optional)'],
] as const;

/** `onOpen`: the app's import (the scenario's text opened as a new, unsaved scenario). */
export function FitPage({ onOpen }: { onOpen(text: string, filename: string): Promise<void> | void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [extract, setExtract] = useState('');
  const [family, setFamily] = useState<'' | Choice>('');
  const [id, setId] = useState('fitted');
  const input = useRef<HTMLInputElement>(null);
  const worker = useRef<Worker | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);
  const idError = /^[a-z0-9][a-z0-9-]*$/.test(id) ? null : 'lower-case letters, digits and dashes, starting with a letter or digit';

  const fit = async (f: File) => {
    if (f.size > MAX_FILE_MB * 1e6) { setPhase({ kind: 'error', message: `“${f.name}” is ${(f.size / 1e6).toFixed(1)} MB, more than the ${MAX_FILE_MB} MB the app reads: use \`pathflow fit\` (up to 100 MB, --max-mb to raise it) or a shorter extract.` }); return; }
    if (idError) return;
    setPhase({ kind: 'fitting', file: f.name });
    let text: string;
    try { text = await f.text(); } catch (e) { setPhase({ kind: 'error', message: `“${f.name}” could not be read: ${(e as Error).message}` }); return; }
    worker.current?.terminate();
    const w = new Worker(new URL('./fit.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const given = Object.fromEntries(Object.entries(columns).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    const request: FitRequest = { text, file: f.name, id, options: { columns: given, ...(extract.trim() ? { extract: extract.trim() } : {}), ...(family ? { family } : {}) } };
    w.onmessage = (e) => {
      w.terminate();
      const r = e.data as { ok: true; report: FitReport; scenario: string } | { ok: false; message: string };
      setPhase(r.ok ? { kind: 'done', file: f.name, report: r.report, scenario: r.scenario } : { kind: 'error', message: `“${f.name}”: ${r.message}` });
    };
    w.onerror = (e) => { w.terminate(); setPhase({ kind: 'error', message: `The fit stopped: ${e.message || 'the worker failed'}` }); };
    w.postMessage(request);
  };

  const yamlName = (file: string) => `${file.replace(/\.[^.]*$/, '')}-fitted.yaml`;
  const busy = phase.kind === 'fitting';

  return (
    <div className="workspace fit">
      <p className="breadcrumb"><a href="#/">Scenarios</a> › From data</p>
      <header className="workspace__head">
        <h1>From data to a model</h1>
        <p className="lead">
          Choose an extract of patient stays (CSV: one row per stay, with arrival and departure times and a patient class). Its arrivals and
          lengths of stay are fitted here, in this browser — the file is not sent anywhere — and written as a scenario you can open and run.
          An extract with several rows per patient (patient, step and time columns, or an event log from a run) gives the routing between steps too.
        </p>
        <p className="muted">The columns, the problems counted and the fits are those of <code>pathflow fit</code>; see docs/fit.md and the example extracts validation/examples/admissions.csv and ed-steps.csv.</p>
      </header>
      <details className="fit-options">
        <summary>Column names and options</summary>
        <div className="field-row">
          {COLUMNS.map(([k, label]) => (
            <div className="field" key={k}>
              <label htmlFor={`fit-col-${k}`}>{label} column</label>
              <input id={`fit-col-${k}`} value={columns[k] ?? ''} placeholder={k} disabled={busy} onChange={(e) => setColumns({ ...columns, [k]: e.target.value })} />
            </div>
          ))}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="fit-extract">Extract taken at</label>
            <input id="fit-extract" value={extract} placeholder="YYYY-MM-DD HH:MM" disabled={busy} onChange={(e) => setExtract(e.target.value)} aria-describedby="fit-extract-help" />
            <span className="field__hint" id="fit-extract-help">default: the latest time in the file; a stay without a departure was still in then</span>
          </div>
          <div className="field">
            <label htmlFor="fit-family">Length of stay written as</label>
            <select id="fit-family" value={family} disabled={busy} onChange={(e) => setFamily(e.target.value as '' | Choice)}>
              <option value="">the best fit (lowest AIC)</option>
              {CHOICES.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </div>
          <div className={`field${idError ? ' field--error' : ''}`}>
            <label htmlFor="fit-id">Scenario id</label>
            <input id="fit-id" value={id} disabled={busy} onChange={(e) => setId(e.target.value)} aria-invalid={idError ? true : undefined} aria-describedby="fit-id-help" />
            <span className="field__hint" id="fit-id-help">{idError ?? 'the id of the scenario written'}</span>
          </div>
        </div>
      </details>
      <p>
        <button type="button" className="primary" disabled={busy || Boolean(idError)} onClick={() => input.current?.click()}>Choose a CSV extract and fit it…</button>
        <input ref={input} type="file" accept=".csv,text/csv" className="visually-hidden" aria-label="CSV extract of patient stays" data-testid="fit-file"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void fit(f); }} />
      </p>
      {phase.kind === 'fitting' && <p className="status status--loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" /> Reading and fitting “{phase.file}”…</p>}
      {phase.kind === 'error' && <ErrorMessage title="The extract could not be fitted" message={phase.message} />}
      {phase.kind === 'done' && (
        <section aria-labelledby="fit-result-title">
          <h2 id="fit-result-title">What “{phase.file}” gives</h2>
          <FitData report={phase.report} />
          {phase.report.warnings.length > 0 && (
            <div className="message message--warn" role="status">
              <strong>Read before using the scenario:</strong>
              <ul>{phase.report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            </div>
          )}
          {phase.report.classes.map((c) => <FitClass key={c.id} fit={c} file={phase.file} />)}
          <h2 id="fit-scenario-title">The scenario written from it</h2>
          <p>
            <button type="button" className="primary" onClick={() => void onOpen(phase.scenario, yamlName(phase.file))}>Open it as a new scenario</button>{' '}
            <button type="button" onClick={() => download(yamlName(phase.file), phase.scenario, 'text/yaml')}>Download the YAML</button>
          </p>
          <pre className="fit-yaml" tabIndex={0} aria-labelledby="fit-scenario-title">{phase.scenario}</pre>
        </section>
      )}
    </div>
  );
}
