// `npm run check:package` (CI, after the tests): the package as its users get it. `npm pack`
// (which runs the build), the tarball installed with `--omit=dev` into an empty folder (no
// tsx, esbuild, Vite or TypeScript; better-sqlite3 compiled from source, about two minutes,
// packages from npm's cache where it has them), then, in that folder:
//   npx pathflow --version, npx pathflow demo, npx pathflow run on a library scenario (in
//   this thread and on worker threads), npx pathflow serve answering /api/health and serving
//   the prebuilt web app (index.html and its assets).
// Too slow for the test suite (the install), so a script of its own. Exit 1 on any failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pathflow-package-'));
const app = join(work, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0, failed = 0;

function check(what, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n${detail}` : ''}\n`);
}

function run(cmd, args, cwd) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ...r, seconds: (performance.now() - started) / 1000, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

async function serve() {
  const child = spawn(npx, ['--no-install', 'pathflow', 'serve', '--port', '0', '--data', join(work, 'data'), '--workers', '1'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        output += `${line}\n`;
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
        if (m) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`serve exited before listening:\n${output}`)));
    });
    const health = await (await fetch(`${url}/api/health`)).json();
    check('npx pathflow serve: /api/health', health.ok === true, JSON.stringify(health));
    const index = await fetch(`${url}/`);
    const html = await index.text();
    check('npx pathflow serve: the web app\'s index.html', index.status === 200 && html.includes('<div id="root">'), html.slice(0, 300));
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const script = asset ? await fetch(`${url}/${asset}`) : undefined;
    check('npx pathflow serve: the web app\'s script', script?.status === 200 && (script.headers.get('content-type') ?? '').startsWith('text/javascript'), `asset ${asset}: ${script?.status}`);
    const library = await (await fetch(`${url}/api/scenarios`)).json();
    check('npx pathflow serve: the scenario library', Array.isArray(library) && library.some((s) => s.id === 'teaching-clinic'), JSON.stringify(library).slice(0, 300));
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
  }
  check('npx pathflow serve: no error output', !/error|Error/.test(output.replace(/0 failed/g, '')), output);
}

try {
  mkdirSync(app);
  const pack = run(npm, ['pack', '--pack-destination', work, '--json'], root);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.out}`);
  // The prepare script's build output comes first on stdout (in colour on some terminals, so a
  // bare '[' is not the JSON's start): the JSON is the last line that is exactly '['.
  const jsonStart = pack.stdout.search(/^\[$(?![\s\S]*^\[$)/m);
  if (jsonStart < 0) throw new Error(`npm pack printed no JSON:\n${pack.out}`);
  const [{ filename, files }] = JSON.parse(pack.stdout.slice(jsonStart));
  const paths = files.map((f) => f.path);
  check(`npm pack: ${filename}, ${paths.length} files (${pack.seconds.toFixed(0)} s with the build)`, true);
  for (const need of ['bin/pathflow.js', 'dist/cli/main.js', 'dist/runner/local/worker.js', 'ui/dist/index.html', 'scenarios/library/teaching-clinic.yaml', 'README.md', 'server/API.md', 'docs/scenario-language.md']) {
    check(`the tarball holds ${need}`, paths.includes(need));
  }
  const extra = paths.filter((p) => p.startsWith('test/') || p.startsWith('ui/src/') || /(^|\/)[^/]*\.tsx?$/.test(p));
  check('the tarball holds no tests and no TypeScript', extra.length === 0, extra.slice(0, 20).join('\n'));

  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pathflow-package-check', private: true }));
  const install = run(npm, ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, filename)], app);
  check(`npm install --omit=dev of the tarball (${install.seconds.toFixed(0)} s)`, install.status === 0, install.out);
  if (install.status !== 0) throw new Error('cannot go on without the install');
  const installed = readdirSync(join(app, 'node_modules'));
  const tools = ['tsx', 'esbuild', 'vite', 'typescript', 'vitest', '@vitejs', 'react'].filter((t) => installed.includes(t));
  check('no build tool installed', tools.length === 0, tools.join(', '));

  const version = run(npx, ['--no-install', 'pathflow', '--version'], app);
  check(`npx pathflow --version (${version.seconds.toFixed(2)} s)`, version.status === 0 && /^pathflow \d+\.\d+\.\d+\n$/.test(version.stdout), version.out);
  const demo = run(npx, ['--no-install', 'pathflow', 'demo', '--replications', '3'], app);
  check('npx pathflow demo', demo.status === 0 && demo.stdout.includes('3 replications'), demo.out);
  const scenario = join(app, 'node_modules', 'pathflow', 'scenarios', 'library', 'teaching-clinic.yaml');
  for (const workers of ['1', '2']) {
    const r = run(npx, ['--no-install', 'pathflow', 'run', scenario, '--reps', '2', '--workers', workers, '--json'], app);
    let ids = [];
    try {
      ids = JSON.parse(r.stdout).variants.map((v) => v.id);
    } catch {
      // not JSON: reported below
    }
    check(`npx pathflow run teaching-clinic --workers ${workers}`, r.status === 0 && ids.join() === 'baseline,on-time,third-clinician', r.out.slice(0, 2000));
  }
  await serve();
} catch (e) {
  check('the check ran to the end', false, e instanceof Error ? e.stack : String(e));
} finally {
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`check-package: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
