// What bench/browser-speed.ts times in both places: R replications of one simulated year
// (after the warm-up) of a scenario's baseline, one after another in this thread, from
// the scenario's text. The same module runs in Node and, bundled by Vite, in a Web Worker
// in Chromium, so the two figures time the same code on the same input. Parsing and
// compiling are outside the timed part: it is the engine's speed that is compared.
import { parseDocument } from 'yaml';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { compileVariants } from '../../runner/replicate.ts';
import { Simulation } from '../../engine/core/simulation.ts';

export interface Timed { ms: number; journeys: number; replications: number }

export function runReplications(text: string, reps: number, years: number, now: () => number): Timed {
  const parsed = parseScenario(parseDocument(text).toJS());
  if (!parsed.ok) throw new Error(`the scenario is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
  const s = structuredClone(parsed.value);
  s.time.horizonDays = s.time.warmupDays + 365 * years;
  s.variants = [];
  const compiled = compileVariants(s);
  if (!compiled.ok) throw new Error('the scenario does not compile');
  const h = compiled.value[0].model;
  let journeys = 0;
  const t0 = now();
  for (let k = 0; k < reps; k++) {
    const sim = new Simulation(h.model, { seed: s.time.seed, replication: k, warmup: h.warmup, horizon: h.horizon });
    sim.runUntil(sim.horizon);
    journeys += sim.arrived;
    sim.results();
  }
  return { ms: now() - t0, journeys, replications: reps };
}
