// What the server keeps and how much room it takes: runs can be deleted (a live one is
// cancelled first), run history is pruned by count and age, saves beyond the storage
// quota are refused (507), and a loop of large posts leaves the database files bounded,
// with deleted space given back to the file system.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/store/db.ts';
import { api, Client, fixtureDoc, removeDir, start, tempDir, until } from './harness.ts';

const MB = 1024 * 1024;

/** The database and its WAL, in bytes: what the data directory takes. */
function databaseBytes(dataDir: string): number {
  const size = (f: string) => { try { return statSync(join(dataDir, f)).size; } catch { return 0; } };
  return size('pathflow.sqlite') + size('pathflow.sqlite-wal');
}

/** The small ED made about 900 KB by its assumptions (the finding: 40 of these grew the database by 37 MB), quick to run. The description is held to 20,000 characters. */
function largeDoc(): Record<string, unknown> {
  const doc = fixtureDoc();
  doc.assumptions = Array.from({ length: 90 }, (_, i) => `${i} `.padEnd(10 * 1024, 'x'));
  (doc.time as any).horizonDays = 10;
  (doc.time as any).warmupDays = 1;
  return doc;
}

const slowDoc = () => {
  const doc = fixtureDoc();
  (doc.time as any).horizonDays = 3000;
  return doc;
};

