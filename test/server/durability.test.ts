// What survives a stop: saved scenarios (with their versions) and finished runs (with
// their results), after a clean restart, after kill -9 of a server process in the middle
// of a run, which then reads as failed ("the server stopped during this run"), and after
// kill -9 in the middle of a stream of writes: every save that was acknowledged is there.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { INTERRUPTED } from '../../server/store/runs.ts';
import { api, fixtureDoc, removeDir, start, tempDir, until } from './harness.ts';

const slowDoc = () => {
  const doc = fixtureDoc();
  (doc.time as any).horizonDays = 3000;
  return doc;
};

/** A server in a child process, as `pathflow serve` runs it, that we can kill outright. */
async function childServer(dataDir: string) {
  const script = join(dataDir, 'serve.mts'); // .mts: an ES module wherever it lies (top-level await)
  writeFileSync(script, `import { startServer } from ${JSON.stringify(new URL('../../server/server.ts', import.meta.url).pathname)};
const s = await startServer({ port: 0, dataDir: process.argv[2], workers: 2, uiDist: null });
console.log(s.url);\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', script, join(dataDir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('the server process exited before listening')));
  });
  return { child, url, exited };
}

/** The database's own check of its pages and indexes. */
function integrity(dataDir: string): string {
  const db = new Database(join(dataDir, 'pathflow.sqlite'), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

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
    const { child, url, exited } = await childServer(dataDir);
    try {
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

  test('kill -9 in the middle of a stream of saves: every acknowledged save is there, whole, and the database is intact', async () => {
    const dataDir = tempDir();
    const { child, url, exited } = await childServer(dataDir);
    try {
      // 100 saves of ~150 KB sent at once; the server is killed when 10 answers are in, with the rest being written.
      const docs = Array.from({ length: 100 }, (_, i) => ({ ...fixtureDoc(), id: `save-${i}`, assumptions: [`${i} `.repeat(50_000).slice(0, 150_000)] }));
      const acknowledged: typeof docs = [];
      await Promise.all(docs.map((doc) => api(url, 'POST', '/api/scenarios', { scenario: doc }).then((r) => {
        if (r.status === 503) return; // more checks waiting than the server queues: refused, not acknowledged (and not saved)
        if (r.status !== 201) throw new Error(`save ${doc.id}: ${r.status}`);
        acknowledged.push(doc);
        if (acknowledged.length === 10) child.kill('SIGKILL');
      }, () => { /* the connection was cut by the kill: not acknowledged, may or may not be saved */ })));
      expect(await exited).toBe('SIGKILL');
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);
      expect(acknowledged.length).toBeLessThan(docs.length); // the kill came mid-stream

      expect(integrity(join(dataDir, 'data'))).toBe('ok');
      const after = await start({ dataDir: join(dataDir, 'data') });
      try {
        for (const doc of acknowledged) {
          expect((await api(after.url, 'GET', `/api/scenarios/${doc.id}`)).body, doc.id).toEqual({ id: doc.id, source: 'user', version: 1, scenario: doc });
        }
        // Saves committed but not yet answered may be there too; nothing else, and each whole.
        const saved = (await api(after.url, 'GET', '/api/scenarios')).body.filter((x: any) => x.source === 'user');
        expect(saved.length).toBeGreaterThanOrEqual(acknowledged.length);
        for (const x of saved) expect((await api(after.url, 'GET', `/api/scenarios/${x.id}`)).body.scenario).toEqual(docs.find((d) => d.id === x.id));
      } finally {
        await after.close();
      }
    } finally {
      child.kill('SIGKILL');
      removeDir(dataDir);
    }
  });
});
