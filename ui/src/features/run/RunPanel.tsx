// Running the scenario on the server: replications and seed, a progress bar fed by the
// WebSocket with the time left, and cancel. The scenario sent is exactly what is on
// screen (saved or not), baseline and every option.
import { useEffect, useRef, useState } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { ApiError, api } from '../../lib/api.ts';
import { followRun } from '../../lib/run-socket.ts';
import { formatDuration } from '../../lib/format.ts';
import { loadPlotly } from '../../components/PlotlyChart.tsx';

interface Props {
  scenario: Record<string, unknown>;
  /** Why it cannot run now (invalid values), or null. */
  blockedBy: string | null;
  defaults: { replications: number; seed: number };
  onStarted?(runId: string): void;
  /** A result to show: a first look (the first replications only) or the final one. */
  onResult(runId: string, result: RunResultDoc, firstLook: boolean): void;
  /** The run failed or was cancelled: a first look already shown is not a result any more. */
  onStopped?(): void;
}

type Stage = 'first-look' | 'full';
type Phase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; runId: string; stage: Stage; done: number; total: number; eta: number | null }
  | { kind: 'cancelling'; runId: string }
  | { kind: 'failed'; message: string; issues?: { path: string; message: string }[] }
  | { kind: 'cancelled' }
  | { kind: 'done'; runId: string };

const MAX_REPLICATIONS = 1000;
/**
 * A first look: before a run of many replications, the same scenario is run with the first
 * FIRST_LOOK only, and shown as soon as it is done. Replication k uses the same random
 * streams in both (seed, k), so the first look is exactly the full run's first replications,
 * not another sample; the final numbers replace it when the full run ends.
 */
const FIRST_LOOK = 2;

