// A server bound to loopback answers only requests addressed to loopback names. A web page
// elsewhere can still make the browser send requests to 127.0.0.1: through DNS rebinding
// (its own name resolving to 127.0.0.1, so the browser treats our answers as its own) or a
// WebSocket (which browsers open across origins). The Host header gives the first away and
// the Origin header the second. With a token (any address), the token is the guard instead.
import type { FastifyInstance } from 'fastify';
import { ApiError, errorBody } from './errors.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The host name of a Host header or an Origin URL, lower-case, without the port. */
export function hostName(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const isLoopbackName = (name: string | undefined) => name !== undefined && (LOOPBACK_NAMES.has(name) || /^127(\.\d{1,3}){3}$/.test(name));

export function installLoopbackGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host;
    const origin = req.headers.origin;
    let refusal: string | undefined;
    if (host !== undefined && !isLoopbackName(hostName(host))) refusal = `this server answers requests to localhost only, not to "${host}"`;
    // Browsers send Origin on WebSockets and cross-origin requests: a page from elsewhere is refused.
    else if (origin !== undefined && origin !== 'null' && !isLoopbackName(hostName(origin))) refusal = `requests from pages at ${origin} are not accepted (only from this machine's own pages)`;
    else if (origin === 'null') refusal = 'requests from pages without an origin (sandboxed frames, files) are not accepted';
    if (refusal === undefined) return;
    if (req.headers.upgrade) reply.raw.once('finish', () => req.raw.socket?.destroy()); // see app.ts: a refused upgrade's socket is closed by us
    return reply.code(403).send(errorBody(new ApiError(403, 'forbidden', refusal)));
  });
}
