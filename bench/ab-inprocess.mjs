// `node bench/ab-inprocess.mjs FILE ROOT_A ROOT_B [--rounds N] [--reps R]`: two builds of
// the package (ROOT/dist) loaded side by side in one process, replications of a library
// scenario run as a pool worker runs them (runOne), alternating A and B replication by
// replication (A B B A ...), the same variant and replication number for both. On a
// shared, loaded machine the two builds then see the same load at the same moments: the
// median of the per-round ratios of CPU time B/A (and the minimum time of each) says more than
// separate runs would. Checks that both builds give the same KPIs.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const [file, ...roots] = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const rounds = opt('--rounds', 10);
const builds = [];
for (const root of roots) {
  const dist = (p) => pathToFileURL(resolve(root, 'dist', p)).href;
  const { loadScenario } = await import(dist('scenarios/load.js'));
  const { compileVariants, runOne } = await import(dist('runner/replicate.js'));
  const loaded = loadScenario(file);
  const s = structuredClone(loaded.value);
  s.time.horizonDays = s.time.warmupDays + 365;
  for (const v of s.variants) if (v.patch.time?.horizonDays !== undefined) v.patch.time.horizonDays = s.time.horizonDays;
  const compiled = compileVariants(s);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  builds.push({ root, s, variants: compiled.value, runOne, times: [], journeys: 0 });
}
const ratios = [];
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? builds : [...builds].reverse();
  const v = r % builds[0].variants.length;
  const kpis = [];
  for (const b of order) {
    // CPU time of the process (all threads): on a loaded machine far steadier than wall time.
    const c0 = process.cpuUsage();
    const out = b.runOne(b.variants[v].model, b.s.time.seed, r, false, { loads: b.variants[v].loads });
    const c = process.cpuUsage(c0);
    const dt = (c.user + c.system) / 1000;
    b.journeys += out.arrived;
    b.times.push(dt / out.arrived);
    kpis.push(JSON.stringify(out.kpis));
  }
  if (kpis.some((k) => k !== kpis[0])) throw new Error(`round ${r}: the builds' KPIs differ`);
  if (r > 0) ratios.push(builds[1].times[r] / builds[0].times[r]); // round 0 warms up
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
for (const b of builds) {
  const t = b.times.slice(1).map((x) => x * 1000);
  console.log(JSON.stringify({ root: b.root, median_us_per_journey: +med(t).toFixed(3), min_us_per_journey: +Math.min(...t).toFixed(3) }));
}
console.log(JSON.stringify({ ratio_b_over_a_median: +med(ratios).toFixed(3), ratio_min: +Math.min(...ratios).toFixed(3), ratio_max: +Math.max(...ratios).toFixed(3), rounds: ratios.length }));
