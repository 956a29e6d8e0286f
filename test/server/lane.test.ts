// A check thread's turns (server/checks/lane.ts): the time limit counts a task's own
// running time, never its wait behind others, and a full queue answers 503 busy at once.
// Fake timers: the clock moves only when the test says, so nothing here depends on speed.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { lane } from '../../server/checks/lane.ts';
import { ApiError } from '../../server/errors.ts';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

/** Work that ends when the test calls `finish`, or rejects when its signal aborts. */
function controlled() {
  let started = false;
  let finish!: (v: string) => void;
  const work = (signal: AbortSignal) => {
    started = true;
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  };
  return { work, finish: (v: string) => finish(v), get started() { return started; } };
}
const failed = (m: string, late: boolean) => `${late ? 'late' : 'failed'}: ${m}`;

test('a task waiting behind a slow one gets its whole time limit from its own start', async () => {
  const l = lane(8, 10);
  const slow = controlled();
  const next = controlled();
  const a = l.timed(slow.work, 10, failed, 'the first');
  const b = l.timed(next.work, 10, failed, 'the second');
  await vi.advanceTimersByTimeAsync(9_000);
  expect(next.started).toBe(false); // one at a time
  slow.finish('first done');
  expect(await a).toBe('first done');
  await vi.advanceTimersByTimeAsync(0);
  expect(next.started).toBe(true);
  // 9 s already passed since it was asked for; its own 10 s start now.
  await vi.advanceTimersByTimeAsync(9_000);
  next.finish('second done');
  expect(await b).toBe('second done');
});

test('a task over its own time limit is stopped and the next one starts', async () => {
  const l = lane(8, 10);
  const stuck = controlled();
  const next = controlled();
  const a = l.timed(stuck.work, 10, failed, 'the scenario');
  const b = l.timed(next.work, 10, failed, 'the other');
  await vi.advanceTimersByTimeAsync(10_000);
  expect(await a).toBe("late: checking the scenario took longer than this server's limit of 10 s, and was stopped");
  expect(next.started).toBe(true);
  next.finish('ok');
  expect(await b).toBe('ok');
});

test('beyond the tasks allowed to wait: 503 busy with a retry time, at once; a running experiment\'s step still waits', async () => {
  const l = lane(2, 7);
  const first = controlled();
  const tasks = [l.timed(first.work, 10, failed, 'x'), l.timed(controlled().work, 10, failed, 'x'), l.timed(controlled().work, 10, failed, 'x')];
  expect(l.waiting).toBe(2);
  const refused = await l.timed(controlled().work, 10, failed, 'x').catch((e) => e);
  expect(refused).toBeInstanceOf(ApiError);
  expect(refused).toMatchObject({ status: 503, code: 'busy', retryAfterSeconds: 7, message: 'the server is busy checking other scenarios (2 waiting): try again in 7 s' });
  void l.timed(controlled().work, 10, failed, 'x', true);
  expect(l.waiting).toBe(3);
  first.finish('done');
  expect(await tasks[0]).toBe('done');
  await vi.advanceTimersByTimeAsync(30_000);
  await Promise.all(tasks);
  expect(l.waiting).toBe(0);
});
