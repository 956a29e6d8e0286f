// The web surface (docs/security.md): security headers with a CSP that forbids framing,
// who may call the server (Host on loopback, Origin everywhere, REST and WebSocket alike,
// with a real `ws` client sending a foreign Origin), the access token on /api and /docs,
// and the rate limit on requests that change something.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { api, Client, fixtureDoc, removeDir, start, tempDir } from './harness.ts';

/** A request with headers fetch will not set (Host), answered as parsed JSON. */
function raw(url: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security headers', () => {
  test('every answer (the app, the API, the docs, a refusal) forbids framing and sniffing, with a CSP of this server only', async () => {
    const dist = tempDir();
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>pathflow</title>');
    const s = await start({ uiDist: dist, token: 's3cret' });
    try {
      const auth = { authorization: 'Bearer s3cret' };
      for (const [path, headers, status] of [['/', {}, 200], ['/api/health', auth, 200], ['/docs/json', auth, 200], ['/api/health', {}, 401]] as const) {
        const r = await api(s.url, 'GET', path, undefined, headers);
        expect(r.status, path).toBe(status);
        const csp = r.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).not.toContain('unsafe-eval');
        expect(csp, path).toContain(`connect-src 'self' ws://${new URL(s.url).host} wss://${new URL(s.url).host}`);
        expect(r.headers.get('x-frame-options'), path).toBe('DENY');
        expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
      }
    } finally {
      await s.close();
      removeDir(s.dataDir);
      removeDir(dist);
    }
  });
});

