// Every way a request can fail becomes one readable message: the server's own for a 4xx
// (with its code and issues), "not answering" when it cannot be reached or a proxy says
// so, the token prompt's message for a 401.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError, NEEDS_TOKEN, UNREACHABLE } from '../../ui/src/lib/api.ts';

const reply = (status: number, body: unknown, statusText = '') =>
  vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText }));

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try { await p; } catch (e) { if (e instanceof ApiError) return e; throw e; }
  throw new Error('expected the request to fail');
}

afterEach(() => vi.unstubAllGlobals());

describe('api errors', () => {
  test('a 409 version conflict keeps its code, status and message', async () => {
    vi.stubGlobal('fetch', reply(409, { error: { code: 'version_conflict', message: 'scenario "x" is at version 3, not 2', currentVersion: 3 } }));
    const e = await failure(api.update('x', {}, 2));
    expect([e.status, e.code, e.message]).toEqual([409, 'version_conflict', 'scenario "x" is at version 3, not 2']);
  });
  test('a 400 carries the issues with their paths', async () => {
    vi.stubGlobal('fetch', reply(400, { error: { code: 'invalid_scenario', message: 'invalid', issues: [{ path: 'sites[0].wards[1].beds', message: 'expected an integer ≥ 1, got 0' }] } }));
    const e = await failure(api.create({}));
    expect(e.issues).toEqual([{ path: 'sites[0].wards[1].beds', message: 'expected an integer ≥ 1, got 0' }]);
  });
  test('no connection, or a proxy\'s 502 page: the server is not answering', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect((await failure(api.scenarios())).message).toBe(UNREACHABLE);
    vi.stubGlobal('fetch', reply(502, '<html>Bad gateway</html>', 'Bad Gateway'));
    expect((await failure(api.scenarios())).message).toBe(UNREACHABLE);
  });
  test('a 500 without a body says so, in words', async () => {
    vi.stubGlobal('fetch', reply(500, '', 'Internal Server Error'));
    expect((await failure(api.scenarios())).message).toMatch(/^The server had a problem \(500 Internal Server Error\)/);
  });
  test('a 401 asks for the access token', async () => {
    vi.stubGlobal('fetch', reply(401, { error: { code: 'unauthorized', message: 'needs a token' } }));
    const e = await failure(api.scenarios());
    expect([e.status, e.message]).toEqual([401, NEEDS_TOKEN]);
  });
  test('a JSON body goes with its content type; a GET has none', async () => {
    const f = reply(202, { id: 'r1' });
    vi.stubGlobal('fetch', f);
    await api.startRun({ scenarioId: 'x', replications: 3 });
    const [path, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/runs');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ scenarioId: 'x', replications: 3 });
  });
});
