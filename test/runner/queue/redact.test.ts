// Credentials in Redis URLs never reach a message: the one redaction used by the runner,
// the worker and the CLI.
import { describe, expect, test } from 'vitest';
import { redactText, redactUrl } from '../../../runner/queue/redact.ts';
import { redisError, redisOptions } from '../../../runner/queue/connection.ts';

describe('redactUrl', () => {
  test.each([
    ['redis://:secret@host:6379', 'redis://:***@host:6379'],
    ['rediss://user:pass@cache.example.org:6380/2', 'rediss://user:***@cache.example.org:6380/2'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://:p%40ss%3Aw0rd@host', 'redis://:***@host'],
    ['redis://host?password=hunter2', 'redis://host?***'],
    ['redis://:se cret@ho st', 'redis://***@ho st'], // not a URL: masked all the same
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  test('redactText masks the URL and the password, raw and decoded, wherever they appear', () => {
    const url = 'redis://:p%40ss@host:1';
    const text = `cannot reach ${url}: AUTH p@ss failed (p%40ss)`;
    expect(redactText(text, url)).toBe('cannot reach redis://:***@host:1: AUTH *** failed (***)');
  });

  test('a bad URL and a driver error are reported without the password', () => {
    expect(() => redisOptions('http://:topsecret@host')).toThrow('not a Redis URL: http://:***@host/ (expected redis:// or rediss://)');
    expect(() => redisOptions('redis://:topsecret@host/abc')).toThrow('the path must be a database number');
    expect(redisError('redis://u:topsecret@h:1', 'cannot reach', new Error('WRONGPASS topsecret')).message)
      .toBe('cannot reach Redis at redis://u:***@h:1: WRONGPASS ***');
  });

  test('rediss:// turns TLS on, with the host as server name', () => {
    expect(redisOptions('rediss://user:pw@cache.example.org:6380/3')).toEqual({
      host: 'cache.example.org', port: 6380, db: 3, username: 'user', password: 'pw', tls: { servername: 'cache.example.org' },
    });
    expect(redisOptions('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
  });
});
