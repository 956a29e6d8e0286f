// `pathflow worker --redis URL [--concurrency N]`: a queue worker on this machine, taking
// replication jobs from the BullMQ queue at URL until stopped (SIGINT/SIGTERM: the jobs in
// hand finish first; a second signal abandons them, and another worker takes them over).
import { redactUrl } from '../runner/queue/redact.ts';
import type { Io } from './validate.ts';
import { capWorkers } from '../runner/counts.ts';
import { common, parseOptions, type Options } from '../runner/options.ts';

export const WORKER_USAGE = `  worker [--redis URL] [--concurrency N] [--lock-duration MS] [--stalled-interval MS]
      Runs replications for \`run --redis\` (and sweep, seek, warmup, serve) from the queue at URL
      (default: PATHFLOW_REDIS_URL; redis://[:password@]host[:port][/db], rediss:// for TLS)
      until stopped; start one or more on every machine that has pathflow installed.
        --concurrency N       replications at once, each on its own thread (default 1)
        --lock-duration MS    how long a job whose worker died waits before another worker
                              takes it over (default 30000); kept alive every MS/2
        --stalled-interval MS how often this worker looks for such jobs (default 30000)
`;

export interface WorkerArgs {
  redis: string;
  concurrency: number;
  lockDuration?: number;
  stalledInterval?: number;
  /** Notices worth a line (a --concurrency capped at the CPUs). */
  notices?: string[];
}

const OPTIONS = {
  ...common('--redis'),
  '--concurrency': { kind: 'count', least: 1 },
  '--lock-duration': { kind: 'count', least: 1 },
  '--stalled-interval': { kind: 'count', least: 1 },
} as const satisfies Options;

/** The arguments, or a usage error message. */
export function parseWorkerArgs(args: string[], env: NodeJS.ProcessEnv = process.env): WorkerArgs | string {
  const p = parseOptions('worker', args, OPTIONS, false);
  if ('usage' in p) return p.usage;
  const redis = p.texts.get('--redis') ?? (env.PATHFLOW_REDIS_URL || undefined);
  if (redis === undefined) return 'worker: which queue? (--redis URL, or PATHFLOW_REDIS_URL)';
  const notices: string[] = [];
  const asked = p.counts.get('--concurrency');
  return {
    redis,
    concurrency: asked === undefined ? 1 : capWorkers(asked, '--concurrency', (m) => notices.push(m)),
    lockDuration: p.counts.get('--lock-duration'),
    stalledInterval: p.counts.get('--stalled-interval'),
    notices,
  };
}

/** Runs until SIGINT/SIGTERM; exit 0 after a clean stop, 1 if Redis cannot be reached at start. */
export async function worker(a: WorkerArgs, io: Io): Promise<number> {
  const stamp = () => new Date().toISOString();
  for (const m of a.notices ?? []) io.err(`${stamp()} pathflow worker: ${m}\n`);
  // BullMQ and the engine are loaded only when a worker starts, not for `pathflow --version`.
  const { startQueueWorker } = await import('../runner/queue/queue-worker.ts');
  let w;
  try {
    w = await startQueueWorker(a.redis, { ...a, log: (line) => io.err(`${stamp()} pathflow worker: ${line}\n`) });
  } catch (e) {
    io.err(`pathflow worker: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.err(`${stamp()} pathflow worker: taking jobs from ${redactUrl(a.redis)} (concurrency ${a.concurrency}, pid ${process.pid})\n`);
  const running = w;
  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = () => {
      const force = ++signals > 1;
      io.err(`${stamp()} pathflow worker: ${force ? 'stopping now; jobs in hand will be taken over' : 'stopping after the jobs in hand (again to stop now)'}\n`);
      void running.close(force).then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
