// Run routes: start (202, queued until a slot frees), read (status, progress, result),
// history (kept by the retention policy), cancel, delete, and the result as a JSON or CSV
// download.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csv } from '../../runner/report/csv.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { ErrorSchema, IdParamsSchema, RunRequestSchema, RunSchema, RunSummarySchema, type Run } from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { retentionText } from '../limits.ts';

const tags = ['runs'];
/** The retention policy in words, on the run history's answer. */
export const RETENTION_HEADER = 'pathflow-retention';

export default async function runRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/runs', {
    schema: { tags, summary: 'start a run (exactly one of scenarioId and scenario)', body: RunRequestSchema, response: { 202: z.object({ id: z.string() }), 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema, 507: ErrorSchema } },
  }, async (req, reply) => reply.code(202).send({ id: (await ctx.runs.submit(req.body)).id }));

  r.get('/api/runs', {
    schema: {
      tags, summary: `run history, newest first (without results); this server ${retentionText(ctx.limits)} (said by the ${RETENTION_HEADER} header of every answer)`,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }), response: { 200: z.array(RunSummarySchema) },
    },
  }, async (req, reply) => {
    // What is kept goes with the history itself, so a client listing runs can always say it.
    reply.header(RETENTION_HEADER, retentionText(ctx.limits));
    return ctx.runs.list(req.query.limit);
  });

  r.get('/api/runs/:id', {
    schema: { tags, summary: 'a run: status, progress, where it came from, the exact scenario document it ran, and the result when done', params: IdParamsSchema, response: { 200: RunSchema, 404: ErrorSchema } },
  }, async (req, reply) => {
    const json = ctx.runs.getJson(req.params.id);
    if (!json) throw ctx.runs.notFound(req.params.id);
    // Already JSON (the result as stored): sent as it is, not parsed and serialised again.
    // (A string with a JSON content type skips the response serializer; the schema above documents it.)
    return reply.type('application/json; charset=utf-8').send(json as unknown as Run);
  });

  r.post('/api/runs/:id/cancel', {
    schema: { tags, summary: 'cancel a queued or running run (a finished run is returned unchanged)', params: IdParamsSchema, response: { 200: RunSummarySchema, 404: ErrorSchema } },
  }, async (req) => ctx.runs.cancel(req.params.id));

  r.delete('/api/runs/:id', {
    schema: { tags, summary: 'delete a run and its result (a queued or running run is cancelled first)', params: IdParamsSchema, response: { 204: z.null(), 404: ErrorSchema } },
  }, async (req, reply) => {
    ctx.runs.delete(req.params.id);
    return reply.code(204).send(null);
  });

  const resultOf = (id: string): string => {
    const run = ctx.runs.summary(id);
    if (!run) throw ctx.runs.notFound(id);
    const text = ctx.runs.resultText(id);
    if (text === undefined) throw new ApiError(409, 'conflict', `run ${id} has no result (it is ${run.status})`);
    return text;
  };
  const download = (id: string, ext: string) => `attachment; filename="run-${id.replace(/[^\w-]/g, '')}.${ext}"`;

  r.get('/api/runs/:id/result.json', {
    schema: { tags, summary: 'the result as a JSON download (the document `pathflow run --json` prints)', params: IdParamsSchema },
  }, async (req, reply) => {
    const text = resultOf(req.params.id);
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', download(req.params.id, 'json')).send(text + '\n');
  });

  r.get('/api/runs/:id/result.csv', {
    schema: { tags, summary: 'the result as a CSV download (the rows `pathflow run --csv` prints)', params: IdParamsSchema },
  }, async (req, reply) => {
    const doc = JSON.parse(resultOf(req.params.id)) as RunResultDoc;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', download(req.params.id, 'csv')).send(csv(doc));
  });
}
