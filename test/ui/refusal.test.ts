// A refused run reads once, without the command line's advice: the server's message repeated
// its first issue under it, and cost limits ended "(raise with --limit staffPerRole=N)".
import { expect, test } from 'vitest';
import { forWeb, refusal } from '../../ui/src/lib/api.ts';

test('command-line advice becomes "a limit of this server"; a sentence starts with a capital', () => {
  expect(forWeb('sites[0].staff[0].shifts[0].count: 1,000,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N)'))
    .toBe('sites[0].staff[0].shifts[0].count: 1,000,000,000 staff exceeds the limit of 10,000 per role (a limit of this server)');
  expect(forWeb('it ran out of memory: a worker thread may use 32 MB (the model is too big, or its queues grow without end; raise with --limit workerMemoryMb=N)'))
    .toBe('It ran out of memory: a worker thread may use 32 MB (the model is too big, or its queues grow without end; a limit of this server)');
  expect(forWeb('the server stopped during this run')).toBe('The server stopped during this run');
  expect(forWeb('x')).not.toMatch(/--limit/);
});

test('the issue the message repeats is said once, in the list', () => {
  const staff = { path: 'sites[0].staff[0].shifts[0].count', message: '1,000,000,000 staff exceeds the limit of 10,000 per role (raise with --limit staffPerRole=N)' };
  expect(refusal(`the scenario is invalid: ${staff.path}: ${staff.message}`, [staff])).toEqual({
    lead: 'The scenario is invalid:',
    issues: [{ path: staff.path, message: '1,000,000,000 staff exceeds the limit of 10,000 per role (a limit of this server)' }],
  });
  const horizon = { path: 'time.horizonDays', message: 'expected ≤ 3660 (this server\'s limit), got 5000' };
  expect(refusal(`${horizon.path}: ${horizon.message}`, [horizon])).toEqual({ lead: '', issues: [horizon] });
  const seed = { path: 'seed', message: 'expected an integer ≤ 9007199254740991, got 100000000000000000000' };
  expect(refusal(`invalid request body: ${seed.path}: ${seed.message} (and 1 more)`, [seed, { path: 'seed', message: 'other' }]).lead).toBe('Invalid request body:');
  // A message without issues stays whole.
  expect(refusal('the server stopped during this run')).toEqual({ lead: 'The server stopped during this run', issues: [] });
});