export function RunPanel({ scenario, blockedBy, defaults, onStarted, onResult, onStopped }: Props) {
  const [replications, setReplications] = useState(String(defaults.replications));
  const [seed, setSeed] = useState(String(defaults.seed));
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const stopFollowing = useRef<(() => void) | null>(null);
  /** Set by Cancel, so a first look finishing meanwhile does not start the full run. */
  const cancelled = useRef(false);
  useEffect(() => () => stopFollowing.current?.(), []);

  const reps = Number(replications), seedN = Number(seed);
  const repsError = Number.isInteger(reps) && reps >= 1 && reps <= MAX_REPLICATIONS ? null : `expected a whole number from 1 to ${MAX_REPLICATIONS}, got ${JSON.stringify(replications)}`;
  const seedError = Number.isInteger(seedN) && seedN >= 0 ? null : `expected a whole number ≥ 0, got ${JSON.stringify(seed)}`;
  const running = phase.kind === 'starting' || phase.kind === 'running' || phase.kind === 'cancelling';

  const start = async () => {
    if (blockedBy || repsError || seedError) return;
    stopFollowing.current?.();
    cancelled.current = false;
    setPhase({ kind: 'starting' });
    // Fetch and parse the chart library while the server runs, if not done yet.
    loadPlotly().catch(() => undefined);
    const fail = (e: unknown) => {
      if (e instanceof ApiError) setPhase({ kind: 'failed', message: e.message, issues: e.issues });
      else setPhase({ kind: 'failed', message: (e as Error).message });
    };
    /** Start one run and follow it; `then` receives its result. */
    const launch = async (replicationsNow: number, stage: Stage, then: (id: string, result: RunResultDoc) => void) => {
      const { id } = await api.startRun({ scenario, replications: replicationsNow, seed: seedN });
      onStarted?.(id);
      setPhase({ kind: 'running', runId: id, stage, done: 0, total: 0, eta: null });
      stopFollowing.current = followRun(id, {
        onState: () => undefined,
        onProgress: (done, total, eta) => setPhase((p) => (p.kind === 'running' && p.runId === id ? { ...p, done, total, eta: eta ?? p.eta } : p)),
        onDone: (result) => then(id, result),
        onFailed: (message) => { onStopped?.(); setPhase({ kind: 'failed', message }); },
        onCancelled: () => { onStopped?.(); setPhase({ kind: 'cancelled' }); },
      });
    };
    const full = () => launch(reps, 'full', (id, result) => { setPhase({ kind: 'done', runId: id }); onResult(id, result, false); }).catch(fail);
    if (reps <= FIRST_LOOK + 1) { await full(); return; }
    // The first look has the workers to itself, then the full run starts: the final numbers
    // come a little later, the first ones much sooner.
    await launch(FIRST_LOOK, 'first-look', (id, result) => {
      if (cancelled.current) return;
      onResult(id, result, true);
      void full();
    }).catch(fail);
  };

  const cancel = async () => {
    if (phase.kind !== 'running') return;
    const { runId } = phase;
    cancelled.current = true;
    setPhase({ kind: 'cancelling', runId });
    try { await api.cancelRun(runId); } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof ApiError ? e.message : (e as Error).message });
    }
  };

  return (
    <section className="run-panel" aria-labelledby="run-title">
      <h2 id="run-title">Run and compare</h2>
      <div className="field-row">
        <div className={`field${repsError ? ' field--error' : ''}`}>
          <label htmlFor="run-replications">Replications</label>
          <input id="run-replications" inputMode="numeric" value={replications} disabled={running} onChange={(e) => setReplications(e.target.value)} aria-invalid={repsError ? true : undefined} aria-describedby="run-replications-help" />
          <span className="field__hint" id="run-replications-help">{repsError ?? 'more replications: narrower intervals, longer run'}</span>
        </div>
        <div className={`field${seedError ? ' field--error' : ''}`}>
          <label htmlFor="run-seed">Seed</label>
          <input id="run-seed" inputMode="numeric" value={seed} disabled={running} onChange={(e) => setSeed(e.target.value)} aria-invalid={seedError ? true : undefined} aria-describedby="run-seed-help" />
          <span className="field__hint" id="run-seed-help">{seedError ?? 'same seed, same numbers'}</span>
        </div>
        {!running && <button type="button" className="primary run-button" onClick={start} disabled={Boolean(blockedBy || repsError || seedError)}>Run</button>}
        {running && <button type="button" className="danger run-button" onClick={cancel} disabled={phase.kind !== 'running'}>{phase.kind === 'cancelling' ? 'Cancelling…' : 'Cancel run'}</button>}
      </div>
      {blockedBy && <p className="message message--error" role="status">{blockedBy}</p>}
      {(phase.kind === 'starting' || phase.kind === 'running' || phase.kind === 'cancelling') && <Progress phase={phase} options={1 + (Array.isArray(scenario.variants) ? scenario.variants.length : 0)} />}
      {phase.kind === 'failed' && (
        <div className="message message--error" role="alert">
          <strong>The run did not complete.</strong> {phase.message}
          {phase.issues && phase.issues.length > 0 && <ul>{phase.issues.map((i, k) => <li key={k}><code>{i.path}</code>: {i.message}</li>)}</ul>}
        </div>
      )}
      {phase.kind === 'cancelled' && <p className="message" role="status">Run cancelled.</p>}
    </section>
  );
}

function Progress({ phase, options }: { phase: Phase; options: number }) {
  const stage = phase.kind === 'running' ? phase.stage : 'full';
  const done = phase.kind === 'running' ? phase.done : 0;
  const total = phase.kind === 'running' ? phase.total : 0;
  const eta = phase.kind === 'running' ? phase.eta : null;
  const text = phase.kind === 'starting' ? 'Starting…'
    : phase.kind === 'cancelling' ? 'Cancelling…'
    : total === 0 ? (stage === 'first-look' ? 'First look: starting…' : 'Queued, waiting to start…')
    : `${stage === 'first-look' ? 'First look: ' : ''}${done} of ${total} replications${options > 1 && total % options === 0 ? ` (${total / options} for each of ${options} options)` : ''}${eta !== null ? `, ${formatDuration(eta)} left` : ''}`;
  return (
    <div className="progress" role="status" aria-live="polite">
      <progress max={total || 1} value={total ? done : undefined} aria-label="Run progress" />
      <span className="progress__text">{text}</span>
    </div>
  );
}
