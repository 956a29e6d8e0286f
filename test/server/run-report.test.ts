// GET /api/runs/:id/report on a real server (port 0): a finished run's STRESS-DES report as
// HTML (every checklist item, the run's replications and seed, this server's machine, no
// script and a CSP that allows nothing to load) and as Markdown; 409 before the run has a
// result, 404 for an unknown run, 400 for an unknown format.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, fixtureDoc, removeDir, start, until } from './harness.ts';
import type { RunningServer } from '../../server/server.ts';
import { STRESS_ITEM_IDS, STRESS_DES } from '../../scenarios/report/checklist.ts';

let server: RunningServer & { dataDir: string };
let runId: string;

beforeAll(async () => {
  server = await start();
  const scenario = fixtureDoc();
  scenario.title = 'Small ED <script>alert(1)</script>';
  const { body } = await api(server.url, 'POST', '/api/runs', { scenario, replications: 4, seed: 7 });
  runId = body.id;
  expect((await until(server.url, runId, ['done', 'failed'], 60_000)).status).toBe('done');
}, 90_000);

afterAll(async () => {
  await server?.close();
  removeDir(server.dataDir);
});

const get = (path: string) => fetch(server.url + path);

describe('GET /api/runs/:id/report', () => {
  test('HTML: every checklist item, the run as it was, the server as its machine, escaped and scriptless', async () => {
    const r = await get(`/api/runs/${runId}/report`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.text();
    for (const s of STRESS_DES) for (const it of s.items) expect(html, it.id).toContain(`<h3 id="item-${it.id.replace(/\./g, '-')}">${it.id} ${it.title}</h3>`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Small ED &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('4 replications');
    expect(html).toContain('pathflow run small-ed.yaml --reps 4 --seed 7 --json');
    expect(html).toContain(`Node.js ${process.version}`);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  test('Markdown: a download with every item', async () => {
    const r = await get(`/api/runs/${runId}/report?format=md`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="stress-des-.*\.md"/);
    const md = await r.text();
    for (const id of STRESS_ITEM_IDS) expect(md).toMatch(new RegExp(`^### ${id.replace(/\./g, '\\.')} `, 'm'));
  });

  test('in the OpenAPI document, with its format', async () => {
    const doc = await (await get('/docs/json')).json() as { paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }> };
    const op = doc.paths['/api/runs/{id}/report']?.get;
    expect(op?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['query:format', 'path:id']));
  });

  test('an unknown run is 404, an unknown format 400 naming the field, a run without a result 409', async () => {
    expect((await api(server.url, 'GET', '/api/runs/nope/report')).status).toBe(404);
    const bad = await api(server.url, 'GET', `/api/runs/${runId}/report?format=pdf`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('format');
    const { body } = await api(server.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 2, live: true });
    const early = await api(server.url, 'GET', `/api/runs/${body.id}/report`);
    await api(server.url, 'POST', `/api/runs/${body.id}/cancel`);
    expect([409, 200]).toContain(early.status); // 200 only if the live run already finished
    if (early.status === 409) expect(early.body.error.code).toBe('conflict');
  });
});
