// The event log streamed to a reader that never says "wait" (GET /api/runs/:id/event-log
// on the server's own thread, a fast client): a day of 100,000 arrivals must not be written
// in one piece of the thread's time. Before, the replication ran a simulated day at a time
// and gave the thread back only when the reader was full, so one busy day (4 million
// arrivals: 715 MB of CSV) held the server's thread for over a minute (/api/health
// unanswered) and its whole text in memory. Now it runs in slices of bounded work, giving
// the thread back after each, and the bytes are still those the command line writes.
// Nothing is timed: what is measured is how much text is written between two turns of the
// event loop.
import { expect, test } from 'vitest';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { streamEventLog, writeEventLog } from '../../../runner/event-log/replication-log.ts';

const busyDay = {
  id: 'busy-day', title: 'A day of 100,000 walk-ins',
  time: { horizonDays: 1, warmupDays: 0, replications: 1, seed: 1 },
  sites: [{ id: 'dgh', wards: [{ id: 'cubicles', beds: 1000, kind: 'cubicle' }] }],
  classes: [{ id: 'walkin', site: 'dgh', arrivals: { perDay: 100_000 }, pathway: 'p' }],
  pathways: { p: [{ id: 'see', do: 'task', place: 'cubicles', duration: { dist: 'exponential', mean: 1, unit: 'minutes' } }, { id: 'home', do: 'discharge' }] },
};

test('a busy day streamed to a fast reader: the thread is given back every few hundred kB, and the bytes are the command line\'s', async () => {
  const p = parseScenario(busyDay);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  const utf8 = new TextDecoder();
  let cli = '';
  const w = writeEventLog(p.value, { format: 'csv', replication: 0, seed: 1 }, (c) => { cli += utf8.decode(c, { stream: true }); });
  expect(w.ok).toBe(true);

  // A timer that keeps coming back counts the turns of the event loop the log leaves free.
  let sinceTurn = 0, mostBetweenTurns = 0, turns = 0, finished = false;
  const tick = () => { turns++; sinceTurn = 0; if (!finished) setTimeout(tick, 0); };
  setTimeout(tick, 0);
  let streamed = '';
  const s = await streamEventLog(p.value, { format: 'csv', replication: 0, seed: 1 }, {
    write: (c) => {
      streamed += utf8.decode(c, { stream: true });
      sinceTurn += c.length;
      mostBetweenTurns = Math.max(mostBetweenTurns, sinceTurn);
      return true;
    },
    drain: async () => {},
    stopped: () => false,
  });
  finished = true;
  expect(s.ok && !s.value.stopped).toBe(true);
  expect(streamed).toBe(cli);
  expect(cli.length).toBeGreaterThan(20e6); // the day's log: about 28 MB
  // Slices of about 2,000 events (runner/event-log/replication-log.ts, SLICE_EVENTS): a few hundred kB.
  expect(mostBetweenTurns).toBeLessThan(1e6);
  expect(turns).toBeGreaterThan(10);
}, 120_000);
