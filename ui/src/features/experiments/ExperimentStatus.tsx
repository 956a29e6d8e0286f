// What an experiment is doing: a progress bar (a sweep knows its total; a seek does not,
// it says where it is), and the end when it did not end in a result.
import type { Phase } from './use-experiment.ts';

export function ExperimentStatus({ phase, what, onCancel }: { phase: Phase; what: string; onCancel(): void }) {
  if (phase.kind === 'starting' || phase.kind === 'running') {
    const x = phase.kind === 'running' ? phase.experiment : undefined;
    const done = x?.progress.done ?? 0;
    const total = x?.progress.total ?? null;
    const text = !x ? 'Checking every point and starting…'
      : phase.kind === 'running' && phase.cancelling ? 'Cancelling…'
      : x.status === 'queued' ? 'Queued, waiting for a free slot…'
      : total !== null ? `${done} of ${total} replications`
      : `${done} replications so far${x.progress.at ? `, now trying ${x.progress.at.replace(/^.*=/, '')}` : ''}`;
    return (
      <div className="progress" role="status" aria-live="polite">
        <progress max={total ?? 1} value={total ? done : undefined} aria-label={`${what} progress`} />
        <span className="progress__text">{text}</span>
        <button type="button" className="danger" onClick={onCancel} disabled={phase.kind !== 'running' || phase.cancelling}>Cancel {what.toLowerCase()}</button>
      </div>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <div className="message message--error" role="alert">
        <strong>The {what.toLowerCase()} did not run.</strong> {phase.message}
        {phase.issues.length > 1 && <ul>{phase.issues.map((i, k) => <li key={k}><code>{i.path}</code>: {i.message}</li>)}</ul>}
      </div>
    );
  }
  if (phase.kind === 'cancelled') return <p className="message" role="status">{what} cancelled.</p>;
  return null;
}
