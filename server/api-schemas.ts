// The shapes of the HTTP API and the WebSocket messages (server/API.md): zod schemas, so
// requests are validated by them, the OpenAPI document at /docs is generated from them,
// and a client (the web app) can import the types instead of restating them.
import { z } from 'zod';
import { RunResultSchema } from '../scenarios/schema/run-result.ts';
import { ID_MAX_LENGTH } from '../scenarios/schema/id.ts';

export const IssueSchema = z.object({
  path: z.string().describe('field path, written as the CLI prints it: `sites[1].wards[0].beds`'),
  message: z.string(),
});

export const ErrorSchema = z.object({
  error: z.looseObject({
    code: z.string().describe('stable code: not_found, validation_failed, invalid_scenario, version_conflict, …'),
    message: z.string(),
    issues: z.array(IssueSchema).optional(),
  }),
}).describe('every 4xx (and 5xx) answer');

/** A scenario document as JSON: checked by parseScenario, not here, so that every issue comes back with its path. */
export const ScenarioDocSchema = z.looseObject({}).describe('a scenario document (docs/scenario-language.md; JSON Schema: `pathflow schema`)');

export const ScenarioSourceSchema = z.enum(['library', 'user']);

export const ScenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  question: z.string().optional().describe('the question the scenario answers for its users (addition: API.md)'),
  source: ScenarioSourceSchema,
  version: z.int().describe('incremented on every update; library scenarios are version 1'),
});

export const ScenarioEntrySchema = z.object({
  id: z.string(),
  source: ScenarioSourceSchema,
  version: z.int(),
  scenario: ScenarioDocSchema,
});

export const ScenarioBodySchema = z.strictObject({ scenario: ScenarioDocSchema });
export const ScenarioUpdateSchema = z.strictObject({
  scenario: ScenarioDocSchema,
  version: z.int().min(1).describe('the version this edit started from (409 version_conflict if another edit came first)'),
});
export const ScenarioSavedSchema = z.object({ id: z.string(), version: z.int() });
export const ValidationReplySchema = z.union([
  z.object({ ok: z.literal(true), warnings: z.array(IssueSchema).optional().describe('what the cost model says without refusing: a resource that cannot keep up') }),
  z.object({ ok: z.literal(false), issues: z.array(IssueSchema) }),
]);
export const IdParamsSchema = z.object({ id: z.string().min(1).max(ID_MAX_LENGTH) });

export const RunRequestSchema = z.strictObject({
  scenarioId: z.string().min(1).max(ID_MAX_LENGTH).optional().describe('a library or saved scenario'),
  scenario: ScenarioDocSchema.optional().describe('an inline scenario document'),
  variants: z.array(z.string()).max(100).optional().describe('variant ids to run besides the baseline (default: all)'),
  replications: z.int().min(1).optional().describe("replications per variant (default: the scenario's time.replications)"),
  // z.int() stops at 2^53 − 1, as time.seed and --seed do: a second, smaller maximum here
  // answered seed 1e20 with two contradicting limits.
  seed: z.int().min(0).optional().describe("base seed, a whole number from 0 to 9007199254740991 as the scenario's time.seed (default: time.seed)"),
  live: z.boolean().optional().describe('one replication stepped through simulated time, with snapshots on the WebSocket'),
  liveStepHours: z.number().min(1 / 60).max(24 * 7).optional().describe('live runs: simulated hours between snapshots (default 0.25)'),
  precision: z.strictObject({
    relative: z.number().gt(0).lt(1).optional().describe('a half-width of at most this share of each judged KPI\'s mean (0.05 for ±5%)'),
    absolute: z.number().gt(0).optional().describe('or of at most this, in the KPI\'s unit'),
    kpis: z.array(z.string().min(1).max(200)).max(200).optional().describe('KPIs judged, in full (ed.4h[all]) or by metric (ed.4h); default the main KPIs'),
    maxReplications: z.int().min(1).optional().describe("the cap on replications per option (default: this server's replication limit)"),
  }).superRefine((p, ctx) => {
    if ((p.relative === undefined) === (p.absolute === undefined)) ctx.addIssue({ code: 'custom', path: ['relative'], message: 'give exactly one of relative and absolute' });
  }).optional().describe('replications doubled from `replications` until every judged KPI\'s 95% interval is within the target, or the cap (the run document says where it stopped: `precision`)'),
}).superRefine((r, ctx) => {
  if ((r.scenarioId === undefined) === (r.scenario === undefined)) {
    ctx.addIssue({ code: 'custom', path: [r.scenarioId === undefined ? 'scenarioId' : 'scenario'], message: 'give exactly one of scenarioId and scenario' });
  }
  if (r.precision && r.live) ctx.addIssue({ code: 'custom', path: ['precision'], message: 'a live run is one replication: precision is for runs of many' });
});
export type RunRequest = z.infer<typeof RunRequestSchema>;

export const RunStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunOriginSchema = z.object({
  source: ScenarioSourceSchema,
  version: z.int().describe('the version of the library or saved scenario `scenarioId` when the run was started'),
  edited: z.boolean().describe('the document run differs from that version (unsaved edits): the run keeps the document it ran, in `scenario`'),
  currentVersion: z.int().nullable().optional().describe('GET /api/runs/:id only: the version that scenario has now, or null if it has been deleted since'),
}).describe('the stored scenario the run came from (absent: a document never saved on this server, or a run stored before origins were kept)');
export type RunOrigin = z.infer<typeof RunOriginSchema>;

export const RunSummarySchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  title: z.string(),
  status: RunStatusSchema,
  progress: z.object({ done: z.int(), total: z.int() }).describe('replications done / to do (live runs: 0 or 1 of 1)'),
  createdAt: z.string().describe('ISO 8601'),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  // Additions to the first contract (API.md): what was asked, so a history can show it.
  replications: z.int(),
  seed: z.int(),
  variants: z.array(z.string()).describe('variant ids run after the baseline'),
  live: z.boolean(),
  origin: RunOriginSchema.optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunSchema = RunSummarySchema.extend({
  scenario: ScenarioDocSchema.describe('the exact document run (baseline and every variant), kept with the run: later edits or deletion of the scenario do not change it'),
  result: RunResultSchema.optional(),
});
export type Run = z.infer<typeof RunSchema>;

export const HealthSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
  runner: z.object({ kind: z.enum(['local', 'redis']), parallelism: z.int() }),
  // Additions (API.md): what the server keeps, and how full it is.
  retention: z.object({
    keepRuns: z.int().describe('finished runs kept, the newest first'),
    keepRunDays: z.number().describe('finished runs older than this are deleted'),
    policy: z.string().describe('the same in words'),
    deleted: z.object({
      runs: z.int().describe('finished runs the policy has deleted since the server started'),
      lastAt: z.string().optional().describe('when it last deleted any (ISO 8601)'),
    }),
  }),
  storage: z.object({
    usedBytes: z.int().describe("the database's data"),
    quotaBytes: z.int().describe('saves that would go over it are refused (507 insufficient_storage)'),
  }),
});

/** Client → server on /api/ws. */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), runId: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('unsubscribe'), runId: z.string().min(1).max(200) }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

// Sweeps and goal-seeking (server/experiment-schemas.ts), here too so the web app imports every API type from one file.
export type { Choices, Experiment, ExperimentStatus, SeekRequest, SweepRequest } from './experiment-schemas.ts';
