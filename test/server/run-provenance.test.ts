// A run keeps what was run: the exact scenario document (baseline and every variant) is
// returned with the run, with the stored scenario version it came from; editing or
// deleting that scenario afterwards changes neither the document nor the result. Run
// history is pruned to the retention policy, which the listing, a pruned run's 404 and
// the health answer all state.
import { describe, expect, test } from 'vitest';
import { parseServeArgs } from '../../server/command.ts';
import { api, fixtureDoc, removeDir, start, until } from './harness.ts';

/** The small ED, quick to run (one replication, a short horizon). */
function quickDoc(): Record<string, unknown> {
  const doc = fixtureDoc();
  (doc.time as any).horizonDays = 14;
  (doc.time as any).warmupDays = 2;
  // A fraction that text could round: kept exactly.
  ((doc.sites as any[])[0].staff as any[])[0].hourlyCost = 31.370000000000001;
  (doc.variants as any[])[0].description = 'one more advanced clinical practitioner';
  return doc;
}

/** The same document with its keys in another order: the same version. */
function reordered(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).reverse());
}

describe('the document a run ran is kept with it', () => {
  test('returned with the run, with the version it came from; a later edit or deletion of the scenario changes neither it nor the result', async () => {
    const s = await start();
    try {
      const doc = quickDoc();
      expect((await api(s.url, 'POST', '/api/scenarios', { scenario: doc })).body).toEqual({ id: 'small-ed', version: 1 });

      const byId = (await api(s.url, 'POST', '/api/runs', { scenarioId: 'small-ed', replications: 1 })).body.id;
      const sameInline = (await api(s.url, 'POST', '/api/runs', { scenario: reordered(doc), replications: 1 })).body.id;
      const edited = structuredClone(doc);
      ((edited.sites as any[])[0].wards as any[])[1].beds += 2;
      const unsaved = (await api(s.url, 'POST', '/api/runs', { scenario: edited, replications: 1 })).body.id;
      const before = await until(s.url, byId, ['done']);
      await until(s.url, sameInline, ['done']);
      await until(s.url, unsaved, ['done']);

      expect(before.scenario).toEqual(doc);
      expect(before.variants).toEqual(['more-acps', 'fewer-beds']);
      expect(before.origin).toEqual({ source: 'user', version: 1, edited: false, currentVersion: 1 });
      expect((await api(s.url, 'GET', `/api/runs/${sameInline}`)).body.origin).toEqual({ source: 'user', version: 1, edited: false, currentVersion: 1 });
      const unsavedRun = (await api(s.url, 'GET', `/api/runs/${unsaved}`)).body;
      expect(unsavedRun.origin).toEqual({ source: 'user', version: 1, edited: true, currentVersion: 1 });
      expect(unsavedRun.scenario).toEqual(edited);
      // The history carries where each run came from, not the documents.
      const listed = (await api(s.url, 'GET', '/api/runs')).body;
      expect(listed.find((r: any) => r.id === byId)).toMatchObject({ origin: { source: 'user', version: 1, edited: false } });
      expect(listed.every((r: any) => r.scenario === undefined && r.result === undefined)).toBe(true);

      // The scenario is edited: the run still has what it ran, and says the scenario has moved on.
      const changed = structuredClone(doc);
      (changed.variants as any[])[1].patch.sites.dgh.wards.medical.beds = 12;
      expect((await api(s.url, 'PUT', '/api/scenarios/small-ed', { scenario: changed, version: 1 })).body.version).toBe(2);
      const afterEdit = (await api(s.url, 'GET', `/api/runs/${byId}`)).body;
      expect(afterEdit.scenario).toEqual(doc);
      expect(afterEdit.origin).toEqual({ source: 'user', version: 1, edited: false, currentVersion: 2 });
      expect(afterEdit.result).toEqual(before.result);

      // And deleted: the same again, the scenario's version now null.
      expect((await api(s.url, 'DELETE', '/api/scenarios/small-ed')).status).toBe(204);
      const afterDelete = (await api(s.url, 'GET', `/api/runs/${byId}`)).body;
      expect(afterDelete.scenario).toEqual(doc);
      expect(afterDelete.origin).toEqual({ source: 'user', version: 1, edited: false, currentVersion: null });
      expect(afterDelete.result).toEqual(before.result);
      expect((await api(s.url, 'GET', `/api/runs/${byId}/result.csv`)).status).toBe(200);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('a library scenario is version 1 of the library; a document never saved has no origin', async () => {
    const s = await start();
    try {
      const [lib] = (await api(s.url, 'GET', '/api/scenarios')).body.filter((x: any) => x.source === 'library');
      const libDoc = (await api(s.url, 'GET', `/api/scenarios/${lib.id}`)).body.scenario;
      const fromLibrary = (await api(s.url, 'POST', '/api/runs', { scenarioId: lib.id, replications: 1, variants: [] })).body.id;
      const never = quickDoc();
      never.id = 'never-saved';
      const inline = (await api(s.url, 'POST', '/api/runs', { scenario: never, replications: 1, variants: [] })).body.id;
      const a = (await api(s.url, 'GET', `/api/runs/${fromLibrary}`)).body;
      expect(a.origin).toEqual({ source: 'library', version: 1, edited: false, currentVersion: 1 });
      expect(a.scenario).toEqual(libDoc);
      const b = (await api(s.url, 'GET', `/api/runs/${inline}`)).body;
      expect(b.origin).toBeUndefined();
      expect(b.scenario).toEqual(never);
      await until(s.url, fromLibrary, ['done', 'failed', 'cancelled']);
      await until(s.url, inline, ['done']);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('retention', () => {
  test('the oldest finished runs beyond the limit are deleted, and the listing, their 404 and health say so', async () => {
    const s = await start({ limits: { keepRuns: 2, keepRunDays: 30 } });
    try {
      const policy = 'keeps the last 2 finished runs, none older than 30 days; queued and running runs are never removed';
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        ids.push((await api(s.url, 'POST', '/api/runs', { scenario: quickDoc(), replications: 1, variants: [] })).body.id);
        await until(s.url, ids[i], ['done']);
      }
      const listing = await api(s.url, 'GET', '/api/runs');
      expect(listing.body.map((r: any) => r.id)).toEqual([ids[3], ids[2]]);
      expect(listing.headers.get('pathflow-retention')).toBe(policy);
      for (const old of ids.slice(0, 2)) {
        const gone = await api(s.url, 'GET', `/api/runs/${old}`);
        expect(gone.status).toBe(404);
        expect(gone.body.error.message).toBe(`no run with id "${old}": it was deleted, or never existed (this server ${policy})`);
      }
      const health = (await api(s.url, 'GET', '/api/health')).body.retention;
      expect(health).toMatchObject({ keepRuns: 2, keepRunDays: 30, policy, deleted: { runs: 2 } });
      expect(Date.parse(health.deleted.lastAt)).not.toBeNaN();
      // The runs kept still have their documents.
      expect((await api(s.url, 'GET', `/api/runs/${ids[2]}`)).body.scenario.id).toBe('small-ed');
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('the policy from the environment (PATHFLOW_KEEP_RUNS, PATHFLOW_KEEP_RUN_DAYS); an option wins; a bad value names the variable', () => {
    const env = { PATHFLOW_KEEP_RUNS: '25', PATHFLOW_KEEP_RUN_DAYS: '7' };
    expect(parseServeArgs([], env)).toMatchObject({ limits: { keepRuns: 25, keepRunDays: 7 } });
    expect(parseServeArgs(['--keep-runs', '3'], env)).toMatchObject({ limits: { keepRuns: 3, keepRunDays: 7 } });
    expect(parseServeArgs([], { PATHFLOW_KEEP_RUNS: '0' })).toBe('serve: PATHFLOW_KEEP_RUNS needs a whole number ≥ 1 (as --keep-runs), got "0"');
    expect(parseServeArgs([], { PATHFLOW_KEEP_RUN_DAYS: 'ten' })).toBe('serve: PATHFLOW_KEEP_RUN_DAYS needs a whole number ≥ 1 (as --keep-run-days), got "ten"');
  });
});
