// `pathflow run` when a replication fails on a worker thread: exit 1 with a clear message,
// the pool closed, no hang. The pool is replaced by one whose second task fails.
import { describe, expect, test, vi } from 'vitest';

const closed = vi.fn(async () => {});
const aborted = vi.fn();
let started = 0;
vi.mock('../../runner/runner.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../runner/runner.ts')>()),
  localRunner: () => {
    let n = 0;
    return {
      parallelism: 2,
      // The second task fails; the others never finish unless aborted.
      run: (_task: unknown, signal?: AbortSignal) => (started++, n++ === 1 ? Promise.reject(new Error('out of cheese')) : new Promise((_, reject) => {
        signal?.addEventListener('abort', () => { aborted(); reject(signal.reason); });
      })),
      close: closed,
    };
  },
}));

const { run } = await import('../../cli/scenario.ts');

describe('pathflow run --workers 2', () => {
  test('a replication that fails on a worker fails the run: exit 1, named, the others stopped, pool closed', async () => {
    const out: string[] = [], err: string[] = [];
    const code = await run({ file: new URL('../fixtures/small-ed.yaml', import.meta.url).pathname, format: 'json', workers: 2, replications: 3 },
      { out: (t) => void out.push(t), err: (t) => void err.push(t) }, false);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('')).toBe('pathflow run: replication 1 of the baseline failed: out of cheese\n');
    expect(closed).toHaveBeenCalledOnce();
    expect(aborted).toHaveBeenCalledTimes(started - 1); // every other one was stopped, not left running
  });
});
