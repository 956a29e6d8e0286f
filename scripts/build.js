// `npm run build:js` (part of `npm run build`, which `npm install` runs as "prepare"): the
// package's TypeScript compiled to JavaScript for `pathflow` to run without a TypeScript
// tool at run time.
//
// 1. tsc -p tsconfig.build.json: every module outside ui/ (Vite builds the web app),
//    test/, bench/ and scripts/ into dist/, the tree mirrored (cli/main.ts → dist/cli/main.js),
//    relative imports rewritten from .ts to .js. dist/ is emptied first, so a module moved or
//    removed leaves nothing behind.
// 2. Each worker-thread module, found by its `workerEntry('name', import.meta.url)` call,
//    is replaced in dist/ by its bundle (runner/local/worker-entry.ts says why), made by the
//    just-compiled worker-entry.js, the same code that makes it from the sources in tests.
//
// 3. Each other compiled module importing stdlib (@stdlib/*: the engine's own log/exp/pow and
//    the t and normal quantiles) gets stdlib inlined by esbuild, its other imports left as
//    they are: stdlib is some 500 tiny CommonJS files, which took Node more time to find and
//    load than the rest of `pathflow run` together (0.5 s of 0.9 s on a loaded machine).
//
// `--if-stale`: only if a source, a tsconfig, package.json or the lock is newer than the last build
// (the test suite's global setup, so that tests spawning `pathflow` run the current code).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.built');
const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
const excluded = new Set(config.exclude.map((p) => p.replace(/\/$/, '')));

/** Every file under dir (relative to the root), but excluded folders and dot folders. */
function* files(dir = root) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !excluded.has(relative(root, path).split(sep).join('/'))) yield* files(path);
    } else yield path;
  }
}

function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  // package-lock.json too: the bundles inline stdlib and the engine from node_modules.
  const inputs = [join(root, 'package.json'), join(root, 'package-lock.json'), join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json'), fileURLToPath(import.meta.url)];
  for (const f of files()) if (f.endsWith('.ts') && !f.endsWith('.config.ts')) inputs.push(f);
  return inputs.some((f) => statSync(f).mtimeMs > built);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write('build: tsc failed (above)\n');
  process.exit(1);
}

const compiledFiles = [...function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* walk(join(dir, e.name));
    else if (e.name.endsWith('.js')) yield join(dir, e.name);
  }
}(dist)];
const entryModule = compiledFiles.find((f) => f.endsWith(`${sep}worker-entry.js`));
if (!entryModule) throw new Error('build: no worker-entry.js in dist/');
const { bundleWorker } = await import(pathToFileURL(entryModule).href);
const workers = new Set();
for (const file of compiledFiles) {
  for (const m of readFileSync(file, 'utf8').matchAll(/workerEntry\(\s*'([\w.-]+)',\s*import\.meta\.url\s*\)/g)) {
    workers.add(resolve(dirname(file), `${m[1]}.js`));
  }
}
for (const out of workers) {
  const source = join(root, relative(dist, out)).replace(/\.js$/, '.ts');
  if (!existsSync(source)) throw new Error(`build: worker module ${relative(root, source)} not found`);
  bundleWorker(source, out);
}
const { build } = await import('esbuild');
const inlined = [];
for (const file of compiledFiles) {
  if (workers.has(file) || !/^import [^;]* from '@stdlib\//m.test(readFileSync(file, 'utf8'))) continue;
  const built = await build({
    entryPoints: [file], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent',
    // stdlib, and what stdlib itself requires, is bundled; every other import of the module stays an import.
    plugins: [{
      name: 'only-stdlib',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'entry-point' || a.path.startsWith('@stdlib/') || a.importer.includes(`${sep}node_modules${sep}`) ? undefined : { path: a.path, external: true }));
      },
    }],
    // Bundled CommonJS may require a Node built-in (stdlib asks for "tty"): give it a real require.
    banner: { js: "import { createRequire as __pathflowRequire } from 'node:module'; const require = __pathflowRequire(import.meta.url);" },
  });
  writeFileSync(file, built.outputFiles[0].contents);
  inlined.push(relative(dist, file));
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
process.stderr.write(`build: dist/ compiled, ${workers.size} worker bundle(s), stdlib inlined in ${inlined.join(', ')}, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
