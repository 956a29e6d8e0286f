// A run on its own page (from "recent runs" or a bookmark): what was run (the document the
// server keeps with the run, and the saved version it came from), progress while it runs
// (a reload mid-run rejoins it: the run is read again and followed from where it is), with
// cancel, then the comparison. A run sized to a precision shows its intervals narrowing
// batch by batch, then why it stopped; a finished run's event log can be downloaded.
import { useEffect, useState } from 'react';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { api, ApiError, type PrecisionBatch, type RunInfo } from '../lib/api.ts';
import { namesOf } from '../lib/kpi-words.ts';
import { PrecisionLive } from '../features/run/PrecisionLive.tsx';
import { EventLogDownload } from '../features/run/EventLogDownload.tsx';
import { followRun } from '../lib/run-socket.ts';
import { formatDuration } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { TokenPrompt } from '../components/TokenPrompt.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import { RegionalView } from '../features/regional/RegionalView.tsx';
import { StressReportButtons } from '../features/stress-report/StressReportButtons.tsx';
import { DownloadScenarioAsRun, OptionsCompared, optionsOf, RunOrigin } from '../features/compare/WhatWasRun.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; status?: number }
  | { kind: 'running'; run: RunInfo; done: number; total: number; eta: number | null }
  | { kind: 'done'; run: RunInfo; result: RunResultDoc }
  | { kind: 'ended'; run: RunInfo; message: string };

export function RunPage({ id }: { id: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [batches, setBatches] = useState<PrecisionBatch[]>([]);
  useEffect(() => {
    let stop: (() => void) | undefined;
    api.run(id).then((run) => {
      if (run.status === 'done' && run.result) { setState({ kind: 'done', run, result: run.result }); return; }
      setState({ kind: 'running', run, done: run.progress?.done ?? 0, total: run.progress?.total ?? 0, eta: null });
      stop = followRun(id, {
        onState: () => undefined,
        onProgress: (done, total, eta) => setState((s) => (s.kind === 'running' ? { ...s, done, total, eta } : s)),
        onDone: (result) => setState({ kind: 'done', run, result }),
        onFailed: (message) => setState({ kind: 'ended', run, message: `The run failed: ${message}` }),
        onCancelled: () => setState({ kind: 'ended', run, message: 'The run was cancelled.' }),
        onPrecision: (b) => setBatches((bs) => (bs.some((x) => x.replications === b.replications) ? bs : [...bs, b])),
      });
    }, (e: unknown) => setState({ kind: 'error', message: e instanceof ApiError ? e.message : String(e), status: e instanceof ApiError ? e.status : undefined }));
    return () => stop?.();
  }, [id]);

  if (state.kind === 'loading') return <Loading what="the run" />;
  if (state.kind === 'error') return <ErrorMessage page title="The run could not be opened." message={state.message} action={state.status === 401 ? <TokenPrompt /> : <a href="#/">Back to the scenarios</a>} />;
  const title = state.run.title ?? state.run.scenarioId ?? '';
  const cancel = async () => {
    setCancelling(true);
    setCancelError(null);
    // The socket tells the page when the run has stopped (cancelled, or done if it finished first).
    try { await api.cancelRun(id); } catch (e) { setCancelling(false); setCancelError(e instanceof ApiError ? e.message : String(e)); }
  };
  const whatWasRun = (
    <section className="what-was-run" aria-labelledby="what-was-run-title">
      <h2 id="what-was-run-title">What was run</h2>
      <RunOrigin run={state.run} />
      {state.run.replications !== undefined && <p className="muted">{state.run.replications} replication{state.run.replications === 1 ? '' : 's'} per option, seed {state.run.seed}.</p>}
      <OptionsCompared options={state.kind === 'done' ? state.result.variants.slice(1) : optionsOf(state.run)} scenario={state.run.scenario} />
      <DownloadScenarioAsRun run={state.run} />
    </section>
  );
  const options = state.kind === 'done' ? state.result.variants.map((v) => ({ id: v.id, name: v.name })) : [{ id: 'baseline', name: 'Baseline' }, ...optionsOf(state.run)];
  const sized = batches.length > 0 || (state.kind === 'done' && state.result.precision);
  return (
    <div className="run-page">
      <p className="breadcrumb"><a href="#/">Scenarios</a>{state.run.scenarioId && <> › <a href={`#/scenario/${encodeURIComponent(state.run.scenarioId)}`}>{title}</a></>} › run</p>
      <h1 className="run-page__title">{title}</h1>
      {state.kind === 'running' && (
        <div className="progress" role="status" aria-live="polite">
          <progress max={state.total || 1} value={state.total ? state.done : undefined} aria-label="Run progress" />
          <span className="progress__text">{state.total ? `${state.done} of ${state.total} replications${state.eta !== null ? `, ${formatDuration(state.eta)} left` : ''}` : 'Queued, waiting to start…'}</span>
          <button type="button" className="danger" onClick={() => void cancel()} disabled={cancelling}>{cancelling ? 'Cancelling…' : 'Cancel run'}</button>
        </div>
      )}
      {cancelError && <p className="message message--error" role="alert">{cancelError}</p>}
      {sized && <PrecisionLive batches={batches} options={options} names={namesOf(state.run.scenario)} result={state.kind === 'done' ? state.result : undefined} ended={state.kind === 'ended'}
        asked={state.kind === 'done' && state.result.precision ? state.result.precision.target : batches[0]?.target ?? ''} />}
      {state.kind === 'ended' && <ErrorMessage title={title} message={state.message} />}
      {/* Running: what is being run under the progress; done: the comparison first, then what was run. */}
      {state.kind !== 'done' && whatWasRun}
      {state.kind === 'done' && <CompareView result={state.result} runId={id} title={title} scenario={state.run.scenario}
        provenance={{ version: state.run.origin?.version, edited: state.run.origin?.edited, date: state.run.finishedAt }}
        more={<RegionalView result={state.result} scenario={state.run.scenario} />} />}
      {state.kind === 'done' && <EventLogDownload runId={id} replications={state.result.replications} options={options} />}
      {state.kind === 'done' && <StressReportButtons runId={id} />}
      {state.kind === 'done' && whatWasRun}
    </div>
  );
}

