// `pathflow` as it runs: compiled JavaScript (dist/) alone. Each command runs with a preload
// (test/fixtures/forbid-build-tools.mjs) that fails the process, main thread or worker
// thread, on any load of tsx, esbuild, Vite, TypeScript or a .ts file. The same with an
// installed tarball and no dev dependencies at all: scripts/check-package.js (CI).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { api, Client, removeDir, tempDir } from '../server/harness.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'pathflow.js');
const forbid = fileURLToPath(new URL('../fixtures/forbid-build-tools.mjs', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const pathflow = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', forbid, bin, ...args], { cwd: tmpdir(), encoding: 'utf8' });

describe('compiled code only, no build tool loaded', () => {
  test('the preload does refuse a build tool', () => {
    const r = spawnSync(process.execPath, ['--import', forbid, '--input-type=module', '-e', "await import('esbuild')"], { cwd: root, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('a build tool at run time: esbuild');
  });

  test('--version', () => {
    const r = pathflow('--version');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`pathflow ${version}\n`);
  });

  test('run on two worker threads: a library scenario, every variant', () => {
    const r = pathflow('run', join(root, 'scenarios/library/teaching-clinic.yaml'), '--reps', '2', '--workers', '2', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { replications: number; variants: { id: string }[] };
    expect(doc.replications).toBe(2);
    expect(doc.variants.map((v) => v.id)).toEqual(['baseline', 'on-time', 'third-clinician']);
  }, 60_000);

  test('validate on two worker threads (the reference cases\' worker)', () => {
    const r = pathflow('validate', join(root, 'validation/examples/clinic-mm2.json'), '--jobs', '2', '--smoke', '20');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\n\d+ passed, \d+ failed\n$/);
  }, 60_000);

  test('serve: the library (found from dist/), and a run on its worker thread', async () => {
    const data = tempDir();
    const child = spawn(process.execPath, ['--import', forbid, bin, 'serve', '--port', '0', '--data', data, '--workers', '1'], { cwd: data, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
          if (m) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error(`serve exited before listening: ${stderr}`)));
      });
      expect((await api(url, 'GET', '/api/health')).body).toMatchObject({ ok: true, version });
      const library = (await api(url, 'GET', '/api/scenarios')).body as { id: string }[];
      expect(library.map((s) => s.id)).toContain('teaching-clinic');
      const ws = await Client.open(url);
      try {
        const { id } = (await api(url, 'POST', '/api/runs', { scenarioId: 'teaching-clinic', replications: 2, variants: [] })).body as { id: string };
        ws.send({ type: 'subscribe', runId: id });
        expect((await ws.end(id, 60_000)).type).toBe('done');
      } finally {
        ws.close();
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/build tool|TypeScript at run time/);
    } finally {
      child.kill('SIGKILL');
      removeDir(data);
    }
  }, 60_000);
});

test('without dist/, pathflow says to build, without a stack', () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(bin, join(dir, 'bin', 'pathflow.js'));
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'pathflow.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pathflow: not built (${join(dir, 'dist', 'cli', 'main.js')} is missing): run npm run build in ${dir}/\n`);
  } finally {
    removeDir(dir);
  }
});
