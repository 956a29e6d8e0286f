// The server's REST API (server/API.md), with every failure turned into an ApiError whose
// message a manager can read: the server's own message for a 4xx, "not answering" when it
// cannot be reached, never a raw stack or a blank page.
import type { RunResultDoc } from '../../../scenarios/schema/run-result.ts';
import { accessToken } from './access-token.ts';

export interface ApiIssue { path: string; message: string }

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: string, readonly issues: ApiIssue[] = [], readonly body?: unknown) {
    super(message);
  }
}

export interface ScenarioSummary { id: string; title: string; description?: string; question?: string; source: 'library' | 'user'; version: number | string }
export interface StoredScenario { id: string; source: 'library' | 'user'; version: number | string; scenario: Record<string, unknown> }
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
/** The stored scenario a run came from (server/API.md): its version then, and now (null: deleted since). */
export interface RunOrigin { source: 'library' | 'user'; version: number; edited: boolean; currentVersion?: number | null }
export interface RunInfo {
  id: string; scenarioId?: string; title?: string; status: RunStatus;
  progress?: { done: number; total: number };
  result?: RunResultDoc; error?: string | { message?: string };
  createdAt?: string; finishedAt?: string; replications?: number; seed?: number;
  /** Variant ids run besides the baseline. */
  variants?: string[];
  origin?: RunOrigin;
  /** GET /api/runs/:id: the exact document the run ran (kept with the run). */
  scenario?: Record<string, unknown>;
}
/** One judged KPI of one option after a batch of a run sized to a precision (runner/precision.ts). */
export interface BatchEstimate { variant: string; kpi: string; mean: number | null; halfWidth: number | null; target: number | null; met: boolean }
/** The WebSocket's `precision` message: what the stopping rule saw after a batch (server/API.md). */
export interface PrecisionBatch {
  replications: number; target: string; maxReplications: number; met: boolean; stopped: boolean; notMet: number;
  estimates: BatchEstimate[]; truncated: boolean;
}
export interface Health { retention?: { policy?: string } }
export interface RunRequest {
  scenarioId?: string; scenario?: Record<string, unknown>; variants?: string[]; replications?: number; seed?: number; live?: boolean;
  /** Replications doubled from `replications` until the judged KPIs' 95% intervals are within the target, or the cap (server/API.md). */
  precision?: { relative?: number; absolute?: number; kpis?: string[]; maxReplications: number };
}

export const UNREACHABLE = 'The pathflow server is not answering. Check that it is running (npm start) and reload this page.';

export const NEEDS_TOKEN = 'This server needs an access token (it was started with pathflow serve --token). Ask whoever runs the server for it.';

function headers(json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  const token = accessToken();
  if (token) h.authorization = `Bearer ${token}`;
  return h;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(UNREACHABLE, 0, 'unreachable');
  }
  if (res.status === 401) throw new ApiError(NEEDS_TOKEN, 401, 'unauthorized');
  const text = await res.text();
  let data: unknown = undefined;
  try { data = text ? JSON.parse(text) : undefined; } catch { /* not JSON: a proxy's error page */ }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | undefined)?.error;
    if (err) throw new ApiError(err.message ?? `The server refused the request (${res.status}).`, res.status, err.code ?? String(res.status), err.issues ?? [], data);
    if (res.status >= 500 || res.status === 404 && data === undefined) {
      throw new ApiError(res.status === 502 || res.status === 503 || res.status === 504 ? UNREACHABLE : `The server had a problem (${res.status} ${res.statusText}). Try again; if it persists, see the server's log.`, res.status, 'server_error');
    }
    throw new ApiError(`The server refused the request (${res.status} ${res.statusText}).`, res.status, String(res.status));
  }
  return data as T;
}

