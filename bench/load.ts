// `npx tsx bench/load.ts [--seconds 10] [--connections 10] [--workers 2] [--no-event-log]`: load on the
// server, against loopback only, bounded in time. Starts `pathflow serve` (bin/pathflow.js:
// the built dist/, so `npm run build:js` after changing a source) in a child
// process on a temporary data directory, keeps experiments running on it the whole time
// (two runs of the small ED, 3 variants x 20 replications, restarted as they end), and
// measures with autocannon, one after the other:
//   1. GET /api/scenarios
//   2. POST /api/runs (each queues a one-replication run of the teaching clinic)
//   3. GET /api/health, the experiments still running (what phase 4 compares with)
//   4. GET /api/health while hostile scenarios are submitted without pause (issue 17): a
//      billion staff (validate, save, run, live), a pathway looping without time passing,
//      one whose compiled steps would multiply, and an unstable ward run with 200
//      replications (each fails at its budget of patients in the system); and the event
//      log of a run of one very busy day (300,000 arrivals, submitted at the start)
//      downloaded again and again (it reruns on the server's own thread; not with
//      --no-event-log, the hostile traffic of the figures of 2 December)
// Prints request latency p50 / p97.5 / p99 / max, throughput, status codes and errors,
// then the runs completed meanwhile, the server's peak memory (VmHWM: its main thread and
// every worker thread), and a Markdown row per phase for bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import type { InjectOptions } from 'fastify';

// autocannon ships no types: the little of its API used here.
interface Options { url: string; connections: number; duration: number; method?: string; headers?: Record<string, string>; body?: string }
interface Histogram { average: number; p50: number; p97_5: number; p99: number; max: number }
interface Result { requests: Histogram; latency: Histogram; '2xx': number; non2xx: number; errors: number; timeouts: number; statusCodeStats?: Record<string, { count: number }> }
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Options) => Promise<Result>;

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`);
  return v;
};
const seconds = opt('--seconds', 10);
const connections = opt('--connections', 10);
const workers = opt('--workers', 2);
const eventLog = !args.includes('--no-event-log');

const dataDir = mkdtempSync(join(tmpdir(), 'pathflow-load-'));
const bin = new URL('../bin/pathflow.js', import.meta.url).pathname;
// The queue and the write rate are allowed to grow: phase 2 queues a run per request, and
// a 429 would be a limit working, not the latency we want to see. The run history too, so
// that the busy day's run (below) is not pruned by phase 2's thousands of runs.
const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', dataDir, '--workers', String(workers),
  '--max-queued-runs', '1000000', '--max-writes-per-minute', '100000000', '--keep-runs', '1000000'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  createInterface({ input: server.stdout! }).on('line', (line) => {
    const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
    if (m) resolve(m[1]);
  });
  server.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
});

const post = async (body: unknown) => {
  const r = await fetch(`${url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== 202) throw new Error(`POST /api/runs: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
};

// Background experiments: two in flight all the time.
const ed = parse(readFileSync(new URL('../test/fixtures/small-ed.yaml', import.meta.url), 'utf8'));
let background = true;
let experimentsDone = 0;
const keepRunning = async () => {
  while (background) {
    const id = await post({ scenario: ed, replications: 20 });
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      const run = (await (await fetch(`${url}/api/runs/${id}`)).json()) as { status: string };
      if (run.status === 'done') { experimentsDone++; break; }
      if (run.status !== 'running' && run.status !== 'queued') throw new Error(`background run ${run.status}`);
    }
  }
};
const loops = [keepRunning(), keepRunning()];
// A run of one very busy day, whose event log the attackers of phase 4 download: queued now,
// ahead of phase 2's runs, so that it is done by then.
const busyDay = await post({
  replications: 1,
  scenario: {
    id: 'busy-day', title: 'A day of 300,000 walk-ins', time: { horizonDays: 1, warmupDays: 0, replications: 1, seed: 1 },
    sites: [{ id: 'dgh', wards: [{ id: 'cubicles', beds: 2000, kind: 'cubicle' }] }],
    classes: [{ id: 'walkin', site: 'dgh', arrivals: { perDay: 300_000 }, pathway: 'p' }],
    pathways: { p: [{ id: 'see', do: 'task', place: 'cubicles', duration: { dist: 'exponential', mean: 1, unit: 'minutes' } }, { id: 'home', do: 'discharge' }] },
  },
});
await new Promise((r) => setTimeout(r, 1000)); // the experiments are under way

interface Phase { name: string; result: Result }
const phases: Phase[] = [];
const measure = async (name: string, o: Partial<Options>) => {
  const result = await autocannon({ connections, duration: seconds, ...o, url: `${url}${o.url ?? ''}` });
  phases.push({ name, result });
};

await measure('GET /api/scenarios', { url: '/api/scenarios' });
await measure('POST /api/runs', {
  url: '/api/runs', method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ scenarioId: 'teaching-clinic', replications: 1, variants: [] }),
});

await measure('GET /api/health', { url: '/api/health' });
for (;;) {
  const run = (await (await fetch(`${url}/api/runs/${busyDay}`)).json()) as { status: string };
  if (run.status === 'done') break;
  if (run.status !== 'running' && run.status !== 'queued') throw new Error(`the busy day's run ${run.status}`);
  await new Promise((r) => setTimeout(r, 500));
}
// Hostile scenarios, submitted without pause by two client processes of their own
// (bench/hostile-client.ts: their work is not this process's, which measures), while
// /api/health is measured again.
const attackers = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx/esm', new URL('./hostile-client.ts', import.meta.url).pathname, url, ...(eventLog ? [busyDay] : [])], { stdio: ['ignore', 'pipe', 'inherit'] }));
const reports = attackers.map((a) => new Promise<Record<string, number>>((resolve) => {
  let out = '';
  a.stdout!.on('data', (d) => (out += d));
  a.once('exit', () => resolve(JSON.parse(out || '{}') as Record<string, number>));
}));
await new Promise((r) => setTimeout(r, 2000)); // the attackers are under way (tsx starts in about a second)
await measure('GET /api/health, hostile scenarios submitted', { url: '/api/health' });
for (const a of attackers) a.kill('SIGTERM');
const answers: Record<string, number> = {};
for (const r of await Promise.all(reports)) for (const [k, n] of Object.entries(r)) answers[k] = (answers[k] ?? 0) + n;
background = false;
await Promise.all(loops);
// Peak resident memory of the whole server process (main thread and worker threads) so far.
const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

