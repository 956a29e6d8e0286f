// A live run's thread: compiles the variant and steps its one replication through
// simulated time in slices, posting a snapshot after each slice, at most framesPerSecond
// a second (live-run.ts forwards them). It runs here, not on the server's thread, so a
// model that grows or loops cannot hold the thread that answers requests; the server ends
// it by terminating the thread.
import { parentPort } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { Simulation } from '../../engine/core/simulation.ts';
import { BudgetError } from '../../engine/core/errors.ts';
import { DAY } from '../../engine/hospital/week.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { compileVariant, replicationOf } from '../../runner/replicate.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { budgetMessage } from '../../scenarios/cost/budget.ts';
import { MAX_IN_SYSTEM, type LiveFromWorker, type LiveStart } from './protocol.ts';
import { niceThread, SERVER_WORKER_NICENESS } from '../../runner/local/priority.ts';

niceThread(SERVER_WORKER_NICENESS); // only a server has these threads

const post = (m: LiveFromWorker) => parentPort!.postMessage(m);

async function live(m: LiveStart): Promise<void> {
  const parsed = parseScenario(JSON.parse(m.scenario));
  if (!parsed.ok) throw new Error(`the scenario sent to the live run is invalid:\n${formatIssues(parsed.issues)}`);
  const c = compileVariant(parsed.value, m.variant);
  if (!c.ok) throw new Error(`variant "${m.variant}" does not compile:\n${formatIssues(c.issues)}`);
  const h = c.value.model;
  const sim = new Simulation(h.model, {
    seed: m.seed, replication: 0, warmup: h.warmup, horizon: h.horizon, sampleEvery: DAY,
    maxInSystem: Math.min(m.budget.inSystem, MAX_IN_SYSTEM + 1), maxEvents: m.budget.events,
  });
  const frameMs = 1000 / m.framesPerSecond;
  let clock = 0;
  let lastFrame = 0;
  try {
    while (clock < h.horizon) {
      const target = Math.min(clock + m.stepHours, h.horizon);
      // step() alone, never runUntil(target): runUntil moves the clock to target, and the
      // replication must stay the one that runs straight to the horizon.
      while (sim.nextEventTime() <= target && sim.step()) {
        if (sim.inSystem > MAX_IN_SYSTEM) {
          throw new Error(`more than ${MAX_IN_SYSTEM.toLocaleString('en-GB')} patients in the system at t=${sim.now.toFixed(1)} h: too many to show live (the model may be overloaded; run it as a normal run)`);
        }
      }
      clock = target;
      const wait = lastFrame + frameMs - Date.now();
      if (wait > 0) await sleep(wait);
      lastFrame = Date.now();
      post({ type: 'frame', frame: { ...sim.snapshot(), time: clock, horizon: h.horizon, warmup: h.warmup } });
    }
    sim.runUntil(h.horizon);
  } catch (e) {
    if (e instanceof BudgetError && e.budget === 'inSystem' && e.limit > MAX_IN_SYSTEM) {
      throw new Error(`more than ${MAX_IN_SYSTEM.toLocaleString('en-GB')} patients in the system at t=${sim.now.toFixed(1)} h: too many to show live (the model may be overloaded; run it as a normal run)`);
    }
    if (e instanceof BudgetError) throw new Error(budgetMessage(e, c.value.loads));
    throw e;
  }
  post({ type: 'done', replication: replicationOf(sim, h) });
}

parentPort!.once('message', (m: LiveStart) => {
  live(m).catch((e: unknown) => post({ type: 'failed', error: e instanceof Error ? e.message : String(e) }));
});
