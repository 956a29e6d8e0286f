// The token comparison takes the same path whatever was sent: fixed-length SHA-256 digests
// compared by timingSafeEqual, so a wrong guess of another length is not answered faster
// (which would tell the token's length). Watched through node:crypto itself, on a real
// server: every refusal and every acceptance compares two 32-byte digests.
import { afterEach, describe, expect, test, vi } from 'vitest';

const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.push([a.byteLength, b.byteLength]);
    return crypto.timingSafeEqual(a, b);
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});

const { api, removeDir, start } = await import('./harness.ts');

afterEach(() => {
  compared.length = 0;
});

describe('token comparison', () => {
  test('a guess of any length, or none, is compared as a 32-byte digest', async () => {
    const s = await start({ token: 'a-long-enough-s3cret' });
    try {
      for (const guess of ['x', 'a-long-enough-s3cre', 'a-long-enough-s3cret-and-more', 'A-LONG-ENOUGH-S3CRET']) {
        compared.length = 0;
        expect((await api(s.url, 'GET', '/api/health', undefined, { authorization: `Bearer ${guess}` })).status, guess).toBe(401);
        expect(compared.length, guess).toBeGreaterThan(0);
        expect(compared.every(([a, b]) => a === 32 && b === 32), guess).toBe(true);
      }
      compared.length = 0;
      expect((await api(s.url, 'GET', '/api/health')).status).toBe(401);
      expect(compared).toContainEqual([32, 32]);
      compared.length = 0;
      expect((await api(s.url, 'GET', '/api/health', undefined, { authorization: 'Bearer a-long-enough-s3cret' })).status).toBe(200);
      expect(compared).toEqual([[32, 32]]);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});
