// POST /api/runs with `precision`: the same stopping rule as `pathflow run --precision`
// (runner/precision.ts), on the server's runner; bounded by the server's replication limit;
// refused, naming the field, where it cannot apply.
import { describe, expect, test } from 'vitest';
import { api, Client, fixtureDoc, removeDir, start, until } from './harness.ts';

/** The small ED without variants, 28 measured days: `arrivals[minors]` is Poisson(840) a replication. */
function doc(): Record<string, unknown> {
  const d = fixtureDoc();
  d.time = { horizonDays: 35, warmupDays: 7, replications: 5, seed: 1 };
  d.variants = [];
  return d;
}

describe('a run sized to a precision', () => {
  test('stops where every judged KPI is within the target and says so in the result; the bad requests name their field', async () => {
    const s = await start();
    try {
      const id = (await api(s.url, 'POST', '/api/runs', { scenario: doc(), precision: { relative: 0.02, kpis: ['arrivals[minors]'], maxReplications: 80 } })).body.id;
      const run = await until(s.url, id, ['done'], 60_000);
      // t·√840/√n ≤ 0.02 × 840 needs n of about 13: from 5, it stops at 10, 20 or 40.
      expect([10, 20, 40]).toContain(run.result.replications);
      expect(run.result.precision).toMatchObject({ target: '±2%', kpis: ['arrivals[minors]'], maxReplications: 80, met: true, notMet: [] });
      const e = run.result.variants[0].kpis['arrivals[minors]'];
      expect((e.ciHigh - e.ciLow) / 2).toBeLessThanOrEqual(0.02 * e.mean);

      const tooMany = await api(s.url, 'POST', '/api/runs', { scenario: doc(), precision: { relative: 0.05, maxReplications: 1e6 } });
      expect(tooMany.status).toBe(400);
      expect(JSON.stringify(tooMany.body)).toMatch(/precision\.maxReplications/);
      const both = await api(s.url, 'POST', '/api/runs', { scenario: doc(), precision: { relative: 0.05, absolute: 1 } });
      expect(both.status).toBe(400);
      expect(JSON.stringify(both.body)).toMatch(/precision\.relative.*give exactly one of relative and absolute/);
      const live = await api(s.url, 'POST', '/api/runs', { scenario: doc(), live: true, precision: { relative: 0.05 } });
      expect(live.status).toBe(400);
      expect(JSON.stringify(live.body)).toMatch(/precision.*a live run is one replication/);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  }, 90_000);

  test('the WebSocket tells each batch as the rule judged it: replications doubling, the judged estimates narrowing to the stop, the last as in the result', async () => {
    // One run at a time: the precision run waits in the queue behind a long run until this
    // client has subscribed, then the long run is cancelled; every batch is then seen live.
    const s = await start({ limits: { concurrentRuns: 1 } });
    const ws = await Client.open(s.url);
    try {
      const blocker = (await api(s.url, 'POST', '/api/runs', { scenario: doc(), replications: 500 })).body.id;
      const id = (await api(s.url, 'POST', '/api/runs', { scenario: doc(), precision: { relative: 0.02, kpis: ['arrivals[minors]'], maxReplications: 80 } })).body.id;
      ws.send({ type: 'subscribe', runId: id });
      await ws.next((m) => m.type === 'state' && m.run.id === id);
      await api(s.url, 'POST', `/api/runs/${blocker}/cancel`);
      const done = await ws.end(id, 60_000);
      expect(done.type).toBe('done');
      const batches = ws.messages.filter((m) => m.type === 'precision' && m.runId === id);
      const n = done.result.replications;
      // 5, 10, … up to where it stopped: one message per batch, in order, the last the stop.
      expect(batches.map((b) => b.replications)).toEqual([5, 10, 20, 40].filter((k) => k <= n));
      expect(batches.map((b) => b.stopped)).toEqual(batches.map((_, i) => i === batches.length - 1));
      const last = batches.at(-1);
      expect(last).toMatchObject({ target: '±2%', maxReplications: 80, met: true, notMet: 0, truncated: false });
      expect(done.result.precision.met).toBe(true);
      for (const b of batches) {
        expect(b.estimates.map((e: any) => e.kpi)).toEqual(['arrivals[minors]']);
        const e = b.estimates[0];
        expect(e.target).toBeCloseTo(0.02 * Math.abs(e.mean), 9);
        expect(e.met).toBe(e.halfWidth <= e.target);
        expect(b.met).toBe(e.met);
      }
      expect(batches[0].met).toBe(false); // 5 replications are not enough (about 13 are needed)
      const final = done.result.variants[0].kpis['arrivals[minors]'];
      expect(last.estimates[0]).toMatchObject({ variant: 'baseline', mean: final.mean, halfWidth: (final.ciHigh - final.ciLow) / 2 });
      // A page that subscribes after the end still gets every batch, between the state and the end.
      const late = await Client.open(s.url);
      try {
        late.send({ type: 'subscribe', runId: id });
        await late.end(id);
        expect(late.messages.map((m) => m.type)).toEqual(['state', ...batches.map(() => 'precision'), 'done']);
        expect(late.messages.filter((m) => m.type === 'precision')).toEqual(batches);
      } finally {
        late.close();
      }
      // Its event log: any replication it ran, the last batch's included; none beyond.
      const log = await api(s.url, 'GET', `/api/runs/${id}/event-log?replication=${n}&maxEvents=50`);
      expect(log.status).toBe(200);
      expect((await api(s.url, 'GET', `/api/runs/${id}/event-log?replication=${n + 1}&maxEvents=50`)).status).toBe(400);
    } finally {
      ws.close();
      await s.close();
      removeDir(s.dataDir);
    }
  }, 120_000);
});
