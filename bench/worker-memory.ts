// `npx tsx bench/worker-memory.ts [FILE] [--reps 3]`: the memory of one worker thread
// running a scenario's replications one after another, as the local pool's workers do:
// every variant, R replications each, in a worker_thread with the pool's heap cap
// (workerMemoryMb). Every simulated week the worker reads its own V8 heap
// (v8.getHeapStatistics: the isolate's, not the process's), so the figure is per worker;
// that it does not grow with the replications run is what "independent of the number of
// replications" means. Prints one JSON line: each replication's peak heap and the peaks over all.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { loadavg } from 'node:os';
import { loadScenario } from '../scenarios/load.ts';
import { compileVariants } from '../runner/replicate.ts';
import { Simulation } from '../engine/core/simulation.ts';
import { defaultCostLimits } from '../scenarios/cost/limits.ts';

const MB = 1024 * 1024;

if (isMainThread) {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'scenarios/library/region.yaml';
  const i = args.indexOf('--reps');
  const reps = i >= 0 ? Number(args[i + 1]) : 3;
  if (!Number.isInteger(reps) || reps < 1 || reps > 1000) {
    console.error(`--reps needs an integer from 1 to 1000, got ${args[i + 1]}`);
    process.exit(2);
  }
  const load0 = loadavg()[0];
  const t0 = Date.now();
  // Node 20 does not pass the tsx loader to a worker thread: the worker registers it, then loads this file.
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, {
    eval: true, workerData: { file, reps },
    resourceLimits: { maxOldGenerationSizeMb: defaultCostLimits.workerMemoryMb },
  });
  worker.on('message', (m: { heaps: { used: number; total: number }[]; journeys: number }) => {
    const used = m.heaps.map((h) => Math.round(h.used / MB));
    const total = m.heaps.map((h) => Math.round(h.total / MB));
    console.log(JSON.stringify({
      file, replications: m.heaps.length, heapCapMb: defaultCostLimits.workerMemoryMb,
      peakUsedHeapMbByReplication: used, peakTotalHeapMbByReplication: total,
      peakUsedMb: Math.max(...used), peakTotalMb: Math.max(...total),
      journeys: m.journeys, seconds: (Date.now() - t0) / 1000, processRssMb: Math.round(process.memoryUsage().rss / MB),
      node: process.version, loadAverage: [load0, loadavg()[0]].map((x) => Number(x.toFixed(2))),
    }));
  });
  worker.on('error', (e) => { console.error(e); process.exitCode = 1; });
} else {
  const { file, reps } = workerData as { file: string; reps: number };
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error(`${file} is invalid`);
  const compiled = compileVariants(loaded.value);
  if (!compiled.ok) throw new Error(`${file} does not compile`);
  const heaps: { used: number; total: number }[] = [];
  let journeys = 0;
  for (const v of compiled.value) {
    for (let k = 0; k < reps; k++) {
      const h = v.model;
      const sim = new Simulation(h.model, { seed: loaded.value.time.seed, replication: k, warmup: h.warmup, horizon: h.horizon });
      // A week at a time, the heap read after each: its peak during the replication, not only at the end.
      let used = 0, total = 0;
      const look = () => { const s = getHeapStatistics(); used = Math.max(used, s.used_heap_size); total = Math.max(total, s.total_heap_size); };
      for (let t = Math.min(168, sim.horizon); ; t = Math.min(t + 168, sim.horizon)) {
        sim.runUntil(t);
        look();
        if (t >= sim.horizon) break;
      }
      journeys += sim.arrived;
      sim.results();
      look();
      heaps.push({ used, total });
    }
  }
  parentPort!.postMessage({ heaps, journeys });
}
