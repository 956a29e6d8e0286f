// The browser side of bench/browser-engine.ts: one engine benchmark (bench/models.ts) in a
// fresh Web Worker, timed as bench/run-model.ts times it in Node (building, compiling and
// running the model; not the worker's start).
import { Simulation } from '../../engine/core/simulation.ts';
import { models, type ModelName } from '../models.ts';

self.onmessage = (e: MessageEvent<{ model: ModelName; customers: number; seed: number }>) => {
  const { model, customers, seed } = e.data;
  const spec = models[model];
  const t0 = performance.now();
  const sim = new Simulation(spec.build(customers).compile(), { seed });
  const result = sim.run();
  const ms = performance.now() - t0;
  const meanWait = spec.stations.reduce((sum, s) => sum + result.pools[s].waits.mean, 0);
  self.postMessage({ ms, events: customers * spec.eventsPerCustomer, meanWait });
};
