// The access token of `pathflow serve --token T`: required on /api (the header
// `Authorization: Bearer T`; the WebSocket may send `?token=T`, as browsers cannot set its
// headers) and on /docs (Bearer, or HTTP Basic with T as the password, so that a browser
// asks for it and can open the docs). The web app's own files stay open: the app asks
// its user for the token. Tokens are compared as SHA-256 digests with timingSafeEqual:
// the same work whatever was sent, so the time taken tells nothing of the token, not even
// its length.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, errorBody } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** A comparer against `token` that keeps only its digest. */
export function tokenMatcher(token: string): (given: string | undefined) => boolean {
  const expected = digest(token);
  return (given) => {
    const same = timingSafeEqual(digest(given ?? ''), expected); // always run, even for nothing sent
    return same && given !== undefined;
  };
}

/** The password of `Authorization: Basic base64(user:password)`. */
function basicPassword(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : text.slice(colon + 1);
}

/** /api or /docs, by the route matched (/%61pi/scenarios reaches /api/scenarios too) or by the raw URL. */
function guarded(req: FastifyRequest): 'api' | 'docs' | undefined {
  const route = req.routeOptions.url ?? '';
  const url = req.url;
  if (route.startsWith('/api') || url.startsWith('/api')) return 'api';
  if (route.startsWith('/docs') || url.startsWith('/docs')) return 'docs';
  return undefined;
}

export function installTokenGuard(app: FastifyInstance, token: string): void {
  const matches = tokenMatcher(token);
  app.addHook('onRequest', async (req, reply) => {
    const area = guarded(req);
    if (!area) return;
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (matches(bearer)) return;
    // Browsers cannot set headers on a WebSocket, nor on a page they open: there the token
    // may come as ?token= (the socket) or as a Basic password (the docs; never accepted on
    // /api, where a browser's remembered password would let other sites' pages in).
    if (area === 'api' && req.routeOptions.url === '/api/ws' && matches(new URL(req.url, 'http://x').searchParams.get('token') ?? undefined)) return;
    if (area === 'docs' && matches(basicPassword(header))) return;
    if (req.headers.upgrade) reply.raw.once('finish', () => req.raw.socket?.destroy()); // see host-check.ts
    const docs = area === 'docs';
    return reply.code(401)
      .header('www-authenticate', docs ? 'Basic realm="pathflow docs", charset="UTF-8"' : 'Bearer')
      .send(errorBody(new ApiError(401, 'unauthorized', docs
        ? 'the docs of this server need its access token: give it as the password (any user name), or send Authorization: Bearer <token>'
        : 'this server needs the header Authorization: Bearer <token> (pathflow serve --token)')));
  });
}
