// How many replications go in one job: enough to keep the job cost small, few enough to
// keep every worker busy to the end.
import { expect, test } from 'vitest';
import { autoChunk, CHUNK } from '../../../runner/queue/chunks.ts';

test('jobs of CHUNK replications when there is plenty of work, of 1 when workers outnumber it', () => {
  expect(autoChunk(600, 2)).toBe(CHUNK); // a laptop and a friend: overhead first
  expect(autoChunk(600, 200)).toBe(1); // 100 machines: 600 jobs, 3 per worker
  expect(autoChunk(600, 40)).toBe(3); // 20 machines: about 4 jobs per worker
  expect(autoChunk(3, 0)).toBe(1); // no worker yet: still at least 1
});
