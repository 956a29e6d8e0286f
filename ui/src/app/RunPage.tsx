// A run on its own page (from "recent runs" or a bookmark): progress while it runs, then
// the comparison.
import { useEffect, useState } from 'react';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { api, ApiError, type RunInfo } from '../lib/api.ts';
import { followRun } from '../lib/run-socket.ts';
import { formatDuration } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { TokenPrompt } from '../components/TokenPrompt.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; status?: number }
  | { kind: 'running'; run: RunInfo; done: number; total: number; eta: number | null }
  | { kind: 'done'; run: RunInfo; result: RunResultDoc }
  | { kind: 'ended'; run: RunInfo; message: string };

export function RunPage({ id }: { id: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
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
      });
    }, (e: unknown) => setState({ kind: 'error', message: e instanceof ApiError ? e.message : String(e), status: e instanceof ApiError ? e.status : undefined }));
    return () => stop?.();
  }, [id]);

  if (state.kind === 'loading') return <Loading what="the run" />;
  if (state.kind === 'error') return <ErrorMessage title="The run could not be opened." message={state.message} action={state.status === 401 ? <TokenPrompt /> : <a href="#/">Back to the scenarios</a>} />;
  const title = state.run.title ?? state.run.scenarioId ?? '';
  return (
    <div className="run-page">
      <p className="breadcrumb"><a href="#/">Scenarios</a>{state.run.scenarioId && <> › <a href={`#/scenario/${encodeURIComponent(state.run.scenarioId)}`}>{title}</a></>} › run</p>
      {state.kind !== 'running' && <h1 className="run-page__title">{title}</h1>}
      {state.kind === 'running' && (
        <div className="progress" role="status" aria-live="polite">
          <h1>{title}</h1>
          <progress max={state.total || 1} value={state.total ? state.done : undefined} aria-label="Run progress" />
          <span className="progress__text">{state.total ? `${state.done} of ${state.total} replications${state.eta !== null ? `, ${formatDuration(state.eta)} left` : ''}` : 'Queued, waiting to start…'}</span>
        </div>
      )}
      {state.kind === 'ended' && <ErrorMessage title={title} message={state.message} />}
      {state.kind === 'done' && <CompareView result={state.result} runId={id} title={title} />}
    </div>
  );
}
