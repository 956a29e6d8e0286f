// What survives a stop: saved scenarios (with their versions) and finished runs (with
// their results), after a clean restart and after kill -9 of a server process in the
// middle of a run, which then reads as failed ("the server stopped during this run").
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, test } from 'vitest';
import { INTERRUPTED } from '../../server/store/runs.ts';
import { api, fixtureDoc, removeDir, start, tempDir, until } from './harness.ts';

const slowDoc = () => {
  const doc = fixtureDoc();
  (doc.time as any).horizonDays = 3000;
  return doc;
};

describe('durability', () => {
  test('a clean restart on the same data directory keeps scenarios, versions and results; a run cut short is failed', async () => {
    const dataDir = tempDir();
    try {
      const first = await start({ dataDir });
      const doc = { ...fixtureDoc(), id: 'kept' };
      await api(first.url, 'POST', '/api/scenarios', { scenario: doc });
      await api(first.url, 'PUT', '/api/scenarios/kept', { scenario: { ...doc, title: 'Kept, v2' }, version: 1 });
      const done = (await api(first.url, 'POST', '/api/runs', { scenarioId: 'kept', replications: 2, variants: [] })).body.id;
      const finished = await until(first.url, done, ['done']);
      const cut = (await api(first.url, 'POST', '/api/runs', { scenario: slowDoc(), replications: 20 })).body.id;
      await until(first.url, cut, ['running']);
      await first.close();

      const second = await start({ dataDir });
      try {
        expect(second.recovered).toBe(0); // close() recorded the cut run itself
        const kept = (await api(second.url, 'GET', '/api/scenarios/kept')).body;
        expect(kept).toMatchObject({ source: 'user', version: 2, scenario: { title: 'Kept, v2' } });
        expect((await api(second.url, 'GET', `/api/runs/${done}`)).body).toStrictEqual(finished);
        expect((await api(second.url, 'GET', `/api/runs/${cut}`)).body).toMatchObject({ status: 'failed', error: INTERRUPTED });
        // And the restarted server runs again.
        const again = (await api(second.url, 'POST', '/api/runs', { scenarioId: 'kept', replications: 2, variants: [] })).body.id;
        expect((await until(second.url, again, ['done'])).result).toStrictEqual(finished.result);
      } finally {
        await second.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });

  test('kill -9 during a run loses only that run: saved scenarios intact, the run failed', async () => {
    const dataDir = tempDir();
    // A server in a child process, as `pathflow serve` runs it, that we can kill outright.
    const script = join(dataDir, 'serve.mts'); // .mts: an ES module wherever it lies (top-level await)
    writeFileSync(script, `import { startServer } from ${JSON.stringify(new URL('../../server/server.ts', import.meta.url).pathname)};
const s = await startServer({ port: 0, dataDir: process.argv[2], workers: 2, uiDist: null });
console.log(s.url);\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', script, join(dataDir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', () => reject(new Error('the server process exited before listening')));
      });
      const doc = { ...fixtureDoc(), id: 'survivor' };
      expect((await api(url, 'POST', '/api/scenarios', { scenario: doc })).status).toBe(201);
      expect((await api(url, 'PUT', '/api/scenarios/survivor', { scenario: { ...doc, title: 'Survivor, v2' }, version: 1 })).status).toBe(200);
      const finished = (await api(url, 'POST', '/api/runs', { scenarioId: 'survivor', replications: 2, variants: [] })).body.id;
      const result = (await until(url, finished, ['done'])).result;
      const doomed = (await api(url, 'POST', '/api/runs', { scenario: slowDoc(), replications: 20 })).body.id;
      await until(url, doomed, ['running']);

      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const after = await start({ dataDir: join(dataDir, 'data') });
      try {
        expect(after.recovered).toBe(1);
        expect((await api(after.url, 'GET', '/api/scenarios/survivor')).body).toEqual({ id: 'survivor', source: 'user', version: 2, scenario: { ...doc, title: 'Survivor, v2' } });
        expect((await api(after.url, 'GET', `/api/runs/${finished}`)).body).toMatchObject({ status: 'done', result });
        const lost = (await api(after.url, 'GET', `/api/runs/${doomed}`)).body;
        expect(lost).toMatchObject({ status: 'failed', error: INTERRUPTED });
        expect(lost.finishedAt).toEqual(expect.any(String));
      } finally {
        await after.close();
      }
    } finally {
      child.kill('SIGKILL');
      removeDir(dataDir);
    }
  });
});

describe('access', () => {
  test('with a token, /api needs Authorization: Bearer (the socket may take ?token=); docs stay open', async () => {
    const s = await start({ token: 's3cret' });
    try {
      const no = await api(s.url, 'GET', '/api/scenarios');
      expect(no.status).toBe(401);
      expect(no.body.error.code).toBe('unauthorized');
      expect((await api(s.url, 'GET', '/api/scenarios', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
      // The same route by an encoded path (found by hand: it used to get through).
      expect((await api(s.url, 'GET', '/%61pi/scenarios')).status).toBe(401);
      expect((await api(s.url, 'GET', '/api/scenarios', undefined, { authorization: 'Bearer s3cret' })).status).toBe(200);
      const { Client } = await import('./harness.ts');
      await expect(Client.open(s.url)).rejects.toThrow('401');
      const ws = await Client.open(s.url, '?token=s3cret');
      ws.close();
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('on loopback, requests addressed to another name (DNS rebinding) or from pages elsewhere are refused', async () => {
    const s = await start();
    try {
      const port = new URL(s.url).port;
      // fetch cannot set Host: a raw request can.
      const withHost = (host: string) => new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/scenarios', headers: { host } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(await withHost('evil.example:8080')).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'this server answers requests to localhost only, not to "evil.example:8080"' } } });
      expect((await withHost(`localhost:${port}`)).status).toBe(200);
      const cross = await api(s.url, 'POST', '/api/runs', { scenarioId: 'teaching-clinic' }, { origin: 'https://evil.example' });
      expect(cross.status).toBe(403);
      expect((await api(s.url, 'GET', '/api/health', undefined, { origin: 'http://localhost:5173' })).status).toBe(200); // the app's dev server
      const { Client } = await import('./harness.ts');
      await expect(Client.open(s.url, '', { origin: 'https://evil.example' })).rejects.toThrow('403');
      (await Client.open(s.url, '', { origin: s.url })).close();
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('refuses to listen beyond loopback without a token', async () => {
    const dataDir = tempDir();
    try {
      await expect(start({ dataDir, host: '0.0.0.0' })).rejects.toThrow('refusing to listen on 0.0.0.0 without an access token');
    } finally {
      removeDir(dataDir);
    }
  });
});