describe('deleting runs', () => {
  test('a finished run is deleted with its result; a running one is cancelled first (its followers told); cancel is POST …/cancel', async () => {
    const s = await start();
    const ws = await Client.open(s.url);
    try {
      const done = (await api(s.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 1, variants: [] })).body.id;
      await until(s.url, done, ['done']);
      const del = await api(s.url, 'DELETE', `/api/runs/${done}`);
      expect(del.status).toBe(204);
      expect((await api(s.url, 'GET', `/api/runs/${done}`)).status).toBe(404);
      expect((await api(s.url, 'GET', `/api/runs/${done}/result.json`)).status).toBe(404);
      expect((await api(s.url, 'GET', '/api/runs')).body.map((r: any) => r.id)).not.toContain(done);
      expect((await api(s.url, 'DELETE', `/api/runs/${done}`)).status).toBe(404);

      const running = (await api(s.url, 'POST', '/api/runs', { scenario: slowDoc(), replications: 20 })).body.id;
      ws.send({ type: 'subscribe', runId: running });
      await until(s.url, running, ['running']);
      expect((await api(s.url, 'DELETE', `/api/runs/${running}`)).status).toBe(204);
      expect((await ws.end(running)).type).toBe('cancelled');
      expect((await api(s.url, 'GET', `/api/runs/${running}`)).status).toBe(404);

      // Cancelling keeps the run, as a record of what was asked.
      const kept = (await api(s.url, 'POST', '/api/runs', { scenario: slowDoc(), replications: 20 })).body.id;
      await until(s.url, kept, ['running']);
      expect((await api(s.url, 'POST', `/api/runs/${kept}/cancel`)).body).toMatchObject({ id: kept, status: 'cancelled' });
      expect((await api(s.url, 'GET', `/api/runs/${kept}`)).body.status).toBe('cancelled');
    } finally {
      ws.close();
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('retention', () => {
  test('only the newest keepRuns finished runs are kept; health states the policy', async () => {
    const s = await start({ limits: { keepRuns: 2, keepRunDays: 30 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        ids.push((await api(s.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 1, variants: [] })).body.id);
        await until(s.url, ids[i], ['done']);
      }
      expect((await api(s.url, 'GET', '/api/runs')).body.map((r: any) => r.id)).toEqual([ids[3], ids[2]]);
      expect((await api(s.url, 'GET', `/api/runs/${ids[0]}`)).status).toBe(404);
      expect((await api(s.url, 'GET', '/api/health')).body.retention).toMatchObject({ keepRuns: 2, keepRunDays: 30, policy: 'keeps the last 2 finished runs, none older than 30 days; queued and running runs are never removed', deleted: { runs: 2 } });
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('finished runs older than keepRunDays go, queued and running ones stay; a restart with a smaller count prunes at once', async () => {
    const s = await start({ limits: { keepRuns: 100, keepRunDays: 7, concurrentRuns: 1 } });
    let dataDir = s.dataDir;
    try {
      const old = (await api(s.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 1, variants: [] })).body.id;
      await until(s.url, old, ['done']);
      const running = (await api(s.url, 'POST', '/api/runs', { scenario: slowDoc(), replications: 20 })).body.id;
      const queued = (await api(s.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 1, variants: [] })).body.id;
      await until(s.url, running, ['running']);
      // Eight days on (the hourly check, called with that time):
      expect(s.ctx.runs.prune(Date.now() + 8 * 24 * 3600 * 1000)).toBe(1);
      expect((await api(s.url, 'GET', `/api/runs/${old}`)).status).toBe(404);
      expect((await api(s.url, 'GET', `/api/runs/${running}`)).body.status).toBe('running');
      expect((await api(s.url, 'GET', `/api/runs/${queued}`)).body.status).toBe('queued');
      await s.close();

      const again = await start({ dataDir, limits: { keepRuns: 1 } });
      try {
        // The two cut short by the stop are finished (failed): the newer one stays.
        expect((await api(again.url, 'GET', '/api/runs')).body.map((r: any) => r.id)).toEqual([queued]);
      } finally {
        await again.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });
});

describe('the storage quota', () => {
  test('a save or run that would take the data over the quota: 507; deleting makes room, and the file shrinks', async () => {
    const s = await start({ limits: { storageBytes: 6 * MB, concurrentRuns: 1, queuedRuns: 50 } });
    try {
      const ids: string[] = [];
      let refused: any;
      for (let i = 0; i < 20 && !refused; i++) {
        const r = await api(s.url, 'POST', '/api/runs', { scenario: largeDoc(), replications: 1, variants: [] });
        if (r.status === 202) ids.push(r.body.id);
        else refused = r;
      }
      expect(refused.status).toBe(507);
      expect(refused.body.error).toMatchObject({ code: 'insufficient_storage', quotaBytes: 6 * MB, usedBytes: expect.any(Number) });
      expect(refused.body.error.message).toMatch(/^this run's scenario \(90\d KB\) would take this server's storage over its quota of 6\.0 MB \([\d.]+ MB used\): delete runs or scenarios you no longer need/);
      expect(ids.length).toBeGreaterThanOrEqual(4);
      expect(ids.length).toBeLessThanOrEqual(6);
      const saved = await api(s.url, 'POST', '/api/scenarios', { scenario: { ...largeDoc(), id: 'big' } });
      expect(saved.status).toBe(507);
      expect(saved.body.error.code).toBe('insufficient_storage');
      for (const id of ids) await until(s.url, id, ['done']);
      const full = databaseBytes(s.dataDir);
      expect(full).toBeLessThan(6 * MB + 8 * MB); // the quota, and the WAL at most its cap

      for (const id of ids) expect((await api(s.url, 'DELETE', `/api/runs/${id}`)).status).toBe(204);
      // Given back to the file system, not only marked free (free space under 4 MB is kept for reuse).
      const emptied = databaseBytes(s.dataDir);
      expect(emptied).toBeLessThan(4 * MB + 256 * 1024);
      expect(emptied).toBeLessThan(full - 2 * MB);
      expect((await api(s.url, 'POST', '/api/scenarios', { scenario: { ...largeDoc(), id: 'big' } })).status).toBe(201);
      const health = (await api(s.url, 'GET', '/api/health')).body.storage;
      expect(health.quotaBytes).toBe(6 * MB);
      expect(health.usedBytes).toBeGreaterThan(900 * 1024);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('a run whose result would not fit ends failed, saying so, and stores no result', async () => {
    // An empty database takes 32 KB; the small ED's request (3 KB) fits, its result (several KB: KPIs, warnings) does not.
    const s = await start({ limits: { storageBytes: 36 * 1024 } });
    try {
      const id = (await api(s.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 1, variants: [] })).body.id;
      const run = await until(s.url, id, ['done', 'failed']);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/^its result \(\d+ KB\) would take this server's storage over its quota of 36 KB \(\d+ KB used\): delete runs you no longer need, then run it again$/);
      expect(run).not.toHaveProperty('result');
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('40 posts of a 900 KB scenario, one after another: the database stays bounded by the retention policy', async () => {
    const s = await start({ limits: { keepRuns: 3 } });
    try {
      let largest = 0;
      for (let i = 0; i < 40; i++) {
        const r = await api(s.url, 'POST', '/api/runs', { scenario: largeDoc(), replications: 1, variants: [] });
        expect(r.status).toBe(202);
        await until(s.url, r.body.id, ['done']);
        largest = Math.max(largest, databaseBytes(s.dataDir));
      }
      // Three runs of ~0.9 MB kept, free pages under 4 MB before they are given back, a WAL
      // of a few MB between checkpoints; 40 kept would be 36 MB.
      expect(largest).toBeLessThan(16 * MB);
      expect((await api(s.url, 'GET', '/api/runs')).body).toHaveLength(3);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

test('a database made before incremental auto-vacuum is converted when opened, its data kept', () => {
  const dir = tempDir();
  try {
    const old = new Database(join(dir, 'pathflow.sqlite'));
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('a'), ('b');");
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();
    const db = openDatabase(dir);
    try {
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // incremental
      expect(db.prepare('SELECT x FROM kept ORDER BY x').pluck().all()).toEqual(['a', 'b']);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  } finally {
    removeDir(dir);
  }
});
