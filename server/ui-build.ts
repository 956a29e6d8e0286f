// Building the web app (ui/) before serving it, through vite's JS API with
// ui/vite.config.ts: only when that config exists (ui/ has an app) and ui/dist is missing
// or older than the newest file under ui/src (or the config / index.html).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const uiDir = new URL('../ui/', import.meta.url).pathname;

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) if (name !== 'node_modules') t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Whether ui/dist is missing or older than the app's sources (false when there is no app). */
export function uiIsStale(dir = uiDir): boolean {
  const config = join(dir, 'vite.config.ts');
  if (!existsSync(config)) return false;
  const built = join(dir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newest(join(dir, 'src')), newest(config), newest(join(dir, 'index.html')));
  return sources > statSync(built).mtimeMs;
}

/** Builds ui/ if stale; returns the dist folder if it built, undefined if nothing was needed. */
export async function buildUiIfStale(dir = uiDir): Promise<string | undefined> {
  if (!uiIsStale(dir)) return undefined;
  const { build } = await import('vite');
  await build({ configFile: join(dir, 'vite.config.ts'), root: dir, logLevel: 'warn' });
  return join(dir, 'dist');
}
