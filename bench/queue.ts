// `npx tsx bench/queue.ts [--scenario FILE] [--reps R] [--workers 1,2,4] [--overhead-reps N] [--chunks 1,4,16] [--repeat 3]`:
// experiments on the BullMQ queue (issue 9) against the local pool, on this machine.
//
// 1. The scenario (default: the surgical hub), every variant, R replications (the issue asks
//    for 200): local pool of 2 threads, then the queue with each of --workers (default 1, 2
//    and 4) `pathflow worker` processes (concurrency 1 each; more than the cores shows what
//    oversubscribing one machine costs) on a loopback redis-server started here; each queue
//    document is checked equal to the local one.
// 2. Job overhead: the small ED (a replication takes ~20 ms) with N replications per variant
//    on 1 worker, in chunks of 1, 4, 16 … replications per job. With 1 worker the wall time
//    is N·t + J(k)·c, J(k) the number of jobs, so the cost of a job is
//    c = (wall(k=1) − wall(k=max)) / (J(1) − J(max)).
//    Redis's own CPU time per job (INFO cpu: the server process's user + system time, all
//    clients, network included) says how many jobs a second one Redis can serve: where it
//    becomes the limit.
//
// Every run starts after a warm-up run (threads started, scenario compiled, JIT warm), so
// the figures are steady state. Prints one JSON line per measurement, then a summary.
import { cpus, loadavg } from 'node:os';
import { loadScenario } from '../scenarios/load.ts';
import { compileVariants, type CompiledVariant } from '../runner/replicate.ts';
import type { Scenario } from '../scenarios/schema/scenario.ts';
import { localRunner, runExperiment, type Runner } from '../runner/runner.ts';
import { redisRunner } from '../runner/queue/redis-runner.ts';
// The queue tests' helpers: a redis-server on a free loopback port, `pathflow worker` children.
import { startRedis } from '../test/runner/queue/redis-server.ts';
import { startWorker, type WorkerProcess } from '../test/runner/queue/worker-process.ts';
import { Redis } from 'ioredis';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const file = opt('--scenario', 'scenarios/library/surgical-hub.yaml');
const reps = Number(opt('--reps', '200'));
const overheadReps = Number(opt('--overhead-reps', '64'));
const chunks = opt('--chunks', '1,4,16').split(',').map(Number);
const workerCounts = opt('--workers', '1,2,4').split(',').map(Number);
// The overhead runs are short and this machine is shared: each is repeated, the fastest kept.
const repeat = Number(opt('--repeat', '3'));

function prepare(path: string): { s: Scenario; variants: CompiledVariant[] } {
  const l = loadScenario(path);
  if (!l.ok) throw new Error(`${path} is invalid`);
  const c = compileVariants(l.value);
  if (!c.ok) throw new Error(`${path} does not compile`);
  return { s: l.value, variants: c.value };
}

async function timed(name: string, p: { s: Scenario; variants: CompiledVariant[] }, replications: number, runner: Runner, extra: object = {}, times = 1) {
  // Warm-up: one replication of each variant (its replications are not those measured).
  await runExperiment(p.s, p.variants, { replications: 1, seed: 999, series: false }, runner);
  let wall = Infinity;
  let doc;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    doc = await runExperiment(p.s, p.variants, { replications, seed: p.s.time.seed }, runner);
    wall = Math.min(wall, (performance.now() - t0) / 1000);
  }
  const line = { name, scenario: p.s.id, replications: replications * p.variants.length, wall: +wall.toFixed(2), perReplicationMs: +((wall * 1000) / (replications * p.variants.length)).toFixed(1), load: loadavg()[0].toFixed(2), ...extra };
  console.log(JSON.stringify(line));
  return { doc, wall };
}

/** The scenario on the local pool (2 threads), then on the queue with 1 and 2 worker processes. */
async function compareBackends() {
  const big = prepare(file);
  const local = localRunner(2);
  const reference = await timed('local pool, 2 threads', big, reps, local).finally(() => local.close());
  summary.local = reference.wall;
  for (const n of workerCounts) {
    while (workers.length < n) workers.push(await startWorker(url));
    const runner = await redisRunner(url);
    try {
      const r = await timed(`queue, ${n} worker process${n > 1 ? 'es' : ''}`, big, reps, runner);
      if (JSON.stringify(r.doc) !== JSON.stringify(reference.doc)) throw new Error('the queue document differs from the local one');
      summary[`queue${n}`] = r.wall;
    } finally {
      await runner.close();
    }
  }
}

const redis = await startRedis();
const url = `redis://127.0.0.1:${redis.port}`;
const workers: WorkerProcess[] = [];
const summary: Record<string, number> = {};
try {
  console.error(`# ${new Date().toISOString()} ${cpus().length}× ${cpus()[0]?.model}, node ${process.version}, redis on ${url}`);
  // 1. The scenario: local pool vs the queue (--reps 0: skipped).
  if (reps > 0) await compareBackends();
  // 2. Job overhead, on 1 worker.
  while (workers.length > 1) await workers.pop()!.stop();
  if (workers.length === 0) workers.push(await startWorker(url));
  const small = prepare('test/fixtures/small-ed.yaml');
  const walls = new Map<number, number>();
  const stats = new Redis({ port: redis.port });
  const redisUs = async () => {
    const info = await stats.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
    return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
  };
  for (const k of chunks) {
    const runner = await redisRunner(url, { chunk: k });
    try {
      const jobsRun = small.variants.length * Math.ceil(overheadReps / k) * repeat;
      const before = await redisUs();
      const r = await timed(`queue, 1 worker, chunk ${k}`, small, overheadReps, runner, { chunk: k, jobs: small.variants.length * Math.ceil(overheadReps / k) }, repeat);
      // The warm-up's jobs (one per variant) count too; so does Redis's idle housekeeping (tiny).
      const redisPerJobUs = (await redisUs() - before) / (jobsRun + small.variants.length);
      console.log(JSON.stringify({ chunk: k, redisPerJobUs: +redisPerJobUs.toFixed(0) }));
      walls.set(k, r.wall);
    } finally {
      await runner.close();
    }
  }
  stats.disconnect();
  const inThread = localRunner(1);
  summary.smallInThread = (await timed('this thread (no queue)', small, overheadReps, inThread, {}, repeat).finally(() => inThread.close())).wall;
  const jobs = (k: number) => small.variants.length * Math.ceil(overheadReps / k);
  const kMax = Math.max(...chunks);
  const perJobMs = ((walls.get(1)! - walls.get(kMax)!) * 1000) / (jobs(1) - jobs(kMax));
  console.log(JSON.stringify({ summary, perJobMs: +perJobMs.toFixed(2), smallReplicationMs: +((summary.smallInThread * 1000) / (small.variants.length * overheadReps)).toFixed(1) }));
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await redis.stop();
}
