// The files of the installed package (package.json, the scenario library, the built web
// app), found from the package's root rather than from this module's folder: the same code
// runs from its TypeScript sources (tests, tsx) and compiled into dist/ (what `pathflow`
// runs), a level deeper, and folders may move without every path being counted again.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'pathflow';
let root: string | undefined;

/** The folder holding pathflow's package.json, the nearest above this module. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === NAME) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`no package.json of ${NAME} in ${start} or any folder above it`);
  }
}

/** A path inside the package: packagePath('scenarios', 'library'). */
export const packagePath = (...parts: string[]): string => join(packageRoot(), ...parts);

/** The package's version, from its package.json. */
export const packageVersion = (): string =>
  (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
