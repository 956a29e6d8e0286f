// `pathflow sweep` when a replication fails wherever it runs: exit 1 with the replication
// and the point named, every other task stopped (their workers freed), the runner closed.
// The runner is replaced by one whose second task fails and whose others never finish
// unless aborted.
import { expect, test, vi } from 'vitest';
import { fileURLToPath } from 'node:url';

const closed = vi.fn(async () => {});
const aborted = vi.fn();
let started = 0;
vi.mock('../../runner/open.ts', () => ({
  openRunner: async () => ({
    parallelism: 2,
    run: (_task: unknown, signal?: AbortSignal) => (started++ === 1 ? Promise.reject(new Error('out of cheese')) : new Promise((_, reject) => {
      signal?.addEventListener('abort', () => { aborted(); reject(signal.reason); });
    })),
    close: closed,
  }),
}));

const { main } = await import('../../cli/main.ts');
const fixture = fileURLToPath(new URL('../fixtures/small-ed.yaml', import.meta.url));

test('a failed replication fails the sweep: exit 1, named, the others stopped, the runner closed', async () => {
  const out: string[] = [], err: string[] = [];
  const code = await main(['sweep', fixture, '--param', 'sites[dgh].wards[medical].beds=16,20', '--kpi', 'arrivals[majors]', '--reps', '3', '--workers', '2'],
    { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  expect(code).toBe(1);
  expect(out).toEqual([]);
  expect(err.join('')).toBe('pathflow sweep: replication 1 at sites[dgh].wards[medical].beds=16 failed: out of cheese\n');
  expect(started).toBe(6); // every (point, replication) task was handed over at once
  expect(aborted).toHaveBeenCalledTimes(5);
  expect(closed).toHaveBeenCalledOnce();
});
