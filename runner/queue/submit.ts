// Submitting calls as jobs. The calls of one tick are taken together (chunks.ts cuts them
// into jobs), their scenarios stored once under their hash (jobs carry the hash) and their
// runs' keys set to "running", then the jobs added in one go. Jobs are in the ledger before
// they are added, so a result that comes back at once finds its calls. The first time no
// worker is connected, the user is told once that the jobs wait for one.
import { abortReason } from '../local/pool.ts';
import { autoChunk, cutIntoJobs, groupKey, type Group } from './chunks.ts';
import { redisError } from './connection.ts';
import { RUN_TTL_S, runKey, scenarioHash, scenarioKey } from './protocol.ts';
import { redactUrl } from './redact.ts';
import { cancelRun } from './cancel.ts';
import { SCENARIO_TTL_S, type JobQueue } from './job-queue.ts';
import { settle, type Call, type ChunkState, type Ledger, type Run } from './ledger.ts';

export interface SubmitOptions {
  /** Replications per job (default: autoChunk). */
  chunk?: number;
  /** Told once if jobs are added while no worker is connected (they wait for one). */
  onNotice?: (message: string) => void;
}

export class Submitter {
  private noticed = false;

  constructor(private readonly ledger: Ledger, private readonly queue: JobQueue, private readonly url: string, private readonly o: SubmitOptions) {}

  /** The call goes out with the others of this tick. */
  add(call: Call): void {
    if (this.ledger.batch.length === 0) setImmediate(() => void this.flush());
    this.ledger.batch.push(call);
  }

  private async flush(): Promise<void> {
    const { ledger } = this;
    const calls = ledger.batch;
    ledger.batch = [];
    const connected = await this.queue.queue.getWorkersCount().catch(() => 1);
    this.noticeIfNoWorker(connected);
    const chunk = this.o.chunk ?? autoChunk(calls.length, connected);
    if (ledger.closed) {
      for (const c of calls) settle(c, ledger.closed);
      return;
    }
    const { scenarios, runs } = this.group(calls);
    const started: Run[] = [];
    const added: ChunkState[] = [];
    for (const [run, groups] of runs) {
      if (ledger.open(run)) started.push(run);
      for (const group of groups.values()) {
        for (const j of cutIntoJobs(run, group, chunk)) {
          ledger.add(j);
          added.push(j);
        }
      }
    }
    if (added.length === 0) return;
    try {
      const m = this.queue.client.multi();
      for (const [hash, json] of scenarios) m.set(scenarioKey(hash), json, 'EX', SCENARIO_TTL_S);
      for (const run of started) m.set(runKey(run.id), 'running', 'EX', RUN_TTL_S);
      await m.exec();
      await this.queue.add(added);
    } catch (e) {
      const err = redisError(this.url, 'cannot add jobs to', e);
      for (const j of added) if (ledger.jobs.has(j.id)) ledger.reject(j, err);
    }
  }

  private noticeIfNoWorker(connected: number): void {
    if (connected !== 0 || this.noticed) return;
    this.noticed = true;
    this.o.onNotice?.(`no worker is taking jobs from ${redactUrl(this.url)} yet: the replications wait for one (pathflow worker --redis URL)`);
  }

  /**
   * The calls still waiting, by run (one per signal, one for this tick's calls without) and
   * group; calls whose signal has aborted reject with its reason. `scenarios`: hash → JSON.
   */
  private group(calls: Call[]): { scenarios: Map<string, string>; runs: Map<Run, Map<string, Group>> } {
    const cancel = (run: Run, reason: Error) => cancelRun(this.ledger, this.queue, run, reason);
    const scenarios = new Map<string, string>();
    const hashes = new Map<string, string>(); // JSON → hash: one digest per scenario, not per call
    const runs = new Map<Run, Map<string, Group>>();
    const anonymous = this.ledger.runOf(undefined, cancel);
    for (const c of calls) {
      if (c.settled) continue;
      if (c.signal?.aborted) {
        settle(c, abortReason(c.signal));
        continue;
      }
      const run = c.signal ? this.ledger.runOf(c.signal, cancel) : anonymous;
      let hash = hashes.get(c.task.scenario);
      if (hash === undefined) {
        hash = scenarioHash(c.task.scenario);
        hashes.set(c.task.scenario, hash);
        scenarios.set(hash, c.task.scenario);
      }
      run.scenarios.set(hash, c.task.scenario);
      const groups = runs.get(run) ?? new Map<string, Group>();
      runs.set(run, groups);
      const key = groupKey(hash, c.task);
      const same = groups.get(key);
      if (same) same.calls.push(c);
      else groups.set(key, { hash, calls: [c] });
    }
    return { scenarios, runs };
  }
}
