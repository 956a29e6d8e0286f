// Teaching mode: one page that composes the live view, the facilitator's controls and
// changes, the session log, predictions, a small experiment and share links. It runs
// entirely in the browser (engine in Web Workers), so the built files work offline.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { LIBRARY } from './library.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import { lockBefore, loadPredictions, savePredictions, type Prediction } from './predictions.ts';
import { clockText, defaultSpec, specFromQuery, type SessionSpec } from './session.ts';
import { forgetSession, loadSession, saveSession } from './saved-session.ts';
import { decodeSpec, shareUrl } from './share-link.ts';
import { newEngineWorker, useEngine } from './use-engine.ts';
import { recentFps } from './frame-meter.ts';
import { DotLegend, LiveView } from './components/LiveView.tsx';
import { useProjectorMode } from './projector-mode.ts';
import { ClockAndCounters } from './components/ClockAndCounters.tsx';
import { PlayControls, DEFAULT_SPEED } from './components/PlayControls.tsx';
import { ChangePanel } from './components/ChangePanel.tsx';
import { SessionLog } from './components/SessionLog.tsx';
import { PredictionsPanel } from './components/PredictionsPanel.tsx';
import { ExperimentPanel } from './components/ExperimentPanel.tsx';
import { SharePanel } from './components/SharePanel.tsx';
import { ScenarioPicker } from './components/ScenarioPicker.tsx';
import { QueueChart } from './components/QueueChart.tsx';

