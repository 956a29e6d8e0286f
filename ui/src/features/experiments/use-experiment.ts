// One experiment at a time from a form: start it, follow it by polling (the server keeps
// experiments in memory and answers GET /api/experiments/:id with its progress), cancel
// it; every failure as a message a manager can read, with the fields the server named.
import { useEffect, useRef, useState } from 'react';
import { ApiError, type ApiIssue } from '../../lib/api.ts';
import { experimentsApi, type Experiment } from './experiment-api.ts';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; experiment: Experiment; cancelling?: boolean }
  | { kind: 'done'; experiment: Experiment }
  | { kind: 'failed'; message: string; issues: ApiIssue[] }
  | { kind: 'cancelled' };

const POLL_MS = 250;

export function useExperiment() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const current = useRef<string | null>(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const fail = (e: unknown) => setPhase(e instanceof ApiError ? { kind: 'failed', message: e.message, issues: e.issues } : { kind: 'failed', message: (e as Error).message, issues: [] });

  const follow = (id: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      experimentsApi.get(id).then((x) => {
        if (current.current !== id) return;
        if (x.status === 'done') setPhase({ kind: 'done', experiment: x });
        else if (x.status === 'failed') setPhase({ kind: 'failed', message: x.error ?? 'The experiment failed without a message.', issues: [] });
        else if (x.status === 'cancelled') setPhase({ kind: 'cancelled' });
        else {
          setPhase((p) => ({ kind: 'running', experiment: x, cancelling: p.kind === 'running' && p.cancelling }));
          follow(id);
        }
      }, fail);
    }, POLL_MS);
  };

  const start = async (launch: () => Promise<Experiment>) => {
    clearTimeout(timer.current);
    current.current = null;
    setPhase({ kind: 'starting' });
    try {
      const x = await launch();
      current.current = x.id;
      setPhase({ kind: 'running', experiment: x });
      follow(x.id);
    } catch (e) { fail(e); }
  };

  const cancel = async () => {
    if (phase.kind !== 'running') return;
    const id = phase.experiment.id;
    setPhase({ ...phase, cancelling: true });
    try {
      const x = await experimentsApi.cancel(id);
      if (x.status === 'cancelled') { clearTimeout(timer.current); current.current = null; setPhase({ kind: 'cancelled' }); }
    } catch (e) { fail(e); }
  };

  return { phase, start, cancel, busy: phase.kind === 'starting' || phase.kind === 'running' };
}
