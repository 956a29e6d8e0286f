// Whether the web app's build (ui/dist, made by `npm run build:ui` with Vite, which `npm
// install` runs) is older than its sources: in a checkout after editing ui/src, `pathflow
// serve` says so rather than serve an old app silently. It does not rebuild: Vite is a
// build tool (a dev dependency), never loaded at run time. An installed package ships
// ui/dist without ui/src and its config, so nothing there is ever stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../runner/package-root.ts';

const uiDir = packagePath('ui');

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
