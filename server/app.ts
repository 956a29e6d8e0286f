// The Fastify application: zod validation (worded as scenario errors), one error
// catalogue, the OpenAPI document and swagger-ui at /docs, the access token on /api, the
// route groups, the WebSocket and, if built, the web app. No listening here (server.ts),
// so tests and the CLI build the same app.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { ServerContext } from './context.ts';
import { ApiError, errorBody, installErrorHandler } from './errors.ts';
import { zodValidatorCompiler } from './validation.ts';
import { installJsonBodies } from './json-body.ts';
import { installLoopbackGuard } from './host-check.ts';
import healthRoutes from './routes/health.ts';
import scenarioRoutes from './routes/scenarios.ts';
import runRoutes from './routes/runs.ts';
import wsRoutes from './routes/ws.ts';
import { serveUi } from './static.ts';

export interface AppOptions {
  /** Fastify's logger: false in tests, info from the CLI. */
  logger?: boolean | object;
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given), b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function buildApp(ctx: ServerContext, o: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: ctx.limits.bodyBytes,
    // A request (headers and body) has a minute to arrive: a client that trickles bytes
    // cannot hold a connection open for ever. WebSockets are unaffected once upgraded.
    requestTimeout: 60_000,
  });
  installJsonBodies(app);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  if (!ctx.token) installLoopbackGuard(app);
  if (ctx.token) {
    const token = ctx.token;
    app.addHook('onRequest', async (req, reply) => {
      // By the route matched, not the raw URL: /%61pi/scenarios reaches /api/scenarios too.
      const route = req.routeOptions.url ?? '';
      if (!route.startsWith('/api') && !req.url.startsWith('/api')) return;
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      // Browsers cannot set headers on a WebSocket: there the token may come as ?token=.
      const query = route === '/api/ws' ? new URL(req.url, 'http://x').searchParams.get('token') ?? undefined : undefined;
      if (tokenMatches(bearer, token) || tokenMatches(query, token)) return;
      // A refused WebSocket upgrade is answered on the raw socket, which nothing else
      // closes (the server's close() would wait for it forever): close it once answered.
      if (req.headers.upgrade) reply.raw.once('finish', () => req.raw.socket?.destroy());
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(new ApiError(401, 'unauthorized', 'this server needs the header Authorization: Bearer <token> (pathflow serve --token)')));
    });
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'pathflow', description: 'Patient-flow simulation: scenarios, runs and their results (server/API.md)', version: ctx.version },
      ...(ctx.token ? { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] } : {}),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(healthRoutes, { ctx });
  await app.register(scenarioRoutes, { ctx });
  await app.register(runRoutes, { ctx });
  await app.register(wsRoutes, { ctx });
  if (ctx.uiDist) serveUi(app, ctx.uiDist);
  return app;
}
