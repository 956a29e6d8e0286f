// Which pages and names the server answers. A browser sends Origin on WebSockets and on
// cross-origin (and most non-GET) requests; browsers open WebSockets across origins with
// no CORS check at all, so a page on another site, or on another port of this machine,
// could otherwise drive the server through the visitor's browser. A request that carries
// an Origin is answered only if it is the server's own (same host and port as the Host
// header) or one given by `--allow-origin`; requests without one (curl, scripts, same-
// origin page loads) pass. The same rule guards REST and the WebSocket, with or without a
// token. Without a token the server listens on loopback, and there a Host header naming
// anything else is refused too: DNS rebinding (a name of theirs resolving to 127.0.0.1)
// would otherwise make their page and our answers the same origin.
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

/** `scheme://host[:port]`, lower-case, the scheme's default port dropped; undefined if `value` is not an http(s) origin. */
export function originOf(value: string): string | undefined {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a page at `origin` was served by the server this Host header names (the scheme is the proxy's business). */
function sameHost(origin: string, host: string): boolean {
  try {
    const o = new URL(origin);
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

export interface RequestPolicy {
  /** No token: only requests addressed to loopback names. */
  loopbackOnly: boolean;
  /** Origins besides the server's own (as originOf writes them). */
  allowedOrigins: readonly string[];
}

/** Why a request with these headers is refused, or undefined if it may go on. */
export function refusalOf(host: string | undefined, origin: string | undefined, policy: RequestPolicy): string | undefined {
  if (policy.loopbackOnly && host !== undefined && !isLoopbackName(hostName(host))) return `this server answers requests to localhost only, not to "${host}"`;
  if (origin === undefined) return undefined;
  if (origin === 'null') return 'requests from pages without an origin (sandboxed frames, files) are not accepted';
  const o = originOf(origin);
  if (o !== undefined && ((host !== undefined && sameHost(o, host)) || policy.allowedOrigins.includes(o))) return undefined;
  return `requests from pages at ${origin} are not accepted (only from this server's own pages; pathflow serve --allow-origin adds others)`;
}

export function installRequestGuard(app: FastifyInstance, policy: RequestPolicy): void {
  app.addHook('onRequest', async (req, reply) => {
    const refusal = refusalOf(req.headers.host, req.headers.origin, policy);
    if (refusal === undefined) return;
    // A refused WebSocket upgrade is answered on the raw socket, which nothing else closes
    // (the server's close() would wait for it forever): close it once answered.
    if (req.headers.upgrade) reply.raw.once('finish', () => req.raw.socket?.destroy());
    return reply.code(403).send(errorBody(new ApiError(403, 'forbidden', refusal)));
  });
}
