// `pathflow worker`: its arguments, and a Redis that cannot be reached at start (exit 1 at
// once, the URL named with its password masked, nothing left running).
import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import { parseWorkerArgs, worker } from '../../../cli/worker.ts';
import { freePort } from './redis-server.ts';

describe('pathflow worker', () => {
  test('arguments: --redis or PATHFLOW_REDIS_URL, integers ≥ 1, nothing unknown', () => {
    // Above this machine's CPU count the concurrency is capped, with a notice (runner/counts.ts).
    expect(parseWorkerArgs(['--redis', 'redis://h:1', '--concurrency', '3'], {})).toMatchObject({ redis: 'redis://h:1', concurrency: Math.min(3, availableParallelism()) });
    expect(parseWorkerArgs(['--lock-duration=2000', '--stalled-interval', '1000'], { PATHFLOW_REDIS_URL: 'redis://e:2' }))
      .toMatchObject({ redis: 'redis://e:2', concurrency: 1, lockDuration: 2000, stalledInterval: 1000 });
    expect(parseWorkerArgs([], {})).toBe('worker: which queue? (--redis URL, or PATHFLOW_REDIS_URL)');
    expect(parseWorkerArgs(['--redis', 'redis://h:1', '--concurrency', '0'], {})).toBe('worker: --concurrency needs an integer ≥ 1, got "0"');
    expect(parseWorkerArgs(['--redis'], {})).toBe('worker: --redis needs a URL (redis://host:port)');
    expect(parseWorkerArgs(['--redis', 'redis://h:1', '--threads', '2'], {})).toBe('worker: unknown option "--threads"');
  });

  test('Redis down at start: exit 1 (no retrying for ever), the URL named, the password not', async () => {
    const port = await freePort();
    const err: string[] = [];
    const code = await worker({ redis: `redis://:hunter2@127.0.0.1:${port}`, concurrency: 1 }, { out: () => {}, err: (t) => void err.push(t) });
    expect(code).toBe(1);
    expect(err.join('')).toBe(`pathflow worker: cannot reach Redis at redis://:***@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });
});
