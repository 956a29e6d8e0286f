// Runs in the database: every status change is written at once (a run the client saw
// start is still there after a crash); progress is written at most once a second by the
// manager (kill -9 loses only that), and the result is written with the final status in
// one statement, so a run is never "done" without its result. Finished runs are deleted
// on request and by the retention policy (prune); queued and running ones never by prune.
import type { Precision } from '../../runner/precision.ts';
import type { RunOrigin, RunStatus, RunSummary } from '../api-schemas.ts';
import type { Db } from './db.ts';
import { reclaim } from './storage.ts';

/** What was asked for, kept with the run: the scenario as it was then, so later edits do not change history. */
export interface StoredRequest {
  /** The exact document run (baseline and every variant), as the client sent it or the store held it. */
  scenario: Record<string, unknown>;
  /** The stored scenario (library or saved) of the document's id at the time, if there was one. */
  origin?: RunOrigin;
  variants: string[];
  replications: number;
  seed: number;
  live: boolean;
  /** Replications added until the judged KPIs reach this precision, or its cap (runner/precision.ts). */
  precision?: Precision;
}

interface Row {
  id: string;
  scenario_id: string;
  title: string;
  status: RunStatus;
  done: number;
  total: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  replications: number;
  seed: number;
  /** JSON text of a list of ids. */
  variants: string;
  /** json_extract gives JSON booleans as 1 / 0. */
  live: number;
  /** JSON text of the RunOrigin, or null (a document with no stored scenario, or a run from before origins were kept). */
  origin: string | null;
  result?: string | null;
}

export const INTERRUPTED = 'the server stopped during this run';

function summary(r: Row): RunSummary {
  return {
    id: r.id, scenarioId: r.scenario_id, title: r.title, status: r.status,
    progress: { done: r.done, total: r.total },
    createdAt: r.created_at,
    ...(r.started_at ? { startedAt: r.started_at } : {}),
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.error ? { error: r.error } : {}),
    replications: r.replications, seed: r.seed, variants: JSON.parse(r.variants) as string[], live: r.live === 1,
    ...(r.origin ? { origin: JSON.parse(r.origin) as RunOrigin } : {}),
  };
}

// What a summary needs of the stored request, read by SQLite's JSON functions: a history
// of runs of large scenarios never parses their documents in JavaScript.
const SUMMARY = `id, scenario_id, title, status, done, total, created_at, started_at, finished_at, error,
  json_extract(request, '$.replications') AS replications, json_extract(request, '$.seed') AS seed,
  json_extract(request, '$.variants') AS variants, json_extract(request, '$.live') AS live,
  json_extract(request, '$.origin') AS origin`;

export class RunStore {
  constructor(private readonly db: Db) {}

  /** Runs a crash left queued or running: failed, with the reason. Returns how many. */
  failInterrupted(now = new Date().toISOString()): number {
    return this.db.prepare("UPDATE runs SET status = 'failed', error = ?, finished_at = ? WHERE status IN ('queued', 'running')").run(INTERRUPTED, now).changes;
  }

  /** `requestJson`: the StoredRequest as JSON text (the caller has measured it against the quota). */
  insert(run: RunSummary, requestJson: string): void {
    this.db.prepare('INSERT INTO runs (id, scenario_id, title, status, done, total, created_at, request) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.id, run.scenarioId, run.title, run.status, run.progress.done, run.progress.total, run.createdAt, requestJson);
  }

  started(id: string, at: string): void {
    this.db.prepare("UPDATE runs SET status = 'running', started_at = ? WHERE id = ?").run(at, id);
  }

  progress(id: string, done: number): void {
    this.db.prepare('UPDATE runs SET done = ? WHERE id = ?').run(done, id);
  }

  /** `outcome.resultJson`: the RunResultDoc as JSON text. */
  finish(id: string, status: Exclude<RunStatus, 'queued' | 'running'>, at: string, done: number, outcome: { resultJson?: string; error?: string }): void {
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ?, done = ?, result = ?, error = ? WHERE id = ?')
      .run(status, at, done, outcome.resultJson ?? null, outcome.error ?? null, id);
  }

  /** Deletes the run whatever its status (the manager stops a live one first); false if there was none. */
  delete(id: string): boolean {
    const deleted = this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
    if (deleted) reclaim(this.db);
    return deleted;
  }

  /**
   * The retention policy: deletes finished runs beyond the newest `keep` finished ones, and
   * those finished before `before` (ISO 8601). Returns how many were deleted.
   */
  prune(keep: number, before: string): number {
    const n = this.db.prepare(`DELETE FROM runs WHERE status NOT IN ('queued', 'running') AND (finished_at < ? OR seq NOT IN (
      SELECT seq FROM runs WHERE status NOT IN ('queued', 'running') ORDER BY seq DESC LIMIT ?))`).run(before, keep).changes;
    if (n > 0) reclaim(this.db);
    return n;
  }

  summary(id: string): RunSummary | undefined {
    const r = this.db.prepare(`SELECT ${SUMMARY} FROM runs WHERE id = ?`).get(id) as Row | undefined;
    return r && summary(r);
  }

  /**
   * The result as stored: JSON text, sent on as it is. A large run's result is megabytes
   * (daily series), and parsing and serialising it again would hold the event loop for
   * a good part of a second on every read.
   */
  resultText(id: string): string | undefined {
    const r = this.db.prepare('SELECT result FROM runs WHERE id = ?').get(id) as { result: string | null } | undefined;
    return r?.result ?? undefined;
  }

  /**
   * The document the run ran, as JSON text (SQLite's extract of the stored request: the
   * history's summaries never parse it, and a run's answer splices it in unparsed).
   */
  scenarioText(id: string): string | undefined {
    const r = this.db.prepare("SELECT json_extract(request, '$.scenario') AS scenario FROM runs WHERE id = ?").get(id) as { scenario: string | null } | undefined;
    return r?.scenario ?? undefined;
  }

  /** Newest first. */
  list(limit: number): RunSummary[] {
    const rows = this.db.prepare(`SELECT ${SUMMARY} FROM runs ORDER BY seq DESC LIMIT ?`).all(limit) as Row[];
    return rows.map(summary);
  }
}
