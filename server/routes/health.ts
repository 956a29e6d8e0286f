// GET /api/health: alive, which version, and what runs the experiments.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthSchema } from '../api-schemas.ts';
import type { ServerContext } from '../context.ts';

export default async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: ServerContext }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    schema: { tags: ['health'], summary: 'the server is up', response: { 200: HealthSchema } },
  }, async () => ({ ok: true as const, version: ctx.version, runner: ctx.runner }));
}
