// `node bench/ab-scenario.mjs ROOT FILE [--reps R] [--variants N]`: a library scenario's
// replications as a pool worker runs them (runner/replicate.ts runOne: the simulation, its
// results and KPIs), one after another in this thread, from the compiled build of the
// checkout at ROOT (ROOT/dist). For A-B comparisons of two builds on a shared machine:
// alternate runs of two roots and compare CPU time per journey, not wall time alone.
// One simulated year after the warm-up, as bench/scenario.ts.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const [root, file] = args.filter((a) => !a.startsWith('--'));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const reps = opt('--reps', 2);
const nVariants = opt('--variants', Infinity);
const dist = (p) => pathToFileURL(resolve(root, 'dist', p)).href;
const { loadScenario } = await import(dist('scenarios/load.js'));
const { compileVariants, runOne } = await import(dist('runner/replicate.js'));
const loaded = loadScenario(file);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const s = structuredClone(loaded.value);
s.time.horizonDays = s.time.warmupDays + 365;
for (const v of s.variants) if (v.patch.time?.horizonDays !== undefined) v.patch.time.horizonDays = s.time.horizonDays;
const compiled = compileVariants(s);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
const variants = compiled.value.slice(0, nVariants);
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let journeys = 0;
let check = 0;
for (const v of variants) {
  for (let k = 0; k < reps; k++) {
    const r = runOne(v.model, s.time.seed, k, false, { loads: v.loads });
    journeys += r.arrived;
    for (const x of Object.values(r.kpis)) if (Number.isFinite(x)) check += x;
  }
}
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  root, wall_s: +wall.toFixed(3), cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(3),
  wall_us_per_journey: +((wall * 1e6) / journeys).toFixed(3),
  cpu_us_per_journey: +(((cpu.user + cpu.system)) / journeys).toFixed(3),
  journeys, check,
}));
