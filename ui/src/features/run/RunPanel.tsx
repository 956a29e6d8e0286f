// Running the scenario on the server, from a bar that stays at the top of the scenario's
// page however far down the form the user is: replications and seed, Run, a progress bar
// fed by the WebSocket with the time left, and cancel. The scenario sent is exactly what is
// on screen (saved or not), baseline and every option. The run followed is remembered in
// this tab (sessionStorage), so the page reloaded mid-run rejoins it and its progress goes
// on, and reloaded after it shows its results again.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { ApiError, api } from '../../lib/api.ts';
import { followRun } from '../../lib/run-socket.ts';
import { formatDuration } from '../../lib/format.ts';
import { loadPlotly } from '../../components/PlotlyChart.tsx';
import { forgetRun, recallRun, rememberRun, type RememberedRun } from './remembered-run.ts';

interface Props {
  scenario: Record<string, unknown>;
  /** Why it cannot run now (invalid values), or null. */
  blockedBy: string | null;
  defaults: { replications: number; seed: number };
  /** Where the run followed is remembered in this tab (the scenario's id), so a reload rejoins it. */
  memoryKey?: string;
  onStarted?(runId: string): void;
  /** A result to show: a first look (the first replications only) or the final one, with the document that ran. */
  onResult(runId: string, result: RunResultDoc, firstLook: boolean, ran: Record<string, unknown>, foundOnArrival?: { finishedAt?: string }): void;
  /** The run failed or was cancelled: a first look already shown is not a result any more. */
  onStopped?(): void;
  /** Links shown in the bar after Run (e.g. to the scenario's views). */
  children?: ReactNode;
}

type Stage = RememberedRun['stage'];
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

