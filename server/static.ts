// The built web app (ui/dist) at /, with the single-page-app fallback: any GET that is not
// /api/… and names no file gets index.html, so the app's own routes survive a reload.
// The folder is listed once at start and requests are looked up in that list: no path
// from a request is ever joined onto the file system.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError, errorBody } from './errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json', '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm',
};

interface Asset {
  body: Buffer;
  type: string;
  /** Vite names bundles by content hash: they never change, so browsers may keep them. */
  immutable: boolean;
}

function listFiles(dir: string, root = dir, out = new Map<string, Asset>()): Map<string, Asset> {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) listFiles(file, root, out);
    else {
      const url = '/' + relative(root, file).split(sep).join('/');
      out.set(url, { body: readFileSync(file), type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream', immutable: url.startsWith('/assets/') });
    }
  }
  return out;
}

/**
 * The build's files, listed again when index.html changes (a rebuild while the server runs:
 * `npm run build:ui` empties dist/ and writes new hashed names). One stat of index.html a
 * request, a few microseconds, tells.
 */
function currentBuild(dist: string): () => Map<string, Asset> {
  let assets = listFiles(dist);
  let built = statSync(join(dist, 'index.html')).mtimeMs;
  return () => {
    try {
      const now = statSync(join(dist, 'index.html')).mtimeMs;
      if (now !== built) [assets, built] = [listFiles(dist), now];
    } catch {
      // Mid-rebuild (index.html not written yet): keep serving the last complete listing.
    }
    return assets;
  };
}

export function serveUi(app: FastifyInstance, dist: string): void {
  const build = currentBuild(dist);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(req.url.split('?')[0]);
    } catch {
      return reply.code(400).type('text/plain; charset=utf-8').send('malformed URL\n');
    }
    const assets = build();
    const index = assets.get('/index.html')!;
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.code(404).send(errorBody(new ApiError(404, 'not_found', `no route ${req.method} ${path}`)));
    }
    const asset = assets.get(path) ?? (extname(path) === '' ? index : undefined);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send(`no file ${path}\n`);
    reply.header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(asset.type).send(asset.body);
  });
}
