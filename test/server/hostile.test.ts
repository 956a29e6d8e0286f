// Nothing a user sends can take the server down (issue 17). A real `pathflow serve` in a
// child process whose main heap is capped at 256 MB: hostile scenarios — a billion staff,
// a pathway that loops without time passing, one whose compiled steps would multiply, an
// unstable ward run with many replications — are refused or failed with the field or the
// resource named, while GET /api/health is asked again and again and answers every time,
// and a normal run submitted meanwhile completes. Nothing here is timed: a server that did
// the work on its thread would exhaust its heap and stop answering.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { api, Client, fixtureDoc, removeDir, tempDir } from './harness.ts';

const bin = new URL('../../bin/pathflow.js', import.meta.url).pathname;
let child: ChildProcess;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  child = spawn(process.execPath, ['--max-old-space-size=256', bin, 'serve', '--port', '0', '--data', dir, '--workers', '2', '--limit', 'inSystem=100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error('serve exited before listening')));
  });
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  removeDir(dir);
});

/** Asks for /api/health, one request after another, until `work` settles; every answer's status. */
async function healthDuring<T>(work: Promise<T>): Promise<{ result: T; statuses: number[] }> {
  let done = false;
  const settled = work.finally(() => { done = true; });
  const statuses: number[] = [];
  do {
    statuses.push(await fetch(`${base}/api/health`).then((r) => r.status, () => 0));
  } while (!done);
  return { result: await settled, statuses };
}

const hostileStaff = () => {
  const doc = fixtureDoc();
  (doc.sites as any)[0].staff[1].count = 1e9;
  return doc;
};

test('a billion staff: validate, save and run are each refused naming the field, and /api/health answers throughout', async () => {
  const { result, statuses } = await healthDuring(Promise.all([
    api(base, 'POST', '/api/scenarios/validate', { scenario: hostileStaff() }),
    api(base, 'POST', '/api/scenarios', { scenario: hostileStaff() }),
    api(base, 'POST', '/api/runs', { scenario: hostileStaff(), replications: 5 }),
    api(base, 'POST', '/api/runs', { scenario: hostileStaff(), live: true }),
  ]));
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 200)).toBe(true);
  const [validate, save, run, live] = result;
  const issue = { path: 'sites[0].staff[1].count', message: '1,000,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N)' };
  expect(validate).toMatchObject({ status: 200, body: { ok: false, issues: [issue] } });
  for (const r of [save, run, live]) expect(r).toMatchObject({ status: 400, body: { error: { code: 'invalid_scenario', issues: [issue] } } });
}, 180_000);

test('a pathway that loops without time passing, and one whose steps would multiply: refused by the check', async () => {
  const loop = fixtureDoc();
  (loop.pathways as any).minors.unshift({ id: 'again', do: 'branch', options: [{ to: 'again', probability: 1 }] });
  const copies = fixtureDoc();
  const sites = copies.sites as any;
  sites[0].wards.push(...Array.from({ length: 12 }, (_, k) => ({ id: `p${k}`, beds: 2, kind: 'cubicle' })));
  (copies.pathways as any).minors = [
    ...Array.from({ length: 12 }, (_, k) => [
      { id: `b${k}`, do: 'branch', options: [{ to: `t${k}`, probability: 0.5 }, { to: `b${k + 1}`, probability: 0.5 }] },
      { id: `t${k}`, do: 'task', place: `p${k}`, keepPlace: true, duration: { dist: 'exponential', mean: 1 } },
    ]).flat(),
    { id: 'b12', do: 'discharge' },
  ];
  const { result, statuses } = await healthDuring(Promise.all([
    api(base, 'POST', '/api/runs', { scenario: loop, live: true }),
    api(base, 'POST', '/api/runs', { scenario: copies, replications: 2 }),
  ]));
  expect(statuses.every((s) => s === 200)).toBe(true);
  expect(result[0].status).toBe(400);
  expect(result[0].body.error.issues).toContainEqual({ path: 'pathways.minors[0]', message: expect.stringMatching(/^steps "again" → "again" can go round without time passing/) });
  expect(result[1].status).toBe(400);
  expect(result[1].body.error.issues).toContainEqual({ path: 'pathways.minors', message: expect.stringMatching(/reaches its steps holding more than 1,000 different combinations of places/) });
}, 180_000);

test('an unstable ward with many replications fails saying why, while a normal run completes and /api/health answers', async () => {
  const unstable = fixtureDoc();
  (unstable.classes as any)[1].arrivals = { perDay: 20_000 };
  const ws = await Client.open(base);
  try {
    const bad = await api(base, 'POST', '/api/runs', { scenario: unstable, replications: 200 });
    expect(bad.status).toBe(202);
    const good = await api(base, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 2, variants: [] });
    for (const id of [bad.body.id, good.body.id]) ws.send({ type: 'subscribe', runId: id });
    const { result, statuses } = await healthDuring(Promise.all([ws.end(bad.body.id, 170_000), ws.end(good.body.id, 170_000)]));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const [failed, done] = result;
    expect(failed.type).toBe('failed');
    expect(failed.error).toMatch(/^replication \d+ of the baseline exceeded 100,000 patients in the system on day \d+: the model is unstable — ward "medical" at site "dgh" has an offered load of [\d,]+× its 20 beds;/);
    expect(done.type).toBe('done');
  } finally {
    ws.close();
  }
  expect((await api(base, 'GET', '/api/health')).body).toMatchObject({ ok: true });
}, 180_000);
