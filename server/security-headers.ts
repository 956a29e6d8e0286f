// Security headers on every answer (@fastify/helmet), with a Content-Security-Policy the
// web app, teaching mode and the API docs all work under (tested in Chromium): scripts,
// workers and connections (the run WebSocket included) only from this server; inline
// styles allowed, because plotly.js and React set styles at run time; images also from
// data: and blob: URLs (plotly's PNG export). No page of another site may frame the app
// (frame-ancestors 'none', X-Frame-Options DENY): no clickjacking. No HSTS and no
// upgrade-insecure-requests: the server itself speaks plain HTTP (on loopback, or behind a
// TLS proxy that sets HSTS for its own name; docs/security.md).
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
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