describe('who may call the server', () => {
  test('on loopback, requests addressed to another name (DNS rebinding) are refused', async () => {
    const s = await start();
    try {
      const port = new URL(s.url).port;
      expect(await raw(s.url, '/api/scenarios', { host: 'evil.example:8080' })).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'this server answers requests to localhost only, not to "evil.example:8080"' } } });
      expect((await raw(s.url, '/api/scenarios', { host: `localhost:${port}` })).status).toBe(200);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('a page of another origin, even on this machine at another port, can neither call the API nor open the WebSocket', async () => {
    const s = await start();
    try {
      const own = s.url; // the server's own pages: Origin equals the Host they were served from
      for (const origin of ['https://evil.example', 'http://localhost:3999', 'http://127.0.0.1:1']) {
        const r = await api(s.url, 'POST', '/api/runs', { scenarioId: 'teaching-clinic' }, { origin });
        expect(r.status, origin).toBe(403);
        expect(r.body.error).toEqual({ code: 'forbidden', message: `requests from pages at ${origin} are not accepted (only from this server's own pages; pathflow serve --allow-origin adds others)` });
        await expect(Client.open(s.url, '', { origin })).rejects.toThrow('websocket refused: 403');
      }
      await expect(Client.open(s.url, '', { origin: 'null' })).rejects.toThrow('403');
      expect((await api(s.url, 'GET', '/api/health', undefined, { origin: own })).status).toBe(200);
      (await Client.open(s.url, '', { origin: own })).close();
      (await Client.open(s.url)).close(); // no Origin: not a browser page (scripts, the CLI)
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('--allow-origin lets one more origin in (a dev server, a proxy\'s public name)', async () => {
    const s = await start({ allowedOrigins: ['http://localhost:5173'] });
    try {
      expect((await api(s.url, 'GET', '/api/health', undefined, { origin: 'http://localhost:5173' })).status).toBe(200);
      (await Client.open(s.url, '', { origin: 'http://localhost:5173' })).close();
      await expect(Client.open(s.url, '', { origin: 'http://localhost:5174' })).rejects.toThrow('403');
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('with a token too, the WebSocket refuses a foreign page even when it has the token', async () => {
    const s = await start({ token: 's3cret' });
    try {
      await expect(Client.open(s.url, '?token=s3cret', { origin: 'https://evil.example' })).rejects.toThrow('403');
      (await Client.open(s.url, '?token=s3cret', { origin: s.url })).close();
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

describe('the access token', () => {
  test('/api needs Authorization: Bearer (the socket may take ?token=), whatever the path\'s spelling', async () => {
    const s = await start({ token: 's3cret' });
    try {
      const no = await api(s.url, 'GET', '/api/scenarios');
      expect(no.status).toBe(401);
      expect(no.body.error.code).toBe('unauthorized');
      expect(no.headers.get('www-authenticate')).toBe('Bearer');
      for (const wrong of ['wrong', 's3cre', 's3crets', '']) {
        expect((await api(s.url, 'GET', '/api/scenarios', undefined, { authorization: `Bearer ${wrong}` })).status, wrong).toBe(401);
      }
      // The same route by an encoded path (found by hand: it used to get through).
      expect((await api(s.url, 'GET', '/%61pi/scenarios')).status).toBe(401);
      expect((await api(s.url, 'GET', '/api/scenarios', undefined, { authorization: 'Bearer s3cret' })).status).toBe(200);
      // A browser's remembered Basic password is never taken on /api (other sites' pages would ride on it).
      const basic = `Basic ${Buffer.from('me:s3cret').toString('base64')}`;
      expect((await api(s.url, 'GET', '/api/scenarios', undefined, { authorization: basic })).status).toBe(401);
      await expect(Client.open(s.url)).rejects.toThrow('401');
      (await Client.open(s.url, '?token=s3cret')).close();
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('/docs needs it too: Bearer, or Basic with the token as password (a browser asks for it)', async () => {
    const s = await start({ token: 's3cret' });
    try {
      for (const path of ['/docs', '/docs/json', '/docs/static/index.html', '/%64ocs/json']) {
        const r = await api(s.url, 'GET', path);
        expect(r.status, path).toBe(401);
        expect(r.headers.get('www-authenticate'), path).toBe('Basic realm="pathflow docs", charset="UTF-8"');
      }
      const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`anyone:${password}`).toString('base64')}` });
      expect((await api(s.url, 'GET', '/docs/json', undefined, basic('wrong'))).status).toBe(401);
      expect((await api(s.url, 'GET', '/docs/json', undefined, basic('s3cret'))).status).toBe(200);
      expect((await api(s.url, 'GET', '/docs/json', undefined, { authorization: 'Bearer s3cret' })).body.openapi).toMatch(/^3\./);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  test('DELETE of a run or a saved scenario needs the token like every /api route', async () => {
    const s = await start({ token: 's3cret' });
    const auth = { authorization: 'Bearer s3cret' };
    try {
      expect((await api(s.url, 'POST', '/api/scenarios', { scenario: { ...fixtureDoc(), id: 'mine' } }, auth)).status).toBe(201);
      expect((await api(s.url, 'DELETE', '/api/scenarios/mine')).status).toBe(401);
      expect((await api(s.url, 'DELETE', '/api/scenarios/mine', undefined, auth)).status).toBe(204);
      const { id } = (await api(s.url, 'POST', '/api/runs', { scenario: fixtureDoc(), replications: 1, variants: [] }, auth)).body;
      expect((await api(s.url, 'DELETE', `/api/runs/${id}`)).status).toBe(401);
      expect((await api(s.url, 'DELETE', `/api/runs/${id}`, undefined, auth)).status).toBe(204);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('rate limits', () => {
  test('requests that change something: at most N a minute from one address, then 429 in the catalogue\'s shape; reads and checks are not counted', async () => {
    const s = await start({ limits: { writesPerMinute: 3 } });
    try {
      for (let i = 0; i < 3; i++) expect((await api(s.url, 'DELETE', '/api/scenarios/none')).status).toBe(404); // counted, though refused
      const limited = await api(s.url, 'POST', '/api/scenarios', { scenario: fixtureDoc() });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^more than 3 requests that change something in a minute from this address: try again in \d+ (seconds?|minute)$/) } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api(s.url, 'POST', '/api/runs', { scenarioId: 'teaching-clinic' })).status).toBe(429);
      expect((await api(s.url, 'GET', '/api/scenarios')).status).toBe(200);
      expect((await api(s.url, 'POST', '/api/scenarios/validate', { scenario: fixtureDoc() })).body).toEqual({ ok: true });
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});
