// What every end-to-end file of the web app starts with: the app built (vite's JS API) into
// a temporary folder, served by the real server on port 0 with a temporary data directory,
// and Debian's headless Chromium (playwright-core, no browser downloaded). `close` undoes it all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/server.ts';

export interface App { server: RunningServer; browser: Browser; close(): Promise<void> }

export async function startApp(): Promise<App> {
  const outDir = mkdtempSync(join(tmpdir(), 'pathflow-ui-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'pathflow-ui-data-'));
  await build({ configFile: fileURLToPath(new URL('../../ui/vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await startServer({ port: 0, dataDir, uiDist: outDir, workers: 2 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server, browser,
    async close() {
      await browser.close();
      await server.close();
      for (const d of [outDir, dataDir]) rmSync(d, { recursive: true, force: true });
    },
  };
}
