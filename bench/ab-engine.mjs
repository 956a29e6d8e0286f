// `node bench/ab-engine.mjs ROOT_A ROOT_B [--rounds N] [--customers C]`: the engine
// benchmarks of bench/models.ts (mmc, tandem) from two builds (ROOT/dist) in one process,
// alternating A B B A, CPU time per run; prints the median per-round ratio B/A for each
// model. Beside `npm run bench` (wall time against baseline.js, fresh processes): on a
// shared machine this ratio is the steadier measure of a change to the engine.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const rounds = opt('--rounds', 8);
const customers = opt('--customers', 1_000_000);
const builds = [];
for (const root of roots) {
  const dist = (p) => pathToFileURL(resolve(root, 'dist', p)).href;
  const { Model } = await import(dist('engine/core/model.js'));
  const { seize, delay, release, exit } = await import(dist('engine/core/pathway.js'));
  const { exponential } = await import(dist('engine/core/distributions.js'));
  const { Simulation } = await import(dist('engine/core/simulation.js'));
  const models = {
    mmc: () => new Model().pool('server', { capacity: 10 })
      .pathway('customer', [seize('server'), delay(exponential(1)), release('server'), exit()])
      .source('arrivals', { pathway: 'customer', interarrival: exponential(1 / 9), limit: customers }),
    tandem: () => new Model().pool('s1', { capacity: 5 }).pool('s2', { capacity: 5 }).pool('s3', { capacity: 5 })
      .pathway('customer', [...['s1', 's2', 's3'].flatMap((s) => [seize(s), delay(exponential(1), { stream: `service:${s}` }), release(s)]), exit()])
      .source('arrivals', { pathway: 'customer', interarrival: exponential(1 / 4), limit: customers }),
  };
  builds.push({ root, models, Simulation });
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
for (const name of ['mmc', 'tandem']) {
  const times = builds.map(() => []);
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    const waits = [];
    for (const i of order) {
      const b = builds[i];
      const c0 = process.cpuUsage();
      const sim = new b.Simulation(b.models[name]().compile(), { seed: 12345 });
      const res = sim.run();
      const c = process.cpuUsage(c0);
      times[i].push((c.user + c.system) / 1e6);
      waits.push(Object.values(res.pools).reduce((s, p) => s + p.waits.mean, 0));
    }
    if (waits[0] !== waits[1]) throw new Error(`${name}: the builds' mean waits differ`);
    if (r > 0) ratios.push(times[1][r] / times[0][r]);
  }
  console.log(JSON.stringify({ model: name, customers, a: roots[0], a_median_cpu_s: +med(times[0].slice(1)).toFixed(3), b: roots[1], b_median_cpu_s: +med(times[1].slice(1)).toFixed(3), ratio_b_over_a_median: +med(ratios).toFixed(3), ratio_min: +Math.min(...ratios).toFixed(3), ratio_max: +Math.max(...ratios).toFixed(3) }));
}
