// `npm run bench [-- --json] [-- --customers N] [-- --only mmc]`: the engine benchmarks of
// PERFORMANCE.md, each model in a fresh process, beside ../shared/perf/baseline.js run in
// the same session (best of three) so that the ratio compares like with like on a noisy machine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const customers = Number(opt('--customers', '1000000'));
const seed = opt('--seed', '12345');
const repeats = Number(opt('--repeats', '3'));
const only = opt('--only', '');
const names = only ? only.split(',') : ['mmc', 'tandem'];
const baselinePath = path.resolve(here, '../../shared/perf/baseline.js');
const theory: Record<string, number> = { mmc: 0.6687315, tandem: 1.6623377 };
const simpy: Record<string, number> = { mmc: 56_300, tandem: 32_500 };

function runJson(cmd: string, argv: string[]): Record<string, number | string> {
  const out = execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

for (const model of names) {
  // Best of `repeats` for both, interleaved, so both see the same machine load.
  let best: Record<string, number | string> | null = null;
  let baseline = 0;
  for (let r = 0; r < repeats; r++) {
    const ours = runJson(process.execPath, ['--import', 'tsx/esm', path.join(here, 'run-model.ts'), model, String(customers), seed]);
    if (!best || (ours.seconds as number) < (best.seconds as number)) best = ours;
    if (existsSync(baselinePath)) {
      const b = runJson(process.execPath, [baselinePath, model, String(customers), seed]);
      baseline = Math.max(baseline, (b.events as number) / (b.innerSeconds as number));
    }
  }
  const r = best!;
  const seconds = r.seconds as number;
  const eventsPerSec = (r.events as number) / seconds;
  const line = {
    model,
    customers,
    customers_per_sec: Math.round(customers / seconds),
    events_per_sec: Math.round(eventsPerSec),
    peak_rss_mb: Math.round((r.peak_rss_mb as number) * 10) / 10,
    mean_wait_h: r.mean_wait_h,
    theory_wait_h: theory[model],
    seconds: Math.round(seconds * 1000) / 1000,
    baseline_events_per_sec: baseline ? Math.round(baseline) : null,
    ratio_to_baseline: baseline ? Math.round((eventsPerSec / baseline) * 1000) / 1000 : null,
    ratio_to_simpy: Math.round((customers / seconds / simpy[model]) * 10) / 10,
    node: process.version,
    cpus: os.cpus().length,
  };
  if (json) console.log(JSON.stringify(line));
  else {
    console.log(`${model}: ${customers.toLocaleString('en')} customers in ${line.seconds} s`);
    console.log(`  ${line.customers_per_sec.toLocaleString('en')} customers/s, ${line.events_per_sec.toLocaleString('en')} events/s, peak RSS ${line.peak_rss_mb} MB`);
    console.log(`  mean wait ${Number(line.mean_wait_h).toFixed(4)} h (theory ${theory[model]} h)`);
    if (baseline) console.log(`  baseline.js ${line.baseline_events_per_sec!.toLocaleString('en')} events/s → ratio ${line.ratio_to_baseline}; ${line.ratio_to_simpy}× SimPy's customers/s`);
  }
}
