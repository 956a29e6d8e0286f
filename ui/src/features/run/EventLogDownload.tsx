// A finished run's event log: one replication of one option run again on the server
// (GET /api/runs/:id/event-log, the same replication as the run's own, seed and all) and
// saved as CSV (one row per patient event) or OCEL 2.0 JSON for process-mining tools
// (docs/event-log.md). For following patients one by one, checking a pathway, or process mining.
import { useState } from 'react';
import { ApiError, eventLogFile } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';

interface Props {
  runId: string;
  /** The replications each option ran. */
  replications: number;
  /** The options run, baseline first. */
  options: readonly { id: string; name: string }[];
}

export function EventLogDownload({ runId, replications, options }: Props) {
  const [replication, setReplication] = useState('1');
  const [variant, setVariant] = useState('baseline');
  const [format, setFormat] = useState<'csv' | 'ocel'>('csv');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; filename: string } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const k = Number(replication);
  const error = Number.isInteger(k) && k >= 1 && k <= replications ? null : `expected a whole number from 1 to ${replications}, got ${JSON.stringify(replication)}`;
  const save = async () => {
    if (error) return;
    setState({ kind: 'busy' });
    try {
      const f = await eventLogFile(runId, { replication: k, variant, format });
      download(f.filename, f.blob, f.blob.type);
      setState({ kind: 'saved', filename: f.filename });
    } catch (e) { setState({ kind: 'error', message: e instanceof ApiError ? e.message : String(e) }); }
  };
  return (
    <section className="event-log no-print" aria-labelledby="event-log-title">
      <h2 id="event-log-title">Event log of one replication</h2>
      <p className="muted">Every patient's arrivals, waits, treatments and departures in one replication, as the run had them: a spreadsheet (CSV) or OCEL 2.0 JSON for process-mining tools.</p>
      <div className="toolbar event-log__choices">
        <div className={`field field--inline${error ? ' field--error' : ''}`}>
          <label htmlFor="event-log-replication">Replication</label>
          <input id="event-log-replication" inputMode="numeric" size={4} value={replication} onChange={(e) => setReplication(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby="event-log-replication-help" />
          <span className={error ? 'field__hint' : 'muted'} id="event-log-replication-help">{error ?? `of ${replications}`}</span>
        </div>
        {options.length > 1 && (
          <div className="field field--inline">
            <label htmlFor="event-log-option">Option</label>
            <select id="event-log-option" value={variant} onChange={(e) => setVariant(e.target.value)}>
              {options.map((o) => <option key={o.id} value={o.id}>{o.id === 'baseline' ? 'Baseline' : o.name}</option>)}
            </select>
          </div>
        )}
        <div className="field field--inline">
          <label htmlFor="event-log-format">Format</label>
          <select id="event-log-format" value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'ocel')}>
            <option value="csv">CSV (spreadsheet)</option>
            <option value="ocel">OCEL 2.0 JSON (process mining)</option>
          </select>
        </div>
        <button type="button" onClick={() => void save()} disabled={Boolean(error) || state.kind === 'busy'}>{state.kind === 'busy' ? 'Making the event log…' : 'Download event log'}</button>
      </div>
      <p role="status" className={state.kind === 'error' ? 'message message--error' : 'muted'}>
        {state.kind === 'saved' ? `Saved ${state.filename}.` : state.kind === 'error' ? state.message : ''}
      </p>
    </section>
  );
}
