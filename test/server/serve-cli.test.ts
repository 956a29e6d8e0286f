// `pathflow serve` from the command line (options, the printed URL, a clean stop on
// SIGTERM), the web app's files served from
// their listing with the single-page fallback, and when the app is rebuilt.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import { parseServeArgs, SERVE_USAGE } from '../../server/command.ts';
import { uiIsStale } from '../../server/ui-build.ts';
import { openDatabase } from '../../server/store/db.ts';
import { api, removeDir, start, tempDir } from './harness.ts';

const bin = new URL('../../bin/pathflow.js', import.meta.url).pathname;

describe('serve options', () => {
  test('defaults: loopback, port 8080, ./.pathflow-data, the token from PATHFLOW_TOKEN', () => {
    const a = parseServeArgs([], { PATHFLOW_TOKEN: 'tok' });
    expect(a).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: join(process.cwd(), '.pathflow-data'), token: 'tok', limits: {}, allowedOrigins: [] });
    expect(parseServeArgs([], {})).toMatchObject({ token: undefined });
  });

  test('every option, limits in their units', () => {
    const a = parseServeArgs(['--port', '0', '--host=0.0.0.0', '--data', 'd', '--workers', '3', '--redis', 'redis://h:6379', '--token', 't',
      '--max-body-kb', '64', '--max-replications', '200', '--max-horizon-days', '400', '--max-concurrent-runs', '4', '--max-queued-runs', '9', '--max-run-seconds', '60',
      '--keep-runs', '50', '--keep-run-days', '7', '--max-storage-mb', '100', '--max-writes-per-minute', '30',
      '--allow-origin', 'https://Pathflow.example.org', '--allow-origin=http://localhost:5173/'], {});
    // More workers than CPUs run as many as the CPUs, with a notice.
    const cpus = availableParallelism();
    expect(a).toEqual({
      port: 0, host: '0.0.0.0', dataDir: join(process.cwd(), 'd'), workers: Math.min(3, cpus), redis: 'redis://h:6379', token: 't',
      limits: { bodyBytes: 65536, replications: 200, horizonDays: 400, concurrentRuns: 4, queuedRuns: 9, runSeconds: 60, keepRuns: 50, keepRunDays: 7, storageBytes: 100 * 1024 * 1024, writesPerMinute: 30 },
      costLimits: {},
      notices: cpus < 3 ? [`--workers 3: this machine has ${cpus} CPU${cpus === 1 ? '' : 's'}, so ${cpus} worker thread${cpus === 1 ? '' : 's'} will run`] : [],
      allowedOrigins: ['https://pathflow.example.org', 'http://localhost:5173'],
    });
  });

  test('bad options are usage errors that say what was expected', () => {
    expect(parseServeArgs(['--port', 'x'], {})).toBe('serve: --port needs an integer ≥ 0, got "x"');
    expect(parseServeArgs(['--port', '70000'], {})).toBe('serve: --port needs a port 0-65535, got 70000');
    expect(parseServeArgs(['--workers', '0'], {})).toBe('serve: --workers needs an integer ≥ 1, got "0"');
    expect(parseServeArgs(['--max-replications'], {})).toBe('serve: --max-replications needs an integer ≥ 1, got nothing');
    expect(parseServeArgs(['--token', '--port'], {})).toBe('serve: --token needs a token');
    expect(parseServeArgs(['--verbose'], {})).toBe('serve: unknown option "--verbose"');
    expect(parseServeArgs(['--workers', '1000'], {})).toBe('serve: --workers needs an integer ≤ 256 (worker threads), got "1000"');
    expect(parseServeArgs(['--limit', 'staffPerRole=x'], {})).toMatch(/^serve: --limit expected NAME=N/);
    expect(parseServeArgs(['--limit', 'beds=3'], {})).toMatch(/^serve: --limit unknown limit "beds" \(names: staffPerRole, /);
    expect(parseServeArgs(['--limit', 'inSystem=2_000_000'], {})).toMatchObject({ costLimits: { inSystem: 2_000_000 } });
    expect(parseServeArgs(['--keep-runs', '0'], {})).toBe('serve: --keep-runs needs an integer ≥ 1, got "0"');
    expect(parseServeArgs(['--allow-origin', '*'], {})).toBe('serve: --allow-origin needs an origin such as https://pathflow.example.org (scheme, host and port only), got "*"');
    expect(parseServeArgs(['--allow-origin', 'https://a.example/app'], {})).toMatch(/^serve: --allow-origin needs an origin/);
    // The web app is built by npm install, never by serve (Vite is not a run-time dependency).
    expect(parseServeArgs(['--no-ui-build'], {})).toBe('serve: unknown option "--no-ui-build"');
    // The options serve shares with other commands say what they say there (runner/options.ts).
    expect(parseServeArgs(['--redis'], {})).toBe('serve: --redis needs a URL (redis://host:port)');
    expect(parseServeArgs(['--limit'], {})).toBe('serve: --limit needs NAME=N');
    expect(parseServeArgs(['--host='], {})).toBe('serve: --host needs an address');
    expect(parseServeArgs(['--port', '-1'], {})).toBe('serve: --port needs an integer ≥ 0, got "-1"');
    expect(parseServeArgs(['file.yaml'], {})).toBe('serve: unknown option "file.yaml"');
  });

  test('--flag=value is --flag value; given twice, the last counts (but --allow-origin and --limit keep every one)', () => {
    expect(parseServeArgs(['--port=0', '--data=d', '--max-body-kb=8', '--workers=1'], {})).toEqual(parseServeArgs(['--port', '0', '--data', 'd', '--max-body-kb', '8', '--workers', '1'], {}));
    expect(parseServeArgs(['--port', '1', '--port', '2', '--data', 'a', '--data', 'b', '--limit', 'inSystem=5', '--limit', 'events=7'], {}))
      .toMatchObject({ port: 2, dataDir: join(process.cwd(), 'b'), costLimits: { inSystem: 5, events: 7 } });
  });
});

