// `npm run bench:scenario -- FILE [--reps 100] [--years 1] [--workers 1]`: a library
// scenario, every variant, R replications of one simulated year after its warm-up, run one
// after another on one core (--workers 1, the default, so that earlier figures stay
// comparable) or on a pool of N worker threads (runner/local; the time includes starting
// the workers and compiling the scenario in each). Prints one JSON line:
// wall seconds, seconds per replication-year, patient journeys, core time per journey and
// the process's CPU time per journey (steadier than wall time on a shared machine), to set beside the hospital-model peers of ../shared/PERFORMANCE.md (HEP, treat-sim).
import { loadScenario } from '../scenarios/load.ts';
import { compileVariants } from '../runner/replicate.ts';
import { replicationPool } from '../runner/local/pool.ts';
import { Simulation } from '../engine/core/simulation.ts';
import { formatIssues } from '../scenarios/errors.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
if (!file) {
  console.error('usage: npm run bench:scenario -- FILE [--reps 100] [--years 1] [--workers 1]');
  process.exit(2);
}
const reps = opt('--reps', 100);
const years = opt('--years', 1);
const workers = opt('--workers', 1);
if (!Number.isInteger(workers) || workers < 1) {
  console.error(`--workers needs an integer ≥ 1, got ${workers}`);
  process.exit(2);
}
const loaded = loadScenario(file);
if (!loaded.ok) {
  console.error(formatIssues(loaded.issues));
  process.exit(1);
}
// A copy: the loaded scenario keeps its parsed variants, which would ignore the horizon set below.
const s = structuredClone(loaded.value);
// One simulated year (or --years) after the scenario's own warm-up.
s.time.horizonDays = s.time.warmupDays + 365 * years;
for (const v of s.variants) {
  const t = (v.patch as { time?: { horizonDays?: number } }).time;
  if (t?.horizonDays !== undefined) t.horizonDays = s.time.horizonDays;
}
const compiled = compileVariants(s);
if (!compiled.ok) {
  console.error(formatIssues(compiled.issues));
  process.exit(1);
}
const t0 = process.hrtime.bigint();
// CPU time of this process (all its threads): on a shared, loaded machine wall time
// measures the other jobs as much as this one; CPU time much less.
const cpu0 = process.cpuUsage();
let journeys = 0;
if (workers === 1) {
  for (const v of compiled.value) {
    for (let k = 0; k < reps; k++) {
      const h = v.model;
      const sim = new Simulation(h.model, { seed: s.time.seed, replication: k, warmup: h.warmup, horizon: h.horizon });
      sim.runUntil(sim.horizon);
      journeys += sim.arrived;
      sim.results();
    }
  }
} else {
  // The same replications (no daily series), each a task; the KPIs come back too.
  const pool = replicationPool(workers);
  const json = JSON.stringify(s);
  try {
    const done = await Promise.all(compiled.value.flatMap((v) => Array.from({ length: reps }, (_, k) =>
      pool.run({ scenario: json, variant: v.id, seed: s.time.seed, replication: k, series: false }))));
    for (const r of done) journeys += r.arrived;
  } finally {
    await pool.close();
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const replicationYears = compiled.value.length * reps * years;
console.log(JSON.stringify({
  scenario: s.id,
  variants: compiled.value.length,
  replications: reps,
  workers,
  simulated_years_each: years,
  warmup_days: s.time.warmupDays,
  wall_seconds: Math.round(seconds * 100) / 100,
  seconds_per_replication_year: Number((seconds / replicationYears).toPrecision(3)),
  patient_journeys: journeys,
  journeys_per_replication_year: Math.round(journeys / replicationYears),
  // Core time: wall × workers (each worker has a core of its own while it runs).
  core_microseconds_per_journey: Number(((seconds * workers * 1e6) / journeys).toPrecision(3)),
  cpu_seconds: Math.round(cpuSeconds * 100) / 100,
  cpu_microseconds_per_journey: Number(((cpuSeconds * 1e6) / journeys).toPrecision(3)),
  node: process.version,
}));
