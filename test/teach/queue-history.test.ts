// The day chart's history: queue steps per place within a day, yesterday kept beside
// today, and a restart (time going back) starting afresh.
import { expect, test } from 'vitest';
import { QueueHistory } from '../../ui/src/teach/queue-history.ts';
import type { Frame } from '../../ui/src/teach/live-run.ts';

const frame = (time: number, queue: number): Frame => ({
  time, ended: false, counters: { arrived: 0, waiting: queue, inService: 0, breaches: 0, done: 0, left: 0 },
  places: [{ capacity: 2, inUse: 2, queue }], serials: new Float64Array(0), where: new Int32Array(0), waiting: new Uint8Array(0),
});

test('queue steps within a day, yesterday kept, restart starts afresh', () => {
  const h = new QueueHistory();
  for (const [t, q] of [[9, 0], [9.5, 6], [10, 6], [11, 0]] as const) h.add(frame(t, q));
  expect(h.today).toEqual({ day: 0, points: [[[9, 0], [9.5, 0], [9.5, 6], [10, 6], [11, 6], [11, 0]]] });
  h.add(frame(24 + 9, 2));
  expect(h.yesterday?.day).toBe(0);
  expect(h.today).toEqual({ day: 1, points: [[[9, 2]]] });
  h.add(frame(48 + 9, 1)); // two days on: day 1 becomes yesterday
  expect(h.yesterday?.day).toBe(1);
  h.add(frame(1, 0)); // restart
  expect([h.today?.day, h.yesterday]).toEqual([0, null]);
});
