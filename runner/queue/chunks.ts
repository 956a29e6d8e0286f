// How calls become jobs. runExperiment asks for every (variant, replication) at once; the
// calls that arrive in one tick are grouped by run and (scenario, variant, seed, series,
// budget) and cut into jobs of consecutive replications, so the per-job cost (a few Redis
// round trips, see bench/RESULTS.md) is paid once per chunk rather than per replication.
import type { ReplicationTask } from '../local/messages.ts';
import type { Call, ChunkState, Run } from './ledger.ts';

/** Replications per job at most: bench/queue.ts measured the job cost and chose it (bench/RESULTS.md). */
export const CHUNK = 4;

/**
 * Replications per job for `calls` replications and `workers` worker processes: at most
 * CHUNK (a job costs milliseconds, so 4 replications of 100 ms or more keep it near 1%),
 * and small enough that every worker gets about 4 jobs — with 200 workers a run of 600
 * replications goes in jobs of 1, or a third of the workers would wait.
 */
export function autoChunk(calls: number, workers: number): number {
  return Math.max(1, Math.min(CHUNK, Math.floor(calls / (4 * Math.max(1, workers)))));
}

/** Calls of one run that can share jobs: same scenario (by hash), variant, seed, series and budget. */
export interface Group {
  hash: string;
  calls: Call[];
}

/** What makes calls of one run a Group. */
export function groupKey(hash: string, t: ReplicationTask): string {
  return JSON.stringify([hash, t.variant, t.seed, t.series, t.budget ?? null]);
}

/**
 * The group's jobs, `chunk` replications each in increasing order (calls for the same
 * replication share it), numbered on from the run's last job.
 */
export function cutIntoJobs(run: Run, group: Group, chunk: number): ChunkState[] {
  const byReplication = new Map<number, Call[]>();
  for (const c of group.calls) byReplication.set(c.task.replication, [...(byReplication.get(c.task.replication) ?? []), c]);
  const order = [...byReplication.keys()].sort((a, b) => a - b);
  const t = group.calls[0].task;
  const jobs: ChunkState[] = [];
  for (let at = 0; at < order.length; at += chunk) {
    const reps = order.slice(at, at + chunk);
    jobs.push({
      id: `${run.id}.${run.next++}`, run,
      data: { run: run.id, scenario: group.hash, variant: t.variant, seed: t.seed, series: t.series, budget: t.budget, replications: reps },
      calls: new Map(reps.map((k) => [k, byReplication.get(k)!])),
    });
  }
  return jobs;
}