export function RunPanel({ scenario, blockedBy, defaults, memoryKey, onStarted, onResult, onStopped, children }: Props) {
  const [replications, setReplications] = useState(String(defaults.replications));
  const [seed, setSeed] = useState(String(defaults.seed));
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const stopFollowing = useRef<(() => void) | null>(null);
  /** Set by Cancel, so a first look finishing meanwhile does not start the full run. */
  const cancelled = useRef(false);
  useEffect(() => () => stopFollowing.current?.(), []);
  // The bar's height, for what sticks under it (the form's jump list) and for scrolling to a section.
  const bar = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = bar.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const ro = new ResizeObserver(() => root.style.setProperty('--run-bar-h', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    ro.observe(el);
    return () => { ro.disconnect(); root.style.removeProperty('--run-bar-h'); };
  }, []);

  const reps = Number(replications), seedN = Number(seed);
  const repsError = Number.isInteger(reps) && reps >= 1 && reps <= MAX_REPLICATIONS ? null : `expected a whole number from 1 to ${MAX_REPLICATIONS}, got ${JSON.stringify(replications)}`;
  const seedError = Number.isInteger(seedN) && seedN >= 0 ? null : `expected a whole number ≥ 0, got ${JSON.stringify(seed)}`;
  const running = phase.kind === 'starting' || phase.kind === 'running' || phase.kind === 'cancelling';

  const fail = (e: unknown) => {
    if (memoryKey) forgetRun(memoryKey);
    if (e instanceof ApiError) setPhase({ kind: 'failed', message: e.message, issues: e.issues });
    else setPhase({ kind: 'failed', message: (e as Error).message });
  };

  /** Follows run `id` (started here, or rejoined after a reload); `then` receives its result. */
  const follow = (id: string, stage: Stage, memo: RememberedRun, then: (id: string, result: RunResultDoc) => void, from = { done: 0, total: 0 }) => {
    if (memoryKey) rememberRun(memoryKey, memo);
    setPhase({ kind: 'running', runId: id, stage, done: from.done, total: from.total, eta: null });
    stopFollowing.current = followRun(id, {
      onState: () => undefined,
      onProgress: (done, total, eta) => setPhase((p) => (p.kind === 'running' && p.runId === id ? { ...p, done, total, eta: eta ?? p.eta } : p)),
      onDone: (result) => then(id, result),
      onFailed: (message) => { if (memoryKey) forgetRun(memoryKey); onStopped?.(); setPhase({ kind: 'failed', message }); },
      onCancelled: () => { if (memoryKey) forgetRun(memoryKey); onStopped?.(); setPhase({ kind: 'cancelled' }); },
    });
  };

  /** The full run of `memo.replications`, after a first look or on its own. */
  const launchFull = async (memo: Omit<RememberedRun, 'runId' | 'stage'>) => {
    const { id } = await api.startRun({ scenario: memo.scenario, replications: memo.replications, seed: memo.seed });
    onStarted?.(id);
    // Remembered after it ends too: the results view reloaded shows its numbers again.
    follow(id, 'full', { ...memo, runId: id, stage: 'full' }, (rid, result) => {
      setPhase({ kind: 'done', runId: rid });
      onResult(rid, result, false, memo.scenario);
    });
  };

  /** After a first look: show it, then run the rest, unless Cancel came first. */
  const afterFirstLook = (memo: Omit<RememberedRun, 'runId' | 'stage'>) => (id: string, result: RunResultDoc) => {
    if (cancelled.current) return;
    onResult(id, result, true, memo.scenario);
    launchFull(memo).catch(fail);
  };

  const start = async () => {
    if (blockedBy || repsError || seedError) return;
    stopFollowing.current?.();
    cancelled.current = false;
    setPhase({ kind: 'starting' });
    // Fetch and parse the chart library while the server runs, if not done yet.
    loadPlotly().catch(() => undefined);
    const memo = { scenario, replications: reps, seed: seedN };
    if (reps <= FIRST_LOOK + 1) { await launchFull(memo).catch(fail); return; }
    // The first look has the workers to itself, then the full run starts: the final numbers
    // come a little later, the first ones much sooner.
    try {
      const { id } = await api.startRun({ scenario, replications: FIRST_LOOK, seed: seedN });
      onStarted?.(id);
      follow(id, 'first-look', { ...memo, runId: id, stage: 'first-look' }, afterFirstLook(memo));
    } catch (e) { fail(e); }
  };

  // A reload mid-run: rejoin the run this tab was following, where it is now.
  useEffect(() => {
    const memo = memoryKey ? recallRun(memoryKey) : undefined;
    if (!memo || !memoryKey) return;
    let alive = true;
    setReplications(String(memo.replications)); setSeed(String(memo.seed));
    setPhase({ kind: 'starting' });
    const rest = { scenario: memo.scenario, replications: memo.replications, seed: memo.seed };
    const finish = memo.stage === 'first-look' ? afterFirstLook(rest) : (id: string, result: RunResultDoc) => {
      setPhase({ kind: 'done', runId: id });
      onResult(id, result, false, memo.scenario);
    };
    api.run(memo.runId).then((run) => {
      if (!alive) return;
      if (run.status === 'done' && run.result && memo.stage === 'full') {
        setPhase({ kind: 'done', runId: memo.runId });
        onResult(memo.runId, run.result, false, memo.scenario, { finishedAt: run.finishedAt });
        return;
      }
      if (run.status === 'done' && run.result) { finish(memo.runId, run.result); return; }
      if (run.status === 'failed' || run.status === 'cancelled') { forgetRun(memoryKey); setPhase({ kind: 'idle' }); return; }
      follow(memo.runId, memo.stage, memo, finish, { done: run.progress?.done ?? 0, total: run.progress?.total ?? 0 });
    }, () => { if (alive) { forgetRun(memoryKey); setPhase({ kind: 'idle' }); } });
    return () => { alive = false; };
    // Once, on arrival: what was followed before the reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [memoryKey]);

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
    <section className="run-panel run-bar" id="run-bar" ref={bar} aria-labelledby="run-title">
      <div className="run-bar__row">
        <h2 id="run-title" className="run-bar__title">Run</h2>
        <div className={`field field--inline${repsError ? ' field--error' : ''}`}>
          <label htmlFor="run-replications">Replications</label>
          <input id="run-replications" inputMode="numeric" size={5} value={replications} disabled={running} onChange={(e) => setReplications(e.target.value)}
            aria-invalid={repsError ? true : undefined} aria-describedby="run-replications-help" />
          <span className={repsError ? 'field__hint' : 'visually-hidden'} id="run-replications-help">{repsError ?? 'more replications: narrower intervals, longer run'}</span>
        </div>
        <div className={`field field--inline${seedError ? ' field--error' : ''}`}>
          <label htmlFor="run-seed">Seed</label>
          <input id="run-seed" inputMode="numeric" size={6} value={seed} disabled={running} onChange={(e) => setSeed(e.target.value)}
            aria-invalid={seedError ? true : undefined} aria-describedby="run-seed-help" />
          <span className={seedError ? 'field__hint' : 'visually-hidden'} id="run-seed-help">{seedError ?? 'same seed, same numbers'}</span>
        </div>
        {!running && <button type="button" id="run-button" className="primary run-button" onClick={() => void start()} disabled={Boolean(blockedBy || repsError || seedError)}>Run</button>}
        {running && <button type="button" id="run-button" className="danger run-button" onClick={() => void cancel()} disabled={phase.kind !== 'running'}>{phase.kind === 'cancelling' ? 'Cancelling…' : 'Cancel run'}</button>}
        {running && <Progress phase={phase} options={1 + (Array.isArray(scenario.variants) ? scenario.variants.length : 0)} />}
        {phase.kind === 'cancelled' && <p className="run-bar__note" role="status">Run cancelled.</p>}
        {children}
      </div>
      {blockedBy && <p className="message message--error" role="status">{blockedBy}</p>}
      {phase.kind === 'failed' && (
        <div className="message message--error" role="alert">
          <strong>The run did not complete.</strong> {phase.message}
          {phase.issues && phase.issues.length > 0 && <ul>{phase.issues.map((i, k) => <li key={k}><code>{i.path}</code>: {i.message}</li>)}</ul>}
        </div>
      )}
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
    <div className="progress run-bar__progress" role="status" aria-live="polite">
      <progress max={total || 1} value={total ? done : undefined} aria-label="Run progress" />
      <span className="progress__text">{text}</span>
    </div>
  );
}