export function TeachApp() {
  const [opening, setOpening] = useState<SessionSpec | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  /** The moment a session kept in this browser was reopened at (simulated hours), while its notice shows. */
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  useEffect(() => {
    const fromHash = () => {
      if (!location.hash.startsWith('#s=')) {
        // No link and no query: the session this browser was showing, if any (a reload).
        const saved = location.search ? null : loadSession();
        if (saved) setRestoredAt((r) => r ?? saved.at);
        return setOpening((o) => o ?? saved ?? specFromQuery(location.search));
      }
      decodeSpec(location.hash).then((r) => {
        setLinkError(r.ok ? null : r.message);
        setOpening((o) => (r.ok ? r.spec : o ?? specFromQuery(location.search)));
      });
    };
    fromHash();
    // A share link pasted into a tab already showing teaching mode changes only the hash: no reload.
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, []);
  const engine = useEngine(opening);
  const { info, spec, frame, position, playing, error, send, frames, history: queueHistory } = engine;
  const [speed, setSpeed] = useState(DEFAULT_SPEED);
  const [skipQuiet, setSkipQuiet] = useState(true);
  useEffect(() => {
    if (info) { send({ type: 'speed', hoursPerSecond: speed }); send({ type: 'skip-quiet', on: skipQuiet }); }
  }, [info, speed, skipQuiet, send]);

  const experiment = useExperiment(spec, info?.id ?? null);
  const [predictions, setPredictions] = useState<Prediction[]>([]);
  useEffect(() => { if (info) setPredictions(loadPredictions(info.id)); }, [info]);
  const changePredictions = useCallback((ps: Prediction[]) => { setPredictions(ps); if (info) savePredictions(info.id, ps); }, [info]);
  // Results shown: the predictions written before them are locked, in this browser's storage too.
  useEffect(() => {
    if (!info || !experiment.revealedAt) return;
    setPredictions((ps) => {
      const locked = lockBefore(ps, experiment.revealedAt!);
      savePredictions(info.id, locked);
      return locked;
    });
  }, [experiment.revealedAt, info]);

  // Frames arrive ~20 times a second: panels that do not show them must not re-render with them.
  const positionNow = useRef(position);
  positionNow.current = position;
  const makeUrl = useCallback(() => shareUrl({ ...spec!, ...positionNow.current }, location.href), [spec]);
  const runExperiment = useCallback(() => experiment.run(experiment.replications ?? info!.replications, experiment.seed ?? info!.seed), [experiment, info]);
  const fps = useFps();
  // Keep the session (with the moment shown) whenever it changes or play stops, and as the page goes.
  useEffect(() => {
    if (!spec) return;
    const save = () => saveSession({ ...spec, ...positionNow.current });
    if (!playing) save();
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
    // While paused, each step or jump is saved; while playing, only the stop and the page going.
  }, [spec, playing, playing ? null : position]);
  const startAfresh = () => { forgetSession(); setRestoredAt(null); setOpening(defaultSpec()); history.replaceState(null, '', location.pathname); };
  const [projector, toggleProjector] = useProjectorMode();

  if (!opening || !spec) {
    return (
      <main className="teach">
        <h1>pathflow teaching mode</h1>
        {error
          ? <><p className="error" role="alert" data-testid="error">{error}</p><p><a href={location.pathname}>Open the teaching scenario instead</a></p></>
          : <p>loading the engine…</p>}
      </main>
    );
  }
  return (
    <main className="teach">
      <header className="teach-header">
        <h1>{info?.title ?? 'pathflow teaching mode'}</h1>
        <ScenarioPicker library={Object.keys(LIBRARY)} spec={spec} info={info} onOpen={(s) => { setOpening(s); setRestoredAt(null); history.replaceState(null, '', location.pathname); }} />
        <button type="button" className="projector-toggle" data-testid="projector" aria-pressed={projector} onClick={toggleProjector}
          title="large text and high contrast, for a room reading a projected screen">Projector mode</button>
      </header>
      {linkError && <p className="error" role="alert">{linkError}</p>}
      {restoredAt !== null && (
        <p className="restored" role="status" data-testid="restored">
          Reopened the session this browser was showing, at {clockText(restoredAt, info?.startWeekday ?? 0)}, with its changes.{' '}
          <button type="button" onClick={startAfresh}>Start afresh</button>{' '}
          <button type="button" onClick={() => setRestoredAt(null)}>Dismiss</button>
        </p>
      )}
      {error && <p className="error" role="alert" data-testid="error">{error}</p>}
      {info?.question && <p className="question">{info.question}</p>}
      <div className="stage">
        <div className="stage-main">
          <ClockAndCounters frame={frame} startWeekday={info?.startWeekday ?? 0} targetWait={spec.targetWait} />
          <PlayControls playing={playing} ended={frame?.ended ?? false} speed={speed} skipQuiet={skipQuiet} send={send} onSpeed={setSpeed} onSkipQuiet={setSkipQuiet} />
          {info && <LiveView places={info.places} frame={frame} frames={frames} />}
          {info && <DotLegend />}
          {info && <QueueChart places={info.places} today={queueHistory.current.today} yesterday={queueHistory.current.yesterday} version={frame} />}
          <p className="fps muted" data-testid="fps">{fps.toFixed(0)} frames/s</p>
        </div>
        <aside className="stage-side">
          {info && <ChangePanel info={info} frame={frame} send={send} />}
          {info && <SessionLog spec={spec} startWeekday={info.startWeekday} send={send} />}
          <SharePanel makeUrl={makeUrl} />
        </aside>
      </div>
      {info && <PredictionsPanel info={info} kpis={experiment.kpis} predictions={predictions} onChange={changePredictions} result={experiment.result}
        revealedAt={experiment.revealedAt} running={experiment.progress !== null && experiment.result === null} />}
      {info && (
        <ExperimentPanel replications={experiment.replications ?? info.replications} seed={experiment.seed ?? info.seed}
          onReplications={experiment.setReplications} onSeed={experiment.setSeed}
          onRun={runExperiment}
          progress={experiment.progress} result={experiment.result} liveChanges={spec?.changes.length ?? 0} />
      )}
      {info?.description && <details className="about"><summary>About this scenario</summary><p>{info.description}</p></details>}
    </main>
  );
}

/** The experiment worker: KPI names for predictions as soon as a scenario is open, then runs on demand. */
function useExperiment(spec: SessionSpec | null, scenarioId: string | null) {
  const worker = useRef<Worker | null>(null);
  const [kpis, setKpis] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<RunResultDoc | null>(null);
  const [revealedAt, setRevealedAt] = useState<string | null>(null);
  const [replications, setReplications] = useState<number | null>(null);
  const [seed, setSeed] = useState<number | null>(null);
  const scenarioKey = spec ? JSON.stringify(spec.scenario) : null;
  useEffect(() => {
    if (!spec || !scenarioId) return;
    const w = newEngineWorker();
    worker.current = w;
    setResult(null); setProgress(null); setKpis([]); setRevealedAt(null);
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === 'kpi-names') setKpis(m.names);
      else if (m.type === 'progress') setProgress({ done: m.done, total: m.total });
      else if (m.type === 'result') { setResult(m.doc); setRevealedAt(new Date().toISOString()); }
    };
    w.postMessage({ type: 'kpi-names', spec } satisfies ToWorker);
    return () => { w.terminate(); worker.current = null; };
    // A new worker per scenario, not per change of the live session.
  }, [scenarioKey, scenarioId]);
  const specRef = useRef(spec);
  specRef.current = spec;
  const run = useCallback((reps: number, s: number) => {
    if (!worker.current || !specRef.current) return;
    setResult(null);
    setProgress({ done: 0, total: reps });
    worker.current.postMessage({ type: 'experiment', spec: specRef.current, replications: reps, seed: s } satisfies ToWorker);
  }, []);
  return useMemo(() => ({ kpis, progress, result, revealedAt, run, replications, setReplications, seed, setSeed }), [kpis, progress, result, revealedAt, run, replications, seed]);
}

function useFps(): number {
  const [fps, setFps] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setFps(recentFps()), 1000);
    return () => clearInterval(id);
  }, []);
  return fps;
}