const health = (await (await fetch(`${url}/api/health`)).json()) as { runner: { parallelism: number } };
server.kill('SIGINT');
await new Promise((r) => server.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

// The load average says how much else the machine was doing (other processes share the cores).
// The server's own cost per request, apart from contention: an in-process server, no
// experiments running (its one run slot held by a live run that barely computes, so the
// posted runs only queue), requests by fastify's inject (no sockets), CPU time of this
// process per request.
const { startServer } = await import('../server/server.ts');
const quietDir = mkdtempSync(join(tmpdir(), 'pathflow-load-'));
const quiet = await startServer({ port: 0, dataDir: quietDir, workers: 1, uiDist: null, limits: { concurrentRuns: 1, queuedRuns: 1_000_000, writesPerMinute: 100_000_000 } });
const json = { 'content-type': 'application/json' };
await quiet.app.inject({ method: 'POST', url: '/api/runs', headers: json, payload: JSON.stringify({ scenarioId: 'teaching-clinic', live: true, liveStepHours: 0.02 }) });
const costs: { name: string; cpuMs: number; wallMs: number }[] = [];
const requests: [string, InjectOptions][] = [
  ['GET /api/scenarios', { method: 'GET', url: '/api/scenarios' }],
  ['POST /api/runs', { method: 'POST', url: '/api/runs', headers: json, payload: JSON.stringify({ scenarioId: 'teaching-clinic', replications: 1, variants: [] }) }],
  ['GET /api/runs (100 runs)', { method: 'GET', url: '/api/runs' }],
];
for (const [name, req] of requests) {
  const inject = () => quiet.app.inject(req);
  for (let i = 0; i < 100; i++) await inject(); // warm-up (and 100 runs in the history)
  const n = 500, c0 = process.cpuUsage(), t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await inject();
    if (r.statusCode >= 300) throw new Error(`${name} failed: ${r.statusCode} ${r.body.slice(0, 300)}`);
  }
  const c = process.cpuUsage(c0);
  costs.push({ name, cpuMs: (c.user + c.system) / 1000 / n, wallMs: (performance.now() - t0) / n });
}
await quiet.close();
rmSync(quietDir, { recursive: true, force: true });

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`;
console.log(`pathflow server load, ${new Date().toISOString()}, ${machine}; ${connections} connections, ${seconds} s a phase, ${health.runner.parallelism} worker threads; ${experimentsDone} background experiments (small-ed, 3 × 20 replications) completed during the phases`);
console.log('| request | requests/s | p50 ms | p97.5 ms | p99 ms | max ms | 2xx | non-2xx | errors | timeouts |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const { name, result: r } of phases) {
  const codes = Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => `${c}: ${s.count}`).join(', ');
  console.log(`| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p97_5} | ${r.latency.p99} | ${r.latency.max} | ${r['2xx']} | ${r.non2xx} | ${r.errors} | ${r.timeouts} |`);
  if (r.non2xx > 0) console.log(`  status codes: ${codes}`);
}
console.log(`\nhostile requests answered during phase 4 (by status): ${Object.entries(answers).map(([c, n]) => `${c}: ${n}`).join(', ')}`);
console.log(`server peak memory (VmHWM, the whole process): ${peakMb.toFixed(0)} MB`);
console.log('\nserver cost per request, in-process (fastify inject), no experiments running:');
console.log('| request | CPU ms | wall ms |');
console.log('|---|---|---|');
for (const c of costs) console.log(`| ${c.name} | ${c.cpuMs.toFixed(2)} | ${c.wallMs.toFixed(2)} |`);
