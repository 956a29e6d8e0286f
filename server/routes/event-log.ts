// GET /api/runs/:id/event-log: one replication of a run again, its patient events streamed
// as CSV or OCEL 2.0 JSON (docs/event-log.md) as the replication runs. The run's stored
// scenario, seed and budgets give the same replication as the run's own. The replication
// runs on this thread in slices of about 2,000 events (a day of millions of arrivals
// included), giving the thread back after each so other requests are answered, and waits
// whenever the client has not taken what was sent (backpressure), so memory stays bounded
// however long or busy the run; the log stops at maxEvents; one log at a time per server;
// a client that goes away, or takes nothing for a minute, stops it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, toApiIssues } from '../errors.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { streamEventLog } from '../../runner/event-log/replication-log.ts';
import { DEFAULT_MAX_EVENTS, MAX_EVENTS } from '../../runner/event-log/format.ts';
import { budgetOf } from '../../scenarios/cost/limits.ts';

/** A log whose client takes nothing for this long is given up (the connection closed, the slot freed). */
export const EVENT_LOG_IDLE_MS = 60_000;

const EventLogQuerySchema = z.object({
  replication: z.coerce.number().int().min(1).default(1).describe('which replication (1 = the first; at most the run\'s replications)'),
  format: z.enum(['csv', 'ocel']).default('csv').describe('csv (RFC 4180) or ocel (OCEL 2.0 JSON)'),
  variant: z.string().min(1).max(200).default('baseline').describe('baseline or a variant the run ran'),
  maxEvents: z.coerce.number().int().min(1).max(MAX_EVENTS).default(DEFAULT_MAX_EVENTS).describe(`the log stops after this many events (at most ${MAX_EVENTS})`),
});

export default async function eventLogRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  let streaming = 0;

  r.get('/api/runs/:id/event-log', {
    schema: {
      tags: ['runs'],
      summary: 'one replication of the run again, its patient events streamed as CSV or OCEL 2.0 JSON (docs/event-log.md); one at a time',
      params: IdParamsSchema, querystring: EventLogQuerySchema,
      response: { 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
    },
  }, async (req, reply) => {
    const { id } = req.params;
    const q = req.query;
    const run = ctx.runs.summary(id);
    if (!run) throw ctx.runs.notFound(id);
    // A run sized to a precision ran more than its first batch: its result says how many (read only then).
    const ran = q.replication > run.replications && run.status === 'done' ? ((JSON.parse(ctx.runs.resultText(id) ?? '{}') as { replications?: number }).replications ?? run.replications) : run.replications;
    if (q.replication > ran) throw new ApiError(400, 'limit_exceeded', `replication ${q.replication}: run ${id} has ${ran} replications`);
    if (q.variant !== 'baseline' && !run.variants.includes(q.variant))
      throw new ApiError(400, 'unknown_variant', `variant "${q.variant}" is not in run ${id} (it ran: ${['baseline', ...run.variants].join(', ')})`);
    const parsed = parseScenario(JSON.parse(ctx.runs.scenarioText(id) ?? '{}'));
    if (!parsed.ok) throw new ApiError(400, 'invalid_scenario', `run ${id}'s scenario no longer reads as a scenario`, toApiIssues(parsed.issues));
    if (streaming >= 1) throw new ApiError(429, 'queue_full', 'an event log is being sent already: try again when it has finished');
    streaming++;
    let held = true;
    const release = () => { if (held) { held = false; streaming--; } };
    const body = new PassThrough();
    let gone = false;
    let wake: (() => void) | null = null;
    body.on('drain', () => wake?.());
    reply.raw.on('close', () => { gone = true; wake?.(); });
    const idleMs = ctx.eventLogIdleMs ?? EVENT_LOG_IDLE_MS;
    const sink = {
      write: (chunk: Uint8Array) => body.write(Buffer.from(chunk)), // a copy: the log reuses its buffer
      // A client that stops reading would hold the one slot for as long as it keeps the
      // connection (the probe's held it 131 s, everyone else getting 429): after idleMs
      // without taking anything, the connection is closed and the slot freed.
      drain: () => new Promise<void>((resolve) => {
        const idle = setTimeout(() => {
          gone = true;
          release();
          reply.raw.destroy();
          wake?.();
        }, idleMs);
        wake = () => { clearTimeout(idle); wake = null; resolve(); };
      }),
      stopped: () => gone,
    };
    streamEventLog(parsed.value, { format: q.format, replication: q.replication - 1, seed: run.seed, variant: q.variant, maxEvents: q.maxEvents, limits: { budget: budgetOf(ctx.limits.cost) } }, sink)
      .then((r) => { if (!r.ok) body.destroy(new Error(r.issues.map((i) => i.message).join('; '))); else body.end(); }, (e) => body.destroy(e))
      .finally(release);
    const name = `run-${id.replace(/[^\w-]/g, '')}-replication-${q.replication}.${q.format === 'csv' ? 'csv' : 'ocel.json'}`;
    return reply
      .header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body as never); // a stream: the response schemas above are the errors'
  });
}
