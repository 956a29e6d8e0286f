// Running the scenario on the server, from a bar that stays at the top of the scenario's
// page however far down the form the user is: replications and seed, Run, a progress bar
// fed by the WebSocket with the time left, and cancel. The scenario sent is exactly what is
// on screen (saved or not), baseline and every option. The run followed is remembered in
// this tab (sessionStorage), so the page reloaded mid-run rejoins it and its progress goes
// on, and reloaded after it shows its results again. A run can instead be sized to a
// precision ("Run until ±5%"): the replications double until every chosen measure's 95%
// interval is within the target, or a cap, with the intervals narrowing shown as each batch
// is judged (PrecisionLive.tsx), its choices under the bar (not in it: the bar stays small); the measures judged are the key measures, from a first look
// of two replications when this tab has no results yet.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RunResultDoc } from '../../../../scenarios/schema/run-result.ts';
import { ApiError, api, forWeb, refusal } from '../../lib/api.ts';
import { followRun } from '../../lib/run-socket.ts';
import { formatDuration } from '../../lib/format.ts';
import { loadPlotly } from '../../components/PlotlyChart.tsx';
import { forgetRun, recallRun, rememberRun, type RememberedRun } from './remembered-run.ts';
import { keyKpis } from '../../lib/key-measures.ts';
import { kpiLabel, namesOf } from '../../lib/kpi-words.ts';
import type { PrecisionBatch } from '../../lib/api.ts';
import { PrecisionLive } from './PrecisionLive.tsx';
import { MAX_SEED } from '../../../../scenarios/schema/time.ts';
import { wholeNumberError } from '../../lib/number-text.ts';
import { DEFAULT_CHOICE, precisionRequest, targetWords, type PrecisionChoice, type PrecisionRequest } from './precision-words.ts';

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
  /** The key measures of the results shown in this tab (offered as the measures a precision judges), if any. */
  keyMeasures?: readonly string[];
  /** Links shown in the bar after Run (e.g. to the scenario's views). */
  children?: ReactNode;
}

type Stage = RememberedRun['stage'];
type Phase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; runId: string; stage: Stage; done: number; total: number; eta: number | null; lost?: boolean }
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

/** A run sized to a precision being followed: what was asked and each batch judged so far. */
interface Trail { asked: string; batches: PrecisionBatch[]; result?: RunResultDoc; ended?: boolean }

