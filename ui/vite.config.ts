// The web app's build and dev server (the root vite.config.ts is vitest's). The dev server
// proxies /api (REST and the run WebSocket) to a pathflow server on port 8080, or to
// PATHFLOW_API (e.g. PATHFLOW_API=http://127.0.0.1:8090 npm run dev:ui).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

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
      '/api': { target: process.env.PATHFLOW_API ?? 'http://127.0.0.1:8080', ws: true, changeOrigin: true },
    },
  },
});
