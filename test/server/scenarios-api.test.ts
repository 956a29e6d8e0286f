// The scenario routes on a real server: the library, validation with paths (schema and
// cross-reference), saving with versions, read-only library, and bad input answered with a
// 4xx in the catalogue's shape — never a 500.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { MAX_DEPTH, nesting } from '../../server/json-body.ts';
import { api, fixtureDoc, removeDir, start } from './harness.ts';

let server: Awaited<ReturnType<typeof start>>;
let base: string;

beforeAll(async () => {
  server = await start({ limits: { bodyBytes: 64 * 1024 } });
  base = server.url;
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

describe('library', () => {
  test('lists every library file by its own id, with title and description', async () => {
    const r = await api(base, 'GET', '/api/scenarios');
    expect(r.status).toBe(200);
    const files = readdirSync(new URL('../../scenarios/library/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
    const library = r.body.filter((s: any) => s.source === 'library');
    expect(library).toHaveLength(files.length);
    const clinic = library.find((s: any) => s.id === 'teaching-clinic');
    expect(clinic).toMatchObject({ source: 'library', version: 1, title: 'Teaching model: a clinic that starts late' });
    expect(clinic.description).toMatch(/clinic/);
    expect(clinic.question).toMatch(/late start/);
  });

  test('get returns the document as written, without defaults filled in', async () => {
    const r = await api(base, 'GET', '/api/scenarios/teaching-clinic');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'teaching-clinic', source: 'library', version: 1 });
    expect(r.body.scenario.id).toBe('teaching-clinic');
    expect(r.body.scenario.time.horizonDays).toBe(28);
  });

  test('library scenarios are read-only', async () => {
    const put = await api(base, 'PUT', '/api/scenarios/teaching-clinic', { scenario: fixtureDoc(), version: 1 });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('read_only');
    const del = await api(base, 'DELETE', '/api/scenarios/teaching-clinic');
    expect(del.status).toBe(403);
    expect(del.body.error.code).toBe('read_only');
    const clash = await api(base, 'POST', '/api/scenarios', { scenario: { ...fixtureDoc(), id: 'teaching-clinic' } });
    expect(clash.status).toBe(409);
  });

  test('an id that names a file is only looked up, never opened', async () => {
    for (const id of ['..%2F..%2Fpackage.json', 'teaching-clinic.yaml', '%2Fetc%2Fpasswd']) {
      const r = await api(base, 'GET', `/api/scenarios/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
  });
});

describe('validate', () => {
  test('a valid scenario', async () => {
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenario: fixtureDoc() });
    expect(r).toMatchObject({ status: 200, body: { ok: true } });
  });

  test('schema issues with paths as the CLI prints them', async () => {
    const doc = fixtureDoc();
    (doc.sites as any)[0].wards[1].beds = 0;
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenario: doc });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: false, issues: [{ path: 'sites[0].wards[1].beds', message: 'expected an integer ≥ 1, got 0' }] });
  });

  test('1,000 options: one issue at variants (each was checked as a whole scenario: 20,000 in a 1 MB body took minutes)', async () => {
    const doc = fixtureDoc();
    doc.variants = Array.from({ length: 1_000 }, (_, i) => ({ id: `v${i}`, name: `o${i}`, patch: {} }));
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenario: doc });
    expect(r.body).toEqual({ ok: false, issues: [{ path: 'variants', message: 'expected at most 50 options, got 1000: each is checked, compiled and run as a scenario of its own' }] });
  });

  test('cross-reference issues found when compiling (a skill nobody has)', async () => {
    const doc = fixtureDoc();
    (doc.pathways as any).minors[0].skill = 'treat-minors';
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenario: doc });
    expect(r.body.ok).toBe(false);
    expect(r.body.issues).toHaveLength(1);
    expect(r.body.issues[0].path).toBe('pathways.minors[0].skill');
    expect(r.body.issues[0].message).toMatch(/treat-minors/);
  });

  test('a document with several kinds of mistake: every issue in one pass, as `pathflow check` prints them', async () => {
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenario: fixtureDoc('several-mistakes') });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "sites[0].wards[0].kind: expected "ward" or "cubicle" or "chair" or "trolley", got "cubical": did you mean "cubicle"?",
        "sites[0].wards[1].bedz: unknown field: did you mean "beds"?",
        "sites[0].wards[1].beds: missing: expected an integer",
        "sites[0].staff[1].hourlyCost: expected a number, got "45"",
        "classes[0].pathway: unknown pathway "minor": did you mean "minors"? (known: minors, majors)",
        "pathways.majors[2].ward: unknown ward "medicl" at site "dgh": did you mean "medical"? (known: cubicles, medical)",
        "variants[1].patch.sites.dgh.wards.cubicle: no ward "cubicle" to change: did you mean "cubicles"? (known: cubicles, medical; to add a new ward, write its key as "+cubicle")",
      ]
    `);
  });

  test('a body without a scenario is a 400 naming the field', async () => {
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenaro: {} });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.issues).toEqual([
      { path: 'scenario', message: 'missing: expected an object' },
      { path: 'scenaro', message: 'unknown field: did you mean "scenario"?' },
    ]);
  });
});