export function RunPanel({ scenario, blockedBy, defaults, memoryKey, onStarted, onResult, onStopped, keyMeasures, children }: Props) {
  const [replications, setReplications] = useState(String(defaults.replications));
  const [seed, setSeed] = useState(String(defaults.seed));
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [precise, setPrecise] = useState(false);
  const [choice, setChoice] = useState<PrecisionChoice>(DEFAULT_CHOICE);
  /** Key measures left out of the judging (unticked); every other key measure is judged. */
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [trail, setTrail] = useState<Trail | null>(null);
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
  const seedError = wholeNumberError(seed, 0, MAX_SEED);
  const running = phase.kind === 'starting' || phase.kind === 'running' || phase.kind === 'cancelling';
  const asked = precisionRequest(choice, Number.isInteger(reps) && reps >= 1 ? reps : 1, MAX_REPLICATIONS);
  const judged = (keyMeasures ?? []).filter((k) => !unticked.has(k));
  const precisionError = !precise ? null : 'error' in asked ? asked.error
    : keyMeasures?.length && judged.length === 0 ? 'Measures judged: tick at least one' : null;
  const names = namesOf(scenario);
  const options = [{ id: 'baseline', name: 'Baseline' }, ...(Array.isArray(scenario.variants) ? scenario.variants as { id: string; name?: string }[] : [])
    .map((v) => ({ id: String(v.id), name: String(v.name ?? v.id) }))];

  const fail = (e: unknown) => {
    if (memoryKey) forgetRun(memoryKey);
    if (e instanceof ApiError) setPhase({ kind: 'failed', message: e.message, issues: e.issues });
    else setPhase({ kind: 'failed', message: forWeb((e as Error).message) });
  };

  /** Follows run `id` (started here, or rejoined after a reload); `then` receives its result. */
  const follow = (id: string, stage: Stage, memo: RememberedRun, then: (id: string, result: RunResultDoc) => void, from = { done: 0, total: 0 }) => {
    if (memoryKey) rememberRun(memoryKey, memo);
    setPhase({ kind: 'running', runId: id, stage, done: from.done, total: from.total, eta: null });
    stopFollowing.current = followRun(id, {
      onState: () => undefined,
      onProgress: (done, total, eta) => setPhase((p) => (p.kind === 'running' && p.runId === id ? { ...p, done, total, eta: eta ?? p.eta } : p)),
      // Out of touch, the time left is not known any more: it is dropped, not frozen.
      onConnection: (ok) => setPhase((p) => (p.kind === 'running' && p.runId === id ? { ...p, lost: !ok, eta: ok ? p.eta : null } : p)),
      onDone: (result) => then(id, result),
      onFailed: (message) => { if (memoryKey) forgetRun(memoryKey); onStopped?.(); setTrail((t) => t && { ...t, ended: true }); setPhase({ kind: 'failed', message }); },
      onCancelled: () => { if (memoryKey) forgetRun(memoryKey); onStopped?.(); setTrail((t) => t && { ...t, ended: true }); setPhase({ kind: 'cancelled' }); },
      onPrecision: (batch) => setTrail((t) => (t && stage === 'full' && !t.batches.some((b) => b.replications === batch.replications) ? { ...t, batches: [...t.batches, batch] } : t)),
    });
  };

  /** The full run of `memo.replications`, after a first look or on its own. */
  const launchFull = async (memo: Omit<RememberedRun, 'runId' | 'stage'>) => {
    const { id } = await api.startRun({ scenario: memo.scenario, replications: memo.replications, seed: memo.seed, ...(memo.precision ? { precision: memo.precision } : {}) });
    onStarted?.(id);
    if (memo.precision) setTrail({ asked: memo.asked ?? '', batches: [] });
    // Remembered after it ends too: the results view reloaded shows its numbers again.
    follow(id, 'full', { ...memo, runId: id, stage: 'full' }, (rid, result) => {
      setPhase({ kind: 'done', runId: rid });
      setTrail((t) => t && { ...t, result });
      onResult(rid, result, false, memo.scenario);
    });
  };

  /** After a first look: show it, then run the rest, unless Cancel came first. */
  const afterFirstLook = (memo: Omit<RememberedRun, 'runId' | 'stage'>) => (id: string, result: RunResultDoc) => {
    if (cancelled.current) return;
    // Sized to a precision, the first look only finds the key measures: the page stays on the
    // intervals narrowing (and the browser free to draw them) until the final numbers.
    if (!memo.precision) onResult(id, result, true, memo.scenario);
    // Sized to a precision with no measures chosen: the key measures the first look reports.
    const full = memo.precision && !memo.precision.kpis ? { ...memo, precision: { ...memo.precision, kpis: keyKpis(result) } } : memo;
    launchFull(full).catch(fail);
  };

  const start = async () => {
    if (blockedBy || repsError || seedError || precisionError) return;
    stopFollowing.current?.();
    cancelled.current = false;
    setPhase({ kind: 'starting' });
    setTrail(precise ? { asked: targetWords(choice), batches: [] } : null);
    // Fetch and parse the chart library while the server runs, if not done yet.
    loadPlotly().catch(() => undefined);
    const sized: PrecisionRequest | undefined = precise && 'request' in asked ? { ...asked.request, ...(judged.length ? { kpis: judged } : {}) } : undefined;
    const memo = { scenario, replications: reps, seed: seedN, ...(sized ? { precision: sized, asked: targetWords(choice) } : {}) };
    // Sized to a precision with the measures known: straight to it; else a first look finds the key measures.
    if (reps <= FIRST_LOOK + 1 && !(sized && !sized.kpis) || sized?.kpis) { await launchFull(memo).catch(fail); return; }
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
    const rest = { scenario: memo.scenario, replications: memo.replications, seed: memo.seed, ...(memo.precision ? { precision: memo.precision, asked: memo.asked } : {}) };
    // Sized to a precision: the batches judged so far come again on the socket.
    if (memo.precision) { setPrecise(true); setTrail({ asked: memo.asked ?? '', batches: [] }); }
    const finish = memo.stage === 'first-look' ? afterFirstLook(rest) : (id: string, result: RunResultDoc) => {
      setPhase({ kind: 'done', runId: id });
      setTrail((t) => t && { ...t, result });
      onResult(id, result, false, memo.scenario);
    };
    api.run(memo.runId).then((run) => {
      if (!alive) return;
      if (run.status === 'done' && run.result && memo.stage === 'full') {
        setPhase({ kind: 'done', runId: memo.runId });
        setTrail((t) => t && { ...t, result: run.result });
        onResult(memo.runId, run.result, false, memo.scenario, { finishedAt: run.finishedAt });
        return;
      }
      if (run.status === 'done' && run.result) { finish(memo.runId, run.result); return; }
      if (run.status === 'failed' || run.status === 'cancelled') { forgetRun(memoryKey); setTrail(null); setPhase({ kind: 'idle' }); return; }
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
    <>
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
        {!running && <button type="button" id="run-button" className="primary run-button" onClick={() => void start()} disabled={Boolean(blockedBy || repsError || seedError || precisionError)}>{precise ? 'Run until precise' : 'Run'}</button>}
        {running && <button type="button" id="run-button" className="danger run-button" onClick={() => void cancel()} disabled={phase.kind !== 'running'}>{phase.kind === 'cancelling' ? 'Cancelling…' : 'Cancel run'}</button>}
        <label className="run-bar__check">
          <input type="checkbox" id="run-precise" checked={precise} disabled={running} onChange={(e) => setPrecise(e.target.checked)} />
          Run until the intervals are narrow enough
        </label>
        {running && <Progress phase={phase} options={1 + (Array.isArray(scenario.variants) ? scenario.variants.length : 0)} sized={trail !== null} />}
        {phase.kind === 'cancelled' && <p className="run-bar__note" role="status">Run cancelled.</p>}
        {children}
      </div>
      {blockedBy && <p className="message message--error" role="status">{blockedBy}</p>}
      {phase.kind === 'failed' && <Refusal message={phase.message} issues={phase.issues} />}
    </section>
    {precise && (
      <fieldset className="run-bar__precision" id="run-precision" disabled={running}>
        <legend>Precision: add replications until every chosen measure's 95% confidence interval is within</legend>
        <div className="run-bar__row">
          <div className={`field field--inline field--wide${precisionError?.startsWith('Precision') ? ' field--error' : ''}`}>
            <label htmlFor="precision-value"><span aria-hidden="true">±</span><span className="visually-hidden">Within plus or minus</span></label>
            <input id="precision-value" inputMode="decimal" size={5} value={choice.value} onChange={(e) => setChoice((c) => ({ ...c, value: e.target.value }))}
              aria-describedby="precision-help" aria-invalid={precisionError?.startsWith('Precision') ? true : undefined} />
            <label htmlFor="precision-kind" className="visually-hidden">Target as</label>
            <select id="precision-kind" value={choice.kind} onChange={(e) => setChoice((c) => ({ ...c, kind: e.target.value as PrecisionChoice['kind'] }))}>
              <option value="relative">% of each estimate</option>
              <option value="absolute">in each measure's own unit</option>
            </select>
          </div>
          <div className={`field field--inline${precisionError?.startsWith('Most') ? ' field--error' : ''}`}>
            <label htmlFor="precision-cap">Most replications per option</label>
            <input id="precision-cap" inputMode="numeric" size={5} value={choice.cap} onChange={(e) => setChoice((c) => ({ ...c, cap: e.target.value }))}
              aria-describedby="precision-help" aria-invalid={precisionError?.startsWith('Most') ? true : undefined} />
          </div>
        </div>
        <p className={precisionError ? 'field__hint field--error' : 'muted'} id="precision-help">
          {precisionError ?? `The first batch is the replications above; each batch doubles them.${choice.kind === 'absolute' ? ' In each measure\'s own unit: hours for times, a fraction for shares (0.02 is 2 percentage points).' : ''}`}
        </p>
        {keyMeasures && keyMeasures.length > 0 ? (
          <fieldset className="run-bar__measures">
            <legend>Measures judged (the key measures of the results)</legend>
            {keyMeasures.map((k) => (
              <label className="run-bar__check" key={k}>
                <input type="checkbox" checked={!unticked.has(k)}
                  onChange={(e) => setUnticked((u) => { const n = new Set(u); if (e.target.checked) n.delete(k); else n.add(k); return n; })} />
                {kpiLabel(k, names)}
              </label>
            ))}
          </fieldset>
        ) : <p className="muted">Measures judged: the key measures, found by a first look of {FIRST_LOOK} replications.</p>}
      </fieldset>
    )}
    {trail && <PrecisionLive batches={trail.batches} options={options} names={names} asked={trail.asked} result={trail.result} ended={trail.ended} />}
    </>
  );
}

/** Why the run did not complete, each thing said once. */
function Refusal({ message, issues }: { message: string; issues?: { path: string; message: string }[] }) {
  const r = refusal(message, issues);
  return (
    <div className="message message--error" role="alert">
      <strong>The run did not complete.</strong> {r.lead}
      {r.issues.length > 0 && <ul>{r.issues.map((i, k) => <li key={k}>{i.path && <><code>{i.path}</code>: </>}{i.message}</li>)}</ul>}
    </div>
  );
}

function Progress({ phase, options, sized }: { phase: Phase; options: number; sized: boolean }) {
  const stage = phase.kind === 'running' ? phase.stage : 'full';
  const done = phase.kind === 'running' ? phase.done : 0;
  const total = phase.kind === 'running' ? phase.total : 0;
  const eta = phase.kind === 'running' ? phase.eta : null;
  const text = phase.kind === 'starting' ? 'Starting…'
    : phase.kind === 'cancelling' ? 'Cancelling…'
    : total === 0 ? (stage === 'first-look' ? 'First look: starting…' : 'Queued, waiting to start…')
    : sized && stage === 'full' ? `${done} replications done (at most ${total}, ${total / options} per option)${eta !== null ? `; at most ${formatDuration(eta)} left` : ''}`
    : `${stage === 'first-look' ? 'First look: ' : ''}${done} of ${total} replications${options > 1 && total % options === 0 ? ` (${total / options} for each of ${options} options)` : ''}${eta !== null ? `, ${formatDuration(eta)} left` : ''}`;
  const lost = phase.kind === 'running' && phase.lost;
  return (
    <div className="progress run-bar__progress" role="status" aria-live="polite">
      <progress max={total || 1} value={total ? done : undefined} aria-label="Run progress" />
      <span className="progress__text">{lost ? <><strong>Lost contact with the server; retrying…</strong> Last heard: {text}.</> : text}</span>
    </div>
  );
}
