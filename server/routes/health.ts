// GET /api/health: alive, which version, what runs the experiments, what is kept (the
// retention policy) and how full the storage is.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema } from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';
import { retentionText } from '../limits.ts';

export default async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    schema: { tags: ['health'], summary: 'the server is up', response: { 200: HealthSchema } },
  }, async () => ({
    ok: true as const, version: ctx.version, runner: ctx.runner,
    retention: { keepRuns: ctx.limits.keepRuns, keepRunDays: ctx.limits.keepRunDays, policy: retentionText(ctx.limits), deleted: ctx.runs.pruned },
    storage: { usedBytes: ctx.quota.usedBytes(), quotaBytes: ctx.quota.quotaBytes },
  }));
}
