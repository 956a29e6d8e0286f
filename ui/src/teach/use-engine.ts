// The page's side of the engine worker: one live worker, its latest frame and session,
// and a send function. Frames arrive ~20 times a second while playing; React state holds
// only the latest, and the dot layer reads frames from a ref without re-rendering.
import { useEffect, useRef, useState, useCallback } from 'react';
import type { Frame } from './live-run.ts';
import type { FromWorker, ScenarioInfo, ToWorker } from './messages.ts';
import type { SessionSpec } from './session.ts';
import { QueueHistory } from './queue-history.ts';

export interface FrameEvent {
  frame: Frame;
  /** performance.now() when it arrived. */
  at: number;
}

export interface Engine {
  info: ScenarioInfo | null;
  spec: SessionSpec | null;
  frame: Frame | null;
  /** How the current moment was reached, for share links. */
  position: { at: number; steps: number };
  playing: boolean;
  error: string | null;
  send: (m: ToWorker) => void;
  /** Queues over the day, fed by every frame (the chart re-renders with the frame). */
  history: React.RefObject<QueueHistory>;
  /** Latest frames for the animation (read in requestAnimationFrame). */
  frames: React.RefObject<{ prev: FrameEvent | null; last: FrameEvent | null }>;
}

export function newEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
}

export function useEngine(initial: SessionSpec | null): Engine {
  const worker = useRef<Worker | null>(null);
  const frames = useRef<{ prev: FrameEvent | null; last: FrameEvent | null }>({ prev: null, last: null });
  const history = useRef(new QueueHistory());
  const [info, setInfo] = useState<ScenarioInfo | null>(null);
  const [spec, setSpec] = useState<SessionSpec | null>(null);
  const [frame, setFrame] = useState<Frame | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState({ at: 0, steps: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!initial) return;
    const w = newEngineWorker();
    worker.current = w;
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      switch (m.type) {
        case 'loaded':
          setInfo(m.info); setSpec(m.spec); setError(null);
          frames.current = { prev: null, last: null };
          history.current = new QueueHistory();
          break;
        case 'session': setSpec(m.spec); setError(null); break;
        case 'frame':
          frames.current = { prev: frames.current.last, last: { frame: m.frame, at: performance.now() } };
          history.current.add(m.frame);
          setFrame(m.frame);
          setPlaying(m.playing);
          setPosition(m.position);
          break;
        case 'error': setError(m.message); break;
      }
    };
    w.onerror = (e) => setError(`engine worker failed: ${e.message}`);
    w.postMessage({ type: 'load', spec: initial } satisfies ToWorker);
    return () => { w.terminate(); worker.current = null; };
  }, [initial]);

  const send = useCallback((m: ToWorker) => worker.current?.postMessage(m), []);
  return { info, spec, frame, position, playing, error, send, frames, history };
}
