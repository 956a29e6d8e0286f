// `npm run bench:sweep -- [FILE] [--param PATH=LO..HI:STEP] [--kpi NAME] [--reps 30] [--workers 1,2]`:
// issue 5's benchmark (3), a sweep of 21 points × 30 replications, timed end to end as
// `pathflow sweep` runs it (checking every point, starting the workers, every task on the
// runner at once), once per worker count. Default: ed-skill-mix.yaml, majors cubicles
// 14..34, the four-hour share. Prints one JSON line per worker count (wall and CPU seconds
// of the whole process, seconds per replication) and checks that every worker count gave
// the same document.
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { main } from '../cli/main.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const file = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--'))) ?? 'scenarios/library/ed-skill-mix.yaml';
const param = opt('--param', 'sites[dgh].wards[majors-cubicles].beds=14..34');
const kpi = opt('--kpi', 'ed.4h[all]');
const reps = opt('--reps', '30');
const workerCounts = opt('--workers', '1,2').split(',').map(Number);

const digests = new Set<string>();
for (const workers of workerCounts) {
  let out = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void process.stderr.write(t) };
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const code = await main(['sweep', file, '--param', param, '--kpi', kpi, '--reps', reps, '--workers', String(workers), '--json'], io);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (code !== 0) process.exit(code);
  const doc = JSON.parse(out) as { points: unknown[]; replications: number };
  digests.add(createHash('sha256').update(out).digest('hex'));
  const tasks = doc.points.length * doc.replications;
  console.log(JSON.stringify({
    scenario: file, param, kpi, points: doc.points.length, replications: doc.replications, workers,
    wall_s: +wall.toFixed(2), cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2), s_per_replication: +(wall / tasks).toFixed(4),
    cpus: cpus().length, node: process.version, date: new Date().toISOString(),
  }));
}
if (digests.size > 1) {
  console.error('the documents differ between worker counts');
  process.exit(1);
}
console.log(JSON.stringify({ identical_across_worker_counts: true }));