test('a data directory the server creates ignores itself in git; an existing one is left alone', () => {
  const parent = tempDir();
  try {
    openDatabase(join(parent, 'data')).close();
    expect(readFileSync(join(parent, 'data', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    openDatabase(parent).close();
    expect(existsSync(join(parent, '.gitignore'))).toBe(false);
  } finally {
    removeDir(parent);
  }
});

describe('pathflow serve, a real process', () => {
  test('bin/pathflow.js composes the server\'s command into the command line: its usage among the others, its usage errors with its own part', () => {
    const help = spawnSync(process.execPath, [bin, 'help'], { encoding: 'utf8' });
    expect(help.stdout).toContain(`events (default 10,000,000, at most 50,000,000)\n${SERVE_USAGE}  sweep FILE --param`);
    const bad = spawnSync(process.execPath, [bin, 'serve', '--verbose'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.startsWith(`pathflow: serve: unknown option "--verbose"\n\nusage: pathflow ${SERVE_USAGE.slice(2)}`)).toBe(true);
    expect(bad.stderr).toMatch(/\nEvery command: pathflow help\n$/);
    expect(bad.stderr).not.toContain('sweep FILE --param'); // the other commands' usage is `pathflow help`'s
    // serve --help prints its own part and exits: no server is started.
    const own = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect([own.status, own.stderr]).toEqual([0, '']);
    expect(own.stdout.startsWith(`usage: pathflow ${SERVE_USAGE.slice(2)}`)).toBe(true);
    expect(own.stdout).toMatch(/\nlimits \(check, run, [^]*\nEvery command: pathflow help\n$/);
  });

  test('prints its URL, answers, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    try {
      const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', dir, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
          if (m) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error('serve exited before listening')));
      });
      expect((await api(url, 'GET', '/api/health')).body).toMatchObject({ ok: true, runner: { kind: 'local', parallelism: 1 } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      removeDir(dir);
    }
  });
  // Refusing a public address without a token: durability.test.ts, in-process (a second
  // process start costs seconds).
});

describe('the web app', () => {
  test('files from the build listing, index.html for app routes, JSON 404 under /api, nothing outside', async () => {
    const dist = tempDir();
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>pathflow</title>');
    writeFileSync(join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
    const s = await start({ uiDist: dist });
    try {
      const index = await api(s.url, 'GET', '/');
      expect(index).toMatchObject({ status: 200, body: '<!doctype html><title>pathflow</title>' });
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const js = await api(s.url, 'GET', '/assets/main-abc.js');
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(js.headers.get('cache-control')).toContain('immutable');
      expect((await api(s.url, 'GET', '/scenario/ed')).body).toContain('<title>pathflow</title>');
      expect((await api(s.url, 'GET', '/assets/missing.js')).status).toBe(404);
      expect((await api(s.url, 'GET', '/%2e%2e/package.json')).status).toBe(404);
      expect((await api(s.url, 'GET', '/..%2fpackage.json')).status).toBe(404);
      const apiMiss = await api(s.url, 'GET', '/api/missing');
      expect(apiMiss).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      expect((await api(s.url, 'GET', '/api/health')).status).toBe(200);
      // Malformed percent-encoding: a 400, in the app's paths and the API's.
      expect((await api(s.url, 'GET', '/%E0%A4%A')).status).toBe(400);
      expect((await api(s.url, 'GET', '/api/scenarios/%E0%A4%A')).status).toBe(400);

      // Rebuilt while serving: the new listing is picked up (index.html changed).
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>rebuilt</title>');
      writeFileSync(join(dist, 'assets', 'main-def.js'), 'console.log(2)');
      const later = new Date(statSync(join(dist, 'index.html')).mtimeMs + 5000);
      utimesSync(join(dist, 'index.html'), later, later);
      expect((await api(s.url, 'GET', '/')).body).toContain('rebuilt');
      expect((await api(s.url, 'GET', '/assets/main-def.js')).status).toBe(200);
    } finally {
      await s.close();
      removeDir(s.dataDir);
      removeDir(dist);
    }
  });

  test('stale only when ui/ has an app (a checkout) and its build is missing or older than its sources', () => {
    const ui = tempDir();
    try {
      expect(uiIsStale(ui)).toBe(false); // no vite.config.ts (an installed package): nothing to build
      mkdirSync(join(ui, 'src'));
      writeFileSync(join(ui, 'vite.config.ts'), 'export default {}');
      writeFileSync(join(ui, 'src', 'main.tsx'), '');
      expect(uiIsStale(ui)).toBe(true); // no build yet
      mkdirSync(join(ui, 'dist'));
      writeFileSync(join(ui, 'dist', 'index.html'), '');
      const old = new Date(statSync(join(ui, 'dist', 'index.html')).mtimeMs - 60_000);
      for (const f of ['vite.config.ts', 'src/main.tsx', 'src']) utimesSync(join(ui, f), old, old);
      expect(uiIsStale(ui)).toBe(false);
      writeFileSync(join(ui, 'src', 'main.tsx'), 'changed');
      expect(uiIsStale(ui)).toBe(true);
    } finally {
      removeDir(ui);
    }
  });
});
