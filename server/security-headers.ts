// Security headers on every answer (@fastify/helmet), with a Content-Security-Policy the
// web app, teaching mode and the API docs all work under (tested in Chromium): scripts,
// workers and connections (the run WebSocket included) only from this server; inline
// styles allowed, because plotly.js and React set styles at run time; images also from
// data: and blob: URLs (plotly's PNG export). No page of another site may frame the app
// (frame-ancestors 'none', X-Frame-Options DENY): no clickjacking. No HSTS and no
// upgrade-insecure-requests: the server itself speaks plain HTTP (on loopback, or behind a
// TLS proxy that sets HSTS for its own name; docs/security.md).
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * This server's own WebSocket URLs, by the Host the page was loaded from. CSP Level 3 has
 * 'self' match them, but some older browsers do not; any other ws: host stays blocked. A
 * Host that is not a plain name and port adds nothing.
 */
const ownSockets = (req: IncomingMessage) => {
  const host = req.headers.host ?? '';
  return /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host) ? `ws://${host} wss://${host}` : "'self'";
};

export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", ownSockets],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
