// The web app's build and dev server (the root vite.config.ts is vitest's). The dev server
// proxies /api (REST and the run WebSocket) to a pathflow server on port 8080, or to
// PATHFLOW_API (e.g. PATHFLOW_API=http://127.0.0.1:8090 npm run dev:ui). The server answers
// only pages of its own origin (server/host-check.ts): the proxy presents the dev server's
// own pages as the server's, and passes any other page's Origin on unchanged, to be refused.
import type { IncomingMessage, ClientRequest } from 'node:http';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.PATHFLOW_API ?? 'http://127.0.0.1:8080';

/** A request from the dev server's own page goes on with the API server's origin. */
function ownOrigin(proxyReq: ClientRequest, req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  try {
    if (new URL(origin).host === req.headers.host) proxyReq.setHeader('origin', new URL(api).origin);
  } catch { /* not a URL: passed on, and refused there */ }
}

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Two pages: the app, and teaching mode (teach.html), which runs with no server at all.
    rolldownOptions: { input: { main: fileURLToPath(new URL('index.html', import.meta.url)), teach: fileURLToPath(new URL('teach.html', import.meta.url)) } },
    // Plotly alone is ~1.5 MB minified; it is lazy-loaded, so the warning would only be noise.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: {
      '/api': {
        target: api, ws: true, changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq, req) => ownOrigin(proxyReq, req));
          proxy.on('proxyReqWs', (proxyReq, req) => ownOrigin(proxyReq, req));
        },
      },
    },
  },
});
