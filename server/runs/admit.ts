// Whether a run request can be accepted, and what exactly will run: the scenario (by id
// or inline) checked as `pathflow check` does (on the check thread, server/checks), the
// variants named (all by default; "baseline" may be named and always runs; a live run
// shows one), and this server's limits on replications and horizon. Every refusal names
// the field it is about. What is kept with the run: the document itself, and the stored
// scenario version it came from (an inline document is compared with the stored one of
// its id, so the app's unsaved edits are told apart from a saved version).
import { isDeepStrictEqual } from 'node:util';
import type { VariantInfo } from '../../runner/replicate.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { RunOrigin, RunRequest } from '../api-schemas.ts';
import { ApiError, issuesMessage, toApiIssues, type ErrorCode } from '../errors.ts';
import type { Limits } from '../limits.ts';
import type { ScenarioStore } from '../store/scenarios.ts';
import type { StoredRequest } from '../store/runs.ts';
import type { Checker } from '../checks/checker.ts';

export interface Admitted {
  scenario: Scenario;
  /** The baseline first, then the variants to run (a live run: the one variant shown). */
  variants: VariantInfo[];
  request: StoredRequest;
  /** Replications to run in all. */
  total: number;
}

/** A refusal about one field: its path leads the message and is the issue's path. */
const fieldError = (status: number, code: ErrorCode, path: string, message: string) =>
  new ApiError(status, code, `${path}: ${message}`, [{ path, message }]);

const invalid = (issues: { path: string; message: string }[]) =>
  new ApiError(400, 'invalid_scenario', issuesMessage('the scenario is invalid', issues), issues);

export async function admitRun(req: RunRequest, scenarios: ScenarioStore, limits: Limits, checks: Checker): Promise<Admitted> {
  let doc: Record<string, unknown>;
  let origin: RunOrigin | undefined;
  if (req.scenarioId !== undefined) {
    const entry = scenarios.get(req.scenarioId);
    if (!entry) throw fieldError(404, 'not_found', 'scenarioId', `no scenario with id ${JSON.stringify(req.scenarioId)}`);
    doc = entry.scenario;
    origin = { source: entry.source, version: entry.version, edited: false };
  } else {
    doc = req.scenario!;
    const stored = typeof doc.id === 'string' ? scenarios.get(doc.id) : undefined;
    // Key order aside (isDeepStrictEqual ignores it), the same document is the same version.
    if (stored) origin = { source: stored.source, version: stored.version, edited: !isDeepStrictEqual(stored.scenario, doc) };
  }

  const live = req.live ?? false;
  const named = (req.variants ?? []).filter((v) => v !== 'baseline');
  if (live && req.variants !== undefined && named.length > 1) {
    throw fieldError(400, 'validation_failed', 'variants', `a live run shows one variant: name at most one, got ${named.length}`);
  }
  // A live run shows one replication: of the variant named, else of the baseline.
  const checked = await checks.check(doc, req.variants === undefined ? (live ? [] : undefined) : named);
  if (!checked.ok) throw invalid(checked.issues);
  const s = checked.scenario;
  const known = s.variants.map((v) => v.id);
  const unknown = (req.variants ?? []).map((v, i) => ({ v, i })).filter(({ v }) => v !== 'baseline' && !known.includes(v));
  if (unknown.length) {
    const issues = unknown.map(({ v, i }) => ({ path: `variants[${i}]`, message: `unknown variant "${v}" (known: ${known.join(', ') || 'none'})` }));
    throw new ApiError(400, 'unknown_variant', issuesMessage('unknown variant', issues), issues);
  }
  const variants = live ? checked.variants.slice(-1) : checked.variants;

  const replications = live ? 1 : (req.replications ?? s.time.replications);
  if (replications > limits.replications) {
    throw fieldError(400, 'limit_exceeded', req.replications !== undefined ? 'replications' : 'time.replications', `expected an integer ≤ ${limits.replications} (this server's limit), got ${replications}`);
  }
  const cap = req.precision?.maxReplications ?? limits.replications;
  if (req.precision && cap > limits.replications) {
    throw fieldError(400, 'limit_exceeded', 'precision.maxReplications', `expected an integer ≤ ${limits.replications} (this server's limit), got ${cap}`);
  }
  if (req.precision && replications > cap) {
    throw fieldError(400, 'bad_request', 'replications', `expected at most precision.maxReplications (${cap}): the first batch, got ${replications}`);
  }
  const precision = req.precision && !live ? { ...req.precision, maxReplications: cap } : undefined;
  if (s.time.horizonDays > limits.horizonDays) {
    throw fieldError(400, 'limit_exceeded', 'time.horizonDays', `expected ≤ ${limits.horizonDays} (this server's limit), got ${s.time.horizonDays}`);
  }
  const ran = variants.filter((v) => v.id !== 'baseline').map((v) => v.id);
  return {
    scenario: s,
    variants,
    request: { scenario: doc, ...(origin ? { origin } : {}), variants: ran, replications, seed: req.seed ?? s.time.seed, live, ...(precision ? { precision } : {}) },
    // With precision, the most it may run (the progress says "of up to").
    total: variants.length * (precision ? precision.maxReplications : replications),
  };
}
