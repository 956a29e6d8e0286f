// Which file a worker thread starts from, and how that file is made. A worker entry is one
// JavaScript file: the worker module and the engine bundled by esbuild, packages left as
// imports but for stdlib's math (engine/core/math.ts), a few hundred tiny CommonJS files
// that every worker would otherwise resolve and load again. Such a worker is ready in about
// 0.22 s, against 0.33 s for the same module compiled file by file and 0.7 s through tsx
// (two at once on two cores: 0.3 s, 0.5 s and 1.6 s).
//
// Compiled (dist/, what `pathflow` runs): the build (scripts/build.js) has written that
// bundle over the worker module's compiled file, so a worker starts from its sibling .js.
// From the TypeScript sources (tests, tsx, benchmarks in a checkout): the bundle is made
// on first use, once per process, into node_modules/.cache/pathflow. esbuild is a build tool
// (a dev dependency): compiled code never loads it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packagePath } from '../package-root.ts';

const bundles = new Map<string, URL>();

/**
 * The entry of the worker module `name` (no extension) beside the module at `from` (its
 * import.meta.url): `workerEntry('worker', import.meta.url)`. The build finds worker modules
 * by this call, so give `name` as a string literal.
 */
export function workerEntry(name: string, from: string): URL {
  if (from.endsWith('.js')) return new URL(`./${name}.js`, from);
  const source = fileURLToPath(new URL(`./${name}.ts`, from));
  let entry = bundles.get(source);
  if (!entry) {
    const code = bundleWorker(source);
    const dir = packagePath('node_modules', '.cache', 'pathflow');
    // Named by content, so that processes running at once share the file.
    const file = join(dir, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) writeAtomically(file, code);
    bundles.set(source, (entry = pathToFileURL(file)));
  }
  return entry;
}

/** The bundle of the worker module `source` (a .ts file); written to `out` if given. */
export function bundleWorker(source: string, out?: string): Uint8Array {
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => !d.startsWith('@stdlib/')).flatMap((d) => [d, `${d}/*`]);
  const built = buildSync({
    entryPoints: [source],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', external, write: false, logLevel: 'silent',
    // Bundled CommonJS may require a Node built-in (stdlib asks for "tty"): give it a real require.
    banner: { js: "import { createRequire as __pathflowRequire } from 'node:module'; const require = __pathflowRequire(import.meta.url);" },
  });
  const code = built.outputFiles[0].contents;
  if (out) writeAtomically(out, code);
  return code;
}

function writeAtomically(file: string, code: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, code);
  renameSync(temp, file);
}
