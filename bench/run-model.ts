// One benchmark model in its own process, so that its peak memory is its own.
// Prints one JSON line. Timed: building, compiling and running the model (not Node start-up).
import { Simulation } from '../engine/core/simulation.ts';
import { models, type ModelName } from './models.ts';

const [name, n = '1000000', seed = '12345'] = process.argv.slice(2);
if (!(name in models)) {
  console.error(`unknown model "${name}" (known: ${Object.keys(models).join(', ')})`);
  process.exit(2);
}
const spec = models[name as ModelName];
const customers = Number(n);
const t0 = process.hrtime.bigint();
const sim = new Simulation(spec.build(customers).compile(), { seed: Number(seed) });
const result = sim.run();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
// Every customer completes (the run goes on until the system is empty), so the mean total
// wait is the sum of the per-station mean waits.
const meanWait = spec.stations.reduce((sum, s) => sum + result.pools[s].waits.mean, 0);
console.log(JSON.stringify({
  model: name,
  customers,
  events: customers * spec.eventsPerCustomer,
  engine_events: sim.events,
  seconds,
  mean_wait_h: meanWait,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
}));
