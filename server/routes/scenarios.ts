// Scenario routes: the library and the user's saved scenarios — list, get, validate
// (every issue with its path, as `pathflow check` prints it), save, update with a version
// check, delete. Saving checks as validate does: an invalid scenario is never stored.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorSchema, IdParamsSchema, ScenarioBodySchema, ScenarioEntrySchema, ScenarioSavedSchema,
  ScenarioSummarySchema, ScenarioUpdateSchema, ValidationReplySchema,
} from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../errors.ts';

const tags = ['scenarios'];

export default async function scenarioRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/scenarios', {
    schema: { tags, summary: 'library and saved scenarios', response: { 200: z.array(ScenarioSummarySchema) } },
  }, async () => ctx.scenarios.list());

  r.get('/api/scenarios/:id', {
    schema: { tags, summary: 'one scenario document', params: IdParamsSchema, response: { 200: ScenarioEntrySchema, 404: ErrorSchema } },
  }, async (req) => {
    const entry = ctx.scenarios.get(req.params.id);
    if (!entry) throw notFound('scenario', req.params.id);
    return entry;
  });

  r.post('/api/scenarios/validate', {
    schema: { tags, summary: 'every schema and cross-reference issue, with its path', body: ScenarioBodySchema, response: { 200: ValidationReplySchema, 400: ErrorSchema } },
  }, async (req) => {
    const c = await ctx.checks.check(req.body.scenario);
    if (!c.ok) return { ok: false as const, issues: c.issues };
    return c.warnings.length ? { ok: true as const, warnings: c.warnings } : { ok: true as const };
  });

  r.post('/api/scenarios', {
    schema: { tags, summary: 'save a new scenario (its id is the document\'s id)', body: ScenarioBodySchema, response: { 201: ScenarioSavedSchema, 400: ErrorSchema, 409: ErrorSchema, 507: ErrorSchema } },
  }, async (req, reply) => reply.code(201).send(await ctx.scenarios.create(req.body.scenario)));

  r.put('/api/scenarios/:id', {
    schema: { tags, summary: 'update a saved scenario from the version it was read at', params: IdParamsSchema, body: ScenarioUpdateSchema, response: { 200: ScenarioSavedSchema, 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 507: ErrorSchema } },
  }, async (req) => ctx.scenarios.update(req.params.id, req.body.scenario, req.body.version));

  r.delete('/api/scenarios/:id', {
    schema: { tags, summary: 'delete a saved scenario (library ones are read-only)', params: IdParamsSchema, response: { 204: z.null(), 403: ErrorSchema, 404: ErrorSchema } },
  }, async (req, reply) => {
    ctx.scenarios.delete(req.params.id);
    return reply.code(204).send(null);
  });
}
