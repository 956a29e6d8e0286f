// GET /api/runs/:id/event-log on a real server: the streamed log is byte for byte the one
// `pathflow run --event-log` writes for the same scenario, seed and replication (the
// server runs it in slices of simulated time, waiting for the client: the same events);
// OCEL 2.0 JSON too; maxEvents bounds it; wrong replications, variants, formats and runs
// are refused with the error catalogue's codes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { get, type IncomingMessage } from 'node:http';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { writeEventLog } from '../../runner/event-log/replication-log.ts';
import { api, fixtureDoc, removeDir, start, until } from './harness.ts';

let server: Awaited<ReturnType<typeof start>>;
let base: string;
let id: string;
const doc = fixtureDoc();

beforeAll(async () => {
  server = await start();
  base = server.url;
  const posted = await api(base, 'POST', '/api/runs', { scenario: doc, replications: 2, seed: 7, variants: ['more-acps'] });
  expect(posted.status).toBe(202);
  id = posted.body.id;
  await until(base, id, ['done']);
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

/** The log as the command line writes it, for the fixture. */
function expected(replication: number, format: 'csv' | 'ocel', variant = 'baseline'): string {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error('invalid fixture');
  const parts: string[] = [];
  const utf8 = new TextDecoder();
  const r = writeEventLog(p.value, { format, replication: replication - 1, seed: 7, variant }, (c) => { parts.push(utf8.decode(c, { stream: true })); });
  if (!r.ok) throw new Error('does not compile');
  return parts.join('');
}

describe('GET /api/runs/:id/event-log', () => {
  test('CSV of replication 2: the command line\'s log, byte for byte, as a download', async () => {
    const r = await fetch(`${base}/api/runs/${id}/event-log?replication=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="run-.*-replication-2\.csv"/);
    const text = await r.text();
    expect(text.split('\r\n').length).toBeGreaterThan(100);
    expect(text).toBe(expected(2, 'csv'));
  });

  test('OCEL 2.0 JSON of a variant', async () => {
    const r = await fetch(`${base}/api/runs/${id}/event-log?format=ocel&variant=more-acps`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toBe(expected(1, 'ocel', 'more-acps'));
    const log = JSON.parse(text);
    expect(log.events.length).toBeGreaterThan(100);
  });

  test('maxEvents bounds the log', async () => {
    const r = await fetch(`${base}/api/runs/${id}/event-log?maxEvents=20`);
    expect(r.status).toBe(200);
    expect((await r.text()).trimEnd().split('\r\n')).toHaveLength(21); // the header and 20 events
  });

  test('in the OpenAPI document, with its parameters', async () => {
    const doc = (await api(base, 'GET', '/docs/json')).body;
    const get = doc.paths['/api/runs/{id}/event-log'].get;
    expect(get.parameters.filter((x: { in: string }) => x.in === 'query').map((x: { name: string }) => x.name).sort()).toEqual(['format', 'maxEvents', 'replication', 'variant']);
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['400', '404', '429']));
  });

  test('refused: a replication the run did not have, a variant it did not run, an unknown format or run', async () => {
    const cases: [string, number, string][] = [
      [`/api/runs/${id}/event-log?replication=3`, 400, 'limit_exceeded'],
      [`/api/runs/${id}/event-log?variant=fewer-beds`, 400, 'unknown_variant'],
      [`/api/runs/${id}/event-log?format=xes`, 400, 'validation_failed'],
      [`/api/runs/${id}/event-log?maxEvents=0`, 400, 'validation_failed'],
      [`/api/runs/${id}/event-log?maxEvents=60000000`, 400, 'validation_failed'],
      ['/api/runs/no-such-run/event-log', 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const r = await api(base, 'GET', path);
      expect(r.status, path).toBe(status);
      expect(r.body.error.code, path).toBe(code);
    }
  });
});

test('a client that stops reading an event log is cut off after the idle time, and the one slot is free again', async () => {
  const s = await start({ eventLogIdleMs: 300 });
  try {
    const long = fixtureDoc();
    (long.time as any).horizonDays = 600; // a log of megabytes: more than the socket buffers hold
    const { id: run } = (await api(s.url, 'POST', '/api/runs', { scenario: long, replications: 1, variants: [] })).body;
    await until(s.url, run, ['done'], 120_000);
    // Reads the first chunk, then nothing (nor the connection's end, which it cannot see while paused).
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = get(`${s.url}/api/runs/${run}/event-log`, (r) => r.once('data', () => { r.pause(); resolve(r); }));
      req.once('error', reject);
    });
    expect(res.statusCode).toBe(200);
    // While it holds the slot, others get 429; once the server gives up on it, 200.
    let next = await api(s.url, 'GET', `/api/runs/${run}/event-log?maxEvents=10`);
    for (let i = 0; next.status === 429; i++) {
      if (i === 600) throw new Error('the stalled log held the slot');
      await new Promise((r) => setTimeout(r, 50));
      next = await api(s.url, 'GET', `/api/runs/${run}/event-log?maxEvents=10`);
    }
    expect(next.status).toBe(200);
    expect((next.body as string).trim().split('\n')).toHaveLength(11); // a header and 10 events
    // The stalled log was cut off: read on, it ends without its end.
    const complete = await new Promise<boolean>((resolve) => {
      res.on('error', () => undefined);
      res.once('close', () => resolve(res.complete));
      res.resume();
    });
    expect(complete).toBe(false);
  } finally {
    await s.close();
    removeDir(s.dataDir);
  }
}, 180_000);
