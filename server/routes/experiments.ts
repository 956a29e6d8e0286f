// Experiment routes (server/API.md, "Experiments"): what a scenario offers to vary, start a
// sweep or a seek (202, checked before any work: a bad field or an oversized grid is a 4xx
// naming the field), read one (status, progress, the result when done), list, cancel.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../api-schemas.ts';
import { ChoicesRequestSchema, ChoicesSchema, ExperimentSchema, SeekRequestSchema, SweepRequestSchema } from '../experiment-schemas.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { admitBase } from '../experiments/admit.ts';
import { KEEP_EXPERIMENTS } from '../experiments/manager.ts';

const tags = ['experiments'];
const refusals = { 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema };

export default async function experimentRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/experiments/choices', {
    schema: { tags, summary: 'what a scenario offers to vary (parameters with their paths and labels) and the KPIs it reports', body: ChoicesRequestSchema, response: { 200: ChoicesSchema, ...refusals } },
  }, async (req) => {
    const b = await admitBase(req.body, ctx.scenarios, ctx.limits, ctx.checks);
    const choices = await ctx.checks.choices({ base: JSON.stringify(b.base), limits: ctx.limits.cost });
    if (!choices.ok) throw new ApiError(400, choices.overLimit ? 'limit_exceeded' : 'invalid_scenario', choices.message);
    return choices.value;
  });

  r.post('/api/experiments/sweeps', {
    schema: {
      tags, summary: 'start a sweep: every point of a grid of parameter values, its KPIs with 95% CIs (as `pathflow sweep`)', body: SweepRequestSchema,
      response: { 202: ExperimentSchema, ...refusals, 503: ErrorSchema },
    },
  }, async (req, reply) => reply.code(202).send(await ctx.experiments.startSweep(req.body)));

  r.post('/api/experiments/seeks', {
    schema: {
      tags, summary: 'start a seek: the smallest (or largest) value of one parameter at which a KPI meets a target with the stated confidence (as `pathflow seek`)', body: SeekRequestSchema,
      response: { 202: ExperimentSchema, ...refusals, 503: ErrorSchema },
    },
  }, async (req, reply) => reply.code(202).send(await ctx.experiments.startSeek(req.body)));

  r.get('/api/experiments', {
    schema: { tags, summary: `experiments kept (the last ${KEEP_EXPERIMENTS} finished, and those queued or running; in memory: not kept across restarts), newest first, without results`, response: { 200: z.array(ExperimentSchema) } },
  }, async () => ctx.experiments.list());

  r.get('/api/experiments/:id', {
    schema: { tags, summary: 'an experiment: status, progress (poll it), and its result when done', params: IdParamsSchema, response: { 200: ExperimentSchema, 404: ErrorSchema } },
  }, async (req) => ctx.experiments.get(req.params.id));

  r.post('/api/experiments/:id/cancel', {
    schema: { tags, summary: 'cancel a queued or running experiment (a finished one is returned unchanged)', params: IdParamsSchema, response: { 200: ExperimentSchema, 404: ErrorSchema } },
  }, async (req) => ctx.experiments.cancel(req.params.id));
}
