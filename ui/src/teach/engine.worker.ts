// The teaching page's engine: a Web Worker that owns the live run and steps it in
// simulated-time slices paced by the wall clock, posting a frame after each slice, so
// the page only draws. A second instance of this worker runs experiments (replications
// of every variant) so the live picture keeps moving meanwhile.
import '../lib/zod-jitless.ts'; // first: before any schema is built
import { compileVariants, runOne } from '../../../runner/replicate.ts';
import { runVariants } from '../../../runner/summary.ts';
import { LIBRARY } from './library.ts';
import type { LiveRun } from './live-run.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import type { SessionSpec } from './session.ts';
import type { SessionChange } from './session-changes.ts';
import { openScenario, scenarioInfo, startRun } from './session-run.ts';
import type { HospitalModel } from '../../../scenarios/compile/compile.ts';

const TICK_MS = 50;
/** Longest wall-clock gap one slice makes up for: a stalled tab does not jump a day. */
const MAX_CATCH_UP_MS = 250;
/** With nobody in the system, a gap to the next event longer than this is skipped (if asked). */
const QUIET_HOURS = 1;

let model: HospitalModel | null = null;
let spec: SessionSpec | null = null;
let run: LiveRun | null = null;
let playing = false;
let hoursPerSecond = 1;
let skipQuiet = true;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastTick = 0;
/** How the run reached its current moment: run to `at`, then `steps` single events. */
let position = { at: 0, steps: 0 };

/** Runs to time t (never past the horizon): the position is that time, no single steps. */
function runTo(t: number): void {
  run!.runUntil(Math.min(t, run!.horizon));
  position = { at: run!.now, steps: 0 };
}

function post(m: FromWorker): void {
  if (m.type === 'frame') {
    const f = m.frame;
    (self as unknown as Worker).postMessage(m, [f.serials.buffer, f.where.buffer, f.waiting.buffer]);
  } else (self as unknown as Worker).postMessage(m);
}

function postFrame(): void {
  if (run) post({ type: 'frame', frame: run.frame(), playing, position });
}

function stop(): void {
  playing = false;
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

function tick(): void {
  if (!run || !playing) return;
  const now = performance.now();
  const dt = Math.min(now - lastTick, MAX_CATCH_UP_MS) / 1000;
  lastTick = now;
  let target = run.now + hoursPerSecond * dt;
  if (skipQuiet && run.sim.inSystem === 0) {
    const next = run.nextEventTime();
    if (next - run.now > QUIET_HOURS && next < Infinity) target = Math.max(target, next - QUIET_HOURS / 4);
  }
  runTo(target);
  if (run.ended) stop();
  postFrame();
  if (playing) timer = setTimeout(tick, TICK_MS);
}

function load(next: SessionSpec): void {
  stop();
  const opened = openScenario(next, LIBRARY);
  if (!opened.ok) return post({ type: 'error', message: opened.message });
  try {
    model = opened.model;
    spec = next;
    run = startRun(model, spec);
    position = { at: spec.at, steps: spec.steps ?? 0 };
  } catch (e) {
    return post({ type: 'error', message: (e as Error).message });
  }
  post({ type: 'loaded', info: scenarioInfo(opened.scenario, model, run), spec });
  postFrame();
}

/** Rebuilds the run with the whole log and brings it back to the time the room was at. */
function rebuildAt(t: number): void {
  spec = { ...spec!, at: 0, steps: 0 };
  run = startRun(model!, spec);
  runTo(t);
}

function experiment(s: SessionSpec, replications: number, seed: number): void {
  const opened = openScenario({ ...s, variant: 'baseline' }, LIBRARY);
  if (!opened.ok) return post({ type: 'error', message: opened.message });
  // The same compile and summary as `pathflow run --json`: every variant, replication k on the streams of (seed, k).
  const variants = compileVariants(opened.scenario);
  if (!variants.ok) return post({ type: 'error', message: variants.issues.map((i) => i.message).join('\n') });
  let last = 0;
  const doc = runVariants(opened.scenario, variants.value, {
    replications, seed,
    onProgress: (done, total) => {
      const now = performance.now();
      if (now - last > 100 || done === total) { last = now; post({ type: 'progress', done, total }); }
    },
  });
  post({ type: 'result', doc });
}

/** The KPI names a run of this scenario reports (one baseline replication), for predictions. */
function kpiNames(s: SessionSpec): void {
  const opened = openScenario({ ...s, variant: 'baseline' }, LIBRARY);
  if (!opened.ok) return post({ type: 'error', message: opened.message });
  post({ type: 'kpi-names', names: Object.keys(runOne(opened.model, s.seed, 0, false).kpis) });
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    switch (m.type) {
      case 'load': return load(m.spec);
      case 'experiment': return experiment(m.spec, m.replications, m.seed);
      case 'kpi-names': return kpiNames(m.spec);
      case 'speed': hoursPerSecond = m.hoursPerSecond; return;
      case 'skip-quiet': skipQuiet = m.on; return;
    }
    if (!run || !spec || !model) return post({ type: 'error', message: `"${m.type}" before a scenario is loaded` });
    switch (m.type) {
      case 'play':
        if (playing || run.ended) return;
        playing = true;
        lastTick = performance.now();
        timer = setTimeout(tick, TICK_MS);
        return postFrame();
      case 'pause':
        stop();
        return postFrame();
      case 'step':
        stop();
        if (run.step()) position = { ...position, steps: position.steps + 1 };
        return postFrame();
      case 'advance':
        stop();
        runTo(run.now + m.hours);
        return postFrame();
      case 'restart':
        stop();
        rebuildAt(0);
        return postFrame();
      case 'change': {
        const t = run.now;
        const c = m.change;
        const change: SessionChange = c.kind === 'capacity'
          ? { kind: 'capacity', at: t, pool: c.pool, capacity: c.capacity }
          : { kind: 'staff', at: t, team: c.team, role: c.role, delta: c.delta, ...(c.forHours ? { until: t + c.forHours } : {}) };
        const changes = [...spec.changes, change];
        // Check the change compiles before it enters the log.
        startRun(model, { ...spec, changes, at: 0, steps: 0 });
        spec = { ...spec, changes };
        rebuildAt(t);
        post({ type: 'session', spec });
        return postFrame();
      }
      case 'undo-change': {
        if (spec.changes.length === 0) return;
        const t = run.now;
        spec = { ...spec, changes: spec.changes.slice(0, -1) };
        rebuildAt(t);
        post({ type: 'session', spec });
        return postFrame();
      }
    }
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
};
