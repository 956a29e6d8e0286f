// A budget of requests that change something (POST, PUT, DELETE) per client address and
// minute, shared by all such routes; reads, the WebSocket and validation are not counted.
// One client looping over POST /api/runs or /api/scenarios gets 429 `rate_limited`
// with Retry-After, and the others are served. The default (600 a minute) is far above what
// a person in the web app or a test suite sends.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { ApiError } from './errors.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** POSTs that change nothing: checking a scenario is a read with a body. */
const READS_BY_POST = new Set(['/api/scenarios/validate']);

const counted = (req: FastifyRequest) => WRITES.has(req.method) && !READS_BY_POST.has(req.routeOptions.url ?? '');

export async function installRateLimit(app: FastifyInstance, writesPerMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true, // every route, and one counter for all: the allow list lets reads through uncounted
    max: writesPerMinute,
    timeWindow: 60_000,
    allowList: (req) => !counted(req),
    // Thrown by the plugin, so the error handler answers it with the catalogue's body.
    errorResponseBuilder: (_req, c) => new ApiError(429, 'rate_limited',
      `more than ${c.max} requests that change something in a minute from this address: try again in ${c.after}`),
  });
}
