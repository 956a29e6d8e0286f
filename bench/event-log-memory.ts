// `npm run bench:event-log [-- --years 1 --format csv|ocel|both]`: peak memory of one
// replication of the ED scenario (scenarios/library/ed-skill-mix.yaml) over a year after
// its warm-up, without and with its event log written to a file (runner/event-log/), each
// in a fresh child process (peak RSS: process.resourceUsage().maxRSS, which covers the
// whole life of the process, so each case gets its own). Prints one JSON line per case.
import { spawnSync } from 'node:child_process';
import { openSync, writeSync, closeSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../scenarios/load.ts';
import { compileVariant, replicationOf, replicationSimulation } from '../runner/replicate.ts';
import { writeEventLog } from '../runner/event-log/replication-log.ts';
import { MAX_EVENTS } from '../runner/event-log/format.ts';

const here = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const years = Number(opt('--years', '1'));
const file = fileURLToPath(new URL('../scenarios/library/ed-skill-mix.yaml', import.meta.url));

function scenario() {
  const l = loadScenario(file);
  if (!l.ok) throw new Error('ed-skill-mix.yaml does not load');
  const s = structuredClone(l.value);
  s.time.horizonDays = s.time.warmupDays + 365 * years;
  return s;
}

function child(mode: string): void {
  const s = scenario();
  const started = process.hrtime.bigint();
  let out: Record<string, unknown>;
  if (mode === 'without') {
    const v = compileVariant(s, 'baseline');
    if (!v.ok) throw new Error('does not compile');
    const sim = replicationSimulation(v.value.model, s.time.seed, 0);
    sim.runUntil(sim.horizon);
    const r = replicationOf(sim, v.value.model);
    out = { arrived: r.arrived };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'pathflow-bench-'));
    const path = join(dir, mode === 'csv' ? 'log.csv' : 'log.ocel.json');
    const fd = openSync(path, 'w');
    const r = writeEventLog(s, { format: mode as 'csv' | 'ocel', replication: 0, seed: s.time.seed, maxEvents: MAX_EVENTS }, (c) => { writeSync(fd, c); });
    closeSync(fd);
    if (!r.ok) throw new Error('does not compile');
    out = { arrived: r.value.replication?.arrived, events: r.value.events, fileMB: +(statSync(path).size / 1e6).toFixed(1) };
    rmSync(dir, { recursive: true });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // What is still held once the garbage is collected: the run's own state, and whatever the log kept.
  (globalThis as { gc?: () => void }).gc?.();
  const heapAfterGcMB = +(process.memoryUsage().heapUsed / 1e6).toFixed(1);
  console.log(JSON.stringify({ case: mode, ...out, seconds: +seconds.toFixed(1), peakRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1), heapAfterGcMB }));
}

if (args[0] === '--child') child(args[1]);
else {
  const format = opt('--format', 'both');
  const modes = ['without', ...(format === 'both' ? ['csv', 'ocel'] : [format])];
  for (const mode of modes) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', here, '--child', mode, '--years', String(years)], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(`${mode}: exit ${r.status}\n${r.stderr}`);
      process.exit(1);
    }
    process.stdout.write(r.stdout);
  }
}