export const api = {
  health: () => request<Health>('GET', '/api/health'),
  scenarios: () => request<ScenarioSummary[]>('GET', '/api/scenarios'),
  scenario: (id: string) => request<StoredScenario>('GET', `/api/scenarios/${encodeURIComponent(id)}`),
  validate: (scenario: unknown) => request<{ ok: true } | { ok: false; issues: ApiIssue[] }>('POST', '/api/scenarios/validate', { scenario }),
  create: (scenario: unknown) => request<{ id: string; version: number | string }>('POST', '/api/scenarios', { scenario }),
  update: (id: string, scenario: unknown, version: number | string) => request<{ id: string; version: number | string }>('PUT', `/api/scenarios/${encodeURIComponent(id)}`, { scenario, version }),
  remove: (id: string) => request<unknown>('DELETE', `/api/scenarios/${encodeURIComponent(id)}`),
  startRun: (body: RunRequest) => request<{ id: string }>('POST', '/api/runs', body),
  run: (id: string) => request<RunInfo>('GET', `/api/runs/${encodeURIComponent(id)}`),
  runs: () => request<RunInfo[]>('GET', '/api/runs'),
  cancelRun: (id: string) => request<unknown>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`),
};

export const resultUrl = (runId: string, format: 'json' | 'csv') => `/api/runs/${encodeURIComponent(runId)}/result.${format}`;

/** A run's result file as the server names it (fetched, so the access token goes with it). */
export async function resultFile(runId: string, format: 'json' | 'csv'): Promise<{ blob: Blob; filename: string }> {
  let res: Response;
  try { res = await fetch(resultUrl(runId, format), { headers: headers(false) }); } catch { throw new ApiError(UNREACHABLE, 0, 'unreachable'); }
  if (res.status === 401) throw new ApiError(NEEDS_TOKEN, 401, 'unauthorized');
  if (!res.ok) throw new ApiError(`The results could not be downloaded (${res.status} ${res.statusText}).`, res.status, String(res.status));
  const named = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), filename: named ?? `results.${format}` };
}

/** A finished run's STRESS-DES report (GET /api/runs/:id/report), fetched so the access token goes with it. */
export async function reportFile(runId: string, format: 'html' | 'md'): Promise<{ blob: Blob; filename: string }> {
  let res: Response;
  try { res = await fetch(`/api/runs/${encodeURIComponent(runId)}/report?format=${format}`, { headers: headers(false) }); } catch { throw new ApiError(UNREACHABLE, 0, 'unreachable'); }
  if (res.status === 401) throw new ApiError(NEEDS_TOKEN, 401, 'unauthorized');
  if (!res.ok) throw new ApiError(`The report could not be made (${res.status} ${res.statusText}).`, res.status, String(res.status));
  const named = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), filename: named ?? `stress-des-report.${format}` };
}

/** One replication's event log of a run (GET /api/runs/:id/event-log), fetched so the access token goes with it. */
export async function eventLogFile(runId: string, o: { replication: number; variant: string; format: 'csv' | 'ocel' }): Promise<{ blob: Blob; filename: string }> {
  const q = new URLSearchParams({ replication: String(o.replication), variant: o.variant, format: o.format });
  let res: Response;
  try { res = await fetch(`/api/runs/${encodeURIComponent(runId)}/event-log?${q}`, { headers: headers(false) }); } catch { throw new ApiError(UNREACHABLE, 0, 'unreachable'); }
  if (res.status === 401) throw new ApiError(NEEDS_TOKEN, 401, 'unauthorized');
  if (!res.ok) {
    const err = (await res.json().catch(() => undefined) as { error?: { message?: string; code?: string } } | undefined)?.error;
    throw new ApiError(err?.message ?? `The event log could not be made (${res.status} ${res.statusText}).`, res.status, err?.code ?? String(res.status));
  }
  const named = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), filename: named ?? `event-log.${o.format === 'ocel' ? 'json' : 'csv'}` };
}

/** A run's error in words, whatever shape the server sent. */
export function runErrorText(error: RunInfo['error']): string {
  if (!error) return 'The run failed without a message.';
  return forWeb(typeof error === 'string' ? error : error.message ?? 'The run failed without a message.');
}

/**
 * A server's message as a web user reads it. The server shares its messages with the CLI,
 * whose cost limits end in advice for the command line ("(raise with --limit
 * staffPerRole=N)"): a web user cannot follow it, so it says the limit is this server's.
 * And a sentence starts with a capital ("the server stopped during this run" follows a full stop).
 */
export function forWeb(message: string, capital = true): string {
  const m = message
    .replace(/\s*\(([^()]*?);\s*raise with --limit [^()]*\)/g, ' ($1; a limit of this server)')
    .replace(/\s*\(raise with --limit [^()]*\)/g, ' (a limit of this server)');
  // A message that starts with a field's path ("sites[0].staff…: …") keeps it as it is.
  return capital && /^[a-z]+\s/.test(m) ? m[0].toUpperCase() + m.slice(1) : m;
}

/**
 * A refused run in words, said once: the server's message repeats its first issue ("the
 * scenario is invalid: time.horizonDays: …", with that issue in `issues` too), so the
 * message keeps only what comes before the issues it lists (nothing, when it is just one).
 */
export function refusal(message: string, issues: readonly ApiIssue[] = []): { lead: string; issues: ApiIssue[] } {
  const listed = issues.map((i) => ({ path: i.path, message: forWeb(i.message, false) }));
  let lead = message;
  for (const i of issues) {
    const at = lead.indexOf(i.path ? `${i.path}: ${i.message}` : i.message);
    if (at >= 0) lead = lead.slice(0, at);
  }
  lead = lead.replace(/[\s:;,/]+$/, '').replace(/\s*\(and \d+ more\)$/, '');
  return { lead: lead ? forWeb(lead) + (listed.length > 0 ? ':' : '') : '', issues: listed };
}
