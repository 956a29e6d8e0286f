// The session log: every change with the simulated time it was made at. Restart replays
// it from the start; a share link carries it.
import { memo } from 'react';
import type { ToWorker } from '../messages.ts';
import { clockText, describeChange, type SessionSpec } from '../session.ts';

export const SessionLog = memo(function SessionLog({ spec, startWeekday, send }: { spec: SessionSpec; startWeekday: number; send: (m: ToWorker) => void }) {
  return (
    <section className="session-log">
      <h2>Session log</h2>
      {spec.changes.length === 0
        ? <p className="muted">No changes yet: the run is the scenario as written (seed {spec.seed}).</p>
        : (
          <ol data-testid="session-log">
            {spec.changes.map((c, i) => <li key={i}><span className="log-time">{clockText(c.at, startWeekday)}</span> {describeChange(c)}</li>)}
          </ol>
        )}
      {spec.changes.length > 0 && <button onClick={() => send({ type: 'undo-change' })}>Undo last change</button>}
    </section>
  );
});