describe('saved scenarios', () => {
  test('save, list, get, update with the version, stale update 409, delete', async () => {
    const doc = { ...fixtureDoc(), id: 'my-ed', title: 'My ED' };
    const created = await api(base, 'POST', '/api/scenarios', { scenario: doc });
    expect(created).toMatchObject({ status: 201, body: { id: 'my-ed', version: 1 } });
    expect((await api(base, 'POST', '/api/scenarios', { scenario: doc })).status).toBe(409);

    const list = await api(base, 'GET', '/api/scenarios');
    expect(list.body).toContainEqual({ id: 'my-ed', title: 'My ED', description: '', source: 'user', version: 1 });
    await api(base, 'POST', '/api/scenarios', { scenario: { ...doc, id: 'asking', question: 'Does it help?' } });
    expect((await api(base, 'GET', '/api/scenarios')).body).toContainEqual(expect.objectContaining({ id: 'asking', question: 'Does it help?' }));
    expect((await api(base, 'GET', '/api/scenarios/my-ed')).body).toEqual({ id: 'my-ed', source: 'user', version: 1, scenario: doc });

    const edited = { ...doc, title: 'My ED, edited' };
    const updated = await api(base, 'PUT', '/api/scenarios/my-ed', { scenario: edited, version: 1 });
    expect(updated).toMatchObject({ status: 200, body: { id: 'my-ed', version: 2 } });
    // A second editor still on version 1 cannot overwrite silently.
    const stale = await api(base, 'PUT', '/api/scenarios/my-ed', { scenario: doc, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect((await api(base, 'GET', '/api/scenarios/my-ed')).body.scenario.title).toBe('My ED, edited');

    const renamed = await api(base, 'PUT', '/api/scenarios/my-ed', { scenario: { ...doc, id: 'other' }, version: 2 });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.issues).toEqual([{ path: 'id', message: 'expected "my-ed" (the scenario being updated), got "other"' }]);

    expect((await api(base, 'DELETE', '/api/scenarios/my-ed')).status).toBe(204);
    expect((await api(base, 'GET', '/api/scenarios/my-ed')).status).toBe(404);
    expect((await api(base, 'DELETE', '/api/scenarios/my-ed')).status).toBe(404);
    expect((await api(base, 'PUT', '/api/scenarios/my-ed', { scenario: doc, version: 2 })).status).toBe(404);
  });

  test('an invalid scenario cannot be saved: 400 with every issue', async () => {
    const doc = { ...fixtureDoc(), id: 'broken' };
    (doc as any).sites[0].wards[0].beds = -1;
    delete (doc as any).title;
    const r = await api(base, 'POST', '/api/scenarios', { scenario: doc });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_scenario');
    expect(r.body.error.issues).toEqual(expect.arrayContaining([
      { path: 'title', message: 'missing: expected a string' },
      { path: 'sites[0].wards[0].beds', message: 'expected an integer ≥ 1, got -1' },
    ]));
    expect((await api(base, 'GET', '/api/scenarios/broken')).status).toBe(404);
  });
});

describe('bad input is a 4xx in one shape, never a 500', () => {
  test('invalid JSON', async () => {
    const r = await api(base, 'POST', '/api/scenarios/validate', '{"scenario": {');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });

  test('a body over the limit: 413', async () => {
    const r = await api(base, 'POST', '/api/scenarios/validate', { scenario: { ...fixtureDoc(), description: 'x'.repeat(70 * 1024) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('body_too_large');
  });

  test('a body that is not JSON: 415', async () => {
    const r = await api(base, 'POST', '/api/scenarios', 'id: x', { 'content-type': 'text/yaml' });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });

  test('wrong types name the field', async () => {
    const r = await api(base, 'PUT', '/api/scenarios/x', { scenario: [], version: 'one' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual(expect.arrayContaining([{ path: 'version', message: 'expected an integer, got "one"' }, { path: 'scenario', message: 'expected an object, got an empty list' }]));
  });

  test('unknown routes answer JSON 404', async () => {
    const r = await api(base, 'GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  test('an id the routes cannot reach cannot be saved; a path with a longer one, or bad %-escapes, answers in the catalogue\'s shape', async () => {
    const longest = { ...fixtureDoc(), id: 'b'.repeat(64) };
    expect((await api(base, 'POST', '/api/scenarios', { scenario: longest })).status).toBe(201);
    expect((await api(base, 'GET', `/api/scenarios/${longest.id}`)).body.id).toBe(longest.id);
    expect((await api(base, 'DELETE', `/api/scenarios/${longest.id}`)).status).toBe(204);
    const tooLong = await api(base, 'POST', '/api/scenarios', { scenario: { ...fixtureDoc(), id: 'b'.repeat(65) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues).toEqual([{ path: 'id', message: 'expected an id of at most 64 characters, got 65' }]);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await api(base, method, `/api/scenarios/${'b'.repeat(101)}`, method === 'PUT' ? { scenario: fixtureDoc(), version: 1 } : undefined);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: { code: 'not_found', message: expect.stringMatching(/^the path "\/api\/scenarios\/b+…" names an id over 64 characters: no scenario, run or experiment has one$/) } });
    }
    for (const path of ['/api/scenarios/%ff', '/api/runs/%c0%ae']) {
      const r = await api(base, 'GET', path);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: { code: 'bad_request', message: `the path "${path}" is not valid URL encoding (a %-escape that is not UTF-8)` } });
    }
  });

  test('health and the OpenAPI document', async () => {
    const h = await api(base, 'GET', '/api/health');
    expect(h.body).toEqual({
      ok: true, version: expect.any(String), runner: { kind: 'local', parallelism: 2 },
      retention: { keepRuns: 200, keepRunDays: 90, policy: 'keeps the last 200 finished runs, none older than 90 days; queued and running runs are never removed', deleted: { runs: 0 } },
      storage: { usedBytes: expect.any(Number), quotaBytes: 1024 * 1024 * 1024 },
    });
    const doc = await api(base, 'GET', '/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/scenarios', '/api/scenarios/{id}', '/api/runs', '/api/runs/{id}']));
    expect(doc.body.paths['/api/runs'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('replications');
  });
});

describe('JSON bodies', () => {
  test('an empty JSON body on a DELETE is no body; prototype keys are refused', async () => {
    await api(base, 'POST', '/api/scenarios', { scenario: { ...fixtureDoc(), id: 'empty-body' } });
    expect((await api(base, 'DELETE', '/api/scenarios/empty-body', '', { 'content-type': 'application/json' })).status).toBe(204);
    const r = await api(base, 'POST', '/api/scenarios/validate', '{"scenario": {"__proto__": {"x": 1}}}');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });
});

/** Bodies with __proto__ or constructor keys are refused as a whole (tested above): not what this property is about. */
const noPrototypeKeys = (v: unknown) => !/"(__proto__|constructor)":/.test(JSON.stringify(v));

describe('hostile and random input', () => {
  test('a key given twice in one object is refused with its path (JSON.parse would keep the last silently), as in a scenario file', async () => {
    const text = JSON.stringify({ scenario: fixtureDoc() }).replace('"id":"small-ed"', '"id":"small-ed","id":"other"');
    expect(text).toContain('"id":"other"');
    const r = await api(base, 'POST', '/api/scenarios/validate', text);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
    expect(r.body.error.issues).toEqual([{ path: 'scenario.id', message: expect.stringMatching(/^not valid JSON at line 1, column \d+: the key "id" is given twice in one object \(first at line 1\)$/) }]);
    expect(r.body.error.message).toMatch(/^the body gives a key twice: scenario\.id: /);
  });

  test('a body nested deeper than any scenario is refused before parsing (it would overflow the stack: a 500)', async () => {
    // Under this server's 64 KiB body limit, and still deep enough to overflow the stack.
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    for (const [path, body] of [['/api/scenarios/validate', `{"scenario":${deep}}`], ['/api/runs', `{"scenario":{"x":${'['.repeat(30_000)}${']'.repeat(30_000)}}}`]]) {
      const r = await api(base, 'POST', path, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual({ code: 'limit_exceeded', message: `the body nests objects and lists more than ${MAX_DEPTH} levels deep; no scenario needs that many` });
    }
    // Every library scenario is far inside the limit, and brackets inside strings do not count.
    for (const s of (await api(base, 'GET', '/api/scenarios')).body.filter((x: any) => x.source === 'library')) {
      expect(nesting(JSON.stringify((await api(base, 'GET', `/api/scenarios/${s.id}`)).body))).toBeLessThan(MAX_DEPTH / 3);
    }
    expect(nesting('{"a":"[[[[{{{{"}')).toBe(1);
  });

  test('any value at any place of a scenario: validate answers 200 and save 201 or 400, never a 500', async () => {
    const leaves: (string | number)[][] = [];
    const walk = (x: unknown, path: (string | number)[]) => {
      if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, [...path, Array.isArray(x) ? Number(k) : k]);
      leaves.push(path);
    };
    walk(fixtureDoc(), []);
    let saved = 0;
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: leaves.length - 1 }), fc.jsonValue({ maxDepth: 3 }).filter(noPrototypeKeys), async (at, value) => {
      const doc: any = fixtureDoc();
      const path = leaves[at];
      let o = doc;
      for (const k of path.slice(0, -1)) o = o[k];
      o[path.at(-1)!] = value;
      const v = await api(base, 'POST', '/api/scenarios/validate', { scenario: doc });
      expect(v.status).toBe(200);
      const s = await api(base, 'POST', '/api/scenarios', { scenario: { ...doc, id: `fuzz-${saved}` } });
      expect([201, 400]).toContain(s.status);
      if (s.status === 201) saved++;
      else expect(s.body.error.issues.length).toBeGreaterThan(0);
      // Valid exactly when validate said so.
      expect(s.status === 201).toBe(v.body.ok);
    }), { numRuns: 60, seed: 6 });
  });
});
