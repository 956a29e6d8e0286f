// The Fastify application: zod validation (worded as scenario errors), one error
// catalogue, security headers, which pages and names are answered (host-check.ts), the
// access token on /api and /docs, rate limits on writes, the OpenAPI document and
// swagger-ui at /docs, the route groups, the WebSocket and, if built, the web app. No
// listening here (server.ts), so tests and the CLI build the same app. docs/security.md
// is the threat model.
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { DOCS_THEME_CSS } from './docs-theme.ts';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { ServerContext } from './context.ts';
import { frameworkErrors, installErrorHandler } from './errors.ts';
import { ID_MAX_LENGTH } from '../scenarios/schema/id.ts';
import { zodValidatorCompiler } from './validation.ts';
import { installJsonBodies } from './json-body.ts';
import { installRequestGuard, originOf } from './host-check.ts';
import { installTokenGuard } from './access-token.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installRateLimit } from './rate-limit.ts';
import healthRoutes from './routes/health.ts';
import scenarioRoutes from './routes/scenarios.ts';
import runRoutes from './routes/runs.ts';
import runReportRoutes from './routes/run-report.ts';
import eventLogRoutes from './routes/event-log.ts';
import experimentRoutes from './routes/experiments.ts';
import wsRoutes from './routes/ws.ts';
import { serveUi } from './static.ts';

export interface AppOptions {
  /** Fastify's logger: false in tests, info from the CLI. */
  logger?: boolean | object;
}

export async function buildApp(ctx: ServerContext, o: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: ctx.limits.bodyBytes,
    // A request (headers and body) has a minute to arrive: a client that trickles bytes
    // cannot hold a connection open for ever. WebSockets are unaffected once upgraded.
    requestTimeout: 60_000,
    // A path's id is at most as long as an id may be: a longer one is 404 (no such id) in
    // the catalogue's shape, and no id can be saved that its routes would not reach.
    routerOptions: { maxParamLength: ID_MAX_LENGTH },
    frameworkErrors,
  });
  installJsonBodies(app);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // Headers first, so that refusals carry them too; then who may ask, then the token.
  await installSecurityHeaders(app);
  const allowedOrigins = ctx.allowedOrigins.map((o) => originOf(o) ?? o);
  installRequestGuard(app, { loopbackOnly: !ctx.token, allowedOrigins });
  if (ctx.token) installTokenGuard(app, ctx.token);
  await installRateLimit(app, ctx.limits.writesPerMinute);

  await app.register(swagger, {
    openapi: {
      info: { title: 'pathflow', description: 'Patient-flow simulation: scenarios, runs and their results (server/API.md)', version: ctx.version },
      ...(ctx.token ? { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] } : {}),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', theme: { css: [{ filename: 'pathflow.css', content: DOCS_THEME_CSS }] } });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(healthRoutes, { ctx });
  await app.register(scenarioRoutes, { ctx });
  await app.register(runRoutes, { ctx });
  await app.register(runReportRoutes, { ctx });
  await app.register(eventLogRoutes, { ctx });
  await app.register(experimentRoutes, { ctx });
  await app.register(wsRoutes, { ctx });
  if (ctx.uiDist) serveUi(app, ctx.uiDist);
  return app;
}
